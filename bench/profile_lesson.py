"""Profile one authenticated lesson GET in process: SQL statements per request and cProfile.

    python -m bench.profile_lesson [--requests 300] [--top 30] [--email trainee@example.com]

Uses the same demo database and settings as bench/pages.py (through bench/liveserver.py),
but the Flask test client instead of a server, so the figures show only the app's own work.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import tempfile
from pathlib import Path

import sqlalchemy as sa

from bench.liveserver import free_port, prepare_database, server_env
from bench.pages import LESSON


def build_app(instance: Path):
    """Seed a demo database in ``instance`` and return an app configured like the server."""
    env = server_env(instance, free_port())
    prepare_database(env)
    os.environ.update(env)
    from lms import create_app

    return create_app()


def signed_in_client(app, email: str):
    """Return a test client signed in as ``email`` through the real form."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"csrf_token": token, "email": email,
                                "password": "demo-12345"})
    return client


def count_statements(app, client, path: str) -> list[str]:
    """Return the SQL statements one GET of ``path`` runs."""
    from lms.extensions import db

    statements: list[str] = []

    def on_execute(_conn, _cursor, statement, *_args) -> None:
        statements.append(" ".join(statement.split())[:int(os.environ.get("SQL_WIDTH", "160"))])

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", on_execute)
    try:
        response = client.get(path, headers={"Accept-Encoding": "br, gzip"})
        assert response.status_code == 200, response.status_code
    finally:
        sa.event.remove(engine, "before_cursor_execute", on_execute)
    return statements


def main() -> None:
    """Seed, warm up, print the statements of one request, then profile many."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--email", default="trainee@example.com")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Path(tmp))
        client = signed_in_client(app, args.email)
        for _ in range(20):
            client.get(LESSON, headers={"Accept-Encoding": "br, gzip"})
        statements = count_statements(app, client, LESSON)
        print(f"statements per lesson GET: {len(statements)}")
        for statement in statements:
            print("  ", statement)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            client.get(LESSON, headers={"Accept-Encoding": "br, gzip"})
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
