"""Who may see, study and teach a course: the checks every package asks of courses.

Other packages (quizzes, the live classroom) call these instead of reading enrolments or
lecturer lists themselves.
"""
from __future__ import annotations

import sqlalchemy as sa

from courses.models import Course, Enrolment, course_lecturers
from lms.extensions import db


def is_enrolled(user, course: Course) -> bool:
    """Return True when ``user`` is enrolled in ``course``."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Enrolment).where(
            Enrolment.course_id == course.id, Enrolment.user_id == user.id)) > 0


def can_teach(user, course: Course) -> bool:
    """Return True when ``user`` may author and run ``course`` (its lecturers, admins)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.role == "admin":
        return True
    if user.role != "lecturer":
        return False
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(course_lecturers).where(
            course_lecturers.c.course_id == course.id,
            course_lecturers.c.user_id == user.id)) > 0


def can_study(user, course: Course) -> bool:
    """Return True when ``user`` may open the published content of ``course``."""
    if can_teach(user, course):
        return True
    return course.status == "published" and is_enrolled(user, course)


def taught_course_ids(user) -> set[int]:
    """Return the ids of the courses ``user`` teaches (every course for admins)."""
    if user.role == "admin":
        return set(db.session.scalars(sa.select(Course.id)))
    return set(db.session.scalars(sa.select(course_lecturers.c.course_id).where(
        course_lecturers.c.user_id == user.id)))
