"""What every question type shares: the grade, the response error, the type base class.

A question type is a stateless object with pure functions over a frozen *spec* (the parsed
type-specific fields) and a frozen *response* (the parsed answer of one trainee). Subclasses
implement ``read``, ``to_raw``, ``public_view``, ``parse_response``, ``response_to_raw``,
``grade``, ``right_answer``, ``response_summary`` and ``markdown_fields``.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quizzes.qtypes.fields import Problem, Problems

MAX_RESPONSE_TEXT = 10_000
CORRECT, PARTIAL, WRONG, NEEDS_GRADING = "correct", "partial", "wrong", "needs_grading"
# Weights such as 33.33333% leave sums a hair off 1; treat those as exact.
_EPSILON = 1e-6


class ResponseError(ValueError):
    """A response that is malformed or forged; ``message`` is Vietnamese, safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Grade:
    """The automatic grade of one response: fraction 0..1 (None until a person grades it)."""

    fraction: float | None
    state: str
    feedback: tuple[str, ...] = ()


def grade_for(fraction: float, feedback: tuple[str, ...] = ()) -> Grade:
    """Return the grade for ``fraction`` clamped to 0..1, with its correct/partial/wrong state."""
    fraction = min(1.0, max(0.0, fraction))
    if fraction >= 1 - _EPSILON:
        return Grade(1.0, CORRECT, feedback)
    if fraction <= _EPSILON:
        return Grade(0.0, WRONG, feedback)
    return Grade(round(fraction, 7), PARTIAL, feedback)


def manual_grade(feedback: tuple[str, ...] = ()) -> Grade:
    """Return the grade of a response that a lecturer must mark."""
    return Grade(None, NEEDS_GRADING, feedback)


def present(*texts: str) -> tuple[str, ...]:
    """Return the non-empty texts as a feedback tuple."""
    return tuple(t for t in texts if t)


def stable_order(count: int, seed: int, salt: str) -> tuple[int, ...]:
    """Return a permutation of ``range(count)`` fixed by ``seed`` on every Python version."""
    def key(index: int) -> bytes:
        """Return the sort key of one position."""
        return hashlib.sha256(f"{seed}:{salt}:{index}".encode()).digest()
    return tuple(sorted(range(count), key=key))


class QuestionType:
    """Base of the question types: parsing with problems, and the shared defaults."""

    name = ""
    label = ""
    fields: tuple[str, ...] = ()
    needs_manual_grading = False

    def parse(self, raw: Mapping) -> tuple[Any | None, tuple[str, ...]]:
        """Validate the type's fields of ``raw``; return (spec, ()) or (None, messages)."""
        spec, problems = self.parse_located(raw)
        return spec, tuple(p.message for p in problems)

    def parse_located(self, raw: Mapping,
                      default_line: int = 0) -> tuple[Any | None, tuple[Problem, ...]]:
        """Like ``parse`` but each problem carries the line it points at."""
        problems = Problems(default_line)
        if not isinstance(raw, Mapping):
            problems.add("các trường của câu hỏi phải ở dạng 'khóa: giá trị'")
            return None, problems.located
        spec = self.read(raw, problems)
        return (None, problems.located) if problems else (spec, ())

    def read(self, raw: Mapping, problems: Problems) -> Any:
        """Build the spec from ``raw``, recording problems; the result is kept only if none."""
        raise NotImplementedError

    def markdown_fields(self, spec: Any) -> tuple[tuple[str, str], ...]:
        """Return (label, Markdown) for every author text of the spec."""
        return ()


def expect_keys(raw: object, *keys: str) -> Mapping:
    """Return ``raw`` when it is a mapping with exactly ``keys``; raise ResponseError if not."""
    if not isinstance(raw, Mapping) or set(raw) != set(keys):
        wanted = ", ".join(f"'{k}'" for k in keys)
        raise ResponseError(f"Câu trả lời không đúng dạng: cần đúng khóa {wanted}")
    return raw


def response_index(value: object, count: int) -> int:
    """Return ``value`` as an option id below ``count``; raise ResponseError otherwise."""
    if type(value) is not int or not 0 <= value < count:
        raise ResponseError("Câu trả lời chọn một phương án không tồn tại")
    return value


def response_text(value: object, limit: int = MAX_RESPONSE_TEXT) -> str:
    """Return ``value`` as text of at most ``limit`` characters; raise ResponseError otherwise."""
    if not isinstance(value, str):
        raise ResponseError("Câu trả lời phải là văn bản")
    if len(value) > limit:
        raise ResponseError(f"Câu trả lời quá dài (tối đa {limit:,} ký tự)".replace(",", "."))
    return value


def clip(text: str, limit: int = 80) -> str:
    """Return ``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


# Python-Markdown's escapable characters; "<" has no escape, so it becomes an entity.
_MD_SPECIAL = "\\`*_{}[]()>#+-.!|"


def escape_markdown(text: str) -> str:
    """Escape Markdown punctuation (and "<") so plain text renders as written."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else "&lt;" if ch == "<" else ch
                   for ch in text)


def format_number(value: float) -> str:
    """Write a number the Vietnamese way: decimal comma, no exponent when avoidable."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = repr(float(value))
    if "e" in text:
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
