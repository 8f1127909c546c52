"""Lecturer pages of a quiz: settings with questions and review options, item analysis."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from courses.access import can_teach
from courses.models import Course
from lms.errors import ValidationError
from lms.extensions import db
from quizzes import authoring, reports
from quizzes.convert import review_of
from quizzes.forms import QuizForm
from quizzes.models import Question, Quiz
from quizzes.qtypes.numerical import parse_number_text
from quizzes.quizfile import (
    REVIEW_ITEMS, REVIEW_MOMENTS, QuestionRef, QuizSpec, RandomRef, ReviewOptions,
)

bp = Blueprint("quiz_admin", __name__, url_prefix="/teach")
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def _local_time(text: str | None, label: str, errors: list) -> datetime | None:
    """Read a datetime-local value ("2026-12-01T08:00") as Vietnam time."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=LOCAL)
    except ValueError:
        errors.append(_("%(name)s: write the date and time as 2026-12-01T08:00.", name=label))
        return None


def _refs(course: Course) -> list:
    """Read the chosen bank questions (with order and points) and the random draws."""
    order = {slug: index for index, slug in enumerate(db.session.scalars(
        sa.select(Question.slug).where(Question.course_id == course.id)
        .order_by(Question.category, Question.position)))}
    fixed = []
    for slug in request.form.getlist("use"):
        if slug not in order:
            continue
        points = parse_number_text(request.form.get(f"points-{slug}", ""))
        place = parse_number_text(request.form.get(f"order-{slug}", "")) or 0
        fixed.append((place, order[slug], QuestionRef(slug, points if points else None)))
    refs = [ref for _, _, ref in sorted(fixed, key=lambda t: (t[0], t[1]))]
    counts = request.form.getlist("random_count")
    for index, category in enumerate(request.form.getlist("random_category")):
        count = counts[index].strip() if index < len(counts) else ""
        if category and count.isdigit() and int(count) > 0:
            refs.append(RandomRef(category, int(count)))
    return refs


def _review() -> ReviewOptions:
    """Read the review matrix checkboxes."""
    return ReviewOptions(**{moment: tuple(item for item in REVIEW_ITEMS
                                          if request.form.get(f"review-{moment}-{item}"))
                            for moment in REVIEW_MOMENTS})


def _spec(form: QuizForm, course: Course, errors: list) -> QuizSpec:
    """Build the quiz spec from the form and the page's question and review inputs."""
    return QuizSpec(
        slug=(form.slug.data or "").strip(), title=form.title.data.strip(),
        module=form.module.data or "", intro=form.intro.data or "",
        time_limit_minutes=form.time_limit_minutes.data or 0,
        opens_at=_local_time(form.opens_at.data, form.opens_at.label.text, errors),
        closes_at=_local_time(form.closes_at.data, form.closes_at.label.text, errors),
        attempts_allowed=form.attempts_allowed.data or 0,
        grading_method=form.grading_method.data, pass_mark=float(form.pass_mark.data),
        shuffle_questions=form.shuffle_questions.data,
        shuffle_options=form.shuffle_options.data, overdue_policy=form.overdue_policy.data,
        review=_review(), questions=tuple(_refs(course)))


def _fill(form: QuizForm, quiz: Quiz) -> None:
    """Put a quiz's stored settings into the form."""
    for name in ("slug", "title", "time_limit_minutes", "attempts_allowed", "grading_method",
                 "pass_mark", "shuffle_questions", "shuffle_options", "overdue_policy",
                 "is_published"):
        getattr(form, name).data = getattr(quiz, name)
    form.intro.data = quiz.intro_md
    form.module.data = quiz.module.slug if quiz.module else None
    for field, value in ((form.opens_at, quiz.opens_at), (form.closes_at, quiz.closes_at)):
        field.data = value.astimezone(LOCAL).strftime("%Y-%m-%dT%H:%M") if value else ""


def _page(course: Course, form: QuizForm, quiz: Quiz | None, errors=()):
    """Render the settings page with the bank to choose from."""
    bank_rows = list(db.session.scalars(sa.select(Question).where(
        Question.course_id == course.id).order_by(Question.category, Question.position)))
    fixed, draws = authoring.ref_lines(quiz)
    if request.method == "POST":
        fixed = {slug: parse_number_text(request.form.get(f"points-{slug}", ""))
                 for slug in request.form.getlist("use")}
    review = review_of(quiz) if quiz is not None and request.method == "GET" else (
        _review() if request.method == "POST" else ReviewOptions())
    categories = sorted({row.category for row in bank_rows})
    return render_template("teach/quiz_form.html", course=course, form=form, quiz=quiz,
                           bank_rows=bank_rows, fixed=fixed, draws=draws,
                           order={slug: n for n, slug in enumerate(fixed, start=1)},
                           categories=categories, review=review, errors=errors,
                           moments=REVIEW_MOMENTS, review_items=REVIEW_ITEMS)


def _save(course: Course, form: QuizForm, quiz: Quiz | None):
    """Validate and save the form; return a redirect or the page with the problems."""
    form.module.choices = [SelectChoice(m.slug, m.title) for m in course.modules]
    if not form.validate_on_submit():
        return _page(course, form, quiz)
    errors: list = []
    spec = _spec(form, course, errors)
    try:
        if errors:
            raise ValidationError(_("The quiz was not saved."), errors=errors)
        saved = authoring.save_quiz(course, quiz_id=quiz.id if quiz else None, spec=spec,
                                    is_published=form.is_published.data, actor=current_user)
    except ValidationError as error:
        flash(str(error.message), "danger")
        return _page(course, form, quiz, error.errors), 400
    flash(_("Quiz saved."), "success")
    return redirect(url_for("quiz_admin.settings", quiz_id=saved.id))


@bp.route("/course/<slug>/quizzes/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    """Create a quiz in a module of the course."""
    course = authoring.taught_course(slug, current_user)
    form = QuizForm()
    form.module.choices = [SelectChoice(m.slug, m.title) for m in course.modules]
    if request.method == "POST":
        return _save(course, form, None)
    return _page(course, form, None)


@bp.route("/quiz/<int:quiz_id>/settings", methods=["GET", "POST"])
@login_required
def settings(quiz_id: int):
    """Change a quiz's settings; attempts already started keep their questions."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None or not can_teach(current_user, quiz.course):
        abort(404)
    form = QuizForm()
    form.module.choices = [SelectChoice(m.slug, m.title) for m in quiz.course.modules]
    if request.method == "POST":
        return _save(quiz.course, form, quiz)
    _fill(form, quiz)
    return _page(quiz.course, form, quiz)


@bp.route("/quiz/<int:quiz_id>/analysis")
@login_required
def analysis(quiz_id: int):
    """Show item analysis: facility, discrimination and answer distribution per question."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None or not can_teach(current_user, quiz.course):
        abort(404)
    rows = reports.item_rows(quiz)
    return render_template("teach/analysis.html", quiz=quiz, rows=rows)
