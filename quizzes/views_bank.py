"""Lecturer pages of the question bank: list, editor per type, delete, GIFT in and out."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import (
    Blueprint, Response, abort, flash, redirect, render_template, request, url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from courses.models import Course
from lms.errors import ConflictError, ValidationError
from lms.extensions import db
from quizzes import authoring, bank, editor, giftio, pages, reports
from quizzes.forms import ConfirmForm, GiftConfirmForm, GiftUploadForm, QuestionForm
from quizzes.models import Question
from quizzes.qtypes import QUESTION_TYPES, TYPE_LABELS
from quizzes.qtypes.numerical import parse_number_text

bp = Blueprint("qbank", __name__, url_prefix="/teach")


@bp.route("/course/<slug>/questions")
@login_required
def questions(slug: str):
    """List a course's bank questions, filtered by category, type or words."""
    course = authoring.taught_course(slug, current_user)
    query = sa.select(Question).where(Question.course_id == course.id)
    category, qtype, words = (request.args.get(k, "").strip() for k in ("category", "type", "q"))
    if category:
        query = query.where(Question.category == category)
    if qtype in QUESTION_TYPES:
        query = query.where(Question.type == qtype)
    if words:
        like = f"%{words}%"
        query = query.where(sa.or_(Question.slug.like(like), Question.title.like(like),
                                   Question.text_md.like(like)))
    rows = list(db.session.scalars(query.order_by(Question.category, Question.position)))
    categories = list(db.session.scalars(sa.select(Question.category).where(
        Question.course_id == course.id).distinct().order_by(Question.category)))
    stale, _ = reports.replaced_citations(course.id, date.today())
    return render_template("teach/questions.html", course=course, rows=rows, stale=stale,
                           categories=categories, category=category, qtype=qtype,
                           words=words, confirm=ConfirmForm())


def _split(text: str) -> list[str]:
    """Split a comma-separated field into its non-empty parts."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _raw(form: QuestionForm, qtype: str) -> dict:
    """Assemble the question's YAML fields from the common form and the type's rows."""
    points = parse_number_text(form.points.data or "1")
    raw = {"slug": (form.slug.data or "").strip(), "type": qtype,
           "title": (form.title.data or "").strip(),
           "points": points if points is not None else form.points.data,
           "tags": _split(form.tags.data), "citations": _split(form.citations.data),
           "text": form.text.data or "", "feedback": form.feedback.data or ""}
    raw.update(editor.raw_from_form(qtype, lambda k: request.form.get(k, ""),
                                    request.form.getlist))
    return raw


def _editor_page(course: Course, form: QuestionForm, qtype: str, row: Question | None,
                 data: dict, errors=()):
    """Render the editor with the type's rows and, for a saved question, its preview."""
    preview = None
    if row is not None:
        preview = pages.question_view(bank.snapshot(row), position=0, number=1,
                                      max_mark=row.points, seed=1, shuffle=False,
                                      response=None)
        pages.add_review_of_key(preview, row)
    categories = list(db.session.scalars(sa.select(Question.category).where(
        Question.course_id == course.id).distinct().order_by(Question.category)))
    return render_template("teach/question_form.html", course=course, form=form,
                           qtype=qtype, type_label=TYPE_LABELS[qtype], row=row, data=data,
                           rows=editor.rows_for_form(qtype, data), errors=errors,
                           preview=preview, categories=categories,
                           confirm=ConfirmForm())


@bp.route("/course/<slug>/questions/new", methods=["GET", "POST"])
@login_required
def new_question(slug: str):
    """Write a new question of the chosen type."""
    course = authoring.taught_course(slug, current_user)
    qtype = request.args.get("type", "single_choice")
    if qtype not in QUESTION_TYPES:
        abort(404)
    form = QuestionForm()
    if request.method == "GET":
        form.category.data = request.args.get("category", "")
    if form.validate_on_submit():
        try:
            row = authoring.save_question(course, question_id=None, raw=_raw(form, qtype),
                                          category=form.category.data, actor=current_user)
        except ValidationError as error:
            data = editor.raw_from_form(qtype, lambda k: request.form.get(k, ""),
                                        request.form.getlist)
            return _editor_page(course, form, qtype, None, data, error.errors), 400
        flash(_("Question saved."), "success")
        return redirect(url_for("qbank.edit_question", question_id=row.id))
    return _editor_page(course, form, qtype, None, {})


