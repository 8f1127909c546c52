"""The record after a session: attendance with the X% rule, activity per person, CSV exports."""
import csv
import io
from datetime import timedelta

import pytest

from lms.extensions import db
from lms.live import record
from lms.live.models import Hand, LiveSession, Presence
from lms.timeutil import utcnow
from tests import factories


@pytest.fixture
def ended(classroom):
    """A 100-minute session that has ended, with connection records for the trainees."""
    live_session = classroom["session"]
    start = utcnow().replace(microsecond=0) - timedelta(hours=3)
    live_session.starts_at = live_session.opened_at = start
    live_session.ends_at = start + timedelta(minutes=100)
    live_session.state, live_session.closed_at = "ended", start + timedelta(minutes=100)
    an, mai, han = classroom["trainees"]

    def visit(user, begin, end, sid, role="trainee"):
        db.session.add(Presence(session_id=live_session.id, user_id=user.id, sid=sid, role=role,
                                joined_at=start + timedelta(minutes=begin),
                                left_at=start + timedelta(minutes=end),
                                last_seen_at=start + timedelta(minutes=end)))
    visit(an, -5, 40, "a1")      # came early, dropped off the bus Wi-Fi ...
    visit(an, 42, 101, "a2")     # ... and came back two minutes later
    visit(an, 50, 60, "a3")      # a second tab at the same time counts once
    visit(mai, 0, 60, "m1")      # left at the break
    visit(classroom["lecturer"], 0, 100, "l1", role="lead")
    db.session.add(Hand(session_id=live_session.id, user_id=mai.id))
    db.session.commit()
    return live_session


def rows_by_name(live_session):
    return {row.name: row for row in record.attendance(live_session)}


def test_minutes_percent_and_the_rule(app, classroom, ended):
    rows = rows_by_name(ended)
    an, mai, han = rows["Nguyễn Văn An"], rows["Hoàng Thị Mai"], rows["Lý Thị Hân"]
    assert (an.minutes, an.percent, an.present, an.connections) == (98, 98, True, 3)
    assert (mai.minutes, mai.percent, mai.present, mai.hands) == (60, 60, False, 1)
    assert (han.minutes, han.connections, han.present) == (0, 0, False)  # absent, but listed
    assert rows["Giảng viên Đức"].role == "lead"
    assert list(rows)[0] == "Giảng viên Đức"  # lecturers first
    assert record.summary(list(rows.values())) == {"trainees": 3, "joined": 2, "present": 1}
    assert "Người ngoài" not in rows


@pytest.mark.parametrize("percent, present", [(60, True), (61, False)])
def test_the_percentage_is_the_sessions_own(app, classroom, ended, percent, present):
    ended.attendance_percent = percent
    db.session.commit()
    assert rows_by_name(ended)["Hoàng Thị Mai"].present is present


def test_a_connection_whose_process_died_ends_at_its_last_refresh(app, classroom, ended):
    stale = Presence(session_id=ended.id, user_id=classroom["trainees"][2].id, sid="dead",
                     joined_at=ended.opened_at,
                     last_seen_at=ended.opened_at + timedelta(minutes=80))
    db.session.add(stale)
    db.session.commit()
    assert rows_by_name(ended)["Lý Thị Hân"].minutes == 80


def test_the_record_page_and_csv_exports(app, client, classroom, ended, connect):
    assert client.post("/login", data={"email": classroom["lecturer"].email,
                                       "password": factories.PASSWORD}).status_code == 302
    page = client.get(f"/live/sessions/{ended.id}/record").text
    for text in ("Điểm danh và mức độ tham gia", "Nguyễn Văn An", "Lý Thị Hân", "vắng",
                 "Nội dung trò chuyện", "Giơ tay phát biểu"):
        assert text in page
    response = client.get(f"/live/sessions/{ended.id}/record.csv?table=attendance")
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:])))
    assert table[0][:3] == ["Tên", "Email", "Đơn vị"]
    by_name = {row[0]: row for row in table[1:]}
    assert by_name["Nguyễn Văn An"][7:10] == ["98", "98", "có"]
    assert by_name["Lý Thị Hân"][9] == "không"
    for table_name in ("chat", "qa", "polls", "quiz"):
        assert client.get(f"/live/sessions/{ended.id}/record.csv?table={table_name}"
                          ).status_code == 200
    assert client.get(f"/live/sessions/{ended.id}/record.csv?table=users").status_code == 404


def test_csv_cells_cannot_run_as_formulas(app, client, classroom, connect):
    trainee = connect(classroom["trainees"][0])
    trainee.join(classroom["session"])
    assert trainee.emit("chat_send", {"body": '=HYPERLINK("http://x")'})["ok"]
    client.post("/login", data={"email": classroom["lecturer"].email,
                                "password": factories.PASSWORD})
    text = client.get(f"/live/sessions/{classroom['session'].id}/record.csv?table=chat"
                      ).get_data(as_text=True)
    assert "'=HYPERLINK" in text


def test_the_record_is_for_lecturers_only(app, client, classroom, ended):
    client.post("/login", data={"email": classroom["trainees"][0].email,
                                "password": factories.PASSWORD})
    assert client.get(f"/live/sessions/{ended.id}/record").status_code == 403
    assert client.get(f"/live/sessions/{ended.id}/record.csv").status_code == 403


def test_a_full_session_leaves_a_complete_record(app, client, classroom, connect):
    """Everything done in the room shows on the record page afterwards."""
    lead, an = connect(classroom["lecturer"]), connect(classroom["trainees"][0])
    lead.join(classroom["session"])
    an.join(classroom["session"])
    an.emit("chat_send", {"body": "Em chào thầy"})
    an.emit("qa_ask", {"body": "Đối thoại định kỳ mấy lần một năm?"})
    an.emit("hand_raise", {})
    poll = lead.emit("poll_create", {"question": "Đã hiểu chưa?", "options": ["Rồi", "Chưa"]})
    an.emit("poll_vote", {"poll": poll["poll"]["id"], "choices": [0]})
    item = lead.emit("quiz_push", {"question": "tra-luong-cham", "seconds": 20})["item"]
    an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})
    lead.emit("quiz_close", {"item": item["id"]})
    lead.emit("groups_start", {"count": 1, "roles": ["Chủ tịch CĐCS"]})
    client.post("/login", data={"email": classroom["lecturer"].email,
                                "password": factories.PASSWORD})
    client.post(f"/live/sessions/{classroom['session'].id}/end")
    assert db.session.get(LiveSession, classroom["session"].id).state == "ended"
    page = client.get(f"/live/sessions/{classroom['session'].id}/record").text
    for text in ("Em chào thầy", "Đối thoại định kỳ mấy lần một năm?", "Đã hiểu chưa?",
                 "Trả lương chậm", "Bảng xếp hạng", "Nhóm 1", "(Chủ tịch CĐCS)"):
        assert text in page, text
    row = rows_by_name(db.session.get(LiveSession, classroom["session"].id))["Nguyễn Văn An"]
    assert (row.messages, row.questions, row.hands, row.poll_answers, row.quiz_answers) == (
        1, 1, 1, 1, 1)
    assert row.quiz_points > 0
