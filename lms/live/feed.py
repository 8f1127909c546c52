"""Room updates that many people cause at once, coalesced: at most one event per second.

A thousand trainees joining (or coming back after a restart), raising hands after "who has
seen this at work?", or upvoting one question would otherwise send a thousand events to a
thousand sockets each. Pending changes live in this process for at most a second; the truth
stays in the database and every (re)join returns the full state in its snapshot.
Big rooms send trainees only the head count of presence; lecturers always get the names.
"""
from __future__ import annotations

from flask import Flask

from lms.extensions import socketio
from lms.live import broadcast, qa, room

FLUSH_SECONDS = 1.0
# Above this many people, trainees get the count only (BigBlueButton's advised room size).
LIST_LIMIT = 200


class RoomFeed:
    """Collect joins, leaves, hand and Q&A changes per room and send them in batches."""

    def __init__(self, app: Flask, *, batched: bool):
        self.app = app
        self.batched = batched
        self.presence: dict[int, dict] = {}
        self.hands: set[int] = set()
        self.questions: dict[int, set[int]] = {}
        self.running = False

    def joined(self, session_id: int, card: dict) -> None:
        """Note that a person came online."""
        change = self.presence.setdefault(session_id, {"joined": {}, "left": set()})
        change["left"].discard(card["id"])
        change["joined"][card["id"]] = card
        self._changed()

    def left(self, session_id: int, user_id: int) -> None:
        """Note that a person went offline (their last connection closed)."""
        change = self.presence.setdefault(session_id, {"joined": {}, "left": set()})
        change["joined"].pop(user_id, None)
        change["left"].add(user_id)
        self._changed()

    def hands_changed(self, session_id: int) -> None:
        """Note that the hand queue of a room changed."""
        self.hands.add(session_id)
        self._changed()

    def question_changed(self, session_id: int, question_id: int) -> None:
        """Note that a Q&A question's votes or state changed."""
        self.questions.setdefault(session_id, set()).add(question_id)
        self._changed()

    def _changed(self) -> None:
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
            except Exception:  # a failed flush must not stop the feed for good
                self.app.logger.exception("live feed flush failed")

    def flush(self) -> None:
        """Emit every pending change."""
        presence, self.presence = self.presence, {}
        hands, self.hands = self.hands, set()
        questions, self.questions = self.questions, {}
        for session_id, change in presence.items():
            _send_presence(session_id, change)
        for session_id in hands:
            broadcast.emit("hands", qa.hand_queue(session_id), to=broadcast.room(session_id))
        for session_id, ids in questions.items():
            for question in qa.questions_by_id(session_id, sorted(ids)):
                broadcast.emit("qa_question", question, to=broadcast.room(session_id))


def _send_presence(session_id: int, change: dict) -> None:
    """Send one room's presence change: names to all in small rooms, else count to trainees."""
    count = room.online_count(session_id)
    full = {"count": count, "joined": list(change["joined"].values()),
            "left": sorted(change["left"]), "partial": False}
    if count <= LIST_LIMIT:
        broadcast.emit("presence", full, to=broadcast.room(session_id))
        return
    broadcast.emit("presence", {"count": count, "joined": [], "left": [], "partial": True},
                   to=broadcast.room(session_id))
    broadcast.emit("presence", full, to=broadcast.staff_room(session_id))
