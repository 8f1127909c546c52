"""A bare submission server, the baseline of bench/quiz_burst.py (the "toy app").

Flask, one SQLite file in WAL mode (synchronous=FULL, as the LMS), no login, no ORM: a
POST marks an attempt submitted with a guarded UPDATE and upserts a grade, then redirects,
which is the least any quiz server must do per submission. Served the same way as the LMS
(gunicorn, gevent workers). ``python bench/bare_submit.py init DB N`` creates N attempts.
"""
from __future__ import annotations

import os
import sqlite3
import sys

from flask import Flask, redirect, request

DB = os.environ.get("BARE_DB", "bare.db")
app = Flask(__name__)


def connect() -> sqlite3.Connection:
    """Open the database with the LMS's pragmas."""
    conn = sqlite3.connect(DB, timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


@app.get("/warm")
def warm():
    """Answer without work (opens a keep-alive connection)."""
    return "ok"


@app.post("/submit/<int:attempt_id>")
def submit(attempt_id: int):
    """Submit one attempt exactly once and record its grade."""
    answers = request.form.to_dict(flat=False)
    conn = connect()
    try:
        conn.execute("BEGIN IMMEDIATE")
        changed = conn.execute("UPDATE attempts SET state='submitted', answers=? "
                               "WHERE id=? AND state='in_progress'",
                               (repr(answers), attempt_id)).rowcount
        if changed:
            conn.execute("INSERT INTO grades (attempt_id, percent) VALUES (?, 100) "
                         "ON CONFLICT(attempt_id) DO UPDATE SET percent=100", (attempt_id,))
        conn.execute("COMMIT")
    finally:
        conn.close()
    return redirect(f"/review/{attempt_id}", 302) if changed else ("already", 409)


def init(path: str, count: int) -> None:
    """Create the tables and ``count`` attempts in progress."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE attempts (id INTEGER PRIMARY KEY, state TEXT, answers TEXT)")
    conn.execute("CREATE TABLE grades (attempt_id INTEGER PRIMARY KEY, percent REAL)")
    conn.executemany("INSERT INTO attempts (id, state) VALUES (?, 'in_progress')",
                     [(n,) for n in range(1, count + 1)])
    conn.commit()
    conn.close()


if __name__ == "__main__" and sys.argv[1:2] == ["init"]:
    init(sys.argv[2], int(sys.argv[3]))
