"""Live classroom records: sessions, presence, chat, Q&A, hands and polls.

Everything a room shows is a row here, so a restarted (or second) server process rebuilds the
room from the database; nothing is deleted when a session ends (the record page reads it all).
Breakout groups and the live quiz are in ``lms.live.activity_models``.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.timeutil import UTCDateTime, utcnow

SESSION_STATES = ("scheduled", "live", "ended")
POLL_STATES = ("open", "closed")

live_session_lecturers = sa.Table(
    "live_session_lecturers", db.metadata,
    sa.Column("session_id", sa.ForeignKey("live_sessions.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class LiveSession(db.Model):
    """A scheduled live class of a course, with its room state while it runs."""

    __tablename__ = "live_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    module_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("course_modules.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    external_url: Mapped[str] = mapped_column(sa.String(500), default="")
    state: Mapped[str] = mapped_column(sa.String(20), default="scheduled", index=True)
    attendance_percent: Mapped[int] = mapped_column(default=75)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Lesson sync: what the lecturer shows now; the version lets clients ignore stale pushes.
    sync_lesson_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("lessons.id", ondelete="SET NULL"))
    sync_section: Mapped[int] = mapped_column(default=0)
    sync_version: Mapped[int] = mapped_column(default=0)
    # Bumped on every edit so calendar apps replace the event (iCalendar SEQUENCE).
    sequence: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    course: Mapped["Course"] = relationship()  # noqa: F821
    module: Mapped["Module | None"] = relationship()  # noqa: F821
    sync_lesson: Mapped["Lesson | None"] = relationship()  # noqa: F821
    lecturers: Mapped[list["User"]] = relationship(  # noqa: F821
        secondary=live_session_lecturers, order_by="User.full_name")


class Presence(db.Model):
    """One connection of a person to a room: joined, left (None while connected)."""

    __tablename__ = "live_presences"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    sid: Mapped[str] = mapped_column(sa.String(64), index=True)
    role: Mapped[str] = mapped_column(sa.String(10), default="trainee")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Refreshed by the serving process; bounds an interval whose process died.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Participant(db.Model):
    """A person who has been in a room: muting and first arrival."""

    __tablename__ = "live_participants"
    __table_args__ = (sa.UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    first_joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    is_muted: Mapped[bool] = mapped_column(default=False)
    muted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821


class ChatMessage(db.Model):
    """A chat line in the room or in a breakout group; deleted lines stay in the record."""

    __tablename__ = "live_chat_messages"
    __table_args__ = (sa.UniqueConstraint("session_id", "user_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("live_groups.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(sa.String(10), default="trainee")
    body: Mapped[str] = mapped_column(sa.String(1000))
    # Set by the client so a message re-sent after a reconnect is stored once.
    client_id: Mapped[str | None] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821


class QaQuestion(db.Model):
    """A question asked in the Q&A panel, upvoted by others, marked answered by a lecturer."""

    __tablename__ = "live_qa_questions"
    __table_args__ = (sa.UniqueConstraint("session_id", "user_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(sa.String(500))
    client_id: Mapped[str | None] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    vote_count: Mapped[int] = mapped_column(default=0)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped["User"] = relationship()  # noqa: F821


class QaVote(db.Model):
    """One person's upvote of a Q&A question (at most one each)."""

    __tablename__ = "live_qa_votes"

    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_qa_questions.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Hand(db.Model):
    """A raised hand; the queue is the open ones by time raised."""

    __tablename__ = "live_hands"
    __table_args__ = (
        # One open hand per person: a double click or a replay cannot queue twice.
        sa.Index("uq_live_hands_open", "session_id", "user_id", unique=True,
                 sqlite_where=sa.text("lowered_at IS NULL"),
                 postgresql_where=sa.text("lowered_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lowered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lowered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821


class Poll(db.Model):
    """A poll put to the room: single or multiple choice, maybe anonymous."""

    __tablename__ = "live_polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(sa.String(300))
    options: Mapped[list] = mapped_column(sa.JSON, default=list)
    is_multiple: Mapped[bool] = mapped_column(default=False)
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(sa.String(20), default="open")
    is_published: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PollVote(db.Model):
    """One person's answer to a poll (who answered is never shown for anonymous polls)."""

    __tablename__ = "live_poll_votes"
    __table_args__ = (sa.UniqueConstraint("poll_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(sa.ForeignKey("live_polls.id", ondelete="CASCADE"),
                                         index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    choices: Mapped[list] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
