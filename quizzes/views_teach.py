"""Lecturer pages: the courses taught, a course's quizzes hub, weakness by article, essay
grading, and a trainee's attempt as the lecturer sees it."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from courses.access import can_teach, taught_course_ids
from courses.models import Course
from lms.errors import ValidationError
from lms.extensions import db
from lms.timeutil import utcnow
from quizzes import authoring, grading, pages, reports
from quizzes.forms import ConfirmForm, GradeForm
from quizzes.models import Question, Quiz, QuizAttempt, ScenarioActivity
from quizzes.render import cited_articles, markdown
from quizzes.scenario_authoring import draft_of

bp = Blueprint("teach", __name__, url_prefix="/teach")


def _lecturer_only() -> None:
    """Refuse trainees and managers (403)."""
    if current_user.role not in ("lecturer", "admin"):
        abort(403)


@bp.route("/")
@login_required
def index():
    """List the courses the lecturer teaches, with their bank, quizzes and pending essays."""
    _lecturer_only()
    ids = taught_course_ids(current_user)
    courses = list(db.session.scalars(sa.select(Course).where(Course.id.in_(ids))
                                      .order_by(Course.title))) if ids else []
    counts = {course.id: _counts(course.id) for course in courses}
    pending = len(grading.grading_queue(current_user))
    return render_template("teach/index.html", courses=courses, counts=counts,
                           pending=pending)


def _counts(course_id: int) -> dict:
    """Count a course's questions, quizzes and scenarios."""
    def count(model):
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(
            model.course_id == course_id))
    return {"questions": count(Question), "quizzes": count(Quiz),
            "scenarios": count(ScenarioActivity)}


@bp.route("/course/<slug>")
@login_required
def course(slug: str):
    """Show a course's bank by category, its quizzes and scenarios, and links to reports."""
    course = authoring.taught_course(slug, current_user)
    categories = db.session.execute(
        sa.select(Question.category, sa.func.count()).where(Question.course_id == course.id)
        .group_by(Question.category).order_by(Question.category)).all()
    quizzes = list(db.session.scalars(sa.select(Quiz).where(Quiz.course_id == course.id)
                                      .order_by(Quiz.id)))
    scenarios = list(db.session.scalars(sa.select(ScenarioActivity).where(
        ScenarioActivity.course_id == course.id).order_by(ScenarioActivity.id)))
    attempts = dict(db.session.execute(
        sa.select(QuizAttempt.quiz_id, sa.func.count()).where(
            QuizAttempt.quiz_id.in_([q.id for q in quizzes]),
            QuizAttempt.state == "submitted").group_by(QuizAttempt.quiz_id)).all())
    drafts = {s.id: draft_of(s) for s in scenarios}
    stale_questions, stale_scenarios = reports.replaced_citations(course.id, date.today())
    review = [(db.session.get(Question, qid), refs) for qid, refs in stale_questions.items()]
    return render_template("teach/course.html", course=course, categories=categories,
                           quizzes=quizzes, scenarios=scenarios, attempts=attempts,
                           drafts=drafts, review=review, stale_scenarios=stale_scenarios,
                           pending=len(grading.grading_queue(current_user,
                                                             course_id=course.id)))


@bp.route("/course/<slug>/weakness")
@login_required
def weakness(slug: str):
    """Show the cited articles of a course, the ones trainees answer worst first."""
    course = authoring.taught_course(slug, current_user)
    rows = []
    for item in reports.weakness(course.id):
        articles = cited_articles(extra=(item.article,))
        rows.append((item, articles[0] if articles else None))
    return render_template("teach/weakness.html", course=course, rows=rows)


@bp.route("/grading")
@login_required
def grading_queue():
    """List the essays waiting for a mark in the courses the lecturer teaches."""
    _lecturer_only()
    course_slug = request.args.get("course")
    course = authoring.taught_course(course_slug, current_user) if course_slug else None
    queue = grading.grading_queue(current_user, course_id=course.id if course else None)
    return render_template("teach/grading.html", queue=queue, course=course)


@bp.route("/grading/<int:slot_id>", methods=["GET", "POST"])
@login_required
def grade(slot_id: int):
    """Mark one essay with the rubric at hand, and leave a comment for the trainee."""
    slot = grading.gradable_slot(slot_id, current_user)
    form = GradeForm(obj=None)
    if request.method == "GET" and slot.fraction is not None:
        form.mark.data, form.comment.data = slot.mark, slot.grader_comment
    if form.validate_on_submit():
        try:
            grading.grade_response(slot.id, grader=current_user, mark=float(form.mark.data),
                                   comment=form.comment.data or "", now=utcnow())
        except ValidationError as error:
            flash(str(error.message), "danger")
        else:
            flash(_("Mark saved."), "success")
            following = grading.grading_queue(current_user)
            if following:
                return redirect(url_for("teach.grade", slot_id=following[0].id))
            return redirect(url_for("teach.grading_queue"))
    view = pages.lecturer_views(slot.attempt)[slot.position - 1]
    rubric = slot.snapshot["data"].get("rubric", "")
    return render_template("teach/grade.html", slot=slot, form=form, view=view,
                           rubric_html=markdown(rubric))


@bp.route("/quiz/<int:quiz_id>/attempts")
@login_required
def quiz_attempts(quiz_id: int):
    """List the attempts at a quiz (trainees and previews)."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None or not can_teach(current_user, quiz.course):
        abort(404)
    rows = list(db.session.scalars(sa.select(QuizAttempt).where(QuizAttempt.quiz_id == quiz.id)
                                   .order_by(QuizAttempt.started_at.desc())))
    return render_template("teach/attempts.html", quiz=quiz, rows=rows)


@bp.route("/attempt/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    """Show any attempt of a course the lecturer teaches, with every answer and the key."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    if attempt is None or not can_teach(current_user, attempt.quiz.course):
        abort(404)
    return render_template("teach/attempt.html", attempt=attempt, quiz=attempt.quiz,
                           questions=pages.lecturer_views(attempt), form=ConfirmForm())
