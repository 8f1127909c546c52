"""Authoring pages for lecturers of a course and admins: courses, modules, handbook, files."""
from __future__ import annotations

import sqlalchemy as sa
from flask import (Blueprint, abort, flash, jsonify, redirect, render_template, request,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user

from courses import attachments, authoring, library
from courses.access import can_teach, taught_course_ids
from courses.catalog import get_course, lesson_totals
from courses.forms import (USER_ERRORS, ActionForm, AttachmentForm, CourseForm, HandbookForm,
                           ModuleForm, NewLessonForm)
from courses.lesson_authoring import preview
from courses.models import Course, Lesson, Module
from courses.progress import course_outline
from courses.registry import article_path
from lms.admin.access import roles_required
from lms.errors import DomainError
from lms.extensions import db
from lms.models import User

bp = Blueprint("authoring", __name__, url_prefix="/teach")
TEACHERS = ("admin", "lecturer")



def taught_course(slug: str) -> Course:
    """Return the course if the current user teaches it (404 for drafts of others, else 403)."""
    course = get_course(slug)
    if not can_teach(current_user, course):
        abort(403 if course.status == "published" else 404)
    return course


def flash_problems(error: DomainError) -> None:
    """Show every problem a service reported."""
    for problem in error.errors or [error.message]:
        flash(str(problem), "danger")


def _course_form(course: Course | None = None) -> CourseForm:
    """Build the course form with the other courses and, for admins, the lecturers."""
    form = CourseForm(obj=course)
    others = db.session.scalars(sa.select(Course).order_by(Course.title))
    form.prerequisites.choices = [(c.id, c.title) for c in others
                                  if course is None or c.id != course.id]
    form.lecturers.choices = [(u.id, f"{u.full_name} ({u.email})") for u in db.session.scalars(
        sa.select(User).where(User.role == "lecturer").order_by(User.full_name))]
    if course is not None and request.method == "GET":
        form.cadre_types.data = list(course.audience_cadre_types or [])
        form.positions.data = list(course.audience_positions or [])
        form.prerequisites.data = [c.id for c in course.prerequisites]
        form.lecturers.data = [u.id for u in course.lecturers]
    return form


def _course_data(form: CourseForm) -> authoring.CourseData:
    """Turn the submitted course form into service input."""
    return authoring.CourseData(
        title=form.title.data or "", summary=form.summary.data or "", topic=form.topic.data,
        cadre_types=tuple(form.cadre_types.data or ()), positions=tuple(form.positions.data or ()),
        enrolment=form.enrolment.data, is_sequential=bool(form.is_sequential.data),
        prerequisite_ids=tuple(form.prerequisites.data or ()))


@bp.route("/")
@roles_required(*TEACHERS)
def index():
    """List the courses the user teaches (admins: every course)."""
    ids = taught_course_ids(current_user)
    courses = list(db.session.scalars(sa.select(Course).where(Course.id.in_(ids or {-1}))
                                      .order_by(Course.title)))
    return render_template("authoring/index.html", courses=courses,
                           totals=lesson_totals([c.id for c in courses]))


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*TEACHERS)
def new_course():
    """Create a draft course."""
    form = _course_form()
    if form.validate_on_submit():
        try:
            course = authoring.create_course(_course_data(form), slug=form.slug.data or "",
                                             actor=current_user)
            if current_user.role == "admin" and form.lecturers.data:
                authoring.set_lecturers(course, form.lecturers.data, actor=current_user)
        except USER_ERRORS as error:
            flash_problems(error)
        else:
            flash(_("Course created as a draft. Add modules and lessons, then publish it."),
                  "success")
            return redirect(url_for("authoring.course", slug=course.slug))
    return render_template("authoring/course_form.html", form=form, course=None)


@bp.route("/courses/<slug>/settings", methods=["GET", "POST"])
@roles_required(*TEACHERS)
def edit_course(slug: str):
    """Edit a course's settings (and, for admins, its lecturers)."""
    course = taught_course(slug)
    form = _course_form(course)
    if form.validate_on_submit():
        try:
            authoring.update_course(course, _course_data(form), actor=current_user)
            if current_user.role == "admin":
                authoring.set_lecturers(course, form.lecturers.data or [], actor=current_user)
        except USER_ERRORS as error:
            flash_problems(error)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("authoring.course", slug=slug))
    return render_template("authoring/course_form.html", form=form, course=course)


@bp.route("/courses/<slug>")
@roles_required(*TEACHERS)
def course(slug: str):
    """Show the course's structure to edit: modules, lessons, status, files."""
    course = taught_course(slug)
    upload = AttachmentForm()
    upload.lesson_id.choices = [("", "—")] + [
        (x.id, x.title) for x in db.session.scalars(
            sa.select(Lesson).where(Lesson.course_id == course.id).order_by(Lesson.title))]
    return render_template(
        "authoring/course.html", course=course,
        outline=course_outline(course, current_user, include_drafts=True),
        module_form=ModuleForm(), lesson_form=NewLessonForm(), action=ActionForm(),
        upload=upload, files=attachments.course_attachments(course))


@bp.route("/courses/<slug>/status", methods=["POST"])
@roles_required(*TEACHERS)
def course_status(slug: str):
    """Publish, unpublish or archive the course."""
    course = taught_course(slug)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        authoring.set_course_status(course, form.value.data, actor=current_user)
    except USER_ERRORS as error:
        flash_problems(error)
    else:
        flash(_("Course status changed."), "success")
    return redirect(url_for("authoring.course", slug=slug))


