"""Authoring scenarios in the browser: a draft that may be wrong, published only when valid.

Trainees always play the last published definition. Every edit (a node, the settings, or
the whole file as text) goes to the draft, which is validated on every save with the same
rules as an imported file; publishing copies a valid draft over the definition.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from courses.models import Course, Module
from lms.audit import record_event
from lms.errors import ConflictError, ValidationError
from lms.extensions import db
from quizzes import bank
from quizzes.authoring import citation_problems
from quizzes.convert import apply_scenario
from quizzes.filecheck import FileError
from quizzes.models import ScenarioActivity
from quizzes.plays import sync_scenario_item
from quizzes.scenario import editor
from quizzes.scenario.fileformat import dump_scenario, parse_scenario_file
from quizzes.scenario.model import Node, Scenario
from quizzes.scenario.texts import markdown_texts
from quizzes.scenario.validate import validate_scenario
from quizzes.scenarios_index import index_scenario_citations
from quizzes.slugs import is_slug


@dataclass(frozen=True)
class Draft:
    """The scenario being edited: its text, what it parses to, every problem found."""

    text: str
    scenario: Scenario | None
    errors: tuple[FileError, ...]
    is_unpublished: bool

    @property
    def error_nodes(self) -> set[str]:
        """Return the ids of the nodes named in the errors."""
        if self.scenario is None:
            return set()
        return {node.id for node in self.scenario.nodes
                for error in self.errors if f"'{node.id}'" in error.message}


def check(activity: ScenarioActivity, text: str) -> tuple[Scenario | None, tuple[FileError, ...]]:
    """Parse and validate a scenario text for this activity's course; list every problem."""
    path = f"scenarios/{activity.slug}.yaml"
    scenario, errors = parse_scenario_file(text, path)
    if scenario is None:
        return None, errors
    found = list(validate_scenario(scenario, known_questions=_known(activity.course_id),
                                   path=path))
    if scenario.slug != activity.slug:
        found.append(FileError(path, scenario.line_of("slug"),
                               f"Kịch bản: slug phải giữ là '{activity.slug}'"))
    if _module(activity.course_id, scenario.module) is None:
        found.append(FileError(path, scenario.line_of("module"),
                               f"Kịch bản: không có chương '{scenario.module}' trong khóa học"))
    for item in markdown_texts(scenario):
        found += [FileError(path, item.line, f"{item.label}: {message}")
                  for message in citation_problems([(path, item.text)])]
    return scenario, tuple(sorted(set(found)))


def _known(course_id: int) -> set[str]:
    """Return the slugs of the course's bank questions."""
    return {slug for slugs in bank.questions_by_category(course_id).values() for slug in slugs}


def _module(course_id: int, slug: str) -> Module | None:
    """Return the module of a course with ``slug``."""
    return db.session.scalar(sa.select(Module).where(Module.course_id == course_id,
                                                     Module.slug == slug))


def draft_of(activity: ScenarioActivity) -> Draft:
    """Return the draft being edited (the published definition when there is none)."""
    text = activity.draft if activity.draft is not None else activity.definition
    scenario, errors = check(activity, text)
    return Draft(text, scenario, errors, activity.draft is not None
                 and activity.draft != activity.definition)


def save_text(activity: ScenarioActivity, text: str, *, actor) -> Draft:
    """Keep ``text`` as the draft (even with errors, so no work is lost); commit."""
    if len(text) > 500_000:
        raise ValidationError(_l("The scenario is too long."))
    activity.draft = text.replace("\r\n", "\n")
    db.session.commit()
    return draft_of(activity)


def _editable(activity: ScenarioActivity) -> Scenario:
    """Return the draft as a scenario; refuse node edits while its text does not parse."""
    draft = draft_of(activity)
    if draft.scenario is None:
        raise ConflictError(_l("Fix the scenario text first: it cannot be read."))
    return draft.scenario


def save_node(activity: ScenarioActivity, original_id: str | None, node: Node, *,
              actor) -> Draft:
    """Put an edited node into the draft (renaming updates what pointed at it); commit."""
    scenario = _editable(activity)
    taken = {n.id for n in scenario.nodes if n.id != original_id}
    if node.id in taken:
        raise ValidationError(_l("Another node already has this id."))
    return save_text(activity, dump_scenario(editor.replace_node(scenario, original_id, node)),
                     actor=actor)


def delete_node(activity: ScenarioActivity, node_id: str, *, actor) -> Draft:
    """Remove a node from the draft; commit."""
    return save_text(activity, dump_scenario(editor.delete_node(_editable(activity), node_id)),
                     actor=actor)


def save_settings(activity: ScenarioActivity, *, actor, **settings) -> Draft:
    """Change the draft's settings (title, module, scoring, variables ...); commit."""
    return save_text(activity, dump_scenario(replace(_editable(activity), **settings)),
                     actor=actor)


def publish(activity: ScenarioActivity, *, actor) -> None:
    """Make a valid draft the definition trainees play; commit. Refuse it with errors."""
    draft = draft_of(activity)
    if draft.errors or draft.scenario is None:
        raise ValidationError(_l("The scenario has problems; fix them before publishing."),
                              errors=[str(e) for e in draft.errors])
    module = _module(activity.course_id, draft.scenario.module)
    apply_scenario(activity, draft.scenario, draft.text, module_id=module.id)
    activity.draft = None
    db.session.flush()
    index_scenario_citations(activity, draft.scenario)
    sync_scenario_item(activity)
    record_event("scenario.published", actor=actor, target=activity, version=activity.version)
    db.session.commit()


def discard_draft(activity: ScenarioActivity) -> None:
    """Throw the draft away and go back to the published definition; commit."""
    activity.draft = None
    db.session.commit()


def set_visible(activity: ScenarioActivity, visible: bool, *, actor) -> None:
    """Show or hide the scenario to trainees; commit."""
    activity.is_published = visible
    record_event("scenario.visibility", actor=actor, target=activity, visible=visible)
    db.session.commit()


def create(course: Course, *, slug: str, title: str, module: str, actor) -> ScenarioActivity:
    """Create a hidden scenario from a small valid starter; commit."""
    if not is_slug(slug):
        raise ValidationError(_l("The slug may use only lowercase letters without accents, "
                                 "digits and hyphens."))
    if db.session.scalar(sa.select(ScenarioActivity.id).where(
            ScenarioActivity.course_id == course.id, ScenarioActivity.slug == slug)):
        raise ValidationError(_l("Another scenario of this course already has this slug."))
    target = _module(course.id, module)
    if target is None:
        raise ValidationError(_l("Choose a module of this course."))
    scenario = editor.starter(slug, title.strip() or slug, module)
    activity = ScenarioActivity(course_id=course.id, is_published=False)
    apply_scenario(activity, scenario, dump_scenario(scenario), module_id=target.id)
    db.session.add(activity)
    db.session.flush()
    index_scenario_citations(activity, scenario)
    record_event("scenario.created", actor=actor, target=activity)
    db.session.commit()
    return activity
