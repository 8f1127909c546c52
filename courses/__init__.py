"""Courses: catalog, enrolment, lessons and progress, authoring, content import, legal library."""


def init_app(app) -> None:
    """Register the courses blueprints, CLI commands and home panels."""
    # Imported here: feature packages are wired only when an app is created, so that
    # importing a pure core such as courses.citations stays free of Flask views.
    from courses import models  # noqa: F401  (tables must be known to create_all/migrate)
