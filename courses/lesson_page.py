"""What the lesson page reads, in one query: it is the most visited page of the LMS.

The course, the lesson with its HTML and its module, the user's permissions on the course and
the user's progress row come back together; the rules stay in ``courses.access``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, undefer

from courses.access import CourseAccess, access_from, teaches_given_lecturer
from courses.models import (Attachment, Course, Enrolment, Lesson, LessonProgress, Module,
                            course_lecturers)
from lms.extensions import db


@dataclass(frozen=True)
class LessonVisit:
    """A lesson as one signed-in user opens it."""

    course: Course
    lesson: Lesson
    access: CourseAccess
    progress: LessonProgress | None   # the user's row for this lesson, if any yet
    has_files: bool


@cache
def _visit_select() -> sa.Select:
    """Build, once, the select behind find_lesson_visit.

    Building a select of this size costs more than running it, so it is kept with bound
    parameters (``user_id``, ``course_slug``, ``lesson_slug``).
    """
    user_id = sa.bindparam("user_id")
    lecturer = sa.exists().where(course_lecturers.c.course_id == Course.id,
                                 course_lecturers.c.user_id == user_id)
    enrolled = sa.exists().where(Enrolment.course_id == Course.id,
                                 Enrolment.user_id == user_id)
    has_files = sa.exists().where(Attachment.lesson_id == Lesson.id)
    return (sa.select(Course, Lesson, LessonProgress, lecturer.label("lecturer"),
                      enrolled.label("enrolled"), has_files.label("has_files"))
            .select_from(Lesson)
            .join(Course, Lesson.course_id == Course.id)
            .join(Module, Lesson.module_id == Module.id)
            .outerjoin(LessonProgress, sa.and_(LessonProgress.lesson_id == Lesson.id,
                                               LessonProgress.user_id == user_id))
            .where(Course.slug == sa.bindparam("course_slug"),
                   Lesson.slug == sa.bindparam("lesson_slug"))
            .options(undefer(Lesson.body_html), contains_eager(Lesson.module)))


def find_lesson_visit(user, course_slug: str, lesson_slug: str) -> LessonVisit | None:
    """Return what the lesson page needs, or None when the course or the lesson is missing.

    The caller still applies the permission checks (in the same order as elsewhere) to
    ``access``; None lets it fall back to the step-by-step lookups for the exact error.
    """
    row = db.session.execute(_visit_select(), {"user_id": user.id, "course_slug": course_slug,
                                                "lesson_slug": lesson_slug}).first()
    if row is None:
        return None
    course, lesson, progress, lecturer, enrolled, has_files = row
    signed_in = getattr(user, "is_authenticated", False)
    access = access_from(user, course, teaches=teaches_given_lecturer(user, bool(lecturer)),
                         enrolled=bool(signed_in and enrolled))
    return LessonVisit(course, lesson, access, progress, bool(has_files))
