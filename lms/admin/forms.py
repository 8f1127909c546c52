"""Forms for editing accounts and union units and for CSV imports."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from lms.labels import (CADRE_TYPE_LABELS, POSITION_LABELS, ROLE_LABELS, SECTOR_LABELS,
                        UNIT_KIND_LABELS, choices)


def _coerce_optional_int(value):
    """Turn '' into None and digits into an int, for optional select fields."""
    if value in (None, "", "None"):
        return None
    return int(value)


class UserForm(FlaskForm):
    """An account's details; the password only when creating one."""

    full_name = StringField(_l("Full name"), validators=[
        DataRequired(_l("Enter the full name.")), Length(max=120)])
    email = StringField(_l("Email"), validators=[
        DataRequired(_l("Enter the email.")), Length(max=254)])
    role = SelectField(_l("Role"), choices=choices(ROLE_LABELS))
    unit_id = SelectField(_l("Union unit"), coerce=_coerce_optional_int, validate_choice=False)
    position = SelectField(_l("Position"), choices=choices(POSITION_LABELS, blank="—"))
    cadre_type = SelectField(_l("Cadre type"), choices=choices(CADRE_TYPE_LABELS, blank="—"))
    password = PasswordField(_l("Password"), validators=[Optional(), Length(max=128)])


class UnitForm(FlaskForm):
    """A union unit's details."""

    code = StringField(_l("Code"), validators=[DataRequired(_l("Enter the code.")),
                                                Length(max=40)])
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the name.")),
                                                Length(max=200)])
    kind = SelectField(_l("Level"), choices=choices(UNIT_KIND_LABELS))
    parent_id = SelectField(_l("Parent unit"), coerce=_coerce_optional_int,
                            validate_choice=False)
    sector = SelectField(_l("Sector"), choices=choices(SECTOR_LABELS, blank="—"))
    member_count = IntegerField(_l("Members"), default=0, validators=[
        Optional(), NumberRange(min=0, message=_l("The member count cannot be negative."))])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])


class ImportForm(FlaskForm):
    """A CSV upload, checked only or written."""

    file = FileField(_l("CSV file (UTF-8)"), validators=[
        FileRequired(_l("Choose a CSV file.")),
        FileAllowed(["csv", "txt"], _l("Only .csv files can be imported."))])
    dry_run = BooleanField(_l("Check only, do not write anything"))


class ConfirmForm(FlaskForm):
    """An empty form: a CSRF-protected button."""
