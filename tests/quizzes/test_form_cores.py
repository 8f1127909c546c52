"""Pure cores behind the pages: form fields to responses, editor rows, node editor, graph
layout and the review filter (tables)."""
from pathlib import Path

import pytest

from quizzes import editor, formdata
from quizzes.bankfile import read_question
from quizzes.qtypes import QUESTION_TYPES, ResponseError, get_type
from quizzes.review import SlotRecord, attempt_marks, review_slot
from quizzes.scenario import editor as node_editor
from quizzes.scenario.fileformat import parse_scenario_file
from quizzes.scenario.layout import layers, layout
from quizzes.scenario.model import Node
from quizzes.scenario.validate import validate_scenario
from tests.factories import SAMPLE_QUESTIONS

SAMPLE, _ = parse_scenario_file(
    (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8"), "s")


@pytest.mark.parametrize("qtype, fields, lefts, expected", [
    ("single_choice", {"q1": ["2"]}, (), {"choice": 2}),
    ("single_choice", {"q1": [""]}, (), None),
    ("multiple_choice", {"q1": ["0", "3"]}, (), {"choices": [0, 3]}),
    ("multiple_choice", {}, (), None),
    ("true_false", {"q1": ["false"]}, (), {"value": False}),
    ("short_answer", {"q1": ["  CĐCS "]}, (), {"text": "  CĐCS "}),
    ("numerical", {"q1": ["12,5"]}, (), {"value": "12,5"}),
    ("essay", {"q1": ["Bài viết"]}, (), {"text": "Bài viết"}),
    ("ordering", {"q1": ["2,0,1"]}, (), {"order": [2, 0, 1]}),
    ("matching", {"q1-0": ["1"], "q1-1": [""]}, (0, 1), {"pairs": {"0": 1, "1": None}}),
    ("matching", {"q1-0": [""]}, (0, 1), None),
])
def test_response_from_fields(qtype, fields, lefts, expected):
    assert formdata.response_from_fields(qtype, 1, fields, lefts) == expected


@pytest.mark.parametrize("qtype, fields", [
    ("single_choice", {"q1": ["a"]}), ("single_choice", {"q1": ["1", "2"]}),
    ("true_false", {"q1": ["có"]}), ("ordering", {"q1": ["0,x"]}),
    ("short_answer", {"q1": ["x" * 10_001]}), ("short_answer", {"q1": [1]}),
    ("multiple_choice", {"q1": ["0"] * 201}),
])
def test_forged_fields_are_refused(qtype, fields):
    with pytest.raises(ResponseError):
        formdata.response_from_fields(qtype, 1, fields)


@pytest.mark.parametrize("qtype", sorted(QUESTION_TYPES))
def test_fields_and_responses_round_trip_for_every_type(qtype):
    spec, _ = get_type(qtype).parse(SAMPLE_QUESTIONS[qtype])
    view = get_type(qtype).public_view(spec, seed=3, shuffle=True)
    samples = {
        "single_choice": {"choice": 1}, "multiple_choice": {"choices": [0, 2]},
        "true_false": {"value": True}, "short_answer": {"text": "cđcs"},
        "numerical": {"value": "12,5"}, "matching": {"pairs": {"0": 1, "1": 0}},
        "ordering": {"order": [2, 1, 0]}, "essay": {"text": "Ba bước"}}
    response = samples[qtype]
    fields = formdata.fields_from_response(qtype, 4, response)
    lefts = [left["id"] for left in view.get("lefts", ())]
    assert formdata.response_from_fields(qtype, 4, fields, lefts) == response


def _getters(form):
    return (lambda key: form.get(key, "") if isinstance(form.get(key, ""), str) else "",
            lambda key: form.get(key, []) if isinstance(form.get(key, []), list) else [])


@pytest.mark.parametrize("qtype, form, expected", [
    ("single_choice", {"opt_text": ["A", "", "B"], "opt_feedback": ["x", "", ""],
                       "opt_correct": "2"},
     {"options": [{"text": "A", "feedback": "x"}, {"text": "B", "correct": True}]}),
    ("multiple_choice", {"opt_text": ["A", "B"], "opt_weight": ["33,5", "66.5"]},
     {"options": [{"text": "A", "weight": 33.5}, {"text": "B", "weight": 66.5}]}),
    ("numerical", {"num_value": ["1 500"], "num_tolerance": [""]},
     {"answers": [{"value": 1500}]}),
    ("ordering", {"item_text": ["Một", "", "Hai"]}, {"items": ["Một", "Hai"]}),
    ("true_false", {"answer": "true", "feedback_false": " Sai "},
     {"answer": True, "feedback_false": "Sai"}),
    ("essay", {"rubric": "", "min_words": "ba"}, {"min_words": "ba"}),
])
def test_editor_rows_become_type_fields(qtype, form, expected):
    get, getlist = _getters(form)
    assert editor.raw_from_form(qtype, get, getlist) == expected


@pytest.mark.parametrize("qtype", sorted(QUESTION_TYPES))
def test_editor_rows_of_stored_fields_read_back_the_same(qtype):
    question, _ = read_question({"slug": "x", "type": qtype, "text": "?",
                                 **SAMPLE_QUESTIONS[qtype]})
    rows = editor.rows_for_form(qtype, question.data)
    form = {}
    for name, key, _ in editor.COLUMNS.get(qtype, ()):
        form[name] = [str(row.get(key, "")) for row in rows]
    if qtype == "single_choice":
        form["opt_correct"] = str(next(i for i, row in enumerate(rows) if row.get("correct")))
    if qtype in ("true_false", "essay"):
        form = {k: ("true" if v is True else "false" if v is False else str(v))
                for k, v in question.data.items()}
    get, getlist = _getters(form)
    again, problems = read_question({"slug": "x", "type": qtype, "text": "?",
                                     **editor.raw_from_form(qtype, get, getlist)})
    assert problems == () and again.data == question.data


def test_node_editor_builds_a_decision_and_renames_targets():
    form = {"id": "chon-cach", "kind": "decision", "prompt": "Làm gì?",
            "choice_text": ["Gửi văn bản", "Đình công", "Chờ", ""],
            "choice_to": ["cong-ty-tra-loi", "ngung-viec", "cho-doi", ""],
            "choice_score": ["10", "-10", "", ""],
            "choice_effects": ["trust=1", "legal_risk: 2", "trust=-1", ""],
            "choice_feedback": ["Đúng", "Sai", "", ""],
            "choice_when": ["", "trust >= 0", "", ""]}
    get, getlist = _getters(form)
    node, problems = node_editor.node_from_form(get, getlist)
    assert problems == [] and len(node.choices) == 3
    assert node.choices[1].effects == (("legal_risk", 2),) and node.choices[1].when
    renamed = node_editor.replace_node(SAMPLE, "chon-cach-xu-ly", node)
    assert renamed.node("cho-doi").edges[0].to == "chon-cach"
    assert validate_scenario(renamed, known_questions={"tra-luong-cham-lai"}) == ()


def test_deleting_a_node_is_reported_by_validation_with_the_node_named():
    broken = node_editor.delete_node(SAMPLE, "cho-doi")
    known = {"tra-luong-cham-lai"}
    messages = [e.message for e in validate_scenario(broken, known_questions=known)]
    assert any("không có nút 'cho-doi'" in m for m in messages)


def test_the_starter_scenario_is_valid():
    starter = node_editor.starter("moi", "Mới", "chuong")
    assert validate_scenario(starter, known_questions=()) == ()


def test_layout_layers_by_distance_and_draws_loops_back_up():
    rows = layers(SAMPLE)
    assert rows[0] == ["mo-dau"] and rows[1] == ["chon-cach-xu-ly"]
    picture = layout(SAMPLE, errors_at={"ngung-viec"})
    assert len(picture.boxes) == len(SAMPLE.nodes)
    assert any(line.is_back for line in picture.lines)  # cho-doi -> chon-cach-xu-ly
    assert [b.id for b in picture.boxes if b.has_error] == ["ngung-viec"]
    assert all(0 <= b.x < picture.width and 0 <= b.y < picture.height for b in picture.boxes)


def test_unreachable_nodes_are_drawn_in_a_last_row():
    orphan = node_editor.replace_node(SAMPLE, None, Node("lac", "end", outcome="partial"))
    assert layers(orphan)[-1] == ["lac"]
    assert layout(orphan).boxes[-1].id == "lac"


QUESTION, _ = read_question({"slug": "x", "type": "single_choice", "text": "?",
                             "feedback": "Chung", **SAMPLE_QUESTIONS["single_choice"]})


@pytest.mark.parametrize("items, shown", [
    ((), {"state": None, "mark": None, "feedback": (), "right_answer": None}),
    (("correctness",), {"state": "wrong", "mark": None, "feedback": (), "right_answer": None}),
    (("marks",), {"state": None, "mark": 0.0, "feedback": (), "right_answer": None}),
    (("feedback",), {"state": None, "mark": None,
                     "feedback": ("Chưa đúng [[BLLĐ-2019:97]]", "Chung"), "right_answer": None}),
    (("right_answer",), {"state": None, "mark": None, "feedback": (),
                         "right_answer": "Đáp án đúng: Đúng"}),
])
def test_review_shows_only_what_the_items_allow(items, shown):
    record = SlotRecord(1, QUESTION, {"choice": 0}, 0.0, "wrong",
                        ("Chưa đúng [[BLLĐ-2019:97]]",), 2.0)
    review = review_slot(record, items)
    assert {key: getattr(review, key) for key in shown} == shown
    assert review.response_summary == "Sai"


def test_marks_wait_while_an_essay_is_ungraded():
    done = SlotRecord(1, QUESTION, {"choice": 1}, 1.0, "correct", (), 2.0)
    waiting = SlotRecord(2, QUESTION, {"text": "x"}, None, "needs_grading", (), 3.0)
    assert attempt_marks([done]) == (2.0, 2.0, False)
    assert attempt_marks([done, waiting]) == (None, 5.0, True)
