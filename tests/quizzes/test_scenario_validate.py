"""Tests for the whole-scenario rules: ids, targets, reachability, loops, conditions, scores."""
from pathlib import Path

import pytest

from quizzes.scenario import scoring
from quizzes.scenario.fileformat import parse_scenario_file
from quizzes.scenario.model import Choice, Node, Scenario
from quizzes.scenario.validate import validate_scenario

SAMPLE = (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8")
QUESTIONS = {"tra-luong-cham-lai", "q"}
HEAD = """\
slug: thu
title: Thử
module: tien-luong
variables:
  trust: 0
start: a
nodes:
"""
# Lines: the first node starts at line 8.


def errors_of(text, known=QUESTIONS):
    scenario, errors = parse_scenario_file(text, "s.yaml")
    assert errors == (), errors
    return [(e.line, e.message) for e in validate_scenario(scenario, known_questions=known,
                                                           path="s.yaml")]


def assert_errors(found, expected):
    assert len(found) == len(expected), found
    for line, fragment in expected:
        assert any(at == line and fragment in message for at, message in found), found


def test_sample_is_sound():
    assert errors_of(SAMPLE) == []


def test_check_question_must_be_in_the_bank():
    assert_errors(errors_of(SAMPLE, known=set()),
                  [(67, "Nút 'kiem-tra-nhanh': câu hỏi 'tra-luong-cham-lai' không có")])


def test_errors_carry_the_path():
    scenario, _ = parse_scenario_file(SAMPLE, "x")
    errors = validate_scenario(scenario, known_questions=(), path="courses/c/scenarios/s.yaml")
    assert errors and all(e.path == "courses/c/scenarios/s.yaml" for e in errors)


DECIDE_AZ = """\
  - id: a
    type: decision
    prompt: p
    choices:
      - {text: t, to: z, score: 1}
      - {text: u, to: z}
"""
END_Z = """\
  - id: z
    type: end
    outcome: success
"""


@pytest.mark.parametrize("nodes, expected", [
    (DECIDE_AZ + END_Z, []),
    (DECIDE_AZ + END_Z + END_Z.replace("success", "failure"),
     [(17, "Nút 'z': mã nút bị trùng (đã có ở dòng 14)")]),
    (DECIDE_AZ.replace("to: z, score", "to: y, score") + END_Z,
     [(12, "Nút 'a', lựa chọn 1: không có nút 'y'")]),
    ("  - id: a\n    type: situation\n    text: x\n    next: y\n" + END_Z,
     [(11, "Nút 'a': không có nút 'y'")]),
    ("  - id: a\n    type: situation\n    text: x\n    next:\n      - {to: y, when: trust > 0}"
     "\n      - to: z\n" + END_Z, [(12, "Nút 'a', nhánh 1: không có nút 'y'")]),
    (DECIDE_AZ + END_Z + "  - id: b\n    type: situation\n    text: x\n    next: z\n",
     [(17, "Nút 'b': không đi tới được từ nút bắt đầu 'a'")]),
    (DECIDE_AZ.replace("to: z}", "to: a}") + END_Z, []),
    ("  - id: a\n    type: situation\n    text: x\n    next: a\n" + END_Z,
     [(8, "Vòng lặp không có lối ra qua các nút: 'a'"),
      (12, "Nút 'z': không đi tới được từ nút bắt đầu 'a'")]),
    ("  - id: a\n    type: situation\n    text: x\n    next: b\n"
     "  - id: b\n    type: situation\n    text: x\n    next: c\n"
     "  - id: c\n    type: situation\n    text: x\n    next: b\n"
     "  - id: s\n    type: decision\n    prompt: p\n    choices:\n"
     "      - {text: t, to: z}\n      - {text: u, to: b}\n" + END_Z,
     [(12, "Vòng lặp không có lối ra qua các nút: 'b', 'c'"),
      (8, "Nút 'a': không có đường tới nút kết thúc"),
      (20, "Nút 's': không đi tới được từ nút bắt đầu"),
      (26, "Nút 'z': không đi tới được từ nút bắt đầu")]),
    (DECIDE_AZ.replace("to: z, score: 1", "to: a, score: 1").replace("to: z}", "to: a}")
     + END_Z, [(8, "Vòng lặp không có lối ra qua các nút: 'a'"),
               (14, "Nút 'z': không đi tới được")]),
    ("  - id: a\n    type: situation\n    text: x\n    next: a\n",
     [(7, "cần ít nhất một nút kết thúc"), (8, "Vòng lặp không có lối ra")]),
    ("  - id: a\n    type: decision\n    prompt: p\n    choices:\n      - {text: t, to: z}\n"
     + END_Z, [(8, "Nút 'a': một quyết định cần ít nhất hai lựa chọn")]),
    (DECIDE_AZ.replace("score: 1}", "score: 1, when: trust > 0}")
     .replace("to: z}", "to: z, when: trust < 1}") + END_Z,
     [(8, "Nút 'a': cần ít nhất một lựa chọn không có điều kiện 'when'")]),
    ("  - id: a\n    type: situation\n    text: x\n    next:\n      - {to: z, when: trust > 0}\n"
     + END_Z, [(12, "Nút 'a': nhánh cuối cùng của 'next' phải không có điều kiện")]),
    ("  - id: a\n    type: situation\n    text: x\n    next:\n      - to: z\n      - to: z\n"
     + END_Z, [(12, "Nút 'a', nhánh 1: nhánh không có điều kiện phải đứng cuối")]),
    (DECIDE_AZ.replace("to: z}", "to: z, when: trust >= one}") + END_Z,
     [(13, "Nút 'a', lựa chọn 2: điều kiện 'when' sai ở cột 10: cần một số nguyên")]),
    (DECIDE_AZ.replace("to: z}", "to: z, when: trust >= 1 or __import__ > 0}") + END_Z,
     [(13, "Nút 'a', lựa chọn 2: biến '__import__' trong 'when' chưa khai báo")]),
    (DECIDE_AZ.replace("to: z}", "to: z, effects: {luck: 1, trust: 2}}") + END_Z,
     [(13, "Nút 'a', lựa chọn 2: biến 'luck' trong 'effects' chưa khai báo")]),
    ("  - id: a\n    type: check\n    question: q\n    next:\n      - {to: z, when: score > 5}"
     "\n      - {to: z, when: risk > 5}\n      - to: z\n" + END_Z,
     [(13, "Nút 'a', nhánh 2: biến 'risk' trong 'when' chưa khai báo")]),
    ("  - id: a\n    type: situation\n    text: x\n    next: z\n" + END_Z,
     [(1, "điểm cao nhất đạt được là 0; cần lớn hơn 0 để chấm theo path_sum")]),
])
def test_rules(nodes, expected):
    assert_errors(errors_of(HEAD + nodes), expected)


@pytest.mark.parametrize("name", ["score", "Trust", "and", "not", "_x", "1a", "niềm_tin"])
def test_variable_names_must_be_plain(name):
    text = HEAD.replace("trust: 0", f"'{name}': 0") + DECIDE_AZ + END_Z
    assert_errors(errors_of(text), [(4, f"tên biến '{name}' không hợp lệ")])


def test_end_score_needs_a_score_on_every_end():
    text = HEAD.replace("start: a", "scoring: end_score\nstart: a") + DECIDE_AZ + END_Z + \
        "  - id: y\n    type: end\n    outcome: failure\n    score: 10\n"
    found = errors_of(text.replace("to: z}", "to: y}"))
    assert_errors(found, [(15, "Nút 'z': cần 'score' vì kịch bản chấm điểm theo end_score")])


def test_scoring_none_needs_no_positive_score():
    text = HEAD.replace("start: a", "scoring: none\nstart: a") + \
        "  - id: a\n    type: situation\n    text: x\n    next: z\n" + END_Z
    assert errors_of(text) == []


def tangled(size):
    """A decision set where every node leads to every other: too many simple paths to count."""
    ids = [f"n{i}" for i in range(size)]
    nodes = tuple(Node(id=i, kind="decision", prompt="p", line=k + 1, choices=tuple(
        Choice(text=o, to=o, score=1) for o in ids + ["z"] if o != i))
        for k, i in enumerate(ids))
    return Scenario(slug="s", title="t", module="m", start="n0",
                    nodes=nodes + (Node(id="z", kind="end", outcome="success"),))


def test_tangled_loops_are_refused_not_left_to_hang(monkeypatch):
    monkeypatch.setattr(scoring, "PATH_BUDGET", 2000)
    errors = validate_scenario(tangled(12), known_questions=())
    assert len(errors) == 1 and "quá lớn hoặc quá rối" in errors[0].message


def test_small_tangle_is_counted():
    assert validate_scenario(tangled(5), known_questions=()) == ()
    assert scoring.max_score(tangled(5)) == 5
