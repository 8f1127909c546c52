"""Language and time-zone choices: Vietnamese by default, English per user or session."""
from __future__ import annotations

from datetime import datetime

from flask import Flask, current_app, has_request_context, session
from flask_babel import format_date, format_datetime, get_locale, lazy_gettext
from flask_login import current_user

lazy = lazy_gettext
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def select_locale() -> str:
    """Return the UI language: the user's choice, then the session's, then Vietnamese."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and background jobs speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in languages:
        return user_locale
    if session.get("lang") in languages:
        return session["lang"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def local_datetime(value: datetime | None, fmt: str = "short") -> str:
    """Format an aware UTC datetime in Asia/Ho_Chi_Minh for the current language."""
    return format_datetime(value, fmt) if value else ""


def local_date(value, fmt: str = "medium") -> str:
    """Format a date (or datetime) for the current language."""
    return format_date(value, fmt) if value else ""


def init_app(app: Flask) -> None:
    """Expose formatting filters and the current language to templates."""
    app.jinja_env.filters["datetime_local"] = local_datetime
    app.jinja_env.filters["date_local"] = local_date
    app.jinja_env.globals["current_language"] = lambda: str(get_locale() or "vi")
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
