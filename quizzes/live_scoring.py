"""Points, vote counts and leaderboards for live questions (Kahoot-style).

Points for one answer:
- wrong, or later than the time limit: 0;
- correct: ``1000 * (1 - elapsed / limit / 2)`` rounded half up, so 1000 for an instant answer
  and 500 at the last moment;
- plus a streak bonus of 100 for each consecutive correct answer just before this one,
  capped at 500 (a sixth correct answer in a row and later ones all get +500).
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

MAX_POINTS = 1000
STREAK_STEP = 100
STREAK_CAP = 500


def points_for(correct: bool, elapsed_ms: int, limit_ms: int, streak: int) -> int:
    """Return the points of one live answer; ``streak`` counts the correct answers just before."""
    if limit_ms <= 0 or streak < 0:
        raise ValueError("limit_ms must be positive and streak not negative")
    elapsed_ms = max(0, elapsed_ms)
    if not correct or elapsed_ms > limit_ms:
        return 0
    # 1000 * (2L - e) / (2L), rounded half up in integers: no float ties to round the wrong way.
    speed = (MAX_POINTS * (2 * limit_ms - elapsed_ms) + limit_ms) // (2 * limit_ms)
    return speed + min(STREAK_STEP * streak, STREAK_CAP)


def next_streak(streak: int, correct: bool) -> int:
    """Return the streak after an answer: one more when correct, back to 0 otherwise."""
    return streak + 1 if correct else 0


def distribution(answers: Iterable[Hashable], option_ids: Sequence[Hashable]) -> dict:
    """Count the answers per option, in the options' order; unknown answers are ignored."""
    counts = {option: 0 for option in option_ids}
    for answer in answers:
        if answer in counts:
            counts[answer] += 1
    return counts


def majority_choice(counts: Mapping[Hashable, int], *,
                    tie_break_ids: Sequence[Hashable]) -> Hashable | None:
    """Return the option with the most votes; ties go to the earliest in ``tie_break_ids``.

    Options missing from ``tie_break_ids`` lose ties to listed ones, then keep the order of
    ``counts``. None when there is nothing to choose from.
    """
    if not counts:
        return None
    priority = {option: index for index, option in enumerate(tie_break_ids)}
    order = {option: index for index, option in enumerate(counts)}
    return min(counts, key=lambda option: (-counts[option],
                                           priority.get(option, len(priority)), order[option]))


@dataclass(frozen=True)
class Standing:
    """One row of a leaderboard."""

    rank: int
    participant: Hashable
    points: int


def ranks(totals: Mapping[Hashable, int]) -> dict:
    """Return each participant's rank; equal totals share a rank (1, 2, 2, 4)."""
    ordered = sorted(totals.values(), reverse=True)
    first_place = {}
    for index, points in enumerate(ordered):
        first_place.setdefault(points, index + 1)
    return {participant: first_place[points] for participant, points in totals.items()}


def leaderboard(totals: Mapping[Hashable, int], *, top: int) -> tuple[Standing, ...]:
    """Return the ``top`` best standings, best first; within a tie, in the order of ``totals``."""
    ranked = ranks(totals)
    order = sorted(enumerate(totals.items()), key=lambda item: (-item[1][1], item[0]))
    return tuple(Standing(ranked[participant], participant, points)
                 for _, (participant, points) in order[:max(0, top)])
