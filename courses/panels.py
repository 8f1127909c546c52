"""Home-page panels ("My courses", "My teaching"), navigation links and the demo seeder."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from courses import labels
from courses.access import taught_course_ids
from courses.catalog import catalog, enrolled_course_ids, lesson_totals
from courses.importer import import_content
from courses.models import Course, Enrolment, Lesson
from lms.demo import register_demo_seeder
from lms.extensions import db
from lms.home import HomePanel, NavItem, register_home_panel, register_nav_item
from lms.models import User

DEMO_LECTURERS = ("lecturer@example.com", "lecturer2@example.com")


def my_courses(user) -> dict:
    """Return the trainee's enrolled courses with progress, and how many more are open."""
    entries = catalog(user)
    mine = [e for e in entries if e.is_enrolled]
    mine.sort(key=lambda e: (e.progress.percent >= 100 if e.progress else True,
                             e.course.title))
    return {"entries": mine, "open_count": len(entries) - len(mine)}


def my_teaching(user) -> dict:
    """Return the courses the lecturer teaches with lessons, drafts and participants."""
    ids = taught_course_ids(user)
    courses = list(db.session.scalars(sa.select(Course).where(Course.id.in_(ids or {-1}))
                                      .order_by(Course.title)))
    drafts = dict(db.session.execute(
        sa.select(Lesson.course_id, sa.func.count()).where(
            Lesson.course_id.in_(ids or {-1}), Lesson.status == "draft")
        .group_by(Lesson.course_id)).all())
    people = dict(db.session.execute(
        sa.select(Enrolment.course_id, sa.func.count()).where(
            Enrolment.course_id.in_(ids or {-1})).group_by(Enrolment.course_id)).all())
    return {"courses": courses, "totals": lesson_totals(ids), "drafts": drafts,
            "people": people}


def seed_demo_content() -> str:
    """Import ``content/``, give the demo lecturers the courses, enrol every demo trainee."""
    root = Path(current_app.config["CONTENT_DIR"])
    if not root.is_dir():
        return f"no content folder at {root}: no course imported"
    report = import_content(root)
    if report.errors:
        raise RuntimeError("content/ does not import: " + "; ".join(map(str, report.errors)))
    courses = list(db.session.scalars(sa.select(Course).order_by(Course.slug)))
    lecturers = list(db.session.scalars(sa.select(User).where(User.email.in_(DEMO_LECTURERS))))
    trainees = list(db.session.scalars(sa.select(User).where(User.role == "trainee")))
    for course in courses:
        course.lecturers = lecturers
    for trainee in trainees:
        present = enrolled_course_ids(trainee)
        for course in courses:
            if course.id not in present:
                db.session.add(Enrolment(course_id=course.id, user_id=trainee.id,
                                         method="staff"))
    db.session.commit()
    return (f"{len(courses)} courses, {report.tally['lessons created']} lessons imported; "
            f"{len(trainees)} trainees enrolled, {len(lecturers)} lecturers assigned")


def register(app: Flask) -> None:
    """Register the panels, navigation links and demo seeder of the courses package."""
    register_home_panel(app, HomePanel("my_courses", ("trainee",), "courses/_my_courses.html",
                                       my_courses, order=20))
    register_home_panel(app, HomePanel("my_teaching", ("lecturer",),
                                       "authoring/_my_teaching.html", my_teaching, order=20))
    everyone = ("admin", "manager", "lecturer", "trainee")
    register_nav_item(app, NavItem("courses.catalog", _l("Courses"), everyone, order=10))
    register_nav_item(app, NavItem("library.laws", _l("Legal library"), everyone, order=20))
    register_nav_item(app, NavItem("authoring.index", _l("Teaching"), ("admin", "lecturer"),
                                   order=30))
    register_demo_seeder(app, seed_demo_content, order=20)
    app.jinja_env.globals.update(
        TOPIC_LABELS=labels.TOPIC_LABELS, COURSE_STATUS_LABELS=labels.COURSE_STATUS_LABELS,
        ENROLMENT_LABELS=labels.ENROLMENT_LABELS, LAW_KIND_LABELS=labels.LAW_KIND_LABELS,
        ACTIVITY_LABELS=labels.ACTIVITY_LABELS, CITING_LABELS=labels.CITING_LABELS)
