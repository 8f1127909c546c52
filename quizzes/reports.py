"""Reports for lecturers: quiz item analysis, weakness by cited article, scenario paths."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from courses.models import Article, Law
from lms.extensions import db
from lms.models import User
from quizzes import bank
from quizzes.analysis import (
    ArticleWeakness, ItemStats, ResponseRecord, item_analysis, weakness_by_article,
)
from quizzes.convert import scenario_of
from quizzes.qtypes import get_type
from quizzes.models import (
    AttemptSlot, Question, QuestionCitation, Quiz, QuizAttempt, ScenarioActivity,
    ScenarioCitation, ScenarioPlay, ScenarioStep,
)
from quizzes.review import summary_of


@dataclass(frozen=True)
class ItemRow:
    """One question's statistics with what a lecturer needs to read them."""

    stats: ItemStats
    title: str
    type: str
    right_answer: str


@dataclass(frozen=True)
class ChoiceStat:
    """How often one choice of a decision was taken."""

    choice_id: int
    text: str
    score: int
    count: int
    percent: float
    is_best: bool


@dataclass(frozen=True)
class DecisionStat:
    """A decision node: how many reached it and what they chose."""

    node_id: str
    prompt: str
    reached: int
    choices: tuple[ChoiceStat, ...]


@dataclass(frozen=True)
class PathStats:
    """Path statistics of a scenario over every trainee run."""

    runs: int
    finished: int
    mean_percent: float | None
    outcomes: tuple[tuple[str, int], ...]
    decisions: tuple[DecisionStat, ...]
    wrong_turn: tuple[DecisionStat, ChoiceStat] | None


def _trainee_ids():
    """Return a subquery of trainee account ids (lecturers' previews are left out)."""
    return sa.select(User.id).where(User.role == "trainee").scalar_subquery()


def quiz_records(quiz: Quiz) -> tuple[list[ResponseRecord], dict[str, tuple]]:
    """Return response records of submitted trainee attempts and per-slug question info."""
    slots = db.session.scalars(
        sa.select(AttemptSlot).join(AttemptSlot.attempt)
        .where(QuizAttempt.quiz_id == quiz.id, QuizAttempt.state == "submitted",
               QuizAttempt.user_id.in_(_trainee_ids()))
        .order_by(AttemptSlot.position))
    records, info = [], {}
    for slot in slots:
        question = bank.snapshot_question(slot.snapshot)
        summary = summary_of(question, slot.response) or "(không trả lời)"
        records.append(ResponseRecord(slot.attempt_id, slot.question_slug, slot.fraction,
                                      summary, slot.max_mark))
        info.setdefault(slot.question_slug, (question, slot.snapshot))
    return records, info


def item_rows(quiz: Quiz) -> list[ItemRow]:
    """Return the item analysis of a quiz, one row per question answered."""
    records, info = quiz_records(quiz)
    totals = dict(db.session.execute(sa.select(QuizAttempt.id, QuizAttempt.mark).where(
        QuizAttempt.quiz_id == quiz.id, QuizAttempt.state == "submitted",
        QuizAttempt.mark.is_not(None))).all())
    rows = []
    for stats in item_analysis(records, totals):
        question, snap = info[stats.question_slug]
        qtype = get_type(question.type)
        rows.append(ItemRow(stats, question.title or question.slug, question.type,
                            qtype.right_answer(question.spec)))
    return rows


def course_records(course_id: int) -> tuple[list[ResponseRecord], dict[str, tuple[str, ...]]]:
    """Return graded records of quiz answers and scenario checks, with each question's refs."""
    records: list[ResponseRecord] = []
    cited: dict[str, tuple[str, ...]] = {}
    slots = db.session.scalars(
        sa.select(AttemptSlot).join(AttemptSlot.attempt).join(QuizAttempt.quiz)
        .where(Quiz.course_id == course_id, QuizAttempt.state == "submitted",
               QuizAttempt.user_id.in_(_trainee_ids())))
    for slot in slots:
        question = bank.snapshot_question(slot.snapshot)
        cited.setdefault(slot.question_slug, bank.question_article_refs(question))
        records.append(ResponseRecord(slot.attempt_id, slot.question_slug, slot.fraction, ""))
    questions = _question_refs(course_id)
    for slug, play_id, fraction in _check_answers(course_id):
        if slug in questions:
            cited.setdefault(slug, questions[slug])
            records.append(ResponseRecord(-play_id, slug, fraction, ""))
    return records, cited


