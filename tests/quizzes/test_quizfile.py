"""Tests for reading and writing quiz files, review options, and the check against the bank."""
from datetime import datetime, timedelta, timezone

import pytest

from quizzes.quizfile import (
    QuestionRef, QuizSpec, RandomRef, ReviewOptions, check_quiz_against_bank, dump_quiz,
    parse_quiz_file,
)

ICT = timezone(timedelta(hours=7))
FULL = """\
slug: kiem-tra-tien-luong
title: Kiểm tra chương Tiền lương
module: tien-luong
intro: |
  Đọc kỹ câu hỏi.
  Chúc may mắn.
time_limit_minutes: 20
opens_at: 2026-12-01T08:00:00+07:00
closes_at: "2026-12-08T17:00:00+07:00"
attempts_allowed: 2
grading_method: average
pass_mark: 70
shuffle_questions: true
shuffle_options: false
overdue_policy: discard
review:
  during: []
  immediately: [marks, correctness, feedback, right_answer]
  later: [correctness, marks]
  after_close: [correctness, marks, feedback, right_answer]
questions:
  - slug: tra-luong-cham-lai
    points: 2
  - random: Tiền lương và thưởng
    count: 2
  - slug: ky-han-tra-luong
"""
MINIMAL = """\
slug: kt
title: KT
module: tien-luong
questions:
  - slug: a
"""


def parse_ok(text):
    spec, errors = parse_quiz_file(text, "quizzes/kt.yaml")
    assert errors == (), errors
    return spec


def test_full_file_is_read():
    spec = parse_ok(FULL)
    assert spec == QuizSpec(
        slug="kiem-tra-tien-luong", title="Kiểm tra chương Tiền lương", module="tien-luong",
        intro="Đọc kỹ câu hỏi.\nChúc may mắn.\n", time_limit_minutes=20,
        opens_at=datetime(2026, 12, 1, 8, tzinfo=ICT),
        closes_at=datetime(2026, 12, 8, 17, tzinfo=ICT), attempts_allowed=2,
        grading_method="average", pass_mark=70, shuffle_questions=True, shuffle_options=False,
        overdue_policy="discard",
        review=ReviewOptions((), ("correctness", "marks", "feedback", "right_answer"),
                             ("correctness", "marks"),
                             ("correctness", "marks", "feedback", "right_answer")),
        questions=(QuestionRef("tra-luong-cham-lai", 2), RandomRef("Tiền lương và thưởng", 2),
                   QuestionRef("ky-han-tra-luong")))
    assert [ref.line for ref in spec.questions] == [22, 24, 26]


def test_defaults():
    spec = parse_ok(MINIMAL)
    assert (spec.time_limit_minutes, spec.opens_at, spec.closes_at, spec.attempts_allowed) == (
        0, None, None, 0)
    assert (spec.grading_method, spec.pass_mark, spec.overdue_policy) == (
        "highest", 50, "autosubmit")
    assert (spec.shuffle_questions, spec.shuffle_options) == (False, True)
    assert spec.review == ReviewOptions()


def test_a_review_moment_left_out_keeps_its_default():
    spec = parse_ok(MINIMAL + "review:\n  during: [feedback]\n")
    assert spec.review.during == ("feedback",)
    assert spec.review.later == ReviewOptions().later


@pytest.mark.parametrize("text", [FULL, MINIMAL, MINIMAL + "pass_mark: 66.5\n"])
def test_dump_reads_back_equal_and_is_stable(text):
    spec = parse_ok(text)
    written = dump_quiz(spec)
    assert parse_ok(written) == spec
    assert dump_quiz(parse_ok(written)) == written


def test_dump_writes_review_lists_on_one_line():
    written = dump_quiz(parse_ok(FULL))
    assert "  later: [correctness, marks]\n" in written
    assert "  during: []\n" in written


@pytest.mark.parametrize("moment, item, allowed", [
    ("during", "feedback", False),
    ("immediately", "right_answer", True),
    ("later", "feedback", False),
    ("later", "marks", True),
    ("after_close", "feedback", True),
])
def test_review_options_allow(moment, item, allowed):
    assert parse_ok(FULL).review.allows(moment, item) is allowed


@pytest.mark.parametrize("moment, item", [("soon", "marks"), ("later", "answers")])
def test_review_options_refuse_unknown_names(moment, item):
    with pytest.raises(ValueError):
        ReviewOptions().allows(moment, item)


