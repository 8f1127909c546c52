"""What the scenario pages show: the current step, and the path a trainee took."""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from markupsafe import Markup

from lms.extensions import db
from quizzes import pages, plays
from quizzes.attempt_rules import sub_seed
from quizzes.convert import scenario_of
from quizzes.models import ScenarioActivity, ScenarioPlay, ScenarioStep
from quizzes.render import CitedArticle, cited_articles, markdown
from quizzes.scenario import engine


@dataclass
class ScenarioInfo:
    """A trainee's runs of a scenario."""

    runs: list[ScenarioPlay]
    current: ScenarioPlay | None
    best: float | None


def scenario_info(activity: ScenarioActivity, user) -> ScenarioInfo:
    """Return the user's runs of a scenario, newest first."""
    runs = list(db.session.scalars(sa.select(ScenarioPlay).where(
        ScenarioPlay.scenario_id == activity.id, ScenarioPlay.user_id == user.id)
        .order_by(ScenarioPlay.number.desc())))
    current = next((run for run in runs if run.state == "in_progress"), None)
    percents = [run.percent for run in runs if run.state == "finished" and run.percent is not None]
    return ScenarioInfo(runs, current, max(percents) if percents else None)


@dataclass
class StepPage:
    """The current step of a run as shown."""

    view: engine.NodeView
    step: int
    text_html: Markup
    feedback: ScenarioStep | None = None
    feedback_html: Markup | None = None
    question: pages.QuestionView | None = None
    decisions_made: int = 0


def step_page(run: ScenarioPlay, *, feedback_step: int | None = None) -> StepPage:
    """Build the page of a run's current step; the choice just made shows its feedback."""
    scenario, state = plays.load(run)
    view = engine.view(scenario, state)
    page = StepPage(view=view, step=len(state.history), text_html=markdown(view.text),
                    decisions_made=sum(1 for s in state.history if s.choice_id is not None))
    if feedback_step is not None:
        recorded = db.session.get(ScenarioStep, feedback_step)
        if recorded is not None and recorded.play_id == run.id and recorded.undone_at is None:
            page.feedback = recorded
            page.feedback_html = markdown(recorded.feedback_md)
    if view.kind == "check":
        question = plays.check_question(run.scenario, view.question)
        page.question = pages.check_view(question, seed=sub_seed(run.id, view.node_id))
    return page


@dataclass
class PathStep:
    """One recorded step on the path review."""

    record: ScenarioStep
    title: str
    prompt: str
    feedback_html: Markup


@dataclass
class PathReview:
    """A run's path: its steps, where it ended, the result and the articles cited."""

    steps: list[PathStep] = field(default_factory=list)
    end_title: str = ""
    end_html: Markup = Markup("")
    articles: list[CitedArticle] = field(default_factory=list)
    variables: dict = field(default_factory=dict)


def path_review(run: ScenarioPlay) -> PathReview:
    """Return the review of a run: every step (undone ones marked) with feedback and law."""
    scenario = scenario_of(run.scenario)  # a changed scenario still shows what is recorded
    review = PathReview(variables=dict((run.engine_state or {}).get("variables", {})))
    texts = []
    for record in run.steps:
        node = scenario.node(record.node_id)
        title = (node.title if node else "") or ""
        prompt = (node.prompt if node else "") or ""
        review.steps.append(PathStep(record, title, prompt, markdown(record.feedback_md)))
        texts += [record.feedback_md, node.text if node else ""]
    end = scenario.node(run.end_node) if run.state == "finished" and run.end_node else None
    if end is not None:
        review.end_title, review.end_html = end.title, markdown(end.text)
        texts.append(end.text)
    review.articles = cited_articles(*texts)
    return review
