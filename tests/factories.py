"""Test data factories (gen_* style): small, explicit, each commits what it makes."""
from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

from courses.contentfiles.tree import check_citations, read_content
from courses.derived import refresh_course, refresh_lesson
from courses.import_writer import record_revision
from courses.importer import import_content
from courses.models import Article, Course, Enrolment, Law, Lesson, Module
from courses.registry import stored_registry
from lms.extensions import db
from lms.live.models import LiveSession
from lms.models import Unit, User
from lms.timeutil import utcnow
from quizzes import content
from quizzes.bankfile import read_question
from quizzes.convert import apply_scenario
from quizzes.models import Question, Quiz, ScenarioActivity
from quizzes.scenario.fileformat import parse_scenario_file

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


# ---- quizzes (bare courses made from content specs, bank, quizzes, scenarios) ---------

def gen_quiz_course(*, slug=None, title=None, status="published", lecturers=(),
                    modules=("chuong-1",), enrolment="open"):
    """Create a bare course (no lessons) with modules named by ``modules`` slugs."""
    n = next(_counter)
    course = Course(slug=slug or f"khoa-hoc-{n}", title=title or f"Khóa học {n}",
                    topic="labour-code", status=status, enrolment=enrolment)
    course.lecturers = list(lecturers)
    course.modules = [Module(slug=m, title=f"Chương {m}", position=i)
                      for i, m in enumerate(modules)]
    db.session.add(course)
    db.session.commit()
    return course


def gen_laws(laws):
    """Store law specs (from ``courses.contentfiles``) as registry rows."""
    for spec in laws:
        law = Law(code=spec.code, number=spec.number, title=spec.title,
                  short_title=spec.short_title, kind=spec.kind,
                  effective_from=spec.effective_from, effective_to=spec.effective_to,
                  replaced_by=spec.replaced_by)
        law.articles = [Article(number=a.number, title=a.title, summary=a.summary,
                                sort_key=a.number.zfill(4), effective_to=a.effective_to,
                                replaced_by=a.replaced_by) for a in spec.articles]
        db.session.add(law)
    db.session.commit()


def gen_course_from_folder(folder, *, lecturers=()):
    """Create the course rows a content folder describes (what the importer would write)."""
    return gen_quiz_course(slug=folder.spec.slug, title=folder.spec.title,
                      status=folder.spec.status, lecturers=lecturers,
                      modules=[m.slug for m in folder.spec.modules])


SAMPLE_QUESTIONS = {
    "single_choice": {"options": [{"text": "Sai", "feedback": "Chưa đúng [[BLLĐ-2019:97]]"},
                                  {"text": "Đúng", "correct": True, "feedback": "Chính xác"}]},
    "multiple_choice": {"options": [{"text": "A", "weight": 50}, {"text": "B", "weight": 50},
                                    {"text": "C", "weight": -100}]},
    "true_false": {"answer": True, "feedback_false": "Thật ra là đúng"},
    "short_answer": {"answers": [{"text": "công đoàn cơ sở"}, {"text": "CĐCS", "weight": 50}]},
    "numerical": {"answers": [{"value": 12.5, "tolerance": 0.5}]},
    "matching": {"pairs": [{"left": "Tiền lương", "right": "Điều 90"},
                           {"left": "Làm thêm giờ", "right": "Điều 107"}]},
    "ordering": {"items": ["Thu thập chứng cứ", "Họp BCH", "Gửi văn bản"]},
    "essay": {"rubric": "Nêu đủ ba bước", "min_words": 20},
}


def gen_question(course, *, slug=None, type="single_choice", category="Chung", points=1,
                 data=None, text="Câu hỏi?", citations=(), feedback=""):
    """Create a valid bank question of ``type`` (sample fields unless ``data`` is given)."""
    n = next(_counter)
    raw = {"slug": slug or f"cau-{n}", "type": type, "points": points, "text": text,
           "citations": list(citations), "feedback": feedback,
           **(data if data is not None else SAMPLE_QUESTIONS[type])}
    question, problems = read_question(raw)
    assert question is not None, problems
    row = Question(course_id=course.id, slug=question.slug, category=category,
                   bank_file="chung", position=n, type=question.type, points=question.points,
                   citations=list(question.citations), text_md=question.text,
                   feedback_md=question.feedback, data=question.data, tags=[])
    db.session.add(row)
    db.session.commit()
    return row


def gen_quiz(course, questions, *, module=None, **settings):
    """Create a published quiz of fixed ``questions`` (rows or refs dicts)."""
    refs = [q if isinstance(q, dict) else {"slug": q.slug} for q in questions]
    quiz = Quiz(course_id=course.id, module_id=(module or course.modules[0]).id,
                slug=settings.pop("slug", f"kiem-tra-{next(_counter)}"),
                title=settings.pop("title", "Bài kiểm tra"), questions=refs,
                review=settings.pop("review", {}), **settings)
    db.session.add(quiz)
    db.session.commit()
    return quiz


def gen_scenario(course, text, *, module=None, published=True):
    """Create a scenario activity from a scenario file's text."""
    scenario, errors = parse_scenario_file(text, "scenario.yaml")
    assert scenario is not None, errors
    activity = ScenarioActivity(course_id=course.id, is_published=published)
    module_id = (module or course.modules[0]).id
    apply_scenario(activity, scenario, text, module_id=module_id)
    db.session.add(activity)
    db.session.commit()
    return activity


def gen_content(root, *, lecturers=(), trainees=(), slugs=None):
    """Load the content folder's laws, courses and quizzes parts as the importer would.

    Stands in for the courses importer in tests of packages above courses; returns the
    courses by slug. ``slugs`` limits which course folders are loaded.
    """
    tree = read_content(root)
    registry = tree.registry()
    gen_laws(tree.laws)
    courses = {}
    for folder in tree.courses:
        if slugs is not None and folder.spec.slug not in slugs:
            continue
        course = gen_course_from_folder(folder, lecturers=lecturers)
        plan, errors = content.validate(
            folder, lambda text, path, line: check_citations(text, path, line, registry))
        assert not errors, errors
        content.write(course, plan)
        db.session.commit()
        for trainee in trainees:
            gen_enrolment(course, trainee)
        courses[course.slug] = course
    return courses


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
