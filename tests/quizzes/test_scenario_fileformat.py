"""Tests for reading and writing scenario files."""
from pathlib import Path

import pytest

from quizzes.scenario.fileformat import dump_scenario, parse_scenario_file
from quizzes.scenario.model import Choice, Edge, Node

SAMPLE = (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8")

HEAD = """\
slug: thu
title: Thử
module: tien-luong
start: a
nodes:
"""
END_NODE = """\
  - id: z
    type: end
    outcome: success
"""


def parse_ok(text):
    scenario, errors = parse_scenario_file(text, "scenarios/thu.yaml")
    assert errors == ()
    return scenario


def test_sample_is_read_with_every_part():
    scenario = parse_ok(SAMPLE)
    assert scenario.slug == "cham-tra-luong-20-ngay"
    assert scenario.scoring == "path_sum" and scenario.pass_mark == 60 and scenario.allow_back
    assert scenario.variables == (("trust", 0), ("legal_risk", 0))
    assert [node.kind for node in scenario.nodes] == [
        "situation", "decision", "situation", "decision", "situation", "check",
        "end", "end", "end"]
    decision = scenario.node("chon-cach-xu-ly")
    assert decision.choices[0] == Choice(
        text="Gửi văn bản yêu cầu công ty trả lương ngay và trả lãi.", to="cong-ty-tra-loi",
        score=10, effects=(("trust", 1),), feedback="Đúng hướng [[BLLĐ-2019:97.4]].")
    assert decision.choices[2].when == "trust >= 0"
    assert decision.line == 20 and decision.choices[1].line == 29
    check = scenario.node("kiem-tra-nhanh")
    assert check.question == "tra-luong-cham-lai" and check.points == 10
    assert check.edges[0] == Edge("ket-thuc-tot", "score >= 20 and legal_risk < 2")
    assert check.edges[2] == Edge("ket-thuc-xau")
    assert scenario.node("mo-dau").edges == (Edge("chon-cach-xu-ly"),)
    end = scenario.node("ket-thuc-tot")
    assert (end.outcome, end.score) == ("success", 100)
    assert scenario.line_of("start") == 11


def test_defaults_apply_to_optional_settings():
    scenario = parse_ok(HEAD + """\
  - id: a
    type: check
    question: q
    next: z
""" + END_NODE)
    assert (scenario.scoring, scenario.pass_mark, scenario.allow_back) == ("path_sum", 60, False)
    assert scenario.resume is True
    assert scenario.variables == () and scenario.summary == ""
    assert scenario.node("a").points == 10
    assert scenario.node("z").score is None


def test_dump_reads_back_equal_and_is_stable():
    scenario = parse_ok(SAMPLE)
    written = dump_scenario(scenario)
    again = parse_ok(written)
    assert again == scenario
    assert dump_scenario(again) == written


def test_dump_is_readable():
    written = dump_scenario(parse_ok(SAMPLE))
    assert "effects: {trust: 1}" in written
    assert "text: |" in written
    assert "Công ty chậm trả lương 20 ngày" in written
    assert "next: chon-cach-xu-ly" in written


def test_dump_of_edited_scenario_keeps_new_fields():
    scenario = parse_ok(SAMPLE)
    node = scenario.node("ngung-viec")
    edited = Node(id=node.id, kind=node.kind, text="Hai dòng\nvăn bản\n",
                  edges=(Edge("ket-thuc-xau", "legal_risk >= 3"), Edge("kiem-tra-nhanh")))
    nodes = tuple(edited if n.id == node.id else n for n in scenario.nodes)
    changed = type(scenario)(**{**scenario.__dict__, "nodes": nodes})
    assert parse_ok(dump_scenario(changed)) == changed


@pytest.mark.parametrize("text, expected", [
    ("slug: [x\n", [(1, "YAML không đọc được")]),
    ("slug: a\nslug: b\n", [(2, "khóa bị lặp")]),
    ("- a\n- b\n", [(1, "bảng khóa")]),
    (HEAD.replace("start: a\n", "start: a\nscorring: none\n") + END_NODE,
     [(5, "không có trường 'scorring'")]),
    (HEAD.replace("title: Thử\n", "") + END_NODE, [(1, "thiếu trường 'title'")]),
    (HEAD.replace("slug: thu", "slug: Chậm Trả") + END_NODE, [(1, "chữ thường không dấu")]),
    (HEAD.replace("start: a\n", "scoring: dynamic\nstart: a\n") + END_NODE,
     [(4, "path_sum, end_score, none")]),
    (HEAD.replace("start: a\n", "pass_mark: 120\nstart: a\n") + END_NODE, [(4, "từ 0 đến 100")]),
    (HEAD.replace("start: a\n", "allow_back: có\nstart: a\n") + END_NODE,
     [(4, "true hoặc false")]),
    (HEAD.replace("start: a\n", "variables:\n  trust: '1'\nstart: a\n") + END_NODE,
     [(5, "'variables.trust' phải là tên: số nguyên")]),
    (HEAD.replace("start: a\n", "variables: [trust]\nstart: a\n") + END_NODE,
     [(4, "'variables' phải là một bảng")]),
    (HEAD + "  []\n", [(5, "'nodes' phải là một danh sách không rỗng")]),
    (HEAD + "  - just text\n", [(6, "mỗi nút phải là một bảng")]),
])
def test_file_level_errors(text, expected):
    check_errors(text, expected)


@pytest.mark.parametrize("nodes, expected", [
    ("  - id: a\n    text: x\n    next: z\n", [(6, "Nút 'a': thiếu trường 'type'")]),
    ("  - id: a\n    type: video\n", [(7, "Nút 'a': 'type' phải là một trong")]),
    ("  - type: situation\n    text: x\n    next: z\n", [(6, "Nút thứ 1: thiếu trường 'id'")]),
    ("  - id: A_1\n    type: end\n    outcome: success\n", [(6, "Nút 'A_1': 'id' chỉ gồm")]),
    ("  - id: a\n    type: situation\n", [(6, "Nút 'a': thiếu trường 'text'"),
                                          (6, "Nút 'a': thiếu trường 'next'")]),
    ("  - id: a\n    type: situation\n    text: x\n    next: 5\n",
     [(9, "Nút 'a': 'next' phải là mã một nút")]),
    ("  - id: a\n    type: situation\n    text: x\n    next: [z]\n",
     [(9, "Nút 'a': mỗi nhánh phải là")]),
    ("  - id: a\n    type: situation\n    text: x\n    next:\n      - when: score > 1\n",
     [(10, "Nút 'a', nhánh 1: thiếu trường 'to'")]),
    ("  - id: a\n    type: situation\n    text: x\n    next:\n      - to: z\n        if: x\n",
     [(11, "Nút 'a', nhánh 1: không có trường 'if'")]),
    ("  - id: a\n    type: decision\n    prompt: p\n    next: z\n    choices:\n"
     "      - {text: t, to: z}\n      - {text: u, to: z}\n",
     [(9, "Nút 'a': không có trường 'next'")]),
    ("  - id: a\n    type: decision\n    choices:\n      - {text: t, to: z}\n",
     [(6, "Nút 'a': thiếu trường 'prompt'")]),
    ("  - id: a\n    type: decision\n    prompt: p\n    choices: nothing\n",
     [(9, "Nút 'a': 'choices' phải là một danh sách")]),
    ("  - id: a\n    type: decision\n    prompt: p\n    choices:\n      - text: t\n"
     "      - text: u\n        to: z\n        score: mười\n",
     [(10, "Nút 'a', lựa chọn 1: thiếu trường 'to'"),
      (13, "Nút 'a', lựa chọn 2: 'score' phải là số nguyên")]),
    ("  - id: a\n    type: decision\n    prompt: p\n    choices:\n      - text: t\n"
     "        to: z\n        when: 5\n        effects: {trust: x}\n",
     [(12, "Nút 'a', lựa chọn 1: 'when' phải là văn bản"),
      (13, "Nút 'a', lựa chọn 1: 'effects.trust' phải là tên: số nguyên")]),
    ("  - id: a\n    type: decision\n    prompt: p\n    choices:\n      - text: t\n"
     "        to: z\n        when: ''\n",
     [(12, "Nút 'a', lựa chọn 1: 'when' không được để trống")]),
    ("  - id: a\n    type: check\n    points: -1\n    next: z\n",
     [(6, "Nút 'a': thiếu trường 'question'"), (8, "Nút 'a': 'points' phải lớn hơn")]),
    ("  - id: a\n    type: check\n    question: q\n    points: 2.5\n    next: z\n",
     [(9, "Nút 'a': 'points' phải là số nguyên")]),
    ("  - id: a\n    type: end\n    outcome: win\n    score: high\n",
     [(8, "Nút 'a': 'outcome' phải là một trong: success, partial, failure"),
      (9, "Nút 'a': 'score' phải là số nguyên")]),
    ("  - id: a\n    type: end\n    title: 2019\n", [(6, "Nút 'a': thiếu trường 'outcome'"),
                                                     (8, "Nút 'a': 'title' phải là văn bản")]),
])
def test_node_errors_name_the_node_and_line(nodes, expected):
    check_errors(HEAD + nodes, expected)


def check_errors(text, expected):
    scenario, errors = parse_scenario_file(text, "scenarios/thu.yaml")
    assert scenario is None
    assert all(error.path == "scenarios/thu.yaml" for error in errors)
    found = [(error.line, error.message) for error in errors]
    for line, fragment in expected:
        assert any(at == line and fragment in message for at, message in found), found


def test_unknown_non_text_key_is_reported_at_its_line():
    check_errors(HEAD.replace("start: a\n", "start: a\n3: x\n") + END_NODE,
                 [(5, "không có trường '3'")])


def test_empty_file_is_reported():
    check_errors("", [(1, "bảng khóa")])


def test_resume_false_is_read_and_written_back():
    scenario = parse_ok(SAMPLE.replace("start:", "resume: false\nstart:", 1))
    assert scenario.resume is False
    assert "resume: false" in dump_scenario(scenario)
    assert parse_ok(dump_scenario(scenario)) == scenario
    assert "resume" not in dump_scenario(parse_ok(SAMPLE))
