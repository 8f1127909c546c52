"""The legal library: laws, articles, whether they are still in force, what cites them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import url_for

from courses.access import can_study, can_teach, can_view_course
from courses.citations import format_citation, parse_citation_ref
from courses.contentfiles.laws import is_article_replaced
from courses.citing import CitingItem
from courses.models import Article, Course, Law, Lesson, LessonCitation
from courses.search import query_terms
from lms.errors import NotFoundError
from lms.extensions import db
from lms.textfold import fold


@dataclass(frozen=True)
class Successor:
    """Where a replaced article's reader should look now."""

    label: str
    code: str
    number: str | None   # None: the whole successor law


def law_is_replaced(law: Law, today: date) -> bool:
    """Tell whether the law stopped being in force before ``today``."""
    return law.effective_to is not None and law.effective_to < today


def article_is_replaced(article: Article, today: date) -> bool:
    """Tell whether the article (or its whole law) stopped being in force before ``today``."""
    return is_article_replaced(article.law, article, today)


def list_laws() -> list[tuple[Law, int]]:
    """Return every law with its number of articles, in force first, by code."""
    rows = db.session.execute(
        sa.select(Law, sa.func.count(Article.id)).outerjoin(Law.articles)
        .group_by(Law.id).order_by(Law.effective_to.is_not(None), Law.code))
    return [(law, count) for law, count in rows]


def get_law(code: str) -> Law:
    """Return the law with ``code`` or raise NotFoundError."""
    law = db.session.scalar(sa.select(Law).where(Law.code == code))
    if law is None:
        raise NotFoundError()
    return law


def get_article(code: str, number: str) -> Article:
    """Return article ``number`` of law ``code`` or raise NotFoundError."""
    article = db.session.scalar(sa.select(Article).join(Article.law).where(
        Law.code == code, Article.number == number))
    if article is None:
        raise NotFoundError()
    return article


def successor(article: Article) -> Successor | None:
    """Return the article's own successor, else its law's successor law, if any."""
    ref = parse_citation_ref(article.replaced_by) if article.replaced_by else None
    if ref is not None:
        law = db.session.scalar(sa.select(Law).where(Law.code == ref.code))
        return Successor(format_citation(ref, law.short_title if law else ref.code),
                         ref.code, ref.article)
    if article.law.replaced_by:
        law = db.session.scalar(sa.select(Law).where(Law.code == article.law.replaced_by))
        return Successor(law.title if law else article.law.replaced_by,
                         article.law.replaced_by, None)
    return None


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """Return the previous and next articles of the same law in the registry."""
    articles = article.law.articles
    index = articles.index(article)
    return (articles[index - 1] if index > 0 else None,
            articles[index + 1] if index + 1 < len(articles) else None)


def citing_lessons(article: Article, user) -> list[CitingItem]:
    """List lessons citing ``article``: linked when the viewer may open them."""
    rows = db.session.execute(
        sa.select(Lesson, Course).join(LessonCitation, LessonCitation.lesson_id == Lesson.id)
        .join(Course, Course.id == Lesson.course_id)
        .where(LessonCitation.article_id == article.id)
        .order_by(Course.title, Lesson.title))
    items = []
    for lesson, course in rows:
        if can_teach(user, course):
            url = url_for("courses.lesson", slug=course.slug, lesson_slug=lesson.slug)
        elif lesson.status == "published" and can_view_course(user, course):
            url = (url_for("courses.lesson", slug=course.slug, lesson_slug=lesson.slug)
                   if can_study(user, course) else None)
        else:
            continue
        items.append(CitingItem("lesson", lesson.title, url, course.title))
    return items


def search_articles(query: str, *, limit: int = 20) -> list[Article]:
    """Find articles for the citation helper: "97", "blld 97", "tien luong", "LCĐ-2024:28"."""
    ref = parse_citation_ref(query.strip())
    if ref is not None:
        try:
            return [get_article(ref.code, ref.article)]
        except NotFoundError:
            return []
    terms = query_terms(query)
    if not terms:
        return []
    articles = db.session.scalars(sa.select(Article).join(Article.law)
                                  .order_by(Law.effective_to.is_not(None), Law.code,
                                            Article.sort_key))
    found = []
    for article in articles:
        haystack = fold(f"{article.law.code} {article.law.short_title} dieu {article.number} "
                        f"{article.title} {article.summary}")
        words = set(haystack.replace("-", " ").split())
        if all(term in words or (not term.isdigit() and term in haystack) for term in terms):
            found.append(article)
            if len(found) >= limit:
                break
    return found
