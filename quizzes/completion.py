"""Quizzes' fast completion tally for the courses package (``courses.completion``).

It gives the same answer as ``catalog.module_activities``' links for a trainee (published
quizzes passed, scored scenarios passed, unscored scenarios finished) in a few Core queries;
``tests/quizzes/test_completion_rule.py`` holds the two to the same rule.
"""
from __future__ import annotations

import sqlalchemy as sa

from courses.models import Module
from lms.extensions import db
from quizzes.gradebook.models import Grade, GradeItem
from quizzes.models import Quiz, ScenarioActivity, ScenarioPlay


def course_tally(course_id: int, user_id: int) -> int | None:
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
