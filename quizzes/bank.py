"""The question bank rows and the pure shapes they convert to (BankQuestion, snapshots).

Shared by the content importer, the browser editor, GIFT import and attempts: one place
knows how a row maps to a ``BankQuestion`` and to the snapshot an attempt keeps.
"""
from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa

from courses.citations import find_citations
from lms.extensions import db
from quizzes.bankfile import BankQuestion, markdown_fields
from quizzes.models import Question, QuestionCitation
from quizzes.qtypes import get_type
from quizzes.render import article_ids
from quizzes.slugs import slugify

_COMPARED = ("type", "title", "points", "tags", "citations", "text_md", "feedback_md", "data",
             "category")


def to_bank_question(row: Question) -> BankQuestion:
    """Return the bank question a row holds (its type spec parsed)."""
    qtype = get_type(row.type)
    spec, _ = qtype.parse(row.data)
    return BankQuestion(slug=row.slug, type=row.type, title=row.title, points=row.points,
                        tags=tuple(row.tags or ()), citations=tuple(row.citations or ()),
                        text=row.text_md, feedback=row.feedback_md, data=dict(row.data),
                        spec=spec)


def apply_bank_question(row: Question, question: BankQuestion, *, category: str) -> bool:
    """Copy a validated bank question into ``row``; bump its version when it changed."""
    before = {key: getattr(row, key) for key in _COMPARED}
    row.slug = question.slug
    row.type = question.type
    row.title = question.title
    row.points = question.points
    row.tags = list(question.tags)
    row.citations = list(question.citations)
    row.text_md = question.text
    row.feedback_md = question.feedback
    row.data = dict(question.data)
    row.category = category
    changed = before != {key: getattr(row, key) for key in _COMPARED}
    if changed and row.id is not None:
        row.version = (row.version or 1) + 1
    return changed


def bank_file_for(course_id: int, category: str) -> str:
    """Return the file stem questions of ``category`` are exported to in this course."""
    existing = db.session.scalar(
        sa.select(Question.bank_file).where(Question.course_id == course_id,
                                            Question.category == category,
                                            Question.bank_file != "").limit(1))
    return existing or slugify(category, fallback="cau-hoi")


def snapshot(row: Question) -> dict:
    """Return what an attempt keeps of a question: everything needed to show and grade it."""
    return {"slug": row.slug, "type": row.type, "title": row.title, "points": row.points,
            "text": row.text_md, "feedback": row.feedback_md, "data": dict(row.data),
            "citations": list(row.citations or ()), "version": row.version}


def spec_of(snap: Mapping):
    """Return the parsed type spec of a snapshot (or raise ValueError when it is broken)."""
    spec, problems = get_type(snap["type"]).parse(snap["data"])
    if spec is None:
        raise ValueError("; ".join(problems))
    return spec


def snapshot_question(snap: Mapping) -> BankQuestion:
    """Return the BankQuestion of a snapshot (for its Markdown fields and citations)."""
    return BankQuestion(slug=snap["slug"], type=snap["type"], title=snap.get("title", ""),
                        points=snap.get("points", 1), tags=(),
                        citations=tuple(snap.get("citations", ())), text=snap["text"],
                        feedback=snap.get("feedback", ""), data=dict(snap["data"]),
                        spec=spec_of(snap))


def question_article_refs(question: BankQuestion) -> tuple[str, ...]:
    """Return the articles a question is about: its citations, then those in its texts."""
    from_texts = [text for _, text in markdown_fields(question)]
    refs = list(question.citations)
    refs += [f"{code}:{number}" for code, number in _inline_keys(from_texts)]
    return tuple(dict.fromkeys(ref.split(".")[0] for ref in refs))


def _inline_keys(texts: list[str]):
    """Yield (code, article) of every citation written in ``texts``."""
    for text in texts:
        for found in find_citations(text):
            yield found.ref.article_key


def index_question_citations(row: Question) -> None:
    """Rebuild the articles-cited index of a question (in the current transaction)."""
    question = to_bank_question(row)
    texts = [text for _, text in markdown_fields(question)]
    ids = article_ids(*texts, extra=question.citations)
    db.session.execute(sa.delete(QuestionCitation).where(
        QuestionCitation.question_id == row.id))
    db.session.add_all(QuestionCitation(question_id=row.id, article_id=i) for i in sorted(ids))


def questions_by_category(course_id: int) -> dict[str, list[str]]:
    """Return the course's question slugs per category, in bank order."""
    rows = db.session.execute(
        sa.select(Question.category, Question.slug).where(Question.course_id == course_id)
        .order_by(Question.bank_file, Question.position, Question.id))
    result: dict[str, list[str]] = {}
    for category, slug in rows:
        result.setdefault(category, []).append(slug)
    return result
