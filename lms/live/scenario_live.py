"""Live scenario mode: the class walks one branching scenario together.

At a decision the lecturer pushes the choices with a timer; trainees vote on their phones
(scored like any live item); then the class follows the majority's choice (or the one the
lecturer picks) to the next node, and everyone sees that choice's feedback and the articles
it cites. A check node pushes its bank question; the share of right answers scores it.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from lms.errors import ConflictError
from lms.extensions import db
from lms.live import quiz_source
from lms.live.activity_models import QuizAnswer, QuizItem, ScenarioRun
from lms.live.livequiz import close_item, create_item, item_view
from lms.live.models import LiveSession
from lms.live.quizgrading import decision_payload, question_payload
from lms.live.richtext import cited_articles, render
from lms.live.state import require_lead, require_live, row_in_room
from lms.models import User
from lms.timeutil import utcnow
from quizzes.live_scoring import majority_choice
from quizzes.scenario import engine
from quizzes.scenario.fileformat import dump_scenario, parse_scenario_file
from quizzes.scenario.model import Scenario, ScenarioError


def _scenario(run: ScenarioRun) -> Scenario:
    """Return the scenario as it was when the run started."""
    scenario, _errors = parse_scenario_file(run.source, f"{run.scenario_slug}.yaml")
    if scenario is None:
        raise ConflictError(_l("This scenario can no longer be played."))
    return scenario


def run_view(run: ScenarioRun) -> dict:
    """Return the run as the room sees it: the current node, the last outcome, the result."""
    scenario = _scenario(run)
    state = engine.state_from_dict(run.state)
    node = engine.view(scenario, state)
    view = {"id": run.id, "slug": run.scenario_slug, "title": run.title, "follow": run.follow,
            "active": run.finished_at is None, "score": state.score,
            "node": {"id": node.node_id, "kind": node.kind, "title": node.title,
                     "html": render(node.text), "prompt": render(node.prompt),
                     "outcome": node.outcome, "finished": node.is_finished},
            "outcome": run.last_outcome}
    if node.is_finished:
        result = engine.result(scenario, state)
        view["result"] = {"score": result.score, "max": result.max_score,
                          "percent": result.percent, "passed": result.passed,
                          "outcome": result.outcome}
    return view


def start(*, live_session: LiveSession, actor: User, role: str, slug: str,
          follow: str) -> dict:
    """Start playing a scenario of the course with the room."""
    require_lead(role)
    require_live(live_session)
    if active_run(live_session.id) is not None:
        raise ConflictError(_l("Finish or stop the scenario being played first."))
    scenario = quiz_source.load_scenario(live_session.course, slug)
    state = engine.start(scenario)
    run = ScenarioRun(session_id=live_session.id, scenario_slug=scenario.slug,
                      title=scenario.title, source=dump_scenario(scenario),
                      state=engine.state_to_dict(state), follow=follow,
                      created_by_id=actor.id, started_at=utcnow())
    db.session.add(run)
    db.session.flush()
    view = run_view(run)
    db.session.commit()
    return view


def active_run(session_id: int) -> ScenarioRun | None:
    """Return the scenario being played in this room, if any."""
    return db.session.scalar(sa.select(ScenarioRun).where(
        ScenarioRun.session_id == session_id, ScenarioRun.finished_at.is_(None)))


def _run(live_session: LiveSession, run_id: int) -> ScenarioRun:
    """Return an unfinished run of this room or raise."""
    run = row_in_room(ScenarioRun, live_session, run_id,
                      _l("This scenario run does not exist."))
    if run.finished_at is not None:
        raise ConflictError(_l("This scenario has already ended."))
    return run


def continue_(*, live_session: LiveSession, role: str, run_id: int) -> dict:
    """Move on from a situation node."""
    require_lead(role)
    run = _run(live_session, run_id)
    scenario = _scenario(run)
    try:
        state = engine.continue_(scenario, engine.state_from_dict(run.state))
    except ScenarioError as error:
        raise ConflictError(error.message) from None
    return _save(run, scenario, state, None)


def push_step(*, live_session: LiveSession, actor: User, role: str, run_id: int,
              seconds: int) -> dict:
    """Push the current decision (or check question) to the room with a timer."""
    require_lead(role)
    require_live(live_session)
    run = _run(live_session, run_id)
    scenario = _scenario(run)
    state = engine.state_from_dict(run.state)
    node = scenario.node(state.node_id)
    if node.kind == "decision":
        public, key = decision_payload(engine.view(scenario, state), node)
        kind, source = "decision", f"{run.scenario_slug}/{node.id}"
    elif node.kind == "check":
        question = quiz_source.load_question(live_session.course, node.question)
        public, key = question_payload(question)
        kind, source = "check", f"{run.scenario_slug}/{node.id}/{node.question}"
    else:
        raise ConflictError(_l("There is nothing to vote on at this step."))
    key["node"] = node.id
    item = create_item(live_session=live_session, actor=actor, kind=kind, source=source,
                       title=node.title or node.prompt or run.title, public=public, key=key,
                       seconds=seconds, run_id=run.id)
    view = item_view(item)
    db.session.commit()
    return view


def _step_item(run: ScenarioRun, node_id: str) -> QuizItem:
    """Return the latest item pushed for this node of the run, closed now if still open."""
    item = db.session.scalar(sa.select(QuizItem).where(QuizItem.run_id == run.id)
                             .order_by(QuizItem.id.desc()).limit(1))
    if item is None or item.key.get("node") != node_id:
        raise ConflictError(_l("Push this step to the room before moving on."))
    if item.state == "open":
        close_item(item)
    return item


def decide(*, live_session: LiveSession, role: str, run_id: int,
           choice: int | None) -> dict:
    """Take the class to the next node: the majority's choice, or the lecturer's."""
    require_lead(role)
    run = _run(live_session, run_id)
    scenario = _scenario(run)
    state = engine.state_from_dict(run.state)
    node = scenario.node(state.node_id)
    item = _step_item(run, node.id)
    if node.kind == "check":
        fractions = list(db.session.scalars(sa.select(QuizAnswer.fraction).where(
            QuizAnswer.item_id == item.id)))
        share = sum(f or 0 for f in fractions) / len(fractions) if fractions else 0.0
        state, _outcome = engine.answer_check(scenario, state, share)
        return _save(run, scenario, state, {"node": node.id, "check": True,
                                            "share": round(share * 100)})
    taken, by = _choice_to_take(run, item, choice)
    try:
        state, outcome = engine.choose(scenario, state, taken)
    except ScenarioError as error:
        raise ConflictError(error.message) from None
    picked = node.choices[taken]
    return _save(run, scenario, state, {
        "node": node.id, "choice": taken, "by": by, "html": render(picked.text),
        "feedback": render(outcome.feedback), "score": outcome.score_delta,
        "articles": cited_articles([picked.feedback, picked.text]),
        "votes": {row["key"]: row["count"] for row in item.results["distribution"]}})


def _choice_to_take(run: ScenarioRun, item: QuizItem, choice: int | None) -> tuple[int, str]:
    """Return (choice id, "lecturer" or "majority") for the decision just voted on."""
    offered = [option["id"] for option in item.public["options"]]
    if choice is not None:
        if choice not in offered:
            raise ConflictError(_l("Choose one of the options shown."))
        return choice, "lecturer"
    if run.follow == "lecturer":
        raise ConflictError(_l("In this run the lecturer chooses the way forward."))
    counts = {int(row["key"]): row["count"] for row in item.results["distribution"]}
    if not any(counts.values()):
        raise ConflictError(_l("Nobody voted; choose the way forward yourself."))
    return majority_choice(counts, tie_break_ids=offered), "majority"


def _save(run: ScenarioRun, scenario: Scenario, state, outcome: dict | None) -> dict:
    """Store the new state (and what the room saw); finish the run at an end node."""
    run.state = engine.state_to_dict(state)
    if outcome is not None:
        run.last_outcome = outcome
    if engine.is_finished(scenario, state):
        run.finished_at = utcnow()
    view = run_view(run)
    db.session.commit()
    return view


def stop(*, live_session: LiveSession, role: str, run_id: int) -> dict:
    """Stop playing a scenario before its end."""
    require_lead(role)
    run = _run(live_session, run_id)
    run.finished_at = utcnow()
    view = run_view(run)
    db.session.commit()
    return view


def current_run(session_id: int) -> dict | None:
    """Return the run being played (or the last one played) in this room."""
    run = db.session.scalar(sa.select(ScenarioRun).where(ScenarioRun.session_id == session_id)
                            .order_by(ScenarioRun.id.desc()).limit(1))
    return run_view(run) if run is not None else None
