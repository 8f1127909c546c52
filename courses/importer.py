"""``flask content import``: validate a whole content folder, then write all of it or nothing.

Phase 1 (validation) reads every file (``courses.contentfiles``), runs every registered
content part's ``validate`` and checks the folder against the database. Any error stops the
import before a single row is written. Phase 2 writes everything in one transaction, the
content parts included; a dry run performs phase 2 and rolls it back, so it reports exactly
what would change.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from courses.content_parts import ContentPart, content_parts
from courses.contentfiles.checks import check_citations
from courses.contentfiles.errors import ContentError
from courses.contentfiles.laws import LawRegistry
from courses.contentfiles.tree import PART_KINDS, ContentTree, CourseFolder, read_content
from courses.derived import refresh_lesson
from courses.import_writer import (
    link_prerequisites, render_law_notes, write_course, write_laws,
)
from courses.models import Article, Course, Law, Lesson, LessonCitation, course_prerequisites
from courses.registry import stored_laws
from lms.audit import record_event
from lms.extensions import db


@dataclass
class ImportPlan:
    """A validated folder, ready to write; ``errors`` must be empty to write it."""

    root: Path
    tree: ContentTree
    registry: LawRegistry
    part_plans: dict[str, list[tuple[ContentPart, object]]] = field(default_factory=dict)
    unhandled_parts: list[str] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do)."""

    errors: list[ContentError] = field(default_factory=list)
    tally: Counter = field(default_factory=Counter)
    part_summaries: list[str] = field(default_factory=list)
    unhandled_parts: list[str] = field(default_factory=list)
    written: bool = False


def known_courses() -> dict[str, tuple[str, ...]]:
    """Map the slug of every stored course to its prerequisites' slugs."""
    slugs = dict(db.session.execute(sa.select(Course.id, Course.slug)).all())
    needs: dict[str, list[str]] = {slug: [] for slug in slugs.values()}
    for course_id, required_id in db.session.execute(sa.select(course_prerequisites)):
        needs[slugs[course_id]].append(slugs[required_id])
    return {slug: tuple(required) for slug, required in needs.items()}


def _layout_error(root: Path) -> ContentError | None:
    """Explain a PATH that is not a content root (the commonest slip: a course folder)."""
    if not root.is_dir() or (root / "laws").is_dir() or (root / "courses").is_dir():
        return None
    if (root / "course.yaml").is_file():
        return ContentError(str(root), 0, "đây là thư mục của một khóa học: hãy chỉ tới thư mục "
                                          "gốc chứa courses/ (và laws/)")
    return ContentError(str(root), 0, "thư mục nội dung phải có laws/ hoặc courses/")


def validate_content(root: Path) -> ImportPlan:
    """Run the whole validation phase on a content folder; nothing is written."""
    root = Path(root)
    tree = read_content(root, known_laws=stored_laws(), known_courses=known_courses())
    plan = ImportPlan(root, tree, tree.registry(), errors=list(tree.errors))
    layout = _layout_error(root)
    if layout is not None:
        plan.errors.append(layout)
    if plan.errors:
        return plan
    for folder in tree.courses:
        _validate_parts(plan, folder)
    plan.errors += _removed_articles_still_cited(tree)
    plan.errors.sort()
    return plan


def _validate_parts(plan: ImportPlan, folder: CourseFolder) -> None:
    """Run every registered part's ``validate`` on one course folder."""
    def check_markdown(text: str, path: str, first_line: int = 1):
        return list(check_citations(text, path, first_line, plan.registry))

    parts = content_parts()
    handled = {kind for part in parts for kind in part.handles}
    for kind in PART_KINDS:
        files = folder.part_files.get(kind, ())
        if files and kind not in handled:
            plan.unhandled_parts.append(f"{folder.path}/{kind}: {len(files)}")
    for part in parts:
        part_plan, errors = part.validate(folder, check_markdown)
        plan.errors += list(errors)
        plan.part_plans.setdefault(folder.spec.slug, []).append((part, part_plan))


def _removed_articles_still_cited(tree: ContentTree) -> list[ContentError]:
    """Refuse to drop articles that lessons of courses outside the folder still cite."""
    errors = []
    imported = {folder.spec.slug for folder in tree.courses}
    for path, spec in zip(tree.law_paths, tree.laws):
        numbers = {article.number for article in spec.articles}
        rows = db.session.execute(
            sa.select(Article.number, Course.slug, Lesson.slug).select_from(Article)
            .join(Law, Article.law_id == Law.id).where(Law.code == spec.code)
            .join(LessonCitation, LessonCitation.article_id == Article.id)
            .join(Lesson, Lesson.id == LessonCitation.lesson_id)
            .join(Course, Course.id == Lesson.course_id))
        for number, course_slug, lesson_slug in rows:
            if number not in numbers and course_slug not in imported:
                errors.append(ContentError(
                    path, spec.line_of("articles"),
                    f"Điều {number} bị bỏ khỏi tệp nhưng bài '{lesson_slug}' của khóa "
                    f"'{course_slug}' (không có trong thư mục nhập) vẫn trích dẫn"))
    return errors


def import_content(root: Path, *, actor=None, dry_run: bool = False,
                   today: date | None = None) -> ImportReport:
    """Validate ``root`` and write it all in one transaction (rolled back on a dry run)."""
    plan = validate_content(root)
    report = ImportReport(errors=plan.errors, unhandled_parts=plan.unhandled_parts)
    if plan.errors:
        return report
    try:
        _write(plan, report, actor=actor, today=today or date.today())
    except Exception:
        db.session.rollback()
        raise
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
        report.written = True
    return report


def _write(plan: ImportPlan, report: ImportReport, *, actor, today: date) -> None:
    """Phase 2: laws, courses, prerequisites, content parts, derived data, audit."""
    tally = report.tally
    write_laws(plan.tree.laws, tally)
    db.session.flush()
    render_law_notes(plan.registry, today)
    imported = []
    for folder in plan.tree.courses:
        imported.append(write_course(folder, plan.registry, today, actor=actor, tally=tally))
    link_prerequisites([folder.spec for folder in plan.tree.courses])
    db.session.flush()
    if any(tally[f"{kind} {verb}"] for kind in ("laws", "articles")
           for verb in ("created", "updated", "removed")):  # citations may render otherwise
        _refresh_other_courses({c.id for c in imported}, plan.registry, today)
    for course in imported:
        for part, part_plan in plan.part_plans.get(course.slug, []):
            summary = part.write(course, part_plan, actor=actor)
            if summary:
                report.part_summaries.append(f"{course.slug}: {part.name}: {summary}")
    record_event("content_imported", actor=actor, folder=str(plan.root),
                 counts=dict(sorted(tally.items())))


def _refresh_other_courses(imported_ids: set[int], registry: LawRegistry, today: date) -> None:
    """Re-render lessons of courses outside the folder after laws changed."""
    lessons = db.session.scalars(sa.select(Lesson).where(Lesson.course_id.not_in(imported_ids)))
    for lesson in lessons:
        refresh_lesson(lesson, registry, today)
