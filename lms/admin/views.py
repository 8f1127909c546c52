"""Administration of accounts (admins everywhere, managers in their subtree) and the audit log."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from lms.accounts import scope, services
from lms.accounts.units import list_units
from lms.admin.access import roles_required, unit_choices
from lms.admin.forms import ConfirmForm, ImportForm, UserForm
from lms.errors import ValidationError
from lms.extensions import db
from lms.labels import ROLE_LABELS
from lms.models import AuditLog, User, user_search_filter

bp = Blueprint("admin", __name__, url_prefix="/admin")
PAGE_SIZE = 50


def _user_form(user: User | None = None) -> UserForm:
    """Build the account form with the roles and units this actor may assign."""
    form = UserForm(obj=user)
    roles = scope.assignable_roles(current_user)
    if user is not None and user.role not in roles:
        roles = (user.role, *roles)
    form.role.choices = [SelectChoice(r, ROLE_LABELS[r]) for r in roles]
    blank = "—" if current_user.role == "admin" else None
    form.unit_id.choices = unit_choices(list_units(current_user), blank=blank)
    return form


def _user_data(form: UserForm) -> services.UserData:
    """Turn a submitted form into service input."""
    return services.UserData(email=form.email.data or "", full_name=form.full_name.data or "",
                             role=form.role.data, unit_id=form.unit_id.data,
                             position=form.position.data or None,
                             cadre_type=form.cadre_type.data or None)


def _flash_problems(error: ValidationError) -> None:
    """Show every problem of a refused change."""
    for problem in error.errors or [error.message]:
        flash(str(problem), "danger")


@bp.route("/users")
@roles_required("admin", "manager")
def users():
    """List accounts the actor may see, with search and filters."""
    query = scope.scope_users(sa.select(User), current_user)
    q = request.args.get("q", "").strip()
    role = request.args.get("role", "")
    if q:
        query = query.where(user_search_filter(q))
    if role in ROLE_LABELS:
        query = query.where(User.role == role)
    page = db.paginate(query.order_by(User.full_name), per_page=PAGE_SIZE, error_out=False)
    return render_template("admin/users.html", page=page, q=q, role=role,
                           confirm=ConfirmForm())


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required("admin", "manager")
def new_user():
    """Create an account."""
    form = _user_form()
    if form.validate_on_submit():
        try:
            user = services.create_user(_user_data(form), password=form.password.data or "",
                                        actor=current_user, ip=request.remote_addr)
        except ValidationError as error:
            _flash_problems(error)
        else:
            flash(_("Account %(email)s created.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required("admin", "manager")
def edit_user(user_id: int):
    """Edit an account's details and role."""
    user = services.get_user(user_id)
    if not scope.can_manage_user(current_user, user):
        abort(403)
    form = _user_form(user)
    if form.validate_on_submit():
        try:
            services.update_user(user.id, _user_data(form), actor=current_user,
                                 ip=request.remote_addr)
        except ValidationError as error:
            _flash_problems(error)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user,
                           confirm=ConfirmForm())


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@roles_required("admin", "manager")
def set_active(user_id: int):
    """Activate or deactivate an account."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    try:
        user = services.set_user_active(user_id, active, actor=current_user,
                                        ip=request.remote_addr)
    except ValidationError as error:
        _flash_problems(error)
    else:
        flash(_("Account %(email)s activated.", email=user.email) if active
              else _("Account %(email)s deactivated.", email=user.email), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/import", methods=["GET", "POST"])
@roles_required("admin", "manager")
def import_users():
    """Import trainees from a CSV file: everything is checked before anything is written."""
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        result = services.import_users(form.file.data.read(), actor=current_user,
                                       dry_run=form.dry_run.data, ip=request.remote_addr)
        if result.errors:
            flash(_("Nothing was imported: the file has %(n)d problem(s).",
                    n=len(result.errors)), "danger")
        elif result.written:
            flash(_("%(n)d account(s) imported.", n=len(result.rows)), "success")
        else:
            flash(_("The file is valid: %(n)d account(s) would be imported.",
                    n=len(result.rows)), "info")
    return render_template("admin/import_users.html", form=form, result=result)


@bp.route("/audit")
@roles_required("admin")
def audit():
    """Show the security audit log, newest first."""
    action = request.args.get("action", "").strip()
    query = sa.select(AuditLog).order_by(AuditLog.id.desc())
    if action:
        query = query.where(AuditLog.action == action)
    page = db.paginate(query, per_page=PAGE_SIZE, error_out=False)
    actions = db.session.scalars(sa.select(AuditLog.action).distinct().order_by(AuditLog.action))
    return render_template("admin/audit.html", page=page, action=action, actions=list(actions))
