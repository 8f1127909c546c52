"""Table tests for GIFT import and export over the corpus in gift_corpus/."""
from pathlib import Path

import pytest

from quizzes.bankfile import parse_bank_file, read_question
from quizzes.gift import GiftItem, parse_gift, write_gift

CORPUS = Path(__file__).parent / "gift_corpus"
GOOD = sorted(p.stem for p in CORPUS.glob("*.gift") if not p.stem.startswith("bad_"))
BAD = sorted(p.stem for p in CORPUS.glob("bad_*.gift"))
EVERY_TYPE = (Path(__file__).parent / "data" / "every_type.yaml").read_text(encoding="utf-8")


def _read(name: str, suffix: str) -> str:
    return (CORPUS / f"{name}{suffix}").read_text(encoding="utf-8")


def test_corpus_is_complete():
    assert GOOD == ["choice", "essay", "formats_escapes", "matching", "numerical",
                    "short_answer", "true_false"]
    assert BAD == ["bad_answers", "bad_semantics", "bad_structure"]


@pytest.mark.parametrize("name", GOOD)
def test_good_file_gives_the_expected_bank(name):
    result = parse_gift(_read(name, ".gift"))
    expected = parse_bank_file(_read(name, ".expected.yaml"), name)
    assert expected.errors == ()
    assert result.errors == ()
    assert {item.category for item in result.items} == {expected.category}
    assert result.questions == expected.questions


@pytest.mark.parametrize("name", GOOD)
def test_good_file_round_trips_through_the_writer(name):
    first = parse_gift(_read(name, ".gift"))
    export = write_gift(first.items)
    again = parse_gift(export.text)
    assert export.skipped == () and again.errors == ()
    assert again.items == first.items


@pytest.mark.parametrize("name", BAD)
def test_bad_file_reports_every_error_with_its_line(name):
    expected = [line.split(": ", 1) for line in _read(name, ".errors").splitlines()]
    found = [(error.line, error.message) for error in parse_gift(_read(name, ".gift")).errors]
    assert len(found) == len(expected), found
    for (line, fragment), (found_line, message) in zip(expected, found):
        assert (found_line, fragment in message) == (int(line), True), (line, message)


def test_bad_files_keep_only_their_good_questions():
    assert [q.slug for q in parse_gift(_read("bad_structure", ".gift")).questions] == [
        "cau-tot"]
    assert parse_gift(_read("bad_answers", ".gift")).questions == ()
    assert [q.slug for q in parse_gift(_read("bad_semantics", ".gift")).questions] == [
        "trung-ma"]


def test_bank_of_every_type_round_trips_except_ordering():
    bank = parse_bank_file(EVERY_TYPE, "every_type.yaml")
    export = write_gift(bank.questions, category=bank.category)
    assert [(s.slug, s.reason) for s in export.skipped] == [
        ("trinh-tu-dinh-cong", "GIFT không có loại câu hỏi sắp xếp thứ tự")]
    result = parse_gift(export.text)
    assert result.errors == ()
    assert result.questions == tuple(q for q in bank.questions if q.type != "ordering")
    assert {item.category for item in result.items} == {bank.category}


def test_writer_output_is_moodle_shaped():
    bank = parse_bank_file(EVERY_TYPE, "every_type.yaml")
    text = write_gift(bank.questions, category=bank.category).text
    assert text.startswith("$CATEGORY: $course$/top/Tiền lương và thưởng/Trả lương\n\n")
    assert "// [id:thoi-han-tra-luong] [points:1.5]\n[markdown]Chậm trả lương" in text
    assert "{#\n\t=15#Đúng.\n\t=%50%14.5:0.5\n" in text
    assert "[markdown]Người lao động được nghỉ {\n\t=5\n\t~3\n} ngày Tết Âm lịch.\n" in text
    assert "{FALSE#Sai [[BLLĐ-2019\\:201]].#Đúng, phải lấy ý kiến.}" in text
    assert "\t~%-100%Quyết định sa thải#" in text


