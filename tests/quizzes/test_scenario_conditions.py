"""Tests for the `when` language: parsing, evaluation, names, and hostile input."""
import pytest

from quizzes.scenario.conditions import (
    MAX_DEPTH, MAX_LENGTH, And, Compare, ConditionError, Not, Or, parse_condition,
)

VALUES = {"trust": 2, "legal_risk": 0, "score": 25}


@pytest.mark.parametrize("text, expected", [
    ("trust >= 1", True),
    ("trust > 2", False),
    ("trust == 2", True),
    ("trust != 2", False),
    ("trust < 3", True),
    ("trust <= 1", False),
    ("score >= 20 and legal_risk < 2", True),
    ("score >= 30 and legal_risk < 2", False),
    ("score >= 30 or legal_risk < 2", True),
    ("not trust >= 1", False),
    ("not not trust >= 1", True),
    ("not (score >= 20 and legal_risk < 2)", False),
    ("legal_risk > -1", True),
    ("legal_risk>=-1", True),
    ("trust == 0 or trust == 1 or trust == 2", True),
    # and binds tighter than or: true or (false and false)
    ("trust == 2 or score < 0 and legal_risk > 5", True),
    ("(trust == 2 or score < 0) and legal_risk > 5", False),
    ("  ( ( trust >= 2 ) )  ", True),
])
def test_evaluate(text, expected):
    assert parse_condition(text).evaluate(VALUES) is expected


@pytest.mark.parametrize("text, tree", [
    ("a == 1", Compare("a", "==", 1)),
    ("not a < 2", Not(Compare("a", "<", 2))),
    ("a == 1 and b == 2 or c == 3",
     Or((And((Compare("a", "==", 1), Compare("b", "==", 2))), Compare("c", "==", 3)))),
    ("a == 1 and (b == 2 or c == 3)",
     And((Compare("a", "==", 1), Or((Compare("b", "==", 2), Compare("c", "==", 3)))))),
])
def test_tree_shape(text, tree):
    assert parse_condition(text) == tree


@pytest.mark.parametrize("text, names", [
    ("score >= 20", {"score"}),
    ("trust > 0 and not (legal_risk >= 2 or trust == 5)", {"trust", "legal_risk"}),
])
def test_names(text, names):
    assert parse_condition(text).names == frozenset(names)


@pytest.mark.parametrize("text", [
    "trust >= 1",
    "a == 1 and (b == 2 or not c < 3)",
    "not (a == 1 or b == 2) and c != -4",
])
def test_str_parses_back_to_the_same_tree(text):
    tree = parse_condition(text)
    assert parse_condition(str(tree)) == tree


@pytest.mark.parametrize("text, column, fragment", [
    ("", 1, "rỗng"),
    ("   ", 1, "rỗng"),
    ("trust = 1", 7, "=="),
    ("trust >= 1 && score > 2", 12, "and, or, not"),
    ("trust >= 1 || score > 2", 12, "and, or, not"),
    ("!trust", 1, "and, or, not"),
    ("trust", 6, "phép so sánh"),
    ("trust >=", 9, "số nguyên"),
    ("trust >= x", 10, "số nguyên"),
    ("trust >= 1.5", 11, "ký tự không hợp lệ"),
    ("1 <= trust", 1, "tên biến"),
    ("(trust >= 1", 12, "')'"),
    ("trust >= 1)", 11, "thừa"),
    ("trust >= 1 score >= 2", 12, "thừa"),
    ("trust >= 1 and", 15, "tên biến"),
    ("and >= 1", 1, "tên biến"),
    ("trust >= 99999999999", 10, "quá lớn"),
    ("__import__('os').system('ls') == 0", 12, "ký tự không hợp lệ"),
    ("__import__ (1)", 12, "phép so sánh"),
    ("trust.__class__ >= 1", 6, "ký tự không hợp lệ"),
    ("trust >= 1; import os", 11, "ký tự không hợp lệ"),
    ("lambda: 1", 7, "ký tự không hợp lệ"),
    ("tru\u0073t >= 1 and điểm > 0", 16, "ký tự không hợp lệ"),
])
def test_errors_name_the_column(text, column, fragment):
    with pytest.raises(ConditionError) as err:
        parse_condition(text)
    assert err.value.column == column
    assert fragment in err.value.message


def test_very_long_input_is_refused_before_parsing():
    with pytest.raises(ConditionError) as err:
        parse_condition(" or ".join(["trust >= 1"] * 100))
    assert "quá dài" in err.value.message
    assert err.value.column == MAX_LENGTH + 1


@pytest.mark.parametrize("depth, ok", [(MAX_DEPTH, True), (MAX_DEPTH + 1, False)])
def test_nesting_limit_for_brackets(depth, ok):
    text = "(" * depth + "trust >= 1" + ")" * depth
    if ok:
        assert parse_condition(text).evaluate(VALUES) is True
    else:
        with pytest.raises(ConditionError) as err:
            parse_condition(text)
        assert "lồng quá sâu" in err.value.message


@pytest.mark.parametrize("depth, ok", [(MAX_DEPTH, True), (MAX_DEPTH + 1, False)])
def test_nesting_limit_for_not(depth, ok):
    text = "not " * depth + "trust >= 1"
    if ok:
        assert parse_condition(text).evaluate(VALUES) is (depth % 2 == 0)
    else:
        with pytest.raises(ConditionError):
            parse_condition(text)


def test_deep_nesting_within_the_length_limit_does_not_exhaust_the_stack():
    text = "(" * 240 + "a==1" + ")" * 240
    assert len(text) <= MAX_LENGTH
    with pytest.raises(ConditionError):
        parse_condition(text)


def test_evaluate_without_a_value_raises_condition_error():
    with pytest.raises(ConditionError) as err:
        parse_condition("missing > 0").evaluate(VALUES)
    assert "missing" in err.value.message


def test_non_text_is_refused():
    with pytest.raises(ConditionError):
        parse_condition(5)


def test_keywords_are_lowercase_only():
    with pytest.raises(ConditionError):
        parse_condition("trust >= 1 AND score > 0")
