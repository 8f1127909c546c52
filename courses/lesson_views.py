"""Authoring pages for lessons: editor with preview, publishing, order, history and restore."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from courses import lesson_authoring as lessons
from courses.authoring_views import TEACHERS, bp, flash_problems, taught_course
from courses.diff import field_changes, line_diff
from courses.forms import USER_ERRORS, ActionForm, LessonForm, NewLessonForm
from courses.models import Course, Lesson, Module
from lms.admin.access import roles_required
from lms.extensions import db


def _lesson(course: Course, lesson_id: int) -> Lesson:
    """Return a lesson of ``course`` or 404."""
    lesson = db.session.get(Lesson, lesson_id)
    if lesson is None or lesson.course_id != course.id:
        abort(404)
    return lesson


def _lesson_form(course: Course, lesson: Lesson) -> LessonForm:
    """Build the editor form, filled from the lesson on GET."""
    data = None
    if request.method == "GET":
        data = {"title": lesson.title, "summary": lesson.summary, "minutes": lesson.minutes,
                "module_id": lesson.module_id, "body": lesson.body_md,
                "law_change_note": lesson.law_change_note}
    form = LessonForm(data=data)
    form.module_id.choices = [(m.id, m.title) for m in course.modules]
    return form


def _lesson_data(form: LessonForm) -> lessons.LessonData:
    """Turn the submitted editor into service input."""
    return lessons.LessonData(title=form.title.data or "", summary=form.summary.data or "",
                              minutes=form.minutes.data or 0, body_md=form.body.data or "",
                              law_change_note=form.law_change_note.data or "",
                              module_id=form.module_id.data)


@bp.route("/courses/<slug>/lessons", methods=["POST"])
@roles_required(*TEACHERS)
def add_lesson(slug: str):
    """Add a draft lesson to a module and open it in the editor."""
    course = taught_course(slug)
    form = NewLessonForm()
    module = db.session.get(Module, int(form.module_id.data or 0)) \
        if (form.module_id.data or "").isdigit() else None
    if not form.validate_on_submit() or module is None or module.course_id != course.id:
        flash(_("Enter the lesson title."), "danger")
        return redirect(url_for("authoring.course", slug=slug))
    lesson = lessons.add_lesson(module, title=form.title.data, actor=current_user)
    return redirect(url_for("authoring.edit_lesson", slug=slug, lesson_id=lesson.id))


@bp.route("/courses/<slug>/lessons/<int:lesson_id>", methods=["GET", "POST"])
@roles_required(*TEACHERS)
def edit_lesson(slug: str, lesson_id: int):
    """Edit a lesson; "Preview" re-renders the page without saving (no-JS fallback)."""
    course = taught_course(slug)
    lesson = _lesson(course, lesson_id)
    form = _lesson_form(course, lesson)
    previewing = request.method == "POST" and "preview" in request.form
    if form.validate_on_submit() and not previewing:
        try:
            result = lessons.save_lesson(lesson, _lesson_data(form), actor=current_user,
                                         note=form.note.data or "")
        except USER_ERRORS as error:
            flash_problems(error)
        else:
            _flash_saved(result)
            return redirect(url_for("authoring.edit_lesson", slug=slug, lesson_id=lesson.id))
    return render_template("authoring/lesson_form.html", course=course, lesson=lesson,
                           form=form, action=ActionForm(),
                           preview_html=lessons.preview(form.body.data or ""))


def _flash_saved(result: lessons.SaveResult) -> None:
    """Tell the author what saving did, and warn about replaced law cited without a note."""
    if result.revision is None:
        flash(_("Nothing changed."), "info")
    else:
        flash(_("Saved as revision %(n)d.", n=result.revision.number), "success")
    if result.warnings:
        flash(_("This lesson cites replaced law (%(refs)s): add a law change note for "
                "learners.", refs=", ".join(result.warnings)), "warning")


@bp.route("/courses/<slug>/lessons/<int:lesson_id>/status", methods=["POST"])
@roles_required(*TEACHERS)
def lesson_status(slug: str, lesson_id: int):
    """Publish or unpublish a lesson."""
    course = taught_course(slug)
    lesson = _lesson(course, lesson_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        lessons.set_lesson_status(lesson, form.value.data, actor=current_user)
    except USER_ERRORS as error:
        flash_problems(error)
    else:
        flash(_("Lesson published.") if lesson.status == "published"
              else _("Lesson moved back to draft."), "success")
    if request.form.get("next") == "course":
        return redirect(url_for("authoring.course", slug=slug))
    return redirect(url_for("authoring.edit_lesson", slug=slug, lesson_id=lesson.id))


@bp.route("/courses/<slug>/lessons/<int:lesson_id>/move", methods=["POST"])
@roles_required(*TEACHERS)
def move_lesson(slug: str, lesson_id: int):
    """Move a lesson up or down within its module."""
    course = taught_course(slug)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    lessons.move_lesson(_lesson(course, lesson_id), -1 if form.value.data == "up" else 1,
                        actor=current_user)
    return redirect(url_for("authoring.course", slug=slug, _anchor=f"lesson-{lesson_id}"))


@bp.route("/courses/<slug>/lessons/<int:lesson_id>/delete", methods=["POST"])
@roles_required(*TEACHERS)
def delete_lesson(slug: str, lesson_id: int):
    """Delete a draft lesson nobody has opened."""
    course = taught_course(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        lessons.delete_lesson(_lesson(course, lesson_id), actor=current_user)
    except USER_ERRORS as error:
        flash_problems(error)
        return redirect(url_for("authoring.edit_lesson", slug=slug, lesson_id=lesson_id))
    flash(_("Lesson deleted."), "info")
    return redirect(url_for("authoring.course", slug=slug))


@bp.route("/courses/<slug>/lessons/<int:lesson_id>/history")
@roles_required(*TEACHERS)
def history(slug: str, lesson_id: int):
    """List the lesson's revisions, newest first."""
    course = taught_course(slug)
    lesson = _lesson(course, lesson_id)
    return render_template("authoring/history.html", course=course, lesson=lesson,
                           action=ActionForm())


