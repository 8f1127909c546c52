"""Attendance arithmetic: join/leave intervals to minutes present and the X% rule (pure).

A person may have several connections at once (two tabs, a phone and a laptop) and many
short ones on a bad network; overlapping intervals are merged before they are counted, and
only the part inside the session's window counts.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

# A connection whose serving process stopped refreshing it is taken to have ended at its last
# refresh once it is this old (the refresh runs every minute).
STALE_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class Window:
    """The part of time that counts: the session from its opening to its end."""

    start: datetime
    end: datetime

    @property
    def seconds(self) -> int:
        """Return the window's length in whole seconds (never negative)."""
        return max(0, int((self.end - self.start).total_seconds()))


def interval_end(left_at: datetime | None, last_seen_at: datetime, now: datetime) -> datetime:
    """Return when a connection ended: its leave time, now if still fresh, else last refresh."""
    if left_at is not None:
        return left_at
    return now if now - last_seen_at <= STALE_AFTER else last_seen_at


def merge(intervals: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Return the union of intervals as sorted, non-overlapping intervals."""
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def seconds_present(intervals: Iterable[tuple[datetime, datetime]], window: Window) -> int:
    """Return the seconds covered by the intervals inside the window, overlaps counted once."""
    clipped = ((max(start, window.start), min(end, window.end)) for start, end in intervals)
    return int(sum((end - start).total_seconds() for start, end in merge(clipped)))


def is_present(seconds: int, window: Window, percent: int) -> bool:
    """Apply the rule: present when at least ``percent`` % of the window was covered."""
    if window.seconds == 0:
        return seconds > 0
    return seconds * 100 >= percent * window.seconds


def percent_of(seconds: int, window: Window) -> int:
    """Return the share of the window covered, in whole percent (rounded down)."""
    if window.seconds == 0:
        return 0
    return min(100, seconds * 100 // window.seconds)
