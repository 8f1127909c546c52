"""Write validated content specs into the database, matching rows by code and slug.

Called only by ``courses.importer`` after every file was validated; adds to the current
session and never commits. Rows are updated in place, so enrolments and progress stay.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

import sqlalchemy as sa

from courses.contentfiles.course import CourseSpec
from courses.contentfiles.laws import ArticleSpec, LawRegistry, LawSpec
from courses.contentfiles.lesson import LessonSpec
from courses.contentfiles.tree import CourseFolder
from courses.derived import refresh_course, refresh_lesson
from courses.models import Article, Course, Law, Lesson, LessonRevision, Module
from courses.registry import render_with_citations
from lms.audit import record_event
from lms.extensions import db

_NUMBER = re.compile(r"(\d+)(.*)")
LESSON_CONTENT = ("title", "summary", "minutes", "law_change_note", "body_md", "status")


def article_sort_key(number: str) -> str:
    """Zero-pad an article number so "4a" sorts after "4" and before "10"."""
    match = _NUMBER.fullmatch(number)
    return f"{int(match[1]):04d}{match[2]}" if match else number


def _assign(row, values: dict) -> bool:
    """Set attributes that differ; return True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _outcome(is_new: bool, changed: bool) -> str:
    return "created" if is_new else ("updated" if changed else "unchanged")


def write_laws(specs: tuple[LawSpec, ...], tally: Counter) -> None:
    """Create or update each law and its articles; drop articles no longer in the file."""
    existing = {law.code: law for law in db.session.scalars(sa.select(Law))}
    for spec in specs:
        law = existing.get(spec.code)
        is_new = law is None
        if is_new:
            law = Law(code=spec.code)
            db.session.add(law)
        changed = _assign(law, {
            "number": spec.number, "title": spec.title, "short_title": spec.short_title,
            "kind": spec.kind, "issued_on": spec.issued_on,
            "effective_from": spec.effective_from, "effective_to": spec.effective_to,
            "replaced_by": spec.replaced_by, "note_md": spec.note or ""})
        changed |= _write_articles(law, spec.articles, tally)
        tally["laws " + _outcome(is_new, changed)] += 1


def _write_articles(law: Law, specs: tuple[ArticleSpec, ...], tally: Counter) -> bool:
    """Sync a law's articles with its file; return True when any article changed."""
    by_number = {article.number: article for article in law.articles}
    changed = False
    for spec in specs:
        article = by_number.pop(spec.number, None)
        is_new = article is None
        if is_new:
            article = Article(number=spec.number)
            law.articles.append(article)
        touched = _assign(article, {
            "sort_key": article_sort_key(spec.number), "title": spec.title,
            "summary": spec.summary, "replaced_by": spec.replaced_by,
            "effective_to": spec.effective_to})
        tally["articles " + _outcome(is_new, touched)] += 1
        changed |= is_new or touched
    for article in by_number.values():
        law.articles.remove(article)
        tally["articles removed"] += 1
        changed = True
    return changed


def render_law_notes(registry: LawRegistry, today: date) -> None:
    """Render every stored law note (notes may cite articles of other laws)."""
    for law in db.session.scalars(sa.select(Law)):
        law.note_html = str(render_with_citations(law.note_md, registry, today=today))


def write_course(folder: CourseFolder, registry: LawRegistry, today: date, *, actor,
                 tally: Counter) -> Course:
    """Create or update one course, its modules and lessons, from its folder."""
    spec = folder.spec
    course = db.session.scalar(sa.select(Course).where(Course.slug == spec.slug))
    is_new = course is None
    if is_new:
        course = Course(slug=spec.slug)
        db.session.add(course)
    old_status = None if is_new else course.status
    changed = _assign(course, _course_values(spec, folder.handbook))
    modules, dropped = _write_modules(course, spec, tally)
    db.session.flush()
    changed |= _write_lessons(course, folder, modules, actor=actor, tally=tally)
    db.session.flush()
    changed |= _drop_modules(course, dropped, len(spec.modules), tally)
    db.session.flush()
    refresh_course(course, registry, today)
    for lesson in course_lessons(course):
        refresh_lesson(lesson, registry, today)
    tally["courses " + _outcome(is_new, changed)] += 1
    if course.status != old_status and course.status == "published":
        record_event("course_published", actor=actor, target=course, slug=course.slug,
                     via="import")
    return course


def _course_values(spec: CourseSpec, handbook: LessonSpec | None) -> dict:
    """Return the course columns a ``course.yaml`` and ``handbook.md`` define."""
    return {
        "title": spec.title, "summary": spec.summary, "topic": spec.topic,
        "audience_cadre_types": list(spec.audience.cadre_types),
        "audience_positions": list(spec.audience.positions),
        "status": spec.status, "enrolment": spec.enrolment, "is_sequential": spec.sequential,
        "handbook_title": handbook.title if handbook else "",
        "handbook_summary": handbook.summary if handbook else "",
        "handbook_minutes": handbook.minutes if handbook else None,
        "handbook_md": handbook.body if handbook else "",
    }


