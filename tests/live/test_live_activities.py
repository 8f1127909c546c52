"""What the lecturer runs: polls, lesson sync with detach, breakout groups and group chat."""
import pytest
import sqlalchemy as sa

from lms.extensions import db
from lms.live.activity_models import GroupMember
from lms.live.models import Poll, PollVote
from tests import factories


@pytest.fixture
def room(classroom, connect):
    """The lecturer and the three trainees in the room, replies drained."""
    clients = [connect(classroom["lecturer"])] + [connect(t) for t in classroom["trainees"]]
    for client in clients:
        assert client.join(classroom["session"])["ok"]
    for client in clients:
        client.received()
    return clients


def test_a_poll_runs_with_live_results_for_the_lecturer_only(app, classroom, room):
    lead, an, mai, han = room
    poll = lead.emit("poll_create", {"question": "Công ty anh chị đã đối thoại định kỳ chưa?",
                                     "options": ["Rồi", "Chưa", " ", "Không rõ"]})["poll"]
    assert poll["options"] == ["Rồi", "Chưa", "Không rõ"]  # blank lines dropped
    assert poll["state"] == "open" and poll["multiple"] is False
    assert an.events("poll") == [{"poll": poll}]
    vote = an.emit("poll_vote", {"poll": poll["id"], "choices": [1]})
    assert vote == {"ok": True, "poll": poll["id"], "mine": [1], "duplicate": False}
    assert lead.events("poll_results") == [{"poll": poll["id"], "counts": [0, 1, 0],
                                            "voters": 1}]
    assert mai.events("poll_results") == []  # trainees see results only when published
    again = an.emit("poll_vote", {"poll": poll["id"], "choices": [0]})
    assert again["duplicate"] is True and again["mine"] == [1]  # recorded once
    two = mai.emit("poll_vote", {"poll": poll["id"], "choices": [0, 1]})
    assert two["message"] == "Hãy chọn đúng một phương án."
    assert mai.emit("poll_vote", {"poll": poll["id"], "choices": [5]})["error"] == "conflict"
    mai.emit("poll_vote", {"poll": poll["id"], "choices": [1]})
    closed = lead.emit("poll_close", {"poll": poll["id"]})
    assert closed["poll"]["state"] == "closed" and closed["results"]["counts"] == [0, 2, 0]
    late = han.emit("poll_vote", {"poll": poll["id"], "choices": [0]})
    assert late["error"] == "conflict" and late["message"] == "Bình chọn này đã đóng."
    published = lead.emit("poll_publish", {"poll": poll["id"]})
    assert published["poll"]["published"] is True
    assert han.events("poll")[-1]["results"]["counts"] == [0, 2, 0]
    snapshot = an.join(classroom["session"])
    assert snapshot["poll"]["mine"] == [1] and snapshot["poll"]["results"]["voters"] == 2


def test_multiple_choice_and_anonymous_polls(app, classroom, room):
    lead, an, _mai, _han = room
    poll = lead.emit("poll_create", {"question": "Anh chị cần hỗ trợ gì?",
                                     "options": ["Tài liệu", "Mẫu văn bản", "Tư vấn"],
                                     "multiple": True, "anonymous": True})["poll"]
    assert poll["anonymous"] is True
    assert an.emit("poll_vote", {"poll": poll["id"], "choices": [2, 0]})["mine"] == [0, 2]
    assert lead.events("poll_results")[-1]["counts"] == [1, 0, 1]
    stored = db.session.scalars(sa.select(PollVote)).one()
    assert stored.choices == [0, 2]


def test_a_new_poll_closes_the_open_one(app, classroom, room):
    lead, *_ = room
    first = lead.emit("poll_create", {"question": "Một?", "options": ["A", "B"]})["poll"]
    lead.emit("poll_create", {"question": "Hai?", "options": ["A", "B"]})
    assert db.session.get(Poll, first["id"]).state == "closed"
    assert lead.emit("poll_create", {"question": "Ba?", "options": ["A"] * 11})[
        "error"] == "bad_request"


def test_trainees_follow_the_lesson_the_lecturer_shows(app, classroom, room):
    lead, an, *_ = room
    lesson = classroom["lesson"]
    shown = lead.emit("lesson_show", {"lesson": lesson.id, "section": 1})["lesson"]
    assert shown["title"] == "Đối thoại định kỳ" and shown["count"] == 3
    assert shown["section"] == 1 and "<h2>Đối thoại định kỳ</h2>" in shown["html"]
    pushed = an.events("lesson")
    assert pushed == [shown]
    later = lead.emit("lesson_show", {"lesson": lesson.id, "section": 2})["lesson"]
    assert later["version"] > shown["version"]
    assert an.join(classroom["session"])["lesson"]["title"] == "Đối thoại khi có yêu cầu"
    assert lead.emit("lesson_show", {"lesson": lesson.id, "section": 3})["error"] == "not_found"
    stopped = lead.emit("lesson_show", {"lesson": None})["lesson"]
    assert stopped["lesson"] is None
    assert an.join(classroom["session"])["lesson"] is None


def test_a_detached_trainee_reads_every_section(app, classroom, room):
    _lead, an, *_ = room
    reply = an.emit("lesson_sections", {"lesson": classroom["lesson"].id})
    assert [s["title"] for s in reply["sections"]] == [
        "Đối thoại tại nơi làm việc", "Đối thoại định kỳ", "Đối thoại khi có yêu cầu"]


