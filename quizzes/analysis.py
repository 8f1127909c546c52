"""Item analysis over finished attempts, and the articles of law trainees know least.

Moodle's statistics, reduced to what lecturers use: the facility index (mean fraction, in
percent) tells how easy a question was; the discrimination index (Pearson correlation x100
between the item's fraction and the score on the *rest* of the attempt) tells whether the
trainees who did well overall also did well on it. Responses still waiting for a lecturer
(fraction None) are counted apart and left out of both figures.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ResponseRecord:
    """One question answered in one finished attempt.

    ``max_mark`` is what the question was worth in that attempt, in the unit of the attempt
    totals, so that the rest-of-test score can be computed.
    """

    attempt_id: int
    question_slug: str
    fraction: float | None
    response_summary: str
    max_mark: float = 1.0


@dataclass(frozen=True)
class ItemStats:
    """Statistics of one question over the attempts.

    ``count`` responses graded and ``ungraded`` awaiting a lecturer; ``facility`` in percent;
    ``discrimination`` from -100 to 100 (None with fewer than two graded responses or when
    the item or the rest of the test did not vary); ``distribution`` (summary, count), most
    frequent first.
    """

    question_slug: str
    count: int
    ungraded: int
    facility: float | None
    discrimination: float | None
    distribution: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ArticleWeakness:
    """How trainees did on the questions citing one article ("CODE:ARTICLE")."""

    article: str
    questions: tuple[str, ...]
    responses: int
    mean_fraction: float


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Return the correlation of two equally long series, or None when it is undefined."""
    if len(xs) < 2:
        return None
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx < 1e-12 or syy < 1e-12:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    return sxy / math.sqrt(sxx * syy)


def attempt_totals_of(records: Iterable[ResponseRecord]) -> dict[int, float]:
    """Add up each attempt's marks from its graded records."""
    totals: dict[int, float] = defaultdict(float)
    for record in records:
        if record.fraction is not None:
            totals[record.attempt_id] += record.fraction * record.max_mark
    return dict(totals)


def item_analysis(records: Iterable[ResponseRecord],
                  attempt_totals: Mapping[int, float] | None = None) -> tuple[ItemStats, ...]:
    """Return the statistics of every question, in order of first appearance.

    ``attempt_totals`` maps attempt ids to their total marks; when omitted they are added up
    from the records themselves.
    """
    records = list(records)
    totals = attempt_totals_of(records) if attempt_totals is None else attempt_totals
    by_question: dict[str, list[ResponseRecord]] = {}
    for record in records:
        by_question.setdefault(record.question_slug, []).append(record)
    return tuple(_item_stats(slug, items, totals) for slug, items in by_question.items())


def _item_stats(slug: str, records: list[ResponseRecord],
                totals: Mapping[int, float]) -> ItemStats:
    """Compute one question's statistics."""
    graded = [r for r in records if r.fraction is not None]
    facility = (round(100 * sum(r.fraction for r in graded) / len(graded), 2)
                if graded else None)
    paired = [r for r in graded if r.attempt_id in totals]
    correlation = pearson([r.fraction for r in paired],
                          [totals[r.attempt_id] - r.fraction * r.max_mark for r in paired])
    counts = Counter(r.response_summary for r in records)
    distribution = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return ItemStats(slug, len(graded), len(records) - len(graded), facility,
                     None if correlation is None else round(100 * correlation, 2),
                     distribution)


def article_of(citation: str) -> str:
    """Return the article a citation points at: "BLLĐ-2019:97.4" -> "BLLĐ-2019:97"."""
    return citation.split(".", 1)[0]


def weakness_by_article(records: Iterable[ResponseRecord],
                        citations_by_question: Mapping[str, Sequence[str]]
                        ) -> tuple[ArticleWeakness, ...]:
    """Return, per cited article, the graded responses to its questions, weakest first."""
    fractions: dict[str, list[float]] = defaultdict(list)
    questions: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record.fraction is None:
            continue
        cited = citations_by_question.get(record.question_slug, ())
        for article in dict.fromkeys(article_of(c) for c in cited):
            fractions[article].append(record.fraction)
            questions[article].add(record.question_slug)
    weaknesses = [
        ArticleWeakness(article, tuple(sorted(questions[article])), len(values),
                        round(sum(values) / len(values), 4))
        for article, values in fractions.items()]
    return tuple(sorted(weaknesses, key=lambda w: (w.mean_fraction, -w.responses, w.article)))
