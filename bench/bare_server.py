"""The baseline: a bare Flask-SocketIO broadcast server (gevent), no auth, no database.

Every client joins one room; a "chat_send" is re-emitted to the room as "chat_message" with
the same payload shape the LMS sends. Started by bench/live_room.py with gunicorn.
"""
from flask import Flask
from flask_socketio import SocketIO, emit, join_room

app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent")


@socketio.on("join", namespace="/live")
def join(data):
    """Join the one room; reply like the LMS does (a small snapshot)."""
    join_room("room")
    return {"ok": True}


@socketio.on("chat_send", namespace="/live")
def chat_send(data):
    """Send the message to everyone in the room."""
    message = {"id": 1, "body": data["body"], "author": {"id": 1, "name": "Giảng viên",
                                                        "role": "lead"},
               "at": "2026-01-01T00:00:00.000Z", "group": None, "deleted": False, "cid": None}
    emit("chat_message", message, to="room")
    return {"ok": True, "message": message}
