"""Content parts of other packages take part in the one all-or-nothing import and in export."""
from pathlib import Path

import pytest
import sqlalchemy as sa

from courses.content_parts import ContentPart, register_content_part
from courses.contentfiles.errors import ContentError
from courses.exporter import export_course
from courses.importer import import_content
from courses.models import Course, Law
from lms.audit import record_event
from lms.extensions import db
from lms.models import AuditLog

SAMPLES = Path(__file__).parent / "samples"


class FakeQuestions:
    """A stand-in for the quizzes package: reads questions/*.yaml, writes audit rows."""

    def __init__(self, *, fail_write=False, bad_text=None):
        self.calls = []
        self.fail_write = fail_write
        self.bad_text = bad_text

    def validate(self, folder, check_markdown):
        self.calls.append(("validate", folder.spec.slug))
        files = folder.part_files["questions"]
        errors = []
        for source in files:
            text = self.bad_text or source.text
            errors += check_markdown(text, source.path, 1)
        return [source.path for source in files], errors

    def write(self, course, plan, *, actor):
        self.calls.append(("write", course.slug))
        if self.fail_write:
            raise RuntimeError("write failed")
        for path in plan:
            record_event("fake_question_file", target=course, path=path)
        return f"{len(plan)} file(s)" if plan else None

    def export(self, course, dest):
        self.calls.append(("export", course.slug))
        target = Path(dest) / "questions" / "exported.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("category: Xuất\nquestions: []\n", encoding="utf-8")
        return [target]

    def part(self) -> ContentPart:
        return ContentPart("questions", self.validate, self.write, self.export)


def _fake_rows() -> list:
    return list(db.session.scalars(sa.select(AuditLog.details)
                                   .where(AuditLog.action == "fake_question_file")))


def test_parts_validate_each_course_and_write_in_the_same_transaction(app):
    fake = FakeQuestions()
    register_content_part(app, fake.part())
    report = import_content(SAMPLES / "good")
    assert report.errors == [] and report.written
    assert ("validate", "bo-luat-lao-dong-2019") in fake.calls
    assert ("write", "luat-cong-doan") in fake.calls
    # The quizzes package registers the real part for questions, quizzes and scenarios.
    assert report.part_summaries == [
        "bo-luat-lao-dong-2019: quizzes: 1 câu hỏi, 1 bài kiểm tra, 1 tình huống",
        "bo-luat-lao-dong-2019: questions: 1 file(s)"]
    assert [d["path"] for d in _fake_rows()] == [
        "courses/bo-luat-lao-dong-2019/questions/tien-luong.yaml"]
    assert report.unhandled_parts == []


def test_a_part_error_stops_the_whole_import_with_its_file_and_line(app):
    fake = FakeQuestions(bad_text="Câu hỏi\nxem [[BLLĐ-2019:999]]")
    register_content_part(app, fake.part())
    report = import_content(SAMPLES / "good")
    assert report.errors == [ContentError(
        "courses/bo-luat-lao-dong-2019/questions/tien-luong.yaml", 2,
        "trích dẫn [[BLLĐ-2019:999]]: văn bản BLLĐ-2019 không có Điều 999 trong danh mục")]
    assert not any(call[0] == "write" for call in fake.calls)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Law)) == 0


def test_a_failing_part_write_rolls_everything_back(app):
    register_content_part(app, FakeQuestions(fail_write=True).part())
    with pytest.raises(RuntimeError):
        import_content(SAMPLES / "good")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Course)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditLog)) == 0


def test_a_dry_run_rolls_back_what_parts_wrote(app):
    fake = FakeQuestions()
    register_content_part(app, fake.part())
    report = import_content(SAMPLES / "good", dry_run=True)
    assert report.part_summaries and ("write", "bo-luat-lao-dong-2019") in fake.calls
    assert _fake_rows() == []


def test_export_asks_every_part_for_its_files(app, tmp_path):
    fake = FakeQuestions()
    register_content_part(app, fake.part())
    import_content(SAMPLES / "good")
    written = export_course("bo-luat-lao-dong-2019", tmp_path)
    assert ("export", "bo-luat-lao-dong-2019") in fake.calls
    assert tmp_path / "courses/bo-luat-lao-dong-2019/questions/exported.yaml" in written
