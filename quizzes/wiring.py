"""Plug quizzes into the app: blueprints, registries, template helpers, CLI, job, demo."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from courses.activities import register_activity_provider
from courses.citing import register_citing_provider
from courses.content_parts import register_content_part
from lms.demo import register_demo_seeder
from lms.home import HomePanel, NavItem, register_home_panel, register_nav_item
from quizzes import (
    catalog, completion, content, demo, jobs, labels, views_bank, views_play, views_quiz_admin,
    views_scenario_admin, views_take, views_teach,
)
from quizzes import models  # noqa: F401  (tables must be known to create_all/migrate)
from quizzes.cli import quizzes_cli
from quizzes.gradebook import models as gradebook_models  # noqa: F401
from quizzes.gradebook import views as gradebook_views
from quizzes.qtypes import TYPE_LABELS
from quizzes.render import markdown

BLUEPRINTS = (views_take.bp, views_play.bp, views_teach.bp, views_bank.bp,
              views_quiz_admin.bp, views_scenario_admin.bp, gradebook_views.bp)


def init_app(app: Flask) -> None:
    """Register everything quizzes adds to the app."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    register_content_part(app, content.CONTENT_PART)
    register_activity_provider(app, catalog.module_activities, tally=completion.course_tally)
    register_citing_provider(app, catalog.citing_items)
    register_nav_item(app, NavItem("quizzes.my_activities", _l("Quizzes and scenarios"),
                                   ("trainee",), order=30))
    register_nav_item(app, NavItem("teach.index", _l("Quizzes and scenarios"),
                                   ("lecturer", "admin"), order=40))
    register_home_panel(app, HomePanel("quizzes-teach", ("lecturer", "admin"),
                                       "teach/_home_panel.html", catalog.teaching_panel,
                                       order=40))
    register_home_panel(app, HomePanel("quizzes-study", ("trainee",),
                                       "quizzes/_home_panel.html", catalog.study_panel,
                                       order=40))
    register_demo_seeder(app, demo.seed_demo_attempts, order=80)
    app.jinja_env.globals.update(labels.template_globals(), quiz_markdown=markdown,
                                 TYPE_LABELS=TYPE_LABELS)
    app.config.setdefault("QUIZ_GRACE_SECONDS", 10)
    app.config.setdefault("QUIZ_JOB_INTERVAL_SECONDS", jobs.INTERVAL_SECONDS)
    app.cli.add_command(quizzes_cli)
    jobs.init_app(app)
