"""Tests for live question points, vote counts, majority and leaderboards."""
import pytest

from quizzes.live_scoring import (
    Standing, distribution, leaderboard, majority_choice, next_streak, points_for, ranks,
)


@pytest.mark.parametrize("correct, elapsed, limit, streak, points", [
    (True, 0, 20_000, 0, 1000),
    (True, 20_000, 20_000, 0, 500),
    (True, 10_000, 20_000, 0, 750),
    (True, 1, 20_000, 0, 1000),          # 999.975 rounds up
    (True, 2, 20_000, 0, 1000),          # 999.95 rounds half up
    (True, 3, 20_000, 0, 1000),          # 999.925
    (True, 30, 20_000, 0, 999),          # 999.25
    (True, 5_000, 30_000, 0, 917),       # 916.67
    (True, -50, 20_000, 0, 1000),        # clock skew: never more than 1000
    (True, 20_001, 20_000, 3, 0),        # late
    (False, 0, 20_000, 4, 0),            # wrong
    (True, 0, 20_000, 1, 1100),
    (True, 10_000, 20_000, 3, 1050),
    (True, 0, 20_000, 5, 1500),
    (True, 0, 20_000, 9, 1500),          # bonus capped at 500
])
def test_points_for(correct, elapsed, limit, streak, points):
    assert points_for(correct, elapsed, limit, streak) == points


@pytest.mark.parametrize("limit, streak", [(0, 0), (-1, 0), (1000, -1)])
def test_points_for_refuses_nonsense(limit, streak):
    with pytest.raises(ValueError):
        points_for(True, 0, limit, streak)


@pytest.mark.parametrize("streak, correct, after", [(0, True, 1), (4, True, 5), (4, False, 0)])
def test_next_streak(streak, correct, after):
    assert next_streak(streak, correct) == after


def test_distribution_counts_in_option_order_and_ignores_unknown():
    counts = distribution(["b", "a", "b", "x", "b"], ["a", "b", "c"])
    assert counts == {"a": 1, "b": 3, "c": 0}
    assert list(counts) == ["a", "b", "c"]


@pytest.mark.parametrize("counts, tie_break, winner", [
    ({0: 1, 1: 5, 2: 3}, [0, 1, 2], 1),
    ({0: 4, 1: 4, 2: 3}, [0, 1, 2], 0),
    ({0: 4, 1: 4, 2: 3}, [1, 0, 2], 1),
    ({0: 0, 1: 0}, [1, 0], 1),               # nobody voted: first in tie-break order
    ({"a": 2, "b": 2, "c": 2}, ["c"], "c"),
    ({"a": 2, "b": 2}, [], "a"),             # unlisted ties keep the counts' order
    ({}, [1], None),
])
def test_majority_choice(counts, tie_break, winner):
    assert majority_choice(counts, tie_break_ids=tie_break) == winner


def test_ranks_share_places_on_ties():
    assert ranks({"an": 900, "binh": 1500, "chi": 900, "dung": 200}) == {
        "binh": 1, "an": 2, "chi": 2, "dung": 4}


@pytest.mark.parametrize("top, expected", [
    (2, [Standing(1, "binh", 1500), Standing(2, "an", 900)]),
    (3, [Standing(1, "binh", 1500), Standing(2, "an", 900), Standing(2, "chi", 900)]),
    (10, [Standing(1, "binh", 1500), Standing(2, "an", 900), Standing(2, "chi", 900),
          Standing(4, "dung", 200)]),
    (0, []),
])
def test_leaderboard(top, expected):
    totals = {"an": 900, "binh": 1500, "chi": 900, "dung": 200}
    assert leaderboard(totals, top=top) == tuple(expected)


def test_leaderboard_of_nobody_is_empty():
    assert leaderboard({}, top=5) == ()
