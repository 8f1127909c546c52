"""Forms for signing in, changing the password and choosing the language."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from lms.i18n import LANGUAGE_NAMES


class LoginForm(FlaskForm):
    """Email and password."""

    email = StringField(_l("Email"), validators=[
        DataRequired(_l("Enter your email.")), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter your password.")), Length(max=128)])
    next = HiddenField()


class PasswordForm(FlaskForm):
    """Current password and the new one, twice."""

    current = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Enter your current password."))])
    new = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Enter a new password.")), Length(max=128)])
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        DataRequired(_l("Repeat the new password.")),
        EqualTo("new", _l("The two new passwords do not match."))])


class LanguageForm(FlaskForm):
    """The interface language."""

    lang = SelectField(_l("Language"), choices=[SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()])
    next = HiddenField()
