"""Tell the courses package when a trainee may just have completed a course."""
from __future__ import annotations

import sqlalchemy as sa

from courses.models import Course, Enrolment
from courses.progress import progress_rows, published_lessons, update_course_completion
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
    course, user = db.session.get(Course, course_id), db.session.get(User, user_id)
    lessons = published_lessons(course)
    rows = progress_rows(user, [lesson.id for lesson in lessons])
    if any(rows.get(lesson.id) is None or rows[lesson.id].completed_at is None
           for lesson in lessons):
        return  # a lesson is still open: not the last item (checked without the outline)
    update_course_completion(course, user)
