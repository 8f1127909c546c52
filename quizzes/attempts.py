"""Quiz attempts that lose nothing: start, autosave (idempotent), submit, finalise overdue.

Every save carries a sequence number; the attempt remembers the last one committed, and a
save whose number is not above it changes nothing (a replay after a lost reply, or a stale
request overtaken by a newer one). The deadline is stored with the attempt and checked on
every save and submit; ``finalise_overdue`` closes attempts whose deadline passed with no
browser connected, following the quiz's overdue policy.
"""
from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from courses.access import can_study, can_teach
from lms.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from quizzes import bank
from quizzes.answer_input import fields_by_position, parse_slots, refuse_problems
from quizzes.attempt_rules import (
    DrawError, attempt_deadline, draw_questions, is_overdue, shuffled, sub_seed,
)
from quizzes.convert import refs_of
from quizzes.grading import complete_if_passed, finish_attempt, grade_slot
from quizzes.models import AttemptSlot, Question, Quiz, QuizAttempt
from quizzes.submission import submit_final

GRACE_SECONDS = 10  # answers still in transit when the timer runs out are accepted


class ReplayedSave(ConflictError):
    """A save whose sequence number was already committed; nothing was changed."""

    def __init__(self, last_seq: int):
        super().__init__(_l("These answers were already saved."))
        self.last_seq = last_seq


class AttemptClosed(ConflictError):
    """The attempt is no longer in progress (submitted, closed, or just finalised)."""

    def __init__(self, message, attempt_id: int):
        super().__init__(message)
        self.attempt_id = attempt_id


@dataclass(frozen=True)
class SaveResult:
    """What a save stored: its sequence number, when, and the answers refused (by position)."""

    seq: int
    saved_at: datetime
    problems: Mapping[int, str] = field(default_factory=dict)
    saved_positions: tuple[int, ...] = ()


def get_quiz(quiz_id: int) -> Quiz:
    """Return a quiz or raise NotFoundError."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None:
        raise NotFoundError(_l("This quiz does not exist."))
    return quiz


def may_take(user, quiz: Quiz) -> bool:
    """Tell whether ``user`` may open and attempt ``quiz``."""
    if can_teach(user, quiz.course):
        return True
    return quiz.is_published and can_study(user, quiz.course)


def owned_attempt(attempt_id: int, user_id: int) -> QuizAttempt:
    """Return the user's own attempt; someone else's looks exactly like a missing one.

    Its questions and quiz come in the same round trip: every save and submit needs them.
    """
    attempt = db.session.get(QuizAttempt, attempt_id, options=[
        selectinload(QuizAttempt.slots), joinedload(QuizAttempt.quiz)])
    if attempt is None or attempt.user_id != user_id:
        raise NotFoundError(_l("This attempt does not exist."))
    return attempt


def in_progress_attempt(quiz_id: int, user_id: int) -> QuizAttempt | None:
    """Return the user's unfinished attempt at a quiz, if any."""
    return db.session.scalar(sa.select(QuizAttempt).where(
        QuizAttempt.quiz_id == quiz_id, QuizAttempt.user_id == user_id,
        QuizAttempt.state == "in_progress"))


def start_attempt(quiz_id: int, *, user, now: datetime,
                  grace_seconds: int = GRACE_SECONDS) -> QuizAttempt:
    """Return the user's attempt in progress, or start a new one if the rules allow."""
    quiz = get_quiz(quiz_id)
    if not may_take(user, quiz):
        raise PermissionDenied(_l("You are not enrolled in this course."))
    current = in_progress_attempt(quiz.id, user.id)
    if current is not None and not is_overdue(now, current.deadline, grace_seconds=grace_seconds):
        return current
    if current is not None:
        finish_attempt(current, now=now, by="timer")
        db.session.commit()
    _check_may_start(quiz, user.id, now)
    attempt = _new_attempt(quiz, user.id, now)
    try:
        db.session.commit()
    except IntegrityError:  # a double click started the same attempt number twice
        db.session.rollback()
        attempt = in_progress_attempt(quiz.id, user.id)
        if attempt is None:
            raise ConflictError(_l("Please try again.")) from None
    return attempt


