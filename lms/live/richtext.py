"""Author Markdown of live questions and scenarios as HTML, with the articles it cites.

Citations link to the article cards shown right under the feedback in the room (the room is
one page; leaving it to read an article would drop the trainee out of the timer), and each
card carries the article's summary from the legal registry.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa

from courses.citation_markdown import ArticleLink, CitationExtension
from courses.citations import CitationRef, find_citations, format_citation, parse_citation_ref
from courses.models import Article, Law
from lms.extensions import db
from lms.markup import render_markdown


def anchor(code: str, number: str) -> str:
    """Return the id of an article card in the room."""
    return f"cite-{code}-{number}"


def _lookup(code: str, number: str) -> tuple[Law, Article] | None:
    """Return the law and article of the registry, or None."""
    row = db.session.execute(sa.select(Law, Article).join(Article, Article.law_id == Law.id)
                             .where(Law.code == code, Article.number == number)).first()
    return (row[0], row[1]) if row else None


def _is_replaced(law: Law, article: Article, today: date) -> bool:
    """Return True when the article is no longer in force."""
    ended = [d for d in (law.effective_to, article.effective_to) if d is not None]
    return bool(article.replaced_by) or any(d < today for d in ended)


def _resolve(ref: CitationRef) -> ArticleLink | None:
    """Link a citation to its article card, or None when the registry lacks it."""
    found = _lookup(ref.code, ref.article)
    if found is None:
        return None
    law, article = found
    return ArticleLink(url="#" + anchor(law.code, article.number), summary=article.summary,
                       is_replaced=_is_replaced(law, article, date.today()),
                       short_title=law.short_title)


def render(text: str) -> str:
    """Render author Markdown (with citations) to sanitized HTML."""
    return str(render_markdown(text or "", extensions=[CitationExtension(_resolve)]))


def cited_articles(texts: Iterable[str], refs: Iterable[str] = ()) -> list[dict]:
    """Return the registry articles cited in ``texts`` or listed in ``refs``, in order, once."""
    found: list[CitationRef] = []
    for text in texts:
        found.extend(c.ref for c in find_citations(text or ""))
    found.extend(r for r in (parse_citation_ref(raw) for raw in refs) if r is not None)
    cards, seen = [], set()
    for ref in found:
        if ref.article_key in seen:
            continue
        seen.add(ref.article_key)
        looked_up = _lookup(ref.code, ref.article)
        if looked_up is None:
            continue
        law, article = looked_up
        cards.append({"anchor": anchor(law.code, article.number),
                      "label": format_citation(CitationRef(ref.code, ref.article),
                                               law.short_title),
                      "title": article.title, "summary": article.summary,
                      "replaced": _is_replaced(law, article, date.today())})
    return cards
