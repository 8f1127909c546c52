"""``flask content check``: broken citations and lessons citing replaced law without a note.

Checks both the files of a content folder and the lessons stored in the database (which
lecturers may have edited in the browser since the last import).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from courses.contentfiles.checks import check_citations, replaced_citations
from courses.contentfiles.errors import ContentError
from courses.contentfiles.tree import lessons_citing_replaced_law_without_note, read_content
from courses.importer import known_courses
from courses.models import Course, Lesson
from courses.registry import stored_laws
from courses.contentfiles.laws import LawRegistry
from lms.extensions import db


@dataclass
class CheckReport:
    """Problems found in the files and in the database."""

    file_errors: list[ContentError] = field(default_factory=list)
    file_missing_notes: list[str] = field(default_factory=list)
    db_broken: list[str] = field(default_factory=list)
    db_missing_notes: list[str] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        """Tell whether nothing was found."""
        return not (self.file_errors or self.file_missing_notes or self.db_broken
                    or self.db_missing_notes)


def check_content(root: Path | None, *, today: date) -> CheckReport:
    """Check the folder ``root`` (when given) and every stored lesson."""
    report = CheckReport()
    laws = stored_laws()
    if root is not None:
        tree = read_content(root, known_laws=laws, known_courses=known_courses())
        report.file_errors = list(tree.errors)
        for path, cited in lessons_citing_replaced_law_without_note(tree, today):
            refs = ", ".join(f"[[{c.raw}]] (dòng {c.line})" for c in cited)
            report.file_missing_notes.append(f"{path}: {refs}")
    _check_database(report, LawRegistry.from_laws(laws), today)
    return report


def _check_database(report: CheckReport, registry: LawRegistry, today: date) -> None:
    """Check every stored lesson's citations against the stored registry."""
    rows = db.session.execute(sa.select(Course.slug, Lesson).join(Lesson.course)
                              .order_by(Course.slug, Lesson.slug))
    for course_slug, lesson in rows:
        where = f"{course_slug}/{lesson.slug}"
        for error in check_citations(lesson.body_md, where, 1, registry):
            report.db_broken.append(f"{where}: dòng {error.line}: {error.message}")
        if lesson.law_change_note:
            continue
        cited = replaced_citations(lesson.body_md, 1, registry, today)
        if cited:
            refs = ", ".join(f"[[{c.raw}]]" for c in cited)
            report.db_missing_notes.append(f"{where}: {refs}")