def _check_may_start(quiz: Quiz, user_id: int, now: datetime) -> None:
    """Refuse a new attempt outside the quiz's window or past the attempts allowed."""
    if quiz.opens_at is not None and now < quiz.opens_at:
        raise ConflictError(_l("This quiz is not open yet."))
    if quiz.closes_at is not None and now >= quiz.closes_at:
        raise ConflictError(_l("This quiz is closed."))
    if quiz.attempts_allowed and attempts_used(quiz.id, user_id) >= quiz.attempts_allowed:
        raise ConflictError(_l("You have used all the attempts allowed for this quiz."))


def attempts_used(quiz_id: int, user_id: int) -> int:
    """Return how many attempts the user has started at a quiz."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(QuizAttempt).where(
        QuizAttempt.quiz_id == quiz_id, QuizAttempt.user_id == user_id)) or 0


def _new_attempt(quiz: Quiz, user_id: int, now: datetime) -> QuizAttempt:
    """Draw and order the questions, snapshot them, and add the attempt to the session."""
    seed = secrets.randbits(62)
    try:
        drawn = draw_questions(refs_of(quiz), bank.questions_by_category(quiz.course_id),
                               seed=seed)
    except DrawError as error:
        raise ValidationError(str(error)) from None
    if quiz.shuffle_questions:
        drawn = shuffled(drawn, sub_seed(seed, "questions"))
    rows = {q.slug: q for q in db.session.scalars(sa.select(Question).where(
        Question.course_id == quiz.course_id, Question.slug.in_([s for s, _ in drawn])))}
    if len(rows) != len(drawn):
        raise ValidationError(_l("This quiz refers to questions that are no longer in the bank."))
    number = (db.session.scalar(sa.select(sa.func.max(QuizAttempt.number)).where(
        QuizAttempt.quiz_id == quiz.id, QuizAttempt.user_id == user_id)) or 0) + 1
    attempt = QuizAttempt(
        quiz_id=quiz.id, user_id=user_id, number=number, seed=seed, started_at=now,
        deadline=attempt_deadline(started_at=now, time_limit_minutes=quiz.time_limit_minutes,
                                  closes_at=quiz.closes_at))
    attempt.slots = [AttemptSlot(position=position, question_id=rows[slug].id,
                                 question_slug=slug, snapshot=bank.snapshot(rows[slug]),
                                 max_mark=points if points is not None else rows[slug].points)
                     for position, (slug, points) in enumerate(drawn, start=1)]
    attempt.max_mark = sum(slot.max_mark for slot in attempt.slots)
    db.session.add(attempt)
    return attempt


def _ensure_open(attempt: QuizAttempt, now: datetime, grace_seconds: int) -> None:
    """Refuse changes to a finished attempt; finish one whose deadline has passed."""
    if attempt.state != "in_progress":
        raise AttemptClosed(_l("This attempt is already finished; nothing was changed."),
                            attempt.id)
    if is_overdue(now, attempt.deadline, grace_seconds=grace_seconds):
        if finish_attempt(attempt, now=now, by="timer"):
            db.session.commit()
            complete_if_passed(attempt.quiz, attempt.user_id)
        else:
            db.session.rollback()
        if attempt.state == "submitted":
            raise AttemptClosed(_l("Time is up. Your attempt was submitted with the answers "
                                   "saved before the deadline."), attempt.id)
        raise AttemptClosed(_l("Time is up. This attempt was closed without a grade."),
                            attempt.id)


def _claim_seq(attempt_id: int, seq: int, now: datetime) -> bool:
    """Record ``seq`` as the attempt's last save unless a save at least as new exists."""
    table = QuizAttempt.__table__
    result = db.session.connection().execute(
        sa.update(table).where(table.c.id == attempt_id, table.c.state == "in_progress",
                               table.c.last_seq < seq).values(last_seq=seq, saved_at=now))
    return result.rowcount == 1


def _store(updates, seq: int, now: datetime) -> None:
    """Write the parsed answers and their automatic grades into their slots.

    An answer equal to the one stored is left alone (the final submission usually repeats
    what autosave already stored), so it costs no write.
    """
    for slot, raw, spec, parsed in updates:
        if raw == slot.response and slot.saved_at is not None:
            continue
        slot.response = raw
        slot.saved_seq = seq
        slot.saved_at = now
        grade_slot(slot, spec, parsed)


