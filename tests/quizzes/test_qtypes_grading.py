"""Grading tables for every question type: right, partial, wrong and forged responses."""
import pytest

from quizzes.qtypes import QUESTION_TYPES, ResponseError, get_type

SPECS = {
    "single_choice": {"options": [
        {"text": "Trả đủ lương", "feedback": "Thiếu tiền lãi"},
        {"text": "Trả lương và tiền lãi", "correct": True, "feedback": "Đúng [[BLLĐ-2019:97.4]]"},
        {"text": "Không phải trả gì"},
    ]},
    "multiple_choice": {"options": [
        {"text": "A", "weight": 50, "feedback": "fa"},
        {"text": "B", "weight": 50},
        {"text": "C", "weight": -50, "feedback": "fc"},
        {"text": "D", "weight": -100},
    ]},
    "multiple_thirds": {"options": [
        {"text": "A", "weight": 33.33333}, {"text": "B", "weight": 33.33333},
        {"text": "C", "weight": 33.33333}, {"text": "D", "weight": 0},
    ]},
    "true_false": {"answer": False, "feedback_true": "Chọn Đúng", "feedback_false": "Chọn Sai"},
    "short_answer": {"answers": [
        {"text": "Ban Chấp hành", "feedback": "Chính xác"},
        {"text": "BCH", "weight": 50, "feedback": "Viết đầy đủ"},
        {"text": "Chủ tịch", "weight": 0, "feedback": "Không phải Chủ tịch"},
    ]},
    "numerical": {"answers": [
        {"value": 12.5, "tolerance": 0.5, "feedback": "Đúng"},
        {"value": 20, "weight": 50, "feedback": "Gần đúng"},
    ]},
    "matching": {"pairs": [
        {"left": "Hòa giải viên", "right": "Tranh chấp cá nhân"},
        {"left": "Hội đồng trọng tài", "right": "Tranh chấp tập thể"},
        {"left": "Tòa án", "right": "Tranh chấp cá nhân"},
    ]},
    "ordering": {"items": ["Hòa giải", "Trọng tài", "Tòa án", "Thi hành"]},
    "essay": {"rubric": "Nêu đủ 3 ý", "min_words": 50},
}


def _spec(key):
    type_name = "multiple_choice" if key == "multiple_thirds" else key
    qtype = get_type(type_name)
    spec, errors = qtype.parse(SPECS[key])
    assert errors == ()
    return qtype, spec


# (spec key, response JSON, fraction, state, feedback)
GRADES = [
    ("single_choice", {"choice": 1}, 1.0, "correct", ("Đúng [[BLLĐ-2019:97.4]]",)),
    ("single_choice", {"choice": 0}, 0.0, "wrong", ("Thiếu tiền lãi",)),
    ("single_choice", {"choice": 2}, 0.0, "wrong", ()),
    ("multiple_choice", {"choices": [0, 1]}, 1.0, "correct", ("fa",)),
    ("multiple_choice", {"choices": [1]}, 0.5, "partial", ()),
    ("multiple_choice", {"choices": [0, 1, 2]}, 0.5, "partial", ("fa", "fc")),
    ("multiple_choice", {"choices": [0, 2]}, 0.0, "wrong", ("fa", "fc")),
    ("multiple_choice", {"choices": [0, 1, 2, 3]}, 0.0, "wrong", ("fa", "fc")),
    ("multiple_choice", {"choices": [3]}, 0.0, "wrong", ()),
    ("multiple_choice", {"choices": []}, 0.0, "wrong", ()),
    ("multiple_thirds", {"choices": [0, 1, 2]}, 1.0, "correct", ()),
    ("multiple_thirds", {"choices": [2, 0]}, 0.6666667, "partial", ()),
    ("true_false", {"value": False}, 1.0, "correct", ("Chọn Sai",)),
    ("true_false", {"value": True}, 0.0, "wrong", ("Chọn Đúng",)),
    ("short_answer", {"text": "ban chap  hanh "}, 1.0, "correct", ("Chính xác",)),
    ("short_answer", {"text": "BAN CHẤP HÀNH"}, 1.0, "correct", ("Chính xác",)),
    ("short_answer", {"text": "bch"}, 0.5, "partial", ("Viết đầy đủ",)),
    ("short_answer", {"text": "chu tich"}, 0.0, "wrong", ("Không phải Chủ tịch",)),
    ("short_answer", {"text": "công đoàn"}, 0.0, "wrong", ()),
    ("short_answer", {"text": ""}, 0.0, "wrong", ()),
    ("numerical", {"value": "12,5"}, 1.0, "correct", ("Đúng",)),
    ("numerical", {"value": "12.5"}, 1.0, "correct", ("Đúng",)),
    ("numerical", {"value": "13"}, 1.0, "correct", ("Đúng",)),
    ("numerical", {"value": 12}, 1.0, "correct", ("Đúng",)),
    ("numerical", {"value": " 20 "}, 0.5, "partial", ("Gần đúng",)),
    ("numerical", {"value": "13,01"}, 0.0, "wrong", ()),
    ("numerical", {"value": "-12,5"}, 0.0, "wrong", ()),
    ("matching", {"pairs": {"0": 0, "1": 1, "2": 0}}, 1.0, "correct", ()),
    ("matching", {"pairs": {"0": 0, "1": 0, "2": 0}}, 0.6666667, "partial", ()),
    ("matching", {"pairs": {"0": 0, "2": None}}, 0.3333333, "partial", ()),
    ("matching", {"pairs": {"0": 1, "1": 0}}, 0.0, "wrong", ()),
    ("matching", {"pairs": {}}, 0.0, "wrong", ()),
    ("ordering", {"order": [0, 1, 2, 3]}, 1.0, "correct", ()),
    ("ordering", {"order": [0, 1, 3, 2]}, 0.5, "partial", ()),
    ("ordering", {"order": [3, 2, 1, 0]}, 0.0, "wrong", ()),
    ("essay", {"text": "Ba ý chính ..."}, None, "needs_grading", ()),
]


