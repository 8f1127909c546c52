"""iCalendar (RFC 5545) files for live sessions: pure text building, no Flask, no database."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

PRODID = "-//Union Cadre LMS//Live sessions//VI"


@dataclass(frozen=True)
class CalendarEvent:
    """One event of a calendar file; times are aware datetimes."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    url: str = ""
    location: str = ""
    sequence: int = 0
    cancelled: bool = False
    stamp: datetime | None = None


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not parts else 74  # continuation lines start with one space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def format_utc(value: datetime) -> str:
    """Write an aware datetime as a UTC DATE-TIME (``20261201T013000Z``)."""
    if value.tzinfo is None:
        raise ValueError("calendar times must be timezone-aware")
    return value.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: CalendarEvent, stamp: datetime) -> list[str]:
    """Return the content lines of one VEVENT."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{format_utc(event.stamp or stamp)}",
        f"DTSTART:{format_utc(event.starts_at)}",
        f"DTEND:{format_utc(event.ends_at)}",
        f"SEQUENCE:{event.sequence}",
        f"SUMMARY:{escape_text(event.summary)}",
        "STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def build_calendar(events: Iterable[CalendarEvent], *, name: str, stamp: datetime) -> str:
    """Return a whole VCALENDAR with CRLF line ends and folded lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}",
             "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"]
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
