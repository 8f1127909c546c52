"""Grading of attempts: automatic grades on save, totals on finish, essays by lecturers.

Every change of an attempt's grade is written through to the course gradebook, where the
quiz grade is the attempts' percents combined by the quiz's grading method.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import set_committed_value

from courses.access import can_teach, taught_course_ids
from lms.audit import record_event
from lms.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from quizzes import bank
from quizzes.attempt_rules import aggregate_grade
from courses.completion import note_completion
from quizzes.gradebook.models import Grade, GradeItem
from quizzes.gradebook.services import ensure_item, write_grade, write_grade_by_key
from quizzes.models import AttemptSlot, Quiz, QuizAttempt
from quizzes.qtypes import NEEDS_GRADING, get_type
from quizzes.qtypes.base import grade_for
from quizzes.review import UNANSWERED, SlotRecord, attempt_marks, percent_of


def auto_grade(qtype: str, spec, parsed) -> tuple[float | None, str, list]:
    """Return (fraction, grade state, feedback) of a parsed response (None: unanswered)."""
    if parsed is None:
        return None, UNANSWERED, []
    grade = get_type(qtype).grade(spec, parsed)
    return grade.fraction, grade.state, list(grade.feedback)


def grade_slot(slot: AttemptSlot, spec, parsed) -> None:
    """Store the automatic grade of a slot's parsed response (None: unanswered)."""
    slot.fraction, slot.grade_state, slot.auto_feedback = auto_grade(
        slot.snapshot["type"], spec, parsed)


def slot_record(slot: AttemptSlot) -> SlotRecord:
    """Return the pure record of a slot (for review and totals)."""
    return SlotRecord(position=slot.position, question=bank.snapshot_question(slot.snapshot),
                      response=slot.response, fraction=slot.fraction,
                      grade_state=slot.grade_state, auto_feedback=tuple(slot.auto_feedback or ()),
                      max_mark=slot.max_mark, grader_comment=slot.grader_comment or "")


def _total(attempt: QuizAttempt) -> None:
    """Recompute an attempt's totals in place (after a lecturer's mark)."""
    for key, value in _totals(attempt).items():
        setattr(attempt, key, value)


def _totals(attempt: QuizAttempt) -> dict:
    """Return an attempt's mark, max mark, percent and whether it waits for a lecturer."""
    return totals_of([(slot.fraction, slot.grade_state, slot.max_mark)
                      for slot in attempt.slots])


def totals_of(marks) -> dict:
    """Return mark, max mark, percent and needs grading from (fraction, state, max mark)."""
    max_mark = round(sum(m for _, _, m in marks), 4)
    waiting = any(state == NEEDS_GRADING for _, state, _ in marks)
    mark = None if waiting else round(sum((f or 0) * m for f, _, m in marks), 4)
    return {"mark": mark, "max_mark": max_mark, "needs_grading": waiting,
            "percent": percent_of(mark, max_mark)}


def finish_attempt(attempt: QuizAttempt, *, now: datetime, by: str) -> bool:
    """Submit (or, for the timer under the discard policy, close) an attempt in progress.

    Returns False when the attempt was no longer in progress (another request or process
    finished it first); the caller then rolls back. One UPDATE, guarded by the state, sets
    the state and the totals, so an attempt is finished exactly once. Everything is read
    before the first write, so the database's write lock is held for three statements.
    """
    discard = by == "timer" and attempt.quiz.overdue_policy == "discard"
    values = {"state": "abandoned" if discard else "submitted", "finished_by": by,
              "submitted_at": None if discard else now}
    if not discard:
        for slot in attempt.slots:
            if slot.response is None:
                slot.fraction, slot.grade_state = 0.0, UNANSWERED
        values.update(_totals(attempt))
    earlier = _other_attempts(attempt)
    db.session.flush()
    table = QuizAttempt.__table__  # Core: the hot path of a burst of submissions
    result = db.session.connection().execute(
        sa.update(table).where(table.c.id == attempt.id, table.c.state == "in_progress")
        .values(**values))
    if result.rowcount != 1:
        return False
    for key, value in values.items():
        set_committed_value(attempt, key, value)
    mine = [] if discard else [(attempt.number, values["percent"], values["needs_grading"])]
    _write_quiz_grade(attempt.quiz, attempt.user_id, sorted(earlier + mine))
    return True


def _other_attempts(attempt: QuizAttempt) -> list[tuple[int, float | None, bool]]:
    """Return (number, percent, needs grading) of the user's other submitted attempts."""
    return other_attempts(attempt.quiz_id, attempt.user_id, attempt.id)


def other_attempts(quiz_id: int, user_id: int,
                   attempt_id: int) -> list[tuple[int, float | None, bool]]:
    """Return (number, percent, needs grading) of a user's submitted attempts but one."""
    table = QuizAttempt.__table__
    return [tuple(row) for row in db.session.connection().execute(
        sa.select(table.c.number, table.c.percent, table.c.needs_grading)
        .where(table.c.quiz_id == quiz_id, table.c.user_id == user_id,
               table.c.state == "submitted", table.c.id != attempt_id))]


def record_quiz_grade(quiz: Quiz, user_id: int) -> None:
    """Write the user's quiz grade (by the grading method) into the gradebook (no commit)."""
    db.session.flush()  # Core reads below do not flush the session by themselves
    table = QuizAttempt.__table__
    attempts = [tuple(row) for row in db.session.connection().execute(
        sa.select(table.c.number, table.c.percent, table.c.needs_grading)
        .where(table.c.quiz_id == quiz.id, table.c.user_id == user_id,
               table.c.state == "submitted").order_by(table.c.number))]
    _write_quiz_grade(quiz, user_id, attempts)


