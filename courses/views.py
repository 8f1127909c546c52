"""Reading pages: catalog, course page, lesson page, handbook, attachments, progress calls."""
from __future__ import annotations

from flask import (Blueprint, abort, flash, redirect, render_template, request, send_file,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from courses import attachments, catalog as catalog_service, enrolment, progress, reading
from courses.access import CourseAccess, can_study, can_view_course, course_access
from courses.catalog import get_course
from courses.forms import USER_ERRORS, ActionButtons, ActionForm
from courses.labels import TOPIC_LABELS
from courses.lesson_page import LessonVisit, find_lesson_visit

bp = Blueprint("courses", __name__, url_prefix="/courses")


def _visible_course(slug: str):
    """Return the course if the current user may see its page, else 404/403."""
    course = get_course(slug)
    if not can_view_course(current_user, course):
        abort(403 if course.status == "published" else 404)
    return course


def _viewable(course, access: CourseAccess | None = None) -> CourseAccess:
    """Return the current user's access to ``course``, or stop with 404/403 if not visible."""
    access = access or course_access(current_user, course)
    if not access.can_view:
        abort(403 if course.status == "published" else 404)
    return access


def _studyable_lesson(slug: str, lesson_slug: str) -> tuple:
    """Return ``(course, lesson, access)`` if the current user may read the lesson."""
    course = get_course(slug)
    access = _viewable(course)
    if not access.can_study:
        abort(403)
    lesson = reading.get_lesson(course, lesson_slug)
    if lesson.status != "published" and not access.teaches:
        abort(404)
    return course, lesson, access


def _lesson_visit(slug: str, lesson_slug: str) -> LessonVisit:
    """Return the lesson page's data if the current user may read it (one query).

    The checks and their order are those of ``_studyable_lesson``; when the course or the
    lesson is missing, that function runs to give the same error as the other lesson routes.
    """
    visit = find_lesson_visit(current_user, slug, lesson_slug)
    if visit is None:
        _studyable_lesson(slug, lesson_slug)
        abort(404)  # reached only if the lesson was created between the two lookups
    _viewable(visit.course, visit.access)
    if not visit.access.can_study:
        abort(403)
    if visit.lesson.status != "published" and not visit.access.teaches:
        abort(404)
    return visit


@bp.route("/")
@login_required
def catalog():
    """List the courses open to the user, with topic and audience filters and search."""
    topic = request.args.get("topic", "")
    audience = request.args.get("audience", "")
    query = request.args.get("q", "").strip()[:200]
    entries = catalog_service.catalog(current_user, topic=topic if topic in TOPIC_LABELS else "",
                                      audience=audience, query=query)
    return render_template("courses/catalog.html", entries=entries, topic=topic,
                           audience=audience, q=query)


@bp.route("/<slug>")
@login_required
def course(slug: str):
    """Show a course: modules, lessons, activities, progress and what to do next."""
    course = get_course(slug)
    access = _viewable(course)
    teaches = access.teaches
    outline = progress.course_outline(course, current_user, include_drafts=teaches)
    row = enrolment.get_enrolment(course, current_user)
    enrolled = row is not None
    return render_template(
        "courses/course.html", course=course, outline=outline, teaches=teaches,
        enrolled=enrolled, can_study=access.can_study,
        progress=progress.course_progress(course, current_user, outline) if enrolled else None,
        completed_at=progress.completed_at(course, current_user) if enrolled else None,
        missing=enrolment.missing_prerequisites(course, current_user),
        totals=catalog_service.lesson_totals([course.id]).get(course.id, (0, 0)),
        can_leave=enrolled and row.method == "self", form=ActionForm())


@bp.route("/<slug>/enrol", methods=["POST"])
@login_required
def enrol(slug: str):
    """Enrol the signed-in trainee in an open course."""
    course = _visible_course(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        enrolment.self_enrol(course, current_user)
    except USER_ERRORS as error:
        flash(str(error.message), "danger")
    else:
        flash(_("You are enrolled. Good studying!"), "success")
    return redirect(url_for("courses.course", slug=slug))


@bp.route("/<slug>/leave", methods=["POST"])
@login_required
def leave(slug: str):
    """Take the signed-in trainee out of a course they joined themselves."""
    course = _visible_course(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    enrolment.unenrol(course, current_user.id, actor=current_user)
    flash(_("You left the course. Your progress is kept if you join again."), "info")
    return redirect(url_for("courses.catalog"))


@bp.route("/<slug>/lessons/<lesson_slug>")
@login_required
def lesson(slug: str, lesson_slug: str):
    """Show a lesson: light page, previous/next, mark complete."""
    visit = _lesson_visit(slug, lesson_slug)
    course, lesson, access = visit.course, visit.lesson, visit.access
    teaches, learner = access.teaches, access.is_learner
    if learner and progress.is_lesson_locked(course, lesson, current_user):
        flash(_("This course is studied in order: complete the earlier lessons first."),
              "warning")
        return redirect(url_for("courses.course", slug=slug))
    # Read before record_opening, whose commit would expire the row (opening never completes).
    is_completed = bool(visit.progress and visit.progress.completed_at)
    if learner:
        progress.record_opening(current_user, lesson, visit.progress)
    previous, following = visit.neighbours()
    return render_template(
        "courses/lesson.html", course=course, lesson=lesson, teaches=teaches, learner=learner,
        body_html=reading.fresh_lesson_html(lesson), previous=previous, following=following,
        is_completed=is_completed,
        files=reading.lesson_attachments(lesson) if visit.has_files else [],
        form=ActionButtons())


@bp.route("/<slug>/lessons/<lesson_slug>/complete", methods=["POST"])
@login_required
def complete(slug: str, lesson_slug: str):
    """Mark the lesson completed and go on to the next one."""
    course, lesson, access = _studyable_lesson(slug, lesson_slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not access.is_learner or progress.is_lesson_locked(course, lesson, current_user):
        abort(403)
    result = progress.complete_lesson(current_user, lesson)
    following = reading.neighbours(course, lesson, include_drafts=False)[1]
    flash(_("Lesson completed. Course progress: %(p)d%%.", p=result.percent), "success")
    if following is not None:
        return redirect(url_for("courses.lesson", slug=slug, lesson_slug=following.slug))
    return redirect(url_for("courses.course", slug=slug))


@bp.route("/<slug>/lessons/<lesson_slug>/time", methods=["POST"])
@login_required
def time_beacon(slug: str, lesson_slug: str):
    """Add reading time sent by the page's beacon (navigator.sendBeacon)."""
    course, lesson, access = _studyable_lesson(slug, lesson_slug)
    seconds = request.form.get("seconds", type=int)
    if seconds is None or seconds < 0:
        abort(400)
    if access.is_learner:
        progress.record_time(current_user, lesson, seconds)
    return "", 204


@bp.route("/<slug>/handbook")
@login_required
def handbook(slug: str):
    """Show the course's one-page printable handbook."""
    course = _visible_course(slug)
    if not can_study(current_user, course) or not course.has_handbook:
        abort(403 if course.has_handbook else 404)
    return render_template("courses/handbook.html", course=course,
                           body_html=reading.fresh_handbook_html(course))


@bp.route("/<slug>/files/<int:attachment_id>/<path:name>")
@login_required
def attachment(slug: str, attachment_id: int, name: str):
    """Send an attached file to people who may study the course, with safe headers."""
    course = get_course(slug)
    if not can_study(current_user, course):
        abort(403 if can_view_course(current_user, course) else 404)
    item = attachments.get_attachment(course, attachment_id)
    response = send_file(attachments.attachment_path(item), mimetype=item.content_type,
                         as_attachment=not attachments.is_inline(item),
                         download_name=item.original_name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if item.content_type != "application/pdf":  # Chromium's PDF viewer refuses a sandbox
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
