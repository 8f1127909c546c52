"""Views for signing in and out, changing the password and switching the language."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import (Blueprint, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from lms.accounts import services
from lms.auth.forms import LanguageForm, LoginForm, PasswordForm
from lms.errors import ValidationError
from lms.extensions import db, limiter

bp = Blueprint("auth", __name__)

# Endpoints a user who must change the password may still open.
_ALLOWED_BEFORE_CHANGE = {"auth.change_password", "auth.logout", "auth.set_language", "static"}


def _safe_next(target: str | None) -> str | None:
    """Return ``target`` if it is a local path (no open redirects), else None."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _login_limit() -> str:
    """Return the configured login rate limit."""
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Show the sign-in form; on success start a fresh session."""
    if current_user.is_authenticated:
        return redirect(url_for("home.dashboard"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data,
                                     ip=request.remote_addr)
        if user is not None:
            lang = session.get("lang")
            session.clear()  # a new session on login: no fixation
            if lang and not user.locale:
                session["lang"] = lang
            login_user(user)
            return redirect(_safe_next(form.next.data) or url_for("home.dashboard"))
        flash(_("Wrong email or password, or the account is deactivated."), "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """End the session on the server and in the browser."""
    services.revoke_sessions(current_user)
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password; the session is renewed, other sessions end."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, current=form.current.data,
                                     new=form.new.data, ip=request.remote_addr)
        except ValidationError as error:
            for problem in error.errors or [error.message]:
                flash(str(problem), "danger")
        else:
            user = current_user._get_current_object()
            session.clear()
            login_user(user)
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("home.dashboard"))
    return render_template("auth/password.html", form=form)


@bp.route("/language", methods=["POST"])
def set_language():
    """Switch the interface language for this session (and the account, if signed in)."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
            db.session.commit()
    return redirect(_safe_next(form.next.data) or url_for("home.index"))


@bp.before_app_request
def require_password_change():
    """Send a user with a temporary password to the change form before anything else."""
    # The endpoint is checked first so static files never load the user or touch the session.
    if request.endpoint in _ALLOWED_BEFORE_CHANGE:
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        flash(_("Please choose your own password before continuing."), "warning")
        return redirect(url_for("auth.change_password"))
    return None
