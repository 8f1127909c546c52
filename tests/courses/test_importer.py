"""The content importer: validation first, then all or nothing; idempotent by slug."""
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from courses.importer import import_content, validate_content
from courses.models import (Article, Course, Enrolment, Law, Lesson, LessonCitation,
                            LessonProgress, LessonRevision, Module)
from lms.extensions import db
from lms.models import AuditLog
from tests import factories
from tests.courses.snapshot import content_snapshot
from tests.courses.test_content_tree import BAD_CASES

SAMPLES = Path(__file__).parent / "samples"
LCD = "courses/luat-cong-doan"
BLLD = "courses/bo-luat-lao-dong-2019"


def _copy_good(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SAMPLES / "good", root)
    return root


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_good_sample_is_written_with_counts(app):
    report = import_content(SAMPLES / "good")
    assert report.errors == [] and report.written
    assert {k: v for k, v in report.tally.items() if v} == {
        "laws created": 3, "articles created": 7, "courses created": 2,
        "modules created": 3, "lessons created": 5, "revisions recorded": 5}
    course = db.session.scalar(sa.select(Course).where(Course.slug == "bo-luat-lao-dong-2019"))
    assert [m.slug for m in course.modules] == ["tien-luong", "hop-dong-lao-dong"]
    assert [x.slug for x in course.modules[0].lessons] == ["ky-han-tra-luong", "tra-luong-cham"]
    assert course.is_sequential and course.audience_positions == ["chu_tich", "pho_chu_tich"]
    assert course.handbook_title == "Sổ tay tiền lương" and "<table>" in course.handbook_html
    lcd = db.session.scalar(sa.select(Course).where(Course.slug == "luat-cong-doan"))
    assert [c.slug for c in lcd.prerequisites] == ["bo-luat-lao-dong-2019"]
    assert lcd.status == "draft" and lcd.enrolment == "managed"


def test_lesson_html_links_citations_and_the_index_knows_them(app):
    import_content(SAMPLES / "good")
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.slug == "quyen-dai-dien"))
    assert 'class="cite cite-replaced"' in lesson.body_html  # LCĐ-2012 ended 2025-06-30
    assert 'href="/luat/LC%C4%90-2024/16"' in lesson.body_html
    cited = set(db.session.execute(
        sa.select(Law.code, Article.number).join(Article.law)
        .join(LessonCitation, LessonCitation.article_id == Article.id)
        .where(LessonCitation.lesson_id == lesson.id)).all())
    assert cited == {("LCĐ-2012", "10"), ("LCĐ-2024", "16")}


def test_reimport_is_idempotent(app):
    import_content(SAMPLES / "good")
    before = content_snapshot()
    report = import_content(SAMPLES / "good")
    assert {k for k, v in report.tally.items() if v} == {
        "laws unchanged", "articles unchanged", "courses unchanged", "modules unchanged",
        "lessons unchanged"}
    assert content_snapshot() == before
    assert _count(LessonRevision) == 5


def test_reimport_updates_by_slug_and_keeps_progress_and_enrolments(app, tmp_path):
    import_content(SAMPLES / "good")
    trainee = factories.gen_user()
    course = db.session.scalar(sa.select(Course).where(Course.slug == "bo-luat-lao-dong-2019"))
    factories.gen_enrolment(course, trainee)
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.slug == "tra-luong-cham"))
    lesson_id = lesson.id
    db.session.add(LessonProgress(lesson_id=lesson.id, user_id=trainee.id, seconds_spent=300,
                                  completed_at=datetime(2026, 1, 2, tzinfo=timezone.utc)))
    db.session.commit()
    root = _copy_good(tmp_path)
    path = root / BLLD / "lessons" / "tra-luong-cham.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Trả lương chậm", "title: Khi lương bị trả chậm"),
                    encoding="utf-8")
    report = import_content(root)
    assert report.tally["lessons updated"] == 1 and report.tally["revisions recorded"] == 1
    lesson = db.session.get(Lesson, lesson_id)
    assert lesson.title == "Khi lương bị trả chậm"
    assert [r.number for r in lesson.revisions] == [2, 1]
    assert [r.title for r in lesson.revisions] == ["Khi lương bị trả chậm", "Trả lương chậm"]
    assert _count(Enrolment) == 1
    progress = db.session.scalar(sa.select(LessonProgress))
    assert progress.lesson_id == lesson_id and progress.seconds_spent == 300


def test_lessons_dropped_from_the_files_are_withdrawn_not_deleted(app, tmp_path):
    import_content(SAMPLES / "good")
    trainee = factories.gen_user()
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.slug == "cham-dut-hop-dong"))
    db.session.add(LessonProgress(lesson_id=lesson.id, user_id=trainee.id, seconds_spent=60))
    db.session.commit()
    root = _copy_good(tmp_path)
    course_yaml = root / BLLD / "course.yaml"
    text = course_yaml.read_text(encoding="utf-8")
    course_yaml.write_text(text[:text.index("  - slug: hop-dong-lao-dong")], encoding="utf-8")
    (root / BLLD / "lessons" / "cham-dut-hop-dong.md").unlink()
    report = import_content(root)
    assert report.errors == []
    assert report.tally["lessons withdrawn"] == 1
    assert report.tally["modules kept for withdrawn lessons"] == 1
    lesson = db.session.get(Lesson, lesson.id)
    assert lesson.status == "draft" and lesson.revisions[0].note.startswith("Không còn")
    assert db.session.scalar(sa.select(LessonProgress.seconds_spent)) == 60
    # Once the lecturer deletes the withdrawn draft, the next import drops the empty module.
    db.session.execute(sa.delete(LessonProgress))
    db.session.delete(lesson)
    db.session.commit()
    report = import_content(root)
    assert report.tally["modules removed"] == 1
    assert db.session.scalar(sa.select(Module).where(Module.slug == "hop-dong-lao-dong")) is None


