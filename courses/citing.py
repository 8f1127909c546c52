"""Registry of things that cite an article (lessons here; questions and scenarios later).

An article page lists everything that cites it. Courses knows its lessons; packages above it
register a provider for their own citing items without courses importing them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app


@dataclass(frozen=True)
class CitingItem:
    """One thing that cites an article, as a link for the article page."""

    kind: str          # "lesson" | "question" | "scenario" ...
    title: str
    url: str | None    # None when the viewer may not open it
    course_title: str


# provider(article, user) -> list[CitingItem]
CitingProvider = Callable[[object, object], list[CitingItem]]


def register_citing_provider(app: Flask, provider: CitingProvider) -> None:
    """Add a provider of citing items to this app."""
    app.extensions.setdefault("lms_citing_providers", []).append(provider)


def citing_items(article, user) -> list[CitingItem]:
    """Return every registered item citing ``article`` that ``user`` may know about."""
    items: list[CitingItem] = []
    for provider in current_app.extensions.get("lms_citing_providers", []):
        items.extend(provider(article, user))
    return items