@bp.route("/courses/<slug>/lessons/<int:lesson_id>/history/<int:number>")
@roles_required(*TEACHERS)
def revision(slug: str, lesson_id: int, number: int):
    """Show what a revision changed from the one before it, or from the current text."""
    course = taught_course(slug)
    lesson = _lesson(course, lesson_id)
    chosen = lessons.get_revision(lesson, number)
    against_current = request.args.get("against") == "current"
    base = lesson if against_current else (
        lessons.get_revision(lesson, number - 1) if number > 1 else None)
    old, new = (chosen, base) if against_current else (base, chosen)
    fields = ("title", "summary", "minutes", "status", "law_change_note")
    return render_template(
        "authoring/revision.html", course=course, lesson=lesson, revision=chosen,
        against_current=against_current,
        lines=line_diff(getattr(old, "body_md", ""), getattr(new, "body_md", "")),
        changes=field_changes({f: getattr(old, f, "") for f in fields},
                              {f: getattr(new, f, "") for f in fields}),
        action=ActionForm())


@bp.route("/courses/<slug>/lessons/<int:lesson_id>/history/<int:number>/restore", methods=["POST"])
@roles_required(*TEACHERS)
def restore(slug: str, lesson_id: int, number: int):
    """Bring back an older revision's text as a new revision."""
    course = taught_course(slug)
    lesson = _lesson(course, lesson_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        new = lessons.restore_revision(lesson, number, actor=current_user)
    except USER_ERRORS as error:
        flash_problems(error)
        return redirect(url_for("authoring.history", slug=slug, lesson_id=lesson_id))
    flash(_("Revision %(old)d restored as revision %(new)d.", old=number, new=new.number),
          "success")
    return redirect(url_for("authoring.edit_lesson", slug=slug, lesson_id=lesson_id))