def test_a_lesson_moved_to_another_module_keeps_its_row(app, tmp_path):
    import_content(SAMPLES / "good")
    lesson_id = db.session.scalar(sa.select(Lesson.id).where(Lesson.slug == "tra-luong-cham"))
    root = _copy_good(tmp_path)
    course_yaml = root / BLLD / "course.yaml"
    text = course_yaml.read_text(encoding="utf-8")
    text = text.replace("lessons: [ky-han-tra-luong, tra-luong-cham]", "lessons: [ky-han-tra-luong]")
    text = text.replace("      - cham-dut-hop-dong", "      - tra-luong-cham\n      - cham-dut-hop-dong")
    course_yaml.write_text(text, encoding="utf-8")
    assert import_content(root).errors == []
    lesson = db.session.get(Lesson, lesson_id)
    assert lesson.module.slug == "hop-dong-lao-dong" and lesson.position == 0


@pytest.mark.parametrize("case, expected", BAD_CASES, ids=[case for case, _ in BAD_CASES])
def test_bad_input_reports_file_and_line_and_writes_nothing(app, tmp_path, case, expected):
    root = _copy_good(tmp_path)
    shutil.copytree(SAMPLES / "bad" / case, root, dirs_exist_ok=True)
    report = import_content(root)
    assert [(e.path, e.line) for e in report.errors] == [(p, line) for p, line, _ in expected]
    assert not report.written
    assert _count(Law) == _count(Course) == _count(Lesson) == 0


def test_bad_input_leaves_an_earlier_import_untouched(app, tmp_path):
    import_content(SAMPLES / "good")
    before = content_snapshot()
    root = _copy_good(tmp_path)
    (root / BLLD / "lessons" / "ky-han-tra-luong.md").write_text(
        "---\ntitle: Đổi tên\nsummary: S\nminutes: 5\n---\nXem [[BLLĐ-2019:4242]].\n",
        encoding="utf-8")
    report = import_content(root)
    assert [str(e) for e in report.errors] == [
        f"{BLLD}/lessons/ky-han-tra-luong.md:6: trích dẫn [[BLLĐ-2019:4242]]: văn bản "
        "BLLĐ-2019 không có Điều 4242 trong danh mục"]
    assert content_snapshot() == before


def test_dry_run_reports_counts_and_writes_nothing(app):
    report = import_content(SAMPLES / "good", dry_run=True)
    assert report.tally["lessons created"] == 5 and not report.written
    assert _count(Law) == _count(Course) == _count(AuditLog) == 0


def test_a_folder_without_laws_cites_the_stored_registry(app, tmp_path):
    import_content(SAMPLES / "good")
    root = tmp_path / "only-course"
    shutil.copytree(SAMPLES / "good" / "courses" / "luat-cong-doan", root / LCD)
    report = import_content(root)
    assert report.errors == [] and report.tally["courses unchanged"] == 1


def test_dropping_an_article_still_cited_elsewhere_is_refused(app, tmp_path):
    import_content(SAMPLES / "good")
    root = tmp_path / "laws-only"
    shutil.copytree(SAMPLES / "good" / "laws", root / "laws")
    law_file = root / "laws" / "lcd-2024.yaml"
    text = law_file.read_text(encoding="utf-8")
    law_file.write_text(text[:text.index("  - number: 4a")], encoding="utf-8")
    report = import_content(root)
    assert [(e.path, e.line) for e in report.errors] == [("laws/lcd-2024.yaml", 13)]
    assert "Điều 4a bị bỏ khỏi tệp nhưng bài 'cong-doan-co-so'" in report.errors[0].message


def test_publication_by_import_is_audited(app):
    import_content(SAMPLES / "good")
    actions = list(db.session.scalars(sa.select(AuditLog.action).order_by(AuditLog.id)))
    assert actions == ["course_published", "content_imported"]


def test_the_real_content_folder_imports_cleanly(app):
    report = import_content(Path(__file__).resolve().parents[2] / "content",
                            today=date(2026, 11, 25))
    assert report.errors == [], [str(e) for e in report.errors[:5]]
    assert report.tally["laws created"] >= 15 and report.tally["articles created"] >= 350
    courses = list(db.session.scalars(sa.select(Course)))
    assert {c.slug for c in courses} == {
        "bo-luat-lao-dong-2019", "luat-cong-doan", "giai-quyet-tranh-chap-lao-dong",
        "doi-thoai-tai-noi-lam-viec"}
    for course in courses:
        lessons = [x for m in course.modules for x in m.lessons]
        assert len(course.modules) >= 3 and len(lessons) >= 8, course.slug
        assert course.status == "published" and course.has_handbook
        assert all('class="cite' in x.body_html for x in lessons), course.slug
        assert all("<script" not in x.body_html for x in lessons)
    assert validate_content(Path(__file__).resolve().parents[2] / "content").errors == []


def test_a_course_folder_given_as_path_is_explained(app):
    report = import_content(SAMPLES / "good" / "courses" / "luat-cong-doan")
    assert len(report.errors) == 1 and "thư mục của một khóa học" in report.errors[0].message
    assert "laws/ hoặc courses/" in import_content(SAMPLES / "good" / "laws").errors[0].message
