"""Polls: one open at a time, single or multiple choice, maybe anonymous; close and publish."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from lms.errors import ConflictError, NotFoundError
from lms.extensions import db
from lms.live.models import LiveSession, Poll, PollVote
from lms.live.room import iso
from lms.live.state import require_lead, require_live, row_in_room
from lms.models import User
from lms.timeutil import utcnow

MAX_OPTIONS = 10


def poll_view(poll: Poll) -> dict:
    """Return a poll as everyone sees it (no results unless published)."""
    return {"id": poll.id, "question": poll.question, "options": list(poll.options),
            "multiple": poll.is_multiple, "anonymous": poll.is_anonymous, "state": poll.state,
            "published": poll.is_published, "at": iso(poll.opened_at)}


def results(poll: Poll) -> dict:
    """Return the counts per option and how many answered."""
    counts = [0] * len(poll.options)
    voters = 0
    for choices in db.session.scalars(sa.select(PollVote.choices).where(
            PollVote.poll_id == poll.id)):
        voters += 1
        for index in choices:
            if 0 <= index < len(counts):
                counts[index] += 1
    return {"poll": poll.id, "counts": counts, "voters": voters}


def create_poll(*, live_session: LiveSession, actor: User, role: str, question: str,
                options: list[str], multiple: bool, anonymous: bool) -> dict:
    """Open a new poll; the previous open poll is closed first."""
    require_lead(role)
    require_live(live_session)
    if len(options) < 2 or len(options) > MAX_OPTIONS:
        raise ConflictError(_l("A poll needs from 2 to 10 options."))
    now = utcnow()
    db.session.execute(sa.update(Poll).where(Poll.session_id == live_session.id,
                                             Poll.state == "open")
                       .values(state="closed", closed_at=now))
    poll = Poll(session_id=live_session.id, question=question, options=options,
                is_multiple=multiple, is_anonymous=anonymous, created_by_id=actor.id,
                opened_at=now)
    db.session.add(poll)
    db.session.flush()
    view = poll_view(poll)
    db.session.commit()
    return view


def _poll(live_session: LiveSession, poll_id: int) -> Poll:
    """Return a poll of this room or raise NotFoundError."""
    return row_in_room(Poll, live_session, poll_id, _l("This poll does not exist."))


def get_poll(poll_id: int) -> Poll:
    """Return a poll by id or raise NotFoundError."""
    poll = db.session.get(Poll, poll_id)
    if poll is None:
        raise NotFoundError(_l("This poll does not exist."))
    return poll


def vote(*, live_session: LiveSession, user: User, poll_id: int,
         choices: list[int]) -> tuple[list[int], bool]:
    """Record a person's answer once; return (their choices, whether it is new)."""
    require_live(live_session)
    poll = _poll(live_session, poll_id)
    if poll.state != "open":
        raise ConflictError(_l("This poll is closed."))
    if any(index >= len(poll.options) for index in choices) or not choices:
        raise ConflictError(_l("Choose one of the options shown."))
    if not poll.is_multiple and len(choices) != 1:
        raise ConflictError(_l("Choose exactly one option."))
    existing = my_choices(poll.id, user.id)
    if existing is not None:
        return existing, False
    db.session.add(PollVote(poll_id=poll.id, user_id=user.id, choices=sorted(choices),
                            created_at=utcnow()))
    try:
        db.session.commit()
    except IntegrityError:  # the same answer arrived twice at once
        db.session.rollback()
        return my_choices(poll_id, user.id) or [], False
    return sorted(choices), True


def my_choices(poll_id: int, user_id: int) -> list[int] | None:
    """Return what a person answered to a poll, or None."""
    return db.session.scalar(sa.select(PollVote.choices).where(
        PollVote.poll_id == poll_id, PollVote.user_id == user_id))


def close_poll(*, live_session: LiveSession, role: str, poll_id: int) -> tuple[dict, dict]:
    """Stop taking answers; return the poll and its final results."""
    require_lead(role)
    poll = _poll(live_session, poll_id)
    if poll.state == "open":
        poll.state, poll.closed_at = "closed", utcnow()
    view, counts = poll_view(poll), results(poll)
    db.session.commit()
    return view, counts


def publish_poll(*, live_session: LiveSession, role: str, poll_id: int) -> tuple[dict, dict]:
    """Show a poll's results to the whole room (closing it if still open)."""
    require_lead(role)
    poll = _poll(live_session, poll_id)
    if poll.state == "open":
        poll.state, poll.closed_at = "closed", utcnow()
    poll.is_published = True
    view, counts = poll_view(poll), results(poll)
    db.session.commit()
    return view, counts


def current_poll(session_id: int, user_id: int, *, is_lead: bool) -> dict | None:
    """Return the latest poll with the person's answer and, when allowed, its results."""
    poll = db.session.scalar(sa.select(Poll).where(Poll.session_id == session_id)
                             .order_by(Poll.id.desc()).limit(1))
    if poll is None:
        return None
    state = {"poll": poll_view(poll), "mine": my_choices(poll.id, user_id)}
    if is_lead or poll.is_published:
        state["results"] = results(poll)
    return state
