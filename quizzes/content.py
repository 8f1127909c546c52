"""The quizzes part of a course folder: ``questions/``, ``quizzes/``, ``scenarios/``.

Registered as one ContentPart so the courses importer validates all three together (with
their cross-references and citations) and writes them in its one all-or-nothing transaction.
Import adds and updates by slug; it never deletes what was made in the browser.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import sqlalchemy as sa

from courses.content_parts import ContentPart
from courses.contentfiles.errors import ContentError
from lms.extensions import db
from quizzes import bank
from quizzes.bankfile import BankFile, dump_bank_file, markdown_fields, parse_bank_file
from quizzes.convert import (
    apply_quiz_spec, apply_scenario, module_slug, quiz_spec_of, scenario_of,
)
from quizzes.filecheck import FileError
from quizzes.grading import sync_quiz_item
from quizzes.plays import sync_scenario_item
from quizzes.models import Question, Quiz, ScenarioActivity
from quizzes.quizfile import QuizSpec, check_quiz_against_bank, dump_quiz, parse_quiz_file
from quizzes.scenario.fileformat import dump_scenario, parse_scenario_file
from quizzes.scenario.model import Scenario
from quizzes.scenario.texts import markdown_texts
from quizzes.scenario.validate import validate_scenario
from quizzes.scenarios_index import index_scenario_citations

CheckMarkdown = Callable[[str, str, int], Iterable[ContentError]]


@dataclass(frozen=True)
class QuizzesPlan:
    """What a course folder holds for quizzes, validated and ready to write."""

    banks: tuple[tuple[str, BankFile], ...]            # (file stem, bank file)
    quizzes: tuple[QuizSpec, ...]
    scenarios: tuple[tuple[Scenario, str], ...]       # (scenario, its file text)

    @property
    def question_count(self) -> int:
        """Return how many bank questions the plan holds."""
        return sum(len(bank_file.questions) for _, bank_file in self.banks)


def _content_error(error: FileError) -> ContentError:
    """Turn a quizzes file error into the importer's error type."""
    return ContentError(error.path, error.line, error.message)


def _stem(path: str) -> str:
    """Return a file's name without folder and suffix."""
    return PurePosixPath(path).stem


def field_line(text: str, field_text: str, start_line: int) -> int:
    """Return the line of ``text`` where ``field_text`` begins, searching from ``start_line``."""
    first = next((line.strip() for line in field_text.splitlines() if line.strip()), "")
    probe = first[:40]
    lines = text.splitlines()
    for number in range(max(start_line, 1), len(lines) + 1):
        if probe and probe in lines[number - 1]:
            return number
    return start_line


def _check_questions(folder, check_markdown: CheckMarkdown, errors: list):
    """Parse the bank files; report duplicate slugs or categories and bad citations."""
    banks, first_slug, first_category = [], {}, {}
    for source in folder.part_files.get("questions", ()):
        bank_file = parse_bank_file(source.text, source.path)
        errors += [_content_error(e) for e in bank_file.errors]
        if bank_file.category in first_category:
            other = first_category[bank_file.category]
            errors.append(ContentError(source.path, 1, f"nhóm câu hỏi '{bank_file.category}' "
                                                       f"đã có ở {other}"))
        first_category.setdefault(bank_file.category, source.path)
        for question in bank_file.questions:
            where = f"{source.path}:{first_slug.get(question.slug)}"
            if question.slug in first_slug:
                errors.append(ContentError(source.path, question.line, f"Câu hỏi "
                                           f"'{question.slug}': slug trùng với câu ở {where}"))
            first_slug.setdefault(question.slug, question.line)
            errors += _question_citations(source, question, check_markdown)
        banks.append((_stem(source.path), bank_file))
    return banks


def _question_citations(source, question, check_markdown: CheckMarkdown) -> list:
    """Check the citations of every Markdown field and of ``citations`` of one question."""
    found = []
    where = f"Câu hỏi '{question.slug}'"
    for label, text in markdown_fields(question):
        line = field_line(source.text, text, question.line)
        found += [ContentError(e.path, e.line, f"{where}, {label}: {e.message}")
                  for e in check_markdown(text, source.path, line)]
    for citation in question.citations:
        line = field_line(source.text, citation, question.line)
        found += [ContentError(e.path, e.line, f"{where}, citations: {e.message}")
                  for e in check_markdown(f"[[{citation}]]", source.path, line)]
    return found


def _check_quizzes(folder, by_category, check_markdown: CheckMarkdown, errors: list):
    """Parse the quiz files and check them against the modules and the bank."""
    modules = {module.slug for module in folder.spec.modules}
    quizzes = []
    for source in folder.part_files.get("quizzes", ()):
        spec, file_errors = parse_quiz_file(source.text, source.path)
        errors += [_content_error(e) for e in file_errors]
        if spec is None:
            continue
        errors += _placement(source.path, spec.slug, spec.module, spec.line_of, modules,
                             "Bài kiểm tra")
        errors += [_content_error(e) for e in
                   check_quiz_against_bank(spec, by_category, path=source.path)]
        if spec.intro:
            errors += check_markdown(spec.intro, source.path,
                                     field_line(source.text, spec.intro, spec.line_of("intro")))
        quizzes.append(spec)
    return quizzes


def _placement(path: str, slug: str, module: str, line_of, modules: set[str],
               what: str) -> list[ContentError]:
    """The file must be named after its slug and sit in a module of the course."""
    errors = []
    if slug and slug != _stem(path):
        errors.append(ContentError(path, line_of("slug"), f"{what}: slug '{slug}' phải trùng "
                                                          f"tên tệp '{_stem(path)}.yaml'"))
    if module and module not in modules:
        errors.append(ContentError(path, line_of("module"), f"{what}: không có chương "
                                                            f"'{module}' trong course.yaml"))
    return errors


