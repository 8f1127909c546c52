"""Enrolment rules and progress: self-enrol, staff and unit enrolment, completion, resume."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from courses import enrolment, progress
from courses.models import Enrolment, Lesson, LessonProgress
from lms.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from tests import factories


def _lessons(course):
    return progress.published_lessons(course)


def test_trainee_self_enrols_in_an_open_published_course(app):
    course = factories.gen_course()
    trainee = factories.gen_user()
    row = enrolment.self_enrol(course, trainee)
    assert row.method == "self"
    with pytest.raises(ConflictError):
        enrolment.self_enrol(course, trainee)


@pytest.mark.parametrize("status, mode, role, error", [
    ("draft", "open", "trainee", PermissionDenied),
    ("archived", "open", "trainee", PermissionDenied),
    ("published", "managed", "trainee", PermissionDenied),
    ("published", "open", "lecturer", PermissionDenied),
    ("published", "open", "manager", PermissionDenied),
])
def test_self_enrolment_is_refused(app, status, mode, role, error):
    course = factories.gen_course(status=status, enrolment=mode)
    with pytest.raises(error):
        enrolment.self_enrol(course, factories.gen_user(role=role))


def test_prerequisites_must_be_completed_first(app):
    first = factories.gen_course(title="Khóa nền tảng")
    second = factories.gen_course()
    second.prerequisites = [first]
    db.session.commit()
    trainee = factories.gen_user()
    with pytest.raises(ValidationError) as caught:
        enrolment.self_enrol(second, trainee)
    assert "Khóa nền tảng" in str(caught.value.message)
    factories.gen_enrolment(first, trainee)
    for lesson in _lessons(first):
        progress.complete_lesson(trainee, lesson)
    assert progress.completed_at(first, trainee) is not None
    assert enrolment.self_enrol(second, trainee).method == "self"


def test_lecturer_enrols_chosen_trainees_only(app):
    lecturer = factories.gen_user(role="lecturer")
    course = factories.gen_course(lecturers=[lecturer])
    a, b = factories.gen_user(), factories.gen_user()
    result = enrolment.enrol_users(course, [a.id, b.id], actor=lecturer)
    assert (result.added, result.already) == (2, 0)
    assert enrolment.enrol_users(course, [a.id], actor=lecturer).already == 1
    with pytest.raises(ValidationError):
        enrolment.enrol_users(course, [factories.gen_user(role="manager").id], actor=lecturer)
    with pytest.raises(ValidationError):
        enrolment.enrol_users(course, [factories.gen_user(active=False).id], actor=lecturer)
    with pytest.raises(PermissionDenied):
        enrolment.enrol_users(course, [a.id], actor=factories.gen_user(role="lecturer"))


def test_manager_enrols_a_unit_subtree_only_inside_their_area(app):
    tree = factories.gen_tree()
    course = factories.gen_course()
    inside = [factories.gen_user(unit=tree["gr_a"]), factories.gen_user(unit=tree["up_a"])]
    factories.gen_user(unit=tree["gr_a"], role="lecturer")
    factories.gen_user(unit=tree["gr_a"], active=False)
    outside = factories.gen_user(unit=tree["gr_b"])
    manager = factories.gen_user(role="manager", unit=tree["up_a"])
    result = enrolment.enrol_unit(course, tree["up_a"].id, actor=manager)
    assert result.added == 2
    enrolled = set(db.session.scalars(sa.select(Enrolment.user_id)))
    assert enrolled == {u.id for u in inside} and outside.id not in enrolled
    with pytest.raises(PermissionDenied):
        enrolment.enrol_unit(course, tree["gr_b"].id, actor=manager)
    with pytest.raises(PermissionDenied):
        enrolment.enrol_unit(course, tree["fed"].id, actor=manager)
    admin = factories.gen_user(role="admin")
    assert enrolment.enrol_unit(course, tree["fed"].id, actor=admin).added == 1
    with pytest.raises(NotFoundError):
        enrolment.enrol_unit(course, 9999, actor=admin)


def test_managers_only_see_and_remove_participants_of_their_area(app):
    tree = factories.gen_tree()
    course = factories.gen_course()
    mine, other = factories.gen_user(unit=tree["gr_a"]), factories.gen_user(unit=tree["gr_b"])
    factories.gen_enrolment(course, mine)
    factories.gen_enrolment(course, other)
    manager = factories.gen_user(role="manager", unit=tree["up_a"])
    assert [e.user_id for e in enrolment.participants(course, actor=manager)] == [mine.id]
    with pytest.raises(PermissionDenied):
        enrolment.unenrol(course, other.id, actor=manager)
    enrolment.unenrol(course, mine.id, actor=manager)
    assert enrolment.get_enrolment(course, mine) is None


def test_trainees_leave_only_courses_they_joined_themselves(app):
    course = factories.gen_course()
    joined, placed = factories.gen_user(), factories.gen_user()
    enrolment.self_enrol(course, joined)
    factories.gen_enrolment(course, placed)
    enrolment.unenrol(course, joined.id, actor=joined)
    with pytest.raises(PermissionDenied):
        enrolment.unenrol(course, placed.id, actor=placed)


def test_progress_completion_and_resume(app):
    course = factories.gen_course(modules=2, lessons_per_module=2)
    trainee = factories.gen_user()
    factories.gen_enrolment(course, trainee)
    lessons = _lessons(course)
    state = progress.course_progress(course, trainee)
    assert (state.done, state.total, state.percent, state.resume) == (0, 4, 0, lessons[0])
    progress.record_opening(trainee, lessons[2])
    assert progress.course_progress(course, trainee).resume == lessons[2]
    progress.complete_lesson(trainee, lessons[2])
    state = progress.course_progress(course, trainee)
    assert (state.done, state.percent, state.resume) == (1, 25, lessons[3])
    for lesson in lessons:
        progress.complete_lesson(trainee, lesson)
    state = progress.course_progress(course, trainee)
    assert (state.done, state.percent, state.resume) == (4, 100, None)
    done_at = progress.completed_at(course, trainee)
    assert done_at is not None
    # Completion is a record: adding a lesson later does not take it back.
    db.session.add(Lesson(course_id=course.id, module_id=lessons[0].module_id, slug="moi",
                          title="Mới", status="published", position=9, minutes=5))
    db.session.commit()
    progress.complete_lesson(trainee, lessons[0])
    assert progress.completed_at(course, trainee) == done_at


def test_draft_lessons_do_not_count(app):
    course = factories.gen_course(lessons_per_module=3)
    lessons = _lessons(course)
    lessons[1].status = "draft"
    db.session.commit()
    trainee = factories.gen_user()
    assert progress.course_progress(course, trainee).total == 2


def test_sequential_courses_lock_later_lessons(app):
    course = factories.gen_course(sequential=True, lessons_per_module=3)
    trainee = factories.gen_user()
    first, second, third = _lessons(course)
    assert [progress.is_lesson_locked(course, x, trainee) for x in (first, second, third)] == [
        False, True, True]
    progress.complete_lesson(trainee, first)
    assert [progress.is_lesson_locked(course, x, trainee) for x in (first, second, third)] == [
        False, False, True]
    outline = progress.course_outline(course, trainee)
    assert [s.is_locked for s in outline[0].lessons] == [False, False, True]


def test_reading_time_is_capped_by_the_time_that_passed(app):
    course = factories.gen_course()
    trainee = factories.gen_user()
    lesson = _lessons(course)[0]
    progress.record_opening(trainee, lesson)
    row = db.session.scalar(sa.select(LessonProgress))
    row.last_seen_at -= timedelta(seconds=60)
    db.session.commit()
    assert progress.record_time(trainee, lesson, 50) == 50
    assert progress.record_time(trainee, lesson, 3600) <= 6  # only ~0 s passed since
    row = db.session.scalar(sa.select(LessonProgress))
    row.last_seen_at -= timedelta(hours=2)
    db.session.commit()
    assert progress.record_time(trainee, lesson, 5000) == progress.MAX_SECONDS_PER_REPORT
    assert progress.record_time(trainee, lesson, -10) == 0
