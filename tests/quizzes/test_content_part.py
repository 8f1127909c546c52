"""The quizzes ContentPart: validate the real course folders, write them, export, re-read."""
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from courses.importer import import_content
from courses.contentfiles.tree import CourseFolder, SourceFile, check_citations, read_content
from lms.extensions import db
from lms.timeutil import utcnow
from quizzes import attempts
from quizzes import content
from quizzes.models import (
    Question, QuestionCitation, Quiz, QuizAttempt, ScenarioActivity, ScenarioCitation,
)
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
TREE = read_content(ROOT / "content")
REGISTRY = TREE.registry()


def check_markdown(text, path, line):
    return check_citations(text, path, line, REGISTRY)


def folder(slug):
    return next(f for f in TREE.courses if f.spec.slug == slug)


def with_part(base: CourseFolder, kind: str, path: str, text: str) -> CourseFolder:
    parts = dict(base.part_files)
    parts[kind] = tuple(s for s in parts[kind] if s.path != path) + (SourceFile(path, text),)
    return CourseFolder(base.path, base.spec, base.lessons, base.handbook, parts)


@pytest.mark.parametrize("course_folder", TREE.courses, ids=lambda f: f.spec.slug)
def test_every_course_folder_validates_without_errors(course_folder):
    plan, errors = content.validate(course_folder, check_markdown)
    assert errors == []
    assert plan.question_count >= 10 and plan.quizzes and plan.scenarios


def test_the_content_has_enough_questions_quizzes_and_scenarios():
    plans = [content.validate(f, check_markdown)[0] for f in TREE.courses]
    assert sum(p.question_count for p in plans) >= 100
    assert sum(len(p.scenarios) for p in plans) >= 8


def test_write_creates_rows_and_a_second_write_updates_in_place(app):
    factories.gen_laws(TREE.laws)
    blld = folder("bo-luat-lao-dong-2019")
    course = factories.gen_course_from_folder(blld)
    plan, _ = content.validate(blld, check_markdown)
    content.write(course, plan)
    db.session.commit()
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Question))
    assert count == plan.question_count
    question = db.session.scalar(sa.select(Question).where(Question.slug == "tra-luong-cham-lai"))
    assert question.category and question.bank_file and question.version == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionCitation)
                             .where(QuestionCitation.question_id == question.id)) >= 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ScenarioCitation)) > 0
    ids = {q.slug: q.id for q in db.session.scalars(sa.select(Question))}
    content.write(course, plan)
    db.session.commit()
    assert {q.slug: q.id for q in db.session.scalars(sa.select(Question))} == ids
    assert db.session.get(Question, question.id).version == 1  # unchanged: no new version


def test_export_then_read_back_gives_the_same_plan(app, tmp_path):
    factories.gen_laws(TREE.laws)
    source = folder("doi-thoai-tai-noi-lam-viec")
    course = factories.gen_course_from_folder(source)
    plan, _ = content.validate(source, check_markdown)
    content.write(course, plan)
    db.session.commit()
    written = content.export(course, tmp_path / source.path)
    assert written
    parts = {kind: tuple(SourceFile(str(p.relative_to(tmp_path)), p.read_text("utf-8"))
                         for p in sorted((tmp_path / source.path / kind).glob("*.yaml")))
             for kind in ("questions", "quizzes", "scenarios")}
    again = CourseFolder(source.path, source.spec, source.lessons, source.handbook, parts)
    plan2, errors = content.validate(again, check_markdown)
    assert errors == []
    assert plan2.banks == plan.banks or [b.questions for _, b in plan2.banks] == \
        [b.questions for _, b in plan.banks]
    assert plan2.quizzes == plan.quizzes
    assert [s for s, _ in plan2.scenarios] == [s for s, _ in plan.scenarios]


