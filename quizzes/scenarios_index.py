"""The index of articles each scenario cites, for article pages and weakness reports."""
from __future__ import annotations

import sqlalchemy as sa

from lms.extensions import db
from quizzes.models import ScenarioActivity, ScenarioCitation
from quizzes.render import article_ids
from quizzes.scenario.model import Scenario
from quizzes.scenario.texts import markdown_texts


def index_scenario_citations(activity: ScenarioActivity, scenario: Scenario) -> None:
    """Rebuild the articles-cited index of a scenario (in the current transaction)."""
    ids = article_ids(*(text.text for text in markdown_texts(scenario)))
    db.session.execute(sa.delete(ScenarioCitation).where(
        ScenarioCitation.scenario_id == activity.id))
    db.session.add_all(ScenarioCitation(scenario_id=activity.id, article_id=i)
                       for i in sorted(ids))
