"""Lecturer pages of a scenario: graph and problems, node editor, settings, text, publish,
and path statistics."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from courses.access import can_teach
from lms.errors import ConflictError, ValidationError
from lms.extensions import db
from quizzes import authoring, bank, reports, scenario_authoring as drafts
from quizzes.forms import (
    ConfirmForm, ScenarioCreateForm, ScenarioSettingsForm, ScenarioTextForm,
)
from quizzes.models import ScenarioActivity
from quizzes.scenario import editor
from quizzes.scenario.layout import layout
from quizzes.scenario.model import Node

bp = Blueprint("scenario_admin", __name__, url_prefix="/teach")


def _activity(scenario_id: int) -> ScenarioActivity:
    """Return a scenario of a course the user teaches (404 otherwise)."""
    activity = db.session.get(ScenarioActivity, scenario_id)
    if activity is None or not can_teach(current_user, activity.course):
        abort(404)
    return activity


def _confirmed() -> None:
    """Refuse a POST without a valid CSRF token."""
    if not ConfirmForm().validate_on_submit():
        abort(400)


@bp.route("/course/<slug>/scenarios/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    """Create a scenario from a small starter and open it in the editor."""
    course = authoring.taught_course(slug, current_user)
    form = ScenarioCreateForm()
    form.module.choices = [SelectChoice(m.slug, m.title) for m in course.modules]
    if form.validate_on_submit():
        try:
            activity = drafts.create(course, slug=form.slug.data.strip(),
                                     title=form.title.data, module=form.module.data,
                                     actor=current_user)
        except ValidationError as error:
            flash(str(error.message), "danger")
        else:
            return redirect(url_for("scenario_admin.edit", scenario_id=activity.id))
    return render_template("teach/scenario_new.html", course=course, form=form)


@bp.route("/scenario/<int:scenario_id>")
@login_required
def edit(scenario_id: int):
    """Show the draft: its graph, every problem, the nodes, and what can be done."""
    activity = _activity(scenario_id)
    draft = drafts.draft_of(activity)
    picture = layout(draft.scenario, draft.error_nodes) if draft.scenario else None
    return render_template("teach/scenario_edit.html", activity=activity, draft=draft,
                           picture=picture, confirm=ConfirmForm())


def _node_page(activity, scenario, node: Node | None, original_id, problems=()):
    """Render the node editor."""
    questions = sorted(bank.questions_by_category(activity.course_id).items())
    return render_template("teach/scenario_node.html", activity=activity, scenario=scenario,
                           node=node, original_id=original_id, problems=problems,
                           questions=questions, effects_text=editor.effects_text,
                           confirm=ConfirmForm(), blank_rows=2)


@bp.route("/scenario/<int:scenario_id>/node", methods=["GET", "POST"])
@bp.route("/scenario/<int:scenario_id>/node/<node_id>", methods=["GET", "POST"])
@login_required
def node(scenario_id: int, node_id: str | None = None):
    """Edit one node (or add one): its kind, texts, choices or next steps."""
    activity = _activity(scenario_id)
    draft = drafts.draft_of(activity)
    if draft.scenario is None:
        flash(_("Fix the scenario text first: it cannot be read."), "danger")
        return redirect(url_for("scenario_admin.text", scenario_id=scenario_id))
    current = draft.scenario.node(node_id) if node_id else None
    if node_id and current is None:
        abort(404)
    if request.method == "POST":
        _confirmed()
        built, problems = editor.node_from_form(lambda k: request.form.get(k, ""),
                                                request.form.getlist)
        if built is None:
            return _node_page(activity, draft.scenario, current, node_id, problems), 400
        try:
            saved = drafts.save_node(activity, node_id, built, actor=current_user)
        except (ValidationError, ConflictError) as error:
            return _node_page(activity, draft.scenario, built, node_id, [error.message]), 400
        flash(_("Node saved.") if not saved.errors else
              _("Node saved. The scenario still has problems (see the list)."),
              "success" if not saved.errors else "warning")
        return redirect(url_for("scenario_admin.edit", scenario_id=scenario_id))
    return _node_page(activity, draft.scenario, current, node_id)


@bp.route("/scenario/<int:scenario_id>/node/<node_id>/delete", methods=["POST"])
@login_required
def delete_node(scenario_id: int, node_id: str):
    """Remove a node from the draft."""
    activity = _activity(scenario_id)
    _confirmed()
    drafts.delete_node(activity, node_id, actor=current_user)
    flash(_("Node removed."), "success")
    return redirect(url_for("scenario_admin.edit", scenario_id=scenario_id))


@bp.route("/scenario/<int:scenario_id>/settings", methods=["GET", "POST"])
@login_required
def settings(scenario_id: int):
    """Change the scenario's settings (title, module, scoring, variables, start)."""
    activity = _activity(scenario_id)
    draft = drafts.draft_of(activity)
    if draft.scenario is None:
        return redirect(url_for("scenario_admin.text", scenario_id=scenario_id))
    scenario = draft.scenario
    form = ScenarioSettingsForm(obj=scenario if request.method == "GET" else None)
    form.module.choices = [SelectChoice(m.slug, m.title) for m in activity.course.modules]
    form.start.choices = [SelectChoice(n.id, n.id) for n in scenario.nodes]
    if request.method == "GET":
        form.variables.data = editor.effects_text(scenario.variables)
    problems: list[str] = []
    if form.validate_on_submit():
        variables = editor.parse_effects(form.variables.data or "", problems, _("Variables"))
        if not problems:
            drafts.save_settings(
                activity, actor=current_user, title=form.title.data.strip(),
                module=form.module.data, summary=form.summary.data or "",
                scoring=form.scoring.data, pass_mark=form.pass_mark.data,
                allow_back=form.allow_back.data, resume=form.resume.data,
                variables=variables, start=form.start.data)
            flash(_("Settings saved."), "success")
            return redirect(url_for("scenario_admin.edit", scenario_id=scenario_id))
    return render_template("teach/scenario_settings.html", activity=activity, form=form,
                           problems=problems)


