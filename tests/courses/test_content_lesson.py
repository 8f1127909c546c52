"""Tests for lesson and handbook files: front matter, body lines, word count, dumping."""
import pytest

from courses.contentfiles.lesson import LessonSpec, dump_lesson, parse_lesson, word_count

GOOD = """\
---
title: Kỳ hạn trả lương
summary: Một câu.
minutes: 15
law_change_note: >
  Luật cũ [[LCĐ-2012:10]] đã hết hiệu lực.
---
Thân bài [[BLLĐ-2019:97.4]].

## Việc cần làm
- [ ] Đối chiếu.
"""


def test_parse_good_lesson():
    lesson, errors = parse_lesson(GOOD, "courses/c/lessons/ky-han.md", slug="ky-han")
    assert errors == ()
    assert lesson == LessonSpec(
        "ky-han", "Kỳ hạn trả lương", "Một câu.", 15, "Luật cũ [[LCĐ-2012:10]] đã hết hiệu lực.",
        "Thân bài [[BLLĐ-2019:97.4]].\n\n## Việc cần làm\n- [ ] Đối chiếu.\n")
    assert (lesson.body_first_line, lesson.note_line) == (8, 6)


def test_handbook_needs_no_minutes_and_takes_no_law_change_note():
    text = "---\ntitle: Sổ tay\nsummary: Mốc.\n---\n| a |\n|---|\n"
    handbook, errors = parse_lesson(text, "h.md", slug="handbook", is_handbook=True)
    assert errors == () and handbook.minutes is None and handbook.body_first_line == 5
    _, errors = parse_lesson(GOOD, "h.md", slug="handbook", is_handbook=True)
    assert [(e.line, e.message) for e in errors] == [
        (5, "trường 'law_change_note' không có trong định dạng")]


def test_byte_order_mark_and_windows_fences_are_accepted():
    lesson, errors = parse_lesson("\ufeff---\r\ntitle: T\r\nsummary: S\r\nminutes: 5\r\n---\r\nB",
                                  "l.md", slug="l")
    assert errors == () and lesson.title == "T"


@pytest.mark.parametrize("text, line, fragment", [
    ("title: T\n---\nBody\n", 1, "phải bắt đầu bằng dòng '---'"),
    ("---\ntitle: T\nsummary: S\nminutes: 5\nBody\n", 1, "không có dòng '---' đóng lại"),
    ("---\ntitle: T\nsummary: [S\nminutes: 5\n---\nBody\n", 4, "YAML không đọc được"),
    ("---\n- T\n---\nBody\n", 2, "phải là một bảng khóa"),
    ("---\ntitle: T\nsummary: S\n---\nBody\n", 2, "thiếu trường 'minutes'"),
    ("---\ntitle: T\nsummary: S\nminutes: mười\n---\n", 4, "'minutes' phải là một số nguyên"),
    ("---\ntitle: T\nsummary: S\nminutes: 0\n---\n", 4, "'minutes' phải từ 1 trở lên"),
    ("---\ntitle: ''\nsummary: S\nminutes: 5\n---\n", 2, "'title' không được để trống"),
    ("---\ntitle: T\nsummary: S\nminutes: 5\nlaw_change_notes: x\n---\n", 5,
     "trường 'law_change_notes' không có"),
])
def test_front_matter_errors_name_the_line(text, line, fragment):
    _, errors = parse_lesson(text, "courses/c/lessons/l.md", slug="l")
    assert [(e.path, e.line) for e in errors] == [("courses/c/lessons/l.md", line)], errors
    assert fragment in errors[0].message


def test_dump_then_parse_gives_an_equal_spec():
    lesson, _ = parse_lesson(GOOD, "l.md", slug="ky-han")
    text = dump_lesson(lesson)
    assert text.startswith("---\ntitle: Kỳ hạn trả lương\n")
    again, errors = parse_lesson(text, "l.md", slug="ky-han")
    assert errors == () and again == lesson


@pytest.mark.parametrize("body, count", [
    ("", 0),
    ("Một hai ba.", 3),
    ("## Việc cần làm\n- [ ] Đối chiếu [[BLLĐ-2019:97.4]].\n", 6),
    ("| a | b |\n|---|---|\n| 45/2019/QH14 | x |\n> **Ví dụ:** một", 7),
])
def test_word_count(body, count):
    assert word_count(body) == count
