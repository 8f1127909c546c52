"""Quizzes in the database: the question bank, quizzes and attempts, scenarios and their runs.

An attempt keeps a snapshot of every question it was given (type, texts, key, citations), so
editing or re-importing the bank never changes an attempt already taken, and answers are
graded against the version the trainee saw. Content identity is the slug within a course.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.timeutil import UTCDateTime, utcnow

ATTEMPT_STATES = ("in_progress", "submitted", "abandoned")
PLAY_STATES = ("in_progress", "finished", "abandoned")


class Question(db.Model):
    """A bank question of a course; ``data`` holds its type's fields as the YAML writes them."""

    __tablename__ = "questions"
    __table_args__ = (sa.UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    slug: Mapped[str] = mapped_column(sa.String(80))
    category: Mapped[str] = mapped_column(sa.String(200), index=True)
    # The bank file (stem) the question is written to on export: one file per category.
    bank_file: Mapped[str] = mapped_column(sa.String(80), default="")
    position: Mapped[int] = mapped_column(default=0)
    type: Mapped[str] = mapped_column(sa.String(30))
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    points: Mapped[float] = mapped_column(default=1)
    tags: Mapped[list] = mapped_column(sa.JSON, default=list)
    citations: Mapped[list] = mapped_column(sa.JSON, default=list)
    text_md: Mapped[str] = mapped_column(sa.Text, default="")
    feedback_md: Mapped[str] = mapped_column(sa.Text, default="")
    data: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class QuestionCitation(db.Model):
    """An article cited anywhere in a question (an index rebuilt whenever it is saved)."""

    __tablename__ = "question_citations"

    question_id: Mapped[int] = mapped_column(sa.ForeignKey("questions.id", ondelete="CASCADE"),
                                             primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("law_articles.id",
                                                          ondelete="CASCADE"),
                                            primary_key=True, index=True)


class Quiz(db.Model):
    """A quiz placed in a module: settings, review options and question references."""

    __tablename__ = "quizzes"
    __table_args__ = (sa.UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    # SET NULL: a module dropped by a content import must not take attempts with it; the
    # import (or the lecturer) places the activity in a module again.
    module_id: Mapped[int | None] = mapped_column(sa.ForeignKey("course_modules.id",
                                                                ondelete="SET NULL"),
                                                  index=True)
    slug: Mapped[str] = mapped_column(sa.String(80))
    title: Mapped[str] = mapped_column(sa.String(200))
    intro_md: Mapped[str] = mapped_column(sa.Text, default="")
    time_limit_minutes: Mapped[int] = mapped_column(default=0)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts_allowed: Mapped[int] = mapped_column(default=0)
    grading_method: Mapped[str] = mapped_column(sa.String(20), default="highest")
    pass_mark: Mapped[float] = mapped_column(default=50)
    shuffle_questions: Mapped[bool] = mapped_column(default=False)
    shuffle_options: Mapped[bool] = mapped_column(default=True)
    overdue_policy: Mapped[str] = mapped_column(sa.String(20), default="autosubmit")
    review: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    questions: Mapped[list] = mapped_column(sa.JSON, default=list)
    is_published: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    course: Mapped["Course"] = relationship()  # noqa: F821
    module: Mapped["Module | None"] = relationship()  # noqa: F821


class QuizAttempt(db.Model):
    """One trainee's attempt at a quiz; its deadline is stored and enforced on every save."""

    __tablename__ = "quiz_attempts"
    __table_args__ = (sa.UniqueConstraint("quiz_id", "user_id", "number"),
                      sa.Index("ix_quiz_attempts_state_deadline", "state", "deadline"))

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quizzes.id", ondelete="CASCADE"),
                                         index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    number: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(sa.String(20), default="in_progress")
    seed: Mapped[int] = mapped_column(sa.BigInteger)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_by: Mapped[str] = mapped_column(sa.String(20), default="")
    # The sequence number of the last save committed; a save with a number not above it is
    # a replay and changes nothing.
    last_seq: Mapped[int] = mapped_column(default=0)
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mark: Mapped[float | None]
    max_mark: Mapped[float] = mapped_column(default=0)
    percent: Mapped[float | None]
    needs_grading: Mapped[bool] = mapped_column(default=False)

    quiz: Mapped[Quiz] = relationship()
    user: Mapped["User"] = relationship()  # noqa: F821
    slots: Mapped[list[AttemptSlot]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="AttemptSlot.position")


class AttemptSlot(db.Model):
    """A question as given in one attempt, with the trainee's response and its grade."""

    __tablename__ = "attempt_slots"
    __table_args__ = (sa.UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz_attempts.id",
                                                          ondelete="CASCADE"), index=True)
    position: Mapped[int]
    question_id: Mapped[int | None] = mapped_column(sa.ForeignKey("questions.id",
                                                                  ondelete="SET NULL"),
                                                    index=True)
    question_slug: Mapped[str] = mapped_column(sa.String(80))
    snapshot: Mapped[dict] = mapped_column(sa.JSON)
    max_mark: Mapped[float] = mapped_column(default=1)
    response: Mapped[dict | None] = mapped_column(sa.JSON)
    saved_seq: Mapped[int] = mapped_column(default=0)
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fraction: Mapped[float | None]
    grade_state: Mapped[str] = mapped_column(sa.String(20), default="unanswered")
    auto_feedback: Mapped[list] = mapped_column(sa.JSON, default=list)
    grader_comment: Mapped[str] = mapped_column(sa.Text, default="")
    graded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                   ondelete="SET NULL"))
    graded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    attempt: Mapped[QuizAttempt] = relationship(back_populates="slots")

    @property
    def mark(self) -> float | None:
        """Return the marks earned (fraction x max mark), None while ungraded."""
        return None if self.fraction is None else round(self.fraction * self.max_mark, 4)


