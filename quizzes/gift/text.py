"""GIFT escapes and text formats.

GIFT escapes its control characters with a backslash (``\\~ \\= \\# \\{ \\} \\:``, ``\\n`` for a
new line, ``\\\\`` for a backslash). The parser first swaps each escape for a private-use
placeholder (as Moodle does), so that structure is found on unescaped characters only, and
restores the characters in each piece of text at the end.

A text may start with a format tag. ``[markdown]`` and untagged texts are kept as written
(our texts are Markdown); ``[html]`` is kept as written too (the one sanitizer renders the
tags it allows); ``[plain]`` and ``[moodle]`` texts are escaped so Markdown shows them as typed.
"""
from __future__ import annotations

import re

_ESCAPABLE = ":#={}~"
_PLACEHOLDER = {ch: chr(0xE000 + i) for i, ch in enumerate(_ESCAPABLE)}
_NEWLINE_MARK = chr(0xE010)
_BACKSLASH_MARK = chr(0xE011)
_RESTORE = str.maketrans({**{v: k for k, v in _PLACEHOLDER.items()},
                          _NEWLINE_MARK: "\n", _BACKSLASH_MARK: "\\"})
_PRIVATE = re.compile("[\uE000-\uE011]")
_ESCAPE = re.compile(r"\\(\\|n|[:#={}~])")
FORMATS = ("markdown", "html", "plain", "moodle")
_FORMAT_TAG = re.compile(r"^\[(markdown|html|plain|moodle)\]")
# Characters that start Markdown markup anywhere, and patterns that start it at a line start.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]>])")
_LINE_MARKUP = re.compile(r"^(\s*)([#>+\-]|\d+\.)", re.MULTILINE)


def protect(text: str) -> str:
    """Replace every GIFT escape with a placeholder character."""
    def swap(match: re.Match) -> str:
        """Return the placeholder of one escape."""
        char = match.group(1)
        if char == "\\":
            return _BACKSLASH_MARK
        return _NEWLINE_MARK if char == "n" else _PLACEHOLDER[char]
    return _ESCAPE.sub(swap, _PRIVATE.sub("", text))


def restore(text: str) -> str:
    """Turn placeholders back into the characters they stand for."""
    return text.translate(_RESTORE)


def escape(text: str) -> str:
    """Escape ``text`` for writing in GIFT: control characters, backslashes and new lines."""
    text = text.replace("\\", "\\\\").replace("\r", "")
    for char in _ESCAPABLE:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def split_format(text: str, inherited: str) -> tuple[str, str]:
    """Return (format, text without its tag); untagged text keeps the inherited format."""
    stripped = text.strip()
    match = _FORMAT_TAG.match(stripped)
    if match is None:
        return inherited, stripped
    return match.group(1), stripped[match.end():]


def to_markdown(text: str, fmt: str) -> str:
    """Restore a protected text and convert it from its format to our Markdown."""
    plain = restore(text).strip()
    if fmt not in ("plain", "moodle"):
        return plain
    escaped = _INLINE_MARKUP.sub(r"\\\1", plain).replace("<", "&lt;")
    escaped = _LINE_MARKUP.sub(lambda m: m.group(1) + _escape_line_start(m.group(2)), escaped)
    return "  \n".join(escaped.split("\n"))


def _escape_line_start(marker: str) -> str:
    """Escape a list, heading or quote marker at the start of a line."""
    if marker[-1] == ".":
        return marker[:-1] + "\\."
    return "\\" + marker


def markdown_piece(text: str, inherited: str) -> str:
    """Read one piece (answer, feedback) that may carry its own format tag."""
    fmt, body = split_format(text, inherited)
    return to_markdown(body, fmt)


def plain_piece(text: str) -> str:
    """Read a piece that is plain text by nature (a short answer, a matching right)."""
    return restore(text).strip()
