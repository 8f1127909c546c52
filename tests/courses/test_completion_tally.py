"""courses.completion: providers with a per-course tally are asked once, not module by module."""
import pytest
from flask import current_app

from courses.activities import ActivityLink, register_activity_provider
from courses.completion import note_completion
from courses.models import Enrolment
from lms.extensions import db
from tests import factories


@pytest.fixture
def enrolled(app):
    course = factories.gen_course(lessons_per_module=0, modules=2)
    trainee = factories.gen_user()
    factories.gen_enrolment(course, trainee)
    return course, trainee


def _completed(course, trainee) -> bool:
    enrolment = db.session.scalar(db.select(Enrolment).where(
        Enrolment.course_id == course.id, Enrolment.user_id == trainee.id))
    return enrolment.completed_at is not None


def _register(*, tally_answer):
    """Register a provider whose links would block completion, with a tally that decides."""
    asked = {"links": 0, "tally": 0}

    def links(module, user):
        asked["links"] += 1
        return [ActivityLink("fake", "Hoạt động", "/x", False)]

    def tally(course_id, user_id):
        asked["tally"] += 1
        return tally_answer
    register_activity_provider(current_app, links, tally=tally)
    return asked


@pytest.mark.parametrize("tally_answer, completed", [(2, True), (None, False), (0, False)])
def test_the_tally_decides_for_its_provider(enrolled, tally_answer, completed):
    course, trainee = enrolled
    asked = _register(tally_answer=tally_answer)
    note_completion(course.id, trainee.id)
    db.session.commit()
    assert _completed(course, trainee) is completed
    assert asked == {"links": 0, "tally": 1}  # never asked module by module


def test_providers_without_a_tally_are_asked_per_module(enrolled):
    course, trainee = enrolled
    seen = []

    def links(module, user):
        seen.append(module.id)
        return [ActivityLink("fake", "Hoạt động", "/x", True)]
    register_activity_provider(current_app, links)
    note_completion(course.id, trainee.id)
    db.session.commit()
    assert len(seen) == 2 and _completed(course, trainee)
