"""Talking in the room: chat (persisted, deleted, muted), Q&A with upvotes, the hand queue."""
import pytest
import sqlalchemy as sa

from courses.models import Enrolment
from lms.extensions import db
from lms.live.models import ChatMessage, Hand, QaQuestion, QaVote
from tests import factories


@pytest.fixture
def room(classroom, connect):
    """The lecturer and two trainees in the room, their join replies drained."""
    lead, an, mai = (connect(classroom["lecturer"]), connect(classroom["trainees"][0]),
                     connect(classroom["trainees"][1]))
    for client in (lead, an, mai):
        assert client.join(classroom["session"])["ok"]
    for client in (lead, an, mai):
        client.received()
    return lead, an, mai


def test_chat_is_stored_and_sent_to_everyone(app, classroom, room):
    lead, an, mai = room
    reply = an.emit("chat_send", {"body": "  Chào thầy <b>ạ</b>  ", "cid": "m-1"})
    assert reply["ok"] and reply["duplicate"] is False
    message = reply["message"]
    assert message["body"] == "Chào thầy <b>ạ</b>"  # stored as typed; escaped on display
    assert message["author"] == {"id": classroom["trainees"][0].id, "name": "Nguyễn Văn An",
                                 "role": "trainee"}
    for client in (lead, an, mai):
        assert client.events("chat_message") == [message]
    stored = db.session.scalars(sa.select(ChatMessage)).one()
    assert (stored.body, stored.client_id, stored.role) == ("Chào thầy <b>ạ</b>", "m-1",
                                                            "trainee")


def test_a_message_resent_after_a_reconnect_is_stored_once(app, classroom, room):
    lead, an, _mai = room
    first = an.emit("chat_send", {"body": "Em gửi lại", "cid": "abc-123"})
    again = an.emit("chat_send", {"body": "Em gửi lại", "cid": "abc-123"})
    assert again["duplicate"] is True and again["message"]["id"] == first["message"]["id"]
    assert len(lead.events("chat_message")) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ChatMessage)) == 1


def test_chat_text_limits(app, classroom, room):
    _lead, an, _mai = room
    assert an.emit("chat_send", {"body": "x" * 1000})["ok"]
    reply = an.emit("chat_send", {"body": "x" * 1001})
    assert reply["error"] == "bad_request"
    assert reply["message"] == "Nội dung quá dài (tối đa 1000 ký tự)."
    assert an.emit("chat_send", {"body": "\u0000\u200b"})["ok"] is True  # format chars kept
    assert an.emit("chat_send", {"body": "\u0000 \u0007"})["message"] == "Hãy nhập nội dung trước."


def test_the_lecturer_deletes_a_message_and_it_stays_in_the_record(app, classroom, room):
    lead, an, mai = room
    message_id = an.emit("chat_send", {"body": "Quảng cáo bán hàng"})["message"]["id"]
    for client in (lead, an, mai):
        client.received()
    reply = lead.emit("chat_delete", {"message": message_id})
    assert reply == {"ok": True, "id": message_id, "group": None}
    assert mai.events("chat_deleted") == [{"id": message_id, "group": None}]
    stored = db.session.get(ChatMessage, message_id)
    assert stored.deleted_at is not None and stored.deleted_by_id == classroom["lecturer"].id
    snapshot = mai.join(classroom["session"])
    assert snapshot["chat"]["messages"][0]["deleted"] is True
    assert snapshot["chat"]["messages"][0]["body"] == ""
    assert lead.emit("chat_delete", {"message": 9999})["error"] == "not_found"


def test_a_muted_trainee_cannot_chat_or_ask_until_unmuted(app, classroom, room):
    lead, an, mai = room
    an_id = classroom["trainees"][0].id
    reply = lead.emit("chat_mute", {"user": an_id, "muted": True})
    assert reply == {"ok": True, "user": an_id, "name": "Nguyễn Văn An", "muted": True}
    assert an.events("muted") == [{"muted": True}]
    assert mai.events("muted") == []
    assert lead.events("mute_changed")[0]["muted"] is True
    refused = an.emit("chat_send", {"body": "Cho em nói"})
    assert refused["error"] == "forbidden"
    assert refused["message"] == "Giảng viên đã tắt quyền nhắn tin của bạn trong phòng học này."
    assert an.emit("qa_ask", {"body": "Câu hỏi?"})["error"] == "forbidden"
    assert an.join(classroom["session"])["me"]["muted"] is True  # survives a reconnect
    assert mai.emit("chat_send", {"body": "Em vẫn nói được"})["ok"]
    lead.emit("chat_mute", {"user": an_id, "muted": False})
    assert an.emit("chat_send", {"body": "Cảm ơn thầy"})["ok"]


def test_muting_people_who_are_not_in_the_room_or_oneself(app, classroom, room):
    lead, _an, _mai = room
    assert lead.emit("chat_mute", {"user": classroom["outsider"].id})["error"] == "not_found"
    assert lead.emit("chat_mute", {"user": classroom["lecturer"].id})["error"] == "forbidden"


