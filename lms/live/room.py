"""Presence in a room: joining, leaving, who is online now, and ending the session."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from lms.errors import ConflictError, PermissionDenied
from lms.extensions import db
from lms.live import access, grades
from lms.live.activity_models import Breakout, QuizItem, ScenarioRun
from lms.live.attendance import STALE_AFTER
from lms.live.models import Hand, LiveSession, Participant, Poll, Presence
from lms.live.sessions import get_session
from lms.models import Unit, User
from lms.timeutil import utcnow


def iso(value: datetime | None) -> str | None:
    """Write an aware datetime for the protocol (ISO 8601 in UTC, milliseconds, ``Z``)."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z")


def person(user: User, role: str, unit_name: str | None = None) -> dict:
    """Return how a person appears in the protocol."""
    return {"id": user.id, "name": user.full_name, "role": role,
            "unit": unit_name if unit_name is not None else (user.unit.name if user.unit else "")}


@dataclass(frozen=True)
class Joined:
    """The result of a join: the person's role, whether they just came online, their card."""

    role: str
    came_online: bool
    person: dict
    live_session: LiveSession


def join(*, session_id: int, user: User, sid: str) -> Joined:
    """Record a connection of ``user`` to the room; refuse outsiders and ended sessions."""
    live_session = get_session(session_id)
    role = access.room_role(user, live_session)
    if role is None:
        raise PermissionDenied(_l("You are not enrolled in the course of this session."))
    if live_session.state == "ended":
        raise ConflictError(_l("This session has ended."))
    now = utcnow()
    was_online = _is_online(session_id, user.id, now)
    db.session.execute(sa.update(Presence).where(
        Presence.sid == sid, Presence.left_at.is_(None)).values(left_at=now))
    db.session.add(Presence(session_id=session_id, user_id=user.id, sid=sid, role=role,
                            joined_at=now, last_seen_at=now))
    if not db.session.scalar(sa.select(Participant.id).where(
            Participant.session_id == session_id, Participant.user_id == user.id)):
        db.session.add(Participant(session_id=session_id, user_id=user.id, first_joined_at=now))
    card = person(user, role)
    db.session.commit()
    return Joined(role, not was_online, card, live_session)


def leave(*, sid: str) -> tuple[int, int, bool] | None:
    """Close the connection ``sid``; return (session id, user id, still online elsewhere)."""
    presence = db.session.scalar(sa.select(Presence).where(
        Presence.sid == sid, Presence.left_at.is_(None)))
    if presence is None:
        return None
    now = utcnow()
    presence.left_at = now
    session_id, user_id = presence.session_id, presence.user_id
    db.session.commit()
    return session_id, user_id, _is_online(session_id, user_id, now)


def _online_filter(session_id: int, now: datetime):
    """Return the conditions of a connection that is open and fresh."""
    return (Presence.session_id == session_id, Presence.left_at.is_(None),
            Presence.last_seen_at >= now - STALE_AFTER)


def _is_online(session_id: int, user_id: int, now: datetime) -> bool:
    """Return True when the person already has a fresh connection to the room."""
    return db.session.scalar(sa.select(Presence.id).where(
        *_online_filter(session_id, now), Presence.user_id == user_id).limit(1)) is not None


def online_count(session_id: int) -> int:
    """Return how many people are connected to the room now."""
    return db.session.scalar(sa.select(sa.func.count(sa.distinct(Presence.user_id))).where(
        *_online_filter(session_id, utcnow())))


def online_people(session_id: int) -> list[dict]:
    """Return everyone connected now, lecturers first, then by name."""
    rows = db.session.execute(
        sa.select(User.id, User.full_name, Unit.name, sa.func.max(Presence.role))
        .join(Presence, Presence.user_id == User.id).outerjoin(Unit, Unit.id == User.unit_id)
        .where(*_online_filter(session_id, utcnow()))
        .group_by(User.id, User.full_name, Unit.name)).all()
    people = [{"id": uid, "name": name, "unit": unit or "", "role": role}
              for uid, name, unit, role in rows]
    return sorted(people, key=lambda p: (p["role"] != access.LEAD, p["name"]))


def online_trainees(session_id: int) -> list[tuple[int, int | None]]:
    """Return (user id, unit id) of every trainee connected now."""
    return list(db.session.execute(
        sa.select(User.id, User.unit_id).join(Presence, Presence.user_id == User.id)
        .where(*_online_filter(session_id, utcnow()), Presence.role == access.TRAINEE)
        .distinct().order_by(User.id)).all())


def sids_of_user(user_id: int) -> list[tuple[str, int]]:
    """Return (socket id, session id) of every open connection of a person."""
    return list(db.session.execute(sa.select(Presence.sid, Presence.session_id).where(
        Presence.user_id == user_id, Presence.left_at.is_(None))).all())


def room_sids(session_id: int, user_id: int) -> list[str]:
    """Return the socket ids a person has open in one room."""
    return list(db.session.scalars(sa.select(Presence.sid).where(
        Presence.session_id == session_id, Presence.user_id == user_id,
        Presence.left_at.is_(None))))


def refresh(sids: list[str]) -> None:
    """Mark the connections this process still serves as seen now (the minute heartbeat)."""
    if sids:
        db.session.execute(sa.update(Presence).where(
            Presence.sid.in_(sids), Presence.left_at.is_(None)).values(last_seen_at=utcnow()))
        db.session.commit()


def end_session(session_id: int, *, actor: User) -> LiveSession:
    """End a session: close what is open, then write its columns of the course gradebook."""
    live_session = get_session(session_id)
    if not access.can_lead(actor, live_session):
        raise PermissionDenied(_l("Only the lecturers of the course can do this."))
    if live_session.state == "ended":
        return live_session
    now = utcnow()
    live_session.state, live_session.closed_at = "ended", now
    live_session.opened_at = live_session.opened_at or now
    _close_open_rows(session_id, now)
    db.session.commit()
    grades.publish_quiz(live_session)
    grades.publish_attendance(live_session)
    return live_session


def _close_open_rows(session_id: int, now: datetime) -> None:
    """Close what is still open in a room: connections, hands, poll, item, breakout, run."""
    for presence in db.session.scalars(sa.select(Presence).where(
            Presence.session_id == session_id, Presence.left_at.is_(None))):
        presence.left_at = now if now - presence.last_seen_at <= STALE_AFTER \
            else presence.last_seen_at
    for table, open_, values in (
            (Hand, Hand.lowered_at.is_(None), {"lowered_at": now}),
            (Poll, Poll.state == "open", {"state": "closed", "closed_at": now}),
            (Breakout, Breakout.ended_at.is_(None), {"ended_at": now}),
            (QuizItem, QuizItem.state == "open", {"state": "closed", "closed_at": now}),
            (ScenarioRun, ScenarioRun.finished_at.is_(None), {"finished_at": now})):
        db.session.execute(sa.update(table).where(table.session_id == session_id, open_)
                           .values(**values))