BROKEN = [
    ("quizzes", "quizzes/kiem-tra-cuoi-khoa.yaml",
     "slug: kiem-tra-cuoi-khoa\ntitle: T\nmodule: khong-co\nquestions:\n  - slug: khong-co-cau\n",
     ["không có chương 'khong-co'", "câu hỏi 'khong-co-cau' không có trong ngân hàng"]),
    ("quizzes", "quizzes/ten-khac.yaml",
     "slug: kiem-tra-cuoi-khoa\ntitle: T\nmodule: tranh-chap-va-dinh-cong\nquestions:\n"
     "  - random: Không có nhóm\n", ["phải trùng tên tệp", "không có danh mục câu hỏi"]),
    ("questions", "questions/zz.yaml",
     "category: Thêm\nquestions:\n  - slug: tra-luong-cham-lai\n    type: true_false\n"
     "    text: Xem [[BLLĐ-2019:999]]\n    answer: true\n",
     ["slug trùng", "không có Điều 999"]),
    ("scenarios", "scenarios/cham-tra-luong-20-ngay.yaml",
     "slug: cham-tra-luong-20-ngay\ntitle: T\nmodule: tien-luong-va-thuong\nstart: a\nnodes:\n"
     "  - id: a\n    type: check\n    question: khong-co\n    next: b\n"
     "  - id: b\n    type: end\n    outcome: success\n    text: Xem [[XX-1:1]]\n",
     ["câu hỏi 'khong-co' không có", "không có văn bản 'XX-1'"]),
]


@pytest.mark.parametrize("kind, path, text, fragments", BROKEN)
def test_broken_files_are_reported_with_file_and_line(kind, path, text, fragments):
    blld = folder("bo-luat-lao-dong-2019")
    broken = with_part(blld, kind, f"{blld.path}/{path}", text)
    _, errors = content.validate(broken, check_markdown)
    messages = "\n".join(str(e) for e in errors)
    for fragment in fragments:
        assert fragment in messages
    assert all(e.path.startswith(blld.path) and e.line >= 0 for e in errors)


def test_citation_errors_point_at_the_line_of_the_field():
    blld = folder("bo-luat-lao-dong-2019")
    text = ("category: Thêm\nquestions:\n  - slug: moi\n    type: true_false\n    text: |\n"
            "      Dòng một.\n      Xem [[BLLĐ-2019:999]].\n    answer: true\n")
    broken = with_part(blld, "questions", f"{blld.path}/questions/zz.yaml", text)
    _, errors = content.validate(broken, check_markdown)
    assert [(e.line, "Điều 999" in e.message) for e in errors] == [(7, True)]


def test_field_line_finds_the_text_or_falls_back():
    text = "a: 1\nb: |\n  hello world\n"
    assert content.field_line(text, "hello world", 1) == 3
    assert content.field_line(text, "missing", 2) == 2


def test_a_module_renamed_by_a_re_import_keeps_quizzes_and_their_attempts(app, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "tests/courses/samples/good", root)
    assert import_content(root).errors == []
    trainee = factories.gen_user()
    quiz = db.session.scalar(sa.select(Quiz))
    factories.gen_enrolment(quiz.course, trainee)
    attempt = attempts.start_attempt(quiz.id, user=trainee, now=utcnow())
    folder = root / "courses/bo-luat-lao-dong-2019"
    for name in ("course.yaml", "quizzes/kiem-tra-tien-luong.yaml",
                 "scenarios/cham-tra-luong.yaml"):
        path = folder / name
        path.write_text(path.read_text("utf-8").replace("module: tien-luong", "module: luong-moi")
                        .replace("- slug: tien-luong", "- slug: luong-moi"), "utf-8")
    report = import_content(root)
    assert report.errors == [], report.errors
    db.session.expire_all()
    moved = db.session.get(Quiz, quiz.id)
    assert moved.module.slug == "luong-moi"
    assert db.session.get(QuizAttempt, attempt.id) is not None
    assert db.session.scalar(sa.select(ScenarioActivity)).module.slug == "luong-moi"
