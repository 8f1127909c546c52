"""Cut a lesson's sanitized HTML into sections at its ``<h2>`` headings (pure).

The lecturer shows one section at a time in the room; the text before the first heading is
the lesson's opening section, titled with the lesson's own title. The input is the output of
``lms.markup.render_markdown`` (already sanitized), so cutting it keeps it safe.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Section:
    """One section of a lesson: its position, heading text and HTML (heading included)."""

    index: int
    title: str
    html: str


def heading_text(fragment: str) -> str:
    """Return the plain text of a heading's inner HTML."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def split_sections(body_html: str, lesson_title: str) -> tuple[Section, ...]:
    """Return the sections of a lesson; a lesson without headings is one section."""
    body_html = body_html or ""
    matches = list(_H2.finditer(body_html))
    sections: list[Section] = []
    intro = body_html[: matches[0].start()] if matches else body_html
    if intro.strip() or not matches:
        sections.append(Section(0, lesson_title, intro.strip()))
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(body_html)
        sections.append(Section(len(sections), heading_text(match.group(1)),
                                body_html[match.start():end].strip()))
    return tuple(sections)
