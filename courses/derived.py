"""Data derived from a lesson's or course's Markdown: HTML, the citation index, search text.

Recomputed whenever the source changes (import, authoring) so pages only read stored HTML.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from courses.contentfiles.laws import LawRegistry
from courses.models import Course, Lesson, LessonCitation, SearchDocument
from courses.registry import article_ids, cited_articles, render_with_citations
from lms.extensions import db
from lms.textfold import fold


def render_lesson_html(lesson: Lesson, registry: LawRegistry, today: date) -> None:
    """Render the lesson body to sanitized HTML and remember the day it was rendered."""
    lesson.body_html = str(render_with_citations(lesson.body_md, registry, today=today))
    lesson.html_rendered_on = today


def render_handbook_html(course: Course, registry: LawRegistry, today: date) -> None:
    """Render the course handbook to sanitized HTML and remember the day."""
    course.handbook_html = str(render_with_citations(course.handbook_md, registry, today=today))
    course.html_rendered_on = today


def refresh_lesson(lesson: Lesson, registry: LawRegistry, today: date) -> None:
    """Recompute a lesson's HTML, its cited articles and its search text (lesson flushed)."""
    render_lesson_html(lesson, registry, today)
    keys = cited_articles(lesson.body_md) | cited_articles(lesson.law_change_note)
    db.session.execute(sa.delete(LessonCitation).where(LessonCitation.lesson_id == lesson.id))
    for article_id in sorted(set(article_ids(keys).values())):
        db.session.add(LessonCitation(lesson_id=lesson.id, article_id=article_id))
    _store_search_text(lesson.course_id, lesson.id, lesson.title,
                       f"{lesson.summary}\n{lesson.body_md}")


def refresh_course(course: Course, registry: LawRegistry, today: date) -> None:
    """Recompute the handbook HTML and the course's own search text (course flushed)."""
    render_handbook_html(course, registry, today)
    modules = " ".join(f"{m.title} {m.summary}" for m in course.modules)
    _store_search_text(course.id, None, course.title, f"{course.summary}\n{modules}")


def _store_search_text(course_id: int, lesson_id: int | None, title: str, body: str) -> None:
    """Insert or update the folded search text of a course or lesson."""
    document = db.session.scalar(sa.select(SearchDocument).where(
        SearchDocument.course_id == course_id,
        SearchDocument.lesson_id.is_(None) if lesson_id is None
        else SearchDocument.lesson_id == lesson_id))
    if document is None:
        document = SearchDocument(course_id=course_id, lesson_id=lesson_id)
        db.session.add(document)
    document.title = fold(title)
    document.body = fold(body)
