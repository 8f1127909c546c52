"""Numerical questions: a number, right within a tolerance.

Response (JSON): ``{"value": "12,5"}``: text as typed (a JSON number is accepted too). A
decimal comma or point is accepted ("12,5" and "12.5" are equal), spaces between digits are
ignored ("1 500"), a number with both a comma and a point is refused as ambiguous. Among the
answers within their tolerance, the one with the highest weight counts.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from quizzes.qtypes.base import (
    QuestionType, ResponseError, expect_keys, format_number, grade_for, present,
)
from quizzes.qtypes.fields import (
    Problems, check_keys, read_number, read_text, read_weighted_items, to_number,
    weighted_item_raw,
)

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_MAX_NUMBER_TEXT = 100


def parse_number_text(text: str) -> float | None:
    """Return the number written in ``text`` (decimal comma or point), or None."""
    compact = re.sub(r"\s", "", text).replace("\u2212", "-")
    if "," in compact:
        if "." in compact:
            return None
        compact = compact.replace(",", ".")
    if not _NUMBER.fullmatch(compact):
        return None
    value = float(compact)
    return to_number(value) if math.isfinite(value) else None


@dataclass(frozen=True)
class NumericAnswer:
    """A right value, the tolerance around it, its weight in percent and its feedback."""

    value: float
    tolerance: float = 0
    weight: float = 100
    feedback: str = ""


@dataclass(frozen=True)
class NumericalSpec:
    """A numerical question; at least one answer is worth 100%."""

    answers: tuple[NumericAnswer, ...]


@dataclass(frozen=True)
class NumberResponse:
    """The number typed: the text as typed and its value."""

    text: str
    value: float


def _read_value(item: Mapping, problems: Problems, where: str) -> float:
    """Read ``value`` written as a YAML number or as text such as "12,5"."""
    value = item.get("value")
    if isinstance(value, str):
        number = parse_number_text(value)
        if number is None:
            problems.add(f"{where}: 'value' phải là một số", item, "value")
        return number or 0
    return read_number(item, "value", problems, where)


def _within(answer: NumericAnswer, value: float) -> bool:
    """Tell whether ``value`` is within the answer's tolerance (float noise forgiven)."""
    slack = 1e-9 * max(1.0, abs(answer.value))
    return abs(value - answer.value) <= answer.tolerance + slack


def _describe(answer: NumericAnswer) -> str:
    """Write an answer as "12,5" or "12,5 (±0,5)"."""
    if answer.tolerance:
        return f"{format_number(answer.value)} (±{format_number(answer.tolerance)})"
    return format_number(answer.value)


class Numerical(QuestionType):
    """Type a number."""

    name = "numerical"
    label = "Trả lời bằng số"
    fields = ("answers",)

    def read(self, raw: Mapping, problems: Problems) -> NumericalSpec:
        """Build the spec from ``answers``."""
        def read_item(item: Mapping, where: str) -> NumericAnswer:
            """Read one answer."""
            check_keys(item, ("value", "tolerance", "weight", "feedback"), problems, where)
            return NumericAnswer(
                _read_value(item, problems, where),
                read_number(item, "tolerance", problems, where, default=0, low=0),
                read_number(item, "weight", problems, where, default=100, low=0, high=100),
                read_text(item, "feedback", problems, where, required=False))
        return NumericalSpec(tuple(read_weighted_items(raw, problems, read_item)))

    def to_raw(self, spec: NumericalSpec) -> dict:
        """Return the YAML fields of the spec."""
        answers = []
        for answer in spec.answers:
            item: dict = {"value": answer.value}
            if answer.tolerance:
                item["tolerance"] = answer.tolerance
            answers.append(weighted_item_raw(item, answer.weight, answer.feedback))
        return {"answers": answers}

    def public_view(self, spec: NumericalSpec, *, seed: int, shuffle: bool) -> dict:
        """Return nothing but the type: the answers are the secret."""
        return {"type": self.name}

    def parse_response(self, spec: NumericalSpec, raw: Mapping) -> NumberResponse:
        """Read ``{"value": "12,5"}`` (or a JSON number)."""
        value = expect_keys(raw, "value")["value"]
        if to_number(value) is not None:
            return NumberResponse(repr(value), to_number(value))
        if not isinstance(value, str) or len(value) > _MAX_NUMBER_TEXT:
            raise ResponseError("Hãy nhập một số, ví dụ 12,5")
        number = parse_number_text(value)
        if number is None:
            raise ResponseError("Hãy nhập một số, ví dụ 12,5")
        return NumberResponse(value.strip(), number)

    def response_to_raw(self, spec: NumericalSpec, response: NumberResponse) -> dict:
        """Return the JSON shape of the response."""
        return {"value": response.text}

    def grade(self, spec: NumericalSpec, response: NumberResponse):
        """Give the weight of the best answer whose tolerance contains the value."""
        matches = [a for a in spec.answers if _within(a, response.value)]
        if not matches:
            return grade_for(0.0)
        best = max(matches, key=lambda answer: answer.weight)
        return grade_for(best.weight / 100, present(best.feedback))

    def right_answer(self, spec: NumericalSpec) -> str:
        """Write the values worth full marks, with their tolerance."""
        full = [_describe(a) for a in spec.answers if a.weight == 100]
        return "Đáp án đúng: " + "; ".join(full)

    def response_summary(self, spec: NumericalSpec, response: NumberResponse) -> str:
        """Return the value typed, written the Vietnamese way."""
        return format_number(response.value)

    def markdown_fields(self, spec: NumericalSpec) -> tuple[tuple[str, str], ...]:
        """Return the answers' feedback."""
        return tuple((f"phản hồi đáp án {n}", a.feedback)
                     for n, a in enumerate(spec.answers, start=1) if a.feedback)


NUMERICAL = Numerical()
