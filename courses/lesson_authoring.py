"""Authoring of lessons: create, edit with revisions, publish, reorder, restore, delete."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from courses.access import can_teach
from courses.authoring_common import (
    check_markdown_citations, clean_line, clean_text, move_one_place, replaced_warning, require,
    unique_slug,
)
from courses.derived import refresh_course, refresh_lesson
from courses.import_writer import LESSON_CONTENT, record_revision
from courses.models import LESSON_STATUSES, Lesson, LessonProgress, LessonRevision, Module
from courses.registry import render_with_citations, stored_registry
from lms.audit import record_event
from lms.errors import ConflictError, NotFoundError, ValidationError
from lms.extensions import db

MAX_MINUTES = 240


@dataclass(frozen=True)
class LessonData:
    """The editable fields of a lesson, as entered in the lesson editor."""

    title: str
    summary: str
    minutes: int
    body_md: str
    law_change_note: str = ""
    module_id: int | None = None


@dataclass
class SaveResult:
    """What saving a lesson did: the revision recorded (None: nothing changed), warnings."""

    revision: LessonRevision | None
    warnings: list[str] = field(default_factory=list)


def add_lesson(module: Module, *, title: str, actor) -> Lesson:
    """Add a draft lesson at the end of a module."""
    course = module.course
    require(can_teach(actor, course))
    title = clean_line(title)
    if not title:
        raise ValidationError(_l("Enter the lesson title."))
    taken = set(db.session.scalars(sa.select(Lesson.slug).where(Lesson.course_id == course.id)))
    lesson = Lesson(course_id=course.id, module=module, slug=unique_slug(title, taken),
                    title=title, summary="", minutes=10, body_md="", status="draft",
                    position=max((x.position for x in module.lessons), default=-1) + 1)
    db.session.add(lesson)
    db.session.flush()
    record_revision(lesson, actor=actor, note="Tạo bài học")
    refresh_lesson(lesson, stored_registry(), date.today())
    db.session.commit()
    return lesson


def _check_lesson_data(data: LessonData, lesson: Lesson) -> list:
    """Return the problems of a lesson form; an empty list means it can be saved."""
    problems = []
    if not clean_line(data.title):
        problems.append(_l("Enter the lesson title."))
    if not 1 <= (data.minutes or 0) <= MAX_MINUTES:
        problems.append(_l("Estimated minutes must be between 1 and %(n)d.", n=MAX_MINUTES))
    if data.module_id is not None and data.module_id not in {
            m.id for m in lesson.course.modules}:
        problems.append(_l("Choose a module of this course."))
    return problems


def save_lesson(lesson: Lesson, data: LessonData, *, actor, note: str = "") -> SaveResult:
    """Save the lesson; record a revision when its content changed."""
    require(can_teach(actor, lesson.course))
    problems = _check_lesson_data(data, lesson)
    if problems:
        raise ValidationError(problems[0], errors=problems)
    body, law_note = clean_text(data.body_md), clean_text(data.law_change_note).strip()
    registry = stored_registry()
    check_markdown_citations({_l("Lesson text"): body, _l("Law change note"): law_note},
                             registry)
    values = {"title": clean_line(data.title), "summary": clean_line(data.summary),
              "minutes": data.minutes, "law_change_note": law_note, "body_md": body}
    changed = any(getattr(lesson, k) != v for k, v in values.items())
    for name, value in values.items():
        setattr(lesson, name, value)
    if data.module_id is not None and data.module_id != lesson.module_id:
        _move_to_module(lesson, data.module_id)
    revision = record_revision(lesson, actor=actor, note=note or "Sửa trong trình duyệt") \
        if changed else None
    refresh_lesson(lesson, registry, date.today())
    db.session.commit()
    return SaveResult(revision, replaced_warning(body, law_note, registry, date.today()))


def _move_to_module(lesson: Lesson, module_id: int) -> None:
    """Put the lesson at the end of another module of the same course."""
    module = db.session.get(Module, module_id)
    lesson.position = max((x.position for x in module.lessons), default=-1) + 1
    lesson.module = module


def preview(markdown_text: str) -> str:
    """Render Markdown exactly as a lesson page would (same server pipeline)."""
    return str(render_with_citations(clean_text(markdown_text), stored_registry(),
                                     today=date.today()))


def set_lesson_status(lesson: Lesson, status: str, *, actor) -> None:
    """Publish or unpublish a lesson; publication is audit-logged."""
    require(can_teach(actor, lesson.course))
    if status not in LESSON_STATUSES:
        raise ValidationError()
    if status == lesson.status:
        raise ConflictError(_l("The lesson already has this status."))
    if status == "published" and not lesson.body_md.strip():
        raise ValidationError(_l("Write the lesson before publishing it."))
    lesson.status = status
    db.session.flush()
    record_revision(lesson, actor=actor,
                    note="Xuất bản" if status == "published" else "Chuyển về bản nháp")
    record_event("lesson_published" if status == "published" else "lesson_unpublished",
                 actor=actor, target=lesson, course=lesson.course.slug, lesson=lesson.slug)
    db.session.commit()


def move_lesson(lesson: Lesson, direction: int, *, actor) -> None:
    """Move a lesson one place up (-1) or down (+1) within its module."""
    require(can_teach(actor, lesson.course))
    move_one_place(list(lesson.module.lessons), lesson, direction)
    db.session.commit()


def delete_lesson(lesson: Lesson, *, actor) -> None:
    """Delete a draft lesson that nobody has studied."""
    course = lesson.course
    require(can_teach(actor, course))
    studied = db.session.scalar(sa.select(sa.func.count()).select_from(LessonProgress)
                                .where(LessonProgress.lesson_id == lesson.id))
    if lesson.status == "published" or studied:
        raise ConflictError(_l("Only draft lessons that nobody has opened can be deleted."))
    db.session.delete(lesson)
    db.session.flush()
    refresh_course(course, stored_registry(), date.today())
    db.session.commit()


def get_revision(lesson: Lesson, number: int) -> LessonRevision:
    """Return revision ``number`` of ``lesson`` or raise NotFoundError."""
    revision = db.session.scalar(sa.select(LessonRevision).where(
        LessonRevision.lesson_id == lesson.id, LessonRevision.number == number))
    if revision is None:
        raise NotFoundError()
    return revision


def restore_revision(lesson: Lesson, number: int, *, actor) -> LessonRevision:
    """Bring back an older revision's text as a new revision (status is left as it is)."""
    require(can_teach(actor, lesson.course))
    old = get_revision(lesson, number)
    registry = stored_registry()
    check_markdown_citations({_l("Lesson text"): old.body_md,
                              _l("Law change note"): old.law_change_note}, registry)
    for name in LESSON_CONTENT:
        if name != "status":
            setattr(lesson, name, getattr(old, name))
    revision = record_revision(lesson, actor=actor, note=f"Khôi phục bản {number}")
    refresh_lesson(lesson, registry, date.today())
    db.session.commit()
    return revision
