"""Where quizzes and scenarios appear: module activities, article pages, a trainee's list,
the quiz page summary, and the small read-side helpers of the attempt page."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _

from courses.access import can_study, can_teach, taught_course_ids
from courses.activities import ActivityLink
from courses.citing import CitingItem
from courses.models import Course, Enrolment
from lms.extensions import db
from lms.timeutil import utcnow
from quizzes import attempts, pages, plays
from quizzes.gradebook.models import Grade, GradeItem
from quizzes.gradebook.services import grades_of
from quizzes.grading import grading_queue
from quizzes.models import (
    Question, QuestionCitation, Quiz, QuizAttempt, ScenarioActivity, ScenarioCitation,
    ScenarioPlay,
)
from quizzes.labels import STATE_LABELS



@dataclass
class AttemptLine:
    """One past attempt on the quiz page."""

    attempt: QuizAttempt
    shows_marks: bool


@dataclass
class QuizSummary:
    """What the quiz page tells a trainee about their attempts."""

    lines: list[AttemptLine] = field(default_factory=list)
    current: QuizAttempt | None = None
    attempts_left: int | None = None
    grade: float | None = None
    passed: bool | None = None
    blocked: str = ""


def quiz_summary(quiz: Quiz, user, *, now: datetime) -> QuizSummary:
    """Return the trainee's attempts at a quiz and whether a new one may start."""
    rows = list(db.session.scalars(sa.select(QuizAttempt).where(
        QuizAttempt.quiz_id == quiz.id, QuizAttempt.user_id == user.id)
        .order_by(QuizAttempt.number)))
    summary = QuizSummary()
    for row in rows:
        if row.state == "in_progress":
            summary.current = row
        else:
            summary.lines.append(AttemptLine(row, "marks" in pages.review_items(row, now)))
    if quiz.attempts_allowed:
        summary.attempts_left = max(0, quiz.attempts_allowed - len(rows))
    if any(line.shows_marks for line in summary.lines):
        grade = next((g for item, g in grades_of(quiz.course_id, user.id)
                      if item.key == f"quiz:{quiz.id}"), None)
        if grade is not None:
            summary.grade, summary.passed = grade.percent, grade.passed
    summary.blocked = _blocked(quiz, summary, now)
    return summary


def _blocked(quiz: Quiz, summary: QuizSummary, now: datetime) -> str:
    """Say why a new attempt cannot start now ("" when it can)."""
    if summary.current is not None:
        return ""
    if quiz.opens_at is not None and now < quiz.opens_at:
        return _("This quiz is not open yet.")
    if quiz.closes_at is not None and now >= quiz.closes_at:
        return _("This quiz is closed.")
    if summary.attempts_left == 0:
        return _("You have used all the attempts allowed for this quiz.")
    return ""


def during_feedback(attempt_id: int, positions, *, now: datetime) -> dict:
    """Return, for saved questions, the correctness and marks the "during" options allow."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    items = pages.review_items(attempt, now)
    if not items or not positions:
        return {}
    reply = {}
    for view in pages.attempt_views(attempt, now):
        if view.position in positions and view.review is not None:
            review = view.review
            reply[str(view.position)] = {
                "state": str(STATE_LABELS.get(review.state, "")) if review.state else "",
                "mark": "" if review.mark is None else f"{review.mark:g}/{review.max_mark:g}"}
    return reply


def _user_grades(course_id: int, user_id: int) -> dict:
    """Return a user's grades in a course by item key (one query)."""
    rows = db.session.execute(sa.select(GradeItem.key, Grade).join(Grade.item).where(
        GradeItem.course_id == course_id, Grade.user_id == user_id))
    return {key: grade for key, grade in rows}


def marks_visible(quiz: Quiz, user, now: datetime) -> bool:
    """Tell whether the review options let the user see a mark of this quiz now."""
    submitted = db.session.scalars(sa.select(QuizAttempt).where(
        QuizAttempt.quiz_id == quiz.id, QuizAttempt.user_id == user.id,
        QuizAttempt.state == "submitted"))
    return any("marks" in pages.review_items(attempt, now) for attempt in submitted)


def visible_grades(course_id: int, user, *, now: datetime):
    """Return the user's grades in a course, hiding quiz marks the review options hide."""
    result = []
    for item, grade in grades_of(course_id, user.id):
        if grade is not None and item.kind == "quiz":
            quiz = db.session.get(Quiz, int(item.key.split(":")[1]))
            if quiz is None or not marks_visible(quiz, user, now):
                grade = None
        result.append((item, grade))
    return result


