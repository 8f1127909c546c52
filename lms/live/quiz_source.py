"""Where the live quiz gets bank questions and scenarios of a course: one narrow interface.

The live quiz needs four things: the questions and published scenarios a lecturer may push,
and one of them by slug, as the quizzes package's frozen values (``BankQuestion``,
``Scenario``). They come from the course's question bank and scenario activities (the
quizzes package's tables, filled by the content import and the browser editors), so a
question written in the editor can be pushed live at once.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from lms.errors import NotFoundError
from lms.extensions import db
from quizzes.bank import to_bank_question
from quizzes.bankfile import BankQuestion
from quizzes.models import Question, ScenarioActivity
from quizzes.scenario.fileformat import parse_scenario_file
from quizzes.scenario.model import Scenario

# Types a trainee can answer in seconds on a phone; matching, ordering and essays are not.
LIVE_TYPES = ("single_choice", "multiple_choice", "true_false", "numerical", "short_answer")


@dataclass(frozen=True)
class QuestionChoice:
    """A bank question a lecturer may push: slug, title, type and category."""

    slug: str
    title: str
    type: str
    category: str


@dataclass(frozen=True)
class ScenarioChoice:
    """A scenario a lecturer may play with the room."""

    slug: str
    title: str


def question_choices(course) -> list[QuestionChoice]:
    """Return the questions of the course that can be pushed live, by category."""
    rows = db.session.scalars(sa.select(Question).where(
        Question.course_id == course.id, Question.type.in_(LIVE_TYPES))
        .order_by(Question.category, Question.position, Question.id))
    return [QuestionChoice(row.slug, row.title or _first_line(row.text_md), row.type,
                           row.category) for row in rows]


def load_question(course, slug: str) -> BankQuestion:
    """Return one live-answerable question of the course by slug, or raise NotFoundError."""
    row = db.session.scalar(sa.select(Question).where(Question.course_id == course.id,
                                                      Question.slug == slug))
    if row is None or row.type not in LIVE_TYPES:
        raise NotFoundError(_l("This question is not in the course's bank or cannot be "
                               "answered live."))
    return to_bank_question(row)


def scenario_choices(course) -> list[ScenarioChoice]:
    """Return the published scenarios of the course, by title."""
    rows = db.session.execute(sa.select(ScenarioActivity.slug, ScenarioActivity.title).where(
        ScenarioActivity.course_id == course.id, ScenarioActivity.is_published.is_(True))
        .order_by(ScenarioActivity.title)).all()
    return [ScenarioChoice(slug, title) for slug, title in rows]


def load_scenario(course, slug: str) -> Scenario:
    """Return one published scenario of the course by slug, or raise NotFoundError."""
    definition = db.session.scalar(sa.select(ScenarioActivity.definition).where(
        ScenarioActivity.course_id == course.id, ScenarioActivity.slug == slug,
        ScenarioActivity.is_published.is_(True)))
    scenario = parse_scenario_file(definition, f"{slug}.yaml")[0] if definition else None
    if scenario is None:
        raise NotFoundError(_l("This scenario is not part of the course."))
    return scenario


def _first_line(text: str) -> str:
    """Return the first line of a question text, cut short, as a fallback title."""
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= 90 else line[:89].rstrip() + "…"
