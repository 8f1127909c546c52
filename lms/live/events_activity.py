"""Socket handlers for what the lecturer runs: polls, lesson sync and breakout groups."""
from __future__ import annotations

from lms.live import groups, lessonsync, payloads, polls
from lms.live.activity_models import BREAKOUT_MODES
from lms.live.broadcast import (
    close_room, emit, emit_many, enter_room, group_room, member_room, room, staff_room,
)
from lms.live.eventkit import Context, live_event
from lms.live.polls import MAX_OPTIONS
from lms.live.room import room_sids


class ActivityEvents:
    """Polls, lesson sync and groups (mixed into the live namespace)."""

    @live_event("poll_create", lead_only=True)
    def on_poll_create(self, ctx: Context, data) -> dict:
        """Lecturer: ``{question, options[2..10], multiple?, anonymous?}``; room gets poll."""
        data = payloads.mapping(data, ("question", "options", "multiple", "anonymous"))
        poll = polls.create_poll(
            live_session=ctx.live_session, actor=ctx.user, role=ctx.role,
            question=payloads.text(data, "question", max_length=300),
            options=payloads.text_list(data, "options", min_items=2, max_items=MAX_OPTIONS,
                                       max_length=200),
            multiple=payloads.boolean(data, "multiple"),
            anonymous=payloads.boolean(data, "anonymous"))
        emit("poll", {"poll": poll}, to=room(ctx.live_session.id))
        return {"poll": poll}

    @live_event("poll_vote")
    def on_poll_vote(self, ctx: Context, data) -> dict:
        """Anyone: ``{poll, choices:[index]}``, once; lecturers get poll_results."""
        data = payloads.mapping(data, ("poll", "choices"))
        poll_id = payloads.integer(data, "poll")
        choices, is_new = polls.vote(
            live_session=ctx.live_session, user=ctx.user, poll_id=poll_id,
            choices=payloads.integer_list(data, "choices", max_items=MAX_OPTIONS,
                                          maximum=MAX_OPTIONS - 1))
        if is_new:
            poll = polls.get_poll(poll_id)
            emit("poll_results", polls.results(poll), to=staff_room(ctx.live_session.id))
        return {"poll": poll_id, "mine": choices, "duplicate": not is_new}

    @live_event("poll_close", lead_only=True)
    def on_poll_close(self, ctx: Context, data) -> dict:
        """Lecturer: ``{poll}``; room gets poll (closed), lecturers get poll_results."""
        data = payloads.mapping(data, ("poll",))
        poll, counts = polls.close_poll(live_session=ctx.live_session, role=ctx.role,
                                        poll_id=payloads.integer(data, "poll"))
        emit("poll", {"poll": poll}, to=room(ctx.live_session.id))
        emit("poll_results", counts, to=staff_room(ctx.live_session.id))
        return {"poll": poll, "results": counts}

    @live_event("poll_publish", lead_only=True)
    def on_poll_publish(self, ctx: Context, data) -> dict:
        """Lecturer: ``{poll}``; room gets poll with its results."""
        data = payloads.mapping(data, ("poll",))
        poll, counts = polls.publish_poll(live_session=ctx.live_session, role=ctx.role,
                                          poll_id=payloads.integer(data, "poll"))
        emit("poll", {"poll": poll, "results": counts}, to=room(ctx.live_session.id))
        return {"poll": poll, "results": counts}

    @live_event("lesson_show", lead_only=True)
    def on_lesson_show(self, ctx: Context, data) -> dict:
        """Lecturer: ``{lesson|null, section}``; room gets lesson (the section's HTML)."""
        data = payloads.mapping(data, ("lesson", "section"))
        view = lessonsync.show(live_session=ctx.live_session, role=ctx.role,
                               lesson_id=payloads.integer(data, "lesson", required=False),
                               section=payloads.integer(data, "section", minimum=0,
                                                        maximum=500, required=False) or 0)
        emit("lesson", view, to=room(ctx.live_session.id))
        return {"lesson": view}

    @live_event("lesson_sections")
    def on_lesson_sections(self, ctx: Context, data) -> dict:
        """Anyone: ``{lesson}``; reply only: every section, for reading ahead (detached)."""
        data = payloads.mapping(data, ("lesson",))
        return lessonsync.sections(live_session=ctx.live_session,
                                   lesson_id=payloads.integer(data, "lesson"))

    @live_event("groups_start", lead_only=True)
    def on_groups_start(self, ctx: Context, data) -> dict:
        """Lecturer: ``{count, mode: random|unit, roles?}``; each member gets group."""
        data = payloads.mapping(data, ("count", "mode", "roles"))
        split = groups.start(
            live_session=ctx.live_session, actor=ctx.user, role=ctx.role,
            count=payloads.integer(data, "count", minimum=1, maximum=50),
            mode=payloads.choice(data, "mode", BREAKOUT_MODES, default="random"),
            roles=payloads.text_list(data, "roles", min_items=0, max_items=8, max_length=80,
                                     required=False))
        session_id = ctx.live_session.id
        for user_id, view in split.by_user.items():
            enter_room(room_sids(session_id, user_id), group_room(session_id, view["id"]))
            emit("group", {"group": view}, to=member_room(session_id, user_id))
        emit("groups", split.overview, to=staff_room(session_id))
        return {"groups": split.overview}

    @live_event("groups_recall", lead_only=True)
    def on_groups_recall(self, ctx: Context, data) -> dict:
        """Lecturer: ``{}``; every member gets group ``{group: null}``, lecturers groups null."""
        payloads.mapping(data, ())
        members, group_ids = groups.recall(live_session=ctx.live_session, role=ctx.role)
        session_id = ctx.live_session.id
        for group_id in group_ids:
            close_room(group_room(session_id, group_id))
        emit_many("group", {user_id: {"group": None} for user_id in members},
                  session_id=session_id)
        emit("groups", None, to=staff_room(session_id))
        return {"recalled": len(members)}

    @live_event("group_call")
    def on_group_call(self, ctx: Context, data) -> dict:
        """Group member: ``{on?}``; lecturers get group_call, the group gets group_update."""
        data = payloads.mapping(data, ("on",))
        view = groups.call_lecturer(live_session=ctx.live_session, user=ctx.user,
                                    on=payloads.boolean(data, "on", default=True))
        _send_group(ctx.live_session.id, view)
        return {"group": view}

    @live_event("group_call_answer", lead_only=True)
    def on_group_call_answer(self, ctx: Context, data) -> dict:
        """Lecturer: ``{group}``; clears the call; the group and lecturers are told."""
        data = payloads.mapping(data, ("group",))
        view = groups.answer_call(live_session=ctx.live_session, role=ctx.role,
                                  group_id=payloads.integer(data, "group"))
        _send_group(ctx.live_session.id, view)
        return {"group": view}


def _send_group(session_id: int, view: dict) -> None:
    """Tell a group and the lecturers that its call for help changed."""
    emit("group_call", view, to=staff_room(session_id))
    emit("group_update", {"id": view["id"], "help": view["help"]},
         to=group_room(session_id, view["id"]))