def _write_quiz_grade(quiz: Quiz, user_id: int, attempts: list[tuple]) -> bool | None:
    """Combine (number, percent, needs grading) of submitted attempts into the grade."""
    return write_quiz_grade(QuizRef(quiz.id, quiz.course_id, quiz.grading_method,
                                    quiz.pass_mark), user_id, attempts)


@dataclass(frozen=True)
class QuizRef:
    """What writing a quiz grade needs of its quiz (read with the attempt, no ORM object)."""

    id: int
    course_id: int
    grading_method: str
    pass_mark: float


def write_quiz_grade(quiz: QuizRef, user_id: int, attempts: list[tuple]) -> bool | None:
    """Write the grade combining (number, percent, needs grading); return whether passed."""
    percents = [percent for _, percent, _ in attempts if percent is not None]
    waiting = any(needs for _, _, needs in attempts)
    grade = aggregate_grade(quiz.grading_method, percents)
    detail = f"{len(attempts)} lần nộp" + ("; có câu chờ chấm" if waiting else "")
    passed = None if grade is None else grade >= quiz.pass_mark
    if not write_grade_by_key(quiz.course_id, quiz_key(quiz), user_id, percent=grade,
                              passed=passed, detail=detail):
        # The item is made when the quiz is saved or imported; this is a fallback.
        write_grade(sync_quiz_item(db.session.get(Quiz, quiz.id)), user_id, percent=grade,
                    passed=passed, detail=detail)
    return passed


def complete_if_passed(quiz: Quiz, user_id: int) -> None:
    """After a finish is committed: record course completion if the quiz is now passed.

    Run in its own short transaction, after the one that stored the submission, so the
    course outline it reads never holds the database's write lock; commits.
    """
    grades = GradeItem.__table__.join(Grade.__table__)
    passed = db.session.connection().execute(
        sa.select(Grade.__table__.c.passed).select_from(grades).where(
            GradeItem.__table__.c.course_id == quiz.course_id,
            GradeItem.__table__.c.key == quiz_key(quiz),
            Grade.__table__.c.user_id == user_id)).scalar()
    if passed:
        note_completion(quiz.course_id, user_id)
        db.session.commit()


def quiz_key(quiz) -> str:
    """Return the gradebook key of a quiz."""
    return f"quiz:{quiz.id}"


def quiz_position(quiz: Quiz) -> int:
    """Return the gradebook column position of a quiz (after its module's earlier ones)."""
    return (quiz.module.position if quiz.module else 999) * 1000 + 1


def sync_quiz_item(quiz: Quiz) -> int:
    """Create or update the quiz's gradebook item (title, pass mark, position); its id."""
    return ensure_item(course_id=quiz.course_id, key=quiz_key(quiz), title=quiz.title,
                       kind="quiz", pass_mark=quiz.pass_mark, position=quiz_position(quiz)).id


def grading_queue(user, *, course_id: int | None = None) -> list[AttemptSlot]:
    """Return the answers waiting for a lecturer in the courses ``user`` teaches."""
    courses = taught_course_ids(user)
    if course_id is not None:
        courses &= {course_id}
    if not courses:
        return []
    return list(db.session.scalars(
        sa.select(AttemptSlot).join(AttemptSlot.attempt).join(QuizAttempt.quiz)
        .where(Quiz.course_id.in_(courses), QuizAttempt.state == "submitted",
               AttemptSlot.grade_state == NEEDS_GRADING)
        .order_by(QuizAttempt.submitted_at, AttemptSlot.position)))


def gradable_slot(slot_id: int, user) -> AttemptSlot:
    """Return a slot of a submitted attempt that ``user`` may grade."""
    slot = db.session.get(AttemptSlot, slot_id)
    if slot is None:
        raise NotFoundError(_l("This answer does not exist."))
    if not can_teach(user, slot.attempt.quiz.course):
        raise PermissionDenied(_l("You do not teach this course."))
    if slot.attempt.state != "submitted":
        raise ConflictError(_l("This attempt has not been submitted."))
    return slot


def grade_response(slot_id: int, *, grader, mark: float, comment: str,
                   now: datetime) -> AttemptSlot:
    """Set a lecturer's mark and comment on an answer, update totals and gradebook; commit."""
    slot = gradable_slot(slot_id, grader)
    if not 0 <= mark <= slot.max_mark:
        raise ValidationError(_l("The mark must be between 0 and %(n)s.",
                                 n=f"{slot.max_mark:g}"))
    before = slot.mark
    grade = grade_for(mark / slot.max_mark if slot.max_mark else 0)
    slot.fraction, slot.grade_state = grade.fraction, grade.state
    slot.grader_comment = comment.strip()[:5000]
    slot.graded_by_id, slot.graded_at = grader.id, now
    _total(slot.attempt)
    record_quiz_grade(slot.attempt.quiz, slot.attempt.user_id)
    record_event("quiz.grade_changed", actor=grader, target=slot.attempt, slot=slot.position,
                 before=before, after=slot.mark)
    db.session.commit()
    complete_if_passed(slot.attempt.quiz, slot.attempt.user_id)
    return slot


def attempt_totals_of(attempt: QuizAttempt) -> tuple[float | None, float, bool]:
    """Return (mark, max mark, needs grading) from the attempt's slots."""
    return attempt_marks([slot_record(slot) for slot in attempt.slots])
