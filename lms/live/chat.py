"""Room and group chat: post (once, even when re-sent), delete, mute, history since an id."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from lms.errors import NotFoundError, PermissionDenied
from lms.extensions import db
from lms.live.access import LEAD
from lms.live.activity_models import BreakoutGroup, GroupMember
from lms.live.models import ChatMessage, LiveSession, Participant
from lms.live.room import iso
from lms.live.state import active_breakout, require_lead, require_live, row_in_room
from lms.models import User
from lms.timeutil import utcnow

HISTORY = 100
MAX_BODY = 1000


def message_view(message: ChatMessage, author: User, role: str) -> dict:
    """Return a chat message as the protocol sends it (deleted ones keep their place)."""
    deleted = message.deleted_at is not None
    return {"id": message.id, "body": "" if deleted else message.body,
            "author": {"id": author.id, "name": author.full_name, "role": role},
            "at": iso(message.created_at), "group": message.group_id, "deleted": deleted,
            "cid": message.client_id}


def is_muted(session_id: int, user_id: int) -> bool:
    """Return True when a lecturer has muted this person in this room."""
    return bool(db.session.scalar(sa.select(Participant.is_muted).where(
        Participant.session_id == session_id, Participant.user_id == user_id)))


def _check_group(live_session: LiveSession, user: User, role: str, group_id: int) -> None:
    """Refuse a group message from someone outside the group (lecturers may write anywhere)."""
    breakout = active_breakout(live_session.id)
    group = db.session.get(BreakoutGroup, group_id)
    if breakout is None or group is None or group.breakout_id != breakout.id:
        raise NotFoundError(_l("This group is no longer meeting."))
    if role != LEAD and not db.session.scalar(sa.select(GroupMember.id).where(
            GroupMember.group_id == group_id, GroupMember.user_id == user.id)):
        raise PermissionDenied(_l("You are not in this group."))


def post_message(*, live_session: LiveSession, user: User, role: str, body: str,
                 client_id: str | None, group_id: int | None = None) -> tuple[dict, bool]:
    """Store a chat line; return (message, is_new). A re-sent ``client_id`` is stored once."""
    require_live(live_session)
    if role != LEAD and is_muted(live_session.id, user.id):
        raise PermissionDenied(_l("A lecturer has muted you in this room."))
    if group_id is not None:
        _check_group(live_session, user, role, group_id)
    if client_id:
        existing = db.session.scalar(sa.select(ChatMessage).where(
            ChatMessage.session_id == live_session.id, ChatMessage.user_id == user.id,
            ChatMessage.client_id == client_id))
        if existing is not None:
            return message_view(existing, user, role), False
    message = ChatMessage(session_id=live_session.id, user_id=user.id, role=role,
                          body=body[:MAX_BODY],
                          client_id=client_id, group_id=group_id, created_at=utcnow())
    db.session.add(message)
    db.session.flush()
    view = message_view(message, user, role)
    db.session.commit()
    return view, True


def delete_message(*, live_session: LiveSession, actor: User, role: str,
                   message_id: int) -> dict:
    """Hide a message from the room (it stays, marked deleted, in the record)."""
    require_lead(role)
    message = row_in_room(ChatMessage, live_session, message_id,
                          _l("This message does not exist."))
    if message.deleted_at is None:
        message.deleted_at, message.deleted_by_id = utcnow(), actor.id
    result = {"id": message.id, "group": message.group_id}
    db.session.commit()
    return result


def set_muted(*, live_session: LiveSession, actor: User, role: str, user_id: int,
              muted: bool) -> dict:
    """Mute or unmute a trainee in this room's chat and Q&A."""
    require_lead(role)
    participant = db.session.scalar(sa.select(Participant).where(
        Participant.session_id == live_session.id, Participant.user_id == user_id))
    if participant is None:
        raise NotFoundError(_l("This person has not joined the room."))
    if user_id == actor.id:
        raise PermissionDenied(_l("You cannot mute yourself."))
    participant.is_muted, participant.muted_by_id = muted, actor.id if muted else None
    result = {"user": user_id, "name": participant.user.full_name, "muted": muted}
    db.session.commit()
    return result


def muted_people(session_id: int) -> list[dict]:
    """Return the people muted in this room."""
    rows = db.session.execute(sa.select(User.id, User.full_name).join(
        Participant, Participant.user_id == User.id).where(
        Participant.session_id == session_id, Participant.is_muted.is_(True))).all()
    return [{"id": user_id, "name": name} for user_id, name in rows]


def history(session_id: int, *, since: int | None = None, group_id: int | None = None,
            limit: int = HISTORY) -> tuple[list[dict], bool]:
    """Return room (or one group's) messages after ``since``, oldest first, and completeness.

    ``complete`` is False when more than ``limit`` were missed; the client then points to the
    full transcript instead of pretending nothing is missing.
    """
    query = (sa.select(ChatMessage, User).join(User, User.id == ChatMessage.user_id)
             .where(ChatMessage.session_id == session_id,
                    ChatMessage.group_id.is_(None) if group_id is None
                    else ChatMessage.group_id == group_id))
    if since:
        query = query.where(ChatMessage.id > since)
    rows = db.session.execute(query.order_by(ChatMessage.id.desc()).limit(limit + 1)).all()
    messages = [message_view(message, user, message.role)
                for message, user in reversed(rows[:limit])]
    return messages, len(rows) <= limit
