"""Parse CSV files of trainees and of union units into rows, reporting every bad line.

Pure: bytes in, frozen rows and errors out. Checks that need the database (an email already
taken, a unit that does not exist, a manager's scope) are done by the services.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from lms.models import CADRE_TYPES, POSITIONS, ROLES, SECTORS, UNIT_KINDS
from lms.textfold import fold

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    """One problem in a CSV file: the line (1 = header) and what is wrong."""

    line: int
    message: object  # a lazy translatable string


@dataclass(frozen=True)
class UserRow:
    """A valid trainee row."""

    line: int
    full_name: str
    email: str
    unit_code: str
    position: str | None
    cadre_type: str | None
    role: str
    password: str


@dataclass(frozen=True)
class UnitRow:
    """A valid union-unit row."""

    line: int
    code: str
    name: str
    parent_code: str
    kind: str
    sector: str | None
    member_count: int
    address: str


# Header aliases (folded): the canonical field names, their Vietnamese and English forms.
USER_HEADERS = {
    "full_name": {"full_name", "ho va ten", "ho ten", "name", "full name"},
    "email": {"email", "e-mail", "thu dien tu"},
    "unit_code": {"unit_code", "unit", "ma don vi", "don vi"},
    "position": {"position", "chuc vu"},
    "cadre_type": {"cadre_type", "loai can bo", "cadre type"},
    "role": {"role", "vai tro"},
    "password": {"password", "mat khau"},
}
UNIT_HEADERS = {
    "code": {"code", "ma", "ma don vi"},
    "name": {"name", "ten", "ten don vi"},
    "parent_code": {"parent_code", "parent", "don vi cap tren", "ma cap tren"},
    "kind": {"kind", "cap", "loai"},
    "sector": {"sector", "khu vuc"},
    "member_count": {"member_count", "so doan vien", "members"},
    "address": {"address", "dia chi"},
}
VALUE_ALIASES = {
    "position": {
        "chu_tich": {"chu tich", "chu tich cdcs", "chair"},
        "pho_chu_tich": {"pho chu tich", "pho chu tich cdcs", "vice-chair", "vice chair"},
        "uy_vien_bch": {"uy vien bch", "uy vien ban chap hanh", "committee member"},
        "to_truong": {"to truong", "to truong cong doan", "group leader"},
        "can_bo_chuyen_trach": {"can bo chuyen trach", "full-time official"},
        "doan_vien": {"doan vien", "member", "union member"},
    },
    "cadre_type": {
        "chuyen_trach": {"chuyen trach", "full-time", "full time"},
        "khong_chuyen_trach": {"khong chuyen trach", "kiem nhiem", "part-time", "part time"},
    },
    "role": {
        "trainee": {"hoc vien", "trainee"},
        "lecturer": {"giang vien", "lecturer"},
        "manager": {"can bo quan ly", "quan ly", "manager"},
        "admin": {"quan tri", "quan tri vien", "admin"},
    },
    "kind": {
        "federation": {"lien doan", "ldld", "federation"},
        "upper": {"cap tren", "cong doan cap tren", "upper"},
        "grassroots": {"co so", "cdcs", "cong doan co so", "grassroots"},
    },
    "sector": {
        "state": {"nha nuoc", "state"},
        "non_state": {"ngoai nha nuoc", "non-state", "non state"},
        "public_service": {"su nghiep", "don vi su nghiep", "public service"},
    },
}
_VALID = {"position": POSITIONS, "cadre_type": CADRE_TYPES, "role": ROLES, "kind": UNIT_KINDS,
          "sector": SECTORS}


def normalise_code(field: str, value: str) -> str | None:
    """Map a code or a Vietnamese/English label to its stored code, or None if unknown."""
    folded = fold(value)
    if folded.replace(" ", "_") in _VALID[field]:
        return folded.replace(" ", "_")
    for code, aliases in VALUE_ALIASES[field].items():
        if folded in aliases:
            return code
    return None


def _decode(data: bytes) -> str:
    """Decode UTF-8 (with or without the BOM Excel writes) or raise ValueError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(_l("The file is not UTF-8. Save it again as “CSV UTF-8”.")) from None