def _path(endpoint: str, **values) -> str:
    """Return the path of a page, also outside a request (the overdue job, imports)."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


def module_activities(module, user) -> list[ActivityLink]:
    """List the quizzes and scenarios of a module with the user's completion."""
    teaching = can_teach(user, module.course)
    links = []
    now = utcnow()
    grades = _user_grades(module.course_id, user.id)
    for quiz in db.session.scalars(sa.select(Quiz).where(Quiz.module_id == module.id)
                                   .order_by(Quiz.id)):
        if quiz.is_published or teaching:
            grade = grades.get(f"quiz:{quiz.id}")
            # Completion is a record of passing; the mark itself shows only when allowed.
            shown = grade if grade is not None and marks_visible(quiz, user, now) else None
            links.append(ActivityLink("quiz", quiz.title, _path("quizzes.quiz",
                                                                quiz_id=quiz.id),
                                      bool(grade and grade.passed), detail=_detail(shown)))
    for activity in db.session.scalars(sa.select(ScenarioActivity).where(
            ScenarioActivity.module_id == module.id).order_by(ScenarioActivity.id)):
        if activity.is_published or teaching:
            links.append(_scenario_link(activity, user, grades))
    return links


def _scenario_link(activity: ScenarioActivity, user, grades: dict) -> ActivityLink:
    """Return the activity link of a scenario with the user's completion."""
    url = _path("scenarios.scenario", scenario_id=activity.id)
    if activity.scoring == "none":
        done = db.session.scalar(sa.select(sa.func.count()).select_from(ScenarioPlay).where(
            ScenarioPlay.scenario_id == activity.id, ScenarioPlay.user_id == user.id,
            ScenarioPlay.state == "finished")) > 0
        return ActivityLink("scenario", activity.title, url, done)
    grade = grades.get(f"scenario:{activity.id}")
    return ActivityLink("scenario", activity.title, url, bool(grade and grade.passed),
                        detail=_detail(grade))


def _detail(grade) -> str:
    """Word a grade for an activity link."""
    if grade is None or grade.percent is None:
        return ""
    return _("Best so far: %(n)s%%", n=f"{grade.percent:g}")


def citing_items(article, user) -> list[CitingItem]:
    """List questions (for their lecturers) and scenarios (for those who may play them)."""
    items = []
    taught = taught_course_ids(user) if user.role in ("lecturer", "admin") else set()
    questions = db.session.scalars(sa.select(Question).join(
        QuestionCitation, QuestionCitation.question_id == Question.id)
        .where(QuestionCitation.article_id == article.id, Question.course_id.in_(taught)))
    for question in questions:
        course = db.session.get(Course, question.course_id)
        items.append(CitingItem("question", question.title or question.slug,
                                url_for("qbank.edit_question", question_id=question.id),
                                course.title))
    scenarios = db.session.scalars(sa.select(ScenarioActivity).join(
        ScenarioCitation, ScenarioCitation.scenario_id == ScenarioActivity.id)
        .where(ScenarioCitation.article_id == article.id))
    for activity in scenarios:
        if plays.may_play(user, activity):
            items.append(CitingItem("scenario", activity.title,
                                    url_for("scenarios.scenario", scenario_id=activity.id),
                                    activity.course.title))
    return items


@dataclass
class CourseActivities:
    """A course with the quizzes and scenarios the user may open."""

    course: Course
    quizzes: list[Quiz]
    scenarios: list[ScenarioActivity]
    links: dict = field(default_factory=dict)


def activities_for(user) -> list[CourseActivities]:
    """Return, per course the user studies or teaches, its quizzes and scenarios."""
    ids = set(db.session.scalars(sa.select(Enrolment.course_id).where(
        Enrolment.user_id == user.id)))
    if user.role in ("lecturer", "admin"):
        ids |= taught_course_ids(user)
    result = []
    for course in db.session.scalars(sa.select(Course).where(Course.id.in_(ids))
                                     .order_by(Course.title)):
        if not can_study(user, course):
            continue
        quizzes = [q for q in db.session.scalars(sa.select(Quiz).where(
            Quiz.course_id == course.id).order_by(Quiz.id)) if attempts.may_take(user, q)]
        scenarios = [s for s in db.session.scalars(sa.select(ScenarioActivity).where(
            ScenarioActivity.course_id == course.id).order_by(ScenarioActivity.id))
            if plays.may_play(user, s)]
        entry = CourseActivities(course, quizzes, scenarios)
        entry.links = {item.url: item for module in course.modules
                       for item in module_activities(module, user)}
        result.append(entry)
    return result


def teaching_panel(user) -> dict:
    """Return what the lecturer's home panel shows: courses taught and essays to mark."""
    ids = taught_course_ids(user)
    courses = list(db.session.scalars(sa.select(Course).where(Course.id.in_(ids))
                                      .order_by(Course.title))) if ids else []
    return {"courses": courses, "pending": len(grading_queue(user))}


def study_panel(user) -> dict:
    """Return what the trainee's home panel shows: unfinished attempts and runs."""
    attempts_open = list(db.session.scalars(sa.select(QuizAttempt).where(
        QuizAttempt.user_id == user.id, QuizAttempt.state == "in_progress")))
    runs_open = list(db.session.scalars(sa.select(ScenarioPlay).where(
        ScenarioPlay.user_id == user.id, ScenarioPlay.state == "in_progress")))
    enrolled = db.session.scalar(sa.select(sa.func.count()).select_from(Enrolment).where(
        Enrolment.user_id == user.id))
    return {"attempts": attempts_open, "runs": runs_open, "enrolled": enrolled}
