"""Attempt lifecycle: start, idempotent saves, deadline on every save, submit, overdue job."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from courses.models import Enrolment
from lms.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from lms.models import AuditLog
from lms.timeutil import utcnow
from quizzes import attempts, grading
from quizzes.attempts import AttemptClosed, ReplayedSave
from quizzes.gradebook.models import Grade, GradeItem
from quizzes.models import QuizAttempt
from tests import factories


@pytest.fixture
def setup(app):
    lecturer = factories.gen_user(role="lecturer")
    trainee = factories.gen_user()
    course = factories.gen_quiz_course(lecturers=[lecturer])
    factories.gen_enrolment(course, trainee)
    single = factories.gen_question(course, slug="mot", type="single_choice", points=2)
    tf = factories.gen_question(course, slug="hai", type="true_false")
    num = factories.gen_question(course, slug="ba", type="numerical")
    quiz = factories.gen_quiz(course, [single, tf, num], time_limit_minutes=10)
    return {"course": course, "quiz": quiz, "trainee": trainee, "lecturer": lecturer}


def answer(position, value):
    return {str(position): {f"q{position}": [value]}}


def slot_of(attempt, slug):
    return next(s for s in attempt.slots if s.question_slug == slug)


def test_start_snapshots_questions_and_stores_the_deadline(setup):
    now = utcnow()
    attempt = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=now)
    assert attempt.state == "in_progress" and attempt.number == 1
    assert attempt.deadline == now + timedelta(minutes=10)
    assert [s.question_slug for s in attempt.slots] == ["mot", "hai", "ba"]
    assert attempt.max_mark == 4 and slot_of(attempt, "mot").snapshot["data"]["options"]
    again = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=now)
    assert again.id == attempt.id


def test_a_trainee_not_enrolled_cannot_start(setup):
    outsider = factories.gen_user()
    with pytest.raises(PermissionDenied):
        attempts.start_attempt(setup["quiz"].id, user=outsider, now=utcnow())


def test_saves_are_idempotent_by_sequence_number(setup):
    now = utcnow()
    attempt = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=now)
    result = attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=1,
                                     slots=answer(1, "1"), now=now)
    assert result.saved_positions == (1,) and not result.problems
    slot = slot_of(attempt, "mot")
    assert slot.response == {"choice": 1} and slot.grade_state == "correct"
    with pytest.raises(ReplayedSave) as replay:
        attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=1,
                                slots=answer(1, "0"), now=now)
    assert replay.value.last_seq == 1
    db.session.expire_all()
    assert slot_of(db.session.get(QuizAttempt, attempt.id), "mot").response == {"choice": 1}
    attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=3,
                            slots=answer(1, "0"), now=now)
    with pytest.raises(ReplayedSave):  # an older save overtaken by a newer one
        attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=2,
                                slots=answer(1, "1"), now=now)
    db.session.expire_all()
    stored = db.session.get(QuizAttempt, attempt.id)
    assert stored.last_seq == 3 and slot_of(stored, "mot").response == {"choice": 0}


@pytest.mark.parametrize("slots", [
    {"9": {"q9": ["1"]}},                 # a question not in the attempt
    {"abc": {"qabc": ["1"]}},
    {"1": ["not", "a", "mapping"]},
])
def test_a_forged_question_is_refused_and_nothing_changes(setup, slots):
    attempt = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=utcnow())
    with pytest.raises(ValidationError):
        attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=1,
                                slots={**answer(1, "1"), **slots}, now=utcnow())
    db.session.expire_all()
    stored = db.session.get(QuizAttempt, attempt.id)
    assert stored.last_seq == 0 and slot_of(stored, "mot").response is None


def test_a_bad_answer_is_reported_and_the_others_are_saved(setup):
    attempt = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=utcnow())
    result = attempts.save_responses(
        attempt.id, user_id=setup["trainee"].id, seq=1,
        slots={**answer(1, "7"), **answer(2, "true"), **answer(3, "mười hai")}, now=utcnow())
    assert result.saved_positions == (2,)
    assert "không tồn tại" in result.problems[1] and "số" in result.problems[3]


def test_another_users_attempt_looks_missing(setup):
    attempt = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=utcnow())
    other = factories.gen_user()
    with pytest.raises(NotFoundError):
        attempts.save_responses(attempt.id, user_id=other.id, seq=1, slots=answer(1, "1"),
                                now=utcnow())
    with pytest.raises(NotFoundError):
        attempts.submit_attempt(attempt.id, user_id=other.id, now=utcnow())


@pytest.mark.parametrize("policy, state, percent", [("autosubmit", "submitted", 50.0),
                                                    ("discard", "abandoned", None)])
def test_a_save_after_the_deadline_is_refused_and_finishes_the_attempt(setup, policy, state,
                                                                       percent):
    setup["quiz"].overdue_policy = policy
    db.session.commit()
    start = utcnow() - timedelta(minutes=11)
    attempt = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=start)
    attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=1,
                            slots=answer(1, "1"), now=start + timedelta(minutes=1))
    with pytest.raises(AttemptClosed):
        attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=2,
                                slots=answer(2, "true"), now=utcnow())
    db.session.expire_all()
    stored = db.session.get(QuizAttempt, attempt.id)
    assert (stored.state, stored.percent, stored.finished_by) == (state, percent, "timer")
    assert slot_of(stored, "hai").response is None


def test_an_answer_within_the_grace_period_is_accepted(setup):
    start = utcnow() - timedelta(minutes=10, seconds=5)
    attempt = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=start)
    attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=1,
                            slots=answer(2, "true"), now=utcnow())
    assert slot_of(attempt, "hai").grade_state == "correct"


def test_submit_grades_the_attempt_and_writes_the_gradebook(setup):
    now = utcnow()
    attempt = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=now)
    attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=1,
                            slots={**answer(1, "1"), **answer(3, "12,9")}, now=now)
    attempts.submit_attempt(attempt.id, user_id=setup["trainee"].id, now=now,
                            slots=answer(2, "false"))
    db.session.expire_all()
    stored = db.session.get(QuizAttempt, attempt.id)
    assert (stored.state, stored.mark, stored.max_mark, stored.percent) == (
        "submitted", 3.0, 4.0, 75.0)
    grade = db.session.scalar(sa.select(Grade))
    assert (grade.percent, grade.passed, grade.user_id) == (75.0, True, setup["trainee"].id)
    with pytest.raises(AttemptClosed):
        attempts.submit_attempt(attempt.id, user_id=setup["trainee"].id, now=now)
    with pytest.raises(AttemptClosed):
        attempts.save_responses(attempt.id, user_id=setup["trainee"].id, seq=5,
                                slots=answer(1, "0"), now=now)


def test_submit_with_an_unreadable_answer_submits_nothing(setup):
    attempt = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=utcnow())
    with pytest.raises(ValidationError):
        attempts.submit_attempt(attempt.id, user_id=setup["trainee"].id, now=utcnow(),
                                slots=answer(3, "abc"))
    db.session.expire_all()
    assert db.session.get(QuizAttempt, attempt.id).state == "in_progress"


@pytest.mark.parametrize("policy, state", [("autosubmit", "submitted"), ("discard", "abandoned")])
def test_the_overdue_job_finishes_attempts_with_no_browser(setup, policy, state):
    setup["quiz"].overdue_policy = policy
    db.session.commit()
    late = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"],
                                  now=utcnow() - timedelta(minutes=30))
    attempts.save_responses(late.id, user_id=setup["trainee"].id, seq=1,
                            slots=answer(1, "1"), now=utcnow() - timedelta(minutes=29))
    other = factories.gen_user()
    factories.gen_enrolment(setup["course"], other)
    on_time = attempts.start_attempt(setup["quiz"].id, user=other, now=utcnow())
    assert attempts.finalise_overdue(now=utcnow()) == 1
    assert attempts.finalise_overdue(now=utcnow()) == 0
    db.session.expire_all()
    assert db.session.get(QuizAttempt, late.id).state == state
    assert db.session.get(QuizAttempt, on_time.id).state == "in_progress"
    if state == "submitted":
        assert db.session.get(QuizAttempt, late.id).percent == 50.0


def test_starting_after_an_overdue_attempt_finishes_it_first(setup):
    old = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"],
                                 now=utcnow() - timedelta(hours=1))
    new = attempts.start_attempt(setup["quiz"].id, user=setup["trainee"], now=utcnow())
    assert new.id != old.id and new.number == 2
    assert db.session.get(QuizAttempt, old.id).state == "submitted"


@pytest.mark.parametrize("settings, fragment", [
    ({"attempts_allowed": 1}, "dùng hết số lần"),
    ({"opens_at": utcnow() + timedelta(days=1)}, "chưa mở"),
    ({"closes_at": utcnow() - timedelta(days=1)}, "đã đóng"),
])
def test_start_respects_window_and_attempts_allowed(setup, settings, fragment):
    quiz = setup["quiz"]
    first = attempts.start_attempt(quiz.id, user=setup["trainee"], now=utcnow())
    attempts.submit_attempt(first.id, user_id=setup["trainee"].id, now=utcnow())
    for key, value in settings.items():
        setattr(quiz, key, value)
    db.session.commit()
    with pytest.raises(ConflictError) as error:
        attempts.start_attempt(quiz.id, user=setup["trainee"], now=utcnow())
    assert fragment in str(error.value.message)


def test_deadline_is_the_earlier_of_time_limit_and_closing(setup):
    quiz = setup["quiz"]
    quiz.closes_at = utcnow() + timedelta(minutes=3)
    db.session.commit()
    attempt = attempts.start_attempt(quiz.id, user=setup["trainee"], now=utcnow())
    assert attempt.deadline == quiz.closes_at


@pytest.mark.parametrize("method, grade", [("highest", 100.0), ("last", 50.0),
                                           ("average", 66.67)])
def test_the_quiz_grade_follows_the_grading_method(setup, method, grade):
    quiz = setup["quiz"]
    quiz.grading_method = method
    db.session.commit()
    trainee = setup["trainee"]
    for answers in ({"1": "0", "2": "true", "3": "12"}, {"1": "1", "2": "true", "3": "12.5"},
                    {"1": "1"}):
        attempt = attempts.start_attempt(quiz.id, user=trainee, now=utcnow())
        slots = {}
        for position, value in answers.items():
            slots.update(answer(int(position), value))
        attempts.submit_attempt(attempt.id, user_id=trainee.id, now=utcnow(), slots=slots)
    assert db.session.scalar(sa.select(Grade.percent)) == grade


def test_an_essay_waits_for_a_lecturer_then_counts(setup):
    course, trainee, lecturer = setup["course"], setup["trainee"], setup["lecturer"]
    essay = factories.gen_question(course, slug="tu-luan", type="essay", points=4)
    tf = factories.gen_question(course, slug="dung-sai", type="true_false")
    quiz = factories.gen_quiz(course, [tf, essay])
    attempt = attempts.start_attempt(quiz.id, user=trainee, now=utcnow())
    attempts.submit_attempt(attempt.id, user_id=trainee.id, now=utcnow(),
                            slots={**answer(1, "true"), **answer(2, "Ba bước: ...")})
    assert (attempt.needs_grading, attempt.percent) == (True, None)
    queue = grading.grading_queue(lecturer)
    assert [s.question_slug for s in queue] == ["tu-luan"]
    assert grading.grading_queue(factories.gen_user(role="lecturer")) == []
    with pytest.raises(ValidationError):
        grading.grade_response(queue[0].id, grader=lecturer, mark=5, comment="", now=utcnow())
    with pytest.raises(PermissionDenied):
        grading.grade_response(queue[0].id, grader=factories.gen_user(role="lecturer"), mark=1,
                               comment="", now=utcnow())
    grading.grade_response(queue[0].id, grader=lecturer, mark=3, comment="Thiếu bước 3",
                           now=utcnow())
    db.session.expire_all()
    stored = db.session.get(QuizAttempt, attempt.id)
    assert (stored.needs_grading, stored.mark, stored.percent) == (False, 4.0, 80.0)
    item = db.session.scalar(sa.select(GradeItem).where(GradeItem.key == f"quiz:{quiz.id}"))
    assert db.session.scalar(sa.select(Grade.percent).where(Grade.item_id == item.id)) == 80.0
    assert db.session.scalar(sa.select(AuditLog.action)) == "quiz.grade_changed"


def test_random_draws_vary_between_attempts(setup):
    course = setup["course"]
    for n in range(8):
        factories.gen_question(course, slug=f"ngau-nhien-{n}", category="Ngẫu nhiên")
    quiz = factories.gen_quiz(course, [{"random": "Ngẫu nhiên", "count": 3}])
    drawn = set()
    for _ in range(6):
        user = factories.gen_user()
        factories.gen_enrolment(course, user)
        attempt = attempts.start_attempt(quiz.id, user=user, now=utcnow())
        slugs = tuple(s.question_slug for s in attempt.slots)
        assert len(set(slugs)) == 3
        drawn.add(slugs)
    assert len(drawn) > 1


@pytest.mark.parametrize("by_timer", [False, True])
def test_passing_the_last_activity_records_the_course_as_completed(setup, by_timer):
    quiz, trainee = setup["quiz"], setup["trainee"]
    start = utcnow() - timedelta(minutes=30 if by_timer else 1)
    attempt = attempts.start_attempt(quiz.id, user=trainee, now=start)
    answers = {**answer(1, "1"), **answer(2, "true"), **answer(3, "12,5")}
    if by_timer:  # saved in time, finished by the job with no request at all
        attempts.save_responses(attempt.id, user_id=trainee.id, seq=1, slots=answers,
                                now=start + timedelta(minutes=2))
        assert attempts.finalise_overdue(now=utcnow()) == 1
    else:
        attempts.submit_attempt(attempt.id, user_id=trainee.id, now=utcnow(), slots=answers)
    db.session.expire_all()
    enrolment = db.session.scalar(sa.select(Enrolment).where(Enrolment.user_id == trainee.id))
    assert enrolment.completed_at is not None
