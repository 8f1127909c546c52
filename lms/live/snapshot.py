"""Everything a client needs to draw a room, from the database alone (the join reply).

A client that reconnects - after a bad minute on the bus or a server restart - gets its
current lesson section, open poll or question with its own answer, its hand, its group and
the chat lines it missed, so it can redraw without asking anything else.
"""
from __future__ import annotations

from dataclasses import asdict

from flask import url_for

from lms.live import (
    chat, groups, lessonsync, livequiz, polls, qa, quiz_source, room, scenario_live,
)
from lms.live.access import LEAD
from lms.live.models import LiveSession
from lms.live.feed import LIST_LIMIT
from lms.models import User
from lms.timeutil import utcnow


def session_view(live_session: LiveSession) -> dict:
    """Return the session's card."""
    return {"id": live_session.id, "title": live_session.title, "state": live_session.state,
            "starts_at": room.iso(live_session.starts_at),
            "ends_at": room.iso(live_session.ends_at),
            "external_url": live_session.external_url,
            "course": {"id": live_session.course_id, "title": live_session.course.title}}


def build(*, live_session: LiveSession, user: User, role: str, since: int | None,
          group_since: int | None) -> dict:
    """Return the full state of a room as this person may see it."""
    is_lead = role == LEAD
    session_id = live_session.id
    count = room.online_count(session_id)
    people = room.online_people(session_id) if is_lead or count <= LIST_LIMIT else None
    messages, complete = chat.history(session_id, since=since)
    group = groups.my_group(session_id, user.id)
    state = {
        "server_time": room.iso(utcnow()),
        "me": {**room.person(user, role), "muted": chat.is_muted(session_id, user.id)},
        "session": session_view(live_session),
        "presence": {"count": count, "people": people},
        "chat": {"messages": messages, "complete": complete},
        "qa": {"questions": qa.questions(session_id), "my_votes": qa.my_votes(session_id,
                                                                              user.id)},
        "hands": qa.hand_queue(session_id),
        "poll": polls.current_poll(session_id, user.id, is_lead=is_lead),
        "lesson": lessonsync.current(live_session),
        "group": group,
        "group_chat": _group_chat(session_id, group, group_since),
        "quiz": livequiz.current(session_id, user.id, is_lead=is_lead),
        "scenario": scenario_live.current_run(session_id),
    }
    if is_lead:
        state["lead"] = lead_extras(live_session)
    return state


def _group_chat(session_id: int, group: dict | None, since: int | None) -> dict | None:
    """Return the group chat lines the person missed, when they are in a group."""
    if group is None:
        return None
    messages, complete = chat.history(session_id, since=since, group_id=group["id"])
    return {"messages": messages, "complete": complete}


def lead_extras(live_session: LiveSession) -> dict:
    """Return what only lecturers need: pickers for lessons, questions and scenarios."""
    course = live_session.course
    overview = groups.overview(live_session.id)
    return {
        "groups": overview,
        "group_chats": {str(g["id"]): chat.history(live_session.id, group_id=g["id"],
                                                   limit=50)[0]
                        for g in (overview["groups"] if overview else [])},
        "lessons": lessonsync.lesson_choices(live_session.course_id),
        "questions": [asdict(q) for q in quiz_source.question_choices(course)],
        "scenarios": [asdict(s) for s in quiz_source.scenario_choices(course)],
        "muted": chat.muted_people(live_session.id),
        "record_url": url_for("live.record_page", session_id=live_session.id),
    }
