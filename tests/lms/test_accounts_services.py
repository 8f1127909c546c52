"""Account services: validation, roles, scope of managers, deactivation, CSV import."""
import pytest

from lms.accounts import services
from lms.errors import PermissionDenied, ValidationError
from lms.extensions import db
from lms.models import AuditLog, User
from lms.signals import user_sessions_revoked
from tests import factories


@pytest.fixture
def tree(app):
    return factories.gen_tree()


def _data(**kw):
    base = dict(email="moi@example.vn", full_name="Người Mới", role="trainee", unit_id=None)
    base.update(kw)
    return services.UserData(**base)


def test_admin_creates_an_account_and_it_is_audited(tree):
    admin = factories.gen_user(role="admin", unit=tree["fed"])
    user = services.create_user(_data(unit_id=tree["gr_a"].id), password="an-toan-2026!",
                                actor=admin)
    assert user.check_password("an-toan-2026!") and user.password_hash != "an-toan-2026!"
    assert db.session.query(AuditLog).filter_by(action="user.created").count() == 1


@pytest.mark.parametrize("changes, password, fragment", [
    ({"email": "not-an-email"}, "an-toan-2026!", "không hợp lệ"),
    ({"email": "taken@example.vn"}, "an-toan-2026!", "đã được dùng"),
    ({"full_name": "  "}, "an-toan-2026!", "Họ và tên"),
    ({"role": "emperor"}, "an-toan-2026!", "Vai trò"),
    ({"position": "ceo"}, "an-toan-2026!", "Chức vụ"),
    ({}, "12345678", "phổ biến"),
])
def test_create_user_refuses_bad_input(tree, changes, password, fragment):
    factories.gen_user(email="taken@example.vn")
    with pytest.raises(ValidationError) as error:
        services.create_user(_data(**changes), password=password, actor=None)
    assert any(fragment in str(p) for p in error.value.errors)
    assert db.session.query(User).count() == 1


def test_manager_acts_only_inside_the_subtree(tree):
    manager = factories.gen_user(role="manager", unit=tree["up_a"])
    inside = services.create_user(_data(unit_id=tree["gr_a"].id), password="an-toan-2026!",
                                  actor=manager)
    assert inside.unit_id == tree["gr_a"].id
    with pytest.raises(ValidationError, match="ngoài phạm vi"):
        services.create_user(_data(email="b@example.vn", unit_id=tree["gr_b"].id),
                             password="an-toan-2026!", actor=manager)
    with pytest.raises(ValidationError):
        services.create_user(_data(email="c@example.vn", role="admin",
                                   unit_id=tree["gr_a"].id),
                             password="an-toan-2026!", actor=manager)
    outsider = factories.gen_user(unit=tree["gr_b"])
    with pytest.raises(PermissionDenied):
        services.update_user(outsider.id, _data(email=outsider.email), actor=manager)


def test_role_change_is_audited_and_ends_sessions(tree):
    admin = factories.gen_user(role="admin", unit=tree["fed"])
    user = factories.gen_user(email="hv@example.vn", unit=tree["gr_a"])
    token = user.session_token
    revoked = []
    user_sessions_revoked.connect(revoked.append, weak=False)
    try:
        services.update_user(user.id, _data(email="hv@example.vn", full_name="HV",
                                            role="lecturer", unit_id=tree["gr_a"].id),
                             actor=admin)
    finally:
        user_sessions_revoked.disconnect(revoked.append)
    entry = db.session.query(AuditLog).filter_by(action="user.role_changed").one()
    assert entry.details == {"old_role": "trainee", "new_role": "lecturer"}
    assert user.session_token != token and revoked == [user.id]


def test_nobody_changes_their_own_role_or_deactivates_themselves(tree):
    admin = factories.gen_user(role="admin", unit=tree["fed"])
    with pytest.raises(ValidationError):
        services.update_user(admin.id, _data(email=admin.email, role="trainee"), actor=admin)
    with pytest.raises(ValidationError):
        services.set_user_active(admin.id, False, actor=admin)


def test_deactivation_blocks_login_and_is_audited(tree):
    admin = factories.gen_user(role="admin", unit=tree["fed"])
    user = factories.gen_user(email="off@example.vn", unit=tree["gr_a"])
    services.set_user_active(user.id, False, actor=admin)
    assert services.authenticate("off@example.vn", factories.PASSWORD) is None
    assert db.session.query(AuditLog).filter_by(action="user.deactivated").count() == 1


CSV_OK = ("full_name,email,unit_code,position,password\n"
          "Nguyễn Thị Hoa,hoa@example.vn,GR-A,chu_tich,\n"
          "Trần Văn Bình,binh@example.vn,GR-A,,mat-khau-rieng-1\n").encode()


def test_import_writes_all_rows_with_temporary_passwords(tree):
    result = services.import_users(CSV_OK, actor=None, dry_run=False)
    assert result.written and not result.errors
    hoa = services.find_user_by_email("hoa@example.vn")
    assert hoa.must_change_password and hoa.check_password(result.generated_passwords[
        "hoa@example.vn"])
    binh = services.find_user_by_email("binh@example.vn")
    assert not binh.must_change_password and binh.check_password("mat-khau-rieng-1")


def test_import_dry_run_writes_nothing(tree):
    result = services.import_users(CSV_OK, actor=None, dry_run=True)
    assert not result.written and len(result.rows) == 2
    assert db.session.query(User).count() == 0


def test_import_with_one_bad_row_writes_nothing(tree):
    factories.gen_user(email="taken@example.vn")
    data = CSV_OK + "Lê Văn C,taken@example.vn,GR-A,,\nPhạm D,d@example.vn,NOPE,,\n".encode()
    result = services.import_users(data, actor=None, dry_run=False)
    assert not result.written
    assert {(e.line, "đã được dùng" in str(e.message) or "không tồn tại" in str(e.message))
            for e in result.errors} == {(4, True), (5, True)}
    assert db.session.query(User).count() == 1


def test_manager_import_is_limited_to_the_subtree(tree):
    manager = factories.gen_user(role="manager", unit=tree["up_a"])
    data = "full_name,email,unit_code\nA B,ab@example.vn,GR-B\n".encode()
    result = services.import_users(data, actor=manager, dry_run=False)
    assert not result.written and "ngoài phạm vi" in str(result.errors[0].message)
