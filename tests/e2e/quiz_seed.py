"""Give a live e2e server's database the course content when the demo seed did not.

Until the courses importer is part of ``flask demo seed``, this loads the laws, courses,
questions, quizzes and scenarios of ``content/`` (as the importer would), enrols every demo
trainee, and runs the quizzes demo seeder. Run with the server's environment.
"""
import sys
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lms import create_app  # noqa: E402
from lms.extensions import db  # noqa: E402
from lms.models import User  # noqa: E402
from quizzes.demo import seed_demo_attempts  # noqa: E402
from quizzes.models import Quiz  # noqa: E402
from tests import factories  # noqa: E402


def main() -> None:
    """Load the content unless the demo data already has quizzes."""
    app = create_app({"BACKGROUND_JOBS": False})
    with app.app_context():
        if db.session.scalar(sa.select(sa.func.count()).select_from(Quiz)):
            print("content already loaded")
            return
        lecturers = list(db.session.scalars(sa.select(User).where(
            User.email == "lecturer@example.com")))
        trainees = list(db.session.scalars(sa.select(User).where(User.role == "trainee")))
        factories.gen_content(ROOT / "content", lecturers=lecturers, trainees=trainees)
        print(seed_demo_attempts())


if __name__ == "__main__":
    main()
