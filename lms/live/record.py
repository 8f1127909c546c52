"""The record of a session, kept for good: attendance and what each person did."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from courses.models import Enrolment
from lms.extensions import db
from lms.live.access import LEAD
from lms.live.activity_models import QuizAnswer
from lms.live.attendance import (
    Window, interval_end, is_present, percent_of, seconds_present,
)
from lms.live.models import (
    ChatMessage, Hand, LiveSession, Poll, PollVote, Presence, QaQuestion, QaVote,
)
from lms.models import Unit, User
from lms.timeutil import utcnow


@dataclass(frozen=True)
class AttendanceRow:
    """One person's attendance and activity in a session."""

    user_id: int
    name: str
    email: str
    unit: str
    role: str
    first_join: datetime | None
    last_leave: datetime | None
    connections: int
    seconds: int
    percent: int
    present: bool
    messages: int = 0
    questions: int = 0
    upvotes: int = 0
    hands: int = 0
    poll_answers: int = 0
    quiz_answers: int = 0
    quiz_points: int = 0

    @property
    def minutes(self) -> int:
        """Return whole minutes present (rounded down)."""
        return self.seconds // 60


def window(live_session: LiveSession, now: datetime | None = None) -> Window:
    """Return the span attendance is measured against: opening to end (or to now if live)."""
    now = now or utcnow()
    start = live_session.opened_at or live_session.starts_at
    if live_session.state == "ended":
        end = live_session.closed_at or live_session.ends_at
    elif live_session.state == "live":
        end = now
    else:
        end = live_session.ends_at
    return Window(start, max(start, end))


def _intervals(session_id: int, now: datetime) -> dict[int, list]:
    """Return each person's connection intervals."""
    found: dict[int, list] = {}
    for presence in db.session.scalars(sa.select(Presence).where(
            Presence.session_id == session_id).order_by(Presence.joined_at)):
        end = interval_end(presence.left_at, presence.last_seen_at, now)
        found.setdefault(presence.user_id, []).append((presence.joined_at, end))
    return found


def _counts(session_id: int) -> dict[str, dict[int, int]]:
    """Return per-person counts of messages, questions, upvotes, hands and answers."""
    def per_user(column, *where) -> dict[int, int]:
        """Count rows per user."""
        return dict(db.session.execute(sa.select(column, sa.func.count()).where(*where)
                                       .group_by(column)).all())
    return {
        "messages": per_user(ChatMessage.user_id, ChatMessage.session_id == session_id),
        "questions": per_user(QaQuestion.user_id, QaQuestion.session_id == session_id),
        "upvotes": per_user(QaVote.user_id, QaVote.question_id.in_(
            sa.select(QaQuestion.id).where(QaQuestion.session_id == session_id))),
        "hands": per_user(Hand.user_id, Hand.session_id == session_id),
        "poll_answers": per_user(PollVote.user_id, PollVote.poll_id.in_(
            sa.select(Poll.id).where(Poll.session_id == session_id))),
        "quiz_answers": per_user(QuizAnswer.user_id, QuizAnswer.session_id == session_id),
        "quiz_points": dict(db.session.execute(
            sa.select(QuizAnswer.user_id, sa.func.sum(QuizAnswer.points))
            .where(QuizAnswer.session_id == session_id).group_by(QuizAnswer.user_id)).all()),
    }


def _roster(live_session: LiveSession) -> list[tuple[User, str, str]]:
    """Return (user, unit name, role) for enrolled trainees and everyone who joined."""
    enrolled = sa.select(Enrolment.user_id).where(Enrolment.course_id == live_session.course_id)
    joined = sa.select(Presence.user_id).where(Presence.session_id == live_session.id)
    leads = set(db.session.scalars(sa.select(Presence.user_id).where(
        Presence.session_id == live_session.id, Presence.role == LEAD)))
    rows = db.session.execute(
        sa.select(User, Unit.name).outerjoin(Unit, Unit.id == User.unit_id)
        .where(sa.or_(User.id.in_(enrolled), User.id.in_(joined)))).all()
    people = [(user, unit or "", LEAD if user.id in leads else "trainee") for user, unit in rows]
    return sorted(people, key=lambda p: (p[2] != LEAD, p[0].full_name, p[0].id))


def attendance(live_session: LiveSession, *, now: datetime | None = None) -> list[AttendanceRow]:
    """Return one row per person: lecturers first, then trainees by name (absent ones too)."""
    now = now or utcnow()
    span = window(live_session, now)
    intervals = _intervals(live_session.id, now)
    counts = _counts(live_session.id)
    rows = []
    for user, unit, role in _roster(live_session):
        mine = intervals.get(user.id, [])
        seconds = seconds_present(mine, span)
        rows.append(AttendanceRow(
            user_id=user.id, name=user.full_name, email=user.email, unit=unit, role=role,
            first_join=min((start for start, _ in mine), default=None),
            last_leave=max((end for _, end in mine), default=None), connections=len(mine),
            seconds=seconds, percent=percent_of(seconds, span),
            present=bool(mine) and is_present(seconds, span, live_session.attendance_percent),
            **{key: int(values.get(user.id, 0) or 0) for key, values in counts.items()}))
    return rows


def summary(rows: list[AttendanceRow]) -> dict:
    """Return head counts for the record page: trainees enrolled, joined, present."""
    trainees = [row for row in rows if row.role != LEAD]
    return {"trainees": len(trainees), "joined": sum(1 for r in trainees if r.connections),
            "present": sum(1 for r in trainees if r.present)}


def was_present(live_session: LiveSession, user_id: int) -> bool:
    """Return True when one person meets the session's attendance rule."""
    now = utcnow()
    mine = [(p.joined_at, interval_end(p.left_at, p.last_seen_at, now))
            for p in db.session.scalars(sa.select(Presence).where(
                Presence.session_id == live_session.id, Presence.user_id == user_id))]
    span = window(live_session, now)
    return bool(mine) and is_present(seconds_present(mine, span), span,
                                     live_session.attendance_percent)


def my_attendance(live_session: LiveSession, user_id: int) -> AttendanceRow | None:
    """Return one person's row (for their own session page)."""
    return next((row for row in attendance(live_session) if row.user_id == user_id), None)
