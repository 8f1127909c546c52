"""The legal registry as stored in the database, and rendering author Markdown against it.

Every piece of author Markdown with citations (lessons, handbooks, law notes, previews)
is rendered here, through ``lms.markup`` and ``CitationExtension``: one pipeline for the
importer, the authoring pages and the preview.
"""
from __future__ import annotations

from datetime import date
from urllib.parse import quote

import sqlalchemy as sa
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from courses.citation_markdown import CitationExtension, make_resolver
from courses.citations import find_citations
from courses.contentfiles.laws import ArticleSpec, LawRegistry, LawSpec
from courses.models import Article, Law
from lms.extensions import db
from lms.markup import render_markdown

# The library's article route has this shape (courses.library_views uses the same prefix);
# it is built by hand because the importer renders outside any request.
LIBRARY_PREFIX = "/luat"


def article_path(code: str, number: str) -> str:
    """Return the path of an article page: ``/luat/BLL%C4%90-2019/97``."""
    return f"{LIBRARY_PREFIX}/{quote(code, safe='-')}/{quote(number, safe='')}"


def law_spec(law: Law) -> LawSpec:
    """Return a stored law (with its articles) as the spec the content files describe."""
    return LawSpec(
        code=law.code, number=law.number, title=law.title, short_title=law.short_title,
        kind=law.kind, issued_on=law.issued_on, effective_from=law.effective_from,
        effective_to=law.effective_to, replaced_by=law.replaced_by, note=law.note_md or None,
        articles=tuple(ArticleSpec(number=a.number, title=a.title, summary=a.summary,
                                   replaced_by=a.replaced_by, effective_to=a.effective_to)
                       for a in law.articles),
    )


def stored_laws() -> list[LawSpec]:
    """Return every law in the database as specs, ordered by code."""
    laws = db.session.scalars(sa.select(Law).options(selectinload(Law.articles))
                              .order_by(Law.code))
    return [law_spec(law) for law in laws]


def stored_registry() -> LawRegistry:
    """Return the registry of laws in the database."""
    return LawRegistry.from_laws(stored_laws())


def citation_extension(registry: LawRegistry, today: date) -> CitationExtension:
    """Return the Markdown extension that links citations to the library."""
    return CitationExtension(make_resolver(registry, article_path, today=today))


def render_with_citations(text: str, registry: LawRegistry, *, today: date) -> Markup:
    """Render author Markdown with citations to sanitized HTML."""
    return render_markdown(text, extensions=[citation_extension(registry, today)])


def cited_articles(text: str) -> set[tuple[str, str]]:
    """Return the ``(code, article number)`` pairs cited in Markdown text."""
    return {found.ref.article_key for found in find_citations(text or "")}


def article_ids(keys: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Map ``(code, number)`` pairs to stored article ids (unknown pairs are left out)."""
    if not keys:
        return {}
    codes = {code for code, _ in keys}
    rows = db.session.execute(sa.select(Law.code, Article.number, Article.id)
                              .join(Article.law).where(Law.code.in_(codes)))
    return {(code, number): id_ for code, number, id_ in rows if (code, number) in keys}
