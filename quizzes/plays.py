"""Runs of branching scenarios: start or resume, step, go back, finish; every step recorded.

The pure engine decides; this module loads a run's state, checks that the action is the one
the trainee was shown (so a double click or a stale tab changes nothing), stores the new state
and a ScenarioStep row per decision, and writes the grade when the run reaches an end.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from courses.access import can_study, can_teach
from lms.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from quizzes import bank, formdata
from courses.completion import note_completion
from quizzes.convert import scenario_of
from quizzes.gradebook.services import ensure_item, upsert_grade
from quizzes.models import Question, ScenarioActivity, ScenarioPlay, ScenarioStep
from quizzes.qtypes import ResponseError, get_type
from quizzes.scenario import engine
from quizzes.scenario.model import Scenario, ScenarioError
from quizzes.scenario.state import State


class StaleStep(ConflictError):
    """The action was for a step the run has already left; nothing was changed."""


def get_scenario(scenario_id: int) -> ScenarioActivity:
    """Return a scenario activity or raise NotFoundError."""
    activity = db.session.get(ScenarioActivity, scenario_id)
    if activity is None:
        raise NotFoundError(_l("This scenario does not exist."))
    return activity


def may_play(user, activity: ScenarioActivity) -> bool:
    """Tell whether ``user`` may play ``activity``."""
    if can_teach(user, activity.course):
        return True
    return activity.is_published and can_study(user, activity.course)


def owned_play(play_id: int, user_id: int) -> ScenarioPlay:
    """Return the user's own run; someone else's looks exactly like a missing one."""
    play = db.session.get(ScenarioPlay, play_id)
    if play is None or play.user_id != user_id:
        raise NotFoundError(_l("This scenario run does not exist."))
    return play


def current_play(scenario_id: int, user_id: int) -> ScenarioPlay | None:
    """Return the user's unfinished run of a scenario, if any."""
    return db.session.scalar(sa.select(ScenarioPlay).where(
        ScenarioPlay.scenario_id == scenario_id, ScenarioPlay.user_id == user_id,
        ScenarioPlay.state == "in_progress").order_by(ScenarioPlay.id.desc()))


def _fits(play: ScenarioPlay, scenario: Scenario) -> bool:
    """Tell whether a stored run can continue on the scenario as it is now."""
    if play.scenario_version == play.scenario.version:
        return True
    try:
        return engine.state_fits(scenario, engine.state_from_dict(play.engine_state))
    except ScenarioError:
        return False


def start_play(scenario_id: int, *, user, now: datetime, restart: bool = False) -> ScenarioPlay:
    """Resume the user's unfinished run (when allowed) or start a new one; commit."""
    activity = get_scenario(scenario_id)
    if not may_play(user, activity):
        raise PermissionDenied(_l("You are not enrolled in this course."))
    scenario = scenario_of(activity)
    play = current_play(activity.id, user.id)
    if play is not None and scenario.resume and not restart and _fits(play, scenario):
        return play
    if play is not None:
        play.state = "abandoned"
    number = (db.session.scalar(sa.select(sa.func.max(ScenarioPlay.number)).where(
        ScenarioPlay.scenario_id == activity.id, ScenarioPlay.user_id == user.id)) or 0) + 1
    play = ScenarioPlay(scenario_id=activity.id, user_id=user.id, number=number,
                        scenario_version=activity.version, started_at=now, updated_at=now,
                        engine_state=engine.state_to_dict(engine.start(scenario)))
    db.session.add(play)
    db.session.commit()
    return play


def load(play: ScenarioPlay) -> tuple[Scenario, State]:
    """Return the scenario and the run's state; refuse a run the scenario no longer fits."""
    scenario = scenario_of(play.scenario)
    if not _fits(play, scenario):
        raise ConflictError(_l("This scenario was changed since you started. Please start "
                               "again."))
    return scenario, engine.state_from_dict(play.engine_state)


def _active(play_id: int, user_id: int, node_id: str, step: int):
    """Return (play, scenario, state) when the action is for the step the run is at."""
    play = owned_play(play_id, user_id)
    if play.state != "in_progress":
        raise StaleStep(_l("This run is already finished; nothing was changed."))
    scenario, state = load(play)
    if state.node_id != node_id or len(state.history) != step:
        raise StaleStep(_l("That step was already recorded; here is where you are now."))
    return play, scenario, state


def _save(play: ScenarioPlay, scenario: Scenario, state: State, now: datetime) -> None:
    """Store the new state, finish the run at an end node, and commit."""
    play.engine_state = engine.state_to_dict(state)
    play.updated_at = now
    play.score = state.score
    if engine.is_finished(scenario, state):
        _finish(play, scenario, state, now)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise StaleStep(_l("That step was already recorded; here is where you are now.")) \
            from None


def _finish(play: ScenarioPlay, scenario: Scenario, state: State, now: datetime) -> None:
    """Mark a run finished with its result, and write the scenario grade."""
    outcome = engine.result(scenario, state)
    play.state, play.finished_at = "finished", now
    play.score, play.percent, play.passed = outcome.score, outcome.percent, outcome.passed
    play.outcome, play.end_node = outcome.outcome, state.node_id
    if scenario.scoring != "none":
        db.session.flush()
        record_scenario_grade(play.scenario, play.user_id)
    if play.passed or scenario.scoring == "none":
        db.session.flush()
        note_completion(play.scenario.course_id, play.user_id)


