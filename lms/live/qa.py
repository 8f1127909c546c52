"""Q&A: trainees ask, others upvote, lecturers mark answered or remove; raise-hand queue."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from lms.errors import ConflictError, NotFoundError, PermissionDenied
from lms.extensions import db
from lms.live.access import LEAD
from lms.live.chat import is_muted
from lms.live.models import Hand, LiveSession, QaQuestion, QaVote
from lms.live.room import iso
from lms.live.state import require_lead, require_live, row_in_room
from lms.models import User
from lms.timeutil import utcnow

HANDS_NAMED = 50


def question_view(question: QaQuestion, author: User) -> dict:
    """Return a Q&A question as the protocol sends it."""
    return {"id": question.id, "body": question.body,
            "author": {"id": author.id, "name": author.full_name},
            "at": iso(question.created_at), "votes": question.vote_count,
            "answered": question.answered_at is not None}


def ask(*, live_session: LiveSession, user: User, role: str, body: str,
        client_id: str | None) -> tuple[dict, bool]:
    """Add a question to the Q&A; a re-sent ``client_id`` is stored once."""
    require_live(live_session)
    if role != LEAD and is_muted(live_session.id, user.id):
        raise PermissionDenied(_l("A lecturer has muted you in this room."))
    if client_id:
        existing = db.session.scalar(sa.select(QaQuestion).where(
            QaQuestion.session_id == live_session.id, QaQuestion.user_id == user.id,
            QaQuestion.client_id == client_id))
        if existing is not None:
            return question_view(existing, user), False
    question = QaQuestion(session_id=live_session.id, user_id=user.id, body=body,
                          client_id=client_id, created_at=utcnow())
    db.session.add(question)
    db.session.flush()
    view = question_view(question, user)
    db.session.commit()
    return view, True


def _question(live_session: LiveSession, question_id: int) -> QaQuestion:
    """Return a visible question of this room or raise NotFoundError."""
    question = row_in_room(QaQuestion, live_session, question_id,
                           _l("This question does not exist."))
    if question.deleted_at:
        raise NotFoundError(_l("This question does not exist."))
    return question


def upvote(*, live_session: LiveSession, user: User, question_id: int, up: bool) -> dict:
    """Add (or take back) this person's upvote; one per person, not on one's own question."""
    require_live(live_session)
    question = _question(live_session, question_id)
    if question.user_id == user.id:
        raise ConflictError(_l("You cannot upvote your own question."))
    vote = db.session.get(QaVote, (question.id, user.id))
    if up and vote is None:
        db.session.add(QaVote(question_id=question.id, user_id=user.id))
    elif not up and vote is not None:
        db.session.delete(vote)
    try:
        db.session.flush()
    except IntegrityError:  # the same vote arrived twice at once: it counts once
        db.session.rollback()
        question = _question(live_session, question_id)
    question.vote_count = db.session.scalar(sa.select(sa.func.count()).select_from(QaVote)
                                            .where(QaVote.question_id == question.id))
    view = question_view(question, question.user)
    db.session.commit()
    return view


def mark_answered(*, live_session: LiveSession, role: str, question_id: int,
                  answered: bool) -> dict:
    """Mark a question answered (or not yet)."""
    require_lead(role)
    question = _question(live_session, question_id)
    question.answered_at = (question.answered_at or utcnow()) if answered else None
    view = question_view(question, question.user)
    db.session.commit()
    return view


def remove(*, live_session: LiveSession, user: User, role: str, question_id: int) -> int:
    """Hide a question: lecturers any, trainees their own (it stays in the record)."""
    question = _question(live_session, question_id)
    if role != LEAD and question.user_id != user.id:
        raise PermissionDenied(_l("You can only withdraw your own question."))
    question.deleted_at = utcnow()
    db.session.commit()
    return question_id


def questions_by_id(session_id: int, ids: list[int]) -> list[dict]:
    """Return the visible questions of a room with the given ids."""
    rows = db.session.execute(
        sa.select(QaQuestion, User).join(User, User.id == QaQuestion.user_id)
        .where(QaQuestion.session_id == session_id, QaQuestion.id.in_(ids),
               QaQuestion.deleted_at.is_(None)).order_by(QaQuestion.id)).all()
    return [question_view(question, author) for question, author in rows]


def questions(session_id: int) -> list[dict]:
    """Return the visible questions of a room, oldest first."""
    rows = db.session.execute(
        sa.select(QaQuestion, User).join(User, User.id == QaQuestion.user_id)
        .where(QaQuestion.session_id == session_id, QaQuestion.deleted_at.is_(None))
        .order_by(QaQuestion.id)).all()
    return [question_view(question, author) for question, author in rows]


def my_votes(session_id: int, user_id: int) -> list[int]:
    """Return the ids of the questions this person has upvoted."""
    return list(db.session.scalars(
        sa.select(QaVote.question_id).join(QaQuestion).where(
            QaQuestion.session_id == session_id, QaVote.user_id == user_id)))


def raise_hand(*, live_session: LiveSession, user: User) -> bool:
    """Put this person in the hand queue; return False when the hand was already up."""
    require_live(live_session)
    db.session.add(Hand(session_id=live_session.id, user_id=user.id, raised_at=utcnow()))
    try:
        db.session.commit()
    except IntegrityError:  # the partial unique index: one open hand per person
        db.session.rollback()
        return False
    return True


def lower_hand(*, live_session: LiveSession, actor: User, role: str,
               user_id: int | None) -> bool:
    """Lower a hand: one's own, or anyone's (or everyone's with None) for lecturers."""
    if user_id is not None and user_id != actor.id:
        require_lead(role)
    elif user_id is None and role != LEAD:
        user_id = actor.id
    conditions = [Hand.session_id == live_session.id, Hand.lowered_at.is_(None)]
    if user_id is not None:
        conditions.append(Hand.user_id == user_id)
    result = db.session.execute(sa.update(Hand).where(*conditions).values(
        lowered_at=utcnow(), lowered_by_id=actor.id))
    db.session.commit()
    return result.rowcount > 0


def hand_queue(session_id: int) -> dict:
    """Return the raised hands in the order they went up: the first ones named, all counted.

    ``ids`` lists every raised hand's person in order, so anyone can find their own place
    even when the queue is longer than what is named.
    """
    ids = list(db.session.scalars(
        sa.select(Hand.user_id).where(Hand.session_id == session_id, Hand.lowered_at.is_(None))
        .order_by(Hand.raised_at, Hand.id)))
    rows = db.session.execute(
        sa.select(Hand.raised_at, User.id, User.full_name).join(User, User.id == Hand.user_id)
        .where(Hand.session_id == session_id, Hand.lowered_at.is_(None))
        .order_by(Hand.raised_at, Hand.id).limit(HANDS_NAMED)).all()
    return {"queue": [{"user": {"id": uid, "name": name}, "at": iso(at)}
                      for at, uid, name in rows], "count": len(ids), "ids": ids}