@pytest.mark.parametrize("make", ["other_course", "draft"])
def test_lessons_outside_the_course_or_unpublished_are_not_shown(app, classroom, room, make):
    lead, an, *_ = room
    if make == "other_course":
        lesson = factories.gen_lesson(factories.gen_course(), body_md="Khác")
    else:
        lesson = factories.gen_lesson(classroom["course"], status="draft", body_md="x")
    assert lead.emit("lesson_show", {"lesson": lesson.id})["error"] == "not_found"
    assert an.emit("lesson_sections", {"lesson": lesson.id})["error"] == "not_found"


def test_breakout_groups_with_role_cards_and_group_chat(app, classroom, room):
    lead, an, mai, han = room
    roles = ["Người sử dụng lao động", "Chủ tịch CĐCS", "Người lao động"]
    split = lead.emit("groups_start", {"count": 1, "mode": "random", "roles": roles})
    group = split["groups"]["groups"][0]
    assert sorted(m["name"] for m in group["members"]) == [
        "Hoàng Thị Mai", "Lý Thị Hân", "Nguyễn Văn An"]
    assert sorted(m["role_card"] for m in group["members"]) == sorted(roles)
    mine = an.events("group")[0]["group"]
    assert mine["id"] == group["id"] and mine["role_card"] in roles
    said = an.emit("chat_send", {"body": "Tôi đóng vai giám đốc", "group": group["id"]})
    assert said["message"]["group"] == group["id"]
    assert mai.events("chat_message")[0]["body"] == "Tôi đóng vai giám đốc"
    assert lead.events("chat_message")[0]["group"] == group["id"]  # lecturers watch groups
    assert lead.emit("chat_send", {"body": "Nhóm làm tốt", "group": group["id"]})["ok"]
    assert han.join(classroom["session"])["group_chat"]["messages"][-1]["body"] == "Nhóm làm tốt"
    room_chat = an.join(classroom["session"])["chat"]["messages"]
    assert room_chat == []  # group lines stay in the group


def test_groups_by_unit_and_latecomers(app, classroom, connect):
    lead = connect(classroom["lecturer"])
    lead.join(classroom["session"])
    trainees = [connect(t) for t in classroom["trainees"][:2]]
    for client in trainees:
        client.join(classroom["session"])
    # An and Mai share a unit; two groups means a fair share of one each
    split = lead.emit("groups_start", {"count": 2, "mode": "unit"})["groups"]["groups"]
    assert [len(g["members"]) for g in split] == [1, 1]
    late = connect(classroom["trainees"][2])
    group = late.join(classroom["session"])["group"]
    assert group["id"] == split[0]["id"]  # the first smallest group
    assert [m["name"] for m in group["members"]][-1] == "Lý Thị Hân"
    assert len(lead.events("groups")[-1]["groups"][0]["members"]) == 2
    assert late.join(classroom["session"])["group"]["id"] == group["id"]  # placed once
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GroupMember)) == 3


def test_call_the_lecturer_and_recall(app, classroom, room):
    lead, an, mai, han = room
    group = lead.emit("groups_start", {"count": 3})["groups"]["groups"]
    assert len(group) == 3
    called = an.emit("group_call", {})["group"]
    assert called["help"] is True
    assert lead.events("group_call")[0]["help"] is True
    answered = lead.emit("group_call_answer", {"group": called["id"]})["group"]
    assert answered["help"] is False
    assert an.events("group_update")[-1] == {"id": called["id"], "help": False}
    assert lead.emit("groups_start", {"count": 2})["error"] == "conflict"
    assert lead.emit("groups_recall", {}) == {"ok": True, "recalled": 3}
    assert an.events("group")[-1] == {"group": None}
    assert an.join(classroom["session"])["group"] is None
    assert an.emit("group_call", {})["message"] == "Bạn không ở trong nhóm nào."
    stale = an.emit("chat_send", {"body": "Còn ai không?", "group": called["id"]})
    assert stale["message"] == "Nhóm này đã kết thúc thảo luận."
    assert lead.emit("groups_recall", {})["error"] == "conflict"


def test_a_trainee_cannot_write_to_another_group(app, classroom, room):
    lead, an, *_ = room
    groups = lead.emit("groups_start", {"count": 3})["groups"]["groups"]
    mine = an.events("group")[0]["group"]["id"]
    other = next(g["id"] for g in groups if g["id"] != mine)
    reply = an.emit("chat_send", {"body": "Xin chào nhóm khác", "group": other})
    assert reply["error"] == "forbidden" and reply["message"] == "Bạn không thuộc nhóm này."


def test_splitting_an_empty_room_is_refused(app, classroom, connect):
    lead = connect(classroom["lecturer"])
    lead.join(classroom["session"])
    reply = lead.emit("groups_start", {"count": 2})
    assert reply["message"] == "Không có học viên nào trong phòng để chia nhóm."


def test_a_reconnecting_lecturer_gets_every_groups_chat(app, classroom, room):
    lead, an, *_ = room
    lead.emit("groups_start", {"count": 3})
    mine = an.events("group")[0]["group"]["id"]
    an.emit("chat_send", {"body": "Nhóm em bàn xong", "group": mine})
    chats = lead.join(classroom["session"])["lead"]["group_chats"]
    assert len(chats) == 3 and chats[str(mine)][0]["body"] == "Nhóm em bàn xong"
