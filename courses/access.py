"""Who may see, study and teach a course: the checks every package asks of courses.

Other packages (quizzes, the live classroom) call these instead of reading enrolments or
lecturer lists themselves.
"""
from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class CourseAccess:
    """What one user may do with one course, worked out once (two queries at most)."""

    teaches: bool
    enrolled: bool
    can_view: bool
    can_study: bool

    @property
    def is_learner(self) -> bool:
        """Return True when the user studies (rather than teaches) the course."""
        return self.enrolled and not self.teaches


def course_access(user, course: Course) -> CourseAccess:
    """Return every permission of ``user`` on ``course`` at once, for pages that need several."""
    return access_from(user, course, teaches=can_teach(user, course),
                       enrolled=is_enrolled(user, course))


def teaches_given_lecturer(user, is_lecturer_of_course: bool) -> bool:
    """Return can_teach's answer once the lecturer list has been read (by the caller's query)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.role == "admin" or (user.role == "lecturer" and is_lecturer_of_course)


def access_from(user, course: Course, *, teaches: bool, enrolled: bool) -> CourseAccess:
    """Return the CourseAccess that follows from the two facts read from the database."""
    published = course.status == "published"
    signed_in = getattr(user, "is_authenticated", False)
    can_view = teaches or (published and signed_in and (
        user.role in ("manager", "admin", "lecturer") or course.enrolment == "open"
        or enrolled))
    return CourseAccess(teaches=teaches, enrolled=enrolled, can_view=can_view,
                        can_study=teaches or (published and enrolled))


def can_view_course(user, course: Course) -> bool:
    """Return True when ``user`` may open the course page (outline, not lessons).

    Teachers always; otherwise only published courses, and trainees only those open to
    self-enrolment or that they are enrolled in. Managers see published courses to enrol units.
    """
    if can_teach(user, course):
        return True
    if course.status != "published" or not getattr(user, "is_authenticated", False):
        return False
    if user.role in ("manager", "admin", "lecturer"):
        return True
    return course.enrolment == "open" or is_enrolled(user, course)


def can_manage_participants(user, course: Course) -> bool:
    """Return True when ``user`` may open the participants page of ``course``."""
    if can_teach(user, course):
        return True
    return (getattr(user, "is_authenticated", False) and user.role == "manager"
            and course.status == "published")


def visible_course_filter(user):
    """Return a WHERE clause limiting a select of courses to those ``user`` may view."""
    published = Course.status == "published"
    if user.role == "admin":
        return sa.true()
    if user.role == "lecturer":
        return sa.or_(published, Course.id.in_(taught_course_ids(user) or {-1}))
    if user.role == "manager":
        return published
    enrolled = sa.select(Enrolment.course_id).where(Enrolment.user_id == user.id)
    return sa.and_(published, sa.or_(Course.enrolment == "open", Course.id.in_(enrolled)))
