"""Parsing the type-specific fields, writing them back, and what the browser may see."""
import json

import pytest

from lms.yamlfile import load_yaml
from quizzes.qtypes import QUESTION_TYPES, UnknownQuestionType, get_type, type_label

VALID = {
    "single_choice": {"options": [
        {"text": "Có", "correct": True, "feedback": "Đúng vậy"}, {"text": "Không"}]},
    "multiple_choice": {"options": [
        {"text": "A", "weight": 100, "feedback": "fa"}, {"text": "B", "weight": -25},
        {"text": "C", "weight": 0}]},
    "true_false": {"answer": True, "feedback_false": "Sai rồi"},
    "short_answer": {"answers": [{"text": "BCH"}, {"text": "Ban", "weight": 50}]},
    "numerical": {"answers": [{"value": 12.5, "tolerance": 0.5}, {"value": 3, "weight": 10}]},
    "matching": {"pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}]},
    "ordering": {"items": ["một", "hai", "ba"]},
    "essay": {"rubric": "Ba ý", "min_words": 80},
}

SECRETS = {
    "single_choice": ["correct", "feedback", "Đúng vậy"],
    "multiple_choice": ["weight", "feedback", "fa", "-25"],
    "true_false": ["answer", "feedback", "Sai rồi"],
    "short_answer": ["answers", "BCH", "weight"],
    "numerical": ["answers", "12.5", "tolerance"],
    "matching": ["pairs", "right\""],
    "ordering": [],
    "essay": ["rubric", "Ba ý"],
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_fields_round_trip_exactly(name):
    qtype = get_type(name)
    spec, errors = qtype.parse(VALID[name])
    assert errors == ()
    assert qtype.to_raw(spec) == VALID[name]
    assert qtype.parse(json.loads(json.dumps(qtype.to_raw(spec))))[0] == spec


@pytest.mark.parametrize("name", sorted(VALID))
def test_public_view_hides_correctness_weights_feedback_and_answers(name):
    qtype = get_type(name)
    spec, _ = qtype.parse(VALID[name])
    view = json.dumps(qtype.public_view(spec, seed=7, shuffle=True), ensure_ascii=False)
    for secret in SECRETS[name]:
        assert secret not in view


@pytest.mark.parametrize("name", ["single_choice", "multiple_choice", "matching", "ordering"])
def test_shuffle_is_stable_for_a_seed_and_keeps_original_ids(name):
    qtype = get_type(name)
    spec, _ = qtype.parse({**VALID[name]} if name != "ordering" else
                          {"items": [f"mục {i}" for i in range(8)]})
    views = [qtype.public_view(spec, seed=seed, shuffle=True) for seed in (1, 1, 2)]
    assert views[0] == views[1]
    key = {"matching": "rights", "ordering": "items"}.get(name, "options")
    assert sorted(item["id"] for item in views[0][key]) == list(range(len(views[0][key])))


def test_unshuffled_options_keep_their_order_and_ordering_is_never_shown_solved():
    qtype = get_type("single_choice")
    spec, _ = qtype.parse(VALID["single_choice"])
    view = qtype.public_view(spec, seed=1, shuffle=False)
    assert [o["id"] for o in view["options"]] == [0, 1]
    ordering = get_type("ordering")
    spec, _ = ordering.parse(VALID["ordering"])
    for seed in range(30):
        ids = [i["id"] for i in ordering.public_view(spec, seed=seed, shuffle=False)["items"]]
        assert ids != [0, 1, 2]


def test_matching_offers_a_shared_right_once():
    qtype = get_type("matching")
    spec, _ = qtype.parse({"pairs": [{"left": "a", "right": "X"}, {"left": "b", "right": "X"},
                                     {"left": "c", "right": "Y"}]})
    rights = qtype.public_view(spec, seed=3, shuffle=False)["rights"]
    assert sorted(r["text"] for r in rights) == ["X", "Y"]


INVALID = [
    ("single_choice", {}, "thiếu danh sách 'options'"),
    ("single_choice", {"options": "a"}, "'options' phải là một danh sách"),
    ("single_choice", {"options": [{"text": "a", "correct": True}]}, "cần ít nhất 2 mục"),
    ("single_choice", {"options": [{"text": "a"}, {"text": "b"}]},
     "phải có đúng một phương án đúng (đang có 0)"),
    ("single_choice", {"options": [{"text": "a", "correct": True}, {"text": "b", "correct": True}]},
     "phải có đúng một phương án đúng (đang có 2)"),
    ("single_choice", {"options": [{"text": "a", "correct": "yes"}, {"text": "b"}]},
     "phương án 1: 'correct' phải là true hoặc false"),
    ("single_choice", {"options": [{"text": "Có", "correct": True}, {"text": "có "}]},
     "phương án 2 trùng với phương án 1"),
    ("single_choice", {"options": ["a", {"text": "b", "correct": True}]},
     "phương án 1: phải là một mục dạng 'khóa: giá trị'"),
    ("single_choice", {"options": [{"text": "", "correct": True}, {"text": "b"}]},
     "phương án 1: 'text' không được để trống"),
    ("single_choice", {"options": [{"txt": "a", "correct": True}, {"text": "b"}]},
     "phương án 1: khóa không hợp lệ 'txt'"),
    ("multiple_choice", {"options": [{"text": "a", "weight": 50}, {"text": "b", "weight": 40}]},
     "tổng trọng số dương của các phương án phải bằng 100 (đang là 90)"),
    ("multiple_choice", {"options": [{"text": "a", "weight": 150}, {"text": "b", "weight": -50}]},
     "phương án 1: 'weight' phải nằm trong khoảng -100..100"),
    ("multiple_choice", {"options": [{"text": "a", "weight": 100}, {"text": "b"}]},
     "phương án 2: thiếu 'weight'"),
    ("multiple_choice", {"options": [{"text": "a", "weight": "100"}, {"text": "b", "weight": 0}]},
     "phương án 1: 'weight' phải là một số"),
    ("true_false", {}, "thiếu 'answer' (true hoặc false)"),
    ("true_false", {"answer": "đúng"}, "'answer' phải là true hoặc false"),
    ("short_answer", {"answers": []}, "'answers' cần ít nhất 1 mục"),
    ("short_answer", {"answers": [{"text": "a", "weight": 50}]},
     "cần ít nhất một đáp án có trọng số 100"),
    ("short_answer", {"answers": [{"text": "a"}, {"text": "b", "weight": -10}]},
     "đáp án 2: 'weight' phải nằm trong khoảng 0..100"),
    ("short_answer", {"answers": [{"text": "Điều 97"}, {"text": "dieu 97"}]},
     "đáp án 2 trùng với đáp án 1"),
    ("short_answer", {"answers": [{"text": 1.5}]}, "đáp án 1: 'text' phải là một đoạn văn bản"),
    ("numerical", {"answers": [{"value": "mười"}]}, "đáp án 1: 'value' phải là một số"),
    ("numerical", {"answers": [{"value": 1, "tolerance": -1}]},
     "đáp án 1: 'tolerance' phải nằm trong khoảng từ 0 trở lên"),
    ("numerical", {"answers": [{"value": float("nan")}]}, "đáp án 1: 'value' phải là một số"),
    ("matching", {"pairs": [{"left": "a", "right": "1"}]}, "'pairs' cần ít nhất 2 mục"),
    ("matching", {"pairs": [{"left": "a", "right": "1"}, {"left": "A", "right": "2"}]},
     "vế trái của cặp 2 trùng với vế trái của cặp 1"),
    ("matching", {"pairs": [{"left": "a", "right": "1"}, {"left": "b"}]},
     "cặp 2: thiếu 'right'"),
    ("ordering", {"items": ["a", "b"]}, "'items' cần ít nhất 3 mục"),
    ("ordering", {"items": ["a", "b", "A"]}, "mục 3 trùng với mục 1"),
    ("ordering", {"items": ["a", {"x": 1}, "c"]}, "mục 2: phải là một đoạn văn bản không trống"),
    ("essay", {"min_words": 0}, "'min_words' phải là một số nguyên dương"),
    ("essay", {"rubric": ["a"]}, "'rubric' phải là một đoạn văn bản"),
]


@pytest.mark.parametrize("name, raw, message", INVALID)
def test_invalid_fields_are_reported_in_vietnamese(name, raw, message):
    spec, errors = get_type(name).parse(raw)
    assert spec is None
    assert any(message in error for error in errors), errors


def test_problems_carry_the_yaml_line():
    raw = load_yaml("options:\n  - text: a\n    correct: true\n  - text: b\n    weight: 3\n")
    spec, problems = get_type("single_choice").parse_located(raw)
    assert spec is None
    assert [(p.line, p.message[:30]) for p in problems] == [(5, "phương án 2: khóa không hợp lệ")]


def test_numerical_value_may_be_written_with_a_decimal_comma():
    spec, errors = get_type("numerical").parse({"answers": [{"value": "12,5"}]})
    assert errors == () and spec.answers[0].value == 12.5


def test_markdown_fields_list_author_texts():
    qtype = get_type("single_choice")
    spec, _ = qtype.parse(VALID["single_choice"])
    assert qtype.markdown_fields(spec) == (
        ("phương án 1", "Có"), ("phản hồi phương án 1", "Đúng vậy"), ("phương án 2", "Không"))


def test_unknown_type_name():
    with pytest.raises(UnknownQuestionType):
        get_type("cloze")
    assert type_label("essay") == "Tự luận"
    assert type_label("cloze") == "cloze"
    assert len(QUESTION_TYPES) == 8


@pytest.mark.parametrize("raw", [None, [], "options"])
def test_fields_that_are_not_a_mapping_are_a_problem_not_a_crash(raw):
    spec, errors = get_type("single_choice").parse(raw)
    assert spec is None and errors == ("các trường của câu hỏi phải ở dạng 'khóa: giá trị'",)
