"""Author Markdown of live questions and scenarios as HTML, with the articles it cites.

Citations link to the article cards shown right under the feedback in the room (the room is
one page; leaving it to read an article would drop the trainee out of the timer), and each
card carries the article's summary from the legal registry.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from courses.citation_markdown import ArticleLink, CitationExtension
from courses.citations import CitationRef, find_citations, format_citation, parse_citation_ref
from courses.contentfiles.laws import is_article_replaced
from lms.markup import render_markdown
from quizzes.render import lookup_article


def anchor(code: str, number: str) -> str:
    """Return the id of an article card in the room."""
    return f"cite-{code}-{number}"


def _resolve(ref: CitationRef) -> ArticleLink | None:
    """Link a citation to its article card, or None when the registry lacks it."""
    found = lookup_article(ref.code, ref.article)
    if found is None:
        return None
    law, article = found
    return ArticleLink(url="#" + anchor(law.code, article.number), summary=article.summary,
                       is_replaced=is_article_replaced(law, article, date.today()),
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
        looked_up = lookup_article(ref.code, ref.article)
        if looked_up is None:
            continue
        law, article = looked_up
        cards.append({"anchor": anchor(law.code, article.number),
                      "label": format_citation(CitationRef(ref.code, ref.article),
                                               law.short_title),
                      "title": article.title, "summary": article.summary,
                      "replaced": is_article_replaced(law, article, date.today())})
    return cards
