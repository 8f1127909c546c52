"""True/false questions.

Response (JSON): ``{"value": true}`` or ``{"value": false}``. The feedback shown is the one
written for the value picked (``feedback_true`` or ``feedback_false``), right or wrong.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from quizzes.qtypes.base import (
    QuestionType, ResponseError, expect_keys, grade_for, present,
)
from quizzes.qtypes.fields import Problems, read_bool, read_text

_WORDS = {True: "Đúng", False: "Sai"}


@dataclass(frozen=True)
class TrueFalseSpec:
    """A statement that is true or false, with feedback per pick."""

    answer: bool
    feedback_true: str = ""
    feedback_false: str = ""


@dataclass(frozen=True)
class BoolResponse:
    """The value picked."""

    value: bool


class TrueFalse(QuestionType):
    """Pick true or false."""

    name = "true_false"
    label = "Đúng/Sai"
    fields = ("answer", "feedback_true", "feedback_false")

    def read(self, raw: Mapping, problems: Problems) -> TrueFalseSpec:
        """Build the spec from ``answer`` and the two optional feedbacks."""
        return TrueFalseSpec(
            read_bool(raw, "answer", problems, ""),
            read_text(raw, "feedback_true", problems, "", required=False),
            read_text(raw, "feedback_false", problems, "", required=False))

    def to_raw(self, spec: TrueFalseSpec) -> dict:
        """Return the YAML fields of the spec."""
        raw: dict = {"answer": spec.answer}
        if spec.feedback_true:
            raw["feedback_true"] = spec.feedback_true
        if spec.feedback_false:
            raw["feedback_false"] = spec.feedback_false
        return raw

    def public_view(self, spec: TrueFalseSpec, *, seed: int, shuffle: bool) -> dict:
        """Return the two fixed options."""
        return {"type": self.name, "options": [{"id": True, "text": _WORDS[True]},
                                               {"id": False, "text": _WORDS[False]}]}

    def parse_response(self, spec: TrueFalseSpec, raw: Mapping) -> BoolResponse:
        """Read ``{"value": true|false}``."""
        value = expect_keys(raw, "value")["value"]
        if not isinstance(value, bool):
            raise ResponseError("Câu trả lời phải là Đúng hoặc Sai")
        return BoolResponse(value)

    def response_to_raw(self, spec: TrueFalseSpec, response: BoolResponse) -> dict:
        """Return the JSON shape of the response."""
        return {"value": response.value}

    def grade(self, spec: TrueFalseSpec, response: BoolResponse):
        """Full marks for the right value; show the feedback of the value picked."""
        feedback = spec.feedback_true if response.value else spec.feedback_false
        return grade_for(1.0 if response.value == spec.answer else 0.0, present(feedback))

    def right_answer(self, spec: TrueFalseSpec) -> str:
        """Name the right value."""
        return f"Đáp án đúng: {_WORDS[spec.answer]}"

    def response_summary(self, spec: TrueFalseSpec, response: BoolResponse) -> str:
        """Return Đúng or Sai."""
        return _WORDS[response.value]

    def markdown_fields(self, spec: TrueFalseSpec) -> tuple[tuple[str, str], ...]:
        """Return the two feedbacks that are written."""
        fields = (("phản hồi khi chọn Đúng", spec.feedback_true),
                  ("phản hồi khi chọn Sai", spec.feedback_false))
        return tuple(field for field in fields if field[1])


TRUE_FALSE = TrueFalse()
