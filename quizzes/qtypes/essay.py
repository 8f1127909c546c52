"""Essay questions: free text graded by a lecturer.

Response (JSON): ``{"text": "..."}`` (at most 10,000 characters). ``rubric`` is Markdown for
the grader only; it never reaches the trainee. ``min_words`` is shown to the trainee as a
guide and is not enforced when saving (a draft may be short).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from quizzes.qtypes.base import (
    QuestionType, expect_keys, manual_grade, response_text,
)
from quizzes.qtypes.fields import Problems, read_text


@dataclass(frozen=True)
class EssaySpec:
    """An essay question: the grader's rubric and an optional minimum word count."""

    rubric: str = ""
    min_words: int | None = None


@dataclass(frozen=True)
class EssayResponse:
    """The essay as typed."""

    text: str


def _read_min_words(raw: Mapping, problems: Problems) -> int | None:
    """Read the optional positive whole number ``min_words``."""
    value = raw.get("min_words")
    if value is None:
        return None
    if type(value) is not int or value < 1:
        problems.add("'min_words' phải là một số nguyên dương", raw, "min_words")
        return None
    return value


class Essay(QuestionType):
    """Write a few paragraphs; a lecturer grades them."""

    name = "essay"
    label = "Tự luận"
    fields = ("rubric", "min_words")
    needs_manual_grading = True

    def read(self, raw: Mapping, problems: Problems) -> EssaySpec:
        """Build the spec from the optional ``rubric`` and ``min_words``."""
        return EssaySpec(read_text(raw, "rubric", problems, "", required=False),
                         _read_min_words(raw, problems))

    def to_raw(self, spec: EssaySpec) -> dict:
        """Return the YAML fields of the spec."""
        raw: dict = {}
        if spec.rubric:
            raw["rubric"] = spec.rubric
        if spec.min_words is not None:
            raw["min_words"] = spec.min_words
        return raw

    def public_view(self, spec: EssaySpec, *, seed: int, shuffle: bool) -> dict:
        """Return the minimum word count (the rubric stays with the grader)."""
        return {"type": self.name, "min_words": spec.min_words}

    def parse_response(self, spec: EssaySpec, raw: Mapping) -> EssayResponse:
        """Read ``{"text": "..."}``."""
        return EssayResponse(response_text(expect_keys(raw, "text")["text"]))

    def response_to_raw(self, spec: EssaySpec, response: EssayResponse) -> dict:
        """Return the JSON shape of the response."""
        return {"text": response.text}

    def grade(self, spec: EssaySpec, response: EssayResponse):
        """Leave the grade to a lecturer."""
        return manual_grade()

    def right_answer(self, spec: EssaySpec) -> str:
        """Say that a lecturer grades this question."""
        return "Câu tự luận: giảng viên chấm điểm theo hướng dẫn chấm."

    def response_summary(self, spec: EssaySpec, response: EssayResponse) -> str:
        """Return the length of the essay in words."""
        words = len(response.text.split())
        return f"Bài viết {words} từ" if words else "(để trống)"

    def markdown_fields(self, spec: EssaySpec) -> tuple[tuple[str, str], ...]:
        """Return the rubric."""
        return (("hướng dẫn chấm", spec.rubric),) if spec.rubric else ()


ESSAY = Essay()
