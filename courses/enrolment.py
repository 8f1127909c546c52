"""Enrolment: trainees join open courses, staff enrol trainees, managers enrol whole units."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from courses.access import can_manage_participants, can_teach, is_enrolled
from courses.models import Course, Enrolment
from lms.accounts.scope import can_manage_unit
from lms.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from lms.extensions import db
from lms.models import Unit, User, user_search_filter


@dataclass(frozen=True)
class EnrolResult:
    """How many were enrolled, and how many were already in the course."""

    added: int
    already: int


def missing_prerequisites(course: Course, user) -> list[Course]:
    """Return the prerequisite courses ``user`` has not completed yet."""
    done = set(db.session.scalars(sa.select(Enrolment.course_id).where(
        Enrolment.user_id == user.id, Enrolment.completed_at.is_not(None))))
    return [c for c in course.prerequisites if c.id not in done]


def self_enrol(course: Course, user) -> Enrolment:
    """Enrol a trainee in an open, published course whose prerequisites they completed."""
    if user.role != "trainee":
        raise PermissionDenied(_l("Only trainees enrol themselves in courses."))
    if course.status != "published" or course.enrolment != "open":
        raise PermissionDenied(_l("This course is not open for self-enrolment."))
    if is_enrolled(user, course):
        raise ConflictError(_l("You are already enrolled in this course."))
    missing = missing_prerequisites(course, user)
    if missing:
        raise ValidationError(_l("Complete these courses first: %(titles)s.",
                                 titles=", ".join(c.title for c in missing)))
    enrolment = Enrolment(course_id=course.id, user_id=user.id, method="self")
    db.session.add(enrolment)
    db.session.commit()
    return enrolment


def _add(course: Course, users: list[User], *, method: str, actor) -> EnrolResult:
    """Enrol ``users`` who are not enrolled yet; commit."""
    present = set(db.session.scalars(sa.select(Enrolment.user_id).where(
        Enrolment.course_id == course.id)))
    added = 0
    for user in users:
        if user.id not in present:
            db.session.add(Enrolment(course_id=course.id, user_id=user.id, method=method,
                                     enrolled_by_id=getattr(actor, "id", None)))
            present.add(user.id)
            added += 1
    db.session.commit()
    return EnrolResult(added, len(users) - added)


def enrol_users(course: Course, user_ids: list[int], *, actor) -> EnrolResult:
    """Enrol chosen trainees (lecturers of the course and admins)."""
    if not can_teach(actor, course):
        raise PermissionDenied()
    if not user_ids:
        raise ValidationError(_l("Choose at least one trainee."))
    users = list(db.session.scalars(sa.select(User).where(
        User.id.in_(user_ids), User.role == "trainee", User.is_active_account.is_(True))))
    if len(users) != len(set(user_ids)):
        raise ValidationError(_l("Only active trainee accounts can be enrolled."))
    return _add(course, users, method="staff", actor=actor)


def enrol_unit(course: Course, unit_id: int, *, actor) -> EnrolResult:
    """Enrol every active trainee of a unit and its sub-units (managers: their subtree)."""
    if actor.role not in ("admin", "manager") or not can_manage_participants(actor, course):
        raise PermissionDenied()
    unit = db.session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError(_l("This union unit does not exist."))
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(_l("You can only enrol units inside your own area."))
    users = list(db.session.scalars(sa.select(User).join(User.unit).where(
        Unit.path.startswith(unit.path), User.role == "trainee",
        User.is_active_account.is_(True)).order_by(User.id)))
    if not users:
        raise ValidationError(_l("This unit has no active trainees."))
    return _add(course, users, method="unit", actor=actor)


def can_remove(actor, enrolment: Enrolment) -> bool:
    """Tell whether ``actor`` may take ``enrolment``'s trainee out of the course."""
    if can_teach(actor, enrolment.course):
        return True
    if actor.id == enrolment.user_id:
        return enrolment.method == "self"
    return actor.role == "manager" and can_manage_unit(actor, enrolment.user.unit)


def unenrol(course: Course, user_id: int, *, actor) -> None:
    """Remove a trainee from a course; their lesson progress is kept for a re-enrolment."""
    enrolment = db.session.scalar(sa.select(Enrolment).where(
        Enrolment.course_id == course.id, Enrolment.user_id == user_id))
    if enrolment is None:
        raise NotFoundError(_l("This trainee is not enrolled in the course."))
    if not can_remove(actor, enrolment):
        raise PermissionDenied()
    db.session.delete(enrolment)
    db.session.commit()


def participants(course: Course, *, actor) -> list[Enrolment]:
    """Return the enrolments ``actor`` may see: all for teachers, their area for managers."""
    select = (sa.select(Enrolment).join(Enrolment.user).where(Enrolment.course_id == course.id)
              .order_by(User.full_name))
    if not can_teach(actor, course):
        if actor.role != "manager" or actor.unit is None:
            return []
        select = select.join(User.unit).where(Unit.path.startswith(actor.unit.path))
    return list(db.session.scalars(select))


def find_trainees(course: Course, query: str, *, limit: int = 50) -> list[User]:
    """Return active trainees not in the course whose name or email contains ``query``."""
    query = query.strip()
    if not query:
        return []
    enrolled = sa.select(Enrolment.user_id).where(Enrolment.course_id == course.id)
    return list(db.session.scalars(
        sa.select(User).where(User.role == "trainee", User.is_active_account.is_(True),
                              User.id.not_in(enrolled),
                              user_search_filter(query))
        .order_by(User.full_name).limit(limit)))


def get_enrolment(course: Course, user) -> Enrolment | None:
    """Return ``user``'s enrolment in ``course``, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(sa.select(Enrolment).where(
        Enrolment.course_id == course.id, Enrolment.user_id == user.id))
