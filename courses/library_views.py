"""The legal library: laws, a law's articles, one article and everything that cites it."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from courses import library
from courses.citing import citing_items
from courses.registry import LIBRARY_PREFIX, render_with_citations, stored_registry
from lms.textfold import fold

bp = Blueprint("library", __name__, url_prefix=LIBRARY_PREFIX)


def _note_html(text: str) -> str:
    """Render a law note; each line of the stored note is a paragraph (folded YAML)."""
    paragraphs = "\n\n".join(line for line in (text or "").split("\n") if line.strip())
    return render_with_citations(paragraphs, stored_registry(), today=date.today())


@bp.route("/")
@login_required
def laws():
    """List the laws, decrees and decisions of the registry."""
    today = date.today()
    rows = library.list_laws()
    return render_template("library/laws.html", rows=rows, today=today,
                           is_replaced=library.law_is_replaced)


@bp.route("/<code>")
@login_required
def law(code: str):
    """Show a law: its status, our note and its articles (filterable)."""
    law = library.get_law(code)
    today = date.today()
    query = request.args.get("q", "").strip()[:100]
    articles = law.articles
    if query:
        folded = fold(query)
        articles = [a for a in articles
                    if folded in fold(f"dieu {a.number} {a.title} {a.summary}")]
    return render_template("library/law.html", law=law, articles=articles, q=query,
                           today=today, is_replaced=library.law_is_replaced(law, today),
                           article_replaced=library.article_is_replaced,
                           note_html=_note_html(law.note_md))


@bp.route("/<code>/<number>")
@login_required
def article(code: str, number: str):
    """Show an article: our summary, whether it is replaced, and what cites it."""
    article = library.get_article(code, number)
    previous, following = library.neighbours(article)
    return render_template(
        "library/article.html", article=article, law=article.law,
        is_replaced=library.article_is_replaced(article, date.today()),
        successor=library.successor(article), previous=previous, following=following,
        citing=citing_items(article, current_user))
