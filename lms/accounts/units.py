"""Union unit services: the tree of city federation, upper-level and grassroots unions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from lms.accounts import scope
from lms.accounts.csvimport import RowError, UnitRow, parse_units_csv
from lms.audit import record_event
from lms.errors import NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from lms.models import SECTORS, UNIT_KINDS, Unit, User

_KIND_RANK = {kind: rank for rank, kind in enumerate(UNIT_KINDS)}
_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,39}$")


@dataclass(frozen=True)
class UnitData:
    """The editable fields of a union unit."""

    code: str
    name: str
    kind: str
    parent_id: int | None = None
    sector: str | None = None
    member_count: int = 0
    address: str = ""


@dataclass
class UnitImportResult:
    """What a units CSV import did (or would do, on a dry run)."""

    rows: list[UnitRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    written: bool = False


def get_unit(unit_id: int) -> Unit:
    """Return the unit or raise NotFoundError."""
    unit = db.session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError(_l("This union unit does not exist."))
    return unit


def list_units(actor: User) -> list[Unit]:
    """Return the units ``actor`` may see, in tree order (parents before children)."""
    query = scope.scope_units(sa.select(Unit), actor).order_by(Unit.path)
    return list(db.session.scalars(query))


def _kind_problem(kind: str, parent: Unit | None):
    """Return why ``kind`` cannot sit under ``parent``, or None."""
    if kind not in UNIT_KINDS:
        return _l("Unknown unit level.")
    if parent is None and kind != "federation":
        return _l("Only a city federation can be at the top of the tree.")
    if parent is not None and _KIND_RANK[parent.kind] >= _KIND_RANK[kind]:
        return _l("A unit must sit under a unit of a higher level.")
    return None


def _check_unit_data(data: UnitData, *, actor: User | None, existing: Unit | None) -> list:
    """Return every problem with ``data``; an empty list means it can be saved."""
    problems = []
    code = data.code.strip().upper()
    if not _CODE_RE.match(code):
        problems.append(_l("The code may use letters without accents, digits and - _ . "
                           "(at most 40 characters)."))
    else:
        other = db.session.scalar(sa.select(Unit).where(Unit.code == code))
        if other is not None and other is not existing:
            problems.append(_l("Code %(code)s is already used.", code=code))
    if not data.name.strip() or len(data.name) > 200:
        problems.append(_l("The name must have 1 to 200 characters."))
    if data.sector and data.sector not in SECTORS:
        problems.append(_l("Unknown sector."))
    if data.member_count < 0:
        problems.append(_l("The member count cannot be negative."))
    parent = db.session.get(Unit, data.parent_id) if data.parent_id else None
    if data.parent_id and parent is None:
        problems.append(_l("The parent unit does not exist."))
    elif existing is not None and parent is not None and existing.contains(parent):
        problems.append(_l("A unit cannot be placed under itself or its own sub-unit."))
    kind_problem = _kind_problem(data.kind, parent)
    if kind_problem:
        problems.append(kind_problem)
    if actor is not None and actor.role != "admin" and not scope.can_manage_unit(actor, parent):
        problems.append(_l("The parent unit is outside your area."))
    return problems


def create_unit(data: UnitData, *, actor: User | None, ip: str | None = None) -> Unit:
    """Create a unit under its parent after checking the level and the actor's scope."""
    problems = _check_unit_data(data, actor=actor, existing=None)
    if problems:
        raise ValidationError(problems[0], errors=problems)
    unit = _new_unit(data)
    record_event("unit.created", actor=actor, target=unit, ip=ip, code=unit.code)
    db.session.commit()
    return unit


def _new_unit(data: UnitData) -> Unit:
    """Add a unit to the session with its materialized path."""
    parent = db.session.get(Unit, data.parent_id) if data.parent_id else None
    unit = Unit(code=data.code.strip().upper(), name=data.name.strip(), kind=data.kind,
                sector=data.sector or None, member_count=data.member_count,
                address=data.address.strip(), parent_id=parent.id if parent else None)
    db.session.add(unit)
    db.session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    return unit


def update_unit(unit_id: int, data: UnitData, *, actor: User | None,
                ip: str | None = None) -> Unit:
    """Save edits to a unit; moving it re-parents its whole subtree."""
    unit = get_unit(unit_id)
    if not scope.can_manage_unit(actor, unit) or (
            actor is not None and actor.role == "manager" and actor.unit_id == unit.id
            and data.parent_id != unit.parent_id):
        raise PermissionDenied(_l("You may not edit this union unit."))
    problems = _check_unit_data(data, actor=actor, existing=unit)
    if problems:
        raise ValidationError(problems[0], errors=problems)
    unit.code, unit.name, unit.kind = data.code.strip().upper(), data.name.strip(), data.kind
    unit.sector, unit.member_count = data.sector or None, data.member_count
    unit.address = data.address.strip()
    if data.parent_id != unit.parent_id:
        _move(unit, db.session.get(Unit, data.parent_id) if data.parent_id else None)
    record_event("unit.updated", actor=actor, target=unit, ip=ip)
    db.session.commit()
    return unit


