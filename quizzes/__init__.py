"""Quizzes: question bank and types, quizzes and attempts, branching scenarios, GIFT, grades."""


def init_app(app) -> None:
    """Register the quizzes blueprints, registries, CLI commands and background job."""
    # Imported here: feature packages are wired only when an app is created, so importing a
    # pure core such as quizzes.qtypes stays free of Flask and the database.
    from quizzes import wiring

    wiring.init_app(app)
