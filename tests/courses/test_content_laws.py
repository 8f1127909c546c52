"""Tests for law files: parsing with located errors, dumping, replacement by date."""
from datetime import date

import pytest

from courses.contentfiles.laws import (
    ArticleSpec, LawRegistry, LawSpec, dump_law, is_article_replaced, parse_law, successor,
)

GOOD = """\
code: BLLĐ-2019
number: 45/2019/QH14
title: Bộ luật Lao động 2019
short_title: BLLĐ 2019
kind: code
issued_on: 2019-11-20
effective_from: 2021-01-01
effective_to: null
replaced_by: null
note: Ghi chú [[BLLĐ-2019:97]].
articles:
  - number: "97"
    title: Kỳ hạn trả lương
    summary: >
      Lương trả đúng kỳ; chậm từ 15 ngày
      phải trả lãi.
  - number: 4a
    title: Điều có chữ
    summary: Tóm tắt.
    replaced_by: LCĐ-2024:16
    effective_to: 2024-12-31
"""


def test_parse_good_law():
    law, errors = parse_law(GOOD, "laws/blld-2019.yaml")
    assert errors == ()
    assert (law.code, law.kind, law.issued_on, law.effective_to) == (
        "BLLĐ-2019", "code", date(2019, 11, 20), None)
    assert law.articles[0] == ArticleSpec("97", "Kỳ hạn trả lương",
                                          "Lương trả đúng kỳ; chậm từ 15 ngày phải trả lãi.")
    assert (law.articles[0].line, law.articles[1].line) == (12, 17)
    assert law.articles[1].line_of("replaced_by") == 20
    assert law.note_line == 10


def _with(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


@pytest.mark.parametrize("text, line, fragment", [
    ("code: [\n", 2, "YAML không đọc được"),
    ("- a\n- b\n", 1, "phải là một bảng khóa"),
    (_with("kind: code", "kind: statute"), 5, "'kind' phải là một trong"),
    (_with("code: BLLĐ-2019", "code: blld 2019"), 1, "mã văn bản 'blld 2019' không hợp lệ"),
    (_with("title: Bộ luật Lao động 2019\n", ""), 1, "thiếu trường 'title'"),
    (_with("effective_from: 2021-01-01", "effective_from: 1/1/2021"), 7, "dạng YYYY-MM-DD"),
    (_with("effective_to: null", "effective_to: 2020-01-01"), 8, "không được trước"),
    (_with("replaced_by: null", "replaced_by: Luật mới"), 9, "phải là mã một văn bản"),
    (_with('number: "97"', 'number: "97-a"'), 12, "số điều '97-a' không hợp lệ"),
    (_with("number: 4a", 'number: "97"'), 17, "Điều 97 bị trùng (đã có ở dòng 12)"),
    (_with("    summary: Tóm tắt.\n", ""), 17, "Điều 4a: thiếu trường 'summary'"),
    (_with("replaced_by: LCĐ-2024:16", "replaced_by: LCĐ-2024:16.2"), 20, "MÃ:SỐ ĐIỀU"),
    (_with("    summary: Tóm tắt.", "    summary: Tóm tắt.\n    sumary: x"), 20,
     "Điều 4a: trường 'sumary' không có trong định dạng"),
    (_with("articles:\n  - number", "articles:\n  - oops\n  - number"), 12, "mỗi điều phải"),
])
def test_parse_errors_name_the_line(text, line, fragment):
    _, errors = parse_law(text, "laws/x.yaml")
    assert [(e.path, e.line) for e in errors] == [("laws/x.yaml", line)], errors
    assert fragment in errors[0].message


def test_dump_then_parse_gives_an_equal_spec():
    law, _ = parse_law(GOOD, "laws/blld-2019.yaml")
    again, errors = parse_law(dump_law(law), "laws/blld-2019.yaml")
    assert errors == ()
    assert again == law
    assert "number: '97'" in dump_law(law)


def _law(end=None, articles=()):
    return LawSpec("LCĐ-2012", "12/2012/QH13", "Luật Công đoàn 2012", "LCĐ 2012", "law", None,
                   date(2013, 1, 1), end, "LCĐ-2024" if end else None, None, articles)


@pytest.mark.parametrize("law_end, article_end, today, replaced", [
    (None, None, date(2030, 1, 1), False),
    (date(2025, 6, 30), None, date(2025, 6, 30), False),  # still in force on its last day
    (date(2025, 6, 30), None, date(2025, 7, 1), True),
    (None, date(2024, 12, 31), date(2025, 1, 1), True),
    (None, date(2024, 12, 31), date(2024, 12, 31), False),
])
def test_is_article_replaced(law_end, article_end, today, replaced):
    article = ArticleSpec("10", "T", "S", effective_to=article_end)
    assert is_article_replaced(_law(law_end), article, today) is replaced


def test_successor_prefers_the_article_then_the_law():
    law = _law(date(2025, 6, 30))
    assert successor(law, ArticleSpec("10", "T", "S", replaced_by="LCĐ-2024:16")) == "LCĐ-2024:16"
    assert successor(law, ArticleSpec("10", "T", "S")) == "LCĐ-2024"


def test_registry_finds_laws_and_articles():
    article = ArticleSpec("10", "T", "S")
    registry = LawRegistry.from_laws([_law(articles=(article,))])
    assert registry.article("LCĐ-2012", "10") is article
    assert registry.article("LCĐ-2012", "11") is None
    assert registry.law("LCĐ-2024") is None