@bp.route("/question/<int:question_id>", methods=["GET", "POST"])
@login_required
def edit_question(question_id: int):
    """Edit a question; attempts already taken keep the version they were given."""
    row = db.session.get(Question, question_id) or abort(404)
    course = authoring.taught_course(db.session.get(Course, row.course_id).slug, current_user)
    form = QuestionForm(obj=row) if request.method == "GET" else QuestionForm()
    if request.method == "GET":
        form.text.data, form.feedback.data = row.text_md, row.feedback_md
        form.tags.data, form.citations.data = ", ".join(row.tags), ", ".join(row.citations)
        form.points.data = f"{row.points:g}"
    if form.validate_on_submit():
        try:
            authoring.save_question(course, question_id=row.id, raw=_raw(form, row.type),
                                    category=form.category.data, actor=current_user)
        except ValidationError as error:
            data = editor.raw_from_form(row.type, lambda k: request.form.get(k, ""),
                                        request.form.getlist)
            return _editor_page(course, form, row.type, row, data, error.errors), 400
        flash(_("Question saved."), "success")
        return redirect(url_for("qbank.edit_question", question_id=row.id))
    return _editor_page(course, form, row.type, row, row.data)


@bp.route("/question/<int:question_id>/delete", methods=["POST"])
@login_required
def delete_question(question_id: int):
    """Delete a question that no quiz or scenario needs."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    row = db.session.get(Question, question_id) or abort(404)
    slug = db.session.get(Course, row.course_id).slug
    try:
        authoring.delete_question(question_id, actor=current_user)
    except ConflictError as error:
        flash(str(error.message), "danger")
        return redirect(url_for("qbank.edit_question", question_id=question_id))
    flash(_("Question deleted."), "success")
    return redirect(url_for("qbank.questions", slug=slug))


@bp.route("/course/<slug>/gift", methods=["GET", "POST"])
@login_required
def gift_import(slug: str):
    """Upload a GIFT file, see what it would import, then import it (all or nothing)."""
    course = authoring.taught_course(slug, current_user)
    upload, confirm = GiftUploadForm(), GiftConfirmForm()
    report, text = None, None
    if "file" in request.files and upload.validate_on_submit():
        try:
            text = giftio.decode(upload.file.data.read())
        except ValidationError as error:
            flash(str(error.message), "danger")
        else:
            report = giftio.preview(course, text, default_category=upload.category.data)
            confirm.text.data, confirm.category.data = text, upload.category.data
    elif request.method == "POST" and confirm.validate_on_submit() and confirm.text.data:
        try:
            done = giftio.import_gift(course, confirm.text.data,
                                      default_category=confirm.category.data or "",
                                      actor=current_user)
        except ValidationError as error:
            report = giftio.preview(course, confirm.text.data,
                                    default_category=confirm.category.data or "")
            flash(str(error.message), "danger")
        else:
            flash(_("Imported %(n)d questions.", n=len(done.items)), "success")
            return redirect(url_for("qbank.questions", slug=course.slug))
    return render_template("teach/gift_import.html", course=course, upload=upload,
                           confirm=confirm, report=report)


@bp.route("/course/<slug>/gift/export")
@login_required
def gift_export(slug: str):
    """Download the course's bank as a GIFT file."""
    course = authoring.taught_course(slug, current_user)
    exported = giftio.export_gift(course)
    return Response(exported.text, mimetype="text/plain; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{course.slug}.gift.txt"'})
