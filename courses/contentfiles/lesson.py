"""A lesson or handbook file: ``---`` YAML front matter, then a Markdown body (§4)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from courses.citations import normalize
from courses.contentfiles.errors import ContentError
from courses.contentfiles.fields import Fields, load_mapping, value_first_line
from courses.contentfiles.yamldump import dump_yaml

HANDBOOK_SLUG = "handbook"
_FENCE = "---"
_LESSON_KEYS = ("title", "summary", "minutes", "law_change_note", "status")
LESSON_STATUSES = ("draft", "published")
_HANDBOOK_KEYS = ("title", "summary", "minutes")
_WORD = re.compile(r"\S*[^\W_]\S*")


@dataclass(frozen=True)
class LessonSpec:
    """One lesson (or the handbook): front matter fields and the Markdown body."""

    slug: str
    title: str
    summary: str
    minutes: int | None
    law_change_note: str | None
    body: str
    status: str = "published"  # lessons only: "draft" keeps it from trainees
    body_first_line: int = field(default=1, compare=False)
    note_line: int = field(default=0, compare=False)  # where law_change_note's text starts


def parse_lesson(text: str, path: str, *, slug: str, is_handbook: bool = False,
                 ) -> tuple[LessonSpec | None, tuple[ContentError, ...]]:
    """Parse a lesson file (``minutes`` required) or the handbook (no law change note)."""
    errors: list[ContentError] = []
    split = _split_front_matter(text.removeprefix("\ufeff"), path, errors)
    if split is None:
        return None, tuple(errors)
    front, body, body_first_line = split
    data = load_mapping(front, path, errors, first_line=2, what="Phần đầu (front matter)")
    if data is None:
        return None, tuple(errors)
    fields = Fields(data, path, errors)
    fields.check_keys(_HANDBOOK_KEYS if is_handbook else _LESSON_KEYS)
    note_key_line = data.line_of("law_change_note")
    lesson = LessonSpec(
        slug=slug,
        title=fields.text("title"),
        summary=fields.text("summary"),
        minutes=fields.integer("minutes", required=not is_handbook, minimum=1),
        law_change_note=None if is_handbook else fields.optional_text("law_change_note"),
        body=normalize(body),
        status="published" if is_handbook else fields.choice(
            "status", LESSON_STATUSES, default="published"),
        body_first_line=body_first_line,
        note_line=value_first_line(front, note_key_line, 2) if "law_change_note" in data else 0,
    )
    return lesson, tuple(errors)


def _split_front_matter(text: str, path: str, errors: list[ContentError]):
    """Return ``(front matter, body, body's first line)`` or report why there is none."""
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        errors.append(ContentError(path, 1, "tệp phải bắt đầu bằng dòng '---' mở phần đầu "
                                            "(front matter)"))
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() == _FENCE:
            front = "\n".join(lines[1:index]) + "\n"
            return front, "\n".join(lines[index + 1:]), index + 2
    errors.append(ContentError(path, 1, "phần đầu (front matter) mở ở dòng 1 nhưng không có "
                                        "dòng '---' đóng lại"))
    return None


def dump_lesson(lesson: LessonSpec) -> str:
    """Return the text of a lesson or handbook file."""
    data: dict = {"title": lesson.title, "summary": lesson.summary}
    if lesson.minutes is not None:
        data["minutes"] = lesson.minutes
    if lesson.law_change_note:
        data["law_change_note"] = lesson.law_change_note
    if lesson.status != "published":
        data["status"] = lesson.status
    return f"{_FENCE}\n{dump_yaml(data)}{_FENCE}\n{lesson.body}"


def word_count(body: str) -> int:
    """Count the words of a Markdown body: runs of non-space text holding a letter or digit."""
    return len(_WORD.findall(body))