def save_responses(attempt_id: int, *, user_id: int, seq: int,
                   slots: Mapping[str, Mapping[str, Sequence[str]]], now: datetime,
                   grace_seconds: int = GRACE_SECONDS) -> SaveResult:
    """Save answers of an attempt in progress, once per sequence number; commit."""
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 < seq < 2**31:
        raise ValidationError(_l("The save number is missing or not valid."))
    attempt = owned_attempt(attempt_id, user_id)
    _ensure_open(attempt, now, grace_seconds)
    if seq <= attempt.last_seq:
        raise ReplayedSave(attempt.last_seq)
    updates, problems = parse_slots(attempt.slots, slots)
    if not _claim_seq(attempt.id, seq, now):
        db.session.rollback()
        attempt = owned_attempt(attempt_id, user_id)
        _ensure_open(attempt, now, grace_seconds)
        raise ReplayedSave(attempt.last_seq)
    _store(updates, seq, now)
    db.session.commit()
    return SaveResult(seq, now, problems, tuple(slot.position for slot, *_ in updates))


def submit_attempt(attempt_id: int, *, user_id: int, now: datetime, form=None,
                   based_on: int | None = None,
                   slots: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
                   grace_seconds: int = GRACE_SECONDS) -> None:
    """Save the final answers (if given) and submit the attempt for grading; commit.

    ``form`` (a posted form) counts only when ``based_on`` shows the page saw the latest
    save: a stale window must not overwrite answers saved since it was opened. The usual
    case takes the lean path of ``quizzes.submission``; the rest (someone else's or a
    finished attempt, a deadline passed) comes here to be refused or finished by the timer.
    """
    submitted = submit_final(attempt_id, user_id=user_id, now=now, form=form,
                             based_on=based_on, slots=slots, grace_seconds=grace_seconds)
    if submitted is None:
        submitted = _submit_general(attempt_id, user_id=user_id, now=now, form=form,
                                    based_on=based_on, slots=slots,
                                    grace_seconds=grace_seconds)
    if not submitted:
        raise AttemptClosed(_l("This attempt is already finished; nothing was changed."),
                            attempt_id)


def _submit_general(attempt_id: int, *, user_id: int, now: datetime, form, based_on,
                    slots, grace_seconds: int) -> bool:
    """Submit through the ORM, refusing what the lean path left alone; tell if submitted."""
    attempt = owned_attempt(attempt_id, user_id)
    _ensure_open(attempt, now, grace_seconds)
    if form is not None and based_on is not None and based_on >= attempt.last_seq:
        slots = fields_by_position([slot.position for slot in attempt.slots], form)
    if slots:
        updates, problems = parse_slots(attempt.slots, slots, changed_only=True)
        refuse_problems(problems)
        _store(updates, attempt.last_seq, now)
    if not finish_attempt(attempt, now=now, by="trainee"):
        db.session.rollback()
        return False
    db.session.commit()
    complete_if_passed(attempt.quiz, user_id)
    return True


def overdue_attempt_ids(now: datetime, grace_seconds: int = GRACE_SECONDS,
                        limit: int = 500) -> list[int]:
    """Return ids of attempts in progress whose deadline (plus grace) has passed."""
    cutoff = now - timedelta(seconds=grace_seconds)
    return list(db.session.scalars(
        sa.select(QuizAttempt.id).where(QuizAttempt.state == "in_progress",
                                        QuizAttempt.deadline.is_not(None),
                                        QuizAttempt.deadline < cutoff)
        .order_by(QuizAttempt.deadline).limit(limit)))


def finalise_overdue(*, now: datetime, grace_seconds: int = GRACE_SECONDS) -> int:
    """Finish every overdue attempt by its quiz's policy; return how many were finished."""
    finished = 0
    while ids := overdue_attempt_ids(now, grace_seconds):
        for attempt_id in ids:
            attempt = db.session.get(QuizAttempt, attempt_id)
            if attempt is not None and finish_attempt(attempt, now=now, by="timer"):
                finished += 1
                db.session.commit()
                complete_if_passed(attempt.quiz, attempt.user_id)
            else:  # finished meanwhile by a submit or another process
                db.session.rollback()
    return finished


def finish_if_overdue(attempt: QuizAttempt, *, now: datetime,
                      grace_seconds: int = GRACE_SECONDS) -> bool:
    """Finish an attempt in progress whose deadline has passed; commit; tell if it did."""
    if attempt.state != "in_progress" or not is_overdue(now, attempt.deadline,
                                                        grace_seconds=grace_seconds):
        return False
    finished = finish_attempt(attempt, now=now, by="timer")
    if finished:
        db.session.commit()
        complete_if_passed(attempt.quiz, attempt.user_id)
    else:
        db.session.rollback()
    return finished
