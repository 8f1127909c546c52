"""A line diff of two lesson versions, as plain data for a template to escape and show.

Pure: the template renders each line as text (autoescaped), so a diff of hostile Markdown
is as inert as the Markdown source itself.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXT = 3


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff: ``kind`` is "same", "added", "removed" or "gap" (skipped lines)."""

    kind: str
    text: str
    old_number: int | None = None
    new_number: int | None = None


def line_diff(old: str, new: str, *, context: int = CONTEXT) -> list[DiffLine]:
    """Return the changed lines of ``new`` against ``old`` with a little context around."""
    old_lines, new_lines = (old or "").split("\n"), (new or "").split("\n")
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[DiffLine] = []
    for group in matcher.get_grouped_opcodes(context):
        if lines or group[0][1] > 0 or group[0][3] > 0:
            lines.append(DiffLine("gap", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", old_lines[i], i + 1, j1 + k + 1)
                          for k, i in enumerate(range(i1, i2))]
                continue
            lines += [DiffLine("removed", old_lines[i], i + 1, None) for i in range(i1, i2)]
            lines += [DiffLine("added", new_lines[j], None, j + 1) for j in range(j1, j2)]
    return lines


def field_changes(old: dict, new: dict) -> list[tuple[str, str, str]]:
    """Return ``(field, old value, new value)`` for the short fields that differ."""
    return [(name, str(old.get(name, "")), str(new.get(name, "")))
            for name in new if old.get(name) != new.get(name)]
