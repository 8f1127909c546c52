"""Scheduling sessions, the session and room pages, calendars, home panels, module activities."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from courses.activities import module_activities
from courses.models import Course
from lms.extensions import db
from lms.live.demo import seed_live_sessions
from lms.live.models import LiveSession, Presence
from lms.timeutil import utcnow
from tests import factories

FORM = {"title": "Ôn tập tranh chấp lao động", "starts_at": "2026-12-01T08:00",
        "ends_at": "2026-12-01T09:30", "module_id": "", "external_url": "",
        "attendance_percent": "80", "description": "Hỏi đáp cuối khóa"}


def login(client, user):
    assert client.post("/login", data={"email": user.email,
                                       "password": factories.PASSWORD}).status_code == 302
    return client


def test_a_lecturer_schedules_a_session_in_vietnam_time(app, client, classroom):
    login(client, classroom["lecturer"])
    page = client.get(f"/live/courses/{classroom['course'].id}/new")
    assert page.status_code == 200 and "Lên lịch phiên học" in page.text
    data = {**FORM, "lecturer_ids": [str(classroom["lecturer"].id)],
            "module_id": str(classroom["course"].modules[0].id)}
    response = client.post(f"/live/courses/{classroom['course'].id}/new", data=data)
    assert response.status_code == 302
    created = db.session.scalars(sa.select(LiveSession).where(
        LiveSession.title == "Ôn tập tranh chấp lao động")).one()
    assert created.starts_at == datetime(2026, 12, 1, 1, 0, tzinfo=timezone.utc)
    assert created.ends_at - created.starts_at == timedelta(minutes=90)
    assert created.lecturers == [classroom["lecturer"]] and created.attendance_percent == 80
    assert created.state == "scheduled"
    page = client.get(response.headers["Location"])
    assert "Tính là có mặt nếu ở trong phòng ít nhất 80% thời lượng phiên." in page.text


@pytest.mark.parametrize("change, message", [
    ({"ends_at": "2026-12-01T07:00"}, "Thời điểm kết thúc phải sau thời điểm bắt đầu."),
    ({"ends_at": "2026-12-02T09:30"}, "Một phiên học kéo dài tối đa 12 giờ."),
    ({"external_url": "javascript:alert(1)"},
     "Liên kết âm thanh/hình ảnh phải bắt đầu bằng https:// hoặc http://."),
    ({"attendance_percent": "120"}, "Nhập tỷ lệ phần trăm từ 1 đến 100."),
    ({"title": ""}, "Hãy đặt tên cho phiên học."),
    ({"starts_at": "mai"}, "Nhập thời điểm bắt đầu phiên học."),
])
def test_bad_session_forms_are_explained_and_nothing_is_saved(app, client, classroom, change,
                                                                message):
    login(client, classroom["lecturer"])
    response = client.post(f"/live/courses/{classroom['course'].id}/new",
                           data={**FORM, **change})
    assert response.status_code == 200
    assert message in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LiveSession)) == 1


def test_modules_and_lecturers_of_other_courses_are_refused(app, client, classroom):
    other = factories.gen_course(lecturers=[factories.gen_user(role="lecturer")])
    login(client, classroom["lecturer"])
    url = f"/live/courses/{classroom['course'].id}/new"
    response = client.post(url, data={**FORM, "module_id": str(other.modules[0].id)})
    assert "Mô-đun không thuộc khóa học này." in response.text
    response = client.post(url, data={**FORM, "lecturer_ids": [str(other.lecturers[0].id)]})
    assert "Chỉ giảng viên của khóa học mới được phụ trách phiên học." in response.text


@pytest.mark.parametrize("who, status", [("trainee", 403), ("outsider", 404),
                                         ("other_lecturer", 404), ("admin", 200)])
def test_who_may_schedule(app, client, classroom, who, status):
    user = {"trainee": classroom["trainees"][0], "outsider": classroom["outsider"],
            "other_lecturer": factories.gen_user(role="lecturer"),
            "admin": factories.gen_user(role="admin")}[who]
    login(client, user)
    assert client.get(f"/live/courses/{classroom['course'].id}/new").status_code == status


def test_editing_bumps_the_calendar_sequence_and_ended_sessions_are_frozen(app, client,
                                                                            classroom):
    login(client, classroom["lecturer"])
    live_session = factories.gen_live_session(classroom["course"])
    url = f"/live/sessions/{live_session.id}/edit"
    assert 'value="' + live_session.title + '"' in client.get(url).text
    assert client.post(url, data={**FORM, "title": "Đổi tên"}).status_code == 302
    assert db.session.get(LiveSession, live_session.id).sequence == 1
    live_session.state = "ended"
    db.session.commit()
    assert client.post(url, data=FORM).status_code == 409


def test_deleting_only_sessions_nobody_joined(app, client, classroom):
    login(client, classroom["lecturer"])
    fresh_id = factories.gen_live_session(classroom["course"]).id
    assert client.post(f"/live/sessions/{fresh_id}/delete").status_code == 302
    assert db.session.get(LiveSession, fresh_id) is None
    used = classroom["session"]
    db.session.add(Presence(session_id=used.id, user_id=classroom["trainees"][0].id, sid="x"))
    db.session.commit()
    response = client.post(f"/live/sessions/{used.id}/delete")
    assert response.status_code == 409 and db.session.get(LiveSession, used.id) is not None


def test_opening_and_ending_a_session(app, client, classroom, connect):
    waiting = factories.gen_live_session(classroom["course"])
    trainee = connect(classroom["trainees"][0])
    trainee.join(waiting)
    trainee.emit("hand_raise", {})  # refused: not open yet
    login(client, classroom["lecturer"])
    trainee.received()
    response = client.post(f"/live/sessions/{waiting.id}/open")
    assert response.headers["Location"].endswith(f"/live/sessions/{waiting.id}/room")
    assert trainee.events("session_state") == [{"session": waiting.id, "state": "live"}]
    assert trainee.emit("hand_raise", {})["ok"]
    response = client.post(f"/live/sessions/{waiting.id}/end")
    assert response.headers["Location"].endswith(f"/live/sessions/{waiting.id}/record")
    assert trainee.events("session_state")[-1]["state"] == "ended"
    ended = db.session.get(LiveSession, waiting.id)
    assert ended.state == "ended" and ended.closed_at is not None
    rows = db.session.scalars(sa.select(Presence).where(Presence.session_id == waiting.id))
    assert all(row.left_at is not None for row in rows)
    assert trainee.emit("chat_send", {"body": "Hết giờ?"})["error"] == "conflict"
    assert client.post(f"/live/sessions/{waiting.id}/open").status_code == 409


def test_trainees_cannot_open_or_end(app, client, classroom):
    login(client, classroom["trainees"][0])
    assert client.post(f"/live/sessions/{classroom['session'].id}/end").status_code == 403
    assert db.session.get(LiveSession, classroom["session"].id).state == "live"


def test_the_room_page(app, client, classroom):
    login(client, classroom["lecturer"])
    page = client.get(f"/live/sessions/{classroom['session'].id}/room").text
    assert 'data-testid="lead-controls"' in page and 'id="live-strings"' in page
    assert "js/live-lead.js" in page
    assert 'class="live-hand-bar d-none"' in page  # lecturers lower hands, not raise them
    client.post("/logout")
    login(client, classroom["trainees"][0])
    page = client.get(f"/live/sessions/{classroom['session'].id}/room").text
    assert 'data-role="trainee"' in page and "lead-controls" not in page
    assert "live-lead.js" not in page
    assert 'class="live-hand-bar"' in page
    assert "<script>" not in page  # CSP: no inline scripts; the strings are a JSON block


def test_outsiders_see_nothing(app, client, classroom):
    login(client, classroom["outsider"])
    session_id = classroom["session"].id
    for url in (f"/live/sessions/{session_id}", f"/live/sessions/{session_id}/room",
                f"/live/sessions/{session_id}.ics", f"/live/sessions/{session_id}/record",
                f"/live/courses/{classroom['course'].id}",
                f"/live/courses/{classroom['course'].id}/sessions.ics"):
        assert client.get(url).status_code == 404, url


def test_calendar_files(app, client, classroom):
    login(client, classroom["trainees"][0])
    response = client.get(f"/live/sessions/{classroom['session'].id}.ics")
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert f"UID:live-session-{classroom['session'].id}@localhost" in text
    assert f"/live/sessions/{classroom['session'].id}/room" in text.replace("\r\n ", "")
    factories.gen_live_session(classroom["course"], title="Buổi hai")
    text = client.get(f"/live/courses/{classroom['course'].id}/sessions.ics").get_data(
        as_text=True)
    assert text.count("BEGIN:VEVENT") == 2 and "SUMMARY:Buổi hai" in text


def test_home_pages_list_upcoming_sessions(app, client, classroom):
    later = factories.gen_live_session(classroom["course"], title="Buổi học tuần sau",
                                       starts_in_minutes=7 * 24 * 60)
    factories.gen_live_session(classroom["course"], title="Buổi đã qua", state="ended",
                               starts_in_minutes=-3 * 24 * 60)
    other = factories.gen_course(title="Khóa khác")
    factories.gen_live_session(other, title="Không phải của tôi")
    for user in (classroom["trainees"][0], classroom["lecturer"]):
        login(client, user)
        page = client.get("/home").text
        assert "Lớp trực tuyến sắp tới" in page
        assert later.title in page and classroom["session"].title in page
        assert "Buổi đã qua" not in page and "Không phải của tôi" not in page
        assert 'href="/live/"' in page  # the menu link
        client.post("/logout")
    login(client, classroom["outsider"])
    page = client.get("/home").text
    assert "Lớp trực tuyến sắp tới" not in page  # nothing coming: no panel
    assert "Bạn chưa được ghi danh khóa học nào" in page


def test_sessions_are_module_activities_done_when_present(app, classroom):
    module = classroom["course"].modules[0]
    live_session = factories.gen_live_session(classroom["course"], module=module, state="ended",
                                               starts_in_minutes=-120, minutes=60)
    live_session.opened_at = live_session.starts_at
    live_session.closed_at = live_session.starts_at + timedelta(minutes=60)
    an, mai = classroom["trainees"][:2]
    db.session.add_all([
        Presence(session_id=live_session.id, user_id=an.id, sid="a",
                 joined_at=live_session.opened_at, left_at=live_session.closed_at,
                 last_seen_at=live_session.closed_at),
        Presence(session_id=live_session.id, user_id=mai.id, sid="b",
                 joined_at=live_session.opened_at,
                 left_at=live_session.opened_at + timedelta(minutes=10),
                 last_seen_at=live_session.opened_at)])
    db.session.commit()
    def live(user):
        return [a for a in module_activities(module, user) if a.kind == "live"]
    with app.test_request_context():
        assert [(a.title, a.is_completed, a.counts_for_progress) for a in live(an)] == [
            (live_session.title, True, False)]
        assert live(mai)[0].is_completed is False
        assert live(classroom["outsider"]) == []


def test_the_trainee_sees_their_own_attendance(app, client, classroom):
    live_session = classroom["session"]
    an = classroom["trainees"][0]
    db.session.add(Presence(session_id=live_session.id, user_id=an.id, sid="s",
                            joined_at=live_session.opened_at, last_seen_at=utcnow()))
    db.session.commit()
    login(client, an)
    page = client.get(f"/live/sessions/{live_session.id}").text
    assert "Điểm danh của tôi" in page and "phút trong phòng học" in page


def test_the_demo_seeder_schedules_a_class_and_weekly_reviews(app, runner):
    factories.gen_sample_content()
    lecturer = factories.gen_user(role="lecturer")
    courses = db.session.scalars(sa.select(Course).where(Course.status == "published")).all()
    for course in courses:
        course.lecturers = [lecturer]
    db.session.commit()
    message = seed_live_sessions()
    rows = db.session.scalars(sa.select(LiveSession).order_by(LiveSession.starts_at)).all()
    assert message == f"{len(courses) + 1} live sessions (one starting in 10 minutes)"
    assert len(rows) == len(courses) + 1 and rows[0].external_url.startswith("https://")
    assert all(row.lecturers == [lecturer] and row.module_id for row in rows)


def test_the_demo_seeder_without_courses(app):
    assert seed_live_sessions() == "no published course with lecturers: no live sessions"
