"""Trainee pages of quizzes: the quiz, the attempt with autosave, submit, review."""
from __future__ import annotations

from flask import (
    Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for,
)
from flask_babel import get_locale, gettext as _
from flask_login import current_user, login_required

from courses.access import can_teach
from lms.errors import ConflictError, ValidationError
from lms.timeutil import utcnow
from quizzes import attempts, catalog, pages
from quizzes.attempts import AttemptClosed, ReplayedSave
from quizzes.forms import ConfirmForm

bp = Blueprint("quizzes", __name__, url_prefix="/quizzes")


def _grace() -> int:
    """Return the seconds of grace after a deadline for answers in transit."""
    return current_app.config.get("QUIZ_GRACE_SECONDS", attempts.GRACE_SECONDS)


@bp.route("/my")
@login_required
def my_activities():
    """List the quizzes and scenarios of the courses the trainee studies."""
    return render_template("quizzes/my.html", courses=catalog.activities_for(current_user))


@bp.route("/quiz/<int:quiz_id>")
@login_required
def quiz(quiz_id: int):
    """Show a quiz: its rules, the trainee's attempts and what they may see of them."""
    quiz = attempts.get_quiz(quiz_id)
    if not attempts.may_take(current_user, quiz):
        abort(404)
    summary = catalog.quiz_summary(quiz, current_user, now=utcnow())
    return render_template("quizzes/quiz.html", quiz=quiz, summary=summary,
                           form=ConfirmForm(), can_teach=can_teach(current_user, quiz.course))


@bp.route("/quiz/<int:quiz_id>/start", methods=["POST"])
@login_required
def start(quiz_id: int):
    """Start (or continue) an attempt."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        attempt = attempts.start_attempt(quiz_id, user=current_user, now=utcnow(),
                                         grace_seconds=_grace())
    except (ConflictError, ValidationError) as error:
        flash(str(error.message), "warning")
        return redirect(url_for("quizzes.quiz", quiz_id=quiz_id))
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


@bp.route("/attempt/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    """Show an attempt in progress with its saved answers; finished ones go to review."""
    attempt = attempts.owned_attempt(attempt_id, current_user.id)
    now = utcnow()
    attempts.finish_if_overdue(attempt, now=now, grace_seconds=_grace())
    if attempt.state != "in_progress":
        return redirect(url_for("quizzes.review", attempt_id=attempt.id))
    seconds_left = (int((attempt.deadline - now).total_seconds())
                    if attempt.deadline else None)
    return render_template("quizzes/attempt.html", attempt=attempt, quiz=attempt.quiz,
                           questions=pages.attempt_views(attempt, now),
                           seconds_left=seconds_left, form=ConfirmForm())


@bp.route("/attempt/<int:attempt_id>/save", methods=["POST"])
@login_required
def save(attempt_id: int):
    """Save answers (JSON: seq and fields per question); reply only after the commit."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("slots"), dict):
        return jsonify(error=_("The request was not valid.")), 400
    try:
        result = attempts.save_responses(attempt_id, user_id=current_user.id,
                                         seq=data.get("seq"), slots=data["slots"],
                                         now=utcnow(), grace_seconds=_grace())
    except ReplayedSave as replay:
        return jsonify(error=str(replay.message), code="replayed",
                       last_seq=replay.last_seq), 409
    except AttemptClosed as closed:
        return jsonify(error=str(closed.message), code="closed",
                       redirect=url_for("quizzes.review", attempt_id=closed.attempt_id)), 409
    return jsonify(saved=True, seq=result.seq, saved_at=result.saved_at.isoformat(),
                   problems={str(k): v for k, v in result.problems.items()},
                   during=catalog.during_feedback(attempt_id, result.saved_positions,
                                                  now=utcnow()))


@bp.route("/attempt/<int:attempt_id>/submit", methods=["POST"])
@login_required
def submit(attempt_id: int):
    """Submit an attempt with the answers on the page (works without JavaScript)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    get_locale()  # settle the language before the commit expires the signed-in user
    try:
        attempts.submit_attempt(attempt_id, user_id=current_user.id, now=utcnow(),
                                form=request.form,
                                based_on=request.form.get("based_on", type=int),
                                grace_seconds=_grace())
    except AttemptClosed as closed:
        flash(str(closed.message), "info")
    except ValidationError as error:
        flash(str(error.message), "danger")
        for problem in error.errors:
            flash(_("Question %(line)s", line=problem), "danger")
        return redirect(url_for("quizzes.attempt", attempt_id=attempt_id))
    else:
        flash(_("Your attempt was submitted."), "success")
    return redirect(url_for("quizzes.review", attempt_id=attempt_id))


@bp.route("/attempt/<int:attempt_id>/review")
@login_required
def review(attempt_id: int):
    """Show a finished attempt with what the review options allow at this moment."""
    attempt = attempts.owned_attempt(attempt_id, current_user.id)
    if attempt.state == "in_progress":
        return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))
    now = utcnow()
    items = pages.review_items(attempt, now)
    return render_template("quizzes/review.html", attempt=attempt, quiz=attempt.quiz,
                           items=items, questions=pages.attempt_views(attempt, now))