def _check_answers(course_id: int):
    """Yield (question slug, run id, fraction) of every answered scenario check."""
    steps = db.session.execute(
        sa.select(ScenarioStep.node_id, ScenarioStep.play_id, ScenarioStep.fraction,
                  ScenarioActivity.id).join(ScenarioStep.play).join(ScenarioPlay.scenario)
        .where(ScenarioActivity.course_id == course_id, ScenarioStep.fraction.is_not(None),
               ScenarioPlay.user_id.in_(_trainee_ids())))
    scenarios: dict[int, object] = {}
    for node_id, play_id, fraction, scenario_id in steps:
        if scenario_id not in scenarios:
            scenarios[scenario_id] = scenario_of(db.session.get(ScenarioActivity, scenario_id))
        node = scenarios[scenario_id].node(node_id)
        if node is not None and node.question:
            yield node.question, play_id, fraction


def _question_refs(course_id: int) -> dict[str, tuple[str, ...]]:
    """Return the cited articles of every bank question of a course, by slug."""
    return {row.slug: bank.question_article_refs(bank.to_bank_question(row))
            for row in db.session.scalars(sa.select(Question).where(
                Question.course_id == course_id))}


def weakness(course_id: int) -> tuple[ArticleWeakness, ...]:
    """Return the cited articles of a course, the ones trainees know least first."""
    records, cited = course_records(course_id)
    return weakness_by_article(records, cited)


def path_stats(activity: ScenarioActivity) -> PathStats:
    """Count runs, outcomes and choices of a scenario (trainees only)."""
    plays = list(db.session.scalars(sa.select(ScenarioPlay).where(
        ScenarioPlay.scenario_id == activity.id, ScenarioPlay.user_id.in_(_trainee_ids()))))
    finished = [p for p in plays if p.state == "finished"]
    percents = [p.percent for p in finished if p.percent is not None]
    taken = Counter(db.session.execute(
        sa.select(ScenarioStep.node_id, ScenarioStep.choice_id).join(ScenarioStep.play)
        .where(ScenarioPlay.scenario_id == activity.id, ScenarioStep.choice_id.is_not(None),
               ScenarioPlay.user_id.in_(_trainee_ids()))).all())
    decisions = _decision_stats(scenario_of(activity), taken)
    return PathStats(
        runs=len(plays), finished=len(finished),
        mean_percent=round(sum(percents) / len(percents), 1) if percents else None,
        outcomes=tuple(Counter(p.outcome for p in finished).most_common()),
        decisions=decisions, wrong_turn=_wrong_turn(decisions))


def _decision_stats(scenario, taken: Counter) -> tuple[DecisionStat, ...]:
    """Build the statistics of every decision node in file order."""
    stats = []
    for node in scenario.nodes:
        if node.kind != "decision":
            continue
        reached = sum(taken[(node.id, i)] for i in range(len(node.choices)))
        best = max(choice.score for choice in node.choices)
        choices = tuple(
            ChoiceStat(i, choice.text, choice.score, taken[(node.id, i)],
                       round(100 * taken[(node.id, i)] / reached, 1) if reached else 0.0,
                       choice.score == best)
            for i, choice in enumerate(node.choices))
        stats.append(DecisionStat(node.id, node.prompt, reached, choices))
    return tuple(stats)


def _wrong_turn(decisions) -> tuple[DecisionStat, ChoiceStat] | None:
    """Return the choice below its decision's best score that was taken most often."""
    wrong = [(decision, choice) for decision in decisions for choice in decision.choices
             if not choice.is_best and choice.count]
    if not wrong:
        return None
    return max(wrong, key=lambda pair: (pair[1].count, -pair[1].score))


def replaced_citations(course_id: int, today: date) -> tuple[dict[int, list[str]],
                                                             dict[int, list[str]]]:
    """Return, for questions and for scenarios of a course, the articles they cite that are
    no longer in force (``CODE:NUMBER``), so lecturers can review them."""
    def rows(link, owner_column):
        return db.session.execute(
            sa.select(owner_column, Law.code, Article.number)
            .join(Article, Article.id == link.article_id).join(Law, Law.id == Article.law_id)
            .where(sa.or_(Article.effective_to < today, Law.effective_to < today)))
    questions: dict[int, list[str]] = {}
    for owner, code, number in rows(QuestionCitation, QuestionCitation.question_id):
        questions.setdefault(owner, []).append(f"{code}:{number}")
    scenarios: dict[int, list[str]] = {}
    for owner, code, number in rows(ScenarioCitation, ScenarioCitation.scenario_id):
        scenarios.setdefault(owner, []).append(f"{code}:{number}")
    ids = set(db.session.scalars(sa.select(Question.id).where(Question.course_id == course_id)))
    own = set(db.session.scalars(sa.select(ScenarioActivity.id).where(
        ScenarioActivity.course_id == course_id)))
    return ({k: v for k, v in questions.items() if k in ids},
            {k: v for k, v in scenarios.items() if k in own})
