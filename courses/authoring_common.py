"""Helpers shared by the authoring services: clean text, slugs, citation checks."""
from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l

from courses.citations import normalize
from courses.contentfiles.checks import check_citations, replaced_citations
from courses.contentfiles.laws import LawRegistry
from lms.errors import PermissionDenied, ValidationError
from lms.textfold import fold

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 60


def clean_text(text: str | None) -> str:
    """Return author text in NFC with ``\\n`` newlines (as content files are read)."""
    return normalize((text or "").replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(text: str | None) -> str:
    """Return a one-line field: NFC, inner whitespace collapsed, trimmed."""
    return " ".join(clean_text(text).split())


def slugify(title: str) -> str:
    """Return a slug from a title: "Hợp đồng lao động" -> "hop-dong-lao-dong"."""
    slug = _NOT_SLUG.sub("-", fold(title)).strip("-")[:SLUG_MAX].strip("-")
    return slug or "bai"


def unique_slug(title: str, taken: set[str]) -> str:
    """Return a slug for ``title`` not in ``taken`` (adding -2, -3 ... when needed)."""
    base = slugify(title)
    slug, n = base, 2
    while slug in taken:
        slug = f"{base[:SLUG_MAX - 4]}-{n}"
        n += 1
    return slug


def require(condition: bool) -> None:
    """Raise PermissionDenied unless ``condition`` holds."""
    if not condition:
        raise PermissionDenied()


def check_markdown_citations(fields: dict[str, str], registry: LawRegistry) -> None:
    """Raise ValidationError listing every malformed or unknown citation, by field and line."""
    problems = []
    for label, text in fields.items():
        for error in check_citations(text, label, 1, registry):
            problems.append(_l("%(field)s, line %(line)d: %(message)s", field=label,
                               line=error.line, message=error.message))
    if problems:
        raise ValidationError(_l("Some citations are wrong; nothing was saved."),
                              errors=problems)


def replaced_warning(body: str, note: str, registry: LawRegistry, today: date) -> list[str]:
    """Return the replaced articles a lesson cites when it has no law change note."""
    if note.strip():
        return []
    return [f"[[{c.raw}]]" for c in replaced_citations(body, 1, registry, today)]


def move_one_place(items: list, item, direction: int) -> None:
    """Swap ``item`` with its neighbour (up for -1, down for +1) and renumber positions."""
    index = items.index(item)
    other = index + (1 if direction > 0 else -1)
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        for position, each in enumerate(items):
            each.position = position
