"""The registry of question types (one object per type, as CTFd registers challenge types).

Each type object offers pure functions over a frozen spec: ``parse(raw)``, ``to_raw(spec)``,
``public_view(spec, seed=, shuffle=)``, ``parse_response(spec, raw)``,
``response_to_raw(spec, response)``, ``grade(spec, response)``, ``right_answer(spec)``,
``response_summary(spec, response)``, ``markdown_fields(spec)``; plus ``name``, ``label``
(Vietnamese), ``fields`` (its YAML keys) and ``needs_manual_grading``.

Response JSON shapes (ids are original indexes, 0-based; ``parse_response`` raises
``ResponseError`` for any other shape, an unknown id, or text over 10,000 characters):

    single_choice    {"choice": 2}
    multiple_choice  {"choices": [0, 3]}            (may be empty)
    true_false       {"value": true}
    short_answer     {"text": "..."}
    numerical        {"value": "12,5"}              (text; a JSON number is accepted)
    matching         {"pairs": {"0": 2, "1": null}} (left id -> right id; null = unanswered)
    ordering         {"order": [2, 0, 1]}           (every id exactly once)
    essay            {"text": "..."}
"""
from __future__ import annotations

from quizzes.qtypes.base import (
    CORRECT, NEEDS_GRADING, PARTIAL, WRONG, Grade, QuestionType, ResponseError,
)
from quizzes.qtypes.choice import MULTIPLE_CHOICE, SINGLE_CHOICE
from quizzes.qtypes.essay import ESSAY
from quizzes.qtypes.matching import MATCHING
from quizzes.qtypes.numerical import NUMERICAL
from quizzes.qtypes.ordering import ORDERING
from quizzes.qtypes.short_answer import SHORT_ANSWER
from quizzes.qtypes.true_false import TRUE_FALSE

QUESTION_TYPES: dict[str, QuestionType] = {
    qtype.name: qtype
    for qtype in (SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER, NUMERICAL,
                  MATCHING, ORDERING, ESSAY)
}
TYPE_LABELS: dict[str, str] = {name: qtype.label for name, qtype in QUESTION_TYPES.items()}


class UnknownQuestionType(KeyError):
    """A type name that is not in the registry."""


def get_type(name: str) -> QuestionType:
    """Return the question type called ``name``; raise UnknownQuestionType if none is."""
    try:
        return QUESTION_TYPES[name]
    except (KeyError, TypeError):
        raise UnknownQuestionType(name) from None


def type_label(name: str) -> str:
    """Return the Vietnamese label of a type, or the name itself when unknown."""
    return TYPE_LABELS.get(name, name)


__all__ = [
    "CORRECT", "NEEDS_GRADING", "PARTIAL", "WRONG", "Grade", "QUESTION_TYPES", "QuestionType",
    "ResponseError", "TYPE_LABELS", "UnknownQuestionType", "get_type", "type_label",
]
