"""The live classroom's one Socket.IO namespace, ``/live`` (class-based).

Connecting needs a signed-in Flask-Login session cookie and, from a browser, an Origin of
this site (or of ``SOCKETIO_CORS_ORIGINS``). A socket then sends ``join`` with a session id
and gets the whole room in the reply; every other event acts in the room it joined. The
handlers live in mixins by topic; docs/live-protocol.md lists every event and payload.
"""
from __future__ import annotations

from flask import current_app, request
from flask_babel import gettext as _
from flask_socketio import Namespace, join_room, leave_room

from lms.extensions import socketio
from lms.live import groups, livequiz, payloads, room, snapshot
from lms.live.access import LEAD, TRAINEE
from lms.live.broadcast import (
    NAMESPACE, disconnect_sids, emit, group_room, member_room, staff_room, user_room,
)
from lms.live.broadcast import room as room_name
from lms.live.eventkit import JOINED_KEY, Refused, check_rate, error_reply, signed_in_user
from lms.live.events_activity import ActivityEvents
from lms.live.events_quiz import QuizEvents, announce_closed
from lms.live.events_room import RoomEvents
from lms.live.runtime import runtime


def allowed_origins(environ: dict) -> list[str]:
    """Return the origins a browser may open a socket from (this site unless configured).

    Like Engine.IO's own check: the request's scheme and host, and the ones a reverse proxy
    reports in ``X-Forwarded-Proto``/``X-Forwarded-Host``.
    """
    configured = current_app.config.get("SOCKETIO_CORS_ORIGINS")
    if configured:
        return list(configured) if not isinstance(configured, str) else [configured]
    scheme, host = environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST", "")
    origins = [f"{scheme}://{host}"]
    if "HTTP_X_FORWARDED_PROTO" in environ or "HTTP_X_FORWARDED_HOST" in environ:
        proxied = environ.get("HTTP_X_FORWARDED_PROTO", scheme).split(",")[0].strip()
        proxied_host = environ.get("HTTP_X_FORWARDED_HOST", host).split(",")[0].strip()
        origins.append(f"{proxied}://{proxied_host}")
    return origins


class LiveNamespace(RoomEvents, ActivityEvents, QuizEvents, Namespace):
    """``/live``: presence, chat, Q&A, hands, polls, lesson sync, groups and the live quiz."""

    def on_connect(self, auth=None):
        """Browser -> server handshake: refuse other sites and people not signed in."""
        origin = request.headers.get("Origin")
        if origin and origin not in allowed_origins(request.environ):
            raise ConnectionRefusedError({"error": "bad_origin",
                                          "message": _("Connections from other sites are "
                                                       "refused.")})
        try:
            user = signed_in_user()
        except Refused as refused:
            raise ConnectionRefusedError({"error": refused.code,
                                          "message": refused.message}) from None
        join_room(user_room(user.id))
        runtime().start_heartbeat()
        return True

    def on_disconnect(self, reason=None):
        """A socket went away: close its connection record; tell the room if it was the last."""
        if request.environ.pop(JOINED_KEY, None) is None:
            return
        left = room.leave(sid=request.sid)
        if left is not None and not left[2]:
            runtime().feed.left(left[0], left[1])

    def on_join(self, data=None):
        """Any member -> server: ``{session, since?, group_since?}``; replies with the room."""
        try:
            user = signed_in_user()
            check_rate("join", user)
            data = payloads.mapping(data, ("session", "since", "group_since"))
            session_id = payloads.integer(data, "session")
            since = payloads.integer(data, "since", minimum=0, required=False)
            group_since = payloads.integer(data, "group_since", minimum=0, required=False)
            self._leave_current()
            joined = room.join(session_id=session_id, user=user, sid=request.sid)
            self._enter_rooms(session_id, user.id, joined.role)
            request.environ[JOINED_KEY] = session_id
            if joined.came_online:
                runtime().feed.joined(session_id, joined.person)
            closed = livequiz.close_due(session_id)
            if closed is not None:
                announce_closed(session_id, closed)
            return {"ok": True, **snapshot.build(live_session=joined.live_session, user=user,
                                                 role=joined.role, since=since,
                                                 group_since=group_since)}
        except Exception as error:  # every failure becomes a reply
            return error_reply(error)

    def on_leave(self, data=None):
        """Member -> server: ``{}``; leave the room without disconnecting."""
        try:
            payloads.mapping(data, ())
            self._leave_current()
            return {"ok": True}
        except Exception as error:
            return error_reply(error)

    def _leave_current(self) -> None:
        """Leave the room this socket joined before, if any."""
        session_id = request.environ.pop(JOINED_KEY, None)
        if session_id is None:
            return
        for name in list(socketio.server.rooms(request.sid, namespace=NAMESPACE)):
            if name.startswith(f"live:{session_id}"):
                leave_room(name)
        left = room.leave(sid=request.sid)
        if left is not None and not left[2]:
            runtime().feed.left(left[0], left[1])

    def _enter_rooms(self, session_id: int, user_id: int, role: str) -> None:
        """Join the room, the person's own room, the lecturers' room or the person's group."""
        join_room(room_name(session_id))
        join_room(member_room(session_id, user_id))
        if role == LEAD:
            join_room(staff_room(session_id))
            return
        group = groups.my_group(session_id, user_id)
        if group is None and role == TRAINEE:
            group = groups.join_latecomer(session_id=session_id, user_id=user_id)
            if group is not None:
                emit("groups", groups.overview(session_id), to=staff_room(session_id))
        if group is not None:
            join_room(group_room(session_id, group["id"]))


def disconnect_user(user_id: int) -> None:
    """End every live socket of a person (logout, deactivation, password or role change)."""
    sids = {sid for sid, _session in room.sids_of_user(user_id)}
    sids.update(sid for sid, _eio in socketio.server.manager.get_participants(
        NAMESPACE, user_room(user_id)))
    emit("session_revoked", {}, to=user_room(user_id))
    disconnect_sids(sorted(sids))
