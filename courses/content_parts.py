"""Registry of course-file kinds that other packages import with the course.

The courses importer reads ``content/`` and owns the transaction; packages above it (quizzes)
register a ContentPart to validate and write their files (``questions/``, ``quizzes/``,
``scenarios/``) inside the same all-or-nothing import, without courses importing them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app


@dataclass(frozen=True)
class ContentPart:
    """A kind of course files imported together with the course.

    ``validate(folder, check_markdown)`` is pure: it parses ``folder.part_files`` and returns
    ``(plan, errors)``; ``check_markdown(text, path, first_line)`` returns citation errors.
    ``write(course, plan, *, actor)`` adds rows to the current session (no commit).
    ``export(course, dest)`` writes the part's files under the course folder ``dest``.
    ``kinds`` names the folders (``questions``, ``quizzes``, ``scenarios``) the part reads
    when they are several; by default the part reads the folder of its ``name``.
    """

    name: str
    validate: Callable
    write: Callable
    export: Callable[[object, Path], list[Path]]
    order: int = 50
    kinds: tuple[str, ...] = ()

    @property
    def handles(self) -> tuple[str, ...]:
        """Return the folder kinds this part reads."""
        return self.kinds or (self.name,)


def register_content_part(app: Flask, part: ContentPart) -> None:
    """Add a content part to this app's importer."""
    app.extensions.setdefault("lms_content_parts", []).append(part)


def content_parts() -> list[ContentPart]:
    """Return the registered parts in order."""
    return sorted(current_app.extensions.get("lms_content_parts", []), key=lambda p: p.order)
