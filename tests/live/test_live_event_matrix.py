"""Every event refuses: lecturer-only events from trainees, people no longer enrolled, bad
payloads and floods (the happy paths are in the topic test files)."""
import pytest
import sqlalchemy as sa

from courses.models import Enrolment
from lms.extensions import db
from lms.live.ratelimit import DEFAULT_LIMITS
from tests import factories
from tests.live.conftest import LiveClient, course_with

# event -> (lecturer only?, a payload that breaks the documented shape)
EVENTS = {
    "chat_send": (False, {"body": 42}),
    "chat_delete": (True, {"message": "1"}),
    "chat_mute": (True, {"user": 1, "muted": "yes"}),
    "qa_ask": (False, {"body": "   "}),
    "qa_upvote": (False, {"question": None}),
    "qa_answered": (True, {"question": 1, "answered": 1}),
    "qa_delete": (False, {"question": [1]}),
    "hand_raise": (False, {"user": 1}),
    "hand_lower": (False, {"user": "me"}),
    "poll_create": (True, {"question": "Đồng ý?", "options": ["Có"]}),
    "poll_vote": (False, {"poll": 1, "choices": [0, 0]}),
    "poll_close": (True, {"poll": 0}),
    "poll_publish": (True, {}),
    "lesson_show": (True, {"lesson": 1, "section": -1}),
    "lesson_sections": (False, {"lesson": "bai-1"}),
    "groups_start": (True, {"count": 0}),
    "groups_recall": (True, {"now": True}),
    "group_call": (False, {"on": "yes"}),
    "group_call_answer": (True, {"group": 1.5}),
    "quiz_push": (True, {"question": "tra-luong-cham", "seconds": 1}),
    "quiz_answer": (False, {"item": 1, "response": "B"}),
    "quiz_close": (True, {"item": -1}),
    "scenario_start": (True, {"scenario": "cham-luong", "follow": "everyone"}),
    "scenario_continue": (True, {"run": "1"}),
    "scenario_push": (True, {"run": 1, "seconds": 1000}),
    "scenario_decide": (True, {"run": 1, "choice": "A"}),
    "scenario_stop": (True, {}),
}
LEAD_ONLY = sorted(name for name, (lead, _bad) in EVENTS.items() if lead)


@pytest.fixture
def trainee_in_room(classroom, connect):
    client = connect(classroom["trainees"][0])
    assert client.join(classroom["session"])["ok"]
    return client


@pytest.mark.parametrize("event", LEAD_ONLY)
def test_lecturer_only_events_are_refused_to_trainees(app, classroom, trainee_in_room, event):
    reply = trainee_in_room.emit(event, {})
    assert reply == {"ok": False, "error": "forbidden",
                     "message": "Chỉ giảng viên của khóa học mới được làm việc này."}


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_events_from_someone_no_longer_enrolled_are_refused(app, classroom, trainee_in_room,
                                                            event):
    db.session.execute(sa.delete(Enrolment).where(
        Enrolment.user_id == classroom["trainees"][0].id))
    db.session.commit()
    reply = trainee_in_room.emit(event, {})
    assert reply["error"] == "forbidden"
    assert reply["message"] == "Bạn chưa ghi danh vào khóa học của phiên này."
    assert not trainee_in_room.connected


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_events_before_joining_are_refused(app, classroom, connect, event):
    assert connect(classroom["trainees"][0]).emit(event, {})["error"] == "not_joined"


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_bad_payloads_are_refused_with_a_message(app, classroom, connect, event):
    lead = connect(classroom["lecturer"])
    lead.join(classroom["session"])
    for payload in (EVENTS[event][1], "text", [1, 2], {"unknown_field": 1}):
        reply = lead.emit(event, payload)
        assert reply["ok"] is False and reply["error"] == "bad_request", (payload, reply)
        assert reply["message"]


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_floods_are_cut_off(limited_app, event):
    lecturer = factories.gen_user(role="lecturer")
    trainee = factories.gen_user()
    course = course_with(lecturers=[lecturer], trainees=[trainee])
    live_session = factories.gen_live_session(course, state="live")
    table = {**DEFAULT_LIMITS, **limited_app.config["LIVE_RATE_LIMITS"]}
    is_lead = EVENTS[event][0]
    limit = int(table.get(event, table["*"])[1 if is_lead else 0].split()[0])
    client = LiveClient(limited_app, lecturer if is_lead else trainee)
    assert client.join(live_session)["ok"]
    replies = [client.emit(event, EVENTS[event][1]) for _ in range(limit + 1)]
    assert all(r["error"] == "bad_request" for r in replies[:limit])
    assert replies[-1] == {"ok": False, "error": "rate_limited",
                           "message": "Bạn gửi quá nhanh. Vui lòng đợi một chút."}
    client.disconnect()


def test_one_persons_flood_does_not_silence_another(limited_app):
    lecturer = factories.gen_user(role="lecturer")
    first, second = factories.gen_user(), factories.gen_user()
    course = course_with(lecturers=[lecturer], trainees=[first, second])
    live_session = factories.gen_live_session(course, state="live")
    flooder, quiet = LiveClient(limited_app, first), LiveClient(limited_app, second)
    flooder.join(live_session)
    quiet.join(live_session)
    replies = [flooder.emit("chat_send", {"body": f"spam {n}"}) for n in range(6)]
    assert [r["ok"] for r in replies] == [True] * 5 + [False]
    assert quiet.emit("chat_send", {"body": "Em xin hỏi"})["ok"] is True


def test_join_floods_are_cut_off(limited_app):
    trainee = factories.gen_user()
    course = course_with(trainees=[trainee])
    live_session = factories.gen_live_session(course, state="live")
    client = LiveClient(limited_app, trainee)
    replies = [client.join(live_session) for _ in range(21)]
    assert all(r["ok"] for r in replies[:20]) and replies[20]["error"] == "rate_limited"
