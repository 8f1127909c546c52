"""What a lesson or handbook page needs: fresh HTML and the lessons around it."""
from __future__ import annotations

from datetime import date
from functools import cache

import sqlalchemy as sa
from sqlalchemy.orm import undefer

from courses.derived import render_handbook_html, render_lesson_html
from courses.models import Attachment, Course, Lesson, Module
from courses.registry import stored_registry
from lms.errors import NotFoundError
from lms.extensions import db


def get_lesson(course: Course, slug: str) -> Lesson:
    """Return lesson ``slug`` of ``course`` or raise NotFoundError."""
    lesson = db.session.scalar(sa.select(Lesson).options(undefer(Lesson.body_html))
                               .where(Lesson.course_id == course.id, Lesson.slug == slug))
    if lesson is None:
        raise NotFoundError()
    return lesson


def fresh_lesson_html(lesson: Lesson, today: date | None = None) -> str:
    """Return the lesson's HTML, rendering it again first if it was rendered before today.

    Citations of a law that expired since the last rendering must now show as replaced.
    """
    today = today or date.today()
    if lesson.html_rendered_on != today:
        render_lesson_html(lesson, stored_registry(), today)
        db.session.commit()
    return lesson.body_html


def fresh_handbook_html(course: Course, today: date | None = None) -> str:
    """Return the handbook's HTML, rendered again first if it is older than today."""
    today = today or date.today()
    if course.html_rendered_on != today:
        render_handbook_html(course, stored_registry(), today)
        db.session.commit()
    return course.handbook_html


def lesson_sequence(course: Course, *, include_drafts: bool) -> list[Lesson]:
    """Return the course's lessons in teaching order (published only unless asked)."""
    select = (sa.select(Lesson).join(Lesson.module).where(Lesson.course_id == course.id)
              .order_by(Module.position, Lesson.position))
    if not include_drafts:
        select = select.where(Lesson.status == "published")
    return list(db.session.scalars(select))


@cache
def _sequence_select(include_drafts: bool) -> sa.Select:
    """Build, once, the select of a course's lesson ids and slugs in teaching order."""
    select = (sa.select(Lesson.id, Lesson.slug).join(Lesson.module)
              .where(Lesson.course_id == sa.bindparam("course_id"))
              .order_by(Module.position, Lesson.position, Lesson.id))
    return select if include_drafts else select.where(Lesson.status == "published")


def neighbours(course: Course, lesson: Lesson, *, include_drafts: bool):
    """Return the previous and next lessons around ``lesson`` (None at either end).

    They come back as rows with ``id`` and ``slug`` only: links need no more, and the
    lesson page should not load every lesson of the course as objects.
    """
    lessons = db.session.execute(_sequence_select(include_drafts),
                                 {"course_id": course.id}).all()
    ids = [x.id for x in lessons]
    if lesson.id not in ids:
        return None, None
    index = ids.index(lesson.id)
    return (lessons[index - 1] if index > 0 else None,
            lessons[index + 1] if index + 1 < len(lessons) else None)


def lesson_attachments(lesson: Lesson) -> list[Attachment]:
    """Return the files attached to a lesson, oldest first."""
    return list(db.session.scalars(sa.select(Attachment).where(
        Attachment.lesson_id == lesson.id).order_by(Attachment.id)))
