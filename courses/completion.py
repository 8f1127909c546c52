"""Record a course as completed right after a trainee finishes one of its items.

The rule is ``courses.progress.update_course_completion``'s: a course is completed once every
published lesson and every counted module activity is done. Building the course outline to
apply it costs a dozen ORM queries, and the last quiz of a course is exactly what a whole
class submits at once; so for a trainee the rule is applied with a few Core queries: lessons
here, activities through each provider's ``tally`` (``courses.activities``), and providers
without one through their module links. Lecturers and admins (who also see unpublished
activities) go through the outline.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from courses.activities import completion_tallies
from courses.models import Course, Enrolment, Lesson, LessonProgress, Module
from courses.progress import progress_rows, published_lessons, update_course_completion
from lms.extensions import db
from lms.models import User
from lms.timeutil import utcnow


def note_completion(course_id: int, user_id: int) -> None:
    """Record the course as completed if this was the last item (no commit).

    Called after a trainee completes an activity, inside the transaction that stores it
    (the enrolment row is read FOR UPDATE, so on PostgreSQL two such transactions of one
    trainee see each other's work). Cheap when the course is already completed or the
    person is not enrolled.
    """
    enrolments = Enrolment.__table__
    conn = db.session.connection()
    open_enrolment = conn.execute(
        sa.select(enrolments.c.id).where(enrolments.c.course_id == course_id,
                                         enrolments.c.user_id == user_id,
                                         enrolments.c.completed_at.is_(None))
        .with_for_update()).scalar()
    if open_enrolment is None:
        return
    role = conn.execute(sa.select(User.__table__.c.role)
                        .where(User.__table__.c.id == user_id)).scalar()
    if role != "trainee":
        _complete_through_outline(course_id, user_id)
        return
    if _counted_if_all_done(course_id, user_id):  # nothing to do is never "completed"
        conn.execute(sa.update(enrolments).where(enrolments.c.id == open_enrolment,
                                                 enrolments.c.completed_at.is_(None))
                     .values(completed_at=utcnow()))


def _complete_through_outline(course_id: int, user_id: int) -> None:
    """Apply the rule with the course outline (lecturers and admins)."""
    course, user = db.session.get(Course, course_id), db.session.get(User, user_id)
    lessons = published_lessons(course)
    rows = progress_rows(user, [lesson.id for lesson in lessons])
    if any(rows.get(lesson.id) is None or rows[lesson.id].completed_at is None
           for lesson in lessons):
        return  # a lesson is still open: not the last item (checked without the outline)
    update_course_completion(course, user)


def _counted_if_all_done(course_id: int, user_id: int) -> int:
    """Return how many items count for the course when all are done, else 0."""
    counted = 0
    for part in (_lessons_done, _tallied_activities_done, _linked_activities_done):
        done = part(course_id, user_id)
        if done is None:
            return 0
        counted += done
    return counted


def _lessons_done(course_id: int, user_id: int) -> int | None:
    """Return the number of published lessons if the user completed them all, else None."""
    lessons, progress = Lesson.__table__, LessonProgress.__table__
    done = sa.exists().where(progress.c.lesson_id == lessons.c.id,
                             progress.c.user_id == user_id,
                             progress.c.completed_at.is_not(None))
    row = db.session.connection().execute(
        sa.select(sa.func.count(), sa.func.count().filter(~done))
        .select_from(lessons.join(Module.__table__, Module.__table__.c.id ==
                                  lessons.c.module_id))
        .where(lessons.c.course_id == course_id, lessons.c.status == "published")).one()
    return None if row[1] else row[0]


def _tallied_activities_done(course_id: int, user_id: int) -> int | None:
    """Ask the providers that tally per course; the counted number if all are done."""
    counted = 0
    for tally in completion_tallies().values():
        done = tally(course_id, user_id)
        if done is None:
            return None
        counted += done
    return counted


def _linked_activities_done(course_id: int, user_id: int) -> int | None:
    """Ask the other providers module by module; the counted number if all are done."""
    tallied = completion_tallies()
    providers = [p for p in current_app.extensions.get("lms_activity_providers", [])
                 if p not in tallied]
    if not providers:
        return 0
    user = db.session.get(User, user_id)
    counted = 0
    for module in db.session.scalars(sa.select(Module).where(Module.course_id == course_id)):
        for link in (link for provider in providers for link in provider(module, user)):
            if link.counts_for_progress and not link.is_completed:
                return None
            counted += link.counts_for_progress
    return counted