def _records(data: bytes, headers: dict) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Read the header and rows; return (line, {field: value}) records and header errors."""
    try:
        text = _decode(data)
    except ValueError as exc:
        return [], [RowError(0, exc.args[0])]
    sample = text[:4096]
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        pass
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        return [], [RowError(1, _l("The file is empty or has no header row."))]
    columns, errors = _map_header(header, headers)
    if errors:
        return [], errors
    records = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        record = {field: (values[i].strip() if i < len(values) else "")
                  for field, i in columns.items()}
        records.append((reader.line_num, record))
        if len(records) > MAX_ROWS:
            return [], [RowError(reader.line_num, _l("The file has more than %(n)d rows.", n=MAX_ROWS))]
    if not records:
        errors.append(RowError(1, _l("The file has no data rows.")))
    return records, errors


def _map_header(header: list[str], headers: dict) -> tuple[dict, list[RowError]]:
    """Match header cells to field names; report unknown or missing columns."""
    columns: dict[str, int] = {}
    errors = []
    for index, cell in enumerate(header):
        folded = fold(cell)
        field = next((f for f, aliases in headers.items() if folded in aliases), None)
        if field is None:
            errors.append(RowError(1, _l("Column “%(name)s” is not supported.", name=cell)))
        elif field in columns:
            errors.append(RowError(1, _l("Column “%(name)s” appears twice.", name=cell)))
        else:
            columns[field] = index
    return columns, errors


def parse_users_csv(data: bytes) -> tuple[list[UserRow], list[RowError]]:
    """Parse a trainees CSV: the valid rows, and every bad row reported with its line."""
    records, errors = _records(data, USER_HEADERS)
    if errors:
        return [], errors
    missing = {"full_name", "email", "unit_code"} - set(records[0][1])
    if missing:
        return [], [RowError(1, _l("Required columns are missing: %(names)s.", names=", ".join(sorted(missing))))]
    rows, seen = [], {}
    for line, record in records:
        row, row_errors = _user_row(line, record)
        errors.extend(row_errors)
        if row is None:
            continue
        if row.email in seen:
            errors.append(RowError(line, _l("Email %(email)s repeats line %(line)d.", email=row.email, line=seen[row.email])))
            continue
        seen[row.email] = line
        rows.append(row)
    return rows, errors


def _user_row(line: int, record: dict) -> tuple[UserRow | None, list[RowError]]:
    """Validate one trainee record."""
    errors = []
    name = record.get("full_name", "")
    email = record.get("email", "").lower()
    if not name:
        errors.append(RowError(line, _l("The full name is missing.")))
    elif len(name) > 120:
        errors.append(RowError(line, _l("The full name is longer than 120 characters.")))
    if not EMAIL_RE.match(email):
        errors.append(RowError(line, _l("Email “%(email)s” is not valid.", email=record.get("email", ""))))
    if not record.get("unit_code"):
        errors.append(RowError(line, _l("The unit code is missing.")))
    codes = {}
    for field in ("position", "cadre_type", "role"):
        raw = record.get(field, "")
        codes[field] = normalise_code(field, raw) if raw else None
        if raw and codes[field] is None:
            errors.append(RowError(line, _l("“%(value)s” is not a valid value for column %(column)s.", value=raw, column=field)))
    if errors:
        return None, errors
    return UserRow(line, name, email, record["unit_code"], codes["position"],
                   codes["cadre_type"], codes["role"] or "trainee",
                   record.get("password", "")), []


def parse_units_csv(data: bytes) -> tuple[list[UnitRow], list[RowError]]:
    """Parse a union-units CSV: the valid rows, and every bad row reported with its line."""
    records, errors = _records(data, UNIT_HEADERS)
    if errors:
        return [], errors
    missing = {"code", "name", "kind"} - set(records[0][1])
    if missing:
        return [], [RowError(1, _l("Required columns are missing: %(names)s.", names=", ".join(sorted(missing))))]
    rows, seen = [], {}
    for line, record in records:
        row, row_errors = _unit_row(line, record)
        errors.extend(row_errors)
        if row is None:
            continue
        if row.code in seen:
            errors.append(RowError(line, _l("Code %(code)s repeats line %(line)d.", code=row.code, line=seen[row.code])))
            continue
        seen[row.code] = line
        rows.append(row)
    return rows, errors


def _unit_row(line: int, record: dict) -> tuple[UnitRow | None, list[RowError]]:
    """Validate one union-unit record."""
    errors = []
    code, name = record.get("code", "").upper(), record.get("name", "")
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9_.-]{0,39}", code):
        errors.append(RowError(line, _l("Unit code “%(code)s” is not valid (letters without accents, digits, - _ ., at most 40 characters).", code=record.get("code", ""))))
    if not name:
        errors.append(RowError(line, _l("The unit name is missing.")))
    kind = normalise_code("kind", record.get("kind", "")) if record.get("kind") else None
    if kind is None:
        errors.append(RowError(line, _l("Unit level “%(value)s” is not valid.", value=record.get("kind", ""))))
    sector_raw = record.get("sector", "")
    sector = normalise_code("sector", sector_raw) if sector_raw else None
    if sector_raw and sector is None:
        errors.append(RowError(line, _l("Sector “%(value)s” is not valid.", value=sector_raw)))
    members = record.get("member_count", "") or "0"
    if not members.isdigit():
        errors.append(RowError(line, _l("Member count “%(value)s” must be a whole number of at least 0.", value=members)))
    if errors:
        return None, errors
    return UnitRow(line, code, name, record.get("parent_code", "").upper(), kind, sector,
                   int(members), record.get("address", "")), []


def iter_lines(errors: list[RowError]) -> Iterator[str]:
    """Yield each error as "dòng N: message" for the CLI."""
    for error in errors:
        yield _l("line %(line)d: %(message)s", line=error.line, message=error.message) if error.line else str(error.message)
