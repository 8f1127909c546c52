"""Write and read the gradebook of a course.

``record_grade`` is the write API for every graded activity: quizzes and scenarios here,
live quizzes and attendance in ``lms.live`` later. Writes are upserts keyed by (course, key)
for the item and (item, user) for the grade, safe when many trainees submit at once.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from courses.models import Course, Enrolment
from lms.errors import ValidationError
from lms.extensions import db
from lms.models import User
from lms.timeutil import UTCDateTime, utcnow
from quizzes.gradebook.models import ITEM_KINDS, Grade, GradeItem


@dataclass(frozen=True)
class Cell:
    """One grade as shown: percent (None: waiting or not attempted), passed, detail."""

    percent: float | None
    passed: bool | None
    detail: str = ""
    exists: bool = False


@dataclass(frozen=True)
class Row:
    """One trainee's line: a cell per item, and whether every item with a pass mark passed."""

    user: User
    cells: tuple[Cell, ...]
    passed: bool
    passed_count: int
    required_count: int


@dataclass(frozen=True)
class Gradebook:
    """A course's gradebook: the items (columns) and a row per trainee."""

    course: Course
    items: tuple[GradeItem, ...]
    rows: tuple[Row, ...]


def _insert(model):
    """Return the dialect's INSERT for ``model`` (both SQLite and PostgreSQL upsert)."""
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model)


def ensure_item(*, course_id: int, key: str, title: str, kind: str,
                pass_mark: float | None = None, position: int = 0) -> GradeItem:
    """Create the grade item ``key`` of a course or update its title and pass mark."""
    if kind not in ITEM_KINDS:
        raise ValidationError(f"unknown grade item kind {kind!r}")
    values = {"course_id": course_id, "key": key, "kind": kind, "title": title[:200],
              "pass_mark": pass_mark, "position": position, "created_at": utcnow()}
    statement = _insert(GradeItem).values(**values).on_conflict_do_update(
        index_elements=["course_id", "key"],
        set_={"title": title[:200], "pass_mark": pass_mark, "kind": kind,
              "position": position})
    db.session.execute(statement)
    return db.session.scalar(sa.select(GradeItem).where(GradeItem.course_id == course_id,
                                                        GradeItem.key == key))


def item_id(course_id: int, key: str) -> int | None:
    """Return the id of a course's grade item ``key``, or None when it does not exist."""
    return db.session.scalar(sa.select(GradeItem.id).where(GradeItem.course_id == course_id,
                                                           GradeItem.key == key))


def write_grade(item: int, user_id: int, *, percent: float | None, passed: bool | None,
                detail: str = "") -> None:
    """Insert or update one grade of an existing item (no commit)."""
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError("percent must be between 0 and 100")
    values = {"percent": percent, "passed": passed, "detail": detail[:200],
              "updated_at": utcnow()}
    statement = _insert(Grade).values(item_id=item, user_id=user_id, **values)
    db.session.execute(statement.on_conflict_do_update(index_elements=["item_id", "user_id"],
                                                       set_=values))


def write_grade_by_key(course_id: int, key: str, user_id: int, *, percent: float | None,
                       passed: bool | None, detail: str = "") -> bool:
    """Write one grade of item ``key`` in a single statement; False when there is no item.

    INSERT ... SELECT from the item, so a submission costs one round trip, not two.
    """
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError("percent must be between 0 and 100")
    result = db.session.connection().execute(_grade_by_key_statement(), {
        "g_course": course_id, "g_key": key, "g_user": user_id, "g_percent": percent,
        "g_passed": passed, "g_detail": detail[:200], "g_now": utcnow()})
    return result.rowcount > 0


_BY_KEY: dict[str, sa.Insert] = {}  # built once per dialect: a burst of submissions uses it


def _grade_by_key_statement() -> sa.Insert:
    """Return the dialect's INSERT ... SELECT ... ON CONFLICT of ``write_grade_by_key``."""
    dialect = db.session.get_bind().dialect.name
    if dialect not in _BY_KEY:
        items = GradeItem.__table__
        params = {name: sa.bindparam(f"g_{name}", type_=kind) for name, kind in (
            ("user", sa.Integer()), ("percent", sa.Float()), ("passed", sa.Boolean()),
            ("detail", sa.String()), ("now", UTCDateTime()))}
        source = sa.select(items.c.id, params["user"], params["percent"], params["passed"],
                           params["detail"], params["now"]).where(
            items.c.course_id == sa.bindparam("g_course"),
            items.c.key == sa.bindparam("g_key"))
        statement = _insert(Grade.__table__).from_select(
            ["item_id", "user_id", "percent", "passed", "detail", "updated_at"], source)
        _BY_KEY[dialect] = statement.on_conflict_do_update(
            index_elements=["item_id", "user_id"],
            set_={"percent": params["percent"], "passed": params["passed"],
                  "detail": params["detail"], "updated_at": params["now"]})
    return _BY_KEY[dialect]


