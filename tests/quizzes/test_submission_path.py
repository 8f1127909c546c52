"""The final submission's lean path: what it writes, and what it leaves to the general path."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from lms.extensions import db
from lms.timeutil import utcnow
from quizzes import attempts, submission
from quizzes.gradebook.models import Grade
from quizzes.models import AttemptSlot, QuizAttempt
from quizzes.review import UNANSWERED
from tests import factories


@pytest.fixture
def setup(app):
    trainee = factories.gen_user()
    course = factories.gen_quiz_course()
    factories.gen_enrolment(course, trainee)
    single = factories.gen_question(course, slug="mot", type="single_choice", points=2)
    tf = factories.gen_question(course, slug="hai", type="true_false")
    num = factories.gen_question(course, slug="ba", type="numerical")
    quiz = factories.gen_quiz(course, [single, tf, num], time_limit_minutes=10)
    attempt = attempts.start_attempt(quiz.id, user=trainee, now=utcnow())
    return {"quiz": quiz, "trainee": trainee, "attempt_id": attempt.id}


def _submit(setup, **kwargs):
    kwargs.setdefault("now", utcnow())
    return submission.submit_final(setup["attempt_id"], user_id=kwargs.pop("user_id", setup[
        "trainee"].id), grace_seconds=10, **kwargs)


def _slots(attempt_id):
    db.session.expire_all()
    return {slot.position: slot for slot in db.session.scalars(
        sa.select(AttemptSlot).where(AttemptSlot.attempt_id == attempt_id))}


def test_a_changed_answer_is_graded_and_unanswered_ones_score_zero(setup):
    attempts.save_responses(setup["attempt_id"], user_id=setup["trainee"].id, seq=1,
                            slots={"2": {"q2": ["false"]}}, now=utcnow())
    assert _submit(setup, slots={"1": {"q1": ["1"]}, "2": {"q2": ["true"]}}) is True
    slots = _slots(setup["attempt_id"])
    assert slots[1].response == {"choice": 1} and slots[1].saved_seq == 1
    assert (slots[2].response, slots[2].grade_state) == ({"value": True}, "correct")
    assert (slots[3].response, slots[3].fraction, slots[3].grade_state) == (None, 0.0,
                                                                            UNANSWERED)
    stored = db.session.get(QuizAttempt, setup["attempt_id"])
    assert (stored.state, stored.finished_by, stored.mark, stored.max_mark) == (
        "submitted", "trainee", 3.0, 4.0)
    assert db.session.scalar(sa.select(Grade.percent)) == 75.0


def test_a_stale_page_does_not_overwrite_newer_saves(setup):
    attempts.save_responses(setup["attempt_id"], user_id=setup["trainee"].id, seq=2,
                            slots={"2": {"q2": ["true"]}}, now=utcnow())
    form = _Form({"q2": ["false"], "based_on": ["1"]})
    assert _submit(setup, form=form, based_on=1) is True
    assert _slots(setup["attempt_id"])[2].response == {"value": True}


class _Form(dict):
    def getlist(self, key):
        return self[key]


@pytest.mark.parametrize("case", ["someone else", "finished", "overdue"])
def test_unusual_attempts_are_left_to_the_general_path(setup, case):
    kwargs = {}
    if case == "someone else":
        kwargs["user_id"] = factories.gen_user().id
    elif case == "finished":
        assert _submit(setup) is True
    else:
        kwargs["now"] = utcnow() + timedelta(minutes=11)
    state = db.session.get(QuizAttempt, setup["attempt_id"]).state
    assert _submit(setup, **kwargs) is None
    db.session.expire_all()
    assert db.session.get(QuizAttempt, setup["attempt_id"]).state == state


def test_losing_the_race_to_another_finish_writes_nothing(setup, monkeypatch):
    real = submission._write_slots

    def finished_meanwhile(answers, unanswered):
        real(answers, unanswered)
        db.session.connection().execute(sa.update(QuizAttempt.__table__).values(
            state="abandoned"))
    monkeypatch.setattr(submission, "_write_slots", finished_meanwhile)
    assert _submit(setup, slots={"1": {"q1": ["1"]}}) is False
    assert _slots(setup["attempt_id"])[1].response is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Grade)) == 0
