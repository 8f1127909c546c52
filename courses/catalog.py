"""The catalog: the courses a person may see, filtered by topic and audience, and searched."""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from courses import search
from courses.access import taught_course_ids, visible_course_filter
from courses.models import Course, Enrolment, Lesson
from courses.progress import CourseProgress, course_progress
from lms.errors import NotFoundError
from lms.extensions import db

AUDIENCE_PREFIXES = ("cadre:", "position:")


@dataclass
class CatalogEntry:
    """One course in the catalog, as seen by one person."""

    course: Course
    lesson_count: int = 0
    minutes: int = 0
    is_enrolled: bool = False
    progress: CourseProgress | None = None
    matches: list[Lesson] = field(default_factory=list)


def get_course(slug: str) -> Course:
    """Return the course with ``slug`` or raise NotFoundError."""
    course = db.session.scalar(sa.select(Course).where(Course.slug == slug))
    if course is None:
        raise NotFoundError()
    return course


def fits_audience(course: Course, audience: str) -> bool:
    """Tell whether a course is meant for ``audience`` ("cadre:x" or "position:y").

    An empty audience list means the course is for everyone.
    """
    kind, _, value = audience.partition(":")
    wanted = course.audience_cadre_types if kind == "cadre" else course.audience_positions
    return not wanted or value in wanted


def lesson_totals(course_ids) -> dict[int, tuple[int, int]]:
    """Return ``{course_id: (published lessons, their minutes)}``."""
    if not course_ids:
        return {}
    rows = db.session.execute(
        sa.select(Lesson.course_id, sa.func.count(), sa.func.sum(Lesson.minutes))
        .where(Lesson.course_id.in_(list(course_ids)), Lesson.status == "published")
        .group_by(Lesson.course_id))
    return {course_id: (count, minutes or 0) for course_id, count, minutes in rows}


def enrolled_course_ids(user) -> set[int]:
    """Return the ids of the courses ``user`` is enrolled in."""
    return set(db.session.scalars(sa.select(Enrolment.course_id)
                                  .where(Enrolment.user_id == user.id)))


def catalog(user, *, topic: str = "", audience: str = "", query: str = "") -> list[CatalogEntry]:
    """Return the courses ``user`` may see, filtered and (with a query) ranked by relevance."""
    select = sa.select(Course).where(visible_course_filter(user)).order_by(Course.title)
    if topic:
        select = select.where(Course.topic == topic)
    courses = list(db.session.scalars(select))
    if audience.startswith(AUDIENCE_PREFIXES):
        courses = [c for c in courses if fits_audience(c, audience)]
    entries = {c.id: CatalogEntry(c) for c in courses}
    if query.strip():
        entries = _apply_search(entries, query, taught_course_ids(user))
    enrolled = enrolled_course_ids(user)
    for course_id, (count, minutes) in lesson_totals(entries).items():
        entries[course_id].lesson_count, entries[course_id].minutes = count, minutes
    for entry in entries.values():
        entry.is_enrolled = entry.course.id in enrolled
        if entry.is_enrolled:
            entry.progress = course_progress(entry.course, user)
    return list(entries.values())


def _apply_search(entries: dict[int, CatalogEntry], query: str,
                  taught: set[int]) -> dict[int, CatalogEntry]:
    """Keep the entries the query matches, best first, with their matching lessons."""
    hits = [hit for hit in search.search(query) if hit.course_id in entries]
    lesson_ids = [hit.lesson_id for hit in hits if hit.lesson_id is not None]
    lessons = {lesson.id: lesson for lesson in db.session.scalars(
        sa.select(Lesson).where(Lesson.id.in_(lesson_ids)))} if lesson_ids else {}
    ranked: dict[int, CatalogEntry] = {}
    for hit in sorted(hits, key=lambda h: h.rank):
        lesson = lessons.get(hit.lesson_id) if hit.lesson_id is not None else None
        if hit.lesson_id is not None and (
                lesson is None
                or (lesson.status != "published" and hit.course_id not in taught)):
            continue
        entry = ranked.setdefault(hit.course_id, entries[hit.course_id])
        if lesson is not None and len(entry.matches) < 3:
            entry.matches.append(lesson)
    return ranked
