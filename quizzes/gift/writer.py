"""Write bank questions as Moodle GIFT, so that ``parse_gift`` reads them back equal.

Question texts are tagged ``[markdown]``. Slugs, tags, citations, points, and an essay's
rubric and minimum words go into a ``// [id:...] [tag:...]`` comment above the question
(Moodle reads id and tag, and ignores the rest). A text with exactly one "_____" followed by
more text is written as a missing-word question (the answer block in place of the blank).
Ordering questions cannot be written in GIFT; they, and the rare texts GIFT cannot carry
(a matching left or short answer holding "->", an answer starting like a %weight% or a
format tag), are listed as skipped with the reason.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from quizzes.bankfile import BankQuestion
from quizzes.gift.blocks import escape_meta
from quizzes.gift.parser import BLANK, GiftItem
from quizzes.gift.text import escape

_LOOKS_SPECIAL = re.compile(r"^(%-?\d+(\.\d+)?%|\[(markdown|html|plain|moodle)\])")


@dataclass(frozen=True)
class SkippedQuestion:
    """A question left out of the export and why (Vietnamese)."""

    slug: str
    reason: str


@dataclass(frozen=True)
class GiftExport:
    """The GIFT text and the questions it could not hold."""

    text: str
    skipped: tuple[SkippedQuestion, ...]


class _CannotWrite(Exception):
    """A question GIFT cannot express; ``reason`` is Vietnamese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _piece(text: str, *, arrow_ok: bool = True) -> str:
    """Escape an answer piece, refusing what would be misread when parsed back."""
    if _LOOKS_SPECIAL.match(text):
        raise _CannotWrite(f"đáp án '{text[:30]}' bắt đầu giống trọng số hoặc thẻ định dạng")
    if not arrow_ok and "->" in text:
        raise _CannotWrite(f"'{text[:30]}' chứa '->', GIFT sẽ hiểu thành câu ghép đôi")
    return escape(text)


def _number(value: float) -> str:
    """Write a number so that it parses back to the same float."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = repr(float(value))
    return f"{value:.20f}".rstrip("0").rstrip(".") if "e" in text else text


def _with_feedback(text: str, feedback: str) -> str:
    """Append ``#feedback`` when there is one."""
    return f"{text}#{escape(feedback)}" if feedback else text


def _weight(weight: float, marker: str, default: float) -> str:
    """Write ``marker`` with a ``%weight%`` unless the weight is the default one."""
    return marker if weight == default else f"{marker}%{_number(weight)}%"


def _single_choice(spec) -> list[str]:
    return [_with_feedback(("=" if o.correct else "~") + _piece(o.text), o.feedback)
            for o in spec.options]


def _multiple_choice(spec) -> list[str]:
    return [_with_feedback(_weight(o.weight, "~", 0) + _piece(o.text), o.feedback)
            for o in spec.options]


def _short_answer(spec) -> list[str]:
    lines = []
    for answer in spec.answers:
        text = _weight(answer.weight, "=", 100) + _piece(answer.text, arrow_ok=False)
        if "->" in answer.feedback:
            raise _CannotWrite("phản hồi chứa '->', GIFT sẽ hiểu thành câu ghép đôi")
        lines.append(_with_feedback(text, answer.feedback))
    return lines


def _numerical(spec) -> list[str]:
    lines = []
    for answer in spec.answers:
        value = _number(answer.value)
        if answer.tolerance:
            value += ":" + _number(answer.tolerance)
        lines.append(_with_feedback(_weight(answer.weight, "=", 100) + value, answer.feedback))
    return lines


def _matching(spec) -> list[str]:
    return [f"={_piece(p.left, arrow_ok=False)} -> {escape(p.right)}" for p in spec.pairs]


def _true_false(spec) -> str:
    right, wrong = ((spec.feedback_true, spec.feedback_false) if spec.answer
                    else (spec.feedback_false, spec.feedback_true))
    text = "TRUE" if spec.answer else "FALSE"
    if wrong or right:
        text += "#" + escape(wrong)
    if right:
        text += "#" + escape(right)
    return text


def _ordering(spec) -> list[str]:
    raise _CannotWrite("GIFT không có loại câu hỏi sắp xếp thứ tự")


_MULTI_LINE = {"single_choice": _single_choice, "multiple_choice": _multiple_choice,
               "short_answer": _short_answer, "numerical": _numerical,
               "matching": _matching, "ordering": _ordering}


def _answer_block(question: BankQuestion) -> str:
    """Return the ``{...}`` block of a question, general feedback included."""
    general = f"####{escape(question.feedback)}" if question.feedback else ""
    if question.type == "true_false":
        return "{" + _true_false(question.spec) + general + "}"
    if question.type == "essay":
        return "{" + general + "}"
    lines = _MULTI_LINE[question.type](question.spec) + ([general] if general else [])
    opening = "{#\n" if question.type == "numerical" else "{\n"
    return opening + "".join(f"\t{line}\n" for line in lines) + "}"


def _meta_comment(question: BankQuestion) -> str:
    """Return the ``// [id:...] ...`` line carrying what GIFT has no syntax for."""
    parts = [("id", question.slug)] + [("tag", t) for t in question.tags]
    parts += [("citation", c) for c in question.citations]
    if question.points != 1:
        parts.append(("points", _number(question.points)))
    if question.type == "essay":
        if question.spec.rubric:
            parts.append(("rubric", question.spec.rubric))
        if question.spec.min_words is not None:
            parts.append(("min_words", str(question.spec.min_words)))
    return "// " + " ".join(f"[{name}:{escape_meta(value)}]" for name, value in parts)


def write_question(question: BankQuestion) -> str:
    """Return one question in GIFT; raise _CannotWrite when GIFT cannot hold it."""
    title = f"::{escape(question.title)}::" if question.title else ""
    block = _answer_block(question)
    before, blank, after = question.text.partition(BLANK)
    if blank and after.strip() and BLANK not in after:
        body = f"{escape(before)}{block}{escape(after)}"
    else:
        body = f"{escape(question.text)}{block}"
    return f"{_meta_comment(question)}\n{title}[markdown]{body}\n"


def write_gift(questions: Iterable[BankQuestion | GiftItem], *,
               category: str = "") -> GiftExport:
    """Write questions (bare, under ``category``, or as GiftItems with their own) as GIFT."""
    chunks, skipped, current = [], [], None
    for entry in questions:
        item = entry if isinstance(entry, GiftItem) else GiftItem(category, entry)
        try:
            text = write_question(item.question)
        except _CannotWrite as cannot:
            skipped.append(SkippedQuestion(item.question.slug, cannot.reason))
            continue
        if item.category != current and (item.category or current is not None):
            chunks.append(f"$CATEGORY: $course$/top/{item.category}\n")
        current = item.category
        chunks.append(text)
    return GiftExport("\n".join(chunks), tuple(skipped))
