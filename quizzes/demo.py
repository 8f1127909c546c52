"""Demo attempts and scenario runs, so a lecturer's reports have something to show.

Only trainees 5 to 12 take part (trainee@ to trainee4@ start fresh for trying things out),
and only in courses they are enrolled in. Answers are drawn with a fixed seed per trainee,
some strong and some weak, so item analysis and weakness by article look like a real class.
"""
from __future__ import annotations

import random
from datetime import timedelta

import sqlalchemy as sa

from courses.access import is_enrolled
from lms.extensions import db
from lms.models import User
from lms.timeutil import utcnow
from quizzes import attempts, plays
from quizzes.convert import scenario_of
from quizzes.models import Quiz, ScenarioActivity
from quizzes.scenario import engine

DEMO_TRAINEES = [f"trainee{n}@example.com" for n in range(5, 13)]


def _answer(snap: dict, position: int, right: bool, rng: random.Random) -> dict:
    """Return form fields answering a question rightly or not."""
    name, data, kind = f"q{position}", snap["data"], snap["type"]
    if kind == "single_choice":
        options = data["options"]
        good = next(i for i, o in enumerate(options) if o.get("correct"))
        pick = good if right else rng.choice([i for i in range(len(options)) if i != good])
        return {name: [str(pick)]}
    if kind == "multiple_choice":
        good = [i for i, o in enumerate(data["options"]) if o["weight"] > 0]
        picks = good if right else rng.sample(range(len(data["options"])), 2)
        return {name: [str(i) for i in picks]}
    if kind == "true_false":
        return {name: ["true" if data["answer"] == right else "false"]}
    if kind == "short_answer":
        return {name: [data["answers"][0]["text"] if right else "không nhớ"]}
    if kind == "numerical":
        value = data["answers"][0]["value"]
        return {name: [str(value if right else value + 7)]}
    if kind == "matching":
        rights = list(dict.fromkeys(p["right"] for p in data["pairs"]))
        ids = [rights.index(p["right"]) for p in data["pairs"]]
        if not right:
            ids = ids[1:] + ids[:1]
        return {f"{name}-{i}": [str(r)] for i, r in enumerate(ids)}
    if kind == "ordering":
        order = list(range(len(data["items"])))
        return {name: [",".join(map(str, order if right else order[::-1]))]}
    return {name: ["Theo tôi, công đoàn cần kiểm tra hồ sơ, đối chiếu với luật và "
                   "đề nghị người sử dụng lao động sửa sai."]}


def _take_quiz(quiz: Quiz, user: User, skill: float, rng: random.Random) -> None:
    """Take and submit one attempt."""
    start = utcnow() - timedelta(days=rng.randint(1, 12), minutes=rng.randint(0, 600))
    attempt = attempts.start_attempt(quiz.id, user=user, now=start)
    fields = {}
    for slot in attempt.slots:
        fields[str(slot.position)] = _answer(slot.snapshot, slot.position,
                                             rng.random() < skill, rng)
    attempts.submit_attempt(attempt.id, user_id=user.id, slots=fields,
                            now=start + timedelta(minutes=rng.randint(4, 15)))


def _play(activity: ScenarioActivity, user: User, skill: float, rng: random.Random) -> None:
    """Play one run to an end, choosing well with probability ``skill``."""
    now = utcnow() - timedelta(days=rng.randint(1, 12))
    run = plays.start_play(activity.id, user=user, now=now)
    scenario = scenario_of(activity)
    for _ in range(60):
        state = engine.state_from_dict(run.engine_state)
        view = engine.view(scenario, state)
        where = {"node_id": view.node_id, "step": len(state.history), "now": now}
        if view.is_finished:
            return
        if view.kind == "situation":
            plays.continue_play(run.id, user_id=user.id, **where)
        elif view.kind == "check":
            question = plays.check_question(activity, view.question)
            fields = _answer({"type": question.type, "data": question.data}, 0,
                             rng.random() < skill, rng)
            plays.answer_check(run.id, user_id=user.id, fields=fields, **where)
        else:
            node = scenario.node(view.node_id)
            offered = [c.id for c in view.choices]
            best = max(offered, key=lambda i: node.choices[i].score)
            plays.choose(run.id, user_id=user.id, choice_id=best if rng.random() < skill
                         else rng.choice(offered), **where)
        db.session.refresh(run)


def seed_demo_attempts() -> str:
    """Let demo trainees 5-12 take every published quiz and scenario of their courses."""
    users = list(db.session.scalars(sa.select(User).where(User.email.in_(DEMO_TRAINEES))
                                    .order_by(User.email)))
    quizzes = list(db.session.scalars(sa.select(Quiz).where(Quiz.is_published)))
    scenarios = list(db.session.scalars(sa.select(ScenarioActivity).where(
        ScenarioActivity.is_published)))
    taken = runs = 0
    for index, user in enumerate(users):
        rng = random.Random(f"demo-{user.email}")
        skill = 0.35 + 0.6 * index / max(len(users) - 1, 1)
        for quiz in quizzes:
            if is_enrolled(user, quiz.course):
                _take_quiz(quiz, user, skill, rng)
                taken += 1
        for activity in scenarios:
            if is_enrolled(user, activity.course):
                _play(activity, user, skill, rng)
                runs += 1
    return f"{taken} quiz attempts and {runs} scenario runs by demo trainees"
