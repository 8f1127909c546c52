"""Quiz and scenario rows to and from the pure specs the files and the engine use."""
from __future__ import annotations

from functools import lru_cache

from quizzes.models import Quiz, ScenarioActivity
from quizzes.quizfile import (
    REVIEW_MOMENTS, QuestionRef, QuizSpec, RandomRef, ReviewOptions,
)
from quizzes.scenario.fileformat import parse_scenario_file
from quizzes.scenario.model import Scenario


def review_of(quiz: Quiz) -> ReviewOptions:
    """Return the quiz's review options (defaults for moments not stored)."""
    stored = quiz.review or {}
    return ReviewOptions(**{moment: tuple(stored[moment]) for moment in REVIEW_MOMENTS
                            if moment in stored})


def review_data(review: ReviewOptions) -> dict:
    """Return review options as stored JSON."""
    return {moment: list(getattr(review, moment)) for moment in REVIEW_MOMENTS}


def refs_of(quiz: Quiz) -> tuple[QuestionRef | RandomRef, ...]:
    """Return the quiz's question references."""
    refs = []
    for item in quiz.questions or ():
        if "random" in item:
            refs.append(RandomRef(item["random"], int(item.get("count", 1))))
        else:
            refs.append(QuestionRef(item["slug"], item.get("points")))
    return tuple(refs)


def refs_data(refs) -> list[dict]:
    """Return question references as stored JSON."""
    data = []
    for ref in refs:
        if isinstance(ref, RandomRef):
            data.append({"random": ref.category, "count": ref.count})
        elif ref.points is None:
            data.append({"slug": ref.slug})
        else:
            data.append({"slug": ref.slug, "points": ref.points})
    return data


def module_slug(activity) -> str:
    """Return the slug of an activity's module (the course's first when it lost its own)."""
    if activity.module is not None:
        return activity.module.slug
    modules = activity.course.modules
    return modules[0].slug if modules else ""


def quiz_spec_of(quiz: Quiz) -> QuizSpec:
    """Return the quiz as the file format describes it."""
    return QuizSpec(
        slug=quiz.slug, title=quiz.title, module=module_slug(quiz), intro=quiz.intro_md,
        time_limit_minutes=quiz.time_limit_minutes, opens_at=quiz.opens_at,
        closes_at=quiz.closes_at, attempts_allowed=quiz.attempts_allowed,
        grading_method=quiz.grading_method, pass_mark=quiz.pass_mark,
        shuffle_questions=quiz.shuffle_questions, shuffle_options=quiz.shuffle_options,
        overdue_policy=quiz.overdue_policy, review=review_of(quiz), questions=refs_of(quiz))


def apply_quiz_spec(quiz: Quiz, spec: QuizSpec, *, module_id: int) -> None:
    """Copy a quiz spec's settings and questions into a row."""
    quiz.slug = spec.slug
    quiz.title = spec.title
    quiz.module_id = module_id
    quiz.intro_md = spec.intro
    quiz.time_limit_minutes = spec.time_limit_minutes
    quiz.opens_at = spec.opens_at
    quiz.closes_at = spec.closes_at
    quiz.attempts_allowed = spec.attempts_allowed
    quiz.grading_method = spec.grading_method
    quiz.pass_mark = spec.pass_mark
    quiz.shuffle_questions = spec.shuffle_questions
    quiz.shuffle_options = spec.shuffle_options
    quiz.overdue_policy = spec.overdue_policy
    quiz.review = review_data(spec.review)
    quiz.questions = refs_data(spec.questions)


@lru_cache(maxsize=256)
def _parse_definition(text: str) -> Scenario:
    """Parse a stored (always valid) scenario definition; cached by its text."""
    scenario, errors = parse_scenario_file(text, "scenario")
    if scenario is None:
        raise ValueError("stored scenario does not parse: " + "; ".join(map(str, errors)))
    return scenario


def scenario_of(activity: ScenarioActivity) -> Scenario:
    """Return the scenario trainees play."""
    return _parse_definition(activity.definition)


def apply_scenario(activity: ScenarioActivity, scenario: Scenario, text: str, *,
                   module_id: int) -> bool:
    """Make ``text`` (which parses to ``scenario``) the played definition; bump the version."""
    changed = activity.definition != text
    activity.slug = scenario.slug
    activity.title = scenario.title
    activity.module_id = module_id
    activity.summary_md = scenario.summary
    activity.scoring = scenario.scoring
    activity.pass_mark = scenario.pass_mark
    if changed and activity.definition is not None:
        activity.version = (activity.version or 1) + 1
    activity.definition = text
    return changed
