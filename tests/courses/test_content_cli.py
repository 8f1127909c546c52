"""``flask content import|export|check`` and the export -> import round trip."""
import shutil
from pathlib import Path

import sqlalchemy as sa

from courses.exporter import export_course
from courses.importer import import_content
from courses.models import Course, Lesson
from lms.extensions import db
from tests.conftest import make_app
from tests.courses.snapshot import content_snapshot

SAMPLES = Path(__file__).parent / "samples"


def test_import_prints_counts(app, runner):
    result = runner.invoke(args=["content", "import", str(SAMPLES / "good")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:6] == [
        "Laws: 3 created.", "Articles: 7 created.", "Courses: 2 created.",
        "Modules: 3 created.", "Lessons: 5 created.", "Lesson revisions recorded: 5."]
    # The quizzes package imports the questions, quizzes and scenarios of the sample.
    assert "bo-luat-lao-dong-2019: quizzes: 1 câu hỏi, 1 bài kiểm tra, 1 tình huống" \
        in result.output
    assert "Files no installed package imports yet" not in result.output
    assert result.output.rstrip().endswith(f"Imported {SAMPLES / 'good'}.")


def test_import_defaults_to_the_configured_content_folder(app, runner, tmp_path):
    shutil.copytree(SAMPLES / "good", app.config["CONTENT_DIR"])
    result = runner.invoke(args=["content", "import", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Dry run:" in result.output and "nothing was written" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Course)) == 0


def test_import_errors_go_to_stderr_with_file_and_line(app, runner, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SAMPLES / "good", root)
    shutil.copytree(SAMPLES / "bad" / "citation-unknown-article", root, dirs_exist_ok=True)
    result = runner.invoke(args=["content", "import", str(root)])
    assert result.exit_code == 1
    assert ("courses/luat-cong-doan/lessons/cong-doan-co-so.md:8: trích dẫn [[LCĐ-2024:99.1]]"
            in result.stderr)
    assert "Nothing imported: 1 problem(s)." in result.stderr


def test_check_lists_replaced_citations_without_a_note(app, runner):
    import_content(SAMPLES / "good")
    result = runner.invoke(args=["content", "check", str(SAMPLES / "good")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"Problems in the files of {SAMPLES / 'good'}: none" in lines
    assert "Lessons (files) citing replaced law without law_change_note: 1" in lines
    assert any(line.startswith("  courses/luat-cong-doan/lessons/cong-doan-co-so.md: "
                               "[[LCĐ-2012:10.1]] (dòng 8)") for line in lines)
    assert "Lessons (database) citing replaced law without a note: 1" in lines


def test_check_finds_broken_citations_in_the_database(app, runner):
    import_content(SAMPLES / "good")
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.slug == "ky-han-tra-luong"))
    lesson.body_md += "\nXem [[BLLĐ-2019:5000]]."
    db.session.commit()
    result = runner.invoke(args=["content", "check", str(SAMPLES / "good")])
    assert "Broken citations in the database: 1" in result.output
    assert "bo-luat-lao-dong-2019/ky-han-tra-luong: dòng" in result.output


def test_check_of_the_real_content_is_clean(app, runner):
    root = Path(__file__).resolve().parents[2] / "content"
    import_content(root)
    result = runner.invoke(args=["content", "check", str(root)])
    assert result.exit_code == 0, result.output


def test_export_of_an_unknown_course_fails(app, runner, tmp_path):
    result = runner.invoke(args=["content", "export", "khong-co", str(tmp_path)])
    assert result.exit_code == 1 and "Không có khóa học 'khong-co'" in result.stderr


def test_export_then_import_gives_identical_content(app, runner, tmp_path):
    import_content(SAMPLES / "good")
    before = content_snapshot()
    out = tmp_path / "export"
    for slug in ("bo-luat-lao-dong-2019", "luat-cong-doan"):
        result = runner.invoke(args=["content", "export", slug, str(out)])
        assert result.exit_code == 0 and f"Exported {slug} to {out}" in result.output
    # Into the same database: nothing changes.
    report = import_content(out)
    assert report.errors == []
    assert not any(report.tally[f"{k} {v}"] for k in ("laws", "articles", "courses", "modules",
                                                        "lessons")
                   for v in ("created", "updated", "removed"))
    assert content_snapshot() == before
    # Into a fresh database: the same content.
    other = make_app(tmp_path / "other")
    with other.app_context():
        assert import_content(out).errors == []
        assert content_snapshot() == before
        db.session.remove()


def test_export_keeps_draft_lessons_as_drafts(app, tmp_path):
    import_content(SAMPLES / "good")
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.slug == "cong-doan-co-so"))
    lesson.status = "draft"
    db.session.commit()
    before = content_snapshot()
    export_course("luat-cong-doan", tmp_path)
    text = (tmp_path / "courses/luat-cong-doan/lessons/cong-doan-co-so.md").read_text("utf-8")
    assert "\nstatus: draft\n" in text
    lesson.status = "published"
    db.session.commit()
    assert import_content(tmp_path).errors == []
    assert content_snapshot() == before
