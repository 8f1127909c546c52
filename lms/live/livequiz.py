"""The live quiz: push an item with a timer, take each answer once, close, score, rank.

Points are Kahoot's (``quizzes.live_scoring``): speed-weighted for a correct answer plus a
streak bonus; a partly right answer earns that share of the speed points without streak.
The server clock decides: an answer is taken until ``closes_at`` plus a short grace for the
network, and refused after that with a clear message.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from lms.errors import ConflictError, PermissionDenied
from lms.extensions import db
from lms.live import quiz_source
from lms.live.access import LEAD
from lms.live.activity_models import QuizAnswer, QuizItem
from lms.live.models import LiveSession
from lms.live.quizgrading import distribution, grade, question_payload, reveal
from lms.live.room import iso
from lms.live.state import require_lead, require_live, row_in_room
from lms.models import User
from lms.timeutil import utcnow
from quizzes.live_scoring import leaderboard, points_for, ranks

GRACE = timedelta(milliseconds=1500)
MIN_SECONDS, MAX_SECONDS = 5, 300
LEADERBOARD_TOP = 10


@dataclass(frozen=True)
class Closed:
    """A closed item: what the room sees, and each answerer's own result."""

    results: dict
    personal: dict
    just_closed: bool


def item_view(item: QuizItem) -> dict:
    """Return an item as trainees see it (no key, no results)."""
    return {"id": item.id, "kind": item.kind, "title": item.title, "run": item.run_id,
            "seconds": item.time_limit_s, "opened_at": iso(item.opened_at),
            "closes_at": iso(item.closes_at), "state": item.state, **item.public}


def open_item(session_id: int) -> QuizItem | None:
    """Return the item taking answers in this room, if any."""
    return db.session.scalar(sa.select(QuizItem).where(
        QuizItem.session_id == session_id, QuizItem.state == "open"))


def create_item(*, live_session: LiveSession, actor: User, kind: str, source: str, title: str,
                public: dict, key: dict, seconds: int, run_id: int | None = None) -> QuizItem:
    """Add an open item (the caller commits); refuse while another one is open."""
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise ConflictError(_l("The timer must be from 5 to 300 seconds."))
    if open_item(live_session.id) is not None:
        raise ConflictError(_l("Close the current question first."))
    now = utcnow()
    item = QuizItem(session_id=live_session.id, run_id=run_id, kind=kind, source=source,
                    title=title[:300], public=public, key=key, time_limit_s=seconds,
                    opened_at=now, closes_at=now + timedelta(seconds=seconds),
                    created_by_id=actor.id)
    db.session.add(item)
    db.session.flush()
    return item


def push_question(*, live_session: LiveSession, actor: User, role: str, slug: str,
                  seconds: int) -> dict:
    """Push a bank question of the course to the room with a timer."""
    require_lead(role)
    require_live(live_session)
    question = quiz_source.load_question(live_session.course, slug)
    public, key = question_payload(question)
    item = create_item(live_session=live_session, actor=actor, kind="question", source=slug,
                       title=question.title or slug, public=public, key=key, seconds=seconds)
    view = item_view(item)
    db.session.commit()
    return view


def _item(live_session: LiveSession, item_id: int) -> QuizItem:
    """Return an item of this room or raise NotFoundError."""
    return row_in_room(QuizItem, live_session, item_id, _l("This question does not exist."))


def _streak_before(item: QuizItem, user_id: int) -> int:
    """Return the person's run of correct answers on the items just before this one."""
    previous_id = db.session.scalar(sa.select(sa.func.max(QuizItem.id)).where(
        QuizItem.session_id == item.session_id, QuizItem.id < item.id))
    if previous_id is None:
        return 0
    previous = _answer_of(previous_id, user_id)
    return previous.streak if previous is not None and previous.is_correct else 0


def answer(*, live_session: LiveSession, user: User, role: str, item_id: int,
           response: object) -> dict:
    """Record a trainee's answer once; a repeat returns the first; late ones are refused."""
    if role == LEAD:
        raise PermissionDenied(_l("Lecturers do not answer live questions."))
    item = _item(live_session, item_id)
    existing = _answer_of(item.id, user.id)
    if existing is not None:
        return {"item": item.id, "accepted": True, "duplicate": True,
                "response": existing.response}
    require_live(live_session)
    now = utcnow()
    if item.state != "open" or now > item.closes_at + GRACE:
        raise ConflictError(_l("Time is up: this answer was not recorded."))
    graded = grade(item.key, response)
    elapsed = int((now - item.opened_at).total_seconds() * 1000)
    row = QuizAnswer(item_id=item.id, session_id=item.session_id, user_id=user.id,
                     response=graded.response, choice_key=graded.choice_key, received_at=now,
                     elapsed_ms=elapsed, fraction=graded.fraction, is_correct=graded.correct,
                     **_score(item, user.id, graded, elapsed))
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:  # the same answer arrived twice at once: the first one stands
        db.session.rollback()
        return {"item": item_id, "accepted": True, "duplicate": True,
                "response": _answer_of(item_id, user.id).response}
    return {"item": item_id, "accepted": True, "duplicate": False, "response": graded.response}


