"""Read the answer block ``{...}`` of a GIFT question into a type name and its YAML fields.

The type is decided the way Moodle decides it: empty block -> essay; starting with ``#`` ->
numerical; containing ``~`` -> choice; containing ``=`` and ``->`` -> matching; ``T``,
``TRUE``, ``F`` or ``FALSE`` (any case) -> true/false; otherwise short answer. A choice block
with exactly one ``=`` and no ``%weight%`` is ``single_choice``, any other is
``multiple_choice`` (``=`` counts as 100%). All text here is protected (see ``text.py``).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from quizzes.gift.text import markdown_piece, plain_piece
from quizzes.qtypes.numerical import parse_number_text

_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = {"t": True, "true": True, "f": False, "false": False}
Report = Callable[[int, str], None]


def _pieces(text: str, markers: str) -> list[tuple[int, str]]:
    """Cut ``text`` before each marker character; return (offset, piece) pairs."""
    cuts = [i for i, ch in enumerate(text) if ch in markers]
    starts = [0] + cuts
    ends = cuts + [len(text)]
    return [(s, text[s:e]) for s, e in zip(starts, ends) if s < e]


def _answers(text: str, markers: str, offset: int, report: Report,
             what: str) -> list[tuple[int, str, str]]:
    """Return (offset, marker, rest) per answer; text before the first marker is an error."""
    answers = []
    for start, piece in _pieces(text, markers):
        if piece[0] in markers:
            answers.append((offset + start, piece[0], piece[1:].strip()))
        elif piece.strip():
            report(offset + start, f"{what}: '{plain_piece(piece)[:40]}' đứng trước đáp án "
                                   f"đầu tiên mà không có dấu {' hoặc '.join(markers)}")
    return answers


def _weight(text: str) -> tuple[float | None, str]:
    """Split a leading ``%50%`` weight off ``text``."""
    match = _WEIGHT.match(text)
    if match is None:
        return None, text
    number = float(match.group(1))
    return (int(number) if number.is_integer() else number), text[match.end():].strip()


def _feedback(text: str, fmt: str) -> tuple[str, str]:
    """Split ``answer#feedback``; return the protected answer and the Markdown feedback."""
    answer, _, feedback = text.partition("#")
    return answer, markdown_piece(feedback, fmt)


def classify(answer: str) -> str:
    """Return the question type a (trimmed, protected) answer block stands for."""
    if answer == "":
        return "essay"
    if answer.startswith("#"):
        return "numerical"
    if "~" in answer:
        return "choice"
    if "=" in answer and "->" in answer:
        return "matching"
    if answer.partition("#")[0].strip().lower() in _TRUE_FALSE:
        return "true_false"
    return "short_answer"


def read_choice(answer: str, offset: int, fmt: str, report: Report):
    """Read ``=right ~wrong ~%50%half#feedback`` into a single or multiple choice."""
    options, equals, weighted = [], 0, False
    for start, marker, rest in _answers(answer, "=~", offset, report, "câu lựa chọn"):
        weight, rest = _weight(rest)
        if marker == "=" and weight is not None:
            report(start, "trong câu lựa chọn, trọng số viết là ~%50%, không phải =%50%")
        equals += marker == "="
        weighted = weighted or weight is not None
        text, feedback = _feedback(rest, fmt)
        mark = 100 if marker == "=" else (weight or 0)
        options.append((markdown_piece(text, fmt), feedback, mark))
    if len(options) < 2:
        report(offset, "câu lựa chọn cần ít nhất 2 phương án")
    if equals == 1 and not weighted:
        return "single_choice", {"options": [
            _option(text, feedback, correct=mark == 100) for text, feedback, mark in options]}
    return "multiple_choice", {"options": [
        _option(text, feedback, weight=mark) for text, feedback, mark in options]}


def _option(text: str, feedback: str, **extra) -> dict:
    """Build an option mapping, leaving out empty feedback and false correctness."""
    option = {"text": text, **{k: v for k, v in extra.items() if v is not False}}
    if feedback:
        option["feedback"] = feedback
    return option


