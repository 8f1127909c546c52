"""The background job that finishes overdue attempts with no browser connected.

Started by the app when ``BACKGROUND_JOBS`` is true and it is serving requests (not under a
``flask`` command), as a Socket.IO background task: a greenlet under gevent, so it never
blocks the server. Each round is one call of ``run_once``, which tests call directly.
"""
from __future__ import annotations

import click
from flask import Flask

from lms.extensions import db, socketio
from lms.timeutil import utcnow
from quizzes import attempts

INTERVAL_SECONDS = 15  # well inside the promise of "within 60 s"


def run_once(app: Flask) -> int:
    """Finish the overdue attempts once; return how many were finished."""
    with app.app_context():
        try:
            return attempts.finalise_overdue(
                now=utcnow(), grace_seconds=app.config.get("QUIZ_GRACE_SECONDS",
                                                            attempts.GRACE_SECONDS))
        except Exception:  # a bad round must not stop the job; it is logged and retried
            db.session.rollback()
            app.logger.exception("finalising overdue attempts failed")
            return 0
        finally:
            db.session.remove()


def _loop(app: Flask) -> None:
    """Run ``run_once`` forever, sleeping the gevent-friendly way between rounds."""
    interval = app.config.get("QUIZ_JOB_INTERVAL_SECONDS", INTERVAL_SECONDS)
    while True:
        run_once(app)
        socketio.sleep(interval)


def init_app(app: Flask) -> None:
    """Start the job in a serving process when background jobs are enabled."""
    if not app.config.get("BACKGROUND_JOBS") or app.config.get("TESTING"):
        return
    if click.get_current_context(silent=True) is not None:
        return  # a `flask ...` command: it does its work and exits
    socketio.start_background_task(_loop, app)