def test_questions_upvotes_and_answered(app, classroom, room):
    lead, an, mai = room
    asked = an.emit("qa_ask", {"body": "Chậm lương bao nhiêu ngày thì phải trả lãi?",
                               "cid": "q1"})["question"]
    assert asked["votes"] == 0 and asked["answered"] is False
    assert lead.events("qa_question") == [asked]
    assert an.emit("qa_ask", {"body": "Chậm lương bao nhiêu ngày thì phải trả lãi?",
                              "cid": "q1"})["duplicate"] is True
    up = mai.emit("qa_upvote", {"question": asked["id"]})
    assert up["question"]["votes"] == 1
    assert mai.emit("qa_upvote", {"question": asked["id"]})["question"]["votes"] == 1
    assert lead.emit("qa_upvote", {"question": asked["id"]})["question"]["votes"] == 2
    assert mai.emit("qa_upvote", {"question": asked["id"], "up": False})["question"][
        "votes"] == 1
    own = an.emit("qa_upvote", {"question": asked["id"]})
    assert own["message"] == "Bạn không thể ủng hộ câu hỏi của chính mình."
    done = lead.emit("qa_answered", {"question": asked["id"]})["question"]
    assert done["answered"] is True and mai.events("qa_question")[-1]["answered"] is True
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QaVote)) == 1
    snapshot = mai.join(classroom["session"])
    assert snapshot["qa"]["questions"][0]["answered"] is True


def test_withdrawing_and_removing_questions(app, classroom, room):
    lead, an, mai = room
    first = an.emit("qa_ask", {"body": "Câu một"})["question"]["id"]
    second = an.emit("qa_ask", {"body": "Câu hai"})["question"]["id"]
    assert mai.emit("qa_delete", {"question": first})["error"] == "forbidden"
    assert an.emit("qa_delete", {"question": first}) == {"ok": True, "id": first}
    assert lead.emit("qa_delete", {"question": second})["ok"]
    assert mai.events("qa_removed") == [{"id": first}, {"id": second}]
    assert mai.join(classroom["session"])["qa"]["questions"] == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QaQuestion)) == 2
    assert mai.emit("qa_upvote", {"question": first})["error"] == "not_found"


def test_the_hand_queue_keeps_order_and_the_lecturer_lowers_hands(app, classroom, room):
    lead, an, mai = room
    assert an.emit("hand_raise")["queue"][0]["user"]["name"] == "Nguyễn Văn An"
    twice = an.emit("hand_raise", {})
    assert twice["changed"] is False and len(twice["queue"]) == 1
    queue = mai.emit("hand_raise", {})["queue"]
    assert [h["user"]["name"] for h in queue] == ["Nguyễn Văn An", "Hoàng Thị Mai"]
    sent = lead.events("hands")[-1]
    assert [h["user"]["name"] for h in sent["queue"]] == ["Nguyễn Văn An", "Hoàng Thị Mai"]
    assert sent["ids"] == [t.id for t in classroom["trainees"][:2]] and sent["count"] == 2
    # a trainee can only lower their own hand
    assert mai.emit("hand_lower", {"user": classroom["trainees"][0].id})["error"] == "forbidden"
    lowered = lead.emit("hand_lower", {"user": classroom["trainees"][0].id})
    assert [h["user"]["name"] for h in lowered["queue"]] == ["Hoàng Thị Mai"]
    assert mai.emit("hand_lower", {})["queue"] == []
    an.emit("hand_raise", {})
    mai.emit("hand_raise", {})
    assert lead.emit("hand_lower", {"all": True})["queue"] == []
    hands = db.session.scalars(sa.select(Hand).order_by(Hand.id)).all()
    assert len(hands) == 4 and all(h.lowered_at for h in hands)
    assert hands[0].lowered_by_id == classroom["lecturer"].id


def test_a_raised_hand_survives_a_reconnect(app, classroom, room):
    _lead, an, _mai = room
    an.emit("hand_raise", {})
    an.disconnect()
    an.reconnect()
    assert an.join(classroom["session"])["hands"]["queue"][0]["user"]["name"] == "Nguyễn Văn An"


def test_a_long_hand_queue_names_the_first_fifty_and_counts_all(app, classroom, connect):
    people = [factories.gen_user(full_name=f"Học viên {n:02d}") for n in range(55)]
    for person in people:
        db.session.add(Enrolment(course_id=classroom["course"].id, user_id=person.id))
    db.session.commit()
    for person in people:
        client = connect(person)
        client.join(classroom["session"])
        client.emit("hand_raise", {})
    last = client.emit("hand_raise", {})
    assert len(last["queue"]) == 50 and last["count"] == 55
    assert last["ids"] == [p.id for p in people] and last["ids"].index(people[-1].id) == 54
