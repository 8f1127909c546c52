"""The live virtual classroom: sessions, the ``/live`` Socket.IO namespace, records.

A feature package at the top of the import order (it uses courses and quizzes); only the
app factory imports it, to call ``init_app``.
"""
from __future__ import annotations

import os

from flask import Flask

from lms.demo import register_demo_seeder
from lms.extensions import socketio
from lms.live import activity_models, models  # noqa: F401  (tables for create_all/migrate)
from lms.live import panels
from lms.live.demo import seed_live_sessions
from lms.live.events import LiveNamespace, disconnect_user
from lms.live.broadcast import NAMESPACE
from lms.live.runtime import create_runtime
from lms.live.views import bp
from lms.signals import user_sessions_revoked


def _configure(app: Flask) -> None:
    """Set the live classroom's defaults (environment first, then safe values)."""
    app.config.setdefault("LIVE_ATTENDANCE_PERCENT",
                          int(os.environ.get("LIVE_ATTENDANCE_PERCENT", "75")))
    app.config.setdefault("LIVE_RATELIMIT_ENABLED", app.config.get("RATELIMIT_ENABLED", True))
    app.config.setdefault("LIVE_RATE_LIMITS", None)


def _on_sessions_revoked(user_id, **_extra) -> None:
    """Disconnect a person's live sockets when their sessions end."""
    disconnect_user(user_id)


def init_app(app: Flask) -> None:
    """Register the live pages, the namespace, panels, demo data and the revocation hook."""
    _configure(app)
    app.extensions["lms_live"] = create_runtime(app)
    app.register_blueprint(bp)
    socketio.on_namespace(LiveNamespace(NAMESPACE))
    panels.register(app)
    register_demo_seeder(app, seed_live_sessions, order=80)
    user_sessions_revoked.connect(_on_sessions_revoked, weak=False)
