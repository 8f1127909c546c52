"""Lesson and course progress: opening, time spent, completion, what to study next.

Only enrolled learners leave progress; lecturers previewing their own course do not.
``update_course_completion`` is public: packages whose activities count for progress
(quizzes, scenarios) call it after a trainee completes one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from courses.activities import ActivityLink, module_activities
from courses.models import Course, Enrolment, Lesson, LessonProgress, Module
from lms.extensions import db
from lms.timeutil import utcnow

MAX_SECONDS_PER_REPORT = 600  # one beacon never adds more than ten minutes
_SLACK_SECONDS = 5


@dataclass(frozen=True)
class LessonState:
    """One lesson as one learner sees it in the course outline."""

    lesson: Lesson
    is_completed: bool
    is_opened: bool
    is_locked: bool   # sequential course: an earlier lesson is not completed yet


@dataclass(frozen=True)
class ModuleOutline:
    """A module's lessons and activities, for one learner."""

    module: Module
    lessons: tuple[LessonState, ...]
    activities: tuple[ActivityLink, ...]


@dataclass(frozen=True)
class CourseProgress:
    """How far one learner is: items done of items counted, and where to go next."""

    done: int
    total: int
    resume: Lesson | None      # the lesson to continue with, None when all are done
    seconds_spent: int = 0

    @property
    def percent(self) -> int:
        """Return the share of counted items completed, 0-100."""
        return round(100 * self.done / self.total) if self.total else 0


def published_lessons(course: Course) -> list[Lesson]:
    """Return the course's published lessons in teaching order."""
    return list(db.session.scalars(
        sa.select(Lesson).join(Lesson.module)
        .where(Lesson.course_id == course.id, Lesson.status == "published")
        .order_by(Module.position, Lesson.position)))


def progress_rows(user, lesson_ids) -> dict[int, LessonProgress]:
    """Return the user's progress rows for ``lesson_ids``, by lesson id."""
    if not lesson_ids or not getattr(user, "is_authenticated", False):
        return {}
    rows = db.session.scalars(sa.select(LessonProgress).where(
        LessonProgress.user_id == user.id, LessonProgress.lesson_id.in_(list(lesson_ids))))
    return {row.lesson_id: row for row in rows}


def course_outline(course: Course, user, *, include_drafts: bool = False):
    """Return the modules of ``course`` with each lesson's state for ``user``."""
    lessons = published_lessons(course) if not include_drafts else list(db.session.scalars(
        sa.select(Lesson).join(Lesson.module).where(Lesson.course_id == course.id)
        .order_by(Module.position, Lesson.position)))
    rows = progress_rows(user, [lesson.id for lesson in lessons])
    outline, blocked = [], False
    for module in course.modules:
        states = []
        for lesson in (x for x in lessons if x.module_id == module.id):
            row = rows.get(lesson.id)
            done = bool(row and row.completed_at)
            states.append(LessonState(lesson, done, row is not None,
                                      course.is_sequential and blocked))
            blocked = blocked or (lesson.status == "published" and not done)
        outline.append(ModuleOutline(module, tuple(states),
                                     tuple(module_activities(module, user))))
    return outline


def course_progress(course: Course, user, outline=None) -> CourseProgress:
    """Return ``user``'s progress in ``course``: lessons and counted activities."""
    outline = outline if outline is not None else course_outline(course, user)
    states = [s for m in outline for s in m.lessons if s.lesson.status == "published"]
    counted = [a for m in outline for a in m.activities if a.counts_for_progress]
    done = sum(s.is_completed for s in states) + sum(a.is_completed for a in counted)
    rows = progress_rows(user, [s.lesson.id for s in states])
    return CourseProgress(done, len(states) + len(counted), _resume(states, rows),
                          sum(r.seconds_spent for r in rows.values()))


