"""Who may see, join and lead a live session; every check goes through ``courses.access``."""
from __future__ import annotations

from courses import access as course_access

LEAD, TRAINEE = "lead", "trainee"


def room_role(user, live_session) -> str | None:
    """Return "lead" for those who teach the course, "trainee" for enrolled trainees, else None.

    Trainees also need the course to be published (``can_study``), as for every course page.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not getattr(user, "is_active", False):
        return None
    course = live_session.course
    if course_access.can_teach(user, course):
        return LEAD
    # can_study for someone who does not teach: a published course they are enrolled in
    # (checked here without asking can_teach twice: this runs on every socket event).
    if course.status == "published" and course_access.is_enrolled(user, course):
        return TRAINEE
    return None


def can_lead(user, live_session) -> bool:
    """Return True when ``user`` may run the room and see its record."""
    return room_role(user, live_session) == LEAD


def can_view(user, live_session) -> bool:
    """Return True when ``user`` may see the session at all."""
    return room_role(user, live_session) is not None


def can_teach_course(user, course) -> bool:
    """Return True when ``user`` may schedule sessions for ``course``."""
    return course_access.can_teach(user, course)


def taught_course_ids(user) -> set[int]:
    """Return the ids of the courses ``user`` teaches (every course for admins)."""
    return course_access.taught_course_ids(user)


def can_see_course(user, course) -> bool:
    """Return True when ``user`` may see the sessions of ``course``."""
    return course_access.can_study(user, course)
