"""Small shared rules of a room: it must be live, the actor must lead, the current breakout."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from lms.errors import ConflictError, NotFoundError, PermissionDenied
from lms.extensions import db
from lms.live.access import LEAD
from lms.live.activity_models import Breakout, BreakoutGroup, GroupMember
from lms.live.models import LiveSession


def require_live(live_session: LiveSession) -> None:
    """Refuse room actions before the lecturer opens the room or after it ends."""
    if live_session.state == "scheduled":
        raise ConflictError(_l("The lecturer has not opened the room yet."))
    if live_session.state == "ended":
        raise ConflictError(_l("This session has ended."))


def require_lead(role: str) -> None:
    """Refuse lecturer-only actions to everyone else."""
    if role != LEAD:
        raise PermissionDenied(_l("Only the lecturers of the course can do this."))


def row_in_room(model, live_session: LiveSession, row_id: int, missing_message):
    """Return the ``model`` row with ``row_id`` if it belongs to this room, else NotFoundError.

    A forged id of another room's row looks exactly like one that does not exist.
    """
    row = db.session.get(model, row_id)
    if row is None or row.session_id != live_session.id:
        raise NotFoundError(missing_message)
    return row


def active_breakout(session_id: int) -> Breakout | None:
    """Return the breakout in progress in this room, if any."""
    return db.session.scalar(sa.select(Breakout).where(
        Breakout.session_id == session_id, Breakout.ended_at.is_(None))
        .order_by(Breakout.id.desc()).limit(1))


def group_of(session_id: int, user_id: int) -> tuple[BreakoutGroup, GroupMember] | None:
    """Return the group (and membership) a person is in during the current breakout."""
    row = db.session.execute(
        sa.select(BreakoutGroup, GroupMember)
        .join(GroupMember, GroupMember.group_id == BreakoutGroup.id)
        .join(Breakout, Breakout.id == BreakoutGroup.breakout_id)
        .where(Breakout.session_id == session_id, Breakout.ended_at.is_(None),
               GroupMember.user_id == user_id)).first()
    return (row[0], row[1]) if row else None
