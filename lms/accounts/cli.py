"""Command line: ``flask users create|import`` and ``flask units import``."""
from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from lms.accounts import services, units
from lms.accounts.csvimport import iter_lines
from lms.errors import ValidationError
from lms.extensions import db
from lms.models import ROLES, Unit

users_cli = AppGroup("users", help="Manage accounts.")
units_cli = AppGroup("units", help="Manage union units.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", "full_name", required=True, help="Full name, e.g. 'Nguyễn Văn An'.")
@click.option("--role", type=click.Choice(ROLES), default="trainee", show_default=True)
@click.option("--unit", "unit_code", default=None, help="Code of the union unit.")
@click.option("--password", default=None, help="Prompted (hidden) when omitted.")
def create_user_command(email, full_name, role, unit_code, password):
    """Create an account; the password is asked for when not given."""
    unit_id = None
    if unit_code:
        unit = db.session.scalar(sa.select(Unit).where(Unit.code == unit_code.upper()))
        if unit is None:
            raise click.ClickException(f"Unknown unit code: {unit_code}")
        unit_id = unit.id
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    data = services.UserData(email=email, full_name=full_name, role=role, unit_id=unit_id)
    try:
        user = services.create_user(data, password=password, actor=None)
    except ValidationError as error:
        raise click.ClickException("; ".join(str(p) for p in error.errors or [error.message]))
    click.echo(f"Created {user.role} {user.email} (id {user.id}).")


@users_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file, write nothing.")
def import_users_command(csv_file: Path, dry_run: bool):
    """Import trainees from a UTF-8 CSV file: all rows or none."""
    result = services.import_users(csv_file.read_bytes(), actor=None, dry_run=dry_run)
    _report_import(result, "account(s)")
    for email, password in result.generated_passwords.items():
        click.echo(f"  {email}\ttemporary password: {password}")


@units_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file, write nothing.")
def import_units_command(csv_file: Path, dry_run: bool):
    """Import union units from a UTF-8 CSV file: all rows or none."""
    _report_import(units.import_units(csv_file.read_bytes(), actor=None, dry_run=dry_run),
                   "unit(s)")


def _report_import(result, what: str) -> None:
    """Print every bad line and fail, or say how many rows were (or would be) imported."""
    if result.errors:
        for line in iter_lines(result.errors):
            click.echo(str(line), err=True)
        raise click.ClickException(f"Nothing imported: {len(result.errors)} problem(s).")
    verb = "Imported" if result.written else "Would import"
    click.echo(f"{verb} {len(result.rows)} {what}.")
