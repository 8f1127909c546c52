"""Who may manage whom: admins everything, managers only inside their unit's subtree."""
from __future__ import annotations

import sqlalchemy as sa

from lms.models import Unit, User

MANAGER_ASSIGNABLE_ROLES = ("trainee", "lecturer")


def assignable_roles(actor: User | None) -> tuple[str, ...]:
    """Return the roles ``actor`` may give (None means the command line: all roles)."""
    if actor is None or actor.role == "admin":
        return ("admin", "manager", "lecturer", "trainee")
    if actor.role == "manager":
        return MANAGER_ASSIGNABLE_ROLES
    return ()


def can_manage_unit(actor: User | None, unit: Unit | None) -> bool:
    """Return True when ``actor`` may act on ``unit`` (None: a unit-less record)."""
    if actor is None or actor.role == "admin":
        return True
    if actor.role != "manager" or actor.unit is None or unit is None:
        return False
    return actor.unit.contains(unit)


def can_manage_user(actor: User | None, user: User) -> bool:
    """Return True when ``actor`` may edit ``user``."""
    if actor is None or actor.role == "admin":
        return True
    if actor.role != "manager" or user.id == actor.id:
        return False
    return user.role in MANAGER_ASSIGNABLE_ROLES and can_manage_unit(actor, user.unit)


def scope_users(query: sa.Select, actor: User) -> sa.Select:
    """Restrict a select of users to those ``actor`` may see."""
    if actor.role == "admin":
        return query
    if actor.role == "manager" and actor.unit is not None:
        return query.join(User.unit).where(Unit.path.startswith(actor.unit.path))
    return query.where(sa.false())


def scope_units(query: sa.Select, actor: User) -> sa.Select:
    """Restrict a select of units to those ``actor`` may see."""
    if actor.role == "admin":
        return query
    if actor.role == "manager" and actor.unit is not None:
        return query.where(Unit.path.startswith(actor.unit.path))
    return query.where(sa.false())