class ScenarioActivity(db.Model):
    """A branching scenario placed in a module: the valid definition trainees play, a draft."""

    __tablename__ = "scenarios"
    __table_args__ = (sa.UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    # SET NULL: a module dropped by a content import must not take attempts with it; the
    # import (or the lecturer) places the activity in a module again.
    module_id: Mapped[int | None] = mapped_column(sa.ForeignKey("course_modules.id",
                                                                ondelete="SET NULL"),
                                                  index=True)
    slug: Mapped[str] = mapped_column(sa.String(80))
    title: Mapped[str] = mapped_column(sa.String(200))
    summary_md: Mapped[str] = mapped_column(sa.Text, default="")
    scoring: Mapped[str] = mapped_column(sa.String(20), default="path_sum")
    pass_mark: Mapped[float] = mapped_column(default=60)
    # The scenario file (YAML) trainees play; always valid. ``draft`` is the lecturer's
    # work in progress, which may have errors, until it is published.
    definition: Mapped[str] = mapped_column(sa.Text)
    draft: Mapped[str | None] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(default=1)
    is_published: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    course: Mapped["Course"] = relationship()  # noqa: F821
    module: Mapped["Module | None"] = relationship()  # noqa: F821


class ScenarioCitation(db.Model):
    """An article cited anywhere in a scenario (rebuilt whenever it is published)."""

    __tablename__ = "scenario_citations"

    scenario_id: Mapped[int] = mapped_column(sa.ForeignKey("scenarios.id", ondelete="CASCADE"),
                                             primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("law_articles.id",
                                                          ondelete="CASCADE"),
                                            primary_key=True, index=True)


class ScenarioPlay(db.Model):
    """One run of a scenario by a trainee: where they are, their score, how it ended."""

    __tablename__ = "scenario_plays"
    __table_args__ = (sa.UniqueConstraint("scenario_id", "user_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[int] = mapped_column(sa.ForeignKey("scenarios.id", ondelete="CASCADE"),
                                             index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    number: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(sa.String(20), default="in_progress")
    scenario_version: Mapped[int] = mapped_column(default=1)
    engine_state: Mapped[dict] = mapped_column(sa.JSON)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float] = mapped_column(default=0)
    percent: Mapped[float | None]
    passed: Mapped[bool | None]
    outcome: Mapped[str | None] = mapped_column(sa.String(20))
    end_node: Mapped[str | None] = mapped_column(sa.String(80))
    # Optimistic lock: two tabs acting on the same run cannot both apply their step.
    lock_version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": lock_version}

    scenario: Mapped[ScenarioActivity] = relationship()
    user: Mapped["User"] = relationship()  # noqa: F821
    steps: Mapped[list[ScenarioStep]] = relationship(
        back_populates="play", cascade="all, delete-orphan", order_by="ScenarioStep.id")


class ScenarioStep(db.Model):
    """A recorded decision (or answered check): node, choice, time, score, variables after."""

    __tablename__ = "scenario_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    play_id: Mapped[int] = mapped_column(sa.ForeignKey("scenario_plays.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int]
    node_id: Mapped[str] = mapped_column(sa.String(80))
    choice_id: Mapped[int | None]
    choice_text: Mapped[str] = mapped_column(sa.Text, default="")
    score_delta: Mapped[float] = mapped_column(default=0)
    variables_after: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    feedback_md: Mapped[str] = mapped_column(sa.Text, default="")
    response: Mapped[dict | None] = mapped_column(sa.JSON)
    fraction: Mapped[float | None]
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when the trainee stepped back past this decision; the record is kept.
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    play: Mapped[ScenarioPlay] = relationship(back_populates="steps")
