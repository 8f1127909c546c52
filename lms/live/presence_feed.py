"""Presence changes, coalesced: one ``presence`` event per room per second, not one per join.

A thousand trainees joining at once (or coming back after a restart) would otherwise cost a
million deliveries. Pending changes are per process and short-lived (at most a second); the
truth stays in the database, and every (re)join returns the full list in its snapshot.
Big rooms send trainees only the head count; lecturers always get the names.
"""
from __future__ import annotations

from flask import Flask

from lms.extensions import socketio
from lms.live import broadcast, room

FLUSH_SECONDS = 1.0
# Above this many people, trainees get the count only (BigBlueButton's advised room size).
LIST_LIMIT = 200


class PresenceFeed:
    """Collect joins and leaves per room and send them in batches."""

    def __init__(self, app: Flask, *, batched: bool):
        self.app = app
        self.batched = batched
        self.pending: dict[int, dict] = {}
        self.running = False

    def joined(self, session_id: int, card: dict) -> None:
        """Note that a person came online."""
        change = self.pending.setdefault(session_id, {"joined": {}, "left": set()})
        change["left"].discard(card["id"])
        change["joined"][card["id"]] = card
        self._maybe_flush()

    def left(self, session_id: int, user_id: int) -> None:
        """Note that a person went offline (their last connection closed)."""
        change = self.pending.setdefault(session_id, {"joined": {}, "left": set()})
        change["joined"].pop(user_id, None)
        change["left"].add(user_id)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        """Send now unless a background loop batches the changes."""
        if not self.batched:
            self.flush()
        elif not self.running:
            self.running = True
            socketio.start_background_task(self._loop)

    def _loop(self) -> None:
        """Flush once a second for as long as the process runs."""
        while True:
            socketio.sleep(FLUSH_SECONDS)
            try:
                with self.app.app_context():
                    self.flush()
            except Exception:  # a failed flush must not stop presence for good
                self.app.logger.exception("presence flush failed")

    def flush(self) -> None:
        """Emit every pending change."""
        pending, self.pending = self.pending, {}
        for session_id, change in pending.items():
            count = len(room.online_user_ids(session_id))
            full = {"count": count, "joined": list(change["joined"].values()),
                    "left": sorted(change["left"]), "partial": False}
            if count <= LIST_LIMIT:
                broadcast.emit("presence", full, to=broadcast.room(session_id))
            else:
                broadcast.emit("presence", {"count": count, "joined": [], "left": [],
                                            "partial": True},
                               to=broadcast.room(session_id))
                broadcast.emit("presence", full, to=broadcast.staff_room(session_id))
