"""Lesson sync: the lecturer shows a section of a course lesson and the room follows."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from courses.models import Lesson, Module
from lms.errors import NotFoundError
from lms.extensions import db
from lms.live.models import LiveSession
from lms.live.sections import split_sections
from lms.live.state import require_lead, require_live


def _lesson(live_session: LiveSession, lesson_id: int) -> Lesson:
    """Return a published lesson of the session's course or raise NotFoundError."""
    lesson = db.session.get(Lesson, lesson_id)
    if lesson is None or lesson.course_id != live_session.course_id \
            or lesson.status != "published":
        raise NotFoundError(_l("This lesson is not part of the course."))
    return lesson


def section_view(lesson: Lesson, index: int, version: int) -> dict:
    """Return what the room shows for one section of a lesson."""
    sections = split_sections(lesson.body_html, lesson.title)
    index = min(max(0, index), len(sections) - 1)
    section = sections[index]
    return {"lesson": lesson.id, "lesson_title": lesson.title, "section": section.index,
            "count": len(sections), "title": section.title, "html": section.html,
            "version": version}


def show(*, live_session: LiveSession, role: str, lesson_id: int | None,
         section: int) -> dict | None:
    """Point the room at a lesson section (None stops showing); return the new view."""
    require_lead(role)
    require_live(live_session)
    view = None
    if lesson_id is not None:
        lesson = _lesson(live_session, lesson_id)
        count = len(split_sections(lesson.body_html, lesson.title))
        if section >= count:
            raise NotFoundError(_l("This lesson has no such section."))
        view = section_view(lesson, section, live_session.sync_version + 1)
    live_session.sync_lesson_id = lesson_id
    live_session.sync_section = section if lesson_id is not None else 0
    live_session.sync_version += 1
    db.session.commit()
    return view or {"lesson": None, "version": live_session.sync_version}


def current(live_session: LiveSession) -> dict | None:
    """Return the section the lecturer is showing now, or None."""
    if live_session.sync_lesson_id is None:
        return None
    lesson = db.session.get(Lesson, live_session.sync_lesson_id)
    if lesson is None:
        return None
    return section_view(lesson, live_session.sync_section, live_session.sync_version)


def sections(*, live_session: LiveSession, lesson_id: int) -> dict:
    """Return every section of a lesson, for a trainee browsing on their own (detached)."""
    lesson = _lesson(live_session, lesson_id)
    return {"lesson": lesson.id, "lesson_title": lesson.title,
            "sections": [{"index": s.index, "title": s.title, "html": s.html}
                         for s in split_sections(lesson.body_html, lesson.title)]}


def lesson_choices(course_id: int) -> list[dict]:
    """Return the published lessons of a course in module order, for the lecturer's picker."""
    rows = db.session.execute(
        sa.select(Lesson.id, Lesson.title, Lesson.body_html, Module.title)
        .join(Module, Module.id == Lesson.module_id)
        .where(Lesson.course_id == course_id, Lesson.status == "published")
        .order_by(Module.position, Lesson.position)).all()
    return [{"id": lesson_id, "title": title, "module": module,
             "sections": [s.title for s in split_sections(body, title)]}
            for lesson_id, title, body, module in rows]
