"""Connecting to /live: sign-in, origin, joining a room, presence, revocation, restoring state."""
import pytest
import sqlalchemy as sa

from courses.models import Enrolment
from lms.accounts import services
from lms.extensions import db
from lms.live.models import Presence
from tests import factories


def test_anonymous_sockets_are_refused(app, classroom, connect):
    client = connect(classroom["trainees"][0], login=False)
    assert not client.connected


@pytest.mark.parametrize("origin, allowed", [
    (None, True), ("http://localhost", True), ("https://evil.example", False),
    ("http://localhost.evil.example", False),
])
def test_cross_origin_handshakes_are_refused(app, classroom, connect, origin, allowed):
    headers = {"Origin": origin} if origin else None
    assert connect(classroom["trainees"][0], headers=headers).connected is allowed


def test_a_configured_origin_list_replaces_same_origin(app, classroom, connect):
    app.config["SOCKETIO_CORS_ORIGINS"] = ["https://lms.congdoan.vn"]
    trainee = classroom["trainees"][0]
    assert connect(trainee, headers={"Origin": "https://lms.congdoan.vn"}).connected
    assert not connect(trainee, headers={"Origin": "http://localhost"}).connected


def test_a_trainee_joins_and_gets_the_room(app, classroom, connect):
    reply = connect(classroom["trainees"][0]).join(classroom["session"])
    assert reply["ok"] is True
    assert reply["me"]["name"] == "Nguyễn Văn An" and reply["me"]["role"] == "trainee"
    assert reply["session"]["title"] == classroom["session"].title
    assert reply["presence"]["count"] == 1
    assert reply["chat"] == {"messages": [], "complete": True}
    assert "lead" not in reply  # pickers and mute lists are for lecturers only


def test_a_lecturer_gets_the_pickers(app, classroom, connect):
    reply = connect(classroom["lecturer"]).join(classroom["session"])
    assert reply["me"]["role"] == "lead"
    lead = reply["lead"]
    assert [lesson["sections"] for lesson in lead["lessons"]] == [
        ["Đối thoại tại nơi làm việc", "Đối thoại định kỳ", "Đối thoại khi có yêu cầu"]]
    # essays cannot be answered live; the other four types can
    assert [q["slug"] for q in lead["questions"]] == [
        "tra-luong-cham", "quyen-cong-doan", "dung-sai-lam-them",
        "so-ngay-bao-truoc"]
    assert lead["scenarios"] == [{"slug": "cham-luong", "title": "Công ty chậm trả lương"}]
    assert lead["record_url"].endswith(f"/live/sessions/{classroom['session'].id}/record")


@pytest.mark.parametrize("who, code, message", [
    ("outsider", "forbidden", "Bạn chưa ghi danh vào khóa học của phiên này."),
    ("other_lecturer", "forbidden", "Bạn chưa ghi danh vào khóa học của phiên này."),
])
def test_people_outside_the_course_cannot_join(app, classroom, connect, who, code, message):
    user = classroom["outsider"] if who == "outsider" else factories.gen_user(role="lecturer")
    reply = connect(user).join(classroom["session"])
    assert reply == {"ok": False, "error": code, "message": message}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Presence)) == 0


def test_trainees_of_a_draft_course_cannot_join(app, classroom, connect):
    classroom["course"].status = "draft"
    db.session.commit()
    assert connect(classroom["trainees"][0]).join(classroom["session"])["error"] == "forbidden"
    assert connect(classroom["lecturer"]).join(classroom["session"])["ok"]


@pytest.mark.parametrize("payload, code", [
    ({"session": 99999}, "not_found"), ({"session": "1"}, "bad_request"), ({}, "bad_request"),
    ({"session": 1, "extra": 1}, "bad_request"), ("1", "bad_request"), ([1], "bad_request"),
    ({"session": 1, "since": -1}, "bad_request"), ({"session": True}, "bad_request"),
])
def test_bad_join_payloads_are_refused(app, classroom, connect, payload, code):
    assert connect(classroom["trainees"][0]).emit("join", payload)["error"] == code


def test_an_ended_session_cannot_be_joined(app, classroom, connect):
    ended = factories.gen_live_session(classroom["course"], state="ended")
    reply = connect(classroom["trainees"][0]).join(ended)
    assert reply["error"] == "conflict" and reply["message"] == "Phiên học này đã kết thúc."