def _question(**fields):
    raw = {"slug": "q", "type": "single_choice", "text": "Câu?", **fields}
    question, problems = read_question(raw)
    assert problems == ()
    return question


@pytest.mark.parametrize("fields, reason", [
    ({"type": "matching", "pairs": [{"left": "a -> b", "right": "1"},
                                    {"left": "c", "right": "2"}]}, "chứa '->'"),
    ({"type": "short_answer", "answers": [{"text": "a->b"}]}, "chứa '->'"),
    ({"type": "short_answer", "answers": [{"text": "a", "feedback": "x -> y"}]}, "chứa '->'"),
    ({"options": [{"text": "%50% tăng", "correct": True}, {"text": "b"}]}, "giống trọng số"),
    ({"options": [{"text": "[html]x", "correct": True}, {"text": "b"}]}, "thẻ định dạng"),
])
def test_writer_skips_what_gift_cannot_carry(fields, reason):
    export = write_gift([_question(**fields), _question(slug="ok", type="essay")])
    assert len(export.skipped) == 1 and reason in export.skipped[0].reason
    assert [q.slug for q in parse_gift(export.text).questions] == ["ok"]


def test_categories_follow_the_last_category_line():
    text = ("Trước mọi nhóm {T}\n\n$CATEGORY: $course$/top/A / B\n\nCâu một {T}\n\n"
            "$CATEGORY: $system$/C\nCâu hai dính liền dòng nhóm {F}\n\n$CATEGORY: top\n\n"
            "Câu ba {T}\n")
    result = parse_gift(text)
    assert result.errors == ()
    assert [(i.category, i.question.text) for i in result.items] == [
        ("", "Trước mọi nhóm"), ("A/B", "Câu một"), ("C", "Câu hai dính liền dòng nhóm"),
        ("", "Câu ba")]
    assert [i.question.line for i in result.items] == [1, 5, 8, 12]
    export = write_gift(result.items)
    assert parse_gift(export.text).items == result.items


def test_slugs_are_generated_unique_and_ids_win():
    text = ("::Câu hỏi::A {T}\n\n::Câu hỏi::B {T}\n\n// [id:cau-hoi]\nC {T}\n\n"
            "// [id:Mã Số 7]\nD {T}\n\n[markdown]!!! {T}\n")
    result = parse_gift(text)
    assert result.errors == ()
    assert [q.slug for q in result.questions] == [
        "cau-hoi-2", "cau-hoi-3", "cau-hoi", "ma-so-7", "cau-hoi-4"]


def test_windows_line_endings_and_byte_order_mark():
    result = parse_gift("\ufeff// chú thích\r\n::T::Câu\r\nhai dòng {T}\r\n\r\nCâu {F}\r\n")
    assert result.errors == ()
    assert [(q.text, q.line) for q in result.questions] == [("Câu\nhai dòng", 2), ("Câu", 5)]


def test_empty_and_comment_only_files_give_nothing():
    assert parse_gift("") == parse_gift("// chỉ có chú thích\n\n// nữa\n")
    assert parse_gift("").items == () and parse_gift("").errors == ()


def test_bare_questions_without_category_write_no_category_line():
    export = write_gift([_question(type="essay")])
    assert not export.text.startswith("$CATEGORY")
    assert parse_gift(export.text).items == (GiftItem("", _question(type="essay")),)


@pytest.mark.parametrize("fmt", ["plain", "moodle"])
def test_plain_text_renders_as_typed(fmt):
    from lms.markup import render_markdown
    result = parse_gift(f"[{fmt}]a <b>x</b> *y* [z](u) 1. # | \\\\ _\\n- c {{T}}\n")
    assert result.errors == ()
    html = render_markdown(result.questions[0].text)
    assert html == "<p>a &lt;b&gt;x&lt;/b&gt; *y* [z](u) 1. # | \\ _<br>\n- c</p>"
