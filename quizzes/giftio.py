"""GIFT import and export for a course's bank: preview, all-or-nothing import, export.

Used by the browser (upload, preview, confirm) and by ``flask quizzes import-gift`` and
``export-gift``. Nothing is written unless every question of the file is valid.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from courses.models import Course
from lms.audit import record_event
from lms.errors import ValidationError
from lms.extensions import db
from quizzes import bank
from quizzes.authoring import citation_problems
from quizzes.bankfile import markdown_fields
from quizzes.gift import GiftExport, GiftItem, parse_gift, write_gift
from quizzes.models import Question
from quizzes.qtypes import type_label

MAX_GIFT_BYTES = 2 * 1024 * 1024
DEFAULT_CATEGORY = "Nhập từ GIFT"


@dataclass
class GiftPreview:
    """What a GIFT file would import: its questions, what is new or updated, every error."""

    items: list[GiftItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[str, int]]:
        """Return (type label, number of questions) in the order types first appear."""
        counter = Counter(item.question.type for item in self.items)
        return [(type_label(name), count) for name, count in counter.items()]

    @property
    def type_counts(self) -> dict[str, int]:
        """Return the number of questions per type name."""
        return dict(Counter(item.question.type for item in self.items))


def decode(data: bytes) -> str:
    """Return an uploaded file's text; refuse what is too large or not UTF-8."""
    if len(data) > MAX_GIFT_BYTES:
        raise ValidationError(_l("The file is too large (at most 2 MB)."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ValidationError(_l("The file is not UTF-8 text (line %(line)d).",
                                 line=line)) from None


def preview(course: Course, text: str, *, default_category: str = DEFAULT_CATEGORY
            ) -> GiftPreview:
    """Parse a GIFT file against a course's bank without writing anything."""
    result = parse_gift(text)
    report = GiftPreview(errors=[f"Dòng {e.line}: {e.message}" for e in result.errors])
    existing = {row.slug: row.type for row in db.session.scalars(
        sa.select(Question).where(Question.course_id == course.id))}
    for item in result.items:
        question = item.question
        category = item.category or default_category.strip() or DEFAULT_CATEGORY
        report.items.append(GiftItem(category, question))
        where = f"Dòng {question.line}: câu '{question.slug}'"
        report.errors += [f"{where}: {problem}" for problem in
                          citation_problems(markdown_fields(question), question.citations)]
        if question.slug not in existing:
            report.new.append(question.slug)
        elif existing[question.slug] != question.type:
            report.errors.append(f"{where}: đã có câu cùng mã nhưng khác loại "
                                 f"({type_label(existing[question.slug])})")
        else:
            report.updated.append(question.slug)
    if not result.items and not result.errors:
        report.errors.append("Tệp không có câu hỏi nào")
    return report


def import_gift(course: Course, text: str, *, default_category: str = DEFAULT_CATEGORY,
                actor=None, dry_run: bool = False) -> GiftPreview:
    """Import every question of a GIFT file, or nothing when any has an error; commit."""
    report = preview(course, text, default_category=default_category)
    if report.errors:
        raise ValidationError(_l("The GIFT file has errors; nothing was imported."),
                              errors=report.errors)
    if dry_run:
        return report
    position = (db.session.scalar(sa.select(sa.func.max(Question.position)).where(
        Question.course_id == course.id)) or 0)
    for item in report.items:
        row = db.session.scalar(sa.select(Question).where(
            Question.course_id == course.id, Question.slug == item.question.slug))
        if row is None:
            position += 1
            row = Question(course_id=course.id, version=1, position=position)
        if row.category != item.category or not row.bank_file:
            row.bank_file = bank.bank_file_for(course.id, item.category)
        bank.apply_bank_question(row, item.question, category=item.category)
        db.session.add(row)
        db.session.flush()
        bank.index_question_citations(row)
    record_event("quiz.gift_import", actor=actor, target=course, new=len(report.new),
                 updated=len(report.updated))
    db.session.commit()
    return report


def export_gift(course: Course) -> GiftExport:
    """Write the course's bank as GIFT; questions GIFT cannot hold are listed at the top."""
    rows = db.session.scalars(sa.select(Question).where(Question.course_id == course.id)
                              .order_by(Question.category, Question.position, Question.id))
    exported = write_gift(GiftItem(row.category, bank.to_bank_question(row)) for row in rows)
    header = [f"// Ngân hàng câu hỏi: {course.title}"]
    header += [f"// Không xuất được '{s.slug}': {s.reason}" for s in exported.skipped]
    return GiftExport("\n".join(header) + "\n\n" + exported.text, exported.skipped)
