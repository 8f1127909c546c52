"""Domain errors raised by services, and the one place that turns them into responses."""
from __future__ import annotations

from flask import jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from lms.extensions import db


class DomainError(Exception):
    """A rule of the domain refused the action; ``message`` is shown to the person."""

    status = 400

    def __init__(self, message=None, *, errors=None):
        super().__init__(str(message or ""))
        self.message = message or _l("The request could not be completed.")
        self.errors = list(errors or [])


class ValidationError(DomainError):
    """Input that breaks a rule; ``errors`` lists each problem (row, field, message)."""

    status = 400


class NotFoundError(DomainError):
    """The thing asked for does not exist (or is not visible to this person)."""

    status = 404


class PermissionDenied(DomainError):
    """The person may not do this."""

    status = 403


class ConflictError(DomainError):
    """The action clashes with the current state (already done, closed, replayed)."""

    status = 409


def _wants_json() -> bool:
    """Return True when the client asked for JSON (fetch/XHR calls)."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.is_json or best == "application/json"


def _error_response(status: int, message):
    """Render an error page or a JSON error body in the person's language."""
    if _wants_json():
        return jsonify(error=str(message), status=status), status
    return render_template("errors/error.html", status=status, message=message), status


def register_error_handlers(app) -> None:
    """Install handlers for domain errors and HTTP errors (403/404/500 ...)."""
    messages = {
        400: _l("The request was not valid."),
        403: _l("You do not have permission to open this page."),
        404: _l("The page you asked for does not exist."),
        405: _l("This action is not allowed here."),
        409: _l("This was already done or has changed in the meantime."),
        413: _l("The file is too large."),
        429: _l("Too many attempts. Please wait a moment and try again."),
        500: _l("Something went wrong on our side. Please try again."),
    }

    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        return _error_response(error.status, error.message)

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        code = error.code or 500
        return _error_response(code, messages.get(code, error.description))

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        app.logger.exception("Unhandled error: %s", error)
        db.session.rollback()
        return _error_response(500, messages[500])
