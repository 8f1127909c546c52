"""The one path from author text to HTML: Markdown rendered first, then sanitized by bleach.

Only lecturer-authored content is Markdown. Everything else (chat, names, trainee answers) is
plain text escaped by Jinja. Sanitizing after rendering is what stops reference-style and
``javascript:`` links; the explicit attribute allow-list is what stops attribute injection.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import bleach
import markdown
from markupsafe import Markup

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code",
    "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th",
    "td", "del", "sup", "sub", "span", "input",
})
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
# Classes the renderer itself produces; author-written classes are dropped.
_SAFE_CLASSES = {
    "a": {"cite", "cite-replaced"},
    "li": {"task"},
    "span": {"cite-label"},
    "code": None,  # any "language-xyz" class from fenced code
}
_LANGUAGE_CLASS = re.compile(r"^language-[a-z0-9_+-]{1,30}$")


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    """Decide whether one attribute survives sanitizing."""
    if name in ("href",) and tag == "a":
        return True  # bleach checks the protocol separately
    if tag == "a" and name in ("title", "data-cite"):
        return True
    if tag == "img" and name in ("src", "alt", "title"):
        return True
    if tag in ("th", "td") and name == "align":
        return value in ("left", "right", "center")
    if tag == "input":
        return (name, value) in {("type", "checkbox"), ("disabled", ""), ("checked", "")}
    if name == "class" and tag in _SAFE_CLASSES:
        return _classes_allowed(tag, value)
    return False


def _classes_allowed(tag: str, value: str) -> bool:
    """Accept a class attribute only when every class is one the renderer produces."""
    allowed = _SAFE_CLASSES[tag]
    classes = value.split()
    if allowed is None:
        return all(_LANGUAGE_CLASS.match(c) for c in classes)
    return bool(classes) and all(c in allowed for c in classes)


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allow_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)

_BASE_EXTENSIONS = ("tables", "fenced_code", "sane_lists")
# Task-list items "- [ ] text" / "- [x] text" become disabled checkboxes.
_TASK_ITEM = re.compile(r"<li>(\s*<p>)?\s*\[( |x|X)\]\s+")


def _task_items(html: str) -> str:
    """Turn rendered task-list markers into checkbox list items."""
    def replace(match: re.Match) -> str:
        checked = " checked" if match.group(2).lower() == "x" else ""
        return f'<li class="task"><input type="checkbox" disabled{checked}> {match.group(1) or ""}'
    return _TASK_ITEM.sub(replace, html)


def render_markdown(text: str, *, extensions: Iterable = ()) -> Markup:
    """Render author Markdown to sanitized HTML, safe to insert with ``|safe``.

    ``extensions`` are extra Python-Markdown extensions (for example legal citations); their
    output goes through the same sanitizer as everything else.
    """
    raw = markdown.markdown(
        text or "",
        extensions=[*_BASE_EXTENSIONS, *extensions],
        output_format="html",
    )
    return Markup(_cleaner.clean(_task_items(raw)))


def sanitize_html(html: str) -> Markup:
    """Clean HTML that did not come from ``render_markdown`` with the same allow-lists."""
    return Markup(_cleaner.clean(html or ""))
