"""Per-app helpers of the live classroom: the rate limiter, the presence feed, the timers.

They hold no room state (that is in the database): only counters, a second's worth of
presence changes, and which background loops this process has started.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from lms.extensions import socketio
from lms.live import broadcast, room
from lms.live.feed import RoomFeed
from lms.live.ratelimit import EventLimiter

HEARTBEAT_SECONDS = 60


@dataclass
class LiveRuntime:
    """The live classroom's helpers for one app."""

    app: Flask
    limiter: EventLimiter
    feed: RoomFeed
    background: bool
    heartbeat_started: bool = False

    def start_heartbeat(self) -> None:
        """Start (once per process) the loop that marks this process's sockets as seen."""
        if self.background and not self.heartbeat_started:
            self.heartbeat_started = True
            socketio.start_background_task(self._heartbeat)

    def _heartbeat(self) -> None:
        """Every minute, refresh the connections this process serves (attendance bounds)."""
        while True:
            socketio.sleep(HEARTBEAT_SECONDS)
            try:
                with self.app.app_context():
                    room.refresh(broadcast.local_sids())
            except Exception:  # a failed refresh must not stop the loop
                self.app.logger.exception("live heartbeat failed")

    def defer(self, job, *args) -> None:
        """Run ``job(*args)`` after the current event (its own greenlet), or now in tests."""
        if not self.background:
            job(*args)
            return

        def run():
            try:
                with self.app.app_context():
                    job(*args)
            except Exception:
                self.app.logger.exception("live deferred job failed")
        socketio.start_background_task(run)

    def later(self, seconds: float, job, *args) -> None:
        """Run ``job(*args)`` in an app context after ``seconds`` (only with background jobs)."""
        if not self.background:
            return

        def run():
            socketio.sleep(seconds)
            try:
                with self.app.app_context():
                    job(*args)
            except Exception:
                self.app.logger.exception("live timer failed")
        socketio.start_background_task(run)


def create_runtime(app: Flask) -> LiveRuntime:
    """Build the helpers from the app's configuration."""
    background = bool(app.config.get("BACKGROUND_JOBS"))
    limiter = EventLimiter(app.config["RATELIMIT_STORAGE_URI"],
                           enabled=app.config["LIVE_RATELIMIT_ENABLED"],
                           overrides=app.config.get("LIVE_RATE_LIMITS"))
    return LiveRuntime(app=app, limiter=limiter, feed=RoomFeed(app, batched=background),
                       background=background)


def runtime() -> LiveRuntime:
    """Return the current app's live helpers."""
    return current_app.extensions["lms_live"]
