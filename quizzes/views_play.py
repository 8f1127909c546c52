"""Trainee pages of branching scenarios: start or resume, each step, the path taken.

Plain forms and redirects (no JavaScript needed): a reload shows the same step, and each form
names the step it was shown at, so a resent form changes nothing.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from courses.access import can_teach
from lms.errors import ConflictError, ValidationError
from lms.timeutil import utcnow
from quizzes import play_pages, plays
from quizzes.forms import ConfirmForm
from quizzes.plays import StaleStep

bp = Blueprint("scenarios", __name__, url_prefix="/scenarios")


@bp.route("/<int:scenario_id>")
@login_required
def scenario(scenario_id: int):
    """Show a scenario: what it is about, the trainee's runs, start or continue."""
    activity = plays.get_scenario(scenario_id)
    if not plays.may_play(current_user, activity):
        abort(404)
    return render_template("scenarios/scenario.html", activity=activity,
                           info=play_pages.scenario_info(activity, current_user),
                           form=ConfirmForm(), can_teach=can_teach(current_user,
                                                                   activity.course))


@bp.route("/<int:scenario_id>/start", methods=["POST"])
@login_required
def start(scenario_id: int):
    """Start a new run, or resume the unfinished one."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    play = plays.start_play(scenario_id, user=current_user, now=utcnow(),
                            restart=request.form.get("restart") == "1")
    return redirect(url_for("scenarios.play", play_id=play.id))


@bp.route("/play/<int:play_id>")
@login_required
def play(play_id: int):
    """Show the current step of a run (and the feedback of the choice just made)."""
    run = plays.owned_play(play_id, current_user.id)
    if run.state != "in_progress":
        return redirect(url_for("scenarios.path", play_id=run.id))
    try:
        page = play_pages.step_page(run, feedback_step=request.args.get("fb", type=int))
    except ConflictError as error:
        flash(str(error.message), "warning")
        return redirect(url_for("scenarios.scenario", scenario_id=run.scenario_id))
    return render_template("scenarios/play.html", run=run, page=page, form=ConfirmForm())


def _step_args() -> dict:
    """Read the node and step the form was shown at."""
    step = request.form.get("step", type=int)
    node_id = request.form.get("node", "")
    if step is None or not node_id:
        abort(400)
    return {"node_id": node_id, "step": step}


def _act(play_id: int, action, **kwargs):
    """Run one step action and go back to the run, showing the feedback it produced."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        recorded = action(play_id, user_id=current_user.id, now=utcnow(), **_step_args(),
                          **kwargs)
    except StaleStep as stale:
        flash(str(stale.message), "info")
        return redirect(url_for("scenarios.play", play_id=play_id))
    except (ConflictError, ValidationError) as error:
        flash(str(error.message), "warning")
        return redirect(url_for("scenarios.play", play_id=play_id))
    run = plays.owned_play(play_id, current_user.id)
    feedback = getattr(recorded, "id", None) if hasattr(recorded, "feedback_md") else None
    if run.state == "finished":
        return redirect(url_for("scenarios.path", play_id=play_id, fb=feedback))
    return redirect(url_for("scenarios.play", play_id=play_id, fb=feedback))


@bp.route("/play/<int:play_id>/continue", methods=["POST"])
@login_required
def continue_(play_id: int):
    """Go on from a situation."""
    return _act(play_id, plays.continue_play)


@bp.route("/play/<int:play_id>/choose", methods=["POST"])
@login_required
def choose(play_id: int):
    """Take a choice at a decision."""
    choice = request.form.get("choice", type=int)
    if choice is None:
        abort(400)
    return _act(play_id, plays.choose, choice_id=choice)


@bp.route("/play/<int:play_id>/check", methods=["POST"])
@login_required
def check(play_id: int):
    """Answer the question of a check step."""
    fields = {key: request.form.getlist(key) for key in request.form
              if key == "q0" or key.startswith("q0-")}
    return _act(play_id, plays.answer_check, fields=fields)


@bp.route("/play/<int:play_id>/back", methods=["POST"])
@login_required
def back(play_id: int):
    """Step back to the previous decision."""
    return _act(play_id, plays.go_back)


@bp.route("/play/<int:play_id>/path")
@login_required
def path(play_id: int):
    """Show the trainee's own path: each decision, its feedback and the articles cited."""
    run = plays.owned_play(play_id, current_user.id)
    return render_template("scenarios/path.html", run=run,
                           review=play_pages.path_review(run),
                           fresh=request.args.get("fb", type=int))
