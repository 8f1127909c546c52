"""Demo live sessions for ``flask demo seed``: one class about to start, a review per course."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from courses.models import Course
from lms.extensions import db
from lms.live.models import LiveSession
from lms.timeutil import utcnow

DEMO_LINK = "https://meet.jit.si/union-cadre-lms-demo"
DEMO_DESCRIPTION = "Trao đổi, hỏi đáp, bình chọn và làm tình huống cùng giảng viên."
# The course whose class starts in ten minutes (the others only get next week's review).
FIRST_COURSE = "doi-thoai-tai-noi-lam-viec"


def _session(course: Course, title: str, starts, minutes: int, **extra) -> LiveSession:
    """Return a scheduled session of ``course`` in its first module."""
    return LiveSession(course=course, course_id=course.id,
                       module_id=course.modules[0].id if course.modules else None,
                       title=title, starts_at=starts, ends_at=starts + timedelta(minutes=minutes),
                       lecturers=list(course.lecturers), **extra)


def seed_live_sessions() -> str:
    """Schedule the demo sessions for the published courses that have lecturers."""
    courses = [c for c in db.session.scalars(sa.select(Course).where(
        Course.status == "published").order_by(Course.id)) if c.lecturers]
    if not courses:
        return "no published course with lecturers: no live sessions"
    soon = utcnow().replace(second=0, microsecond=0) + timedelta(minutes=10)
    first = next((c for c in courses if c.slug == FIRST_COURSE), courses[0])
    db.session.add(_session(first, f"Lớp trực tuyến: {first.title}", soon, 90,
                            external_url=DEMO_LINK, description=DEMO_DESCRIPTION))
    for course in courses:
        db.session.add(_session(course, f"Ôn tập cuối tuần: {course.title}",
                                soon + timedelta(days=7), 60))
    db.session.commit()
    return f"{len(courses) + 1} live sessions (one starting in 10 minutes)"
