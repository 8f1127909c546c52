"""CSV exports of a session's record (UTF-8 with BOM so spreadsheet programs read Vietnamese)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from lms.live import record, record_content
from lms.live.models import LiveSession

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
TABLES = ("attendance", "chat", "qa", "polls", "quiz")
# A cell starting with one of these would run as a formula in a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """Return a safe CSV cell: local times, yes/no, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M:%S")
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """Return a CSV document with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return "\ufeff" + out.getvalue()


def attendance_csv(live_session: LiveSession) -> str:
    """Return attendance and activity per person."""
    header = [_("Name"), _("Email"), _("Unit"), _("Role"), _("First joined"), _("Last left"),
              _("Connections"), _("Minutes present"), _("% of session"), _("Present"),
              _("Chat messages"), _("Questions asked"), _("Upvotes given"), _("Hands raised"),
              _("Poll answers"), _("Quiz answers"), _("Quiz points")]
    rows = [(r.name, r.email, r.unit, _("lecturer") if r.role == "lead" else _("trainee"),
             r.first_join, r.last_leave, r.connections, r.minutes, r.percent, r.present,
             r.messages, r.questions, r.upvotes, r.hands, r.poll_answers, r.quiz_answers,
             r.quiz_points) for r in record.attendance(live_session)]
    return to_csv(header, rows)


def chat_csv(live_session: LiveSession) -> str:
    """Return the chat transcript, group chats and deleted lines included."""
    header = [_("Time"), _("Author"), _("Group"), _("Message"), _("Deleted at"),
              _("Deleted by")]
    rows = [(line.at, line.author, line.group, line.body, line.deleted_at, line.deleted_by)
            for line in record_content.transcript(live_session.id)]
    return to_csv(header, rows)


def qa_csv(live_session: LiveSession) -> str:
    """Return the Q&A questions with votes and state."""
    header = [_("Time"), _("Author"), _("Question"), _("Upvotes"), _("Answered at"),
              _("Withdrawn at")]
    rows = [(q.created_at, author, q.body, q.vote_count, q.answered_at, q.deleted_at)
            for q, author in record_content.questions(live_session.id)]
    return to_csv(header, rows)


def polls_csv(live_session: LiveSession) -> str:
    """Return each poll option's count (one row per option)."""
    header = [_("Poll"), _("Anonymous"), _("Option"), _("Answers"), _("Answered by")]
    rows = []
    for entry in record_content.polls(live_session.id):
        poll = entry["poll"]
        for index, option in enumerate(poll.options):
            names = [name for name, picked in entry["answers"] if option in picked]
            rows.append((poll.question, poll.is_anonymous, option,
                         entry["results"]["counts"][index], "; ".join(names)))
    return to_csv(header, rows)


def quiz_csv(live_session: LiveSession) -> str:
    """Return every live answer with its time, correctness and points."""
    header = [_("Question"), _("Kind"), _("Name"), _("Answered after (s)"), _("Correct"),
              _("Points")]
    rows = []
    for entry in record_content.quiz(live_session.id)["items"]:
        item = entry["item"]
        for answer, name in entry["answers"]:
            rows.append((item.title, item.kind, name, round(answer.elapsed_ms / 1000, 1),
                         answer.is_correct, answer.points))
    return to_csv(header, rows)


def export(live_session: LiveSession, table: str) -> str:
    """Return one table of the record as CSV."""
    return {"attendance": attendance_csv, "chat": chat_csv, "qa": qa_csv, "polls": polls_csv,
            "quiz": quiz_csv}[table](live_session)