def read_matching(answer: str, offset: int, fmt: str, report: Report):
    """Read ``=left -> right`` pairs."""
    pairs = []
    for start, _, rest in _answers(answer, "=", offset, report, "câu ghép đôi"):
        left, arrow, right = rest.partition("->")
        if not arrow:
            report(start, f"cặp ghép '{plain_piece(rest)[:40]}' thiếu '->'")
            continue
        pairs.append({"left": markdown_piece(left, fmt), "right": plain_piece(right)})
    if len(pairs) < 2:
        report(offset, "câu ghép đôi cần ít nhất 2 cặp '=trái -> phải'")
    return "matching", {"pairs": pairs}


def read_true_false(answer: str, fmt: str):
    """Read ``T#feedback if wrong#feedback if right`` (Moodle's order)."""
    parts = answer.split("#", 2) + ["", ""]
    value = _TRUE_FALSE[parts[0].strip().lower()]
    wrong, right = markdown_piece(parts[1], fmt), markdown_piece(parts[2], fmt)
    fields: dict = {"answer": value}
    feedback_true, feedback_false = (right, wrong) if value else (wrong, right)
    if feedback_true:
        fields["feedback_true"] = feedback_true
    if feedback_false:
        fields["feedback_false"] = feedback_false
    return "true_false", fields


def read_short_answer(answer: str, offset: int, fmt: str, report: Report):
    """Read ``=answer =%50%partly#feedback``."""
    answers = []
    for _, _, rest in _answers(answer, "=", offset, report, "câu trả lời ngắn"):
        weight, rest = _weight(rest)
        text, feedback = _feedback(rest, fmt)
        item: dict = {"text": plain_piece(text)}
        if weight is not None and weight != 100:
            item["weight"] = weight
        if feedback:
            item["feedback"] = feedback
        answers.append(item)
    return "short_answer", {"answers": answers}


def read_numerical(answer: str, offset: int, fmt: str, report: Report):
    """Read ``#5:0.5``, ``#1..5`` or ``#=5:0 =%50%4:1#feedback``."""
    body = answer[1:]
    if "~" in body:
        report(offset, "câu trả lời bằng số: phản hồi cho mọi đáp án sai (~) chưa được hỗ "
                       "trợ; hãy đưa nó vào phản hồi chung (####)")
        body = body.partition("~")[0]
    answers, written = [], 0
    for start, piece in _pieces(body, "="):
        rest = piece[1:] if piece.startswith("=") else piece
        if not rest.strip():
            continue
        written += 1
        weight, rest = _weight(rest.strip())
        text, feedback = _feedback(rest, fmt)
        item = _numeric_value(plain_piece(text), offset + 1 + start, report)
        if item is None:
            continue
        if weight is not None and weight != 100:
            item["weight"] = weight
        if feedback:
            item["feedback"] = feedback
        answers.append(item)
    if not written:
        report(offset, "câu trả lời bằng số cần ít nhất một đáp án số")
    return "numerical", {"answers": answers}


def _numeric_value(text: str, offset: int, report: Report) -> dict | None:
    """Read ``value``, ``value:tolerance`` or ``min..max`` into value and tolerance."""
    if text.find("..") > 0:
        low, high = (parse_number_text(part) for part in text.split("..", 1))
        if low is None or high is None or low > high:
            report(offset, f"khoảng số '{text}' không hợp lệ (cần nhỏ..lớn)")
            return None
        middle = (low + high) / 2
        value, tolerance = middle, high - middle
    else:
        value_text, _, tolerance_text = text.partition(":")
        value = parse_number_text(value_text)
        tolerance = parse_number_text(tolerance_text) if tolerance_text.strip() else 0
        if value is None or tolerance is None or tolerance < 0:
            report(offset, f"đáp án số '{text}' không hợp lệ (cần số[:sai số] hoặc nhỏ..lớn)")
            return None
    value = int(value) if float(value).is_integer() else value
    tolerance = int(tolerance) if float(tolerance).is_integer() else tolerance
    return {"value": value, "tolerance": tolerance} if tolerance else {"value": value}


def read_answer(answer: str, fmt: str, report: Report) -> tuple[str, dict]:
    """Return (type name, YAML fields) for a trimmed answer block; offsets are into it."""
    kind = classify(answer)
    if kind == "choice":
        return read_choice(answer, 0, fmt, report)
    if kind == "matching":
        return read_matching(answer, 0, fmt, report)
    if kind == "numerical":
        return read_numerical(answer, 0, fmt, report)
    if kind == "true_false":
        return read_true_false(answer, fmt)
    if kind == "short_answer":
        return read_short_answer(answer, 0, fmt, report)
    return "essay", {}
