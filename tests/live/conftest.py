"""Fixtures for the live classroom: a course with a lecturer and trainees, socket clients."""
from __future__ import annotations

import contextvars
from pathlib import Path

import pytest

from courses.models import Article, Law
from lms.extensions import db, socketio
from quizzes.bankfile import parse_bank_file
from tests import factories
from tests.conftest import make_app

NS = "/live"
SAMPLES = Path(__file__).parent / "samples"
LESSON_MD = """Mở đầu: vì sao phải đối thoại.

## Đối thoại định kỳ

Ít nhất một năm một lần.

## Đối thoại khi có yêu cầu

Khi một bên yêu cầu.
"""


class LiveClient:
    """A signed-in person's Socket.IO test client on ``/live`` (events run isolated)."""

    def __init__(self, app, user, *, headers=None, login=True):
        self.app, self.user = app, user
        self.http = app.test_client()
        if login:
            response = self.http.post("/login", data={"email": user.email,
                                                      "password": factories.PASSWORD})
            assert response.status_code == 302, "login failed"
        self.sio = contextvars.Context().run(
            socketio.test_client, app, namespace=NS, flask_test_client=self.http,
            headers=headers)

    @property
    def connected(self) -> bool:
        """Return True while the socket is connected."""
        return self.sio.is_connected(NS)

    def emit(self, event, data=None):
        """Send an event and return the server's acknowledgement."""
        args = () if data is None else (data,)
        ack = contextvars.Context().run(self.sio.emit, event, *args, namespace=NS,
                                        callback=True)
        db.session.expire_all()
        return ack

    def join(self, live_session, **extra):
        """Join a session's room; return the snapshot reply."""
        return self.emit("join", {"session": live_session.id, **extra})

    def received(self) -> list[tuple[str, object]]:
        """Return (event, payload) pairs received since the last call."""
        if not self.connected:
            return []
        return [(item["name"], item["args"][0] if item["args"] else None)
                for item in self.sio.get_received(NS)]

    def events(self, name: str) -> list:
        """Return the payloads of one event received since the last call (drains all)."""
        return [payload for event, payload in self.received() if event == name]

    def reconnect(self) -> None:
        """Open the socket again with the same sign-in (as the browser does after a drop)."""
        contextvars.Context().run(self.sio.connect, namespace=NS)
        db.session.expire_all()
        assert self.connected

    def disconnect(self) -> None:
        """Close the socket."""
        contextvars.Context().run(self.sio.disconnect, NS)
        db.session.expire_all()


@pytest.fixture
def classroom(app):
    """A published course with a lecturer, three enrolled trainees and a live session."""
    units = factories.gen_tree()
    lecturer = factories.gen_user(role="lecturer", full_name="Giảng viên Đức")
    trainees = [factories.gen_user(full_name=name, unit=unit) for name, unit in (
        ("Nguyễn Văn An", units["gr_a"]), ("Hoàng Thị Mai", units["gr_a"]),
        ("Lý Thị Hân", units["gr_b"]))]
    outsider = factories.gen_user(full_name="Người ngoài")
    course = course_with(lecturers=[lecturer], trainees=trainees, slug="khoa-live")
    lesson = factories.gen_lesson(course, title="Đối thoại tại nơi làm việc", body_md=LESSON_MD)
    live_session = factories.gen_live_session(course, state="live")
    gen_live_content(course)
    gen_labour_code()
    return {"course": course, "lecturer": lecturer, "trainees": trainees, "lesson": lesson,
            "outsider": outsider, "session": live_session, "units": units}


def gen_live_content(course) -> None:
    """Put the sample bank questions and scenario (tests/live/samples) into the course."""
    for path in sorted((SAMPLES / "questions").glob("*.yaml")):
        bank = parse_bank_file(path.read_text("utf-8"), path.name)
        assert not bank.errors, bank.errors
        for question in bank.questions:
            row = factories.gen_question(
                course, slug=question.slug, type=question.type, category=bank.category,
                text=question.text, data=question.data, citations=question.citations,
                feedback=question.feedback)
            row.title = question.title
    db.session.commit()
    for path in sorted((SAMPLES / "scenarios").glob("*.yaml")):
        factories.gen_scenario(course, path.read_text("utf-8"))


def course_with(*, lecturers=(), trainees=(), **options):
    """Create a published course without lessons, its lecturers and enrolled trainees."""
    course = factories.gen_course(lecturers=lecturers, lessons_per_module=0, **options)
    for trainee in trainees:
        factories.gen_enrolment(course, trainee)
    return course


def gen_labour_code() -> Law:
    """Create the Labour Code with its Article 97 in the legal registry."""
    law = Law(code="BLLĐ-2019", number="45/2019/QH14", title="Bộ luật Lao động",
              short_title="BLLĐ 2019", kind="code")
    db.session.add(law)
    db.session.flush()
    db.session.add(Article(law_id=law.id, number="97", sort_key="0097",
                           title="Kỳ hạn trả lương",
                           summary="Trả lương chậm từ 15 ngày trở lên phải trả thêm tiền lãi."))
    db.session.commit()
    return law


@pytest.fixture
def connect(app):
    """Connect a person's socket client (signed in through the login form)."""
    clients = []

    def make(user, **kwargs):
        client = LiveClient(app, user, **kwargs)
        clients.append(client)
        return client
    yield make
    for client in clients:
        if client.connected:
            client.disconnect()


@pytest.fixture
def limited_app(tmp_path):
    """An app whose live events are rate-limited (the flood tests)."""
    # Lecturers' catch-all limit is lowered so the flood tests stay quick.
    app = make_app(tmp_path, LIVE_RATELIMIT_ENABLED=True,
                   LIVE_RATE_LIMITS={"*": ("30 per 10 seconds", "12 per 10 seconds")})
    with app.app_context():
        yield app
        app.extensions["lms_live"].limiter.reset()
        db.session.remove()
