"""Socket handlers for talking in the room: chat, muting, Q&A and the raise-hand queue.

Each handler names its sender, receivers and payload; docs/live-protocol.md is the reference.
"""
from __future__ import annotations

from lms.live import chat, payloads, qa
from lms.live.broadcast import emit, group_room, member_room, room, staff_room
from lms.live.eventkit import Context, live_event
from lms.live.runtime import runtime


class RoomEvents:
    """Chat, Q&A and hands (mixed into the live namespace)."""

    @live_event("chat_send")
    def on_chat_send(self, ctx: Context, data) -> dict:
        """Anyone -> room or own group: ``{body, cid?, group?}``; receivers get chat_message."""
        data = payloads.mapping(data, ("body", "cid", "group"))
        body = payloads.text(data, "body", max_length=chat.MAX_BODY)
        group_id = payloads.integer(data, "group", required=False)
        message, is_new = chat.post_message(
            live_session=ctx.live_session, user=ctx.user, role=ctx.role, body=body,
            client_id=payloads.client_id(data), group_id=group_id)
        if is_new:
            _to_channel("chat_message", message, ctx.live_session.id, group_id)
        return {"message": message, "duplicate": not is_new}

    @live_event("chat_delete", lead_only=True)
    def on_chat_delete(self, ctx: Context, data) -> dict:
        """Lecturer -> room: ``{message}``; everyone gets chat_deleted ``{id, group}``."""
        data = payloads.mapping(data, ("message",))
        deleted = chat.delete_message(live_session=ctx.live_session, actor=ctx.user,
                                      role=ctx.role, message_id=payloads.integer(data, "message"))
        _to_channel("chat_deleted", deleted, ctx.live_session.id, deleted["group"])
        return deleted

    @live_event("chat_mute", lead_only=True)
    def on_chat_mute(self, ctx: Context, data) -> dict:
        """Lecturer: ``{user, muted}``; the person gets muted, lecturers get mute_changed."""
        data = payloads.mapping(data, ("user", "muted"))
        change = chat.set_muted(live_session=ctx.live_session, actor=ctx.user, role=ctx.role,
                                user_id=payloads.integer(data, "user"),
                                muted=payloads.boolean(data, "muted", default=True))
        session_id = ctx.live_session.id
        emit("muted", {"muted": change["muted"]}, to=member_room(session_id, change["user"]))
        emit("mute_changed", change, to=staff_room(session_id))
        return change

    @live_event("qa_ask")
    def on_qa_ask(self, ctx: Context, data) -> dict:
        """Anyone -> room: ``{body, cid?}``; everyone gets qa_question."""
        data = payloads.mapping(data, ("body", "cid"))
        question, is_new = qa.ask(live_session=ctx.live_session, user=ctx.user, role=ctx.role,
                                  body=payloads.text(data, "body", max_length=500),
                                  client_id=payloads.client_id(data))
        if is_new:
            emit("qa_question", question, to=room(ctx.live_session.id))
        return {"question": question, "duplicate": not is_new}

    @live_event("qa_upvote")
    def on_qa_upvote(self, ctx: Context, data) -> dict:
        """Anyone: ``{question, up?}`` (default up); everyone gets qa_question (batched)."""
        data = payloads.mapping(data, ("question", "up"))
        question = qa.upvote(live_session=ctx.live_session, user=ctx.user,
                             question_id=payloads.integer(data, "question"),
                             up=payloads.boolean(data, "up", default=True))
        runtime().feed.question_changed(ctx.live_session.id, question["id"])
        return {"question": question}

    @live_event("qa_answered", lead_only=True)
    def on_qa_answered(self, ctx: Context, data) -> dict:
        """Lecturer: ``{question, answered?}``; everyone gets qa_question."""
        data = payloads.mapping(data, ("question", "answered"))
        question = qa.mark_answered(live_session=ctx.live_session, role=ctx.role,
                                    question_id=payloads.integer(data, "question"),
                                    answered=payloads.boolean(data, "answered", default=True))
        emit("qa_question", question, to=room(ctx.live_session.id))
        return {"question": question}

    @live_event("qa_delete")
    def on_qa_delete(self, ctx: Context, data) -> dict:
        """Lecturer (any) or author (own): ``{question}``; everyone gets qa_removed ``{id}``."""
        data = payloads.mapping(data, ("question",))
        removed = qa.remove(live_session=ctx.live_session, user=ctx.user, role=ctx.role,
                            question_id=payloads.integer(data, "question"))
        emit("qa_removed", {"id": removed}, to=room(ctx.live_session.id))
        return {"id": removed}

    @live_event("hand_raise")
    def on_hand_raise(self, ctx: Context, data) -> dict:
        """Anyone: ``{}``; everyone gets hands (batched); a second raise changes nothing."""
        payloads.mapping(data, ())
        raised = qa.raise_hand(live_session=ctx.live_session, user=ctx.user)
        return _send_hands(ctx.live_session.id, changed=raised)

    @live_event("hand_lower")
    def on_hand_lower(self, ctx: Context, data) -> dict:
        """Own hand: ``{}``; lecturer: ``{user}`` or ``{all: true}``; room gets hands (batched)."""
        data = payloads.mapping(data, ("user", "all"))
        user_id = payloads.integer(data, "user", required=False)
        if payloads.boolean(data, "all") and ctx.is_lead:
            user_id = None
        elif user_id is None:
            user_id = ctx.user.id
        lowered = qa.lower_hand(live_session=ctx.live_session, actor=ctx.user, role=ctx.role,
                                user_id=user_id)
        return _send_hands(ctx.live_session.id, changed=lowered)


def _send_hands(session_id: int, *, changed: bool) -> dict:
    """Have the room told when the queue changed (batched); return it for the reply."""
    if changed:
        runtime().feed.hands_changed(session_id)
    return {**qa.hand_queue(session_id), "changed": changed}


def _to_channel(event: str, payload: dict, session_id: int, group_id: int | None) -> None:
    """Send to the room, or to a group and the lecturers who watch every group."""
    if group_id is None:
        emit(event, payload, to=room(session_id))
    else:
        emit(event, payload, to=group_room(session_id, group_id))
        emit(event, payload, to=staff_room(session_id))
