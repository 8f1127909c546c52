"""Room names and the one way server code pushes events to clients (sockets and HTTP alike).

With ``REDIS_URL`` set, ``socketio.emit`` goes through the Redis message queue, so an event
sent by one process reaches clients of every process; nothing here keeps room state.
"""
from __future__ import annotations

from flask import current_app

from lms.extensions import socketio

NAMESPACE = "/live"


def room(session_id: int) -> str:
    """Return the room of everyone in a live session."""
    return f"live:{session_id}"


def staff_room(session_id: int) -> str:
    """Return the room of a session's lecturers (hand queue, live results, calls)."""
    return f"live:{session_id}:staff"


def member_room(session_id: int, user_id: int) -> str:
    """Return the room of one person's sockets in one session (all their tabs)."""
    return f"live:{session_id}:u:{user_id}"


def group_room(session_id: int, group_id: int) -> str:
    """Return the room of one breakout group."""
    return f"live:{session_id}:g:{group_id}"


def user_room(user_id: int) -> str:
    """Return the room of every socket of a person, across sessions (for revocation)."""
    return f"user:{user_id}"


def emit(event: str, data: dict, *, to: str) -> None:
    """Send an event to a room of the live namespace."""
    socketio.emit(event, data, to=to, namespace=NAMESPACE)


def emit_many(event: str, by_user: dict, *, session_id: int) -> None:
    """Send each person their own payload (``{user id: payload}``)."""
    for user_id, payload in by_user.items():
        emit(event, payload, to=member_room(session_id, user_id))


def session_state(session_id: int, state: str) -> None:
    """Tell a room that its session opened or ended (sent from the HTTP views too)."""
    emit("session_state", {"session": session_id, "state": state}, to=room(session_id))


def enter_room(sids: list[str], name: str) -> None:
    """Put sockets into a room, in this process or (through the queue) in another."""
    for sid in sids:
        socketio.server.enter_room(sid, name, namespace=NAMESPACE)


def close_room(name: str) -> None:
    """Empty a room everywhere."""
    socketio.close_room(name, namespace=NAMESPACE)


def disconnect_sids(sids: list[str]) -> None:
    """Disconnect sockets by id, in this process or (through the queue) in another."""
    for sid in sids:
        socketio.server.disconnect(sid, namespace=NAMESPACE)


def local_sids() -> list[str]:
    """Return the ids of the live-namespace sockets this process serves."""
    manager = socketio.server.manager
    return [sid for sid, _eio in manager.get_participants(NAMESPACE, None)]


def background_jobs_enabled() -> bool:
    """Return True when timers and heartbeats run (off in tests and CLI commands)."""
    return bool(current_app.config.get("BACKGROUND_JOBS"))
