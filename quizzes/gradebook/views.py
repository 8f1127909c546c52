"""Gradebook pages: a course's grades for its lecturers (and CSV), a trainee's own grades."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, abort, render_template
from flask_login import current_user, login_required

from courses.access import can_study, can_teach
from courses.models import Course
from lms.extensions import db
from lms.timeutil import utcnow
from quizzes import catalog
from quizzes.gradebook import services

bp = Blueprint("gradebook", __name__, url_prefix="/gradebook")


def _course(slug: str) -> Course:
    """Return a course by slug or 404."""
    course = db.session.scalar(sa.select(Course).where(Course.slug == slug))
    if course is None:
        abort(404)
    return course


@bp.route("/course/<slug>")
@login_required
def course(slug: str):
    """Show trainees x graded activities with pass/fail."""
    course = _course(slug)
    if not can_teach(current_user, course):
        abort(403)
    return render_template("gradebook/course.html", book=services.build_gradebook(course))


@bp.route("/course/<slug>.csv")
@login_required
def course_csv(slug: str):
    """Download the gradebook as CSV."""
    course = _course(slug)
    if not can_teach(current_user, course):
        abort(403)
    text = services.gradebook_csv(services.build_gradebook(course))
    return Response(text, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="bang-diem-{course.slug}.csv"'})


@bp.route("/course/<slug>/mine")
@login_required
def mine(slug: str):
    """Show the signed-in trainee's own grades in a course."""
    course = _course(slug)
    if not can_study(current_user, course):
        abort(404)
    return render_template("gradebook/mine.html", course=course,
                           grades=catalog.visible_grades(course.id, current_user,
                                                         now=utcnow()))
