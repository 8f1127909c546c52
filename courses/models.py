"""Course content in the database: laws and articles, courses, modules, lessons, revisions,
attachments, enrolments and progress.

Content identity is the slug (courses globally, modules and lessons within a course), so a
re-import updates rows in place and keeps enrolments and progress.
"""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courses.search_schema import attach_search_index
from lms.extensions import db
from lms.timeutil import UTCDateTime, utcnow

COURSE_STATUSES = ("draft", "published", "archived")
LESSON_STATUSES = ("draft", "published")
ENROLMENT_MODES = ("open", "managed")
ENROLMENT_METHODS = ("self", "staff", "unit", "import")


class Law(db.Model):
    """A legal instrument of the registry (a law, code, decree or decision)."""

    __tablename__ = "laws"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    number: Mapped[str] = mapped_column(sa.String(60))
    title: Mapped[str] = mapped_column(sa.String(300))
    short_title: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(20))
    issued_on: Mapped[date | None]
    effective_from: Mapped[date | None]
    effective_to: Mapped[date | None]
    replaced_by: Mapped[str | None] = mapped_column(sa.String(40))
    note_md: Mapped[str] = mapped_column(sa.Text, default="")
    note_html: Mapped[str] = mapped_column(sa.Text, default="")

    articles: Mapped[list[Article]] = relationship(
        back_populates="law", cascade="all, delete-orphan", order_by="Article.sort_key")


