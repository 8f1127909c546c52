"""What a session contributes to the course gradebook: the live quiz and attendance.

Live quiz: the share of the items pushed in the session that the trainee got right (a partly
right answer counts its fraction, an unanswered item 0), as a percent; the Kahoot points and
rank go in the detail. Attendance: the percent of the session present and the X% rule.
Both are written through ``quizzes.gradebook.services`` (one column per session each, keys
``live:<id>`` and ``attendance:<id>``), after every closed item and when the session ends;
writes are upserts, so writing again only brings the figures up to date.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from lms.extensions import db
from lms.live import record
from lms.live.access import LEAD
from lms.live.activity_models import QuizAnswer, QuizItem
from lms.live.models import LiveSession
from quizzes.gradebook.services import ensure_item, write_grade
from quizzes.live_scoring import ranks

# Live columns come after the course's quizzes and scenarios in the gradebook.
POSITION = 1000


@dataclass(frozen=True)
class LiveGrade:
    """One trainee's grade for one gradebook column of a session."""

    user_id: int
    percent: float
    passed: bool | None
    detail: str


def quiz_grades(session_id: int) -> list[LiveGrade]:
    """Return the live-quiz grade of everyone who answered at least one item."""
    items = db.session.scalar(sa.select(sa.func.count()).select_from(QuizItem).where(
        QuizItem.session_id == session_id, QuizItem.state == "closed"))
    if not items:
        return []
    rows = db.session.execute(
        sa.select(QuizAnswer.user_id, sa.func.sum(QuizAnswer.fraction),
                  sa.func.sum(QuizAnswer.points), sa.func.count())
        .join(QuizItem, QuizItem.id == QuizAnswer.item_id)
        .where(QuizAnswer.session_id == session_id, QuizItem.state == "closed")
        .group_by(QuizAnswer.user_id)).all()
    placed = ranks({user_id: int(points or 0) for user_id, _f, points, _n in rows})
    return [LiveGrade(user_id, round(100 * float(fractions or 0) / items, 1), None,
                      f"{int(points or 0)} điểm · hạng {placed[user_id]}/{len(rows)} · "
                      f"trả lời {answered}/{items}")
            for user_id, fractions, points, answered in rows]


def attendance_grades(live_session: LiveSession) -> list[LiveGrade]:
    """Return every trainee's attendance (absent ones too) with the session's rule."""
    return [LiveGrade(row.user_id, float(row.percent), row.present,
                      f"{row.minutes} phút · {row.connections} lần vào")
            for row in record.attendance(live_session) if row.role != LEAD]


def _write(live_session: LiveSession, *, key: str, kind: str, title: str,
           grades: list[LiveGrade]) -> int:
    """Write one gradebook column of a session and commit; return how many grades."""
    if not grades:
        return 0
    item = ensure_item(course_id=live_session.course_id, key=key, kind=kind, title=title,
                       position=POSITION + live_session.id)
    for grade in grades:
        write_grade(item.id, grade.user_id, percent=grade.percent, passed=grade.passed,
                    detail=grade.detail)
    db.session.commit()
    return len(grades)


def publish_quiz(live_session: LiveSession) -> int:
    """Write (or bring up to date) the session's live-quiz column of the gradebook."""
    return _write(live_session, key=f"live:{live_session.id}", kind="live_quiz",
                  title=f"Trực tiếp: {live_session.title}",
                  grades=quiz_grades(live_session.id))


def publish_attendance(live_session: LiveSession) -> int:
    """Write the session's attendance column of the gradebook (at the end of the session)."""
    return _write(live_session, key=f"attendance:{live_session.id}", kind="attendance",
                  title=f"Điểm danh: {live_session.title}",
                  grades=attendance_grades(live_session))
