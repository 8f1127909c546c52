"""What every socket event goes through before its handler runs, and how errors are answered.

Order matters: the person is re-read from the session cookie (a revoked session fails here),
the rate limit is counted before any database write, then the room, the person's role in it
(enrolment or teaching, from the database each time) and lecturer-only rules are checked.
Every handler answers through the acknowledgement: ``{"ok": true, ...}`` or
``{"ok": false, "error": code, "message": text in the person's language}``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import disconnect

from lms.errors import ConflictError, DomainError, NotFoundError, PermissionDenied
from lms.extensions import db
from lms.live import access
from lms.live.broadcast import NAMESPACE
from lms.live.models import LiveSession
from lms.live.runtime import runtime
from lms.models import User

# Where a socket remembers the session it joined: its WSGI environ lives as long as it does.
JOINED_KEY = "lms.live.session_id"


class Refused(Exception):
    """An event refused before its handler ran; ``code`` is part of the protocol."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class Context:
    """Who sent an event, to which room, in which role, from which socket."""

    user: User
    live_session: LiveSession
    role: str
    sid: str

    @property
    def is_lead(self) -> bool:
        """Return True for lecturers of the course."""
        return self.role == access.LEAD


def signed_in_user() -> User:
    """Return the person behind this socket, or disconnect it and refuse."""
    user = current_user._get_current_object()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        disconnect(namespace=NAMESPACE)
        raise Refused("unauthenticated", _("Your sign-in has ended. Please sign in again."))
    return user


def check_rate(event: str, user: User) -> None:
    """Count one event against the person's limit; refuse when over it."""
    if not runtime().limiter.allow(event, user.id, is_staff=user.role in ("lecturer", "admin")):
        raise Refused("rate_limited", _("You are sending too fast. Please wait a moment."))


def room_context(event: str, *, lead_only: bool) -> Context:
    """Return the context of an event in the room this socket joined."""
    user = signed_in_user()
    check_rate(event, user)
    session_id = request.environ.get(JOINED_KEY)
    if session_id is None:
        raise Refused("not_joined", _("Join the room first."))
    live_session = db.session.get(LiveSession, session_id)
    if live_session is None:
        raise NotFoundError(_("This live session does not exist."))
    role = access.room_role(user, live_session)
    if role is None:
        request.environ.pop(JOINED_KEY, None)
        disconnect(namespace=NAMESPACE)
        raise PermissionDenied(_("You are not enrolled in the course of this session."))
    if lead_only and role != access.LEAD:
        raise PermissionDenied(_("Only the lecturers of the course can do this."))
    return Context(user, live_session, role, request.sid)


_CODES = ((PermissionDenied, "forbidden"), (NotFoundError, "not_found"),
          (ConflictError, "conflict"))


def error_reply(error: Exception) -> dict:
    """Return the acknowledgement for a refused or failed event."""
    db.session.rollback()
    if isinstance(error, Refused):
        return {"ok": False, "error": error.code, "message": error.message}
    if isinstance(error, DomainError):
        code = next((c for kind, c in _CODES if isinstance(error, kind)), "bad_request")
        return {"ok": False, "error": code, "message": str(error.message),
                **({"field": error.field} if getattr(error, "field", "") else {})}
    current_app.logger.exception("live event failed: %s", error)
    return {"ok": False, "error": "server_error",
            "message": _("Something went wrong on our side. Please try again.")}


def live_event(name: str, *, lead_only: bool = False):
    """Wrap a handler ``(self, ctx, data) -> dict``: checks first, errors as acknowledgements."""
    def decorate(method):
        @functools.wraps(method)
        def handler(self, data=None):
            try:
                context = room_context(name, lead_only=lead_only)
                return {"ok": True, **(method(self, context, data) or {})}
            except Exception as error:  # every failure becomes a reply, never a crash
                return error_reply(error)
        return handler
    return decorate
