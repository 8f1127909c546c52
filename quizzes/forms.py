"""Flask-WTF forms of the quizzes pages (CSRF on every form)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField, DecimalField, HiddenField, IntegerField, SelectField, StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change something."""


class QuestionForm(FlaskForm):
    """The fields every question has; the type's rows are read by ``quizzes.editor``."""

    slug = StringField(_l("Slug (identifier)"), validators=[Optional(), Length(max=80)])
    title = StringField(_l("Short title"), validators=[Optional(), Length(max=200)])
    category = StringField(_l("Category"), validators=[
        DataRequired(_l("Enter a category.")), Length(max=200)])
    points = StringField(_l("Marks"), default="1", validators=[Length(max=20)])
    tags = StringField(_l("Tags (separated by commas)"), validators=[Length(max=500)])
    citations = StringField(_l("Articles tested, e.g. BLLĐ-2019:97.4 (separated by commas)"),
                            validators=[Length(max=500)])
    text = TextAreaField(_l("Question text (Markdown)"), validators=[
        DataRequired(_l("Enter the question text.")), Length(max=20000)])
    feedback = TextAreaField(_l("General feedback (Markdown, shown after answering)"),
                             validators=[Optional(), Length(max=20000)])


class QuizForm(FlaskForm):
    """Quiz settings; the question list and the review matrix are read from the page."""

    slug = StringField(_l("Slug (identifier)"), validators=[
        DataRequired(_l("Enter a slug.")), Length(max=80)])
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter a title.")),
                                                 Length(max=200)])
    module = SelectField(_l("Module"), validate_choice=False)
    intro = TextAreaField(_l("Introduction (Markdown)"), validators=[Length(max=20000)])
    time_limit_minutes = IntegerField(_l("Time limit in minutes (0: none)"), default=0,
                                      validators=[InputRequired(), NumberRange(0, 1440)])
    opens_at = StringField(_l("Opens at (optional)"), validators=[Optional()])
    closes_at = StringField(_l("Closes at (optional)"), validators=[Optional()])
    attempts_allowed = IntegerField(_l("Attempts allowed (0: unlimited)"), default=0,
                                    validators=[InputRequired(), NumberRange(0, 100)])
    grading_method = SelectField(_l("Grade from"), choices=[
        SelectChoice("highest", _l("highest attempt")), SelectChoice("last", _l("last attempt")),
        SelectChoice("average", _l("average of attempts"))])
    pass_mark = DecimalField(_l("Pass mark (%)"), default=50, places=None,
                             validators=[InputRequired(), NumberRange(0, 100)])
    shuffle_questions = BooleanField(_l("Shuffle the questions"))
    shuffle_options = BooleanField(_l("Shuffle the options"), default=True)
    overdue_policy = SelectField(_l("When time runs out with no browser connected"), choices=[
        SelectChoice("autosubmit", _l("submit the saved answers")),
        SelectChoice("discard", _l("close without a grade"))])
    is_published = BooleanField(_l("Visible to trainees"), default=True)


class GiftUploadForm(FlaskForm):
    """A GIFT file to preview."""

    file = FileField(_l("GIFT file (.gift or .txt, UTF-8)"),
                     validators=[FileRequired(_l("Choose a file."))])
    category = StringField(_l("Category for questions without $CATEGORY"),
                           default="Nhập từ GIFT", validators=[Length(max=200)])


class GiftConfirmForm(FlaskForm):
    """The previewed GIFT text, sent back to import it."""

    text = HiddenField()
    category = HiddenField()


class GradeForm(FlaskForm):
    """A lecturer's mark and comment on an essay."""

    mark = DecimalField(_l("Mark"), places=None, validators=[InputRequired(_l("Enter a mark."))])
    comment = TextAreaField(_l("Comment for the trainee"), validators=[Length(max=5000)])


class ScenarioCreateForm(FlaskForm):
    """A new scenario: slug, title, module."""

    slug = StringField(_l("Slug (identifier)"), validators=[
        DataRequired(_l("Enter a slug.")), Length(max=80)])
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter a title.")),
                                                 Length(max=200)])
    module = SelectField(_l("Module"), validate_choice=False)


class ScenarioSettingsForm(FlaskForm):
    """The settings of a scenario (its draft)."""

    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter a title.")),
                                                 Length(max=200)])
    module = SelectField(_l("Module"), validate_choice=False)
    summary = TextAreaField(_l("Summary (Markdown)"), validators=[Length(max=5000)])
    scoring = SelectField(_l("Scoring"), choices=[
        SelectChoice("path_sum", _l("sum of the scores along the path")),
        SelectChoice("end_score", _l("score of the end reached")),
        SelectChoice("none", _l("not scored"))])
    pass_mark = IntegerField(_l("Pass mark (% of the best score)"), default=60,
                             validators=[InputRequired(), NumberRange(0, 100)])
    allow_back = BooleanField(_l("Trainees may go back to the previous decision"))
    resume = BooleanField(_l("Trainees continue where they left off"), default=True)
    variables = StringField(_l("Variables and starting values, e.g. trust=0, legal_risk=0"),
                            validators=[Length(max=500)])
    start = SelectField(_l("Start node"), validate_choice=False)


class ScenarioTextForm(FlaskForm):
    """The whole scenario file as text."""

    text = TextAreaField(_l("Scenario file (YAML)"), validators=[
        DataRequired(_l("The scenario text is empty."))])
