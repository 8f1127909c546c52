"""``flask content export``: write a stored course back as content files.

The folder written is a complete content root (``laws/`` and ``courses/<slug>/``), so it
can be imported again as it is, here or into another installation.
"""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from courses.content_parts import content_parts
from courses.contentfiles.course import AudienceSpec, CourseSpec, ModuleSpec
from courses.contentfiles.lesson import LessonSpec
from courses.contentfiles.tree import CourseFolder
from courses.contentfiles.writer import write_course_folder, write_laws
from courses.import_writer import course_lessons
from courses.models import Course, Lesson
from courses.registry import stored_laws
from lms.errors import NotFoundError
from lms.extensions import db


def lesson_spec(lesson: Lesson) -> LessonSpec:
    """Return a stored lesson as the spec its file describes."""
    return LessonSpec(slug=lesson.slug, title=lesson.title, summary=lesson.summary,
                      minutes=lesson.minutes, law_change_note=lesson.law_change_note or None,
                      body=lesson.body_md, status=lesson.status)


def course_folder(course: Course) -> CourseFolder:
    """Return a stored course as the folder its files describe (without content parts)."""
    lessons = course_lessons(course)
    modules = tuple(ModuleSpec(
        slug=module.slug, title=module.title, summary=module.summary,
        lessons=tuple(lesson.slug for lesson in lessons if lesson.module_id == module.id))
        for module in course.modules)
    spec = CourseSpec(
        slug=course.slug, title=course.title, summary=course.summary, topic=course.topic,
        audience=AudienceSpec(tuple(course.audience_cadre_types or ()),
                              tuple(course.audience_positions or ())),
        status=course.status, enrolment=course.enrolment, sequential=course.is_sequential,
        prerequisites=tuple(sorted(c.slug for c in course.prerequisites)), modules=modules)
    handbook = None
    if course.has_handbook:
        handbook = LessonSpec(slug="handbook", title=course.handbook_title,
                              summary=course.handbook_summary, minutes=course.handbook_minutes,
                              law_change_note=None, body=course.handbook_md)
    return CourseFolder(f"courses/{course.slug}", spec,
                        tuple(lesson_spec(lesson) for lesson in lessons), handbook)


def export_course(slug: str, dest: Path) -> list[Path]:
    """Write course ``slug``, its content parts and the legal registry under ``dest``."""
    course = db.session.scalar(sa.select(Course).where(Course.slug == slug))
    if course is None:
        raise NotFoundError(f"Không có khóa học '{slug}'")
    dest = Path(dest)
    folder_dir = dest / "courses" / course.slug
    written = write_laws(stored_laws(), dest / "laws")
    written += write_course_folder(course_folder(course), folder_dir)
    for part in content_parts():
        written += list(part.export(course, folder_dir) or [])
    return written
