"""Tests for course.yaml: parsing, enumerations, slugs, repeats, dumping."""
import pytest

from courses.contentfiles.course import (
    AudienceSpec, CourseSpec, ModuleSpec, dump_course, parse_course,
)

GOOD = """\
slug: bo-luat-lao-dong-2019
title: Bộ luật Lao động 2019
summary: >
  Hai câu giới thiệu.
topic: labour-code
audience:
  cadre_types: [chuyen_trach]
  positions: [chu_tich, doan_vien]
status: published
enrolment: open
sequential: true
prerequisites: [nhap-mon]
modules:
  - slug: tien-luong
    title: Tiền lương
    summary: Một câu.
    lessons: [ky-han, tra-cham]
  - slug: hop-dong
    title: Hợp đồng
    lessons:
      - giao-ket
"""


def test_parse_good_course():
    course, errors = parse_course(GOOD, "courses/x/course.yaml")
    assert errors == ()
    assert course == CourseSpec(
        slug="bo-luat-lao-dong-2019", title="Bộ luật Lao động 2019", summary="Hai câu giới thiệu.",
        topic="labour-code", audience=AudienceSpec(("chuyen_trach",), ("chu_tich", "doan_vien")),
        status="published", enrolment="open", sequential=True, prerequisites=("nhap-mon",),
        modules=(ModuleSpec("tien-luong", "Tiền lương", "Một câu.", ("ky-han", "tra-cham")),
                 ModuleSpec("hop-dong", "Hợp đồng", "", ("giao-ket",))))
    assert course.lesson_slugs == ("ky-han", "tra-cham", "giao-ket")
    assert course.modules[1].lesson_lines == (21,)
    assert course.prerequisite_lines == (12,)


def test_defaults_when_optional_keys_are_absent():
    text = GOOD.split("audience:")[0] + "status: draft\nenrolment: managed\nmodules:\n" \
        "  - slug: m\n    title: M\n"
    course, errors = parse_course(text, "c.yaml")
    assert errors == ()
    assert (course.audience, course.sequential, course.prerequisites) == (AudienceSpec(), False, ())
    assert course.modules[0].lessons == ()


def _with(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


@pytest.mark.parametrize("text, line, fragment", [
    ("slug: [a\n", 1, "YAML không đọc được"),
    (_with("topic: labour-code", "topic: labour"), 5, "'topic' phải là một trong"),
    (_with("status: published", "status: live"), 9, "'status' phải là một trong"),
    (_with("enrolment: open", "enrolment: self"), 10, "'enrolment' phải là một trong"),
    (_with("cadre_types: [chuyen_trach]", "cadre_types: [kiem_nhiem]"), 7,
     "Đối tượng: 'kiem_nhiem' không có trong cadre_types"),
    (_with("positions: [chu_tich, doan_vien]", "positions:\n    - chu_tich\n    - giam_doc"), 10,
     "'giam_doc' không có trong positions"),
    (_with("sequential: true", "sequential: yes please"), 11, "phải là true hoặc false"),
    (_with("slug: bo-luat-lao-dong-2019", "slug: Bộ Luật"), 1, "slug 'Bộ Luật' không hợp lệ"),
    (_with("  - slug: hop-dong", "  - slug: hop_dong"), 18, "slug 'hop_dong' không hợp lệ"),
    (_with("[ky-han, tra-cham]", "[ky-han, Tra Cham]"), 17, "slug 'Tra Cham' không hợp lệ"),
    (_with("  - slug: hop-dong", "  - slug: tien-luong"), 18,
     "Chương 'tien-luong' bị trùng (đã có ở dòng 14)"),
    (_with("      - giao-ket", "      - ky-han"), 21, "Bài học 'ky-han' bị trùng (đã có ở dòng 17)"),
    (_with("prerequisites: [nhap-mon]", "prerequisites: [bo-luat-lao-dong-2019]"), 12,
     "điều kiện tiên quyết của chính nó"),
    (_with("    title: Hợp đồng\n", ""), 18, "Chương 'hop-dong': thiếu trường 'title'"),
    (_with("sequential: true", "sequental: true"), 11, "trường 'sequental' không có"),
    (GOOD.split("modules:")[0] + "modules: []\n", 13, "ít nhất một chương"),
    (GOOD.split("modules:")[0], 1, "thiếu trường 'modules'"),
])
def test_parse_errors_name_the_line(text, line, fragment):
    _, errors = parse_course(text, "courses/x/course.yaml")
    assert [(e.path, e.line) for e in errors] == [("courses/x/course.yaml", line)], errors
    assert fragment in errors[0].message


def test_dump_then_parse_gives_an_equal_spec():
    course, _ = parse_course(GOOD, "c.yaml")
    text = dump_course(course)
    assert "lessons: [ky-han, tra-cham]" in text
    assert "  cadre_types: [chuyen_trach]" in text
    again, errors = parse_course(text, "c.yaml")
    assert errors == () and again == course
