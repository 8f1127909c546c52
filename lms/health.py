"""Health checks for load balancers and monitoring: liveness and readiness."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, jsonify

from lms.extensions import db

bp = Blueprint("health", __name__, url_prefix="/healthz")


@bp.route("/live")
def live():
    """Say the process answers (no database access: cheap enough to poll every second)."""
    return jsonify(status="ok")


@bp.route("/ready")
def ready():
    """Say whether the app can serve: the database answers a trivial query."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")
