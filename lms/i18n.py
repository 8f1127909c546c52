"""Language and time-zone choices: Vietnamese by default, English per user or session."""
from __future__ import annotations

from datetime import datetime

from flask import Flask, current_app, g, has_request_context, session
from flask_babel import (format_date, format_datetime, get_locale, get_translations,
                         lazy_gettext)
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


def request_translations():
    """Return Flask-Babel's translations for the current context, looked up once per language.

    Flask-Babel's own template callables look the translations up again for every string
    (a dozen context lookups each, twenty strings a page). The cache lives in ``g`` and is
    tied to the locale object Flask-Babel holds, so ``force_locale``/``refresh`` still apply.
    """
    if not g:  # no app context: Flask-Babel answers with null translations
        return get_translations()
    locale = getattr(g.get("_flask_babel"), "babel_locale", None)
    cached = g.get("_lms_translations")
    if cached is not None and locale is not None and cached[0] is locale:
        return cached[1]
    translations = get_translations()  # computes the locale when not known yet
    g._lms_translations = (getattr(g.get("_flask_babel"), "babel_locale", None), translations)
    return translations


def _install_template_gettext(app: Flask) -> None:
    """Give templates the same gettext functions as Flask-Babel, through the cache above."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
    )


def init_app(app: Flask) -> None:
    """Expose formatting filters, faster gettext and the current language to templates."""
    _install_template_gettext(app)
    app.jinja_env.filters["datetime_local"] = local_datetime
    app.jinja_env.filters["date_local"] = local_date
    app.jinja_env.globals["current_language"] = lambda: str(get_locale() or "vi")
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
