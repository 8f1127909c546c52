"""Author Markdown of questions and scenarios to safe HTML, with citations linked to articles.

Everything goes through ``lms.markup.render_markdown``; citations are resolved against the
legal registry in the database once per request (memoised on ``g``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

import sqlalchemy as sa
from flask import current_app, g, has_request_context, url_for
from markupsafe import Markup
from werkzeug.routing import BuildError

from courses.citation_markdown import ArticleLink, CitationExtension
from courses.citations import CitationRef, find_citations, format_citation
from courses.contentfiles.laws import is_article_replaced
from courses.models import Article, Law
from lms.extensions import db
from lms.markup import render_markdown

DEFAULT_ARTICLE_ENDPOINT = "library.article"
LIBRARY_PREFIX = "/luat"  # the legal library's article pages: /luat/<code>/<number>


@dataclass(frozen=True)
class CitedArticle:
    """An article cited in some text, for lists of "the articles that decide it"."""

    label: str
    title: str
    summary: str
    url: str
    is_replaced: bool


def _cache() -> dict:
    """Return the per-request memo of looked-up articles (a fresh one outside requests)."""
    if not has_request_context():
        return {}
    if "quiz_article_cache" not in g:
        g.quiz_article_cache = {}
    return g.quiz_article_cache


def article_url(code: str, number: str) -> str:
    """Return the legal library page of an article."""
    endpoint = current_app.config.get("ARTICLE_ENDPOINT", DEFAULT_ARTICLE_ENDPOINT)
    try:
        return url_for(endpoint, code=code, number=number)
    except BuildError:  # outside a request, or before the library is installed
        return f"{LIBRARY_PREFIX}/{quote(code, safe='-')}/{quote(number, safe='')}"


def lookup_article(code: str, number: str) -> tuple[Law, Article] | None:
    """Return the law and article rows of a cited article, memoised per request."""
    cache = _cache()
    key = (code, number)
    if key not in cache:
        row = db.session.execute(
            sa.select(Law, Article).join(Article.law)
            .where(Law.code == code, Article.number == number)).first()
        cache[key] = tuple(row) if row else None
    return cache[key]


def resolve(ref: CitationRef) -> ArticleLink | None:
    """Return the link of a cited article, or None when it is not in the registry."""
    found = lookup_article(ref.code, ref.article)
    if found is None:
        return None
    law, article = found
    return ArticleLink(url=article_url(law.code, article.number), summary=article.summary,
                       is_replaced=is_article_replaced(law, article, date.today()),
                       short_title=law.short_title)


def markdown(text: str | None) -> Markup:
    """Render author Markdown (questions, options, feedback, nodes) with linked citations."""
    if not text:
        return Markup("")
    return render_markdown(text, extensions=[CitationExtension(resolve)])


def cited_articles(*texts: str, extra: tuple[str, ...] = ()) -> list[CitedArticle]:
    """List the articles cited in ``texts`` (and ``extra`` "CODE:ART" refs), each once."""
    refs: list[CitationRef] = [found.ref for text in texts for found in find_citations(text)]
    for raw in extra:
        code, _, rest = raw.partition(":")
        refs.append(CitationRef(code, rest.split(".")[0]))
    seen, articles = set(), []
    for ref in refs:
        found = lookup_article(ref.code, ref.article)
        if found is None or ref.article_key in seen:
            continue
        seen.add(ref.article_key)
        law, article = found
        label = format_citation(CitationRef(ref.code, ref.article), law.short_title)
        articles.append(CitedArticle(label, article.title, article.summary,
                                     article_url(law.code, article.number),
                                     is_article_replaced(law, article, date.today())))
    return articles


def article_ids(*texts: str, extra: tuple[str, ...] = ()) -> set[int]:
    """Return the ids of the articles cited in ``texts`` and ``extra`` refs."""
    keys = {found.ref.article_key for text in texts for found in find_citations(text)}
    keys |= {(raw.partition(":")[0], raw.partition(":")[2].split(".")[0]) for raw in extra}
    ids = set()
    for code, number in keys:
        found = lookup_article(code, number)
        if found is not None:
            ids.add(found[1].id)
    return ids