def _score(item: QuizItem, user_id: int, graded, elapsed: int) -> dict:
    """Return the points and streak of a graded answer."""
    limit = item.time_limit_s * 1000
    streak = _streak_before(item, user_id)
    if graded.correct:
        return {"points": points_for(True, min(elapsed, limit), limit, streak),
                "streak": streak + 1}
    speed = points_for(True, min(elapsed, limit), limit, 0)
    return {"points": int(round(speed * graded.fraction)), "streak": 0}


def _answer_of(item_id: int, user_id: int) -> QuizAnswer | None:
    """Return a person's answer to an item, or None."""
    return db.session.scalar(sa.select(QuizAnswer).where(
        QuizAnswer.item_id == item_id, QuizAnswer.user_id == user_id))


def answer_count(item_id: int) -> int:
    """Return how many answers an item has."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(QuizAnswer).where(
        QuizAnswer.item_id == item_id))


def close(*, live_session: LiveSession, role: str, item_id: int) -> Closed:
    """Stop an item (idempotent); return the room's results and each answerer's own."""
    require_lead(role)
    return close_item(_item(live_session, item_id))


def close_item(item: QuizItem) -> Closed:
    """Close an item now if it is open, compute and keep its results."""
    # A conditional update, so two closers (the timer and the lecturer) announce it once.
    just_closed = db.session.execute(
        sa.update(QuizItem).where(QuizItem.id == item.id, QuizItem.state == "open")
        .values(state="closed", closed_at=utcnow())).rowcount > 0
    db.session.refresh(item)
    answers = list(db.session.execute(
        sa.select(QuizAnswer, User.full_name).join(User, User.id == QuizAnswer.user_id)
        .where(QuizAnswer.item_id == item.id)).all())
    totals = session_totals(item.session_id)
    results = {"item": item.id, "kind": item.kind, "answered": len(answers),
               "distribution": distribution(item.public, item.key,
                                            ((a.choice_key, a.response) for a, _ in answers)),
               "leaderboard": standings(totals), **reveal(item.key)}
    item.results = results
    ranked = ranks(totals)
    personal = {a.user_id: {"item": item.id, "points": a.points, "correct": a.is_correct,
                            "fraction": a.fraction, "streak": a.streak,
                            "total": totals.get(a.user_id, 0),
                            "rank": ranked.get(a.user_id), "of": len(totals)}
                for a, _name in answers}
    db.session.commit()
    return Closed(results, personal, just_closed)


def close_due(session_id: int) -> Closed | None:
    """Close this room's open item if its time (and grace) has passed."""
    item = open_item(session_id)
    if item is None or utcnow() <= item.closes_at + GRACE:
        return None
    return close_item(item)


def session_totals(session_id: int) -> dict:
    """Return each answerer's total points in this room, in order of first answer."""
    rows = db.session.execute(
        sa.select(QuizAnswer.user_id, sa.func.sum(QuizAnswer.points))
        .where(QuizAnswer.session_id == session_id)
        .group_by(QuizAnswer.user_id).order_by(sa.func.min(QuizAnswer.id))).all()
    return {user_id: int(points or 0) for user_id, points in rows}


def standings(totals: dict, *, top: int = LEADERBOARD_TOP) -> list[dict]:
    """Return the leaderboard rows with names."""
    board = leaderboard(totals, top=top)
    names = dict(db.session.execute(sa.select(User.id, User.full_name).where(
        User.id.in_([row.participant for row in board]))).all())
    return [{"rank": row.rank, "user": {"id": row.participant,
                                        "name": names.get(row.participant, "")},
             "points": row.points} for row in board]


def current(session_id: int, user_id: int, *, is_lead: bool) -> dict | None:
    """Return the latest item with the person's answer and, once closed, the results."""
    item = db.session.scalar(sa.select(QuizItem).where(QuizItem.session_id == session_id)
                             .order_by(QuizItem.id.desc()).limit(1))
    if item is None:
        return None
    mine = _answer_of(item.id, user_id)
    state = {"item": item_view(item), "mine": mine.response if mine else None,
             "server_time": iso(utcnow())}
    if item.state == "open" and is_lead:
        state["answered"] = answer_count(item.id)
    if item.state == "closed":
        state["results"] = item.results or close_item(item).results
        if mine is not None:
            totals = session_totals(session_id)
            state["my_result"] = {"item": item.id, "points": mine.points,
                                  "correct": mine.is_correct, "total": totals.get(user_id, 0),
                                  "rank": ranks(totals).get(user_id), "of": len(totals)}
    return state
