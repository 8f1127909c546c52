"""Tests for question bank files: validation with lines, Markdown fields, YAML round trip."""
from pathlib import Path

import pytest

from quizzes.bankfile import (
    CITATION_PATTERN, dump_bank_file, markdown_fields, parse_bank_file, read_question,
)

DATA = Path(__file__).parent / "data"
EVERY_TYPE = (DATA / "every_type.yaml").read_text(encoding="utf-8")


def test_every_type_file_is_valid():
    bank = parse_bank_file(EVERY_TYPE, "questions/tien-luong.yaml")
    assert bank.errors == ()
    assert bank.category == "Tiền lương và thưởng/Trả lương"
    assert [q.type for q in bank.questions] == [
        "single_choice", "multiple_choice", "true_false", "short_answer", "numerical",
        "matching", "ordering", "essay", "single_choice"]
    first = bank.questions[0]
    assert (first.slug, first.points, first.line) == ("tra-luong-cham-lai", 2, 3)
    assert first.tags == ("tiền lương", "lãi chậm trả")
    assert first.citations == ("BLLĐ-2019:97.4",)
    assert first.text.startswith("Công ty chậm") and first.text.endswith("[[BLLĐ-2019:97.4]])")
    assert first.data["options"][1] == {
        "text": "Trả đủ lương và ít nhất một khoản tiền lãi trên số tiền trả chậm.",
        "correct": True, "feedback": "Đúng {theo luật} = 100% ~ hết."}
    assert first.spec.options[1].correct is True
    assert bank.questions[4].points == 1.5


def test_dump_parses_back_to_equal_questions():
    bank = parse_bank_file(EVERY_TYPE, "a.yaml")
    text = dump_bank_file(bank.category, bank.questions)
    again = parse_bank_file(text, "b.yaml")
    assert again.errors == ()
    assert again.category == bank.category
    assert again.questions == bank.questions
    assert "    text: |-\n      Công ty chậm trả lương **20 ngày**" in text
    assert "\n\n  - slug: quyen-cua-cong-doan\n" in text
    assert "tags: [tiền lương, lãi chậm trả]" in text
    assert dump_bank_file(again.category, again.questions) == text


def test_dump_keeps_the_documented_key_order():
    bank = parse_bank_file(EVERY_TYPE, "a.yaml")
    text = dump_bank_file(bank.category, bank.questions[:1])
    keys = [line.strip().split(":")[0] for line in text.splitlines()
            if line.startswith(("  - ", "    ")) and not line.startswith("     ")]
    assert keys[:8] == ["- slug", "type", "title", "points", "tags", "citations", "text",
                        "options"]
    assert keys[-1] == "feedback"


def test_markdown_fields_cover_every_author_text():
    bank = parse_bank_file(EVERY_TYPE, "a.yaml")
    labels = [label for label, _ in markdown_fields(bank.questions[0])]
    assert labels == ["nội dung", "phản hồi chung", "phương án 1", "phản hồi phương án 1",
                      "phương án 2", "phản hồi phương án 2", "phương án 3"]
    essay = markdown_fields(bank.questions[7])
    assert essay[-1][0] == "hướng dẫn chấm" and "[[BLLĐ-2019:63]]" in essay[-1][1]


def _errors(text):
    return [(e.line, e.message) for e in parse_bank_file(text, "q.yaml").errors]


HEAD = "category: Nhóm\nquestions:\n"
SINGLE = ("    text: Câu?\n    options:\n      - text: a\n        correct: true\n"
          "      - text: b\n")

