"""Short-answer questions: the trainee types a few words matched against accepted answers.

Response (JSON): ``{"text": "..."}`` (at most 10,000 characters). Matching folds both sides
(``lms.textfold.fold``: case, diacritics and extra spaces ignored); among the accepted answers
that match, the one with the highest weight counts (the first one on a tie).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lms.textfold import fold
from quizzes.qtypes.base import (
    QuestionType, clip, escape_markdown, expect_keys, format_number, grade_for, present,
    response_text,
)
from quizzes.qtypes.fields import (
    Problems, check_keys, read_number, read_text, read_weighted_items, report_duplicates,
    weighted_item_raw,
)


@dataclass(frozen=True)
class AcceptedAnswer:
    """One accepted answer, its weight in percent (0..100) and its feedback."""

    text: str
    weight: float = 100
    feedback: str = ""


@dataclass(frozen=True)
class ShortAnswerSpec:
    """A short-answer question; at least one answer is worth 100%."""

    answers: tuple[AcceptedAnswer, ...]


@dataclass(frozen=True)
class TextResponse:
    """Text typed by the trainee, as typed."""

    text: str


class ShortAnswer(QuestionType):
    """Type a word or a short phrase."""

    name = "short_answer"
    label = "Trả lời ngắn"
    fields = ("answers",)

    def read(self, raw: Mapping, problems: Problems) -> ShortAnswerSpec:
        """Build the spec from ``answers``."""
        def read_item(item: Mapping, where: str) -> AcceptedAnswer:
            """Read one answer."""
            check_keys(item, ("text", "weight", "feedback"), problems, where)
            return AcceptedAnswer(
                read_text(item, "text", problems, where),
                read_number(item, "weight", problems, where, default=100, low=0, high=100),
                read_text(item, "feedback", problems, where, required=False))
        answers = read_weighted_items(raw, problems, read_item)
        report_duplicates([a.text for a in answers], fold, problems, "đáp án",
                          raw.get("answers"))
        return ShortAnswerSpec(tuple(answers))

    def to_raw(self, spec: ShortAnswerSpec) -> dict:
        """Return the YAML fields of the spec."""
        return {"answers": [weighted_item_raw({"text": a.text}, a.weight, a.feedback)
                            for a in spec.answers]}

    def public_view(self, spec: ShortAnswerSpec, *, seed: int, shuffle: bool) -> dict:
        """Return nothing but the type: the answers are the secret."""
        return {"type": self.name}

    def parse_response(self, spec: ShortAnswerSpec, raw: Mapping) -> TextResponse:
        """Read ``{"text": "..."}``."""
        return TextResponse(response_text(expect_keys(raw, "text")["text"]))

    def response_to_raw(self, spec: ShortAnswerSpec, response: TextResponse) -> dict:
        """Return the JSON shape of the response."""
        return {"text": response.text}

    def grade(self, spec: ShortAnswerSpec, response: TextResponse):
        """Give the weight of the best accepted answer equal to the text once folded."""
        typed = fold(response.text)
        matches = [a for a in spec.answers if typed and fold(a.text) == typed]
        if not matches:
            return grade_for(0.0)
        best = max(matches, key=lambda answer: answer.weight)
        return grade_for(best.weight / 100, present(best.feedback))

    def right_answer(self, spec: ShortAnswerSpec) -> str:
        """List the answers worth full marks, then those worth part of them."""
        full = [escape_markdown(a.text) for a in spec.answers if a.weight == 100]
        text = "Đáp án được chấp nhận: " + "; ".join(full)
        partial = [f"{escape_markdown(a.text)} ({format_number(a.weight)}%)"
                   for a in spec.answers if 0 < a.weight < 100]
        if partial:
            text += "\n\nĐược một phần điểm: " + "; ".join(partial)
        return text

    def response_summary(self, spec: ShortAnswerSpec, response: TextResponse) -> str:
        """Return the typed text on one line, or a note that it was left empty."""
        return clip(response.text) or "(để trống)"

    def markdown_fields(self, spec: ShortAnswerSpec) -> tuple[tuple[str, str], ...]:
        """Return the answers' feedback."""
        return tuple((f"phản hồi đáp án {n}", a.feedback)
                     for n, a in enumerate(spec.answers, start=1) if a.feedback)


SHORT_ANSWER = ShortAnswer()
