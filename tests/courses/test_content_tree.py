"""Tests for reading a whole content folder: the good sample, then one bad file per error."""
import shutil
from datetime import date
from pathlib import Path

import pytest

from courses.citations import CitationRef
from courses.contentfiles.tree import (
    PART_KINDS, check_citations, lessons_citing_replaced_law_without_note, read_content,
)

SAMPLES = Path(__file__).parent / "samples"
BLLD = "courses/bo-luat-lao-dong-2019"
LCD = "courses/luat-cong-doan"


@pytest.fixture(scope="module")
def good_tree():
    return read_content(SAMPLES / "good")


def _tree_with(tmp_path: Path, case: str):
    """Copy the good sample, lay the bad case's files over it, and read it."""
    root = tmp_path / "content"
    shutil.copytree(SAMPLES / "good", root)
    shutil.copytree(SAMPLES / "bad" / case, root, dirs_exist_ok=True)
    return read_content(root)


def test_good_sample_has_no_errors(good_tree):
    assert good_tree.errors == ()
    assert [law.code for law in good_tree.laws] == ["BLLĐ-2019", "LCĐ-2012", "LCĐ-2024"]
    assert [folder.path for folder in good_tree.courses] == [BLLD, LCD]


def test_lessons_come_in_teaching_order_with_handbook_and_raw_parts(good_tree):
    folder = good_tree.courses[0]
    assert [lesson.slug for lesson in folder.lessons] == [
        "ky-han-tra-luong", "tra-luong-cham", "cham-dut-hop-dong"]
    assert folder.handbook.title == "Sổ tay tiền lương"
    assert set(folder.part_files) == set(PART_KINDS)
    quiz = folder.part_files["quizzes"][0]
    assert quiz.path == f"{BLLD}/quizzes/kiem-tra-tien-luong.yaml"
    assert quiz.text.startswith("slug: kiem-tra-tien-luong\n")
    assert good_tree.courses[1].handbook is None
    assert good_tree.courses[1].part_files["questions"] == ()


def test_lesson_body_keeps_its_file_line(good_tree):
    lesson = good_tree.courses[0].lessons[0]
    assert lesson.body_first_line == 6
    assert lesson.body.startswith("Lương phải được trả đúng kỳ")


BAD_CASES = [
    ("law-yaml-unparseable", [("laws/nd-hong.yaml", 3, "YAML không đọc được")]),
    ("law-duplicate-code", [("laws/zz-trung.yaml", 1,
                             "mã văn bản 'BLLĐ-2019' bị trùng với laws/blld-2019.yaml")]),
    ("law-duplicate-article", [("laws/nd-145-2020.yaml", 13, "Điều 5 bị trùng (đã có ở dòng 10)")]),
    ("law-replaced-by-nowhere", [("laws/nd-145-2020.yaml", 8,
                                  "replaced_by: không có văn bản 'NĐ-999-2030'")]),
    ("article-replaced-by-nowhere", [("laws/nd-145-2020.yaml", 13,
                                      "Điều 5: replaced_by 'BLLĐ-2019:999' không có")]),
    ("law-note-citation", [("laws/nd-145-2020.yaml", 11, "không có Điều 999")]),
    ("law-bad-kind", [("laws/nd-145-2020.yaml", 5, "'kind' phải là một trong")]),
    ("course-yaml-unparseable", [("courses/khoa-hong/course.yaml", 3, "YAML không đọc được")]),
    ("missing-course-yaml", [("courses/khoa-thieu/course.yaml", 0, "thiếu tệp course.yaml")]),
    ("duplicate-course-slug", [
        ("courses/zz-ban-sao/course.yaml", 1, "phải trùng tên thư mục 'zz-ban-sao'"),
        ("courses/zz-ban-sao/course.yaml", 1, f"bị trùng với {LCD}/course.yaml")]),
    ("course-bad-topic", [(f"{LCD}/course.yaml", 4, "(đang là 'union-law')")]),
    ("duplicate-module-slug", [(f"{LCD}/course.yaml", 12, "Chương 'dai-dien' bị trùng")]),
    ("lesson-listed-twice", [(f"{LCD}/course.yaml", 14, "Bài học 'quyen-dai-dien' bị trùng")]),
    ("lesson-listed-missing", [(f"{LCD}/course.yaml", 11,
                                "bài học 'bai-khong-co' không có tệp lessons/bai-khong-co.md")]),
    ("lesson-not-listed", [(f"{LCD}/lessons/bai-thua.md", 1, "không được liệt kê")]),
    ("lesson-bad-file-name", [(f"{LCD}/lessons/Bai Moi.md", 1, "slug 'Bai Moi' không hợp lệ")]),
    ("unknown-prerequisite", [(f"{LCD}/course.yaml", 7, "không có khóa học 'khoa-khong-co'")]),
    ("prerequisite-cycle", [(f"{BLLD}/course.yaml", 12, "vòng lặp"),
                            (f"{LCD}/course.yaml", 7, "vòng lặp")]),
    ("front-matter-missing", [(f"{LCD}/lessons/cong-doan-co-so.md", 1, "phải bắt đầu bằng")]),
    ("front-matter-unclosed", [(f"{LCD}/lessons/cong-doan-co-so.md", 1, "không có dòng '---'")]),
    ("front-matter-yaml", [(f"{LCD}/lessons/cong-doan-co-so.md", 3, "YAML không đọc được")]),
    ("lesson-missing-minutes", [(f"{LCD}/lessons/cong-doan-co-so.md", 2,
                                 "thiếu trường 'minutes'")]),
    ("citation-malformed", [(f"{LCD}/lessons/cong-doan-co-so.md", 8,
                             "trích dẫn sai cú pháp [[Điều 10 Luật Công đoàn]]")]),
    ("citation-unknown-law", [(f"{LCD}/lessons/cong-doan-co-so.md", 8,
                               "không có văn bản 'LCĐ-1990'")]),
    ("citation-unknown-article", [(f"{LCD}/lessons/cong-doan-co-so.md", 8,
                                   "văn bản LCĐ-2024 không có Điều 99")]),
    ("citation-in-law-change-note", [(f"{LCD}/lessons/quyen-dai-dien.md", 7,
                                      "văn bản LCĐ-2012 không có Điều 99")]),
    ("citation-in-handbook", [(f"{BLLD}/handbook.md", 7, "sai cú pháp [[BLLĐ-2019 97]]")]),
    ("part-file-yml", [(f"{BLLD}/questions/cu.yml", 0, "đuôi .yaml")]),
    ("law-file-yml", [("laws/cu.yml", 0, "đuôi .yaml")]),
]


