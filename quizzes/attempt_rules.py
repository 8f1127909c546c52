"""Pure rules of quiz attempts: review moment, deadline, overdue, final grade, drawing questions.

Times are timezone-aware datetimes; the caller passes ``now`` so that nothing here reads a clock.
"""
from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from quizzes.quizfile import QuestionRef, RandomRef

# Moodle's "immediately after the attempt": the two minutes after it is submitted.
IMMEDIATELY_WINDOW = timedelta(minutes=2)
ATTEMPT_STATES = ("in_progress", "overdue", "submitted", "abandoned")


class DrawError(ValueError):
    """Questions cannot be drawn for an attempt; the message is Vietnamese."""


def review_moment(*, now: datetime, state: str, submitted_at: datetime | None,
                  closes_at: datetime | None) -> str:
    """Return "during", "immediately", "later" or "after_close" for an attempt now.

    As Moodle: an attempt in progress is "during"; once the quiz has closed it is
    "after_close"; within two minutes of submitting, "immediately"; otherwise "later".
    """
    if state not in ATTEMPT_STATES:
        raise ValueError(f"unknown attempt state: {state!r}")
    if state == "in_progress":
        return "during"
    if closes_at is not None and now >= closes_at:
        return "after_close"
    if submitted_at is not None and now < submitted_at + IMMEDIATELY_WINDOW:
        return "immediately"
    return "later"


def attempt_deadline(*, started_at: datetime, time_limit_minutes: int | None,
                     closes_at: datetime | None) -> datetime | None:
    """Return when the attempt must end: the earlier of time limit and closing; None if neither."""
    candidates = [closes_at] if closes_at is not None else []
    if time_limit_minutes:
        candidates.append(started_at + timedelta(minutes=time_limit_minutes))
    return min(candidates, default=None)


def is_overdue(now: datetime, deadline: datetime | None, *, grace_seconds: int = 0) -> bool:
    """Tell whether ``now`` is past the deadline plus a grace for answers still in transit."""
    return deadline is not None and now > deadline + timedelta(seconds=grace_seconds)


def aggregate_grade(method: str, percents: Sequence[float]) -> float | None:
    """Return the quiz grade from the attempts' percents (in attempt order); None if none."""
    if method not in ("highest", "last", "average"):
        raise ValueError(f"unknown grading method: {method!r}")
    if not percents:
        return None
    if method == "highest":
        return max(percents)
    if method == "last":
        return percents[-1]
    return round(sum(percents) / len(percents), 2)


def shuffled(items: Sequence, seed: int) -> tuple:
    """Return ``items`` in an order fixed by ``seed``.

    Fisher-Yates over ``Random.random()``, whose sequence per seed Python guarantees across
    versions (``Random.shuffle`` does not), so a stored seed gives the same order tomorrow.
    """
    rng = random.Random(seed)
    result = list(items)
    for index in range(len(result) - 1, 0, -1):
        other = int(rng.random() * (index + 1))
        result[index], result[other] = result[other], result[index]
    return tuple(result)


def sub_seed(seed: int, label: str) -> int:
    """Derive an independent seed for one purpose (e.g. the options of one question)."""
    digest = hashlib.sha256(f"{seed}:{label}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def draw_questions(refs: Sequence[QuestionRef | RandomRef],
                   bank_by_category: Mapping[str, Sequence[str]],
                   *, seed: int) -> tuple[tuple[str, float | None], ...]:
    """Return (slug, points override or None) per question, in the order of ``refs``.

    Random draws are fixed by ``seed`` and never repeat a question of the attempt, fixed
    ones included; raise DrawError when a category has too few questions left.
    """
    used = {ref.slug for ref in refs if isinstance(ref, QuestionRef)}
    drawn: list[tuple[str, float | None]] = []
    for position, ref in enumerate(refs):
        if isinstance(ref, QuestionRef):
            drawn.append((ref.slug, ref.points))
            continue
        left = [slug for slug in bank_by_category.get(ref.category, ()) if slug not in used]
        if len(left) < ref.count:
            raise DrawError(f"Danh mục '{ref.category}' chỉ còn {len(left)} câu để rút, "
                            f"cần {ref.count}")
        picked = shuffled(left, sub_seed(seed, f"draw:{position}"))[:ref.count]
        used.update(picked)
        drawn.extend((slug, None) for slug in picked)
    return tuple(drawn)
