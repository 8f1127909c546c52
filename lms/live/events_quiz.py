"""Socket handlers for the live quiz: bank questions and scenario decisions with a timer."""
from __future__ import annotations

import json

from flask_babel import gettext as _

from lms.extensions import db
from lms.live import grades, livequiz, payloads, scenario_live
from lms.live.activity_models import FOLLOW_MODES, QuizItem
from lms.live.broadcast import emit, emit_many, room, staff_room
from lms.live.eventkit import Context, live_event
from lms.live.models import LiveSession
from lms.live.room import iso
from lms.live.runtime import runtime
from lms.timeutil import utcnow

MAX_RESPONSE_BYTES = 2000


def announce_closed(session_id: int, closed: livequiz.Closed) -> None:
    """Send the results to the room and each answerer their own points, once per item;
    the session's live-quiz column of the gradebook is brought up to date afterwards."""
    if closed.just_closed:
        emit("quiz_results", closed.results, to=room(session_id))
        emit_many("quiz_result", closed.personal, session_id=session_id)
        runtime().defer(_publish_grades, session_id)


def _publish_grades(session_id: int) -> None:
    """Write the live-quiz grades of a session (after its results are out)."""
    live_session = db.session.get(LiveSession, session_id)
    if live_session is not None:
        grades.publish_quiz(live_session)


def close_when_due(session_id: int, item_id: int) -> None:
    """Timer job: close an item whose time is up, if the lecturer has not already."""
    item = db.session.get(QuizItem, item_id)
    if item is not None and item.state == "open":
        closed = livequiz.close_due(session_id)
        if closed is not None:
            announce_closed(session_id, closed)


def _announce_item(session_id: int, item: dict) -> None:
    """Send a new item to the room and start its closing timer."""
    emit("quiz_item", {"item": item, "server_time": iso(utcnow())}, to=room(session_id))
    delay = item["seconds"] + livequiz.GRACE.total_seconds() + 0.2
    runtime().later(delay, close_when_due, session_id, item["id"])


def _response(data) -> object:
    """Return the answer object after checking its size (its shape is the question's job)."""
    value = data.get("response")
    if not isinstance(value, dict) or len(json.dumps(value)) > MAX_RESPONSE_BYTES:
        raise payloads.PayloadError(_("The answer is not in the expected form."),
                                    field="response")
    return value


class QuizEvents:
    """Live questions and scenarios (mixed into the live namespace)."""

    @live_event("quiz_push", lead_only=True)
    def on_quiz_push(self, ctx: Context, data) -> dict:
        """Lecturer: ``{question: slug, seconds}``; room gets quiz_item."""
        data = payloads.mapping(data, ("question", "seconds"))
        item = livequiz.push_question(
            live_session=ctx.live_session, actor=ctx.user, role=ctx.role,
            slug=payloads.text(data, "question", max_length=80),
            seconds=payloads.integer(data, "seconds", minimum=livequiz.MIN_SECONDS,
                                     maximum=livequiz.MAX_SECONDS))
        _announce_item(ctx.live_session.id, item)
        return {"item": item}

    @live_event("quiz_answer")
    def on_quiz_answer(self, ctx: Context, data) -> dict:
        """Trainee: ``{item, response}``, recorded once; lecturers get quiz_progress."""
        data = payloads.mapping(data, ("item", "response"))
        result = livequiz.answer(live_session=ctx.live_session, user=ctx.user, role=ctx.role,
                                 item_id=payloads.integer(data, "item"),
                                 response=_response(data))
        if not result["duplicate"]:
            emit("quiz_progress", {"item": result["item"],
                                   "answered": livequiz.answer_count(result["item"])},
                 to=staff_room(ctx.live_session.id))
        return result

    @live_event("quiz_close", lead_only=True)
    def on_quiz_close(self, ctx: Context, data) -> dict:
        """Lecturer: ``{item}``; room gets quiz_results, each answerer quiz_result."""
        data = payloads.mapping(data, ("item",))
        closed = livequiz.close(live_session=ctx.live_session, role=ctx.role,
                                item_id=payloads.integer(data, "item"))
        announce_closed(ctx.live_session.id, closed)
        return {"results": closed.results}

    @live_event("scenario_start", lead_only=True)
    def on_scenario_start(self, ctx: Context, data) -> dict:
        """Lecturer: ``{scenario: slug, follow: majority|lecturer}``; room gets scenario."""
        data = payloads.mapping(data, ("scenario", "follow"))
        view = scenario_live.start(
            live_session=ctx.live_session, actor=ctx.user, role=ctx.role,
            slug=payloads.text(data, "scenario", max_length=80),
            follow=payloads.choice(data, "follow", FOLLOW_MODES, default="majority"))
        emit("scenario", view, to=room(ctx.live_session.id))
        return {"scenario": view}

    @live_event("scenario_continue", lead_only=True)
    def on_scenario_continue(self, ctx: Context, data) -> dict:
        """Lecturer: ``{run}`` at a situation; room gets scenario."""
        data = payloads.mapping(data, ("run",))
        view = scenario_live.continue_(live_session=ctx.live_session, role=ctx.role,
                                       run_id=payloads.integer(data, "run"))
        emit("scenario", view, to=room(ctx.live_session.id))
        return {"scenario": view}

    @live_event("scenario_push", lead_only=True)
    def on_scenario_push(self, ctx: Context, data) -> dict:
        """Lecturer: ``{run, seconds}`` at a decision or check; room gets quiz_item."""
        data = payloads.mapping(data, ("run", "seconds"))
        item = scenario_live.push_step(
            live_session=ctx.live_session, actor=ctx.user, role=ctx.role,
            run_id=payloads.integer(data, "run"),
            seconds=payloads.integer(data, "seconds", minimum=livequiz.MIN_SECONDS,
                                     maximum=livequiz.MAX_SECONDS))
        _announce_item(ctx.live_session.id, item)
        return {"item": item}

    @live_event("scenario_decide", lead_only=True)
    def on_scenario_decide(self, ctx: Context, data) -> dict:
        """Lecturer: ``{run, choice?}`` (none: the majority); room gets the results, scenario."""
        data = payloads.mapping(data, ("run", "choice"))
        run_id = payloads.integer(data, "run")
        choice = payloads.integer(data, "choice", minimum=0, maximum=100, required=False)
        session_id = ctx.live_session.id
        open_item = livequiz.open_item(session_id)
        if open_item is not None and open_item.run_id == run_id:
            announce_closed(session_id, livequiz.close_item(open_item))
        view = scenario_live.decide(live_session=ctx.live_session, role=ctx.role,
                                    run_id=run_id, choice=choice)
        emit("scenario", view, to=room(session_id))
        return {"scenario": view}

    @live_event("scenario_stop", lead_only=True)
    def on_scenario_stop(self, ctx: Context, data) -> dict:
        """Lecturer: ``{run}``; room gets scenario (inactive)."""
        data = payloads.mapping(data, ("run",))
        view = scenario_live.stop(live_session=ctx.live_session, role=ctx.role,
                                  run_id=payloads.integer(data, "run"))
        emit("scenario", view, to=room(ctx.live_session.id))
        return {"scenario": view}
