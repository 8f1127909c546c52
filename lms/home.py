"""Home page per role, built from panels that feature packages register.

The core cannot import feature packages (import direction), so courses, quizzes and the live
classroom contribute their home panels and navigation links through these registries.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Blueprint, Flask, current_app, redirect, render_template, url_for
from flask_login import current_user, login_required

from lms.extensions import db
from lms.models import AuditLog, Unit, User

bp = Blueprint("home", __name__)


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page: shown to ``roles``, rendered by ``template``.

    ``context(user)`` returns the template's context, or None to leave the panel out for
    this user (nothing to show).
    """

    key: str
    roles: tuple[str, ...]
    template: str
    context: Callable[[User], dict]
    order: int = 50


@dataclass(frozen=True)
class NavItem:
    """A link in the top navigation, shown to ``roles``."""

    endpoint: str
    label: object
    roles: tuple[str, ...]
    order: int = 50


def register_home_panel(app: Flask, panel: HomePanel) -> None:
    """Add a panel to this app's home page."""
    app.extensions.setdefault("lms_home_panels", []).append(panel)


def register_nav_item(app: Flask, item: NavItem) -> None:
    """Add a link to this app's navigation."""
    app.extensions.setdefault("lms_nav", []).append(item)


def nav_items_for(user) -> list[NavItem]:
    """Return the navigation links ``user`` may see, in order."""
    role = getattr(user, "role", None)
    items = current_app.extensions.get("lms_nav", [])
    return sorted((i for i in items if role in i.roles), key=lambda i: i.order)


def _admin_overview(user: User) -> dict:
    """Return counts for the admin/manager overview panel."""
    users = sa.select(User.role, sa.func.count()).group_by(User.role)
    units = sa.select(Unit.kind, sa.func.count()).group_by(Unit.kind)
    if user.role == "manager" and user.unit is not None:
        users = users.join(User.unit).where(Unit.path.startswith(user.unit.path))
        units = units.where(Unit.path.startswith(user.unit.path))
    recent = []
    if user.role == "admin":
        recent = list(db.session.scalars(
            sa.select(AuditLog).order_by(AuditLog.id.desc()).limit(8)))
    return {"users_by_role": dict(db.session.execute(users).all()),
            "units_by_kind": dict(db.session.execute(units).all()),
            "recent_events": recent}


@bp.route("/")
def index():
    """Send visitors to the login form and signed-in people to their home page."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return redirect(url_for("home.dashboard"))


@bp.route("/home")
@login_required
def dashboard():
    """Show the home page for the user's role, made of the registered panels."""
    panels = [p for p in current_app.extensions.get("lms_home_panels", [])
              if current_user.role in p.roles]
    rendered = [(p, p.context(current_user)) for p in sorted(panels, key=lambda p: p.order)]
    rendered = [(panel, context) for panel, context in rendered if context is not None]
    return render_template("home/dashboard.html", panels=rendered)


def init_app(app: Flask) -> None:
    """Register the core panels and make the navigation available to templates."""
    register_home_panel(app, HomePanel("overview", ("admin", "manager"),
                                       "home/_overview.html", _admin_overview, order=10))
    app.jinja_env.globals["nav_items_for"] = nav_items_for
