"""Forms of the course pages, enrolment and authoring (Flask-WTF: every POST has CSRF)."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from flask_wtf.file import FileField, FileRequired
from markupsafe import Markup
from wtforms import (BooleanField, HiddenField, IntegerField, SelectField, SelectMultipleField,
                     StringField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from courses.labels import ENROLMENT_LABELS, TOPIC_LABELS
from lms.errors import ConflictError, ValidationError
from lms.labels import CADRE_TYPE_LABELS, POSITION_LABELS, choices

# Errors a person can fix are shown on the page; views do not catch PermissionDenied and
# NotFoundError, which lms.errors turns into 403 and 404 pages.
USER_ERRORS = (ValidationError, ConflictError)


def optional_int(value):
    """Turn '' into None and digits into an int, for optional select fields."""
    if value in (None, "", "None"):
        return None
    return int(value)


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes for a multiple choice (easier on phones than a multi-select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ActionForm(FlaskForm):
    """A CSRF-protected button, optionally carrying one value (a status, a direction)."""

    value = HiddenField()


class ActionButtons:
    """ActionForm as the ``action_button`` macro reads it, for pages that only show buttons.

    The lesson page shows one button posting elsewhere; building a WTForms form (fields,
    translations, widgets) for it cost a tenth of the page. ``csrf_token`` renders exactly
    what ActionForm's CSRF field renders, and nothing when CSRF is off, as ActionForm.
    """

    @property
    def csrf_token(self) -> Markup:
        """Return the hidden CSRF input of an ActionForm."""
        # ActionForm has no ``csrf_token`` attribute when CSRF is off or the field is renamed:
        # the macro then renders nothing, and so does this.
        config = current_app.config
        if not config.get("WTF_CSRF_ENABLED", True) \
                or config.get("WTF_CSRF_FIELD_NAME", "csrf_token") != "csrf_token":
            return Markup("")
        return Markup('<input id="csrf_token" name="csrf_token" type="hidden" value="%s">') \
            % generate_csrf()


class CourseForm(FlaskForm):
    """A course's settings; lecturers are chosen only by admins."""

    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter the course title.")),
                                                 Length(max=200)])
    slug = StringField(_l("Short name in addresses (a-z, 0-9, hyphens; empty: from the title)"),
                       validators=[Optional(), Length(max=80)])
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=2000)])
    topic = SelectField(_l("Topic"), choices=choices(TOPIC_LABELS))
    cadre_types = MultiCheckboxField(_l("For cadre types (none ticked: everyone)"),
                                     choices=choices(CADRE_TYPE_LABELS))
    positions = MultiCheckboxField(_l("For positions (none ticked: everyone)"),
                                   choices=choices(POSITION_LABELS))
    enrolment = SelectField(_l("Enrolment"), choices=choices(ENROLMENT_LABELS))
    is_sequential = BooleanField(_l("Sequential: a lesson opens when the previous one is "
                                    "completed"))
    prerequisites = MultiCheckboxField(_l("Courses to complete first"), coerce=int,
                                       validate_choice=False)
    lecturers = MultiCheckboxField(_l("Lecturers"), coerce=int, validate_choice=False)


class ModuleForm(FlaskForm):
    """A module's title and one-line summary."""

    title = StringField(_l("Module title"), validators=[
        DataRequired(_l("Enter the module title.")), Length(max=200)])
    summary = StringField(_l("Summary (one sentence)"), validators=[Optional(),
                                                                    Length(max=500)])


class NewLessonForm(FlaskForm):
    """The title of a new lesson and its module."""

    module_id = HiddenField(validators=[DataRequired()])
    title = StringField(_l("New lesson title"), validators=[
        DataRequired(_l("Enter the lesson title.")), Length(max=200)])


class LessonForm(FlaskForm):
    """The lesson editor."""

    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter the lesson title.")),
                                                 Length(max=200)])
    summary = TextAreaField(_l("Summary: what the lesson helps the learner do"),
                            validators=[Optional(), Length(max=1000)])
    minutes = IntegerField(_l("Estimated minutes"), default=10, validators=[
        DataRequired(_l("Enter the estimated minutes.")),
        NumberRange(min=1, max=240, message=_l("Between 1 and 240 minutes."))])
    module_id = SelectField(_l("Module"), coerce=optional_int, validate_choice=False)
    body = TextAreaField(_l("Lesson text (Markdown)"), validators=[Length(max=200_000)])
    law_change_note = TextAreaField(_l("Law change note (needed when citing replaced law)"),
                                    validators=[Optional(), Length(max=4000)])
    note = StringField(_l("What changed (for the history)"), validators=[Optional(),
                                                                          Length(max=200)])


class HandbookForm(FlaskForm):
    """The one-page printable handbook of a course."""

    title = StringField(_l("Handbook title (empty: no handbook)"), validators=[
        Optional(), Length(max=200)])
    summary = StringField(_l("Summary"), validators=[Optional(), Length(max=500)])
    body = TextAreaField(_l("Handbook text (Markdown)"), validators=[Length(max=100_000)])


class AttachmentForm(FlaskForm):
    """An uploaded file for the course, optionally tied to a lesson."""

    file = FileField(_l("File (PDF, image or office document, at most 20 MB)"),
                     validators=[FileRequired(_l("Choose a file."))])
    lesson_id = SelectField(_l("Lesson"), coerce=optional_int, validate_choice=False)


class EnrolUsersForm(FlaskForm):
    """Trainees chosen from a search, to enrol."""

    user_ids = MultiCheckboxField(_l("Trainees"), coerce=int, validate_choice=False)


class EnrolUnitForm(FlaskForm):
    """A union unit whose trainees (sub-units included) are all enrolled."""

    unit_id = SelectField(_l("Union unit (its sub-units included)"), coerce=optional_int,
                          validate_choice=False,
                          validators=[DataRequired(_l("Choose a union unit."))])