@bp.route("/courses/<slug>/handbook", methods=["GET", "POST"])
@roles_required(*TEACHERS)
def handbook(slug: str):
    """Edit the printable handbook with a live preview."""
    course = taught_course(slug)
    form = HandbookForm(data={"title": course.handbook_title,
                              "summary": course.handbook_summary, "body": course.handbook_md}
                        if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            authoring.save_handbook(course, title=form.title.data or "",
                                    summary=form.summary.data or "", body=form.body.data or "",
                                    actor=current_user)
        except USER_ERRORS as error:
            flash_problems(error)
        else:
            flash(_("Handbook saved."), "success")
            return redirect(url_for("authoring.course", slug=slug))
    return render_template("authoring/handbook.html", course=course, form=form,
                           preview_html=preview(form.body.data or ""))


@bp.route("/courses/<slug>/modules", methods=["POST"])
@roles_required(*TEACHERS)
def add_module(slug: str):
    """Add a module at the end of the course."""
    course = taught_course(slug)
    form = ModuleForm()
    if form.validate_on_submit():
        try:
            authoring.add_module(course, title=form.title.data, summary=form.summary.data or "",
                                 actor=current_user)
        except USER_ERRORS as error:
            flash_problems(error)
    else:
        flash(_("Enter the module title."), "danger")
    return redirect(url_for("authoring.course", slug=slug))


def _module(course: Course, module_id: int) -> Module:
    """Return a module of ``course`` or 404."""
    module = db.session.get(Module, module_id)
    if module is None or module.course_id != course.id:
        abort(404)
    return module


@bp.route("/courses/<slug>/modules/<int:module_id>", methods=["GET", "POST"])
@roles_required(*TEACHERS)
def edit_module(slug: str, module_id: int):
    """Rename a module or change its summary."""
    course = taught_course(slug)
    module = _module(course, module_id)
    form = ModuleForm(obj=module)
    if form.validate_on_submit():
        try:
            authoring.update_module(module, title=form.title.data,
                                    summary=form.summary.data or "", actor=current_user)
        except USER_ERRORS as error:
            flash_problems(error)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("authoring.course", slug=slug))
    return render_template("authoring/module_form.html", course=course, module=module,
                           form=form, action=ActionForm())


@bp.route("/courses/<slug>/modules/<int:module_id>/move", methods=["POST"])
@roles_required(*TEACHERS)
def move_module(slug: str, module_id: int):
    """Move a module up or down."""
    course = taught_course(slug)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    authoring.move_module(_module(course, module_id), -1 if form.value.data == "up" else 1,
                          actor=current_user)
    return redirect(url_for("authoring.course", slug=slug, _anchor=f"module-{module_id}"))


@bp.route("/courses/<slug>/modules/<int:module_id>/delete", methods=["POST"])
@roles_required(*TEACHERS)
def delete_module(slug: str, module_id: int):
    """Delete an empty module."""
    course = taught_course(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        authoring.delete_module(_module(course, module_id), actor=current_user)
    except USER_ERRORS as error:
        flash_problems(error)
    else:
        flash(_("Module deleted."), "info")
    return redirect(url_for("authoring.course", slug=slug))


@bp.route("/courses/<slug>/attachments", methods=["POST"])
@roles_required(*TEACHERS)
def upload(slug: str):
    """Store an uploaded file for the course after checking its type and size."""
    course = taught_course(slug)
    form = AttachmentForm()
    form.lesson_id.choices = []
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "danger")
        return redirect(url_for("authoring.course", slug=slug, _anchor="files"))
    try:
        item = attachments.add_attachment(course, filename=form.file.data.filename or "",
                                          data=form.file.data.read(),
                                          lesson_id=form.lesson_id.data, actor=current_user)
    except USER_ERRORS as error:
        flash_problems(error)
    else:
        flash(_("File %(name)s stored.", name=item.original_name), "success")
    return redirect(url_for("authoring.course", slug=slug, _anchor="files"))


@bp.route("/courses/<slug>/attachments/<int:attachment_id>/delete", methods=["POST"])
@roles_required(*TEACHERS)
def delete_upload(slug: str, attachment_id: int):
    """Delete an attached file."""
    course = taught_course(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    attachments.delete_attachment(attachments.get_attachment(course, attachment_id),
                                  actor=current_user)
    flash(_("File deleted."), "info")
    return redirect(url_for("authoring.course", slug=slug, _anchor="files"))


@bp.route("/preview", methods=["POST"])
@roles_required(*TEACHERS)
def preview_markdown():
    """Render Markdown through the lesson pipeline for the editor's live preview (JSON)."""
    text = request.form.get("markdown", "")
    if len(text) > 200_000:
        abort(413)
    return jsonify(html=preview(text))


@bp.route("/citations")
@roles_required(*TEACHERS)
def citations():
    """Search the legal registry for the editor's citation helper (JSON)."""
    found = library.search_articles(request.args.get("q", "")[:100])
    return jsonify(results=[{
        "ref": f"{a.law.code}:{a.number}", "insert": f"[[{a.law.code}:{a.number}]]",
        "label": f"Điều {a.number} {a.law.short_title}", "title": a.title,
        "summary": a.summary, "url": article_path(a.law.code, a.number)} for a in found])