def _move(unit: Unit, parent: Unit | None) -> None:
    """Re-parent ``unit`` and rewrite the paths of its descendants."""
    old_path = unit.path
    unit.parent_id = parent.id if parent else None
    new_path = f"{parent.path if parent else '/'}{unit.id}/"
    for descendant in db.session.scalars(sa.select(Unit).where(Unit.path.startswith(old_path))):
        descendant.path = new_path + descendant.path[len(old_path):]


def delete_unit(unit_id: int, *, actor: User | None, ip: str | None = None) -> None:
    """Delete an empty unit (no sub-units, no accounts)."""
    unit = get_unit(unit_id)
    if not scope.can_manage_unit(actor, unit) or (actor and actor.unit_id == unit.id):
        raise PermissionDenied(_l("You may not delete this union unit."))
    has_children = db.session.scalar(sa.select(sa.func.count()).where(Unit.parent_id == unit.id))
    has_users = db.session.scalar(sa.select(sa.func.count()).where(User.unit_id == unit.id))
    if has_children or has_users:
        raise ValidationError(_l("Only a unit without sub-units and accounts can be deleted."))
    record_event("unit.deleted", actor=actor, target=unit, ip=ip, code=unit.code)
    db.session.delete(unit)
    db.session.commit()


def import_units(data: bytes, *, actor: User | None, dry_run: bool,
                 ip: str | None = None) -> UnitImportResult:
    """Import units from CSV: parents may come from the database or earlier/later rows."""
    rows, errors = parse_units_csv(data)
    result = UnitImportResult(rows=rows, errors=list(errors))
    if errors:  # parents may sit in bad rows: check the tree only once every row parses
        result.rows = []
        return result
    ordered, result.errors = _order_rows(rows, actor=actor)
    if result.errors or dry_run:
        result.rows = ordered if not result.errors else []
        return result
    for row in ordered:
        parent = db.session.scalar(sa.select(Unit).where(Unit.code == row.parent_code))
        _new_unit(UnitData(code=row.code, name=row.name, kind=row.kind,
                           parent_id=parent.id if parent else None, sector=row.sector,
                           member_count=row.member_count, address=row.address))
    record_event("unit.imported", actor=actor, ip=ip, count=len(ordered))
    db.session.commit()
    result.written = True
    return result


def _order_rows(rows: list[UnitRow], *, actor: User | None) -> tuple[list[UnitRow], list]:
    """Sort rows parents-first and check codes, parents, levels and scope."""
    existing = {u.code: u for u in db.session.scalars(sa.select(Unit))}
    by_code = {row.code: row for row in rows}
    errors, ordered, placed = [], [], set()

    def kind_of(code):
        return by_code[code].kind if code in by_code else existing[code].kind

    for row in rows:
        if row.code in existing:
            errors.append(RowError(row.line, _l("Code %(code)s is already used.", code=row.code)))
        elif row.parent_code and row.parent_code not in existing | by_code.keys():
            errors.append(RowError(row.line, _l("Parent unit %(code)s does not exist.",
                                                code=row.parent_code)))
        elif (not row.parent_code and row.kind != "federation") or (
                row.parent_code and _KIND_RANK[kind_of(row.parent_code)] >= _KIND_RANK[row.kind]):
            errors.append(RowError(row.line, _l("A unit must sit under a unit of a higher "
                                                "level.")))
        elif actor is not None and actor.role != "admin" and not scope.can_manage_unit(
                actor, existing.get(_root_in_db(row, by_code, existing))):
            errors.append(RowError(row.line, _l("Unit %(code)s is outside your area.",
                                                code=row.code)))
    while not errors and len(ordered) < len(rows):
        for row in rows:
            if row.code not in placed and (row.parent_code in existing or not row.parent_code
                                           or row.parent_code in placed):
                ordered.append(row)
                placed.add(row.code)
    return ordered, errors


def _root_in_db(row: UnitRow, by_code: dict, existing: dict) -> str | None:
    """Return the code of the nearest ancestor of ``row`` that already exists in the DB."""
    code = row.parent_code
    seen = set()
    while code in by_code and code not in seen:
        seen.add(code)
        code = by_code[code].parent_code
    return code if code in existing else None
