"""Authoring in the browser: bank questions and quiz settings, validated like content files.

A question saved here passes exactly the checks an imported one does (its type's rules, the
citations against the legal registry); a quiz, the checks of a quiz file against the bank.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from courses.access import can_teach
from courses.contentfiles.checks import check_citations
from courses.models import Course, Law, Module
from lms.audit import record_event
from lms.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from quizzes import bank
from quizzes.bankfile import markdown_fields, read_question
from quizzes.convert import apply_quiz_spec, refs_of, scenario_of
from quizzes.grading import sync_quiz_item
from quizzes.models import Question, Quiz, ScenarioActivity
from quizzes.quizfile import QuestionRef, QuizSpec, RandomRef, check_quiz_against_bank
from quizzes.render import lookup_article
from quizzes.slugs import slugify, unique_slug


class DbRegistry:
    """The legal registry in the database, as the citation checks of content files use it."""

    def law(self, code: str):
        """Return something truthy when the law exists (None otherwise)."""
        return db.session.scalar(sa.select(Law.id).where(Law.code == code))

    def article(self, code: str, number: str):
        """Return the article row pair when it exists (None otherwise)."""
        return lookup_article(code, number)


def taught_course(slug: str, user) -> Course:
    """Return a course by slug that ``user`` teaches; others get 404 or 403."""
    course = db.session.scalar(sa.select(Course).where(Course.slug == slug))
    if course is None:
        raise NotFoundError(_l("This course does not exist."))
    if not can_teach(user, course):
        raise PermissionDenied(_l("You do not teach this course."))
    return course


def citation_problems(texts, citations=()) -> list[str]:
    """Return messages for citations in ``texts`` (or listed) that the registry lacks."""
    registry = DbRegistry()
    problems = [e.message for label, text in texts
                for e in check_citations(text, label, 1, registry)]
    problems += [e.message for citation in citations
                 for e in check_citations(f"[[{citation}]]", "citations", 1, registry)]
    return problems


def save_question(course: Course, *, question_id: int | None, raw: dict, category: str,
                  actor) -> Question:
    """Create or update a bank question from the editor; commit. Refuse it whole if wrong."""
    row = _question_row(course, question_id)
    if row is not None:
        raw["slug"], raw["type"] = row.slug, row.type  # fixed once the question exists
    elif not raw.get("slug"):
        taken = set(db.session.scalars(sa.select(Question.slug).where(
            Question.course_id == course.id)))
        raw["slug"] = unique_slug(slugify(raw.get("title") or raw.get("text") or ""), taken)
    question, problems = read_question(raw)
    errors = [problem.message for problem in problems]
    if not category.strip():
        errors.append(str(_l("Enter a category.")))
    if question is not None:
        errors += citation_problems(markdown_fields(question), question.citations)
        if row is None and _existing_slug(course.id, question.slug):
            errors.append(str(_l("Another question of this course already has this slug.")))
    if errors:
        raise ValidationError(_l("The question was not saved."), errors=errors)
    category = "/".join(part.strip() for part in category.split("/"))
    if row is None:
        row = Question(course_id=course.id, version=1, position=_next_position(course.id))
    if row.category != category or not row.bank_file:
        row.bank_file = bank.bank_file_for(course.id, category)
    bank.apply_bank_question(row, question, category=category)
    db.session.add(row)
    db.session.flush()
    bank.index_question_citations(row)
    db.session.commit()
    return row


def _question_row(course: Course, question_id: int | None) -> Question | None:
    """Return the question being edited (it must belong to the course)."""
    if question_id is None:
        return None
    row = db.session.get(Question, question_id)
    if row is None or row.course_id != course.id:
        raise NotFoundError(_l("This question does not exist."))
    return row


def _existing_slug(course_id: int, slug: str) -> bool:
    """Tell whether a question of the course already has ``slug``."""
    return db.session.scalar(sa.select(Question.id).where(
        Question.course_id == course_id, Question.slug == slug)) is not None


def _next_position(course_id: int) -> int:
    """Return the position after the last question of the course."""
    return (db.session.scalar(sa.select(sa.func.max(Question.position)).where(
        Question.course_id == course_id)) or 0) + 1


def question_users(question: Question) -> list[str]:
    """Name the quizzes and scenarios that need this question to stay in the bank."""
    users = []
    bank_now = bank.questions_by_category(question.course_id)
    without = {cat: [s for s in slugs if s != question.slug] for cat, slugs in bank_now.items()}
    for quiz in db.session.scalars(sa.select(Quiz).where(Quiz.course_id == question.course_id)):
        spec = QuizSpec(slug=quiz.slug, title=quiz.title, module="", questions=refs_of(quiz))
        if check_quiz_against_bank(spec, without):
            users.append(quiz.title)
    for activity in db.session.scalars(sa.select(ScenarioActivity).where(
            ScenarioActivity.course_id == question.course_id)):
        if any(node.question == question.slug for node in scenario_of(activity).nodes):
            users.append(activity.title)
    return users


def delete_question(question_id: int, *, actor) -> None:
    """Delete a bank question no quiz or scenario needs; attempts keep their copy; commit."""
    row = db.session.get(Question, question_id)
    if row is None:
        raise NotFoundError(_l("This question does not exist."))
    if not can_teach(actor, db.session.get(Course, row.course_id)):
        raise PermissionDenied(_l("You do not teach this course."))
    users = question_users(row)
    if users:
        raise ConflictError(_l("This question is used by: %(name)s. Remove it there first.",
                               name=", ".join(users)))
    db.session.delete(row)
    db.session.commit()


def save_quiz(course: Course, *, quiz_id: int | None, spec: QuizSpec, is_published: bool,
              actor) -> Quiz:
    """Create or update a quiz's settings and questions; commit. Refuse it whole if wrong."""
    quiz = db.session.get(Quiz, quiz_id) if quiz_id is not None else None
    if quiz_id is not None and (quiz is None or quiz.course_id != course.id):
        raise NotFoundError(_l("This quiz does not exist."))
    module = db.session.scalar(sa.select(Module).where(Module.course_id == course.id,
                                                       Module.slug == spec.module))
    errors = [e.message for e in check_quiz_against_bank(
        spec, bank.questions_by_category(course.id))]
    if module is None:
        errors.append(str(_l("Choose a module of this course.")))
    if spec.opens_at and spec.closes_at and spec.opens_at >= spec.closes_at:
        errors.append(str(_l("The closing time must be after the opening time.")))
    if not spec.questions:
        errors.append(str(_l("Add at least one question.")))
    errors += citation_problems([("intro", spec.intro)])
    clash = db.session.scalar(sa.select(Quiz.id).where(Quiz.course_id == course.id,
                                                       Quiz.slug == spec.slug))
    if clash is not None and clash != quiz_id:
        errors.append(str(_l("Another quiz of this course already has this slug.")))
    if errors:
        raise ValidationError(_l("The quiz was not saved."), errors=errors)
    quiz = quiz or Quiz(course_id=course.id)
    apply_quiz_spec(quiz, spec, module_id=module.id)
    quiz.is_published = is_published
    db.session.add(quiz)
    db.session.flush()
    sync_quiz_item(quiz)
    record_event("quiz.saved", actor=actor, target=quiz, published=is_published)
    db.session.commit()
    return quiz


def ref_lines(quiz: Quiz | None) -> tuple[dict[str, float | None], list[RandomRef]]:
    """Return a quiz's fixed questions (slug -> points override) and its random draws."""
    fixed, draws = {}, []
    for ref in refs_of(quiz) if quiz is not None else ():
        if isinstance(ref, QuestionRef):
            fixed[ref.slug] = ref.points
        else:
            draws.append(ref)
    return fixed, draws