def _resume(states: list[LessonState], rows: dict[int, LessonProgress]) -> Lesson | None:
    """Pick the last lesson seen if unfinished, else the first unfinished one after it."""
    pending = [s.lesson for s in states if not s.is_completed]
    if not pending:
        return None
    seen = [rows[s.lesson.id] for s in states if s.lesson.id in rows]
    if not seen:
        return pending[0]
    last = max(seen, key=lambda row: row.last_seen_at)
    order = [s.lesson.id for s in states]
    after = [lesson for lesson in pending if order.index(lesson.id) >= order.index(last.lesson_id)]
    return (after or pending)[0]


def is_lesson_locked(course: Course, lesson: Lesson, user) -> bool:
    """Tell whether a sequential course keeps ``lesson`` closed for ``user`` for now."""
    if not course.is_sequential:
        return False
    order = [x.id for x in published_lessons(course)]
    earlier = order[:order.index(lesson.id)] if lesson.id in order else []
    rows = progress_rows(user, earlier)
    return any(rows.get(i) is None or rows[i].completed_at is None for i in earlier)


def _progress_row(user, lesson: Lesson) -> LessonProgress:
    """Return the user's progress row for a lesson, creating it on first opening."""
    row = db.session.scalar(sa.select(LessonProgress).where(
        LessonProgress.user_id == user.id, LessonProgress.lesson_id == lesson.id))
    if row is None:
        row = LessonProgress(user_id=user.id, lesson_id=lesson.id)
        db.session.add(row)
    return row


def record_opening(user, lesson: Lesson, row: LessonProgress | None = None) -> None:
    """Note that ``user`` opened ``lesson`` (first time and latest time).

    ``row`` is the user's progress row for the lesson when the caller has already read it.
    Reloading the same lesson within a minute writes nothing: the time is precise enough
    for "continue where you left off" and a page view need not cost a disk write.
    """
    row = row if row is not None else _progress_row(user, lesson)
    now = utcnow()
    if row.id is not None and row.last_seen_at and (now - row.last_seen_at).total_seconds() < 60:
        return
    row.last_seen_at = now
    db.session.commit()


def record_time(user, lesson: Lesson, seconds: int) -> int:
    """Add reading time reported by the page; return the seconds actually counted.

    A report cannot add more time than has passed since the previous one (plus a little
    slack), nor more than ten minutes, so a tampered beacon cannot inflate the total.
    """
    row = _progress_row(user, lesson)
    now = utcnow()
    elapsed = (now - (row.last_seen_at or now)).total_seconds() + _SLACK_SECONDS
    counted = int(max(0, min(seconds, elapsed, MAX_SECONDS_PER_REPORT)))
    row.seconds_spent = (row.seconds_spent or 0) + counted
    row.last_seen_at = now
    db.session.commit()
    return counted


def complete_lesson(user, lesson: Lesson) -> CourseProgress:
    """Mark ``lesson`` completed for ``user`` and update the course's completion."""
    row = _progress_row(user, lesson)
    row.completed_at = row.completed_at or utcnow()
    row.last_seen_at = utcnow()
    db.session.flush()
    progress = update_course_completion(lesson.course, user)
    db.session.commit()
    return progress


def update_course_completion(course: Course, user) -> CourseProgress:
    """Record the course as completed once every counted item is done (no commit).

    Completion is kept once reached, even if lessons are added later: it is a record of
    what the trainee did, and certificates will rest on it.
    """
    progress = course_progress(course, user)
    enrolment = db.session.scalar(sa.select(Enrolment).where(
        Enrolment.course_id == course.id, Enrolment.user_id == user.id))
    finished = progress.total > 0 and progress.done >= progress.total
    if enrolment is not None and finished and enrolment.completed_at is None:
        enrolment.completed_at = utcnow()
    return progress


def completed_at(course: Course, user) -> datetime | None:
    """Return when ``user`` completed ``course``, if they did."""
    return db.session.scalar(sa.select(Enrolment.completed_at).where(
        Enrolment.course_id == course.id, Enrolment.user_id == user.id))
