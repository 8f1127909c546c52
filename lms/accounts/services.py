"""User account services: create, edit, (de)activate, authenticate, change password, import."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from lms.accounts import scope
from lms.accounts.csvimport import EMAIL_RE, RowError, UserRow, parse_users_csv
from lms.accounts.passwords import password_problems
from lms.audit import record_event
from lms.errors import NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from lms.models import CADRE_TYPES, POSITIONS, ROLES, Unit, User, new_session_token
from lms.signals import user_sessions_revoked
from lms.timeutil import utcnow


@dataclass(frozen=True)
class UserData:
    """The editable fields of an account, as entered in a form or a command."""

    email: str
    full_name: str
    role: str = "trainee"
    unit_id: int | None = None
    position: str | None = None
    cadre_type: str | None = None


@dataclass
class ImportResult:
    """What a CSV import did (or would do, on a dry run)."""

    rows: list[UserRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    generated_passwords: dict[str, str] = field(default_factory=dict)
    written: bool = False


def get_user(user_id: int) -> User:
    """Return the user or raise NotFoundError."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFoundError(_l("This account does not exist."))
    return user


def find_user_by_email(email: str) -> User | None:
    """Return the user with this email (case-insensitive), if any."""
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def _check_user_data(data: UserData, *, actor: User | None, existing: User | None) -> list:
    """Return every problem with ``data`` for this actor; an empty list means valid."""
    problems = []
    email = data.email.strip().lower()
    if not EMAIL_RE.match(email):
        problems.append(_l("Email “%(email)s” is not valid.", email=data.email))
    else:
        other = find_user_by_email(email)
        if other is not None and other is not existing:
            problems.append(_l("Email %(email)s is already used by another account.",
                               email=email))
    if not data.full_name.strip() or len(data.full_name.strip()) > 120:
        problems.append(_l("The full name must have 1 to 120 characters."))
    if data.role not in ROLES:
        problems.append(_l("Unknown role."))
    elif data.role not in scope.assignable_roles(actor) and (
            existing is None or existing.role != data.role):
        problems.append(_l("You may not give this role."))
    if data.position and data.position not in POSITIONS:
        problems.append(_l("Unknown position."))
    if data.cadre_type and data.cadre_type not in CADRE_TYPES:
        problems.append(_l("Unknown cadre type."))
    problems.extend(_check_unit(data.unit_id, actor=actor))
    return problems


def _check_unit(unit_id: int | None, *, actor: User | None) -> list:
    """Return problems with assigning ``unit_id`` (exists, inside the actor's scope)."""
    if unit_id is None:
        return [] if actor is None or actor.role == "admin" else [_l("Choose a union unit.")]
    unit = db.session.get(Unit, unit_id)
    if unit is None:
        return [_l("This union unit does not exist.")]
    if not scope.can_manage_unit(actor, unit):
        return [_l("This union unit is outside your area.")]
    return []


def create_user(data: UserData, *, password: str, actor: User | None,
                must_change_password: bool = False, ip: str | None = None) -> User:
    """Create an account after checking every field and the password policy."""
    problems = _check_user_data(data, actor=actor, existing=None)
    problems += password_problems(password, email=data.email, full_name=data.full_name)
    if problems:
        raise ValidationError(problems[0], errors=problems)
    user = User(email=data.email.strip().lower(), full_name=data.full_name.strip(),
                role=data.role, unit_id=data.unit_id, position=data.position or None,
                cadre_type=data.cadre_type or None, must_change_password=must_change_password)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record_event("user.created", actor=actor, target=user, ip=ip, role=user.role)
    db.session.commit()
    return user


def update_user(user_id: int, data: UserData, *, actor: User | None,
                ip: str | None = None) -> User:
    """Save edits to an account; a role change is audit-logged and ends its sessions."""
    user = get_user(user_id)
    if not scope.can_manage_user(actor, user):
        raise PermissionDenied(_l("You may not edit this account."))
    problems = _check_user_data(data, actor=actor, existing=user)
    if actor is not None and actor.id == user.id and data.role != user.role:
        problems.append(_l("You cannot change your own role."))
    if problems:
        raise ValidationError(problems[0], errors=problems)
    old_role = user.role
    user.email, user.full_name = data.email.strip().lower(), data.full_name.strip()
    user.role, user.unit_id = data.role, data.unit_id
    user.position, user.cadre_type = data.position or None, data.cadre_type or None
    record_event("user.updated", actor=actor, target=user, ip=ip)
    if old_role != user.role:
        user.session_token = new_session_token()
        record_event("user.role_changed", actor=actor, target=user, ip=ip,
                     old_role=old_role, new_role=user.role)
    db.session.commit()
    if old_role != user.role:
        user_sessions_revoked.send(user.id)
    return user


