"""Core models: users, union units and the security audit log."""
from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from lms.extensions import db
from lms.textfold import fold
from lms.timeutil import UTCDateTime, utcnow

ROLES = ("admin", "manager", "lecturer", "trainee")
POSITIONS = ("chu_tich", "pho_chu_tich", "uy_vien_bch", "to_truong", "can_bo_chuyen_trach",
             "doan_vien")
CADRE_TYPES = ("chuyen_trach", "khong_chuyen_trach")
UNIT_KINDS = ("federation", "upper", "grassroots")
SECTORS = ("state", "non_state", "public_service")


def new_session_token() -> str:
    """Return a fresh random token; changing it ends every session of the user."""
    return secrets.token_urlsafe(16)


class Unit(db.Model):
    """A union unit in the tree: city federation -> upper-level unions -> grassroots unions."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(20))
    sector: Mapped[str | None] = mapped_column(sa.String(20))
    member_count: Mapped[int] = mapped_column(default=0)
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"),
                                                  index=True)
    # Materialized path "/1/4/9/" makes "is inside this subtree" a prefix test.
    path: Mapped[str] = mapped_column(sa.String(400), index=True, default="/")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent", order_by="Unit.name")

    @property
    def depth(self) -> int:
        """Return how many ancestors this unit has."""
        return self.path.count("/") - 2

    def contains(self, other: Unit | None) -> bool:
        """Return True when ``other`` is this unit or one of its descendants."""
        return other is not None and other.path.startswith(self.path)


class User(UserMixin, db.Model):
    """A person who signs in: admin, training manager, lecturer or trainee."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(20), default="trainee", index=True)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="SET NULL"),
                                                index=True)
    position: Mapped[str | None] = mapped_column(sa.String(30))
    cadre_type: Mapped[str | None] = mapped_column(sa.String(30))
    is_active_account: Mapped[bool] = mapped_column("is_active", default=True)
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    session_token: Mapped[str] = mapped_column(sa.String(32), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Name and email folded (no case, no diacritics) so "nguyen van an" finds "Nguyễn Văn An";
    # kept up to date by the flush hook below.
    search_key: Mapped[str] = mapped_column(sa.String(400), default="", server_default="")

    unit: Mapped[Unit | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        """Return whether the account may sign in."""
        return self.is_active_account

    def get_id(self) -> str:
        """Return the session identity: id plus token, so a token change ends old sessions."""
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str) -> None:
        """Hash and store a new password (werkzeug scrypt unless configured otherwise)."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """Return True when ``password`` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles: str) -> bool:
        """Return True when the user has one of ``roles``."""
        return self.role in roles


class AuditLog(db.Model):
    """A security-relevant event: login failure, role change, deactivation, publication."""

    __tablename__ = "audit_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(sa.String(60), index=True)
    target_type: Mapped[str | None] = mapped_column(sa.String(40))
    target_id: Mapped[int | None]
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    ip: Mapped[str | None] = mapped_column(sa.String(45))

    actor: Mapped[User | None] = relationship()


def user_search_key(full_name: str | None, email: str | None) -> str:
    """Return the folded text that account searches match against."""
    return fold(f"{full_name or ''} {email or ''}")


def user_search_filter(query: str):
    """Return a WHERE clause matching users whose name or email contains ``query`` (folded)."""
    return User.search_key.contains(fold(query), autoescape=True)


@sa.event.listens_for(User, "before_insert")
@sa.event.listens_for(User, "before_update")
def _refresh_search_key(_mapper, _connection, user: User) -> None:
    """Keep ``search_key`` in step with the name and email at every flush."""
    user.search_key = user_search_key(user.full_name, user.email)
