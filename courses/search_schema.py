"""The SQLite FTS5 index over ``search_documents``, created with the table.

``search_documents`` holds folded text (no diacritics, lowercase). On SQLite an external-content
FTS5 table indexes it and three triggers keep the index in step with every insert, update and
delete (cascaded deletes included). PostgreSQL needs no extra table (``courses.search``).
Migration 0002 runs the same statements; ``db.create_all`` runs them through the hook below.
"""
from __future__ import annotations

import sqlalchemy as sa

FTS_TABLE = "search_documents_fts"
FTS_STATEMENTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_documents_ai AFTER INSERT ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_documents_ad AFTER DELETE ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_documents_au AFTER UPDATE ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body); END",
)
# PostgreSQL: an expression index that the search query's WHERE clause matches exactly.
PG_INDEX = ("CREATE INDEX IF NOT EXISTS ix_search_documents_tsv ON search_documents "
            "USING gin (to_tsvector('simple', title || ' ' || body))")


def attach_search_index(table: sa.Table) -> None:
    """Create the full-text index whenever ``table`` is created by ``metadata.create_all``."""
    for statement in FTS_STATEMENTS:
        sa.event.listen(table, "after_create",
                        sa.DDL(statement).execute_if(dialect="sqlite"))
    sa.event.listen(table, "after_create", sa.DDL(PG_INDEX).execute_if(dialect="postgresql"))
