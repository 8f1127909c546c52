"""Tests for the pure rules of quiz attempts."""
from datetime import datetime, timedelta, timezone

import pytest

from quizzes.attempt_rules import (
    DrawError, aggregate_grade, attempt_deadline, draw_questions, is_overdue, review_moment,
    shuffled, sub_seed,
)
from quizzes.quizfile import QuestionRef, RandomRef

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.mark.parametrize("now, state, submitted, closes, moment", [
    (at(5), "in_progress", None, at(60), "during"),
    (at(90), "in_progress", None, at(60), "during"),         # still open in the browser
    (at(10), "submitted", at(10), at(60), "immediately"),
    (at(11.99), "submitted", at(10), None, "immediately"),
    (at(12), "submitted", at(10), None, "later"),             # 2 minutes exactly: later
    (at(30), "submitted", at(10), at(60), "later"),
    (at(60), "submitted", at(10), at(60), "after_close"),
    (at(61), "submitted", at(60), at(60), "after_close"),     # closing wins over immediately
    (at(5000), "submitted", at(10), None, "later"),
    (at(30), "abandoned", None, at(60), "later"),
    (at(61), "overdue", None, at(60), "after_close"),
])
def test_review_moment(now, state, submitted, closes, moment):
    assert review_moment(now=now, state=state, submitted_at=submitted, closes_at=closes) == moment


def test_review_moment_refuses_unknown_state():
    with pytest.raises(ValueError):
        review_moment(now=T0, state="done", submitted_at=None, closes_at=None)


@pytest.mark.parametrize("limit, closes, deadline", [
    (20, None, at(20)),
    (20, at(10), at(10)),
    (20, at(30), at(20)),
    (0, at(30), at(30)),
    (None, at(30), at(30)),
    (0, None, None),
])
def test_attempt_deadline(limit, closes, deadline):
    assert attempt_deadline(started_at=T0, time_limit_minutes=limit, closes_at=closes) == deadline


@pytest.mark.parametrize("now, deadline, grace, overdue", [
    (at(19), at(20), 0, False),
    (at(20), at(20), 0, False),
    (at(20.01), at(20), 0, True),
    (at(20.4), at(20), 30, False),
    (at(20.6), at(20), 30, True),
    (at(9999), None, 0, False),
])
def test_is_overdue(now, deadline, grace, overdue):
    assert is_overdue(now, deadline, grace_seconds=grace) is overdue


@pytest.mark.parametrize("method, percents, grade", [
    ("highest", [40, 90, 70], 90),
    ("last", [40, 90, 70], 70),
    ("average", [40, 90, 70], 66.67),
    ("average", [50], 50),
    ("highest", [], None),
    ("average", [], None),
])
def test_aggregate_grade(method, percents, grade):
    assert aggregate_grade(method, percents) == grade


def test_aggregate_grade_refuses_unknown_method():
    with pytest.raises(ValueError):
        aggregate_grade("first", [1])


def test_shuffled_is_a_permutation_fixed_by_seed():
    items = list(range(20))
    assert sorted(shuffled(items, 7)) == items
    assert shuffled(items, 7) == shuffled(items, 7)
    assert shuffled(items, 7) != shuffled(items, 8)
    assert shuffled([], 1) == () and shuffled(["a"], 1) == ("a",)


def test_shuffled_order_is_pinned_for_stored_seeds():
    # Attempts store only their seed: this order must never change between releases.
    assert shuffled("abcdef", 42) == ("c", "f", "e", "b", "a", "d")


def test_sub_seeds_differ_per_label_and_are_stable():
    assert sub_seed(1, "q:1") == sub_seed(1, "q:1")
    assert len({sub_seed(1, "q:1"), sub_seed(1, "q:2"), sub_seed(2, "q:1")}) == 3


BANK = {"Lương": ["l1", "l2", "l3", "l4", "l5"], "Hợp đồng": ["h1", "h2"]}


def test_draw_keeps_fixed_questions_and_ref_order():
    refs = (QuestionRef("h1", 2), RandomRef("Lương", 2), QuestionRef("l1"))
    drawn = draw_questions(refs, BANK, seed=3)
    assert drawn[0] == ("h1", 2) and drawn[-1] == ("l1", None)
    assert all(slug in BANK["Lương"] and points is None for slug, points in drawn[1:3])


@pytest.mark.parametrize("seed", range(40))
def test_draw_never_repeats_a_question(seed):
    refs = (RandomRef("Lương", 2), QuestionRef("l3"), RandomRef("Lương", 2))
    slugs = [slug for slug, _ in draw_questions(refs, BANK, seed=seed)]
    assert len(slugs) == len(set(slugs)) == 5
    assert slugs[2] == "l3"


def test_draw_is_deterministic_per_seed_and_varies_across_seeds():
    refs = (RandomRef("Lương", 3),)
    assert draw_questions(refs, BANK, seed=5) == draw_questions(refs, BANK, seed=5)
    assert len({draw_questions(refs, BANK, seed=s) for s in range(30)}) > 5


@pytest.mark.parametrize("refs, fragment", [
    ((RandomRef("Hợp đồng", 3),), "chỉ còn 2 câu để rút, cần 3"),
    ((QuestionRef("h1"), RandomRef("Hợp đồng", 2)), "chỉ còn 1 câu"),
    ((RandomRef("Không có", 1),), "'Không có' chỉ còn 0 câu"),
])
def test_draw_fails_when_a_category_has_too_few(refs, fragment):
    with pytest.raises(DrawError) as err:
        draw_questions(refs, BANK, seed=1)
    assert fragment in str(err.value)
