"""Administration pages: who may open what, and the CSV import through the browser."""
import io

import pytest

from lms.extensions import db
from lms.models import User
from tests import factories

ADMIN_PAGES = ["/admin/users", "/admin/users/new", "/admin/users/import", "/admin/units/",
               "/admin/units/new", "/admin/units/import"]


@pytest.fixture
def people(app):
    tree = factories.gen_tree()
    return {
        "tree": tree,
        "admin": factories.gen_user(email="admin@x.vn", role="admin", unit=tree["fed"]),
        "manager": factories.gen_user(email="manager@x.vn", role="manager", unit=tree["up_a"]),
        "lecturer": factories.gen_user(email="lecturer@x.vn", role="lecturer", unit=tree["fed"]),
        "trainee": factories.gen_user(email="trainee@x.vn", unit=tree["gr_a"]),
    }


@pytest.mark.parametrize("role, expected", [
    (None, 302), ("trainee", 403), ("lecturer", 403), ("manager", 200), ("admin", 200)])
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_by_role(client, auth, people, role, expected, path):
    if role:
        auth.login(f"{role}@x.vn")
    assert client.get(path).status_code == expected


@pytest.mark.parametrize("role, expected", [("manager", 403), ("admin", 200)])
def test_audit_log_is_for_admins(client, auth, people, role, expected):
    auth.login(f"{role}@x.vn")
    assert client.get("/admin/audit").status_code == expected


def test_manager_sees_only_the_subtree(client, auth, people):
    outsider = factories.gen_user(email="out@x.vn", full_name="Người Ngoài",
                                  unit=people["tree"]["gr_b"])
    auth.login("manager@x.vn")
    page = client.get("/admin/users").get_data(as_text=True)
    assert "trainee@x.vn" in page and "out@x.vn" not in page
    assert client.get(f"/admin/users/{outsider.id}").status_code == 403
    assert client.post(f"/admin/users/{outsider.id}/active", data={"active": "0"}).status_code \
        in (302, 403)
    assert db.session.get(User, outsider.id).is_active_account


def test_admin_changes_a_role_through_the_form(client, auth, people):
    auth.login("admin@x.vn")
    trainee = people["trainee"]
    response = client.post(f"/admin/users/{trainee.id}", data={
        "full_name": trainee.full_name, "email": trainee.email, "role": "lecturer",
        "unit_id": str(trainee.unit_id), "position": "", "cadre_type": ""})
    assert response.status_code == 302
    assert db.session.get(User, trainee.id).role == "lecturer"


def test_csv_import_with_a_bad_row_shows_lines_and_writes_nothing(client, auth, people):
    auth.login("admin@x.vn")
    csv = ("full_name,email,unit_code\n"
           "Nguyễn Thị Hoa,hoa@x.vn,GR-A\n"
           "Trần Văn Bình,khong-phai-email,GR-A\n").encode()
    response = client.post("/admin/users/import", data={
        "file": (io.BytesIO(csv), "hoc-vien.csv")}, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert "Dòng 3" in page and "không hợp lệ" in page and "Chưa nhập gì" in page
    assert db.session.query(User).filter_by(email="hoa@x.vn").count() == 0


def test_csv_import_good_file_creates_accounts(client, auth, people):
    auth.login("manager@x.vn")
    csv = "full_name,email,unit_code\nNguyễn Thị Hoa,hoa@x.vn,GR-A\n".encode()
    response = client.post("/admin/users/import", data={
        "file": (io.BytesIO(csv), "hoc-vien.csv")}, content_type="multipart/form-data")
    assert "Đã nhập 1 tài khoản" in response.get_data(as_text=True)
    assert db.session.query(User).filter_by(email="hoa@x.vn").one().must_change_password


def test_wrong_file_type_is_refused(client, auth, people):
    auth.login("admin@x.vn")
    response = client.post("/admin/users/import", data={
        "file": (io.BytesIO(b"MZ..."), "virus.exe")}, content_type="multipart/form-data")
    assert "Chỉ nhập được tệp .csv" in response.get_data(as_text=True)


def test_home_page_per_role(client, auth, people):
    for role, marker in [("admin", "Tổng quan"), ("manager", "Tổng quan phạm vi quản lý"),
                         ("lecturer", "Bạn chưa phụ trách khóa học nào"),
                         ("trainee", "Bạn chưa được ghi danh khóa học nào")]:
        client.post("/logout")
        auth.login(f"{role}@x.vn")
        assert marker in client.get("/home").get_data(as_text=True), role
