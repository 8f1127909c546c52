"""Test data factories (gen_* style): small, explicit, each commits what it makes."""
from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

from courses.derived import refresh_course, refresh_lesson
from courses.import_writer import record_revision
from courses.importer import import_content
from courses.models import Course, Enrolment, Lesson, Module
from courses.registry import stored_registry
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


# ---- courses -------------------------------------------------------------------------------
SAMPLES = Path(__file__).parent / "courses" / "samples"


def gen_sample_content(actor=None):
    """Import the good sample folder (3 laws, 2 courses) and return the import report."""
    report = import_content(SAMPLES / "good", actor=actor)
    assert not report.errors, report.errors
    return report


def gen_course(*, slug=None, title=None, status="published", enrolment="open",
               sequential=False, lecturers=(), modules=1, lessons_per_module=2,
               lesson_status="published", topic="labour-code"):
    """Create a course with modules and lessons written in code (no files), and return it."""
    n = next(_counter)
    course = Course(slug=slug or f"khoa-{n}", title=title or f"Khóa học số {n}",
                    summary="Tóm tắt khóa học.", topic=topic, status=status,
                    enrolment=enrolment, is_sequential=sequential,
                    audience_cadre_types=[], audience_positions=[])
    course.lecturers = list(lecturers)
    db.session.add(course)
    for m in range(modules):
        module = Module(slug=f"chuong-{m + 1}", title=f"Chương {m + 1}", position=m)
        course.modules.append(module)
        for k in range(lessons_per_module):
            db.session.add(Lesson(course=course, module=module, slug=f"bai-{m + 1}-{k + 1}",
                                  title=f"Bài {m + 1}.{k + 1}", summary="", minutes=10,
                                  body_md=f"Nội dung bài {m + 1}.{k + 1}.", position=k,
                                  status=lesson_status))
    db.session.flush()
    registry, today = stored_registry(), date.today()
    refresh_course(course, registry, today)
    for lesson in db.session.scalars(db.select(Lesson).where(Lesson.course_id == course.id)):
        record_revision(lesson, actor=None, note="Tạo trong thử nghiệm")
        refresh_lesson(lesson, registry, today)
    db.session.commit()
    return course


def gen_enrolment(course, user, *, method="staff"):
    """Enrol ``user`` in ``course``."""
    enrolment = Enrolment(course_id=course.id, user_id=user.id, method=method)
    db.session.add(enrolment)
    db.session.commit()
    return enrolment


# ---- live classroom (lms.live) -------------------------------------------------------------

def gen_lesson(course, *, slug=None, title=None, body_md="", status="published"):
    """Create a lesson at the end of the course's first module, its HTML rendered."""
    n = next(_counter)
    module = course.modules[0]
    lesson = Lesson(course=course, module=module, slug=slug or f"bai-{n}",
                    title=title or f"Bài học {n}", summary="", minutes=10, body_md=body_md,
                    status=status, position=100 + n)
    db.session.add(lesson)
    db.session.flush()
    refresh_lesson(lesson, stored_registry(), date.today())
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
