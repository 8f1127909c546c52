"""Administration of the union-unit tree (admins everywhere, managers in their subtree)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.accounts import scope, units
from lms.admin.access import roles_required, unit_choices
from lms.admin.forms import ConfirmForm, ImportForm, UnitForm
from lms.errors import ValidationError

bp = Blueprint("admin_units", __name__, url_prefix="/admin/units")


def _unit_form(unit=None) -> UnitForm:
    """Build the unit form with the parents this actor may choose."""
    form = UnitForm(obj=unit)
    candidates = [u for u in units.list_units(current_user)
                  if unit is None or not unit.contains(u)]
    blank = "—" if current_user.role == "admin" else None
    form.parent_id.choices = unit_choices(candidates, blank=blank)
    return form


def _unit_data(form: UnitForm) -> units.UnitData:
    """Turn a submitted form into service input."""
    return units.UnitData(code=form.code.data or "", name=form.name.data or "",
                          kind=form.kind.data, parent_id=form.parent_id.data,
                          sector=form.sector.data or None,
                          member_count=form.member_count.data or 0,
                          address=form.address.data or "")


def _flash_problems(error: ValidationError) -> None:
    """Show every problem of a refused change."""
    for problem in error.errors or [error.message]:
        flash(str(problem), "danger")


@bp.route("/")
@roles_required("admin", "manager")
def index():
    """Show the unit tree the actor may see."""
    return render_template("admin/units.html", units=units.list_units(current_user),
                           confirm=ConfirmForm())


@bp.route("/new", methods=["GET", "POST"])
@roles_required("admin", "manager")
def new():
    """Create a unit."""
    form = _unit_form()
    if request.method == "GET" and request.args.get("parent", "").isdigit():
        form.parent_id.data = int(request.args["parent"])
    if form.validate_on_submit():
        try:
            unit = units.create_unit(_unit_data(form), actor=current_user,
                                     ip=request.remote_addr)
        except ValidationError as error:
            _flash_problems(error)
        else:
            flash(_("Unit %(name)s created.", name=unit.name), "success")
            return redirect(url_for("admin_units.index"))
    return render_template("admin/unit_form.html", form=form, unit=None)


@bp.route("/<int:unit_id>", methods=["GET", "POST"])
@roles_required("admin", "manager")
def edit(unit_id: int):
    """Edit a unit, including moving it under another parent."""
    unit = units.get_unit(unit_id)
    if not scope.can_manage_unit(current_user, unit):
        abort(403)
    form = _unit_form(unit)
    if form.validate_on_submit():
        try:
            units.update_unit(unit.id, _unit_data(form), actor=current_user,
                              ip=request.remote_addr)
        except ValidationError as error:
            _flash_problems(error)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("admin_units.index"))
    return render_template("admin/unit_form.html", form=form, unit=unit,
                           confirm=ConfirmForm())


@bp.route("/<int:unit_id>/delete", methods=["POST"])
@roles_required("admin", "manager")
def delete(unit_id: int):
    """Delete an empty unit."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        units.delete_unit(unit_id, actor=current_user, ip=request.remote_addr)
    except ValidationError as error:
        _flash_problems(error)
    else:
        flash(_("Unit deleted."), "success")
    return redirect(url_for("admin_units.index"))


@bp.route("/import", methods=["GET", "POST"])
@roles_required("admin", "manager")
def import_units():
    """Import units from a CSV file: everything is checked before anything is written."""
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        result = units.import_units(form.file.data.read(), actor=current_user,
                                    dry_run=form.dry_run.data, ip=request.remote_addr)
        if result.errors:
            flash(_("Nothing was imported: the file has %(n)d problem(s).",
                    n=len(result.errors)), "danger")
        elif result.written:
            flash(_("%(n)d unit(s) imported.", n=len(result.rows)), "success")
        else:
            flash(_("The file is valid: %(n)d unit(s) would be imported.",
                    n=len(result.rows)), "info")
    return render_template("admin/import_units.html", form=form, result=result)
