"""Grade items (one column of the gradebook) and grades (one cell)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.timeutil import UTCDateTime, utcnow

ITEM_KINDS = ("quiz", "scenario", "live_quiz", "attendance", "manual")


class GradeItem(db.Model):
    """A graded activity of a course, identified by a ``key`` such as ``quiz:12``."""

    __tablename__ = "grade_items"
    __table_args__ = (sa.UniqueConstraint("course_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    key: Mapped[str] = mapped_column(sa.String(80))
    kind: Mapped[str] = mapped_column(sa.String(20))
    title: Mapped[str] = mapped_column(sa.String(200))
    # Percent needed to pass; None: the item is recorded but has no pass/fail of its own.
    pass_mark: Mapped[float | None]
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    grades: Mapped[list[Grade]] = relationship(back_populates="item",
                                               cascade="all, delete-orphan")


class Grade(db.Model):
    """One trainee's grade on one item, in percent; None while it waits for a lecturer."""

    __tablename__ = "grades"
    __table_args__ = (sa.UniqueConstraint("item_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("grade_items.id", ondelete="CASCADE"),
                                         index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    percent: Mapped[float | None]
    passed: Mapped[bool | None]
    detail: Mapped[str] = mapped_column(sa.String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    item: Mapped[GradeItem] = relationship(back_populates="grades")
    user: Mapped["User"] = relationship()  # noqa: F821
