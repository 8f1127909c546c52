"""Tell the courses package when a trainee may just have completed a course."""
from __future__ import annotations

import sqlalchemy as sa

from courses.models import Course, Enrolment
from courses.progress import update_course_completion
from lms.extensions import db
from lms.models import User


def note_completion(course_id: int, user_id: int) -> None:
    """Record the course as completed if this was the last item (no commit).

    Called after a trainee passes a quiz or finishes a scenario; cheap when the course is
    already completed or the person is not enrolled.
    """
    open_enrolment = db.session.scalar(sa.select(Enrolment.id).where(
        Enrolment.course_id == course_id, Enrolment.user_id == user_id,
        Enrolment.completed_at.is_(None)))
    if open_enrolment is None:
        return
    update_course_completion(db.session.get(Course, course_id), db.session.get(User, user_id))
