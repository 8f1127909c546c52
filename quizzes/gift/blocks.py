"""Cut a GIFT file into blocks (questions or ``$CATEGORY:`` lines) and read comment metadata.

Blocks are separated by blank lines. Lines starting with ``//`` are comments: they are
blanked (so line numbers hold) and kept aside, because Moodle reads ``[id:...]`` and
``[tag:...]`` from them. We add ``[citation:...]``, ``[points:...]``, ``[rubric:...]`` and
``[min_words:...]`` for what our bank has and GIFT lacks; Moodle ignores them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.gift.text import protect

_META = re.compile(r"\[(id|tag|citation|points|rubric|min_words):((?:\\.|[^\]\\])*)\]")
_META_UNESCAPE = re.compile(r"\\(.)")
META_NAMES = ("id", "tag", "citation", "points", "rubric", "min_words")


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines: its first line, protected text and metadata comments."""

    line: int
    text: str
    meta: tuple[tuple[str, str], ...]

    def line_at(self, offset: int) -> int:
        """Return the file line of character ``offset`` in ``text``."""
        return self.line + self.text.count("\n", 0, offset)


def split_blocks(source: str) -> list[Block]:
    """Return the blocks of a GIFT file, skipping those made only of comments."""
    lines = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks, current, start = [], [], 0
    for number, line in enumerate(lines + [""], start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            block = _make_block(start, current)
            if block is not None:
                blocks.append(block)
            current = []
    return blocks


def _make_block(start: int, lines: list[str]) -> Block | None:
    """Blank the comment lines, keep their metadata, and start the block at its first text."""
    comments = [line for line in lines if line.lstrip().startswith("//")]
    body = ["" if line.lstrip().startswith("//") else line for line in lines]
    while body and not body[0].strip():
        body.pop(0)
        start += 1
    if not body:
        return None
    return Block(start, protect("\n".join(body).rstrip()), read_meta(comments))


def read_meta(comments: list[str]) -> tuple[tuple[str, str], ...]:
    """Return every ``[name:value]`` found in the comment lines, values unescaped."""
    found = []
    for comment in comments:
        for name, value in _META.findall(comment):
            found.append((name, _META_UNESCAPE.sub(_unescape_one, value).strip()))
    return tuple(found)


def _unescape_one(match: re.Match) -> str:
    """Undo one metadata escape (``\\]``, ``\\\\``, ``\\n``)."""
    return "\n" if match.group(1) == "n" else match.group(1)


def escape_meta(value: str) -> str:
    """Escape a metadata value for a ``[name:value]`` comment."""
    return value.replace("\\", "\\\\").replace("]", "\\]").replace("\n", "\\n")