def record_scenario_grade(activity: ScenarioActivity, user_id: int) -> None:
    """Write the user's best finished run of a scenario into the gradebook (no commit)."""
    best = db.session.scalar(sa.select(sa.func.max(ScenarioPlay.percent)).where(
        ScenarioPlay.scenario_id == activity.id, ScenarioPlay.user_id == user_id,
        ScenarioPlay.state == "finished"))
    runs = db.session.scalar(sa.select(sa.func.count()).select_from(ScenarioPlay).where(
        ScenarioPlay.scenario_id == activity.id, ScenarioPlay.user_id == user_id,
        ScenarioPlay.state == "finished"))
    upsert_grade(course_id=activity.course_id, key=f"scenario:{activity.id}",
                 title=activity.title, kind="scenario", user_id=user_id, percent=best,
                 pass_mark=activity.pass_mark, detail=f"{runs} lần hoàn thành",
                 position=_position(activity))


def _position(activity: ScenarioActivity) -> int:
    """Return the gradebook column position of a scenario (after its module's quizzes)."""
    return (activity.module.position if activity.module else 999) * 1000 + 2


def sync_scenario_item(activity: ScenarioActivity) -> None:
    """Create or update a scored scenario's gradebook column (none for unscored ones)."""
    if activity.scoring != "none":
        ensure_item(course_id=activity.course_id, key=f"scenario:{activity.id}",
                    title=activity.title, kind="scenario", pass_mark=activity.pass_mark,
                    position=_position(activity))


def continue_play(play_id: int, *, user_id: int, node_id: str, step: int,
                  now: datetime) -> ScenarioPlay:
    """Leave the situation the trainee was reading."""
    play, scenario, state = _active(play_id, user_id, node_id, step)
    _save(play, scenario, _engine(engine.continue_, scenario, state), now)
    return play


def choose(play_id: int, *, user_id: int, node_id: str, step: int, choice_id: int,
           now: datetime) -> ScenarioStep:
    """Take a choice at the decision shown; record it; return the recorded step."""
    play, scenario, state = _active(play_id, user_id, node_id, step)
    new_state, result = _engine(engine.choose, scenario, state, choice_id)
    taken = new_state.history[-1]
    node = scenario.node(node_id)
    record = ScenarioStep(play_id=play.id, position=len(state.history), node_id=node_id,
                          choice_id=choice_id, choice_text=node.choices[choice_id].text,
                          score_delta=result.score_delta,
                          variables_after=dict(taken.variables_after),
                          feedback_md=result.feedback, at=now)
    db.session.add(record)
    _save(play, scenario, new_state, now)
    return record


def check_question(activity: ScenarioActivity, slug: str) -> Question:
    """Return the bank question a check node asks."""
    question = db.session.scalar(sa.select(Question).where(
        Question.course_id == activity.course_id, Question.slug == slug))
    if question is None:
        raise NotFoundError(_l("The question of this step is no longer in the bank."))
    return question


def answer_check(play_id: int, *, user_id: int, node_id: str, step: int,
                 fields: Mapping[str, Sequence[str]], now: datetime) -> ScenarioStep:
    """Grade the answer to a check node's question, add its points, record it."""
    play, scenario, state = _active(play_id, user_id, node_id, step)
    question = check_question(play.scenario, scenario.node(node_id).question)
    snap = bank.snapshot(question)
    spec, qtype = bank.spec_of(snap), get_type(question.type)
    lefts = range(len(snap["data"].get("pairs", ()))) if question.type == "matching" else ()
    try:
        raw = formdata.response_from_fields(question.type, 0, fields, lefts)
        if raw is None:
            raise ResponseError("Hãy trả lời câu hỏi trước khi đi tiếp")
        grade = qtype.grade(spec, qtype.parse_response(spec, raw))
    except ResponseError as error:
        raise ValidationError(error.message) from None
    fraction = grade.fraction or 0.0
    new_state, result = _engine(engine.answer_check, scenario, state, fraction)
    feedback = "\n\n".join([*grade.feedback, question.feedback_md, qtype.right_answer(spec)])
    record = ScenarioStep(play_id=play.id, position=len(state.history), node_id=node_id,
                          choice_text=question.title or question.slug, response=raw,
                          fraction=fraction, score_delta=result.score_delta,
                          variables_after=dict(new_state.variables), feedback_md=feedback,
                          at=now)
    db.session.add(record)
    _save(play, scenario, new_state, now)
    return record


def go_back(play_id: int, *, user_id: int, node_id: str, step: int,
            now: datetime) -> ScenarioPlay:
    """Return to the previous decision, marking the undone steps (they stay recorded)."""
    play, scenario, state = _active(play_id, user_id, node_id, step)
    new_state = _engine(engine.back, scenario, state)
    kept = len(new_state.history)
    for record in play.steps:
        if record.position >= kept and record.undone_at is None:
            record.undone_at = now
    _save(play, scenario, new_state, now)
    return play


def _engine(action, *args):
    """Run an engine action, turning its refusals into domain errors."""
    try:
        return action(*args)
    except ScenarioError as error:
        raise ConflictError(error.message) from None
