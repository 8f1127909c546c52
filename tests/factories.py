"""Test data factories (gen_* style): small, explicit, each commits what it makes."""
from __future__ import annotations

import itertools
from datetime import timedelta

from courses.models import Course, Enrolment, Lesson, Module
from lms.extensions import db
from lms.live.models import LiveSession
from lms.models import Unit, User
from lms.timeutil import utcnow

PASSWORD = "an-toan-2026!"
_counter = itertools.count(1)


def gen_unit(*, code=None, name=None, kind="grassroots", parent=None, sector="non_state",
             member_count=100) -> Unit:
    """Create a union unit (a city federation when no parent is given and kind allows)."""
    n = next(_counter)
    unit = Unit(code=code or f"U{n}", name=name or f"Công đoàn cơ sở số {n}", kind=kind,
                sector=sector if kind == "grassroots" else None, member_count=member_count,
                parent_id=parent.id if parent else None)
    db.session.add(unit)
    db.session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    db.session.commit()
    return unit


def gen_tree() -> dict[str, Unit]:
    """Create federation -> two upper unions -> a grassroots union under each."""
    fed = gen_unit(code="FED", name="Liên đoàn Lao động Thành phố", kind="federation")
    up_a = gen_unit(code="UP-A", name="Công đoàn các KCN", kind="upper", parent=fed)
    up_b = gen_unit(code="UP-B", name="Công đoàn ngành Giáo dục", kind="upper", parent=fed)
    gr_a = gen_unit(code="GR-A", name="CĐCS Công ty May Hòa Bình", parent=up_a)
    gr_b = gen_unit(code="GR-B", name="CĐCS Trường THPT Nguyễn Trãi", parent=up_b,
                    sector="public_service")
    return {"fed": fed, "up_a": up_a, "up_b": up_b, "gr_a": gr_a, "gr_b": gr_b}


def gen_user(*, email=None, full_name=None, role="trainee", unit=None, password=PASSWORD,
             active=True, position=None, cadre_type=None) -> User:
    """Create an account with a known password."""
    n = next(_counter)
    user = User(email=email or f"user{n}@example.vn", full_name=full_name or f"Người dùng {n}",
                role=role, unit_id=unit.id if unit else None, position=position,
                cadre_type=cadre_type, is_active_account=active)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


# --- courses and the live classroom (lms.live) ---------------------------------------------

def gen_course(*, slug=None, title=None, status="published", lecturers=(), trainees=(),
               modules=1):
    """Create a course with ``modules`` empty modules, its lecturers and enrolled trainees."""
    n = next(_counter)
    course = Course(slug=slug or f"khoa-hoc-{n}", title=title or f"Khóa học {n}",
                    topic="labour-code", status=status, lecturers=list(lecturers))
    db.session.add(course)
    db.session.flush()
    for position in range(modules):
        db.session.add(Module(course_id=course.id, slug=f"mo-dun-{position + 1}",
                              title=f"Mô-đun {position + 1}", position=position))
    for trainee in trainees:
        db.session.add(Enrolment(course_id=course.id, user_id=trainee.id))
    db.session.commit()
    return course


def gen_lesson(course, *, slug=None, title=None, body_md="", body_html="", status="published"):
    """Create a lesson in the course's first module."""
    n = next(_counter)
    module = course.modules[0]
    lesson = Lesson(course_id=course.id, module_id=module.id, slug=slug or f"bai-{n}",
                    title=title or f"Bài học {n}", body_md=body_md, body_html=body_html,
                    status=status, position=n)
    db.session.add(lesson)
    db.session.commit()
    return lesson


def gen_live_session(course, *, title=None, state="scheduled", starts_in_minutes=10,
                     minutes=90, lecturers=None, module=None, attendance_percent=75):
    """Create a live session of ``course`` (opened now when ``state`` is live)."""
    now = utcnow().replace(microsecond=0)
    starts = now + timedelta(minutes=starts_in_minutes)
    live_session = LiveSession(
        course_id=course.id, title=title or f"Lớp trực tuyến {next(_counter)}",
        starts_at=starts, ends_at=starts + timedelta(minutes=minutes), state=state,
        module_id=module.id if module else None, attendance_percent=attendance_percent,
        lecturers=list(course.lecturers if lecturers is None else lecturers),
        opened_at=now if state in ("live", "ended") else None,
        closed_at=now + timedelta(minutes=minutes) if state == "ended" else None)
    db.session.add(live_session)
    db.session.commit()
    return live_session
