"""The record of a session, continued: transcript, Q&A, polls, quiz, scenarios and groups."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from lms.extensions import db
from lms.live.activity_models import (
    Breakout, BreakoutGroup, QuizAnswer, QuizItem, ScenarioRun,
)
from lms.live.livequiz import close_item, session_totals, standings
from lms.live.models import ChatMessage, Hand, Poll, PollVote, QaQuestion
from lms.live.polls import results as poll_results
from lms.models import User
from quizzes.scenario import engine
from quizzes.scenario.fileformat import parse_scenario_file


@dataclass(frozen=True)
class TranscriptLine:
    """One chat line as the record shows it (deleted ones included, marked)."""

    id: int
    at: datetime
    author: str
    role: str
    body: str
    group: str
    deleted_at: datetime | None
    deleted_by: str


def transcript(session_id: int) -> list[TranscriptLine]:
    """Return every chat line of the room and its groups, in order."""
    deleter = aliased(User)
    rows = db.session.execute(
        sa.select(ChatMessage, User.full_name, BreakoutGroup.name, deleter.full_name)
        .join(User, User.id == ChatMessage.user_id)
        .outerjoin(BreakoutGroup, BreakoutGroup.id == ChatMessage.group_id)
        .outerjoin(deleter, deleter.id == ChatMessage.deleted_by_id)
        .where(ChatMessage.session_id == session_id).order_by(ChatMessage.id)).all()
    return [TranscriptLine(m.id, m.created_at, author, m.role, m.body, group or "",
                           m.deleted_at, deleted_by or "")
            for m, author, group, deleted_by in rows]


def questions(session_id: int) -> list[tuple[QaQuestion, str]]:
    """Return every Q&A question (withdrawn ones too) with its author's name."""
    return [tuple(row) for row in db.session.execute(
        sa.select(QaQuestion, User.full_name).join(User, User.id == QaQuestion.user_id)
        .where(QaQuestion.session_id == session_id).order_by(QaQuestion.id)).all()]


def hands(session_id: int) -> list[tuple[Hand, str]]:
    """Return every hand raised, in order, with the person's name."""
    return [tuple(row) for row in db.session.execute(
        sa.select(Hand, User.full_name).join(User, User.id == Hand.user_id)
        .where(Hand.session_id == session_id).order_by(Hand.raised_at, Hand.id)).all()]


def polls(session_id: int) -> list[dict]:
    """Return every poll with its counts and, unless anonymous, who answered what."""
    found = []
    for poll in db.session.scalars(sa.select(Poll).where(Poll.session_id == session_id)
                                   .order_by(Poll.id)):
        answers = []
        if not poll.is_anonymous:
            answers = [(name, [poll.options[i] for i in choices if i < len(poll.options)])
                       for choices, name in db.session.execute(
                           sa.select(PollVote.choices, User.full_name)
                           .join(User, User.id == PollVote.user_id)
                           .where(PollVote.poll_id == poll.id).order_by(User.full_name))]
        found.append({"poll": poll, "results": poll_results(poll), "answers": answers})
    return found


def quiz(session_id: int) -> dict:
    """Return every live item with its results and answers, and the final leaderboard."""
    items = []
    for item in db.session.scalars(sa.select(QuizItem).where(QuizItem.session_id == session_id)
                                   .order_by(QuizItem.id)):
        results = item.results if item.state == "closed" and item.results \
            else close_item(item).results if item.state == "closed" else None
        answers = db.session.execute(
            sa.select(QuizAnswer, User.full_name).join(User, User.id == QuizAnswer.user_id)
            .where(QuizAnswer.item_id == item.id).order_by(QuizAnswer.received_at)).all()
        items.append({"item": item, "results": results, "answers": answers})
    totals = session_totals(session_id)
    return {"items": items, "leaderboard": standings(totals, top=len(totals) or 1)}


def scenario_runs(session_id: int) -> list[dict]:
    """Return each scenario played: the path the class took and the result."""
    found = []
    for run in db.session.scalars(sa.select(ScenarioRun).where(
            ScenarioRun.session_id == session_id).order_by(ScenarioRun.id)):
        scenario, _errors = parse_scenario_file(run.source, f"{run.scenario_slug}.yaml")
        state = engine.state_from_dict(run.state)
        steps = [_step_view(scenario, step) for step in state.history]
        result = engine.result(scenario, state) if scenario is not None else None
        found.append({"run": run, "steps": steps, "result": result})
    return found


def _step_view(scenario, step) -> dict:
    """Return a step of a run with the node's title and the choice's text."""
    node = scenario.node(step.node_id) if scenario is not None else None
    title = (node.title or node.prompt or node.id) if node is not None else step.node_id
    choice = ""
    if node is not None and step.choice_id is not None and step.choice_id < len(node.choices):
        choice = node.choices[step.choice_id].text
    return {"title": title, "choice": choice, "score": step.score_delta,
            "check": step.choice_id is None}


def breakouts(session_id: int) -> list[Breakout]:
    """Return every breakout of the session with its groups."""
    return list(db.session.scalars(sa.select(Breakout).where(
        Breakout.session_id == session_id).order_by(Breakout.id)))
