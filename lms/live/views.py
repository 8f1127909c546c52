"""Pages of the live classroom: schedules, session pages, the room, the record, calendars."""
from __future__ import annotations

from flask import (
    Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from courses.models import Course
from lms.errors import PermissionDenied, ValidationError
from lms.extensions import db
from lms.live import access, broadcast, record, record_content, record_export, room, sessions
from lms.live.forms import ConfirmForm, SessionForm

bp = Blueprint("live", __name__, url_prefix="/live")


def _course(course_id: int) -> Course:
    """Return a course the person may see, or 404 (no hint that it exists)."""
    course = db.session.get(Course, course_id)
    if course is None or not access.can_see_course(current_user, course):
        abort(404)
    return course


def _session(session_id: int, *, lead: bool = False):
    """Return a session the person may see (or lead), else 404/403."""
    live_session = sessions.get_session(session_id)
    role = access.room_role(current_user, live_session)
    if role is None:
        abort(404)
    if lead and role != access.LEAD:
        raise PermissionDenied(_("Only the lecturers of the course can do this."))
    return live_session, role


@bp.route("/")
@login_required
def index():
    """List the live sessions coming up in the person's courses."""
    upcoming = sessions.upcoming_for_user(current_user, limit=50)
    return render_template("live/index.html", upcoming=upcoming,
                           teaching=sessions.taught_courses(current_user))


@bp.route("/courses/<int:course_id>")
@login_required
def course_sessions(course_id: int):
    """List a course's sessions: coming and past."""
    course = _course(course_id)
    return render_template("live/course.html", course=course,
                           all_sessions=sessions.sessions_for_course(course),
                           can_teach=access.can_teach_course(current_user, course))


@bp.route("/courses/<int:course_id>/new", methods=["GET", "POST"])
@login_required
def new_session(course_id: int):
    """Schedule a session of a course."""
    course = _course(course_id)
    if not access.can_teach_course(current_user, course):
        raise PermissionDenied(_("You do not teach this course."))
    form = SessionForm()
    form.set_choices(course)
    if request.method == "GET":
        form.lecturer_ids.data = [current_user.id] if current_user in course.lecturers else []
        form.attendance_percent.data = current_app.config["LIVE_ATTENDANCE_PERCENT"]
        # listed on the course page under a module; the first one unless the lecturer picks
        form.module_id.data = course.modules[0].id if course.modules else None
    if form.validate_on_submit():
        try:
            created = sessions.create_session(course, form.to_data(), actor=current_user)
        except ValidationError as error:
            for problem in error.errors or [error.message]:
                flash(str(problem), "danger")
        else:
            flash(_("The session is scheduled."), "success")
            return redirect(url_for("live.session_page", session_id=created.id))
    return render_template("live/session_form.html", form=form, course=course,
                           live_session=None)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@login_required
def edit_session(session_id: int):
    """Edit a session that has not ended."""
    live_session, _role = _session(session_id, lead=True)
    form = SessionForm()
    form.set_choices(live_session.course)
    if request.method == "GET":
        form.fill(live_session)
    if form.validate_on_submit():
        try:
            sessions.update_session(session_id, form.to_data(), actor=current_user)
        except ValidationError as error:
            for problem in error.errors or [error.message]:
                flash(str(problem), "danger")
        else:
            flash(_("The session has been saved."), "success")
            return redirect(url_for("live.session_page", session_id=session_id))
    return render_template("live/session_form.html", form=form, course=live_session.course,
                           live_session=live_session)


@bp.route("/sessions/<int:session_id>/delete", methods=["POST"])
@login_required
def delete_session(session_id: int):
    """Delete a session that never started."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    course_id = sessions.delete_session(session_id, actor=current_user)
    flash(_("The session has been deleted."), "info")
    return redirect(url_for("live.course_sessions", course_id=course_id))


@bp.route("/sessions/<int:session_id>")
@login_required
def session_page(session_id: int):
    """Show a session: when, who leads it, the links, and one's own attendance."""
    live_session, role = _session(session_id)
    mine = record.my_attendance(live_session, current_user.id) \
        if live_session.state != "scheduled" else None
    return render_template("live/session.html", live_session=live_session, role=role,
                           mine=mine, confirm=ConfirmForm())


@bp.route("/sessions/<int:session_id>/open", methods=["POST"])
@login_required
def open_session(session_id: int):
    """Open the room (lecturers) and go in."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    sessions.open_session(session_id, actor=current_user)
    broadcast.session_state(session_id, "live")
    return redirect(url_for("live.room_page", session_id=session_id))


@bp.route("/sessions/<int:session_id>/end", methods=["POST"])
@login_required
def end_session(session_id: int):
    """End the session for everyone and show its record."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    room.end_session(session_id, actor=current_user)
    broadcast.session_state(session_id, "ended")
    flash(_("The session has ended. Its record is below."), "info")
    return redirect(url_for("live.record_page", session_id=session_id))


@bp.route("/sessions/<int:session_id>/room")
@login_required
def room_page(session_id: int):
    """Show the live room (the page connects over Socket.IO and draws itself)."""
    live_session, role = _session(session_id)
    if live_session.state == "ended":
        flash(_("This session has ended."), "info")
        return redirect(url_for("live.session_page", session_id=session_id))
    return render_template("live/room.html", live_session=live_session, role=role,
                           confirm=ConfirmForm())


@bp.route("/sessions/<int:session_id>/record")
@login_required
def record_page(session_id: int):
    """Show the whole record of a session to its lecturers."""
    live_session, _role = _session(session_id, lead=True)
    rows = record.attendance(live_session)
    return render_template(
        "live/record.html", live_session=live_session, rows=rows,
        summary=record.summary(rows), window=record.window(live_session),
        transcript=record_content.transcript(session_id),
        questions=record_content.questions(session_id),
        hands=record_content.hands(session_id), polls=record_content.polls(session_id),
        quiz=record_content.quiz(session_id), runs=record_content.scenario_runs(session_id),
        breakouts=record_content.breakouts(session_id), tables=record_export.TABLES)


@bp.route("/sessions/<int:session_id>/record.csv")
@login_required
def record_csv(session_id: int):
    """Download one table of the record as CSV (?table=attendance|chat|qa|polls|quiz)."""
    live_session, _role = _session(session_id, lead=True)
    table = request.args.get("table", "attendance")
    if table not in record_export.TABLES:
        abort(404)
    name = f"phien-{session_id}-{table}.csv"
    return Response(record_export.export(live_session, table), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/sessions/<int:session_id>.ics")
@login_required
def session_calendar(session_id: int):
    """Download a calendar file for one session."""
    live_session, _role = _session(session_id)
    event = sessions.calendar_event(live_session, host=request.host, url=url_for(
        "live.room_page", session_id=session_id, _external=True))
    return _calendar(sessions.calendar_text([event], name=live_session.title),
                     f"phien-{session_id}.ics")


@bp.route("/courses/<int:course_id>/sessions.ics")
@login_required
def course_calendar(course_id: int):
    """Download a calendar file with every session of a course."""
    course = _course(course_id)
    events = [sessions.calendar_event(s, host=request.host, url=url_for(
        "live.room_page", session_id=s.id, _external=True))
        for s in sessions.sessions_for_course(course)]
    return _calendar(sessions.calendar_text(events, name=course.title),
                     f"lich-{course.slug}.ics")


def _calendar(text: str, filename: str) -> Response:
    """Return an iCalendar download."""
    return Response(text, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