def set_user_active(user_id: int, active: bool, *, actor: User | None,
                    ip: str | None = None) -> User:
    """Activate or deactivate an account; deactivation ends its sessions at once."""
    user = get_user(user_id)
    if not scope.can_manage_user(actor, user):
        raise PermissionDenied(_l("You may not edit this account."))
    if actor is not None and actor.id == user.id:
        raise ValidationError(_l("You cannot deactivate your own account."))
    user.is_active_account = active
    if not active:
        user.session_token = new_session_token()
    record_event("user.activated" if active else "user.deactivated", actor=actor, target=user,
                 ip=ip)
    db.session.commit()
    if not active:
        user_sessions_revoked.send(user.id)
    return user


def authenticate(email: str, password: str, *, ip: str | None = None) -> User | None:
    """Return the active user with these credentials; log a failure in the audit log."""
    user = find_user_by_email(email)
    if user is not None and user.is_active_account and user.check_password(password):
        user.last_login_at = utcnow()
        record_event("auth.login", actor=user, target=user, ip=ip)
        db.session.commit()
        return user
    reason = "unknown_email" if user is None else (
        "inactive" if not user.is_active_account else "bad_password")
    record_event("auth.login_failed", target=user, ip=ip, email=email[:254], reason=reason)
    db.session.commit()
    return None


def change_password(user: User, *, current: str, new: str, ip: str | None = None) -> None:
    """Replace the password after checking the current one; other sessions end."""
    if not user.check_password(current):
        raise ValidationError(_l("The current password is not correct."))
    problems = password_problems(new, email=user.email, full_name=user.full_name)
    if current == new:
        problems.append(_l("The new password must differ from the current one."))
    if problems:
        raise ValidationError(problems[0], errors=problems)
    user.set_password(new)
    user.must_change_password = False
    user.session_token = new_session_token()
    record_event("auth.password_changed", actor=user, target=user, ip=ip)
    db.session.commit()
    user_sessions_revoked.send(user.id)


def revoke_sessions(user: User) -> None:
    """End every session of ``user`` (used on logout)."""
    user.session_token = new_session_token()
    db.session.commit()
    user_sessions_revoked.send(user.id)


def import_users(data: bytes, *, actor: User | None, dry_run: bool,
                 ip: str | None = None) -> ImportResult:
    """Import trainees from CSV: validate every row first, then write all or nothing."""
    rows, errors = parse_users_csv(data)
    # Rows that parsed are checked against the database too, so one run reports everything.
    errors = sorted([*errors, *_check_rows_against_db(rows, actor=actor)], key=lambda e: e.line)
    result = ImportResult(rows=rows, errors=errors)
    if result.errors or dry_run:
        result.rows = rows if not result.errors else []
        return result
    units = {u.code: u for u in db.session.scalars(sa.select(Unit))}
    for row in rows:
        password = row.password or _temporary_password()
        if not row.password:
            result.generated_passwords[row.email] = password
        user = User(email=row.email, full_name=row.full_name, role=row.role,
                    unit_id=units[row.unit_code.upper()].id, position=row.position,
                    cadre_type=row.cadre_type, must_change_password=not row.password)
        user.set_password(password)
        db.session.add(user)
    record_event("user.imported", actor=actor, ip=ip, count=len(rows))
    db.session.commit()
    result.written = True
    return result


def _check_rows_against_db(rows: list[UserRow], *, actor: User | None) -> list[RowError]:
    """Report rows whose email is taken, unit unknown or outside scope, or password weak."""
    errors = []
    units = {u.code: u for u in db.session.scalars(sa.select(Unit))}
    taken = set(db.session.scalars(sa.select(User.email).where(
        User.email.in_([row.email for row in rows]))))
    allowed_roles = scope.assignable_roles(actor)
    for row in rows:
        unit = units.get(row.unit_code.upper())
        if row.email in taken:
            errors.append(RowError(row.line, _l("Email %(email)s is already used by another "
                                                "account.", email=row.email)))
        if unit is None:
            errors.append(RowError(row.line, _l("Unit code %(code)s does not exist.",
                                                code=row.unit_code)))
        elif not scope.can_manage_unit(actor, unit):
            errors.append(RowError(row.line, _l("Unit %(code)s is outside your area.",
                                                code=row.unit_code)))
        if row.role not in allowed_roles:
            errors.append(RowError(row.line, _l("You may not give this role.")))
        for problem in (password_problems(row.password, email=row.email,
                                          full_name=row.full_name) if row.password else []):
            errors.append(RowError(row.line, problem))
    return errors


def _temporary_password() -> str:
    """Return a random first password for an imported account (changed at first login)."""
    return secrets.token_urlsafe(9)
