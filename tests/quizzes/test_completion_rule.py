"""Course completion after a pass: the quick check agrees with the courses package's rule."""
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import current_app

from courses.activities import ActivityLink, register_activity_provider
from courses.completion import note_completion
from courses.models import Enrolment, Lesson, LessonProgress
from courses.progress import course_progress
from lms.extensions import db
from lms.timeutil import utcnow
from quizzes.gradebook.services import upsert_grade
from quizzes.models import ScenarioPlay
from tests import factories

SAMPLE = (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8")


def _passed(course, key, user, passed=True):
    upsert_grade(course_id=course.id, key=key, title=key, kind=key.split(":")[0],
                 user_id=user.id, percent=100 if passed else 10, passed=passed)
    db.session.commit()


def _lesson(course, user, *, status="published", done=False):
    lesson = Lesson(course_id=course.id, module_id=course.modules[0].id, slug="bai",
                    title="Bài", status=status)
    db.session.add(lesson)
    db.session.flush()
    db.session.add(LessonProgress(lesson_id=lesson.id, user_id=user.id,
                                  completed_at=utcnow() if done else None))
    db.session.commit()


def _quiz(course, user, *, passed=None, published=True, in_module=True):
    quiz = factories.gen_quiz(course, [factories.gen_question(course)],
                              is_published=published)
    if not in_module:
        quiz.module_id = None
        db.session.commit()
    if passed is not None:
        _passed(course, f"quiz:{quiz.id}", user, passed)


def _scenario(course, user, *, scoring="path_sum", passed=None, finished=False):
    activity = factories.gen_scenario(course, SAMPLE)
    activity.scoring = scoring
    if passed is not None:
        _passed(course, f"scenario:{activity.id}", user, passed)
    if finished:
        db.session.add(ScenarioPlay(scenario_id=activity.id, user_id=user.id, state="finished",
                                    engine_state={}, finished_at=utcnow()))
    db.session.commit()


def _provider(course, user, *, done, counts=True):
    link = ActivityLink("live", "Buổi học", "/live/1", done, counts_for_progress=counts)
    register_activity_provider(current_app, lambda module, _user: [link])


SITUATIONS = {
    "only this quiz, passed": ([("quiz", {"passed": True})], True),
    "this quiz failed": ([("quiz", {"passed": False})], False),
    "a lesson still open": ([("quiz", {"passed": True}), ("lesson", {})], False),
    "every lesson done": ([("quiz", {"passed": True}), ("lesson", {"done": True})], True),
    "a draft lesson open": ([("quiz", {"passed": True}), ("lesson", {"status": "draft"})],
                            True),
    "another quiz not passed": ([("quiz", {"passed": True}), ("quiz", {})], False),
    "an unpublished quiz": ([("quiz", {"passed": True}), ("quiz", {"published": False})],
                            True),
    "a quiz outside modules": ([("quiz", {"passed": True}), ("quiz", {"in_module": False})],
                               True),
    "only a quiz outside modules": ([("quiz", {"passed": True, "in_module": False})], False),
    "scenario not passed": ([("quiz", {"passed": True}), ("scenario", {"passed": False})],
                            False),
    "scenario passed": ([("quiz", {"passed": True}), ("scenario", {"passed": True})], True),
    "unscored scenario unplayed": ([("quiz", {"passed": True}),
                                    ("scenario", {"scoring": "none"})], False),
    "unscored scenario finished": ([("quiz", {"passed": True}),
                                    ("scenario", {"scoring": "none", "finished": True})], True),
    "another package's activity open": ([("quiz", {"passed": True}),
                                         ("provider", {"done": False})], False),
    "another package's activity done": ([("quiz", {"passed": True}),
                                         ("provider", {"done": True})], True),
    "an uncounted activity open": ([("quiz", {"passed": True}),
                                    ("provider", {"done": False, "counts": False})], True),
}
MAKERS = {"quiz": _quiz, "lesson": _lesson, "scenario": _scenario, "provider": _provider}


@pytest.mark.parametrize("role", ["trainee", "lecturer"])
@pytest.mark.parametrize("name", list(SITUATIONS))
def test_completion_follows_the_courses_rule(app, name, role):
    parts, expected = SITUATIONS[name]
    user = factories.gen_user(role=role)
    course = factories.gen_quiz_course()
    factories.gen_enrolment(course, user)
    for kind, options in parts:
        MAKERS[kind](course, user, **options)
    progress = course_progress(course, user)
    assert (progress.total > 0 and progress.done >= progress.total) == expected
    note_completion(course.id, user.id)
    db.session.commit()
    enrolment = db.session.scalar(sa.select(Enrolment).where(Enrolment.user_id == user.id))
    assert (enrolment.completed_at is not None) == expected


def test_a_completed_course_keeps_its_first_completion_time(app):
    user = factories.gen_user()
    course = factories.gen_quiz_course()
    enrolment = factories.gen_enrolment(course, user)
    first = utcnow().replace(year=2025)
    db.session.execute(sa.update(Enrolment).values(completed_at=first))
    db.session.commit()
    _quiz(course, user, passed=True)
    note_completion(course.id, user.id)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Enrolment, enrolment.id).completed_at == first


def test_someone_not_enrolled_changes_nothing(app):
    user, course = factories.gen_user(), factories.gen_quiz_course()
    _quiz(course, user, passed=True)
    note_completion(course.id, user.id)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Enrolment)) == 0
