"""Scheduling live sessions: create, edit, delete, open and end; lists and calendars."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from courses.models import Course, Enrolment, Module, course_lecturers
from lms.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from lms.live import access
from lms.live.ics import CalendarEvent, build_calendar
from lms.live.models import LiveSession, Presence
from lms.models import User
from lms.timeutil import utcnow

MAX_DURATION = timedelta(hours=12)


@dataclass(frozen=True)
class SessionData:
    """What a lecturer fills in for a session; times are aware datetimes."""

    title: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    external_url: str = ""
    module_id: int | None = None
    lecturer_ids: tuple[int, ...] = field(default=())
    attendance_percent: int = 75


def get_session(session_id: int) -> LiveSession:
    """Return the session or raise NotFoundError."""
    live_session = db.session.get(LiveSession, session_id)
    if live_session is None:
        raise NotFoundError(_l("This live session does not exist."))
    return live_session


def _check(course: Course, data: SessionData) -> list:
    """Return every problem of ``data`` for a session of ``course``."""
    problems = []
    if not data.title.strip() or len(data.title.strip()) > 200:
        problems.append(_l("Give the session a title of at most 200 characters."))
    if data.ends_at <= data.starts_at:
        problems.append(_l("The session must end after it starts."))
    elif data.ends_at - data.starts_at > MAX_DURATION:
        problems.append(_l("A session may last at most 12 hours."))
    if data.external_url and not _is_web_link(data.external_url):
        problems.append(_l("The audio/video link must start with https:// or http://."))
    if data.module_id is not None and not db.session.scalar(sa.select(sa.func.count()).where(
            Module.id == data.module_id, Module.course_id == course.id)):
        problems.append(_l("The module does not belong to this course."))
    allowed = {user.id for user in course.lecturers}
    if any(user_id not in allowed for user_id in data.lecturer_ids):
        problems.append(_l("Only lecturers of the course can lead its sessions."))
    if not 1 <= data.attendance_percent <= 100:
        problems.append(_l("The attendance rule must be between 1 and 100%."))
    return problems


def _is_web_link(url: str) -> bool:
    """Return True for an absolute http(s) link of reasonable length."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and len(url) <= 500


def _apply(live_session: LiveSession, data: SessionData) -> None:
    """Copy the form data onto the session."""
    live_session.title = data.title.strip()
    live_session.description = data.description.strip()
    live_session.starts_at, live_session.ends_at = data.starts_at, data.ends_at
    live_session.external_url = data.external_url.strip()
    live_session.module_id = data.module_id
    live_session.attendance_percent = data.attendance_percent
    live_session.lecturers = list(db.session.scalars(
        sa.select(User).where(User.id.in_(data.lecturer_ids)))) if data.lecturer_ids else []


def create_session(course: Course, data: SessionData, *, actor: User) -> LiveSession:
    """Schedule a session of ``course``; only those who teach it may."""
    if not access.can_teach_course(actor, course):
        raise PermissionDenied(_l("You do not teach this course."))
    problems = _check(course, data)
    if problems:
        raise ValidationError(problems[0], errors=problems)
    live_session = LiveSession(course_id=course.id, course=course, created_by_id=actor.id)
    _apply(live_session, data)
    db.session.add(live_session)
    db.session.commit()
    return live_session


def update_session(session_id: int, data: SessionData, *, actor: User) -> LiveSession:
    """Save edits to a session that has not ended; calendars see a new SEQUENCE."""
    live_session = _led(session_id, actor)
    if live_session.state == "ended":
        raise ConflictError(_l("An ended session can no longer be changed."))
    problems = _check(live_session.course, data)
    if problems:
        raise ValidationError(problems[0], errors=problems)
    _apply(live_session, data)
    live_session.sequence += 1
    db.session.commit()
    return live_session


def delete_session(session_id: int, *, actor: User) -> int:
    """Delete a scheduled session nobody has joined; return its course id."""
    live_session = _led(session_id, actor)
    joined = db.session.scalar(sa.select(sa.func.count()).select_from(Presence).where(
        Presence.session_id == live_session.id))
    if live_session.state != "scheduled" or joined:
        raise ConflictError(_l("Only a session that has not started can be deleted; "
                               "this one has a record to keep."))
    course_id = live_session.course_id
    db.session.delete(live_session)
    db.session.commit()
    return course_id


def _led(session_id: int, actor: User) -> LiveSession:
    """Return the session when ``actor`` may lead it; raise otherwise."""
    live_session = get_session(session_id)
    if not access.can_lead(actor, live_session):
        raise PermissionDenied(_l("Only the lecturers of the course can do this."))
    return live_session


def open_session(session_id: int, *, actor: User) -> LiveSession:
    """Open the room: the session becomes live and trainees can take part."""
    live_session = _led(session_id, actor)
    if live_session.state == "ended":
        raise ConflictError(_l("This session has ended; schedule a new one."))
    if live_session.state == "scheduled":
        live_session.state, live_session.opened_at = "live", utcnow()
        db.session.commit()
    return live_session


def sessions_for_course(course: Course) -> list[LiveSession]:
    """Return every session of a course, latest first."""
    return list(db.session.scalars(sa.select(LiveSession).where(
        LiveSession.course_id == course.id).order_by(LiveSession.starts_at.desc())))


def upcoming_for_user(user: User, *, limit: int = 5) -> list[LiveSession]:
    """Return the live or coming sessions of the courses ``user`` studies or teaches."""
    if user.role == "admin":
        courses = sa.select(Course.id)
    elif user.role == "lecturer":
        courses = sa.select(course_lecturers.c.course_id).where(
            course_lecturers.c.user_id == user.id)
    else:
        courses = sa.select(Enrolment.course_id).join(Course).where(
            Enrolment.user_id == user.id, Course.status == "published")
    return list(db.session.scalars(
        sa.select(LiveSession).where(LiveSession.course_id.in_(courses),
                                     LiveSession.state != "ended",
                                     LiveSession.ends_at >= utcnow() - timedelta(hours=12))
        .order_by(LiveSession.starts_at).limit(limit)))


def taught_courses(user: User) -> list[Course]:
    """Return the courses ``user`` may schedule sessions for, by title."""
    if user.role not in ("admin", "lecturer"):
        return []
    ids = access.taught_course_ids(user)
    return list(db.session.scalars(sa.select(Course).where(Course.id.in_(ids))
                                   .order_by(Course.title))) if ids else []


def calendar_event(live_session: LiveSession, *, url: str, host: str) -> CalendarEvent:
    """Return the calendar event of a session (cancelled never; ended ones stay listed)."""
    description = "\n\n".join(part for part in (
        live_session.course.title, live_session.description,
        live_session.external_url and f"Âm thanh/hình ảnh: {live_session.external_url}",
        f"Phòng học trực tuyến: {url}") if part)
    return CalendarEvent(
        uid=f"live-session-{live_session.id}@{host}", starts_at=live_session.starts_at,
        ends_at=live_session.ends_at, summary=live_session.title, description=description,
        url=url, location=url, sequence=live_session.sequence,
        stamp=live_session.updated_at)


def calendar_text(events: list[CalendarEvent], *, name: str) -> str:
    """Return the iCalendar file for ``events``."""
    return build_calendar(events, name=name, stamp=utcnow())