def _check_scenarios(folder, known: set[str], check_markdown: CheckMarkdown, errors: list):
    """Parse and validate the scenario files, their placement and citations."""
    modules = {module.slug for module in folder.spec.modules}
    scenarios = []
    for source in folder.part_files.get("scenarios", ()):
        scenario, file_errors = parse_scenario_file(source.text, source.path)
        errors += [_content_error(e) for e in file_errors]
        if scenario is None:
            continue
        errors += _placement(source.path, scenario.slug, scenario.module, scenario.line_of,
                             modules, "Kịch bản")
        errors += [_content_error(e) for e in
                   validate_scenario(scenario, known_questions=known, path=source.path)]
        for text in markdown_texts(scenario):
            line = field_line(source.text, text.text, text.line)
            errors += [ContentError(e.path, e.line, f"{text.label}: {e.message}")
                       for e in check_markdown(text.text, source.path, line)]
        scenarios.append((scenario, source.text))
    return scenarios


def validate(folder, check_markdown: CheckMarkdown) -> tuple[QuizzesPlan, list[ContentError]]:
    """Parse and check a course folder's questions, quizzes and scenarios together."""
    errors: list[ContentError] = []
    banks = _check_questions(folder, check_markdown, errors)
    by_category: dict[str, list[str]] = {}
    for _, bank_file in banks:
        by_category.setdefault(bank_file.category, []).extend(
            q.slug for q in bank_file.questions)
    known = {slug for slugs in by_category.values() for slug in slugs}
    quizzes = _check_quizzes(folder, by_category, check_markdown, errors)
    scenarios = _check_scenarios(folder, known, check_markdown, errors)
    plan = QuizzesPlan(tuple(banks), tuple(quizzes), tuple(scenarios))
    return plan, sorted(set(errors))


def write(course, plan: QuizzesPlan, *, actor=None) -> str | None:
    """Add or update the plan's rows for ``course`` in the current session (no commit).

    Returns a one-line summary for the import report (None when the folder has none).
    """
    db.session.flush()
    modules = {module.slug: module.id for module in course.modules}
    _write_questions(course, plan)
    for spec in plan.quizzes:
        quiz = _existing(Quiz, course.id, spec.slug) or Quiz(course_id=course.id)
        apply_quiz_spec(quiz, spec, module_id=modules[spec.module])
        db.session.add(quiz)
    for scenario, text in plan.scenarios:
        activity = _existing(ScenarioActivity, course.id, scenario.slug)
        activity = activity or ScenarioActivity(course_id=course.id)
        if apply_scenario(activity, scenario, text, module_id=modules[scenario.module]):
            activity.draft = None
        db.session.add(activity)
        db.session.flush()
        index_scenario_citations(activity, scenario)
    for quiz in db.session.scalars(sa.select(Quiz).where(Quiz.course_id == course.id)):
        sync_quiz_item(quiz)
    for activity in db.session.scalars(sa.select(ScenarioActivity).where(
            ScenarioActivity.course_id == course.id)):
        sync_scenario_item(activity)
    if not (plan.question_count or plan.quizzes or plan.scenarios):
        return None
    return (f"{plan.question_count} câu hỏi, {len(plan.quizzes)} bài kiểm tra, "
            f"{len(plan.scenarios)} tình huống")


def _existing(model, course_id: int, slug: str):
    """Return the row of ``model`` with this slug in the course, or None."""
    return db.session.scalar(sa.select(model).where(model.course_id == course_id,
                                                    model.slug == slug))


def _write_questions(course, plan: QuizzesPlan) -> None:
    """Upsert every bank question and rebuild its citation index."""
    for stem, bank_file in plan.banks:
        for position, question in enumerate(bank_file.questions):
            row = _existing(Question, course.id, question.slug)
            row = row or Question(course_id=course.id, version=1)
            bank.apply_bank_question(row, question, category=bank_file.category)
            row.bank_file, row.position = stem, position
            db.session.add(row)
            db.session.flush()
            bank.index_question_citations(row)


def export(course, dest: Path) -> list[Path]:
    """Write the course's bank, quizzes and scenarios under the course folder ``dest``."""
    dest = Path(dest)
    files: dict[Path, str] = {}
    rows = db.session.scalars(sa.select(Question).where(Question.course_id == course.id)
                              .order_by(Question.bank_file, Question.position, Question.id))
    grouped: dict[str, list[Question]] = {}
    for row in rows:
        grouped.setdefault(row.bank_file or bank.bank_file_for(course.id, row.category),
                           []).append(row)
    for stem, questions in grouped.items():
        files[dest / "questions" / f"{stem}.yaml"] = dump_bank_file(
            questions[0].category, [bank.to_bank_question(q) for q in questions])
    for quiz in db.session.scalars(sa.select(Quiz).where(Quiz.course_id == course.id)):
        files[dest / "quizzes" / f"{quiz.slug}.yaml"] = dump_quiz(quiz_spec_of(quiz))
    for activity in db.session.scalars(sa.select(ScenarioActivity).where(
            ScenarioActivity.course_id == course.id)):
        text = activity.definition
        if activity.module is None:  # its module was dropped: place it in the first one
            text = dump_scenario(replace(scenario_of(activity), module=module_slug(activity)))
        files[dest / "scenarios" / f"{activity.slug}.yaml"] = text
    for file, text in files.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8", newline="\n")
    return list(files)


CONTENT_PART = ContentPart(name="quizzes", validate=validate, write=write, export=export,
                           order=50, kinds=("questions", "quizzes", "scenarios"))