def upsert_grade(*, course_id: int, key: str, title: str, kind: str, user_id: int,
                 percent: float | None, passed: bool | None = None,
                 pass_mark: float | None = None, detail: str = "", position: int = 0) -> None:
    """Write one grade in the current transaction (no commit); the item is made if needed."""
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError("percent must be between 0 and 100")
    item = ensure_item(course_id=course_id, key=key, title=title, kind=kind,
                       pass_mark=pass_mark, position=position)
    if passed is None and percent is not None and pass_mark is not None:
        passed = percent >= pass_mark
    write_grade(item.id, user_id, percent=percent, passed=passed, detail=detail)


def record_grade(*, course_id: int, key: str, title: str, kind: str, user_id: int,
                 percent: float | None, passed: bool | None = None,
                 pass_mark: float | None = None, detail: str = "", position: int = 0) -> None:
    """Record one trainee's grade on an activity and commit (the API for other packages).

    ``key`` names the activity within the course (e.g. ``live:42``, ``attendance:7``);
    ``percent`` is 0..100 or None while waiting; ``passed`` defaults to percent >= pass mark;
    ``position`` orders the gradebook's columns.
    """
    upsert_grade(course_id=course_id, key=key, title=title, kind=kind, user_id=user_id,
                 percent=percent, passed=passed, pass_mark=pass_mark, detail=detail,
                 position=position)
    db.session.commit()


def _trainees(course: Course, extra_ids: set[int]) -> list[User]:
    """Return the enrolled trainees and anyone else with a grade, by name."""
    enrolled = set(db.session.scalars(sa.select(Enrolment.user_id).where(
        Enrolment.course_id == course.id)))
    ids = enrolled | extra_ids
    if not ids:
        return []
    users = db.session.scalars(sa.select(User).where(User.id.in_(ids), User.role == "trainee")
                               .order_by(User.full_name, User.id))
    return list(users)


def build_gradebook(course: Course) -> Gradebook:
    """Return the gradebook of a course: items in order and one row per trainee."""
    items = tuple(db.session.scalars(sa.select(GradeItem).where(GradeItem.course_id == course.id)
                                     .order_by(GradeItem.position, GradeItem.id)))
    grades = {(g.item_id, g.user_id): g for g in db.session.scalars(
        sa.select(Grade).join(Grade.item).where(GradeItem.course_id == course.id))}
    users = _trainees(course, {user_id for _, user_id in grades})
    rows = tuple(_row(user, items, grades) for user in users)
    return Gradebook(course, items, rows)


def _row(user: User, items, grades) -> Row:
    """Build one trainee's row."""
    cells = []
    for item in items:
        grade = grades.get((item.id, user.id))
        cells.append(Cell(grade.percent, grade.passed, grade.detail, True) if grade
                     else Cell(None, None))
    required = [c for item, c in zip(items, cells) if item.pass_mark is not None]
    passed_count = sum(bool(c.passed) for c in required)
    return Row(user, tuple(cells), bool(required) and passed_count == len(required),
               passed_count, len(required))


def gradebook_csv(book: Gradebook) -> str:
    """Return the gradebook as CSV (UTF-8 with BOM so spreadsheet programs read Vietnamese)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Họ và tên", "Email", "Đơn vị",
                     *(f"{item.title} (%)" for item in book.items), "Kết quả"])
    for row in book.rows:
        cells = ["" if c.percent is None else f"{c.percent:g}" for c in row.cells]
        unit = row.user.unit.name if row.user.unit else ""
        writer.writerow([row.user.full_name, row.user.email, unit, *cells,
                         "Đạt" if row.passed else "Chưa đạt"])
    return "\ufeff" + out.getvalue()


def grades_of(course_id: int, user_id: int) -> list[tuple[GradeItem, Grade | None]]:
    """Return each grade item of a course with this trainee's grade (or None)."""
    items = db.session.scalars(sa.select(GradeItem).where(GradeItem.course_id == course_id)
                               .order_by(GradeItem.position, GradeItem.id))
    grades = {g.item_id: g for g in db.session.scalars(sa.select(Grade).join(Grade.item).where(
        GradeItem.course_id == course_id, Grade.user_id == user_id))}
    return [(item, grades.get(item.id)) for item in items]
