"""Health checks answer without signing in."""
import sqlalchemy as sa

from lms.extensions import db


def test_liveness_needs_no_database(client):
    response = client.get("/healthz/live")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_readiness_checks_the_database(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200 and response.json["database"] == "ok"


def test_readiness_reports_a_broken_database(app, client, monkeypatch):
    def broken(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("down"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz/ready")
    assert response.status_code == 503 and response.json["database"] == "unavailable"