@pytest.mark.parametrize("key, response, fraction, state, feedback", GRADES)
def test_grade(key, response, fraction, state, feedback):
    qtype, spec = _spec(key)
    grade = qtype.grade(spec, qtype.parse_response(spec, response))
    assert grade.fraction == fraction
    assert grade.state == state
    assert grade.feedback == feedback


FORGED = [
    ("single_choice", {"choice": 3}),
    ("single_choice", {"choice": -1}),
    ("single_choice", {"choice": "1"}),
    ("single_choice", {"choice": True}),
    ("single_choice", {"choice": 1, "extra": 0}),
    ("single_choice", {}),
    ("single_choice", [1]),
    ("multiple_choice", {"choices": [0, 0]}),
    ("multiple_choice", {"choices": [4]}),
    ("multiple_choice", {"choices": "0,1"}),
    ("multiple_choice", {"choices": [0, 1, 2, 3, 0]}),
    ("multiple_choice", {"choice": 0}),
    ("true_false", {"value": 1}),
    ("true_false", {"value": "true"}),
    ("short_answer", {"text": 12}),
    ("short_answer", {"text": "x" * 10_001}),
    ("short_answer", {"answer": "x"}),
    ("numerical", {"value": "mười hai"}),
    ("numerical", {"value": "1.234,5"}),
    ("numerical", {"value": ""}),
    ("numerical", {"value": "1" * 101}),
    ("numerical", {"value": True}),
    ("numerical", {"value": None}),
    ("matching", {"pairs": {"3": 0}}),
    ("matching", {"pairs": {"0": 2}}),
    ("matching", {"pairs": {"x": 0}}),
    ("matching", {"pairs": {"-1": 0}}),
    ("matching", {"pairs": [[0, 0]]}),
    ("matching", {"pairs": {"0": "0"}}),
    ("matching", {"pairs": {"0": 0, 0: 1}}),
    ("ordering", {"order": [0, 1, 2]}),
    ("ordering", {"order": [0, 1, 2, 2]}),
    ("ordering", {"order": [0, 1, 2, 4]}),
    ("ordering", {"order": "0123"}),
    ("essay", {"text": "x" * 10_001}),
    ("essay", {"text": None}),
]


@pytest.mark.parametrize("key, response", FORGED)
def test_forged_or_malformed_response_is_refused(key, response):
    qtype, spec = _spec(key)
    with pytest.raises(ResponseError) as err:
        qtype.parse_response(spec, response)
    assert err.value.message


@pytest.mark.parametrize("key, response", [(key, response) for key, response, *_ in GRADES])
def test_response_round_trips_through_its_json_shape(key, response):
    qtype, spec = _spec(key)
    parsed = qtype.parse_response(spec, response)
    assert qtype.parse_response(spec, qtype.response_to_raw(spec, parsed)) == parsed


@pytest.mark.parametrize("key, response, summary", [
    ("single_choice", {"choice": 1}, "Trả lương và tiền lãi"),
    ("multiple_choice", {"choices": [1, 0]}, "A; B"),
    ("multiple_choice", {"choices": []}, "(không chọn phương án nào)"),
    ("true_false", {"value": True}, "Đúng"),
    ("short_answer", {"text": "  Ban   chấp hành "}, "Ban chấp hành"),
    ("short_answer", {"text": " "}, "(để trống)"),
    ("numerical", {"value": "12.50"}, "12,5"),
    ("matching", {"pairs": {"1": 1}}, "Hội đồng trọng tài → Tranh chấp tập thể"),
    ("ordering", {"order": [1, 0, 2, 3]}, "Trọng tài → Hòa giải → Tòa án → Thi hành"),
    ("essay", {"text": "một hai ba"}, "Bài viết 3 từ"),
])
def test_response_summary(key, response, summary):
    qtype, spec = _spec(key)
    assert qtype.response_summary(spec, qtype.parse_response(spec, response)) == summary


@pytest.mark.parametrize("key, expected", [
    ("single_choice", "Đáp án đúng: Trả lương và tiền lãi"),
    ("multiple_choice", "Các đáp án đúng (cần chọn tất cả):\n\n- A (50%)\n- B (50%)"),
    ("true_false", "Đáp án đúng: Sai"),
    ("short_answer", "Đáp án được chấp nhận: Ban Chấp hành\n\nĐược một phần điểm: BCH (50%)"),
    ("numerical", "Đáp án đúng: 12,5 (±0,5)"),
    ("ordering", "Thứ tự đúng:\n\n1. Hòa giải\n2. Trọng tài\n3. Tòa án\n4. Thi hành"),
    ("essay", "Câu tự luận: giảng viên chấm điểm theo hướng dẫn chấm."),
])
def test_right_answer(key, expected):
    qtype, spec = _spec(key)
    assert qtype.right_answer(spec) == expected


def test_every_type_is_registered_with_a_vietnamese_label():
    assert set(QUESTION_TYPES) == {
        "single_choice", "multiple_choice", "true_false", "short_answer", "numerical",
        "matching", "ordering", "essay"}
    assert all(qtype.label for qtype in QUESTION_TYPES.values())
    assert [k for k, t in QUESTION_TYPES.items() if t.needs_manual_grading] == ["essay"]