@pytest.mark.parametrize("case, expected", BAD_CASES, ids=[case for case, _ in BAD_CASES])
def test_each_bad_file_gives_exactly_its_errors(tmp_path, case, expected):
    tree = _tree_with(tmp_path, case)
    assert [(e.path, e.line) for e in tree.errors] == [(p, line) for p, line, _ in expected]
    for error, (_, _, fragment) in zip(tree.errors, expected):
        assert fragment in error.message


def test_every_bad_sample_is_tested():
    assert {p.name for p in (SAMPLES / "bad").iterdir()} == {case for case, _ in BAD_CASES}


def test_unreadable_course_yaml_drops_the_course_but_keeps_the_rest(tmp_path):
    tree = _tree_with(tmp_path, "course-yaml-unparseable")
    assert [folder.path for folder in tree.courses] == [BLLD, LCD]


def test_text_that_is_not_utf8_names_its_line(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SAMPLES / "good", root)
    (root / LCD / "lessons" / "cong-doan-co-so.md").write_bytes(
        "---\ntitle: T\n".encode() + b"summary: caf\xe9\n")
    errors = read_content(root).errors
    assert [(e.path, e.line, e.message) for e in errors] == [
        (f"{LCD}/lessons/cong-doan-co-so.md", 3, "tệp không phải mã UTF-8")]


def test_missing_root_is_one_error(tmp_path):
    tree = read_content(tmp_path / "khong-co")
    assert len(tree.errors) == 1 and tree.errors[0].line == 0
    assert str(tree.errors[0]).endswith("khong-co: không có thư mục nội dung")


def test_error_text_is_path_line_message(tmp_path):
    tree = _tree_with(tmp_path, "citation-unknown-law")
    assert str(tree.errors[0]) == (f"{LCD}/lessons/cong-doan-co-so.md:8: trích dẫn "
                                   "[[LCĐ-1990:10]]: không có văn bản 'LCĐ-1990' trong danh mục luật")


def test_replaced_citations_without_note_are_listed(good_tree):
    found = lessons_citing_replaced_law_without_note(good_tree, date(2026, 1, 1))
    assert [(path, [(c.ref, c.line) for c in cited]) for path, cited in found] == [
        (f"{LCD}/lessons/cong-doan-co-so.md",
         [(CitationRef("LCĐ-2012", "10", "1"), 8), (CitationRef("LCĐ-2024", "4a"), 8)])]


@pytest.mark.parametrize("today, paths", [
    (date(2025, 6, 30), []),  # the 2012 law is still in force on its last day
    (date(2025, 7, 1), [f"{LCD}/lessons/cong-doan-co-so.md"]),
])
def test_replacement_depends_on_today(good_tree, today, paths):
    found = lessons_citing_replaced_law_without_note(good_tree, today)
    assert [path for path, _ in found] == paths


def test_check_citations_for_other_packages(good_tree):
    text = "Đúng [[BLLĐ-2019:97.4]].\nSai [[BLLĐ-2019:9999]] và [[BLLĐ-2019]]."
    errors = check_citations(text, f"{BLLD}/questions/q.yaml", 20, good_tree.registry())
    assert [(e.line, e.message) for e in errors] == [
        (21, "trích dẫn sai cú pháp [[BLLĐ-2019]]: cần dạng [[MÃ:ĐIỀU]], [[MÃ:ĐIỀU.KHOẢN]] "
             "hoặc [[MÃ:ĐIỀU.KHOẢN.ĐIỂM]]"),
        (21, "trích dẫn [[BLLĐ-2019:9999]]: văn bản BLLĐ-2019 không có Điều 9999 trong danh mục"),
    ]
