"""Command line: users create/import, units import, demo seed."""
import pytest

from lms.demo import DEMO_PASSWORD
from lms.extensions import db
from lms.models import Unit, User
from tests import factories


def test_users_create_with_password(runner, app):
    factories.gen_tree()
    result = runner.invoke(args=["users", "create", "gv@example.vn", "--name", "Lê Thu Hà",
                                 "--role", "lecturer", "--unit", "fed", "--password",
                                 "giang-vien-2026"])
    assert result.exit_code == 0, result.output
    user = db.session.query(User).filter_by(email="gv@example.vn").one()
    assert user.role == "lecturer" and user.unit.code == "FED"
    assert user.check_password("giang-vien-2026")


def test_users_create_prompts_for_the_password(runner, app):
    result = runner.invoke(args=["users", "create", "a@example.vn", "--name", "A B"],
                           input="mat-khau-bi-mat\nmat-khau-bi-mat\n")
    assert result.exit_code == 0, result.output
    assert "mat-khau-bi-mat" not in result.output


@pytest.mark.parametrize("args, fragment", [
    (["--role", "king"], "Invalid value"),
    (["--unit", "NOPE", "--password", "mat-khau-bi-mat"], "Unknown unit code"),
    (["--password", "123"], "ít nhất 8 ký tự"),
])
def test_users_create_refuses_bad_input(runner, app, args, fragment):
    result = runner.invoke(args=["users", "create", "a@example.vn", "--name", "A B", *args])
    assert result.exit_code != 0 and fragment in result.output
    assert db.session.query(User).count() == 0


def test_users_import_dry_run_then_real(runner, app, tmp_path):
    factories.gen_tree()
    path = tmp_path / "hv.csv"
    path.write_text("full_name,email,unit_code\nNguyễn Thị Hoa,hoa@x.vn,GR-A\n", "utf-8")
    result = runner.invoke(args=["users", "import", str(path), "--dry-run"])
    assert result.exit_code == 0 and "Would import 1" in result.output
    assert db.session.query(User).count() == 0
    result = runner.invoke(args=["users", "import", str(path)])
    assert result.exit_code == 0 and "Imported 1" in result.output
    assert "temporary password" in result.output


def test_users_import_reports_every_bad_line(runner, app, tmp_path):
    factories.gen_tree()
    path = tmp_path / "hv.csv"
    path.write_text("full_name,email,unit_code\n,a@x.vn,GR-A\nB,b@x.vn,NOPE\n", "utf-8")
    result = runner.invoke(args=["users", "import", str(path)])
    assert result.exit_code != 0
    assert "dòng 2" in result.output and "dòng 3" in result.output
    assert db.session.query(User).count() == 0


def test_units_import(runner, app, tmp_path):
    path = tmp_path / "dv.csv"
    path.write_text("code,name,parent_code,kind\nHN,LĐLĐ Hà Nội,,federation\n"
                    "X,CĐCS X,HN,grassroots\n", "utf-8")
    result = runner.invoke(args=["units", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert db.session.query(Unit).count() == 2


def test_demo_seed_creates_the_documented_accounts_once(runner, app):
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    for email in ("admin@example.com", "manager@example.com", "lecturer@example.com",
                  "trainee@example.com"):
        assert db.session.query(User).filter_by(email=email).one().check_password(DEMO_PASSWORD)
    trainees = db.session.query(User).filter_by(role="trainee").all()
    assert len(trainees) >= 10 and all(t.position and t.unit for t in trainees)
    assert runner.invoke(args=["demo", "seed"]).exit_code != 0
    assert runner.invoke(args=["demo", "seed", "--if-empty"]).exit_code == 0
