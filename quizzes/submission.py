"""The final submission of an attempt on its hot path: a whole class submits at once.

Autosave has already stored and graded almost every answer, so a submission reads the
attempt (with its quiz's grading settings) and its slots with two Core queries, grades only
the answers that differ from the stored ones, adds up the stored grades, and writes in one
transaction: the changed slots, one UPDATE of the attempt guarded by its state (so it is
finished exactly once), the gradebook grade, and the course completion if this pass was the
last item. No ORM objects are loaded. Anything unusual (not the user's attempt, already
finished, past its deadline) is left to the general path, which says why.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import sqlalchemy as sa

from quizzes.answer_input import fields_by_position, parse_slots, refuse_problems
from quizzes.attempt_rules import is_overdue
from courses.completion import note_completion
from quizzes.grading import QuizRef, auto_grade, other_attempts, totals_of, write_quiz_grade
from quizzes.models import AttemptSlot, Quiz, QuizAttempt
from quizzes.review import UNANSWERED
from lms.extensions import db

ATTEMPTS, SLOTS, QUIZZES = QuizAttempt.__table__, AttemptSlot.__table__, Quiz.__table__
_HEAD = (sa.select(ATTEMPTS.c.user_id, ATTEMPTS.c.state, ATTEMPTS.c.deadline,
                   ATTEMPTS.c.last_seq, ATTEMPTS.c.number, ATTEMPTS.c.quiz_id,
                   QUIZZES.c.course_id, QUIZZES.c.grading_method, QUIZZES.c.pass_mark)
         .join_from(ATTEMPTS, QUIZZES).where(ATTEMPTS.c.id == sa.bindparam("attempt_id")))
_SLOTS = (sa.select(SLOTS.c.id, SLOTS.c.position, SLOTS.c.snapshot, SLOTS.c.response,
                    SLOTS.c.saved_at, SLOTS.c.fraction, SLOTS.c.grade_state, SLOTS.c.max_mark)
          .where(SLOTS.c.attempt_id == sa.bindparam("attempt_id")))
_ANSWER = sa.update(SLOTS).where(SLOTS.c.id == sa.bindparam("slot_id")).values(
    response=sa.bindparam("new_response", type_=SLOTS.c.response.type),
    saved_seq=sa.bindparam("new_seq"), saved_at=sa.bindparam("new_saved_at",
                                                              type_=SLOTS.c.saved_at.type),
    fraction=sa.bindparam("new_fraction"), grade_state=sa.bindparam("new_state"),
    auto_feedback=sa.bindparam("new_feedback", type_=SLOTS.c.auto_feedback.type))
_UNANSWERED = sa.update(SLOTS).where(SLOTS.c.id == sa.bindparam("slot_id")).values(
    fraction=0.0, grade_state=UNANSWERED)
_FINISH = sa.update(ATTEMPTS).where(
    ATTEMPTS.c.id == sa.bindparam("attempt_id"), ATTEMPTS.c.state == "in_progress").values(
    {name: sa.bindparam(f"new_{name}", type_=ATTEMPTS.c[name].type) for name in (
        "state", "finished_by", "submitted_at", "mark", "max_mark", "needs_grading",
        "percent")})


def submit_final(attempt_id: int, *, user_id: int, now: datetime, form=None,
                 based_on: int | None = None,
                 slots: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
                 grace_seconds: int) -> bool | None:
    """Submit the user's attempt in progress with its final answers; commit.

    Returns True when submitted, False when the guarded UPDATE found it already finished
    (rolled back), None when the attempt needs the general path (nothing done).
    """
    conn = db.session.connection()
    head = conn.execute(_HEAD, {"attempt_id": attempt_id}).first()
    if (head is None or head.user_id != user_id or head.state != "in_progress"
            or is_overdue(now, head.deadline, grace_seconds=grace_seconds)):
        return None
    rows = conn.execute(_SLOTS, {"attempt_id": attempt_id}).all()
    if form is not None and based_on is not None and based_on >= head.last_seq:
        slots = fields_by_position([row.position for row in rows], form)
    answers = _changed_answers(rows, slots or {}, head.last_seq, now)
    marks = _final_marks(rows, answers)
    values = {"state": "submitted", "finished_by": "trainee", "submitted_at": now,
              **totals_of([mark for mark, _ in marks.values()])}
    earlier = other_attempts(head.quiz_id, user_id, attempt_id) if head.number > 1 else []
    _write_slots(answers, [slot_id for slot_id, (_, fix) in marks.items() if fix])
    finish = {"attempt_id": attempt_id, **{f"new_{k}": v for k, v in values.items()}}
    if conn.execute(_FINISH, finish).rowcount != 1:
        db.session.rollback()
        return False
    quiz = QuizRef(head.quiz_id, head.course_id, head.grading_method, head.pass_mark)
    mine = (head.number, values["percent"], values["needs_grading"])
    if write_quiz_grade(quiz, user_id, sorted([*earlier, mine])):
        note_completion(head.course_id, user_id)
    db.session.commit()
    return True


def _changed_answers(rows, posted: Mapping, seq: int, now: datetime) -> dict[int, dict]:
    """Parse and grade the posted answers that differ from the stored ones, by slot id."""
    updates, problems = parse_slots(rows, posted, changed_only=True)
    refuse_problems(problems)
    answers = {}
    for row, raw, spec, parsed in updates:
        fraction, state, feedback = auto_grade(row.snapshot["type"], spec, parsed)
        answers[row.id] = {"slot_id": row.id, "new_response": raw, "new_seq": seq,
                           "new_saved_at": now, "new_fraction": fraction,
                           "new_state": state, "new_feedback": feedback}
    return answers


def _final_marks(rows, answers: Mapping[int, dict]) -> dict[int, tuple[tuple, bool]]:
    """Return, by slot id, (fraction, state, max mark) as submitted and whether an
    unanswered slot's stored grade must be set to zero."""
    marks = {}
    for row in rows:
        answer = answers.get(row.id)
        response = answer["new_response"] if answer else row.response
        fraction = answer["new_fraction"] if answer else row.fraction
        state = answer["new_state"] if answer else row.grade_state
        fix = False
        if response is None:
            fix = (fraction, state) != (0.0, UNANSWERED)
            fraction, state = 0.0, UNANSWERED
        marks[row.id] = ((fraction, state, row.max_mark), fix)
    return marks


def _write_slots(answers: Mapping[int, dict], unanswered: list[int]) -> None:
    """Store the changed answers, then zero the grades of the unanswered slots."""
    conn = db.session.connection()
    if answers:
        conn.execute(_ANSWER, list(answers.values()))
    if unanswered:
        conn.execute(_UNANSWERED, [{"slot_id": slot_id} for slot_id in unanswered])
