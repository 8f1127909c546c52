"""What a trainee may see of one answered question, filtered by the review options.

This is the one gate between the answer key and the trainee: everything a review page or an
autosave reply shows of correctness, marks, feedback and the right answer comes out of
``review_slot``, which leaves out whatever the moment's review items do not allow.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from quizzes.bankfile import BankQuestion
from quizzes.qtypes import NEEDS_GRADING, ResponseError, get_type

UNANSWERED = "unanswered"


@dataclass(frozen=True)
class SlotReview:
    """One question of an attempt as the trainee may see it now (None: not shown)."""

    position: int
    answered: bool
    response_summary: str
    state: str | None = None
    mark: float | None = None
    max_mark: float | None = None
    feedback: tuple[str, ...] = ()
    right_answer: str | None = None
    grader_comment: str | None = None


@dataclass(frozen=True)
class SlotRecord:
    """The stored facts of one question in an attempt."""

    position: int
    question: BankQuestion
    response: Mapping | None
    fraction: float | None
    grade_state: str
    auto_feedback: Sequence[str]
    max_mark: float
    grader_comment: str = ""


def summary_of(question: BankQuestion, response: Mapping | None) -> str:
    """Return the one-line summary of a stored response ("" when unanswered or unreadable)."""
    if response is None:
        return ""
    qtype = get_type(question.type)
    try:
        parsed = qtype.parse_response(question.spec, response)
    except ResponseError:
        return ""
    return qtype.response_summary(question.spec, parsed)


def review_slot(record: SlotRecord, items: Collection[str]) -> SlotReview:
    """Return what ``items`` (correctness, marks, feedback, right_answer) let the trainee see."""
    answered = record.response is not None
    shown: dict = {}
    if "correctness" in items:
        shown["state"] = record.grade_state if answered else UNANSWERED
    if "marks" in items:
        shown["max_mark"] = record.max_mark
        if record.grade_state != NEEDS_GRADING:
            shown["mark"] = round((record.fraction or 0) * record.max_mark, 2)
    if "feedback" in items:
        texts = list(record.auto_feedback) if answered else []
        if record.question.feedback:
            texts.append(record.question.feedback)
        shown["feedback"] = tuple(texts)
        shown["grader_comment"] = record.grader_comment or None
    if "right_answer" in items:
        shown["right_answer"] = get_type(record.question.type).right_answer(record.question.spec)
    return SlotReview(position=record.position, answered=answered,
                      response_summary=summary_of(record.question, record.response), **shown)


def attempt_marks(records: Sequence[SlotRecord]) -> tuple[float | None, float, bool]:
    """Return (mark, max mark, needs grading); mark is None while any answer awaits grading."""
    max_mark = round(sum(r.max_mark for r in records), 4)
    waiting = any(r.grade_state == NEEDS_GRADING for r in records)
    if waiting:
        return None, max_mark, True
    mark = round(sum((r.fraction or 0) * r.max_mark for r in records), 4)
    return mark, max_mark, False


def percent_of(mark: float | None, max_mark: float) -> float | None:
    """Return mark as a percent of max mark, to two decimals (None when not known)."""
    if mark is None or max_mark <= 0:
        return None
    return round(100 * mark / max_mark, 2)
