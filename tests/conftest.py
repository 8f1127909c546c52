"""Shared fixtures: an app on a temporary SQLite file, clients, CLI runner, login helper."""
from __future__ import annotations

import contextvars

import pytest
from flask import has_app_context
from flask.testing import FlaskClient

from lms import create_app
from lms.extensions import db
from lms.i18n_catalogs import compile_catalogs
from tests import factories


def pytest_sessionstart(session):
    """Compile translations once, so tests see the Vietnamese UI as users do."""
    compile_catalogs()


class IsolatedClient(FlaskClient):
    """A test client whose requests run in their own app context, as in production.

    The ``app`` fixture keeps an app context open for the test body; without isolation every
    request would reuse it, sharing ``g`` (the signed-in user, the locale) between requests.
    After each request the test's session is expired so it reads what the request wrote.
    """

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            db.session.expire_all()
        return response


def make_app(tmp_path, **overrides):
    """Create an app on a fresh SQLite file with all tables."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "BACKGROUND_JOBS": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "CONTENT_DIR": str(tmp_path / "content"),
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture
def app(tmp_path):
    """The application with CSRF and rate limits off (tested on their own)."""
    app = make_app(tmp_path)
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for ``flask`` commands."""
    return app.test_cli_runner()


class AuthActions:
    """Sign in and out through the real form."""

    def __init__(self, client):
        self._client = client

    def login(self, email="trainee@example.com", password=factories.PASSWORD):
        """Post the login form."""
        return self._client.post("/login", data={"email": email, "password": password})

    def logout(self):
        """Post the logout form."""
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    """The login helper bound to ``client``."""
    return AuthActions(client)
