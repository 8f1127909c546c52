"""A Python-Markdown extension that turns ``[[BLLĐ-2019:97.4]]`` into a link to the article.

Its output must survive ``lms.markup``'s sanitizer, which allows exactly
``a[class=cite|cite-replaced, href, title, data-cite]`` and ``span[class=cite-label]``.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from courses.citations import CitationRef, format_citation, parse_citation_ref
from courses.contentfiles.laws import LawRegistry, LawSpec, is_article_replaced

# After code spans (190) and backslash escapes (180), before reference links (170), so
# `[[X:1]]` in code stays literal and "[[" is never taken for a link.
_PRIORITY = 175
_PATTERN = r"\[\[([^\[\]\n]+)\]\]"


@dataclass(frozen=True)
class ArticleLink:
    """What a rendered citation needs to know about the cited article."""

    url: str
    summary: str
    is_replaced: bool
    short_title: str


Resolver = Callable[[CitationRef], "ArticleLink | None"]


class _CitationProcessor(InlineProcessor):
    """Replace one well-formed citation with a link, or a plain label when unknown."""

    def __init__(self, pattern: str, md, resolver: Resolver):
        super().__init__(pattern, md)
        self.resolver = resolver

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        """Return the element for the citation matched by ``m`` and the span it replaces."""
        ref = parse_citation_ref(m.group(1))
        if ref is None:
            return None, None, None  # malformed: leave the text as written
        return citation_element(ref, self.resolver(ref)), m.start(0), m.end(0)


def citation_element(ref: CitationRef, link: ArticleLink | None) -> etree.Element:
    """Build the ``<a class="cite">`` (or ``<span class="cite-label">``) for one citation."""
    if link is None:
        span = etree.Element("span", {"class": "cite-label"})
        span.text = AtomicString(str(ref))
        return span
    anchor = etree.Element("a", {
        "class": "cite cite-replaced" if link.is_replaced else "cite",
        "href": link.url,
        "data-cite": str(ref),
    })
    if link.summary:
        anchor.set("title", link.summary)
    anchor.text = AtomicString(format_citation(ref, link.short_title))
    return anchor


class CitationExtension(Extension):
    """Render ``[[CODE:ARTICLE.CLAUSE.POINT]]`` citations through ``resolver``."""

    def __init__(self, resolver: Resolver, **kwargs):
        self.resolver = resolver
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        """Register the citation pattern with the Markdown instance."""
        md.inlinePatterns.register(
            _CitationProcessor(_PATTERN, md, self.resolver), "legal_citation", _PRIORITY)


def make_resolver(
    laws: Iterable[LawSpec],
    article_url: Callable[[str, str], str],
    *,
    today: date,
) -> Resolver:
    """Build a resolver over law specs; ``article_url(code, number)`` gives the link."""
    registry = laws if isinstance(laws, LawRegistry) else LawRegistry.from_laws(laws)

    def resolve(ref: CitationRef) -> ArticleLink | None:
        """Return the link for ``ref``'s article, or None when it is not in the registry."""
        law = registry.law(ref.code)
        article = registry.article(ref.code, ref.article)
        if law is None or article is None:
            return None
        return ArticleLink(
            url=article_url(law.code, article.number),
            summary=article.summary,
            is_replaced=is_article_replaced(law, article, today),
            short_title=law.short_title,
        )
    return resolve