@pytest.mark.parametrize("extra, line, fragment", [
    ("grading_method: first\n", 6, "highest, last, average"),
    ("overdue_policy: grace\n", 6, "autosubmit, discard"),
    ("pass_mark: 101\n", 6, "từ 0 đến 100"),
    ("pass_mark: -1\n", 6, "từ 0 đến 100"),
    ("time_limit_minutes: -5\n", 6, "lớn hơn hoặc bằng 0"),
    ("time_limit_minutes: 1.5\n", 6, "số nguyên"),
    ("attempts_allowed: -1\n", 6, "lớn hơn hoặc bằng 0"),
    ("shuffle_questions: 1\n", 6, "true hoặc false"),
    ("opens_at: 2026-12-01\n", 6, "thiếu giờ và múi giờ"),
    ("opens_at: 2026-12-01T08:00:00\n", 6, "thiếu múi giờ"),
    ("opens_at: tomorrow\n", 6, "không đúng dạng"),
    ("opens_at: 2026-12-02T08:00:00+07:00\ncloses_at: 2026-12-01T08:00:00+07:00\n", 7,
     "'closes_at' phải sau 'opens_at'"),
    ("opens_at: 2026-12-01T08:00:00+07:00\ncloses_at: 2026-12-01T01:00:00+00:00\n", 7,
     "'closes_at' phải sau 'opens_at'"),
    ("review: [marks]\n", 6, "'review' phải là bảng"),
    ("review:\n  later: [marks, answers]\n", 7, "'later' phải là danh sách gồm"),
    ("review:\n  sometimes: [marks]\n", 7, "không có trường 'sometimes'"),
    ("timelimit: 5\n", 6, "không có trường 'timelimit'"),
])
def test_setting_errors(extra, line, fragment):
    assert_error(MINIMAL + extra, line, fragment)


@pytest.mark.parametrize("questions, line, fragment", [
    ("questions: []\n", 4, "'questions' phải là danh sách không rỗng"),
    ("questions:\n  - a\n", 5, "câu 1: phải là {slug, points} hoặc {random, count}"),
    ("questions:\n  - points: 2\n", 5, "câu 1: cần đúng một trong 'slug' hoặc 'random'"),
    ("questions:\n  - {slug: a, random: B}\n", 5, "cần đúng một trong"),
    ("questions:\n  - {slug: a, points: 0}\n", 5, "'points' phải lớn hơn 0"),
    ("questions:\n  - {slug: a, count: 2}\n", 5, "không có trường 'count'"),
    ("questions:\n  - {slug: Câu A}\n", 5, "chữ thường không dấu"),
    ("questions:\n  - {random: B, count: 0}\n", 5, "'count' phải lớn hơn hoặc bằng 1"),
    ("questions:\n  - {random: ''}\n", 5, "'random' không được để trống"),
    ("questions:\n  - slug: a\n  - slug: b\n  - slug: a\n", 7, "câu 3: câu hỏi 'a' đã có ở dòng 5"),
])
def test_question_reference_errors(questions, line, fragment):
    assert_error(MINIMAL.replace("questions:\n  - slug: a\n", questions), line, fragment)


def assert_error(text, line, fragment):
    spec, errors = parse_quiz_file(text, "quizzes/kt.yaml")
    assert spec is None
    found = [(e.line, e.message) for e in errors]
    assert any(at == line and fragment in message for at, message in found), found
    assert all(message.startswith("Bài kiểm tra") for _, message in found)


BANK = {"Tiền lương và thưởng": ["tra-luong-cham-lai", "ky-han-tra-luong", "tien-thuong",
                                 "luong-toi-thieu"],
        "Hợp đồng": ["hop-dong-1"]}


@pytest.mark.parametrize("refs, expected", [
    ((QuestionRef("tra-luong-cham-lai"), RandomRef("Tiền lương và thưởng", 3)), []),
    ((QuestionRef("khong-co", line=3),), [(3, "câu hỏi 'khong-co' không có")]),
    ((RandomRef("Kỷ luật", 1, line=4),), [(4, "không có danh mục câu hỏi 'Kỷ luật'")]),
    # the fixed question cannot be drawn again: only 3 are left
    ((RandomRef("Tiền lương và thưởng", 4, line=5), QuestionRef("tien-thuong")),
     [(5, "chỉ còn 3 câu để rút ngẫu nhiên, cần 4")]),
    ((RandomRef("Tiền lương và thưởng", 3), RandomRef("Tiền lương và thưởng", 2, line=6)),
     [(6, "chỉ còn 1 câu để rút ngẫu nhiên, cần 2")]),
])
def test_check_against_bank(refs, expected):
    spec = QuizSpec(slug="kt", title="KT", module="m", questions=refs)
    found = [(e.line, e.message) for e in check_quiz_against_bank(spec, BANK, path="p")]
    assert len(found) == len(expected)
    for (line, fragment), (at, message) in zip(expected, found):
        assert at == line and fragment in message
