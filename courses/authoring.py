"""Authoring of courses, modules and handbooks in the browser (lecturers of the course, admins).

Services own their transaction; every rule a person can break raises a domain error with a
message in their language, and nothing is half-written.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from courses.access import can_teach
from courses.authoring_common import (
    check_markdown_citations, clean_line, clean_text, move_one_place, require, unique_slug,
)
from courses.contentfiles.course import CADRE_TYPES, POSITIONS, TOPICS
from courses.contentfiles.fields import is_slug
from courses.derived import refresh_course
from courses.models import COURSE_STATUSES, ENROLMENT_MODES, Course, Lesson, Module
from courses.registry import stored_registry
from lms.audit import record_event
from lms.errors import ConflictError, ValidationError
from lms.extensions import db
from lms.models import User


@dataclass(frozen=True)
class CourseData:
    """The editable settings of a course, as entered in the course form."""

    title: str
    summary: str
    topic: str
    cadre_types: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    enrolment: str = "open"
    is_sequential: bool = False
    prerequisite_ids: tuple[int, ...] = ()


def _check_course_data(data: CourseData, course: Course | None) -> list:
    """Return the problems with ``data``; an empty list means it can be saved."""
    problems = []
    if not clean_line(data.title):
        problems.append(_l("Enter the course title."))
    if data.topic not in TOPICS or data.enrolment not in ENROLMENT_MODES:
        problems.append(_l("Choose a topic and an enrolment mode from the lists."))
    if not set(data.cadre_types) <= set(CADRE_TYPES) or not set(data.positions) <= set(POSITIONS):
        problems.append(_l("Choose the audience from the lists."))
    if course is not None and course.id in data.prerequisite_ids:
        problems.append(_l("A course cannot be its own prerequisite."))
    return problems


def _apply_course_data(course: Course, data: CourseData) -> None:
    """Copy validated settings onto a course, prerequisites included."""
    course.title = clean_line(data.title)
    course.summary = clean_text(data.summary).strip()
    course.topic = data.topic
    course.audience_cadre_types = list(data.cadre_types)
    course.audience_positions = list(data.positions)
    course.enrolment = data.enrolment
    course.is_sequential = data.is_sequential
    wanted = set(data.prerequisite_ids)
    course.prerequisites = list(db.session.scalars(
        sa.select(Course).where(Course.id.in_(wanted)))) if wanted else []
    if _requires_itself(course):
        raise ValidationError(_l("These prerequisites would make courses require each other."))


def _requires_itself(course: Course) -> bool:
    """Tell whether following prerequisites from ``course`` leads back to it."""
    seen, stack = set(), [c for c in course.prerequisites]
    while stack:
        other = stack.pop()
        if other.id == course.id:
            return True
        if other.id not in seen:
            seen.add(other.id)
            stack.extend(other.prerequisites)
    return False


def create_course(data: CourseData, *, slug: str = "", actor) -> Course:
    """Create a draft course; a lecturer who creates it becomes its lecturer."""
    require(actor.role in ("admin", "lecturer"))
    problems = _check_course_data(data, None)
    taken = set(db.session.scalars(sa.select(Course.slug)))
    slug = slug.strip().lower() or unique_slug(data.title, taken)
    if not is_slug(slug):
        problems.append(_l("The short name may use only a-z, 0-9 and hyphens."))
    elif slug in taken:
        problems.append(_l("Another course already uses this short name."))
    if problems:
        raise ValidationError(problems[0], errors=problems)
    course = Course(slug=slug, status="draft")
    db.session.add(course)
    _apply_course_data(course, data)
    if actor.role == "lecturer":
        course.lecturers.append(actor)
    db.session.flush()
    refresh_course(course, stored_registry(), date.today())
    record_event("course_created", actor=actor, target=course, slug=slug)
    db.session.commit()
    return course


def update_course(course: Course, data: CourseData, *, actor) -> None:
    """Save a course's settings."""
    require(can_teach(actor, course))
    problems = _check_course_data(data, course)
    if problems:
        raise ValidationError(problems[0], errors=problems)
    try:
        _apply_course_data(course, data)
        refresh_course(course, stored_registry(), date.today())
    except ValidationError:
        db.session.rollback()
        raise
    db.session.commit()


def set_lecturers(course: Course, user_ids: list[int], *, actor) -> None:
    """Choose the lecturers of a course (admins only)."""
    require(actor.role == "admin")
    users = list(db.session.scalars(sa.select(User).where(User.id.in_(user_ids),
                                                          User.role == "lecturer")))
    if len(users) != len(set(user_ids)):
        raise ValidationError(_l("Only lecturer accounts can teach a course."))
    course.lecturers = users
    record_event("course_lecturers_set", actor=actor, target=course,
                 lecturers=[u.email for u in users])
    db.session.commit()


def set_course_status(course: Course, status: str, *, actor) -> None:
    """Publish, unpublish (draft) or archive a course; publication is audit-logged."""
    require(can_teach(actor, course))
    if status not in COURSE_STATUSES:
        raise ValidationError()
    if status == course.status:
        raise ConflictError(_l("The course already has this status."))
    if status == "published" and not db.session.scalar(sa.select(sa.func.count()).where(
            Lesson.course_id == course.id, Lesson.status == "published")):
        raise ValidationError(_l("Publish at least one lesson before publishing the course."))
    old = course.status
    course.status = status
    record_event(f"course_{'published' if status == 'published' else 'status_changed'}",
                 actor=actor, target=course, slug=course.slug, old=old, new=status)
    db.session.commit()


def save_handbook(course: Course, *, title: str, summary: str, body: str, actor) -> None:
    """Save the printable handbook (an empty title removes it)."""
    require(can_teach(actor, course))
    body = clean_text(body)
    registry = stored_registry()
    check_markdown_citations({_l("Handbook"): body}, registry)
    course.handbook_title = clean_line(title)
    course.handbook_summary = clean_line(summary)
    course.handbook_md = body if course.handbook_title else ""
    refresh_course(course, registry, date.today())
    db.session.commit()


def add_module(course: Course, *, title: str, summary: str, actor) -> Module:
    """Add a module at the end of the course."""
    require(can_teach(actor, course))
    title = clean_line(title)
    if not title:
        raise ValidationError(_l("Enter the module title."))
    module = Module(slug=unique_slug(title, {m.slug for m in course.modules}), title=title,
                    summary=clean_line(summary),
                    position=max((m.position for m in course.modules), default=-1) + 1)
    course.modules.append(module)
    db.session.flush()
    refresh_course(course, stored_registry(), date.today())
    db.session.commit()
    return module


def update_module(module: Module, *, title: str, summary: str, actor) -> None:
    """Rename a module or change its summary."""
    require(can_teach(actor, module.course))
    if not clean_line(title):
        raise ValidationError(_l("Enter the module title."))
    module.title, module.summary = clean_line(title), clean_line(summary)
    refresh_course(module.course, stored_registry(), date.today())
    db.session.commit()


def move_module(module: Module, direction: int, *, actor) -> None:
    """Move a module one place up (-1) or down (+1)."""
    require(can_teach(actor, module.course))
    move_one_place(list(module.course.modules), module, direction)
    db.session.commit()


def delete_module(module: Module, *, actor) -> None:
    """Delete an empty module."""
    course = module.course
    require(can_teach(actor, course))
    if module.lessons:
        raise ConflictError(_l("Move or delete the module's lessons first."))
    course.modules.remove(module)
    db.session.flush()
    refresh_course(course, stored_registry(), date.today())
    db.session.commit()
