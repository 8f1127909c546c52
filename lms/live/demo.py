"""Demo live sessions for ``flask demo seed``: one about to start and one next week per course."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from courses.models import Course
from lms.extensions import db
from lms.live.models import LiveSession
from lms.timeutil import utcnow

DEMO_LINK = "https://meet.jit.si/union-cadre-lms-demo"
DEMO_DESCRIPTION = "Trao đổi, hỏi đáp và làm tình huống cùng giảng viên."


def seed_live_sessions() -> str:
    """Schedule demo sessions for every published course that has lecturers."""
    courses = [c for c in db.session.scalars(sa.select(Course).where(
        Course.status == "published").order_by(Course.id)) if c.lecturers]
    soon = utcnow().replace(second=0, microsecond=0) + timedelta(minutes=10)
    for course in courses:
        first_module = course.modules[0].id if course.modules else None
        db.session.add_all([
            LiveSession(course=course, course_id=course.id, module_id=first_module,
                        title=f"Lớp trực tuyến: {course.title}", starts_at=soon,
                        ends_at=soon + timedelta(minutes=90), external_url=DEMO_LINK,
                        description=DEMO_DESCRIPTION,
                        lecturers=list(course.lecturers)),
            LiveSession(course=course, course_id=course.id, module_id=first_module,
                        title=f"Ôn tập tuần sau: {course.title}",
                        starts_at=soon + timedelta(days=7),
                        ends_at=soon + timedelta(days=7, minutes=60),
                        lecturers=list(course.lecturers)),
        ])
    db.session.commit()
    return f"{2 * len(courses)} live sessions for {len(courses)} courses"
