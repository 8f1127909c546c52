"""Courses: catalog, enrolment, lessons and progress, authoring, content import, legal library."""


def init_app(app) -> None:
    """Register the courses blueprints, CLI commands, home panels, nav items and providers."""
    # Imported here: feature packages are wired only when an app is created, so that
    # importing a pure core such as courses.citations stays free of Flask views.
    from courses import lesson_views, participant_views  # noqa: F401  (routes on shared bps)
    from courses import models  # noqa: F401  (tables must be known to create_all/migrate)
    from courses import panels
    from courses.authoring_views import bp as authoring_bp
    from courses.citing import register_citing_provider
    from courses.cli import content_cli
    from courses.library import citing_lessons
    from courses.library_views import bp as library_bp
    from courses.views import bp as courses_bp

    app.register_blueprint(courses_bp)
    app.register_blueprint(library_bp)
    app.register_blueprint(authoring_bp)
    app.cli.add_command(content_cli)
    register_citing_provider(app, citing_lessons)
    panels.register(app)