class Article(db.Model):
    """One article of a legal instrument, with a summary in our own words."""

    __tablename__ = "law_articles"
    __table_args__ = (sa.UniqueConstraint("law_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    law_id: Mapped[int] = mapped_column(sa.ForeignKey("laws.id", ondelete="CASCADE"),
                                        index=True)
    number: Mapped[str] = mapped_column(sa.String(10))
    # Zero-padded number ("0097", "0004a") so articles sort as people expect.
    sort_key: Mapped[str] = mapped_column(sa.String(16), default="")
    title: Mapped[str] = mapped_column(sa.String(300))
    summary: Mapped[str] = mapped_column(sa.Text)
    replaced_by: Mapped[str | None] = mapped_column(sa.String(60))
    effective_to: Mapped[date | None]

    law: Mapped[Law] = relationship(back_populates="articles")


course_prerequisites = sa.Table(
    "course_prerequisites", db.metadata,
    sa.Column("course_id", sa.ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("required_course_id", sa.ForeignKey("courses.id", ondelete="CASCADE"),
              primary_key=True),
)

course_lecturers = sa.Table(
    "course_lecturers", db.metadata,
    sa.Column("course_id", sa.ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Course(db.Model):
    """A modular course: modules of ordered lessons, a handbook, an audience."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    topic: Mapped[str] = mapped_column(sa.String(40), index=True)
    audience_cadre_types: Mapped[list] = mapped_column(sa.JSON, default=list)
    audience_positions: Mapped[list] = mapped_column(sa.JSON, default=list)
    status: Mapped[str] = mapped_column(sa.String(20), default="draft", index=True)
    enrolment: Mapped[str] = mapped_column(sa.String(20), default="open")
    is_sequential: Mapped[bool] = mapped_column(default=False)
    # The optional one-page handbook; an empty title means the course has none.
    handbook_title: Mapped[str] = mapped_column(sa.String(200), default="")
    handbook_summary: Mapped[str] = mapped_column(sa.Text, default="")
    handbook_minutes: Mapped[int | None]
    handbook_md: Mapped[str] = mapped_column(sa.Text, default="")
    handbook_html: Mapped[str] = mapped_column(sa.Text, default="")
    # The day the stored HTML was rendered: citations of laws that have since expired must be
    # marked as replaced, so HTML older than today is rendered again when shown.
    html_rendered_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    modules: Mapped[list[Module]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="Module.position")
    prerequisites: Mapped[list[Course]] = relationship(
        secondary=course_prerequisites,
        primaryjoin=lambda: Course.id == course_prerequisites.c.course_id,
        secondaryjoin=lambda: Course.id == course_prerequisites.c.required_course_id)
    lecturers: Mapped[list["User"]] = relationship(secondary=course_lecturers)  # noqa: F821

    @property
    def has_handbook(self) -> bool:
        """Tell whether the course has a printable handbook."""
        return bool(self.handbook_title)


class Module(db.Model):
    """A module of a course: an ordered group of lessons (and, later, activities)."""

    __tablename__ = "course_modules"
    __table_args__ = (sa.UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    slug: Mapped[str] = mapped_column(sa.String(80))
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    course: Mapped[Course] = relationship(back_populates="modules")
    # passive_deletes: the database's ON DELETE CASCADE removes a deleted module's lessons.
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="module", order_by="Lesson.position", passive_deletes=True)


class Lesson(db.Model):
    """A lesson: Markdown source and its sanitized HTML, kept together."""

    __tablename__ = "lessons"
    __table_args__ = (sa.UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    module_id: Mapped[int] = mapped_column(sa.ForeignKey("course_modules.id",
                                                         ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(sa.String(80))
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    minutes: Mapped[int] = mapped_column(default=10)
    law_change_note: Mapped[str] = mapped_column(sa.Text, default="")
    # Deferred: outlines, catalogs and neighbours list many lessons and need no bodies.
    body_md: Mapped[str] = mapped_column(sa.Text, default="", deferred=True)
    body_html: Mapped[str] = mapped_column(sa.Text, default="", deferred=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    position: Mapped[int] = mapped_column(default=0)
    html_rendered_on: Mapped[date | None]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    module: Mapped[Module] = relationship(back_populates="lessons")
    course: Mapped[Course] = relationship()
    revisions: Mapped[list[LessonRevision]] = relationship(
        back_populates="lesson", cascade="all, delete-orphan",
        order_by="LessonRevision.number.desc()")


class SearchDocument(db.Model):
    """Folded text of a course (lesson_id NULL) or one lesson, for diacritics-free search.

    SQLite indexes it with an FTS5 table kept in sync by triggers; PostgreSQL searches it
    with ``to_tsvector('simple', ...)`` (see ``courses.search``).
    """

    __tablename__ = "search_documents"
    __table_args__ = (sa.UniqueConstraint("course_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    lesson_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lessons.id",
                                                                ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(sa.Text, default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")


attach_search_index(SearchDocument.__table__)


class LessonRevision(db.Model):
    """A saved version of a lesson, for history, diff and restore."""

    __tablename__ = "lesson_revisions"
    __table_args__ = (sa.UniqueConstraint("lesson_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(sa.ForeignKey("lessons.id", ondelete="CASCADE"),
                                           index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    minutes: Mapped[int] = mapped_column(default=10)
    law_change_note: Mapped[str] = mapped_column(sa.Text, default="")
    body_md: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lesson: Mapped[Lesson] = relationship(back_populates="revisions")
    author: Mapped["User | None"] = relationship()  # noqa: F821


class LessonCitation(db.Model):
    """An article cited by a lesson (an index rebuilt whenever the lesson is saved)."""

    __tablename__ = "lesson_citations"

    lesson_id: Mapped[int] = mapped_column(sa.ForeignKey("lessons.id", ondelete="CASCADE"),
                                           primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("law_articles.id",
                                                          ondelete="CASCADE"),
                                            primary_key=True, index=True)


class Attachment(db.Model):
    """An uploaded file of a course, stored outside static/ under a random name."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    lesson_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lessons.id",
                                                                ondelete="SET NULL"))
    original_name: Mapped[str] = mapped_column(sa.String(255))
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                     ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Enrolment(db.Model):
    """A trainee's place in a course."""

    __tablename__ = "enrolments"
    __table_args__ = (sa.UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    method: Mapped[str] = mapped_column(sa.String(20), default="self")  # self | staff | unit
    enrolled_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                     ondelete="SET NULL"))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    course: Mapped[Course] = relationship()
    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821


class LessonProgress(db.Model):
    """What one trainee did with one lesson: opened, time spent, completed."""

    __tablename__ = "lesson_progress"
    __table_args__ = (sa.UniqueConstraint("lesson_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(sa.ForeignKey("lessons.id", ondelete="CASCADE"),
                                           index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    first_opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    seconds_spent: Mapped[int] = mapped_column(default=0)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
