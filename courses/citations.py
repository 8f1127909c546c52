"""Legal citations written as ``[[CODE:ARTICLE.CLAUSE.POINT]]`` in author Markdown.

Only the syntax lives here: finding citations in text, parsing one reference and wording it
in Vietnamese legal style. Whether the article exists is the registry's business.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Codes are upper-case letters (Vietnamese ones such as Đ included), digits and single hyphens,
# starting with a letter.
_CODE = r"[^\W\d_][^\W_]*(?:-[^\W_]+)*"
_ARTICLE = r"\d+[a-z]?"
_CLAUSE = r"\d+[a-z]?"
_POINT = r"[a-zđ]\d?"
_REF = re.compile(
    rf"(?P<code>{_CODE}):(?P<article>{_ARTICLE})"
    rf"(?:\.(?P<clause>{_CLAUSE})(?:\.(?P<point>{_POINT}))?)?"
)
_CODE_ONLY = re.compile(_CODE)
_ARTICLE_ONLY = re.compile(_ARTICLE)
# A backslash before "[[" escapes it, as Python-Markdown does when rendering.
_BRACKETS = re.compile(r"(?<!\\)\[\[([^\[\]\n]*)\]\]")
# Code spans may run over several lines of one paragraph, never across a blank line.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
_FENCE = re.compile(r"^(`{3,}|~{3,})")


@dataclass(frozen=True)
class CitationRef:
    """One cited place in a legal instrument: an article, maybe a clause and a point."""

    code: str
    article: str
    clause: str | None = None
    point: str | None = None

    @property
    def article_key(self) -> tuple[str, str]:
        """Return ``(code, article)``, the part that must exist in the registry."""
        return (self.code, self.article)

    def __str__(self) -> str:
        parts = [self.article, self.clause, self.point]
        return f"{self.code}:" + ".".join(p for p in parts if p)


@dataclass(frozen=True)
class FoundCitation:
    """A well-formed citation found in text; ``line`` and ``column`` are 1-based."""

    ref: CitationRef
    raw: str
    line: int
    column: int


@dataclass(frozen=True)
class MalformedCitation:
    """Text in double brackets that is not a valid citation; ``raw`` is the inner text."""

    raw: str
    line: int
    column: int


def normalize(text: str) -> str:
    """Return ``text`` in NFC, so precomposed and combining Vietnamese letters compare equal."""
    return unicodedata.normalize("NFC", text)


def is_law_code(code: str) -> bool:
    """Tell whether ``code`` is a valid citation code such as ``BLLĐ-2019``."""
    code = normalize(code)
    return bool(_CODE_ONLY.fullmatch(code)) and code == code.upper()


def is_article_number(number: str) -> bool:
    """Tell whether ``number`` is a valid article number such as ``97`` or ``4a``."""
    return bool(_ARTICLE_ONLY.fullmatch(number))


def parse_citation_ref(ref: str) -> CitationRef | None:
    """Parse ``"BLLĐ-2019:97.4"`` into a CitationRef, or return None when malformed."""
    match = _REF.fullmatch(normalize(ref).strip())
    if not match or not is_law_code(match["code"]):
        return None
    return CitationRef(match["code"], match["article"], match["clause"], match["point"])


def find_citations(text: str, *, first_line: int = 1) -> tuple[FoundCitation, ...]:
    """Return the well-formed ``[[...]]`` citations of Markdown text, outside code."""
    found = []
    for inner, line, column in _bracketed(text, first_line):
        ref = parse_citation_ref(inner)
        if ref is not None:
            found.append(FoundCitation(ref, inner, line, column))
    return tuple(found)


def find_malformed(text: str, first_line: int = 1) -> tuple[MalformedCitation, ...]:
    """Return the ``[[...]]`` of Markdown text, outside code, that are not valid citations."""
    return tuple(
        MalformedCitation(inner, line, column)
        for inner, line, column in _bracketed(text, first_line)
        if parse_citation_ref(inner) is None
    )


def format_citation(ref: CitationRef, short_title: str) -> str:
    """Word a citation in Vietnamese legal style: ``khoản 4 Điều 97 BLLĐ 2019``."""
    words = []
    if ref.point:
        words.append(f"điểm {ref.point}")
    if ref.clause:
        words.append(f"khoản {ref.clause}")
    words.append(f"Điều {ref.article}")
    if short_title:
        words.append(short_title)
    return " ".join(words)


def _bracketed(text: str, first_line: int):
    """Yield ``(inner, line, column)`` for every ``[[...]]`` outside code spans and fences."""
    masked = _mask_code(normalize(text or ""))
    for match in _BRACKETS.finditer(masked):
        before = masked[:match.start()]
        line = first_line + before.count("\n")
        column = match.start() - (before.rfind("\n") + 1) + 1
        yield match.group(1), line, column


def _mask_code(text: str) -> str:
    """Blank out fenced blocks and code spans, keeping every offset and newline in place."""
    text = _mask_fences(text)
    return _CODE_SPAN.sub(lambda m: _blank(m.group(0)), text)


def _mask_fences(text: str) -> str:
    """Blank out fenced code blocks (``` or ~~~ to the same fence), fences included."""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        closing = _closing_fence(lines, index, opening.group(1)) if opening else None
        if closing is None:
            index += 1
            continue
        for inside in range(index, closing + 1):
            lines[inside] = _blank(lines[inside])
        index = closing + 1
    return "\n".join(lines)


def _closing_fence(lines: list[str], start: int, fence: str) -> int | None:
    """Return the index of the line closing a fence opened at ``start``; None if unclosed."""
    # Python-Markdown leaves an unclosed fence as plain text, so we must too.
    for index in range(start + 1, len(lines)):
        if lines[index].rstrip(" ") == fence:
            return index
    return None


def _blank(text: str) -> str:
    """Replace every character but newlines with a space."""
    return re.sub(r"[^\n]", " ", text)