@bp.route("/scenario/<int:scenario_id>/text", methods=["GET", "POST"])
@login_required
def text(scenario_id: int):
    """Edit the whole scenario file as text; its problems are listed with their lines."""
    activity = _activity(scenario_id)
    form = ScenarioTextForm()
    if form.validate_on_submit():
        draft = drafts.save_text(activity, form.text.data, actor=current_user)
        if not draft.errors:
            flash(_("Draft saved; it has no problems."), "success")
            return redirect(url_for("scenario_admin.edit", scenario_id=scenario_id))
        flash(_("Draft saved with problems (see the list)."), "warning")
    draft = drafts.draft_of(activity)
    if request.method == "GET":
        form.text.data = draft.text
    return render_template("teach/scenario_text.html", activity=activity, form=form,
                           draft=draft)


@bp.route("/scenario/<int:scenario_id>/publish", methods=["POST"])
@login_required
def publish(scenario_id: int):
    """Publish the draft (only when it has no problems)."""
    activity = _activity(scenario_id)
    _confirmed()
    try:
        drafts.publish(activity, actor=current_user)
    except ValidationError as error:
        flash(str(error.message), "danger")
    else:
        flash(_("Published: trainees now play this version."), "success")
    return redirect(url_for("scenario_admin.edit", scenario_id=scenario_id))


@bp.route("/scenario/<int:scenario_id>/discard", methods=["POST"])
@login_required
def discard(scenario_id: int):
    """Throw the draft away."""
    activity = _activity(scenario_id)
    _confirmed()
    drafts.discard_draft(activity)
    flash(_("Draft discarded."), "success")
    return redirect(url_for("scenario_admin.edit", scenario_id=scenario_id))


@bp.route("/scenario/<int:scenario_id>/visibility", methods=["POST"])
@login_required
def visibility(scenario_id: int):
    """Show the scenario to trainees, or hide it."""
    activity = _activity(scenario_id)
    _confirmed()
    drafts.set_visible(activity, request.form.get("visible") == "1", actor=current_user)
    return redirect(url_for("scenario_admin.edit", scenario_id=scenario_id))


@bp.route("/scenario/<int:scenario_id>/stats")
@login_required
def stats(scenario_id: int):
    """Show how trainees went through the scenario: choices, wrong turns, outcomes."""
    activity = _activity(scenario_id)
    return render_template("teach/scenario_stats.html", activity=activity,
                           stats=reports.path_stats(activity))

