"""Tell the courses package when a trainee may just have completed a course.

The rule is the courses package's (``courses.progress.update_course_completion``): a course is
completed once every published lesson and every counted module activity is done. Building
the course outline to apply it costs a dozen ORM queries, and the last quiz of a course is
exactly what a whole class submits at once; so for a trainee the rule is applied here with
a few Core queries on quizzes' own activities, and other packages' activities are still asked
through the registry. Lecturers and admins (who also see unpublished activities) go through
the courses package itself.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from courses.models import Course, Enrolment, Lesson, LessonProgress, Module
from courses.progress import progress_rows, published_lessons, update_course_completion
from lms.extensions import db
from lms.models import User
from lms.timeutil import utcnow
from quizzes.gradebook.models import Grade, GradeItem
from quizzes.models import Quiz, ScenarioActivity, ScenarioPlay

OWN_PROVIDER = "quizzes_activity_provider"  # app.extensions key of quizzes' provider


def note_completion(course_id: int, user_id: int) -> None:
    """Record the course as completed if this was the last item (no commit).

    Called after a trainee passes a quiz or finishes a scenario, or inside the transaction
    that stores the passing submission (the enrolment row is read FOR UPDATE, so on
    PostgreSQL two such transactions of one trainee see each other's grades). Cheap when
    the course is already completed or the person is not enrolled.
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
        _complete_through_courses(course_id, user_id)
        return
    counted = _counted_if_all_done(course_id, user_id)
    if counted:  # a course with nothing to do is never "completed"
        conn.execute(sa.update(enrolments).where(enrolments.c.id == open_enrolment,
                                                 enrolments.c.completed_at.is_(None))
                     .values(completed_at=utcnow()))


def _complete_through_courses(course_id: int, user_id: int) -> None:
    """Apply the courses package's rule with its own outline (lecturers and admins)."""
    course, user = db.session.get(Course, course_id), db.session.get(User, user_id)
    lessons = published_lessons(course)
    rows = progress_rows(user, [lesson.id for lesson in lessons])
    if any(rows.get(lesson.id) is None or rows[lesson.id].completed_at is None
           for lesson in lessons):
        return  # a lesson is still open: not the last item (checked without the outline)
    update_course_completion(course, user)


def _counted_if_all_done(course_id: int, user_id: int) -> int:
    """Return how many items count for the course when all are done, else 0."""
    lessons = _lessons_done(course_id, user_id)
    if lessons is None:
        return 0
    activities = _own_activities_done(course_id, user_id)
    if activities is None:
        return 0
    others = _other_activities_done(course_id, user_id)
    if others is None:
        return 0
    return lessons + activities + others


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


def _own_activities_done(course_id: int, user_id: int) -> int | None:
    """Return the number of published quizzes and scenarios in the course's modules if the
    user completed them all (passed, or finished an unscored scenario), else None."""
    conn = db.session.connection()
    modules = sa.select(Module.__table__.c.id).where(Module.__table__.c.course_id == course_id)
    quizzes, scenarios = Quiz.__table__, ScenarioActivity.__table__
    needed = {f"quiz:{quiz_id}" for quiz_id in conn.execute(
        sa.select(quizzes.c.id).where(quizzes.c.module_id.in_(modules),
                                      quizzes.c.is_published)).scalars()}
    unscored = set()
    for scenario_id, scoring in conn.execute(sa.select(scenarios.c.id, scenarios.c.scoring)
                                             .where(scenarios.c.module_id.in_(modules),
                                                    scenarios.c.is_published)):
        if scoring == "none":
            unscored.add(scenario_id)
        else:
            needed.add(f"scenario:{scenario_id}")
    items, grades = GradeItem.__table__, Grade.__table__
    passed = set(conn.execute(sa.select(items.c.key).join(grades).where(
        items.c.course_id == course_id, grades.c.user_id == user_id,
        grades.c.passed.is_(True))).scalars())
    if needed - passed or unscored - _finished_plays(unscored, user_id):
        return None
    return len(needed) + len(unscored)


def _finished_plays(scenario_ids: set[int], user_id: int) -> set[int]:
    """Return which of the scenarios the user has finished at least once."""
    if not scenario_ids:
        return set()
    plays = ScenarioPlay.__table__
    return set(db.session.connection().execute(
        sa.select(plays.c.scenario_id).where(plays.c.scenario_id.in_(scenario_ids),
                                             plays.c.user_id == user_id,
                                             plays.c.state == "finished")).scalars())


def _other_activities_done(course_id: int, user_id: int) -> int | None:
    """Ask the other packages' activity providers; the counted number if all are done."""
    own = current_app.extensions.get(OWN_PROVIDER)
    providers = [p for p in current_app.extensions.get("lms_activity_providers", [])
                 if p is not own]
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

