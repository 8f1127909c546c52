"""Live classroom records for breakout groups and the live quiz (questions and scenarios)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.timeutil import UTCDateTime, utcnow

BREAKOUT_MODES = ("random", "unit")
ITEM_KINDS = ("question", "decision", "check")
ITEM_STATES = ("open", "closed")
FOLLOW_MODES = ("majority", "lecturer")


class Breakout(db.Model):
    """One split of the room into groups, from start to recall."""

    __tablename__ = "live_breakouts"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(sa.String(20))
    roles: Mapped[list] = mapped_column(sa.JSON, default=list)
    started_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    groups: Mapped[list[BreakoutGroup]] = relationship(
        back_populates="breakout", order_by="BreakoutGroup.number")


class BreakoutGroup(db.Model):
    """A group of a breakout; ``help_requested_at`` is set while it calls the lecturer."""

    __tablename__ = "live_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    breakout_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_breakouts.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(80))
    help_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    breakout: Mapped[Breakout] = relationship(back_populates="groups")
    members: Mapped[list[GroupMember]] = relationship(back_populates="group",
                                                      order_by="GroupMember.id")


class GroupMember(db.Model):
    """A person placed in a group, with an optional role card for a role-play."""

    __tablename__ = "live_group_members"
    __table_args__ = (sa.UniqueConstraint("breakout_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    breakout_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_breakouts.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("live_groups.id", ondelete="CASCADE"),
                                          index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    role_card: Mapped[str] = mapped_column(sa.String(80), default="")

    group: Mapped[BreakoutGroup] = relationship(back_populates="members")
    user: Mapped["User"] = relationship()  # noqa: F821


class ScenarioRun(db.Model):
    """A branching scenario played by the whole class, one shared path."""

    __tablename__ = "live_scenario_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    scenario_slug: Mapped[str] = mapped_column(sa.String(80))
    title: Mapped[str] = mapped_column(sa.String(200))
    # The scenario as it was when the run started (YAML), so a re-import cannot break it.
    source: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[dict] = mapped_column(sa.JSON)
    follow: Mapped[str] = mapped_column(sa.String(20), default="majority")
    # What the class saw last: the choice taken, its feedback and articles.
    last_outcome: Mapped[dict | None] = mapped_column(sa.JSON)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))


class QuizItem(db.Model):
    """A bank question or a scenario decision pushed to the room with a timer."""

    __tablename__ = "live_quiz_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("live_scenario_runs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    source: Mapped[str] = mapped_column(sa.String(200))
    title: Mapped[str] = mapped_column(sa.String(300))
    # What trainees see (type, prompt HTML, options) and what grades answers (never sent).
    public: Mapped[dict] = mapped_column(sa.JSON)
    key: Mapped[dict] = mapped_column(sa.JSON)
    time_limit_s: Mapped[int]
    state: Mapped[str] = mapped_column(sa.String(20), default="open", index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    results: Mapped[dict | None] = mapped_column(sa.JSON)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))


class QuizAnswer(db.Model):
    """One trainee's answer to a live item: recorded once, with its speed-weighted points."""

    __tablename__ = "live_quiz_answers"
    __table_args__ = (sa.UniqueConstraint("item_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("live_quiz_items.id", ondelete="CASCADE"),
                                         index=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    response: Mapped[dict] = mapped_column(sa.JSON)
    # The option voted for (choice questions and decisions), for the distribution.
    choice_key: Mapped[str] = mapped_column(sa.String(40), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    elapsed_ms: Mapped[int]
    fraction: Mapped[float | None]
    is_correct: Mapped[bool] = mapped_column(default=False)
    points: Mapped[int] = mapped_column(default=0)
    # Correct answers in a row including this one (Kahoot streak), known after the close.
    streak: Mapped[int] = mapped_column(default=0)

    user: Mapped["User"] = relationship()  # noqa: F821
