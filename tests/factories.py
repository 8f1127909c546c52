"""Test data factories (gen_* style): small, explicit, each commits what it makes."""
from __future__ import annotations

import itertools

from lms.extensions import db
from lms.models import Unit, User

PASSWORD = "an-toan-2026!"
_counter = itertools.count(1)


def gen_unit(*, code=None, name=None, kind="grassroots", parent=None, sector="non_state",
             member_count=100) -> Unit:
    """Create a union unit (a city federation when no parent is given and kind allows)."""
    n = next(_counter)
    unit = Unit(code=code or f"U{n}", name=name or f"Công đoàn cơ sở số {n}", kind=kind,
                sector=sector if kind == "grassroots" else None, member_count=member_count,
                parent_id=parent.id if parent else None)
    db.session.add(unit)
    db.session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    db.session.commit()
    return unit


def gen_tree() -> dict[str, Unit]:
    """Create federation -> two upper unions -> a grassroots union under each."""
    fed = gen_unit(code="FED", name="Liên đoàn Lao động Thành phố", kind="federation")
    up_a = gen_unit(code="UP-A", name="Công đoàn các KCN", kind="upper", parent=fed)
    up_b = gen_unit(code="UP-B", name="Công đoàn ngành Giáo dục", kind="upper", parent=fed)
    gr_a = gen_unit(code="GR-A", name="CĐCS Công ty May Hòa Bình", parent=up_a)
    gr_b = gen_unit(code="GR-B", name="CĐCS Trường THPT Nguyễn Trãi", parent=up_b,
                    sector="public_service")
    return {"fed": fed, "up_a": up_a, "up_b": up_b, "gr_a": gr_a, "gr_b": gr_b}


def gen_user(*, email=None, full_name=None, role="trainee", unit=None, password=PASSWORD,
             active=True, position=None, cadre_type=None) -> User:
    """Create an account with a known password."""
    n = next(_counter)
    user = User(email=email or f"user{n}@example.vn", full_name=full_name or f"Người dùng {n}",
                role=role, unit_id=unit.id if unit else None, position=position,
                cadre_type=cadre_type, is_active_account=active)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user