BAD_FILES = [
    ("category: [a\n", 1, "YAML lỗi"),
    ("- a\n- b\n", 1, "Tệp câu hỏi phải có 'category' và 'questions'"),
    ("questions:\n  - slug: a\n", 1, "Thiếu tên nhóm câu hỏi 'category'"),
    ("category: A//B\nquestions: []\n", 1, "có một cấp trống"),
    ("category: A\nquestions: []\n", 2, "ít nhất một câu"),
    ("category: A\nquestion: []\nquestions: []\n", 2, "khóa không hợp lệ 'question'"),
    (HEAD + "  - slug: Tra_Luong\n    type: single_choice\n" + SINGLE, 3,
     "Câu hỏi 'Tra_Luong': slug chỉ gồm chữ thường"),
    (HEAD + "  - type: single_choice\n" + SINGLE, 3, "Câu hỏi thứ 1: thiếu 'slug'"),
    (HEAD + "  - slug: a\n    type: cloze\n    text: x\n", 4,
     "Câu hỏi 'a': loại câu hỏi 'cloze' không có"),
    (HEAD + "  - slug: a\n    text: x\n", 3, "Câu hỏi 'a': thiếu 'type'"),
    (HEAD + "  - slug: a\n    type: single_choice\n    points: 0\n" + SINGLE, 5,
     "'points' phải lớn hơn 0"),
    (HEAD + "  - slug: a\n    type: single_choice\n    points: hai\n" + SINGLE, 5,
     "'points' phải là một số"),
    (HEAD + "  - slug: a\n    type: single_choice\n    tags: tiền lương\n" + SINGLE, 5,
     "'tags' phải là danh sách các chuỗi"),
    (HEAD + "  - slug: a\n    type: single_choice\n    citations: [BLLĐ-2019]\n" + SINGLE, 5,
     "trích dẫn 'BLLĐ-2019' sai cú pháp"),
    (HEAD + "  - slug: a\n    type: single_choice\n    answer: true\n" + SINGLE, 5,
     "Câu hỏi 'a': khóa không hợp lệ 'answer'"),
    (HEAD + "  - slug: a\n    type: single_choice\n    options: []\n", 3,
     "Câu hỏi 'a': thiếu 'text'"),
    (HEAD + "  - slug: a\n    type: single_choice\n    text: x\n    options:\n"
     "      - text: a\n      - text: b\n        correct: 1\n", 9,
     "Câu hỏi 'a': phương án 2: 'correct' phải là true hoặc false"),
    (HEAD + "  - slug: a\n    type: true_false\n    text: x\n    answer: true\n"
     "  - slug: a\n    type: true_false\n    text: y\n    answer: false\n", 7,
     "Câu hỏi 'a': slug trùng với câu ở dòng 3"),
    (HEAD + "  - just text\n", 3, "Câu hỏi thứ 1: phải là một mục dạng 'khóa: giá trị'"),
]


@pytest.mark.parametrize("text, line, message", BAD_FILES)
def test_bad_file_reports_line_and_message(text, line, message):
    errors = _errors(text)
    assert any(found_line == line and message in found for found_line, found in errors), errors


def test_a_bad_question_does_not_hide_the_good_ones():
    text = HEAD + "  - slug: a\n    type: true_false\n    text: x\n" \
        "  - slug: b\n    type: true_false\n    text: y\n    answer: false\n"
    bank = parse_bank_file(text, "q.yaml")
    assert [q.slug for q in bank.questions] == ["b"]
    assert [(e.path, e.line) for e in bank.errors] == [("q.yaml", 3)]


@pytest.mark.parametrize("citation, valid", [
    ("BLLĐ-2019:97", True), ("BLLĐ-2019:97.4", True), ("BLLĐ-2019:35.2.b", True),
    ("LCĐ-2024:4a", True), ("NĐ-145-2020:3.1.đ", True), ("QĐ-61-TLĐ-2025:12", True),
    ("BLLĐ-2019", False), ("BLLĐ-2019:", False), ("[[BLLĐ-2019:97]]", False),
    ("blld-2019:97", False), ("BLLĐ-2019:97.b", False), ("BLLĐ-2019:97.4.5", False),
    ("BLLĐ-2019: 97", False), ("BLLĐ--2019:97", False),
])
def test_citation_syntax(citation, valid):
    assert bool(CITATION_PATTERN.match(citation)) is valid


def test_read_question_takes_plain_mappings_too():
    question, problems = read_question({"slug": "a", "type": "essay", "text": "Viết."}, 7)
    assert problems == () and question.line == 7 and question.data == {}
    question, problems = read_question({"slug": "a", "type": "essay"}, 7)
    assert question is None and [(p.line, p.message) for p in problems] == [
        (7, "Câu hỏi 'a': thiếu 'text'")]


def test_questions_are_hashable_and_equal_regardless_of_line():
    bank = parse_bank_file(EVERY_TYPE, "a.yaml")
    again, _ = read_question(
        {"slug": "vai-tro-cong-doan", "type": "essay", "points": 5, "min_words": 150,
         "text": bank.questions[7].text, "rubric": bank.questions[7].spec.rubric}, 99)
    assert again == bank.questions[7]
    assert len({*bank.questions, again}) == len(bank.questions)


def test_bank_and_quiz_readers_share_one_file_error():
    from quizzes import bankfile, filecheck, quizfile
    from quizzes.scenario import fileformat

    bank = parse_bank_file("category: [", "questions/x.yaml")
    assert isinstance(bank.errors[0], filecheck.FileError)
    assert bankfile.FileError is quizfile.FileError is fileformat.FileError
    assert str(filecheck.FileError("a.yaml", 0, "thiếu tệp")) == "a.yaml: thiếu tệp"
    assert str(filecheck.FileError("a.yaml", 3, "sai")) == "a.yaml:3: sai"
    errors = [filecheck.FileError("b", 1, "x"), filecheck.FileError("a", 2, "y")]
    assert sorted(errors)[0].path == "a"
