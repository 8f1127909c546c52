"""Scenario runs: resume, stale steps, back, checks, every decision recorded, grades."""
from pathlib import Path

import pytest
import sqlalchemy as sa

from lms.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from lms.timeutil import utcnow
from quizzes import plays
from quizzes.gradebook.models import Grade
from quizzes.models import ScenarioPlay, ScenarioStep
from quizzes.plays import StaleStep
from tests import factories

SAMPLE = (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8")


@pytest.fixture
def world(app):
    trainee = factories.gen_user()
    course = factories.gen_quiz_course(modules=("tien-luong",))
    factories.gen_enrolment(course, trainee)
    factories.gen_question(course, slug="tra-luong-cham-lai", type="true_false")
    activity = factories.gen_scenario(course, SAMPLE)
    return {"trainee": trainee, "course": course, "activity": activity}


def state_of(play):
    db.session.expire_all()
    return db.session.get(ScenarioPlay, play.id).engine_state


def step(play):
    state = state_of(play)
    return {"node_id": state["node"], "step": len(state["history"])}


def test_a_full_run_records_every_decision_and_writes_the_grade(world):
    user = world["trainee"]
    play = plays.start_play(world["activity"].id, user=user, now=utcnow())
    plays.continue_play(play.id, user_id=user.id, now=utcnow(), **step(play))
    first = plays.choose(play.id, user_id=user.id, choice_id=0, now=utcnow(), **step(play))
    assert "Đúng hướng" in first.feedback_md and first.variables_after == {"trust": 1,
                                                                           "legal_risk": 0}
    plays.choose(play.id, user_id=user.id, choice_id=1, now=utcnow(), **step(play))
    check = plays.answer_check(play.id, user_id=user.id, fields={"q0": ["true"]},
                               now=utcnow(), **step(play))
    assert check.fraction == 1.0 and check.score_delta == 10
    db.session.expire_all()
    stored = db.session.get(ScenarioPlay, play.id)
    assert (stored.state, stored.outcome, stored.score, stored.percent, stored.passed) == (
        "finished", "success", 30, 100, True)
    assert [s.node_id for s in stored.steps] == ["chon-cach-xu-ly", "cong-ty-tra-loi",
                                                 "kiem-tra-nhanh"]
    assert db.session.scalar(sa.select(Grade.percent)) == 100


def test_reload_resumes_the_same_run_and_a_stale_step_changes_nothing(world):
    user = world["trainee"]
    play = plays.start_play(world["activity"].id, user=user, now=utcnow())
    plays.continue_play(play.id, user_id=user.id, now=utcnow(), **step(play))
    at_decision = step(play)
    plays.choose(play.id, user_id=user.id, choice_id=1, now=utcnow(), **at_decision)
    with pytest.raises(StaleStep):  # the same click again (double tap, resent form)
        plays.choose(play.id, user_id=user.id, choice_id=0, now=utcnow(), **at_decision)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ScenarioStep)) == 1
    again = plays.start_play(world["activity"].id, user=user, now=utcnow())
    assert again.id == play.id and state_of(again)["node"] == "ngung-viec"


def test_back_undoes_score_and_keeps_the_record(world):
    user = world["trainee"]
    play = plays.start_play(world["activity"].id, user=user, now=utcnow())
    plays.continue_play(play.id, user_id=user.id, now=utcnow(), **step(play))
    plays.choose(play.id, user_id=user.id, choice_id=1, now=utcnow(), **step(play))
    plays.go_back(play.id, user_id=user.id, now=utcnow(), **step(play))
    state = state_of(play)
    assert (state["node"], state["score"], state["history"]) == ("chon-cach-xu-ly", 0, [])
    record = db.session.scalar(sa.select(ScenarioStep))
    assert record.undone_at is not None and record.choice_id == 1


@pytest.mark.parametrize("choice", [5, 99, -1])
def test_a_choice_not_offered_is_refused(world, choice):
    user = world["trainee"]
    play = plays.start_play(world["activity"].id, user=user, now=utcnow())
    plays.continue_play(play.id, user_id=user.id, now=utcnow(), **step(play))
    plays.choose(play.id, user_id=user.id, choice_id=0, now=utcnow(), **step(play))
    with pytest.raises(ConflictError):
        plays.choose(play.id, user_id=user.id, choice_id=choice, now=utcnow(), **step(play))


def test_a_check_needs_an_answer(world):
    user = world["trainee"]
    play = plays.start_play(world["activity"].id, user=user, now=utcnow())
    plays.continue_play(play.id, user_id=user.id, now=utcnow(), **step(play))
    plays.choose(play.id, user_id=user.id, choice_id=0, now=utcnow(), **step(play))
    plays.choose(play.id, user_id=user.id, choice_id=0, now=utcnow(), **step(play))
    with pytest.raises(ValidationError):
        plays.answer_check(play.id, user_id=user.id, fields={}, now=utcnow(), **step(play))


def test_other_people_and_outsiders_are_refused(world):
    play = plays.start_play(world["activity"].id, user=world["trainee"], now=utcnow())
    other = factories.gen_user()
    with pytest.raises(NotFoundError):
        plays.continue_play(play.id, user_id=other.id, now=utcnow(), **step(play))
    with pytest.raises(PermissionDenied):
        plays.start_play(world["activity"].id, user=other, now=utcnow())


def test_restart_abandons_the_unfinished_run(world):
    user = world["trainee"]
    first = plays.start_play(world["activity"].id, user=user, now=utcnow())
    second = plays.start_play(world["activity"].id, user=user, now=utcnow(), restart=True)
    assert second.id != first.id and second.number == 2
    assert db.session.get(ScenarioPlay, first.id).state == "abandoned"


def test_without_resume_coming_back_starts_afresh(world):
    activity = factories.gen_scenario(
        world["course"], SAMPLE.replace("slug: cham-tra-luong-20-ngay",
                                        "slug: khong-tiep-tuc").replace("start:",
                                                                        "resume: false\nstart:"))
    user = world["trainee"]
    first = plays.start_play(activity.id, user=user, now=utcnow())
    assert plays.start_play(activity.id, user=user, now=utcnow()).id != first.id


def test_a_changed_scenario_that_no_longer_fits_asks_to_start_again(world):
    user = world["trainee"]
    play = plays.start_play(world["activity"].id, user=user, now=utcnow())
    plays.continue_play(play.id, user_id=user.id, now=utcnow(), **step(play))
    activity = world["activity"]
    activity.definition = SAMPLE.replace("chon-cach-xu-ly", "lua-chon")
    activity.version += 1
    db.session.commit()
    with pytest.raises(ConflictError):
        plays.choose(play.id, user_id=user.id, choice_id=0, now=utcnow(),
                     node_id="chon-cach-xu-ly", step=0)
    fresh = plays.start_play(activity.id, user=user, now=utcnow())
    assert fresh.id != play.id
