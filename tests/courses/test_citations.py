"""Tests for the citation syntax: parsing, finding in Markdown, Vietnamese wording."""
import unicodedata

import pytest

from courses.citations import (
    CitationRef, find_citations, find_malformed, format_citation, is_law_code,
    parse_citation_ref,
)


@pytest.mark.parametrize("text, expected", [
    ("BLLĐ-2019:97", CitationRef("BLLĐ-2019", "97")),
    ("BLLĐ-2019:97.4", CitationRef("BLLĐ-2019", "97", "4")),
    ("BLLĐ-2019:35.2.b", CitationRef("BLLĐ-2019", "35", "2", "b")),
    ("BLLĐ-2019:35.2.đ", CitationRef("BLLĐ-2019", "35", "2", "đ")),
    ("LCĐ-2024:4a", CitationRef("LCĐ-2024", "4a")),
    ("QĐ-61-TLĐ-2025:3.1", CitationRef("QĐ-61-TLĐ-2025", "3", "1")),
    ("  NĐ-145-2020:12  ", CitationRef("NĐ-145-2020", "12")),
    ("BLLĐ-2019", None),
    ("BLLĐ-2019:", None),
    ("BLLĐ-2019:điều97", None),
    ("blld-2019:97", None),
    ("BLLĐ-2019:97.b", None),
    ("BLLĐ-2019:97.4.b.1", None),
    ("BLLĐ--2019:97", None),
    ("BLLĐ 2019:97", None),
    ("", None),
])
def test_parse_citation_ref(text, expected):
    assert parse_citation_ref(text) == expected


def test_parse_normalises_decomposed_vietnamese_letters_to_nfc():
    decomposed = unicodedata.normalize("NFD", "LƯU-2020:5")
    assert decomposed != "LƯU-2020:5"
    assert parse_citation_ref(decomposed) == CitationRef("LƯU-2020", "5")


@pytest.mark.parametrize("code, valid", [
    ("BLLĐ-2019", True), ("NĐ-145-2020", True), ("LDCCS-2022", True),
    ("blld-2019", False), ("2019-BLLĐ", False), ("-BLLĐ", False), ("BLLĐ_2019", False), ("", False),
])
def test_is_law_code(code, valid):
    assert is_law_code(code) is valid


@pytest.mark.parametrize("ref, expected", [
    ("BLLĐ-2019:97", "Điều 97 BLLĐ 2019"),
    ("BLLĐ-2019:97.4", "khoản 4 Điều 97 BLLĐ 2019"),
    ("BLLĐ-2019:35.2.b", "điểm b khoản 2 Điều 35 BLLĐ 2019"),
    ("LCĐ-2024:4a", "Điều 4a Luật Công đoàn 2024"),
])
def test_format_citation(ref, expected):
    short = {"BLLĐ-2019": "BLLĐ 2019", "LCĐ-2024": "Luật Công đoàn 2024"}
    parsed = parse_citation_ref(ref)
    assert format_citation(parsed, short[parsed.code]) == expected


def test_str_gives_back_the_canonical_reference():
    assert str(CitationRef("BLLĐ-2019", "35", "2", "b")) == "BLLĐ-2019:35.2.b"
    assert str(CitationRef("BLLĐ-2019", "97")) == "BLLĐ-2019:97"


def test_find_citations_reports_line_and_column():
    text = "Mở đầu.\n\nXem [[BLLĐ-2019:97.4]] và [[LCĐ-2024:16]].\n"
    found = find_citations(text, first_line=10)
    assert [(f.raw, f.line, f.column) for f in found] == [
        ("BLLĐ-2019:97.4", 12, 5), ("LCĐ-2024:16", 12, 27)]
    assert found[0].ref == CitationRef("BLLĐ-2019", "97", "4")


@pytest.mark.parametrize("text", [
    "Cú pháp `[[BLLĐ-2019:97]]` trong mã.",
    "Hai dấu ``x [[BLLĐ-2019:97]] ` y`` vẫn là mã.",
    "```\n[[BLLĐ-2019:97]]\n```\n",
    "~~~~\n```\n[[BLLĐ-2019:97]]\n~~~~\n",
    "Viết \\[[BLLĐ-2019:97]] để không trích dẫn.",
])
def test_citations_inside_code_or_escaped_are_not_found(text):
    assert find_citations(text) == ()
    assert find_malformed(text.replace("BLLĐ-2019:97", "sai")) == ()


def test_an_unclosed_fence_hides_nothing():
    assert len(find_citations("```\n[[BLLĐ-2019:97]]\n")) == 1


def test_a_code_span_does_not_run_across_a_blank_line():
    text = "Dấu ` lẻ.\n\n[[BLLĐ-2019:97]] và ` nữa."
    assert [f.line for f in find_citations(text)] == [3]


def test_find_malformed_lists_only_bad_brackets_with_lines():
    text = "Đúng [[BLLĐ-2019:97]].\nSai [[Điều 97 BLLĐ]] và [[BLLĐ-2019]].\n`[[bỏ qua]]`\n"
    bad = find_malformed(text, first_line=3)
    assert [(b.raw, b.line, b.column) for b in bad] == [
        ("Điều 97 BLLĐ", 4, 5), ("BLLĐ-2019", 4, 25)]


def test_single_brackets_and_task_items_are_not_citations():
    text = "- [ ] việc\n- [x] xong\n[liên kết](https://example.org)\n"
    assert find_citations(text) == () and find_malformed(text) == ()
