"""Parse Moodle GIFT text into bank questions (the same shape as ``quizzes.bankfile``).

Every question goes through ``bankfile.read_question``, so a GIFT question is valid exactly
when the same question written in YAML would be. Anything GIFT can say that our bank cannot
(description items, numerical wrong-answer feedback, Moodle's single-answer partial credit),
and anything malformed, becomes an error with its line: nothing is dropped silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.bankfile import BankQuestion, read_question
from quizzes.gift import answers
from quizzes.gift.blocks import Block, split_blocks
from quizzes.gift.text import markdown_piece, restore, split_format, to_markdown
from quizzes.qtypes.fields import to_number
from quizzes.qtypes.numerical import parse_number_text
from quizzes.slugs import is_slug, slugify, unique_slug

BLANK = "_____"
_CATEGORY = "$CATEGORY:"
_CONTEXT_PREFIX = re.compile(r"^\$[a-z0-9]+\$/")


@dataclass(frozen=True)
class GiftError:
    """A problem in a GIFT file: the line (1-based) and a Vietnamese message."""

    line: int
    message: str


@dataclass(frozen=True)
class GiftItem:
    """A question and the category it was written under ("" before any $CATEGORY)."""

    category: str
    question: BankQuestion


@dataclass(frozen=True)
class GiftResult:
    """Everything read from a GIFT file."""

    items: tuple[GiftItem, ...]
    errors: tuple[GiftError, ...]

    @property
    def questions(self) -> tuple[BankQuestion, ...]:
        """Return the questions without their categories."""
        return tuple(item.question for item in self.items)


@dataclass
class _Draft:
    """A question read from its block, before it has a slug and is validated."""

    category: str
    line: int
    raw: dict
    wanted_slug: str | None


class _Reader:
    """Collect drafts and errors while walking the blocks of one file."""

    def __init__(self) -> None:
        self.category = ""
        self.drafts: list[_Draft] = []
        self.errors: list[GiftError] = []

    def report(self, line: int, message: str) -> None:
        """Record an error at ``line``."""
        self.errors.append(GiftError(line, message))

    def read_block(self, block: Block) -> None:
        """Read one block: a category change, a question, or both."""
        text, start = block.text, 0
        if text.startswith(_CATEGORY):
            end = text.find("\n")
            end = len(text) if end < 0 else end
            self.category = _category_name(text[len(_CATEGORY):end])
            if not text[len(_CATEGORY):end].strip():
                self.report(block.line, "$CATEGORY: thiếu tên nhóm câu hỏi")
            start = end
        if text[start:].strip():
            self.read_question(block, start)

    def read_question(self, block: Block, start: int) -> None:
        """Read the question that starts at ``start`` in the block."""
        before = len(self.errors)
        offset = start + len(block.text[start:]) - len(block.text[start:].lstrip())
        raw = _read_question_text(block, offset, self.report)
        if raw is None:
            return
        wanted_slug = _apply_meta(raw, block, self.report)
        if len(self.errors) == before:
            self.drafts.append(_Draft(self.category, block.line_at(offset), raw, wanted_slug))


def _category_name(text: str) -> str:
    """Return a category name without Moodle's ``$course$/top/`` prefix."""
    name = restore(text).strip()
    name = _CONTEXT_PREFIX.sub("", name)
    if name == "top" or name.startswith("top/"):
        name = name[4:]
    return "/".join(part.strip() for part in name.split("/"))


def _read_question_text(block: Block, offset: int, report) -> dict | None:
    """Split title, text and answer block of the question starting at ``offset``."""
    text = block.text[offset:].rstrip()
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            report(block.line_at(offset), "tên câu hỏi mở bằng '::' nhưng không có '::' đóng")
            return None
        title = restore(text[2:end]).strip()
        offset += end + 2
        text = text[end + 2:]
    located = _answer_block(block, text, offset, report)
    if located is None:
        return None
    open_at, close_at = located
    tail = text[close_at + 1:]
    question_text = text[:open_at] + (BLANK + tail if tail.strip() else "")
    return _build_raw(title, question_text, text[open_at + 1:close_at], block,
                      offset + open_at + 1, report)


