"""What the live classroom adds to other pages: home panels, a menu link, module activities."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Flask, url_for
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from courses.activities import ActivityLink, register_activity_provider
from lms.extensions import db
from lms.home import HomePanel, NavItem, register_home_panel, register_nav_item
from lms.live import access, record, sessions
from lms.live.models import LiveSession

STATE_LABELS = {"scheduled": _l("Scheduled"), "live": _l("Live now"), "ended": _l("Ended")}


def _upcoming(user) -> dict | None:
    """Return the home panel's sessions for ``user`` (no panel when none is coming)."""
    upcoming = sessions.upcoming_for_user(user, limit=5)
    return {"sessions": upcoming} if upcoming else None


def module_activities(module, user) -> list[ActivityLink]:
    """List a module's live sessions; done means present under the session's rule."""
    links = []
    for live_session in db.session.scalars(sa.select(LiveSession).where(
            LiveSession.module_id == module.id).order_by(LiveSession.starts_at)):
        if not access.can_view(user, live_session):
            continue
        done = live_session.state == "ended" and record.was_present(live_session, user.id)
        detail = f"{format_datetime(live_session.starts_at, 'short')} · " \
                 f"{STATE_LABELS[live_session.state]}"
        links.append(ActivityLink(
            kind="live", title=live_session.title, is_completed=done,
            url=url_for("live.session_page", session_id=live_session.id),
            counts_for_progress=False, detail=detail))
    return links


def register(app: Flask) -> None:
    """Add the home panels, the menu link and the module activity provider."""
    register_home_panel(app, HomePanel("live-upcoming", ("trainee", "lecturer", "admin"),
                                       "live/_home_panel.html", _upcoming, order=15))
    register_nav_item(app, NavItem("live.index", _l("Live classes"),
                                   ("trainee", "lecturer", "admin"), order=40))
    register_activity_provider(app, module_activities)
    app.jinja_env.globals["LIVE_STATE_LABELS"] = STATE_LABELS
