"""GIFT in the browser (upload, preview, confirm) and on the command line, both ways."""
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from courses.contentfiles.tree import read_content
from lms.extensions import db
from quizzes import bank
from quizzes.models import Question
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "gift_corpus"
GOOD = sorted(p for p in CORPUS.glob("*.gift") if not p.name.startswith("bad_"))


@pytest.fixture
def course(app):
    factories.gen_laws(read_content(ROOT / "content").laws)
    lecturer = factories.gen_user(role="lecturer", email="gv@x.vn")
    return factories.gen_quiz_course(slug="kh", lecturers=[lecturer])


def count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Question))


def test_upload_previews_then_imports_everything(client, auth, course):
    auth.login("gv@x.vn")
    data = (CORPUS / "choice.gift").read_bytes()
    preview = client.post("/teach/course/kh/gift", data={
        "file": (io.BytesIO(data), "ngan-hang.gift"), "category": "Chưa phân loại"},
        content_type="multipart/form-data")
    text = preview.get_data(as_text=True)
    assert "Trả lương chậm" in text and "Nhập" in text and count() == 0
    assert 'data-testid="gift-confirm"' in text
    done = client.post("/teach/course/kh/gift", data={"text": data.decode(),
                                                      "category": "Chưa phân loại"})
    assert done.status_code == 302
    categories = set(db.session.scalars(sa.select(Question.category)))
    assert count() > 3 and "Tiền lương" in categories


@pytest.mark.parametrize("name", ["bad_structure.gift", "bad_answers.gift",
                                  "bad_semantics.gift"])
def test_a_bad_file_is_reported_by_line_and_nothing_is_written(client, auth, course, name):
    auth.login("gv@x.vn")
    data = (CORPUS / name).read_bytes()
    response = client.post("/teach/course/kh/gift", data={
        "file": (io.BytesIO(data), name), "category": "X"}, content_type="multipart/form-data")
    text = response.get_data(as_text=True)
    first = (CORPUS / name.replace(".gift", ".errors")).read_text("utf-8").split(":", 1)[0]
    assert f"Dòng {first}:" in text and 'data-testid="gift-confirm"' not in text
    forced = client.post("/teach/course/kh/gift", data={"text": data.decode(), "category": "X"})
    assert "Tệp GIFT có lỗi; chưa nhập câu hỏi nào" in forced.get_data(as_text=True)
    assert count() == 0


def test_a_file_that_is_not_utf8_is_refused(client, auth, course):
    auth.login("gv@x.vn")
    response = client.post("/teach/course/kh/gift", data={
        "file": (io.BytesIO("Câu hỏi {=Đúng}".encode("utf-16")), "x.gift")},
        content_type="multipart/form-data", follow_redirects=True)
    assert "UTF-8" in response.get_data(as_text=True) and count() == 0


def test_cli_import_prints_counts_per_kind(runner, course, tmp_path):
    gift = tmp_path / "all.gift"
    gift.write_text("\n\n".join(p.read_text("utf-8") for p in GOOD), "utf-8")
    dry = runner.invoke(args=["quizzes", "import-gift", str(gift), "--course", "kh",
                              "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would import" in dry.output and count() == 0
    result = runner.invoke(args=["quizzes", "import-gift", str(gift), "--course", "kh"])
    assert result.exit_code == 0, result.output
    for kind in ("single_choice", "multiple_choice", "true_false", "short_answer", "numerical",
                 "matching", "essay"):
        assert f"{kind}: " in result.output
    assert count() > 20


def test_cli_import_of_a_bad_file_exits_non_zero_with_the_errors(runner, course):
    result = runner.invoke(args=["quizzes", "import-gift", str(CORPUS / "bad_structure.gift"),
                                 "--course", "kh"])
    assert result.exit_code == 1
    assert "Dòng 2:" in result.output and "Dòng 17:" in result.output and count() == 0
    missing = runner.invoke(args=["quizzes", "import-gift", str(CORPUS / "choice.gift"),
                                  "--course", "khong-co"])
    assert missing.exit_code != 0 and "khong-co" in missing.output


def test_export_then_import_round_trips_the_bank(runner, app, tmp_path):
    lecturer = factories.gen_user(role="lecturer")
    courses = factories.gen_content(ROOT / "content", lecturers=[lecturer],
                                    slugs={"bo-luat-lao-dong-2019"})
    factories.gen_quiz_course(slug="ban-sao")
    out = tmp_path / "bank.gift"
    exported = runner.invoke(args=["quizzes", "export-gift", "--course",
                                   "bo-luat-lao-dong-2019", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert "skipped" in exported.output  # ordering questions cannot be written in GIFT
    imported = runner.invoke(args=["quizzes", "import-gift", str(out), "--course", "ban-sao"])
    assert imported.exit_code == 0, imported.output
    source_id = courses["bo-luat-lao-dong-2019"].id
    original = {q.slug: bank.to_bank_question(q) for q in db.session.scalars(
        sa.select(Question).where(Question.course_id == source_id)) if q.type != "ordering"}
    copy = {q.slug: bank.to_bank_question(q) for q in db.session.scalars(
        sa.select(Question).where(Question.course_id != source_id))}
    assert copy == original
    categories = {q.slug: q.category for q in db.session.scalars(sa.select(Question))}
    assert len(set(categories.values())) > 3