def test_a_scheduled_room_is_a_waiting_room(app, classroom, connect):
    waiting = factories.gen_live_session(classroom["course"], state="scheduled")
    trainee = connect(classroom["trainees"][0])
    assert trainee.join(waiting)["session"]["state"] == "scheduled"
    reply = trainee.emit("chat_send", {"body": "Chào"})
    assert reply["error"] == "conflict"
    assert reply["message"] == "Giảng viên chưa mở phòng học."


def test_events_before_joining_are_refused(app, classroom, connect):
    reply = connect(classroom["trainees"][0]).emit("chat_send", {"body": "x"})
    assert reply["error"] == "not_joined"


def test_presence_is_live(app, classroom, connect):
    lead = connect(classroom["lecturer"])
    lead.join(classroom["session"])
    lead.received()
    trainee = connect(classroom["trainees"][0])
    trainee.join(classroom["session"])
    joined = lead.events("presence")
    assert joined[-1]["count"] == 2
    assert joined[-1]["joined"][0]["name"] == "Nguyễn Văn An"
    assert joined[-1]["joined"][0]["unit"] == "CĐCS Công ty May Hòa Bình"
    second_tab = connect(classroom["trainees"][0])
    second_tab.join(classroom["session"])
    assert lead.events("presence") == []  # already online: nobody new
    trainee.disconnect()
    assert lead.events("presence") == []  # still online in the other tab
    second_tab.disconnect()
    left = lead.events("presence")
    assert left[-1]["left"] == [classroom["trainees"][0].id] and left[-1]["count"] == 1
    rows = db.session.scalars(sa.select(Presence).where(Presence.user_id ==
                                                        classroom["trainees"][0].id)).all()
    assert len(rows) == 2 and all(row.left_at is not None for row in rows)


def test_joining_again_on_the_same_socket_closes_the_old_connection_record(app, classroom,
                                                                            connect):
    trainee = connect(classroom["trainees"][0])
    trainee.join(classroom["session"])
    trainee.join(classroom["session"])
    rows = db.session.scalars(sa.select(Presence)).all()
    assert len(rows) == 2 and sum(row.left_at is None for row in rows) == 1


def _revoke(kind, user, app):
    admin = factories.gen_user(role="admin")
    if kind == "logout":
        services.revoke_sessions(user)
    elif kind == "deactivated":
        services.set_user_active(user.id, False, actor=admin)
    elif kind == "password":
        services.change_password(user, current=factories.PASSWORD, new="mat-khau-moi-2026!")
    else:
        data = services.UserData(email=user.email, full_name=user.full_name, role="manager",
                                 unit_id=user.unit_id)
        services.update_user(user.id, data, actor=admin)


@pytest.mark.parametrize("kind", ["logout", "deactivated", "password", "role"])
def test_ending_a_users_sessions_disconnects_their_sockets(app, classroom, connect, kind):
    user = classroom["trainees"][0]
    trainee = connect(user)
    trainee.join(classroom["session"])
    idle = connect(user)  # connected but never joined a room
    other = connect(classroom["trainees"][1])
    other.join(classroom["session"])
    _revoke(kind, db.session.get(type(user), user.id), app)
    assert not trainee.connected and not idle.connected
    assert other.connected
    open_rows = db.session.scalar(sa.select(sa.func.count()).select_from(Presence).where(
        Presence.user_id == user.id, Presence.left_at.is_(None)))
    assert open_rows == 0


def test_logging_out_over_http_disconnects_the_socket(app, classroom, connect):
    trainee = connect(classroom["trainees"][0])
    trainee.join(classroom["session"])
    assert trainee.http.post("/logout").status_code == 302
    assert not trainee.connected


def test_a_trainee_removed_from_the_course_is_refused_and_disconnected(app, classroom,
                                                                       connect):
    user = classroom["trainees"][0]
    trainee = connect(user)
    trainee.join(classroom["session"])
    db.session.execute(sa.delete(Enrolment).where(Enrolment.user_id == user.id))
    db.session.commit()
    reply = trainee.emit("chat_send", {"body": "Còn ai không?"})
    assert reply["error"] == "forbidden"
    assert not trainee.connected


@pytest.mark.parametrize("headers, allowed", [
    ({"Origin": "https://lms.congdoan.vn", "X-Forwarded-Proto": "https",
      "X-Forwarded-Host": "lms.congdoan.vn"}, True),
    ({"Origin": "https://lms.congdoan.vn", "X-Forwarded-Proto": "https"}, False),
    ({"Origin": "https://localhost", "X-Forwarded-Proto": "https"}, True),
])
def test_origins_behind_a_reverse_proxy(app, classroom, connect, headers, allowed):
    assert connect(classroom["trainees"][0], headers=headers).connected is allowed
