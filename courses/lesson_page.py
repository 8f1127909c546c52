"""What the lesson page reads, in one query: it is the most visited page of the LMS.

The course, the lesson with its HTML and its module, the user's permissions on the course,
the user's progress row and the lessons before and after come back together; the rules stay
in ``courses.access``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from sqlalchemy.orm import aliased, contains_eager, undefer

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
    # Slugs of the lessons before and after, among every lesson and among published ones.
    around_all: tuple[str | None, str | None]
    around_published: tuple[str | None, str | None]

    def neighbours(self) -> tuple[LessonLink | None, LessonLink | None]:
        """Return the previous and next lessons as ``reading.neighbours`` would.

        Teachers move through drafts too; a lesson outside its sequence has no neighbours.
        """
        around = self.around_all if self.access.teaches else self.around_published
        return tuple(LessonLink(slug) if slug else None for slug in around)


@dataclass(frozen=True)
class LessonLink:
    """A neighbouring lesson, as the previous and next links need it."""

    slug: str


def _sequence(*, published_only: bool):
    """Return a subquery of the course's lessons with the slugs before and after each one."""
    lesson, module = aliased(Lesson), aliased(Module)
    order = (module.position, lesson.position, lesson.id)
    course_id = sa.select(Course.id).where(Course.slug == sa.bindparam("course_slug"))
    select = (sa.select(lesson.id.label("lesson_id"),
                        sa.func.lag(lesson.slug).over(order_by=order).label("previous"),
                        sa.func.lead(lesson.slug).over(order_by=order).label("following"))
              .join(module, lesson.module_id == module.id)
              .where(lesson.course_id == course_id.scalar_subquery()))
    if published_only:
        select = select.where(lesson.status == "published")
    return select.subquery("published_sequence" if published_only else "sequence")


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
    every, published = _sequence(published_only=False), _sequence(published_only=True)
    return (sa.select(Course, Lesson, LessonProgress, lecturer.label("lecturer"),
                      enrolled.label("enrolled"), has_files.label("has_files"),
                      every.c.previous, every.c.following,
                      published.c.previous, published.c.following)
            .select_from(Lesson)
            .join(Course, Lesson.course_id == Course.id)
            .join(Module, Lesson.module_id == Module.id)
            .outerjoin(LessonProgress, sa.and_(LessonProgress.lesson_id == Lesson.id,
                                               LessonProgress.user_id == user_id))
            .outerjoin(every, every.c.lesson_id == Lesson.id)
            .outerjoin(published, published.c.lesson_id == Lesson.id)
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
    course, lesson, progress, lecturer, enrolled, has_files = row[:6]
    signed_in = getattr(user, "is_authenticated", False)
    access = access_from(user, course, teaches=teaches_given_lecturer(user, bool(lecturer)),
                         enrolled=bool(signed_in and enrolled))
    return LessonVisit(course, lesson, access, progress, bool(has_files),
                       around_all=tuple(row[6:8]), around_published=tuple(row[8:10]))
