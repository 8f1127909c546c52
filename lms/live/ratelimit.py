"""Per-person rate limits on socket events (a moving window in memory or Redis).

HTTP routes use Flask-Limiter; socket events bypass it, so the namespace asks this limiter
before it touches the database. The storage is the one Flask-Limiter uses
(``RATELIMIT_STORAGE_URI``), so with Redis the limit holds across processes and restarts.
"""
from __future__ import annotations

from collections.abc import Mapping

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

# event -> (limit for trainees, limit for lecturers). "*" covers every other event.
DEFAULT_LIMITS: dict[str, tuple[str, str]] = {
    "*": ("30 per 10 seconds", "120 per 10 seconds"),
    "join": ("20 per minute", "60 per minute"),
    "chat_send": ("5 per 10 seconds", "40 per 10 seconds"),
    "qa_ask": ("3 per minute", "30 per minute"),
    "qa_upvote": ("20 per minute", "60 per minute"),
    "hand_raise": ("6 per minute", "30 per minute"),
    "poll_vote": ("10 per 10 seconds", "30 per 10 seconds"),
    "quiz_answer": ("10 per 10 seconds", "30 per 10 seconds"),
    "group_call": ("4 per minute", "30 per minute"),
    "lesson_sections": ("20 per minute", "60 per minute"),
}


class EventLimiter:
    """Decide whether one more event of a kind from a person is allowed now."""

    def __init__(self, storage_uri: str, *, enabled: bool,
                 overrides: Mapping[str, tuple[str, str]] | None = None):
        self.enabled = enabled
        table = {**DEFAULT_LIMITS, **(overrides or {})}
        self._items = {event: (parse(trainee), parse(staff))
                       for event, (trainee, staff) in table.items()}
        self._strategy = MovingWindowRateLimiter(storage_from_string(storage_uri))

    def allow(self, event: str, user_id: int, *, is_staff: bool) -> bool:
        """Count one event and return False when the person is over the limit."""
        if not self.enabled:
            return True
        items = self._items.get(event, self._items["*"])
        item = items[1] if is_staff else items[0]
        return self._strategy.hit(item, "live", event, str(user_id))

    def reset(self) -> None:
        """Forget every count (tests and the benchmark's fresh runs)."""
        self._strategy.storage.reset()
