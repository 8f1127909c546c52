"""Forms for scheduling live sessions (times are entered in Vietnam's local time)."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField, IntegerField, SelectField, SelectMultipleField, StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from lms.live.sessions import SessionData

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def _optional_int(value):
    """Turn '' into None and digits into an int, for optional select fields."""
    if value in (None, "", "None"):
        return None
    return int(value)


def to_utc(value: datetime) -> datetime:
    """Read a local (Asia/Ho_Chi_Minh) wall-clock time as an aware UTC datetime."""
    return value.replace(tzinfo=LOCAL).astimezone(timezone.utc)


def to_local(value: datetime) -> datetime:
    """Return an aware datetime as a naive local wall-clock time for the form."""
    return value.astimezone(LOCAL).replace(tzinfo=None)


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as check boxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SessionForm(FlaskForm):
    """A live session's details."""

    title = StringField(_l("Title"), validators=[
        DataRequired(_l("Give the session a title.")), Length(max=200)])
    starts_at = DateTimeLocalField(_l("Starts"), format="%Y-%m-%dT%H:%M", validators=[
        DataRequired(_l("Enter when the session starts."))])
    ends_at = DateTimeLocalField(_l("Ends"), format="%Y-%m-%dT%H:%M", validators=[
        DataRequired(_l("Enter when the session ends."))])
    module_id = SelectField(_l("Module"), coerce=_optional_int, validate_choice=False)
    lecturer_ids = MultiCheckboxField(_l("Lecturers"), coerce=int, validate_choice=False)
    external_url = StringField(_l("Audio/video link (BigBlueButton, Jitsi...)"),
                               validators=[Optional(), Length(max=500)])
    attendance_percent = IntegerField(_l("Present if in the room for at least (%)"),
                                      default=75, validators=[
        DataRequired(_l("Enter the attendance rule.")),
        NumberRange(min=1, max=100, message=_l("Enter a percentage from 1 to 100."))])
    description = TextAreaField(_l("What the session is about"),
                                validators=[Optional(), Length(max=4000)])

    def set_choices(self, course) -> None:
        """Offer the course's modules and lecturers."""
        self.module_id.choices = [("", "—")] + [(m.id, m.title) for m in course.modules]
        self.lecturer_ids.choices = [(u.id, u.full_name) for u in course.lecturers]

    def to_data(self) -> SessionData:
        """Return the form as the service's input (times in UTC)."""
        return SessionData(
            title=self.title.data or "", starts_at=to_utc(self.starts_at.data),
            ends_at=to_utc(self.ends_at.data), description=self.description.data or "",
            external_url=(self.external_url.data or "").strip(),
            module_id=self.module_id.data, lecturer_ids=tuple(self.lecturer_ids.data or ()),
            attendance_percent=self.attendance_percent.data)

    def fill(self, live_session) -> None:
        """Put a session's values into the form."""
        self.title.data, self.description.data = live_session.title, live_session.description
        self.starts_at.data = to_local(live_session.starts_at)
        self.ends_at.data = to_local(live_session.ends_at)
        self.module_id.data, self.external_url.data = (live_session.module_id,
                                                       live_session.external_url)
        self.lecturer_ids.data = [u.id for u in live_session.lecturers]
        self.attendance_percent.data = live_session.attendance_percent


class ConfirmForm(FlaskForm):
    """An empty form: a CSRF-protected button."""