def _write_modules(course: Course, spec: CourseSpec,
                   tally: Counter) -> tuple[dict[str, Module], list[Module]]:
    """Sync the course's modules (by slug, in order); return them and those to drop."""
    by_slug = {module.slug: module for module in course.modules}
    kept: dict[str, Module] = {}
    for position, module_spec in enumerate(spec.modules):
        module = by_slug.pop(module_spec.slug, None)
        is_new = module is None
        if is_new:
            module = Module(slug=module_spec.slug)
            course.modules.append(module)
        changed = _assign(module, {"title": module_spec.title, "summary": module_spec.summary,
                                   "position": position})
        tally["modules " + _outcome(is_new, changed)] += 1
        kept[module.slug] = module
    return kept, list(by_slug.values())


def _drop_modules(course: Course, dropped: list[Module], first_free: int,
                  tally: Counter) -> bool:
    """Delete modules gone from the files, unless withdrawn lessons still sit in them."""
    for position, module in enumerate(dropped, start=first_free):
        db.session.expire(module, ["lessons"])  # their listed lessons have moved by now
        if module.lessons:
            module.position = position
            tally["modules kept for withdrawn lessons"] += 1
        else:
            course.modules.remove(module)
            tally["modules removed"] += 1
    return bool(dropped)


def course_lessons(course: Course) -> list[Lesson]:
    """Return the lessons of a course in teaching order."""
    return list(db.session.scalars(
        sa.select(Lesson).join(Lesson.module).where(Lesson.course_id == course.id)
        .order_by(Module.position, Lesson.position)))


def _write_lessons(course: Course, folder: CourseFolder, modules: dict[str, Module], *,
                   actor, tally: Counter) -> bool:
    """Sync the lessons of a course with its folder; return True when any changed."""
    specs = {lesson.slug: lesson for lesson in folder.lessons}
    existing = {lesson.slug: lesson for lesson in db.session.scalars(
        sa.select(Lesson).where(Lesson.course_id == course.id))}
    changed = False
    for module_spec in folder.spec.modules:
        module = modules[module_spec.slug]
        for position, slug in enumerate(module_spec.lessons):
            lesson = existing.pop(slug, None)
            is_new = lesson is None
            if is_new:
                lesson = Lesson(slug=slug, course_id=course.id)
                db.session.add(lesson)
            touched = _write_lesson(lesson, specs[slug], module, position, actor=actor,
                                    tally=tally)
            tally["lessons " + _outcome(is_new, touched)] += 1
            changed |= is_new or touched
    for lesson in existing.values():
        changed |= _withdraw(lesson, actor=actor, tally=tally)
    return changed


def _withdraw(lesson: Lesson, *, actor, tally: Counter) -> bool:
    """Take a lesson gone from the files away from trainees, keeping progress and history.

    Deleting it would also delete what trainees did in it and every revision; a lecturer
    can still delete the draft in the browser.
    """
    if lesson.status == "draft":
        return False
    lesson.status = "draft"
    db.session.flush()
    record_revision(lesson, actor=actor,
                    note="Không còn trong tệp nội dung: chuyển về bản nháp")
    tally["lessons withdrawn"] += 1
    tally["revisions recorded"] += 1
    return True


def _write_lesson(lesson: Lesson, spec: LessonSpec, module: Module, position: int, *,
                  actor, tally: Counter) -> bool:
    """Update one lesson; record a revision when its content changed."""
    content = {"title": spec.title, "summary": spec.summary, "minutes": spec.minutes,
               "law_change_note": spec.law_change_note or "", "body_md": spec.body,
               "status": spec.status}
    old_status = lesson.status if lesson.id else None
    content_changed = _assign(lesson, content)
    placed = _assign(lesson, {"module": module, "position": position})
    if content_changed:
        db.session.flush()
        record_revision(lesson, actor=actor, note="Nhập từ tệp nội dung")
        tally["revisions recorded"] += 1
        if lesson.status == "published" and old_status not in (None, "published"):
            record_event("lesson_published", actor=actor, target=lesson, via="import")
    return content_changed or placed


def record_revision(lesson: Lesson, *, actor, note: str) -> LessonRevision:
    """Store the lesson's current content as its next revision (lesson flushed)."""
    last = db.session.scalar(sa.select(sa.func.max(LessonRevision.number))
                             .where(LessonRevision.lesson_id == lesson.id)) or 0
    revision = LessonRevision(lesson_id=lesson.id, number=last + 1, note=note[:200],
                              author_id=getattr(actor, "id", None),
                              **{name: getattr(lesson, name) for name in LESSON_CONTENT})
    db.session.add(revision)
    return revision


def link_prerequisites(specs: list[CourseSpec]) -> None:
    """Set each imported course's prerequisites (all courses exist by now)."""
    slugs = {slug for spec in specs for slug in (spec.slug, *spec.prerequisites)}
    courses = {c.slug: c for c in db.session.scalars(sa.select(Course)
                                                     .where(Course.slug.in_(slugs)))}
    for spec in specs:
        wanted = [courses[slug] for slug in spec.prerequisites]
        course = courses[spec.slug]
        if {c.id for c in course.prerequisites} != {c.id for c in wanted}:
            course.prerequisites = wanted
