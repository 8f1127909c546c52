"""The participants page of a course: who is enrolled, and enrolling people or units."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from courses import enrolment
from courses.access import can_manage_participants, can_teach
from courses.catalog import get_course
from courses.forms import USER_ERRORS, ActionForm, EnrolUnitForm, EnrolUsersForm
from courses.models import Lesson, LessonProgress
from courses.views import bp
from lms.accounts.units import list_units
from lms.extensions import db


def _managed_course(slug: str):
    """Return the course if the current user may manage its participants, else 403/404."""
    course = get_course(slug)
    if not can_manage_participants(current_user, course):
        abort(403 if course.status == "published" else 404)
    return course


def _lesson_stats(course, user_ids) -> dict[int, tuple[int, int]]:
    """Return ``{user_id: (published lessons completed, seconds spent reading)}``."""
    if not user_ids:
        return {}
    done = sa.func.count(LessonProgress.completed_at)
    rows = db.session.execute(
        sa.select(LessonProgress.user_id, done, sa.func.sum(LessonProgress.seconds_spent))
        .join(Lesson, Lesson.id == LessonProgress.lesson_id)
        .where(Lesson.course_id == course.id, Lesson.status == "published",
               LessonProgress.user_id.in_(list(user_ids)))
        .group_by(LessonProgress.user_id))
    return {user_id: (count, seconds or 0) for user_id, count, seconds in rows}


def duration(seconds: int) -> str:
    """Format seconds as ``m:ss`` or ``h:mm:ss``."""
    hours, rest = divmod(int(seconds or 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _unit_form() -> EnrolUnitForm:
    """Build the unit form with the units this person may enrol."""
    form = EnrolUnitForm()
    form.unit_id.choices = [("", "—")] + [
        (u.id, "\u2003" * max(u.depth, 0) + f"{u.name} ({u.code})")
        for u in list_units(current_user)]
    return form


@bp.route("/<slug>/participants")
@login_required
def participants(slug: str):
    """List the course's participants (managers: their area) and the enrolment forms."""
    course = _managed_course(slug)
    people = enrolment.participants(course, actor=current_user)
    query = request.args.get("q", "").strip()[:100]
    teaches = can_teach(current_user, course)
    total = db.session.scalar(sa.select(sa.func.count()).where(
        Lesson.course_id == course.id, Lesson.status == "published"))
    return render_template(
        "courses/participants.html", course=course, people=people, teaches=teaches,
        stats=_lesson_stats(course, [e.user_id for e in people]), total=total, q=query,
        duration=duration,
        found=enrolment.find_trainees(course, query) if teaches else [],
        users_form=EnrolUsersForm(),
        unit_form=_unit_form() if current_user.role in ("admin", "manager") else None,
        action=ActionForm(), can_remove=lambda e: enrolment.can_remove(current_user, e))


@bp.route("/<slug>/participants/enrol", methods=["POST"])
@login_required
def enrol_users(slug: str):
    """Enrol the trainees ticked in the search results."""
    course = _managed_course(slug)
    form = EnrolUsersForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        result = enrolment.enrol_users(course, form.user_ids.data or [], actor=current_user)
    except USER_ERRORS as error:
        flash(str(error.message), "danger")
    else:
        flash(_("%(n)d trainee(s) enrolled.", n=result.added), "success")
    return redirect(url_for("courses.participants", slug=slug))


@bp.route("/<slug>/participants/enrol-unit", methods=["POST"])
@login_required
def enrol_unit(slug: str):
    """Enrol every trainee of a union unit and its sub-units."""
    course = _managed_course(slug)
    form = _unit_form()
    if not form.validate_on_submit():
        flash(_("Choose a union unit."), "danger")
        return redirect(url_for("courses.participants", slug=slug))
    try:
        result = enrolment.enrol_unit(course, form.unit_id.data, actor=current_user)
    except USER_ERRORS as error:
        flash(str(error.message), "danger")
    else:
        flash(_("%(n)d trainee(s) enrolled; %(m)d were already in the course.",
                n=result.added, m=result.already), "success")
    return redirect(url_for("courses.participants", slug=slug))


@bp.route("/<slug>/participants/<int:user_id>/remove", methods=["POST"])
@login_required
def remove_participant(slug: str, user_id: int):
    """Take a trainee out of the course (progress is kept)."""
    course = _managed_course(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    enrolment.unenrol(course, user_id, actor=current_user)
    flash(_("The trainee was removed from the course."), "info")
    return redirect(url_for("courses.participants", slug=slug))
