"""``flask demo seed``: demo units, accounts and (through registered seeders) content.

The demo password exists only here; no other code path creates a known password.
"""
from __future__ import annotations

from collections.abc import Callable

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import AppGroup

from lms.accounts import services, units
from lms.extensions import db
from lms.models import User

DEMO_PASSWORD = "demo-12345"
demo_cli = AppGroup("demo", help="Demo data for trying the product.")

DEMO_UNITS = [
    # code, name, kind, parent, sector, members, address
    ("HN", "Liên đoàn Lao động Thành phố Hà Nội", "federation", None, None, 0,
     "Hoàn Kiếm, Hà Nội"),
    ("CD-KCN", "Công đoàn các Khu công nghiệp và chế xuất Hà Nội", "upper", "HN", None, 0,
     "Đông Anh, Hà Nội"),
    ("CD-GD", "Công đoàn ngành Giáo dục Hà Nội", "upper", "HN", None, 0, "Ba Đình, Hà Nội"),
    ("CDCS-MAYHB", "Công đoàn cơ sở Công ty TNHH May Hòa Bình", "grassroots", "CD-KCN",
     "non_state", 820, "KCN Thăng Long, Đông Anh, Hà Nội"),
    ("CDCS-DTSH", "Công đoàn cơ sở Công ty TNHH Điện tử Sông Hồng", "grassroots", "CD-KCN",
     "non_state", 1450, "KCN Quang Minh, Mê Linh, Hà Nội"),
    ("CDCS-CKHN", "Công đoàn cơ sở Công ty Cơ khí Hà Nội", "grassroots", "HN", "state", 640,
     "Thanh Xuân, Hà Nội"),
    ("CDCS-THPTNT", "Công đoàn cơ sở Trường THPT Nguyễn Trãi", "grassroots", "CD-GD",
     "public_service", 96, "Ba Đình, Hà Nội"),
]
DEMO_USERS = [
    # email, name, role, unit, position, cadre type
    ("admin@example.com", "Đỗ Quang Huy", "admin", "HN", "can_bo_chuyen_trach", "chuyen_trach"),
    ("manager@example.com", "Trần Thị Hồng Nhung", "manager", "CD-KCN", "can_bo_chuyen_trach",
     "chuyen_trach"),
    ("lecturer@example.com", "Phạm Minh Đức", "lecturer", "HN", "can_bo_chuyen_trach",
     "chuyen_trach"),
    ("lecturer2@example.com", "Lê Thu Hà", "lecturer", "HN", "can_bo_chuyen_trach",
     "chuyen_trach"),
    ("trainee@example.com", "Nguyễn Văn An", "trainee", "CDCS-MAYHB", "chu_tich",
     "khong_chuyen_trach"),
    ("trainee2@example.com", "Hoàng Thị Mai", "trainee", "CDCS-MAYHB", "pho_chu_tich",
     "khong_chuyen_trach"),
    ("trainee3@example.com", "Vũ Đức Thắng", "trainee", "CDCS-MAYHB", "uy_vien_bch",
     "khong_chuyen_trach"),
    ("trainee4@example.com", "Bùi Thị Lan Anh", "trainee", "CDCS-DTSH", "chu_tich",
     "chuyen_trach"),
    ("trainee5@example.com", "Đặng Văn Hùng", "trainee", "CDCS-DTSH", "to_truong",
     "khong_chuyen_trach"),
    ("trainee6@example.com", "Ngô Thị Thu Trang", "trainee", "CDCS-DTSH", "uy_vien_bch",
     "khong_chuyen_trach"),
    ("trainee7@example.com", "Phan Văn Long", "trainee", "CDCS-CKHN", "chu_tich",
     "khong_chuyen_trach"),
    ("trainee8@example.com", "Lý Thị Ngọc Hân", "trainee", "CDCS-CKHN", "pho_chu_tich",
     "khong_chuyen_trach"),
    ("trainee9@example.com", "Trịnh Công Sơn", "trainee", "CDCS-CKHN", "to_truong",
     "khong_chuyen_trach"),
    ("trainee10@example.com", "Mai Thị Phương", "trainee", "CDCS-THPTNT", "chu_tich",
     "khong_chuyen_trach"),
    ("trainee11@example.com", "Lương Văn Tuấn", "trainee", "CDCS-THPTNT", "uy_vien_bch",
     "khong_chuyen_trach"),
    ("trainee12@example.com", "Cao Thị Bích Ngọc", "trainee", "CD-KCN", "can_bo_chuyen_trach",
     "chuyen_trach"),
]


def register_demo_seeder(app: Flask, seeder: Callable[[], str], *, order: int = 50) -> None:
    """Add a step to ``flask demo seed``; it returns a one-line summary of what it made."""
    app.extensions.setdefault("lms_demo_seeders", []).append((order, seeder))


def seed_units_and_users() -> str:
    """Create the demo unit tree and accounts."""
    ids = {}
    for code, name, kind, parent, sector, members, address in DEMO_UNITS:
        unit = units.create_unit(units.UnitData(code=code, name=name, kind=kind,
                                                parent_id=ids.get(parent), sector=sector,
                                                member_count=members, address=address),
                                 actor=None)
        ids[code] = unit.id
    for email, name, role, unit_code, position, cadre in DEMO_USERS:
        services.create_user(services.UserData(email=email, full_name=name, role=role,
                                               unit_id=ids[unit_code], position=position,
                                               cadre_type=cadre),
                             password=DEMO_PASSWORD, actor=None)
    return f"{len(DEMO_UNITS)} units, {len(DEMO_USERS)} accounts (password {DEMO_PASSWORD})"


@demo_cli.command("seed")
@click.option("--if-empty", is_flag=True, help="Do nothing when accounts already exist.")
def seed_command(if_empty: bool):
    """Load the demo units, accounts and content into a new database."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(User)):
        if if_empty:
            click.echo("Demo data: the database already has accounts; nothing to do.")
            return
        raise click.ClickException("The database already has accounts; demo data is only "
                                   "loaded into a new database.")
    click.echo("Demo: " + seed_units_and_users())
    for _order, seeder in sorted(current_app.extensions.get("lms_demo_seeders", []),
                                 key=lambda pair: pair[0]):
        click.echo("Demo: " + seeder())
