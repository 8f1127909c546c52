"""Registry of module activities (quizzes, scenarios, live sessions) shown on course pages.

Courses cannot import the packages above it, so each registers a provider that lists its
activities for a module and says whether a given trainee has completed them. Course pages
and course progress include these activities next to the lessons.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app


@dataclass(frozen=True)
class ActivityLink:
    """One activity placed in a module."""

    kind: str            # "quiz" | "scenario" | "live" ...
    title: str
    url: str
    is_completed: bool   # for the user the provider was asked about
    counts_for_progress: bool = True
    detail: str = ""     # short status text, e.g. "Điểm cao nhất 80%"


# provider(module, user) -> list[ActivityLink]
ActivityProvider = Callable[[object, object], list[ActivityLink]]
# tally(course_id, user_id) -> number of counted published activities if the trainee has
# completed them all, else None: the same answer as the provider's links, in a few queries.
CompletionTally = Callable[[int, int], "int | None"]


def register_activity_provider(app: Flask, provider: ActivityProvider, *,
                               tally: CompletionTally | None = None) -> None:
    """Add a provider of module activities to this app, optionally with its fast tally."""
    app.extensions.setdefault("lms_activity_providers", []).append(provider)
    if tally is not None:
        app.extensions.setdefault("lms_completion_tallies", {})[provider] = tally


def completion_tallies() -> dict[ActivityProvider, CompletionTally]:
    """Return the providers that can tally a trainee's completion per course, and how."""
    return current_app.extensions.get("lms_completion_tallies", {})


def module_activities(module, user) -> list[ActivityLink]:
    """Return every registered activity of ``module`` as seen by ``user``."""
    links: list[ActivityLink] = []
    for provider in current_app.extensions.get("lms_activity_providers", []):
        links.extend(provider(module, user))
    return links
