"""Diacritics-insensitive search over course and lesson text.

``search_documents`` stores folded text (``lms.textfold.fold``: lowercase, no diacritics,
đ -> d), and the query is folded the same way, so "luat cong doan" finds "Luật Công đoàn".
SQLite matches through the FTS5 index (``courses.search_schema``); PostgreSQL through
``to_tsvector('simple', ...)`` and its GIN index; any other database falls back to LIKE.
The SQL builders are pure so both dialects are unit-tested without a server.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from courses.search_schema import FTS_TABLE
from lms.extensions import db
from lms.textfold import fold

_TOKEN = re.compile(r"[^\W_]+")
MAX_TERMS = 8
MAX_HITS = 200


@dataclass(frozen=True)
class Hit:
    """One matching course (``lesson_id`` None) or lesson; lower ``rank`` is better."""

    course_id: int
    lesson_id: int | None
    rank: float


def query_terms(query: str) -> list[str]:
    """Fold a search box's text into at most eight word terms (letters and digits only)."""
    terms = _TOKEN.findall(fold(query or ""))
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def fts5_match(terms: list[str]) -> str:
    """Return an FTS5 MATCH expression: every term, each as a prefix ("luat"* AND ...)."""
    return " AND ".join(f'"{term}"*' for term in terms)


def pg_tsquery(terms: list[str]) -> str:
    """Return a PostgreSQL tsquery: every term as a prefix (luat:* & cong:* & ...)."""
    return " & ".join(f"{term}:*" for term in terms)


_SQLITE = sa.text(
    f"SELECT d.course_id, d.lesson_id, bm25({FTS_TABLE}, 4.0, 1.0) AS rank "
    f"FROM {FTS_TABLE} JOIN search_documents AS d ON d.id = {FTS_TABLE}.rowid "
    f"WHERE {FTS_TABLE} MATCH :query ORDER BY rank LIMIT :limit")
# The WHERE expression is exactly the GIN index's, so PostgreSQL can use the index.
_POSTGRES = sa.text(
    "SELECT d.course_id, d.lesson_id, "
    "-ts_rank(setweight(to_tsvector('simple', d.title), 'A') || "
    "setweight(to_tsvector('simple', d.body), 'B'), to_tsquery('simple', :query)) AS rank "
    "FROM search_documents AS d "
    "WHERE to_tsvector('simple', d.title || ' ' || d.body) @@ to_tsquery('simple', :query) "
    "ORDER BY rank LIMIT :limit")


def search_statement(dialect: str, terms: list[str]) -> tuple[sa.Executable, dict]:
    """Return the statement and parameters searching ``terms`` on database ``dialect``."""
    if dialect == "sqlite":
        return _SQLITE, {"query": fts5_match(terms), "limit": MAX_HITS}
    if dialect == "postgresql":
        return _POSTGRES, {"query": pg_tsquery(terms), "limit": MAX_HITS}
    return _like_statement(terms), {}


def _like_statement(terms: list[str]) -> sa.Select:
    """Return a portable LIKE search over the folded text (no ranking)."""
    table = sa.table("search_documents", sa.column("course_id"), sa.column("lesson_id"),
                     sa.column("title"), sa.column("body"))
    text = table.c.title + " " + table.c.body
    return (sa.select(table.c.course_id, table.c.lesson_id, sa.literal(0.0).label("rank"))
            .where(*[text.contains(term, autoescape=True) for term in terms])
            .limit(MAX_HITS))


def search(query: str) -> list[Hit]:
    """Return the courses and lessons matching ``query``, best first (empty for no terms)."""
    terms = query_terms(query)
    if not terms:
        return []
    statement, params = search_statement(db.engine.dialect.name, terms)
    rows = db.session.execute(statement, params)
    return [Hit(course_id, lesson_id, float(rank)) for course_id, lesson_id, rank in rows]