def _answer_block(block: Block, text: str, offset: int, report) -> tuple[int, int] | None:
    """Return the offsets of the one ``{`` and ``}`` in ``text``, or report why not."""
    opens = [i for i, ch in enumerate(text) if ch == "{"]
    closes = [i for i, ch in enumerate(text) if ch == "}"]
    line = block.line_at(offset)
    if not opens and not closes:
        report(line, "không có khối đáp án {...}: câu mô tả (không có đáp án) không được hỗ "
                     "trợ; nếu cần dấu { } trong nội dung, viết \\{ \\}")
        return None
    if len(opens) == 1 and len(closes) == 1 and opens[0] < closes[0]:
        return opens[0], closes[0]
    if closes and (not opens or closes[0] < opens[0]):
        report(block.line_at(offset + closes[0]), "dấu '}' không có dấu '{' mở tương ứng")
    elif len(opens) > len(closes):
        report(block.line_at(offset + opens[-1]), "thiếu dấu '}' đóng khối đáp án")
    elif len(closes) > len(opens):
        report(block.line_at(offset + closes[len(opens)]),
               "dấu '}' không có dấu '{' mở tương ứng")
    else:
        report(block.line_at(offset + opens[1]), "mỗi câu hỏi chỉ có một khối đáp án {...} "
                                                   "(các câu cách nhau một dòng trống)")
    return None


def _build_raw(title: str, question_text: str, answer_text: str, block: Block,
               answer_offset: int, report) -> dict | None:
    """Assemble the raw question mapping; ``answer_offset`` is where the block's text starts."""
    fmt, body = split_format(question_text, "markdown")
    answer, general = answer_text, ""
    if "####" in answer_text:
        answer, _, general = answer_text.rpartition("####")
    lead = len(answer) - len(answer.lstrip())
    errors = []

    def report_at(offset: int, message: str) -> None:
        """Record a problem found at ``offset`` of the trimmed answer block."""
        errors.append(message)
        report(block.line_at(answer_offset + lead + offset), message)
    qtype, fields = answers.read_answer(answer.strip(), fmt, report_at)
    if errors:
        return None
    return {"type": qtype, "title": title, "text": to_markdown(body, fmt),
            "feedback": markdown_piece(general, fmt), **fields}


def _apply_meta(raw: dict, block: Block, report) -> str | None:
    """Add tags, citations, points (and rubric, min_words) from the comments; return [id:]."""
    wanted = None
    raw["tags"], raw["citations"] = [], []
    for name, value in block.meta:
        if name == "id":
            wanted = wanted or value
        elif name in ("tag", "citation"):
            raw[name + "s"].append(value)
        elif name in ("rubric", "min_words") and raw["type"] != "essay":
            report(block.line, f"[{name}:...] chỉ dùng cho câu tự luận")
        else:
            _apply_number_meta(raw, name, value, block, report)
    return wanted


def _apply_number_meta(raw: dict, name: str, value: str, block: Block, report) -> None:
    """Set points, rubric or min_words from their comment values."""
    if name == "rubric":
        raw["rubric"] = value
        return
    number = parse_number_text(value)
    if name == "points" and number is not None and number > 0:
        raw["points"] = to_number(float(number))
    elif name == "min_words" and value.isdigit() and int(value) > 0:
        raw["min_words"] = int(value)
    else:
        report(block.line, f"[{name}:{value}] cần một số dương")


def _assign_slugs(drafts: list[_Draft], report) -> list[_Draft]:
    """Give drafts unique slugs: their [id:] if any, else one from the title; drop clashes."""
    taken: dict[str, int] = {}
    kept = []
    for draft in drafts:
        if draft.wanted_slug:
            wanted = draft.wanted_slug
            slug = wanted if is_slug(wanted) else slugify(wanted)
            if slug in taken:
                report(draft.line, f"mã [id:{wanted}] trùng với câu ở dòng {taken[slug]}")
                continue
            taken[slug] = draft.line
            draft.raw["slug"] = slug
        kept.append(draft)
    for draft in kept:
        if not draft.wanted_slug:
            slug = unique_slug(slugify(draft.raw["title"] or draft.raw["text"]), set(taken))
            taken[slug] = draft.line
            draft.raw["slug"] = slug
    return kept


def parse_gift(text: str) -> GiftResult:
    """Parse a GIFT file into questions with their categories, and every error with its line."""
    reader = _Reader()
    for block in split_blocks(text):
        reader.read_block(block)
    items = []
    for draft in _assign_slugs(reader.drafts, reader.report):
        question, problems = read_question(draft.raw, draft.line)
        reader.errors.extend(GiftError(p.line or draft.line, p.message) for p in problems)
        if question is not None:
            items.append(GiftItem(draft.category, question))
    errors = sorted(reader.errors, key=lambda error: error.line)
    return GiftResult(tuple(items), tuple(errors))
