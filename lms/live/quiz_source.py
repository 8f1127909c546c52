"""Where the live quiz gets bank questions and scenarios of a course: one narrow interface.

The live quiz needs four things: the questions and scenarios a lecturer may push, and one
question or scenario by its slug, as the quizzes package's frozen values (``BankQuestion``,
``Scenario``). Until the quizzes database layer lands, they are read from the course's content
folder (``CONTENT_DIR/courses/<course slug>/questions/*.yaml`` and ``scenarios/*.yaml``), the
same files the importer loads; files with errors are skipped. Swapping the source for the
question bank tables changes this module only.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from lms.errors import NotFoundError
from quizzes.bankfile import BankQuestion, parse_bank_file
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


def _folder(course) -> Path:
    """Return the content folder of a course."""
    return Path(current_app.config["CONTENT_DIR"]) / "courses" / course.slug


def _read(path: Path) -> str:
    """Return a file's text ('' when it cannot be read)."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _bank(course) -> list[tuple[str, BankQuestion]]:
    """Return (category, question) for every valid question of the course."""
    found = []
    for path in sorted((_folder(course) / "questions").glob("*.yaml")):
        bank = parse_bank_file(_read(path), path.name)
        found.extend((bank.category, question) for question in bank.questions)
    return found


def question_choices(course) -> list[QuestionChoice]:
    """Return the questions of the course that can be pushed live, by category."""
    return [QuestionChoice(q.slug, q.title or _first_line(q.text), q.type, category)
            for category, q in _bank(course) if q.type in LIVE_TYPES]


def load_question(course, slug: str) -> BankQuestion:
    """Return one live-answerable question of the course by slug, or raise NotFoundError."""
    for _category, question in _bank(course):
        if question.slug == slug and question.type in LIVE_TYPES:
            return question
    raise NotFoundError(_l("This question is not in the course's bank or cannot be "
                           "answered live."))


def _scenarios(course) -> list[Scenario]:
    """Return every valid scenario of the course."""
    found = []
    for path in sorted((_folder(course) / "scenarios").glob("*.yaml")):
        scenario, errors = parse_scenario_file(_read(path), path.name)
        if scenario is not None and not errors:
            found.append(scenario)
    return found


def scenario_choices(course) -> list[ScenarioChoice]:
    """Return the scenarios of the course."""
    return [ScenarioChoice(s.slug, s.title) for s in _scenarios(course)]


def load_scenario(course, slug: str) -> Scenario:
    """Return one scenario of the course by slug, or raise NotFoundError."""
    for scenario in _scenarios(course):
        if scenario.slug == slug:
            return scenario
    raise NotFoundError(_l("This scenario is not part of the course."))


def _first_line(text: str) -> str:
    """Return the first line of a question text, cut short, as a fallback title."""
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= 90 else line[:89].rstrip() + "…"
