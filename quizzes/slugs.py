"""Slugs of bank questions: the allowed shape and how to derive one from a title."""
from __future__ import annotations

import re

from lms.textfold import fold

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_GENERATED_LENGTH = 60


def is_slug(text: str) -> bool:
    """Tell whether ``text`` is a well-formed slug."""
    return len(text) <= MAX_SLUG_LENGTH and bool(SLUG_PATTERN.match(text))


def slugify(text: str, fallback: str = "cau-hoi") -> str:
    """Return a slug made of the words of ``text`` (no diacritics), cut at a word boundary."""
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > _GENERATED_LENGTH:
        slug = slug[:_GENERATED_LENGTH + 1].rsplit("-", 1)[0]
    return slug or fallback


def unique_slug(slug: str, taken: set[str]) -> str:
    """Return ``slug``, or ``slug-2``, ``slug-3``... whichever is not in ``taken``."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate
