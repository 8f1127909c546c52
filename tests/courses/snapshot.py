"""A comparable picture of the course content in the database (no ids, no timestamps)."""
import sqlalchemy as sa

from courses.models import (Article, Course, Law, Lesson, LessonCitation,
                            SearchDocument)
from lms.extensions import db


def content_snapshot() -> dict:
    """Return every law, article, course, module, lesson and citation as plain tuples."""
    laws = {law.code: (law.number, law.title, law.short_title, law.kind, law.issued_on,
                       law.effective_from, law.effective_to, law.replaced_by, law.note_md,
                       law.note_html,
                       tuple((a.number, a.sort_key, a.title, a.summary, a.replaced_by,
                              a.effective_to) for a in law.articles))
            for law in db.session.scalars(sa.select(Law))}
    courses = {}
    for c in db.session.scalars(sa.select(Course)):
        courses[c.slug] = (
            c.title, c.summary, c.topic, tuple(c.audience_cadre_types),
            tuple(c.audience_positions), c.status, c.enrolment, c.is_sequential,
            c.handbook_title, c.handbook_summary, c.handbook_minutes, c.handbook_md,
            c.handbook_html, tuple(sorted(p.slug for p in c.prerequisites)),
            tuple((m.slug, m.title, m.summary, m.position,
                   tuple((x.slug, x.title, x.summary, x.minutes, x.law_change_note, x.body_md,
                          x.body_html, x.status, x.position) for x in m.lessons))
                  for m in c.modules))
    citations = sorted(db.session.execute(
        sa.select(Course.slug, Lesson.slug, Law.code, Article.number).select_from(LessonCitation)
        .join(Lesson, Lesson.id == LessonCitation.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .join(Article, Article.id == LessonCitation.article_id)
        .join(Law, Law.id == Article.law_id)).all())
    search = sorted(db.session.execute(
        sa.select(Course.slug, Lesson.slug, SearchDocument.title, SearchDocument.body)
        .select_from(SearchDocument).join(Course, Course.id == SearchDocument.course_id)
        .outerjoin(Lesson, Lesson.id == SearchDocument.lesson_id)).all(),
        key=lambda row: (row[0], row[1] or ""))
    return {"laws": laws, "courses": courses, "citations": citations, "search": search}
