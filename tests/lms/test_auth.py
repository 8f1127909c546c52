"""Signing in and out, sessions, password change, language switch, rate limit."""
import pytest

from lms.extensions import db
from lms.models import AuditLog, User
from tests import factories
from tests.conftest import make_app


@pytest.fixture
def trainee(app):
    return factories.gen_user(email="an@example.vn", full_name="Nguyễn Văn An")


def test_anonymous_visitor_is_sent_to_the_vietnamese_login_form(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    page = client.get("/login").get_data(as_text=True)
    assert "Đăng nhập" in page and 'lang="vi"' in page


def test_protected_page_redirects_to_login_with_next(client):
    response = client.get("/home")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def test_login_with_right_password_shows_home(client, auth, trainee):
    response = auth.login("an@example.vn")
    assert response.status_code == 302
    assert "Xin chào, Nguyễn Văn An" in client.get("/home").get_data(as_text=True)


def test_email_is_case_insensitive(client, auth, trainee):
    assert auth.login("AN@Example.VN").status_code == 302


@pytest.mark.parametrize("email, password", [
    ("an@example.vn", "wrong-password"),
    ("nobody@example.vn", factories.PASSWORD),
    ("", ""),
])
def test_failed_login_shows_message_and_is_audited(client, auth, trainee, email, password):
    response = auth.login(email, password)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Sai email hoặc mật khẩu" in page or "Hãy nhập" in page
    if email:
        assert db.session.query(AuditLog).filter_by(action="auth.login_failed").count() == 1


def test_deactivated_account_cannot_sign_in(client, auth, app):
    factories.gen_user(email="off@example.vn", active=False)
    assert auth.login("off@example.vn").status_code == 200
    entry = db.session.query(AuditLog).filter_by(action="auth.login_failed").one()
    assert entry.details["reason"] == "inactive"


def test_login_starts_a_new_session(client, auth, trainee):
    with client.session_transaction() as session:
        session["planted"] = "by-attacker"
    auth.login("an@example.vn")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_logout_ends_the_session_on_the_server(app, client, auth, trainee):
    auth.login("an@example.vn")
    with client.session_transaction() as session:
        stolen = dict(session)
    auth.logout()
    other = app.test_client()
    with other.session_transaction() as session:
        session.update(stolen)
    assert other.get("/home").status_code == 302


def test_open_redirect_after_login_is_refused(app, client, trainee):
    response = client.post("/login", data={"email": "an@example.vn",
                                           "password": factories.PASSWORD,
                                           "next": "https://evil.example/"})
    assert response.headers["Location"] == "/home"
    response = app.test_client().post("/login", data={"email": "an@example.vn",
                                           "password": factories.PASSWORD, "next": "/admin/users"})
    assert response.headers["Location"] == "/admin/users"


@pytest.mark.parametrize("current, new, confirm, message", [
    ("wrong", "mot-mat-khau-moi", "mot-mat-khau-moi", "Mật khẩu hiện tại không đúng"),
    (factories.PASSWORD, "short", "short", "ít nhất 8 ký tự"),
    (factories.PASSWORD, "password123", "password123", "quá phổ biến"),
    (factories.PASSWORD, "mot-mat-khau-moi", "khac-hoan-toan", "không khớp"),
    (factories.PASSWORD, factories.PASSWORD, factories.PASSWORD, "phải khác mật khẩu hiện tại"),
])
def test_password_change_refuses_bad_input(client, auth, trainee, current, new, confirm,
                                           message):
    auth.login("an@example.vn")
    response = client.post("/password", data={"current": current, "new": new,
                                               "confirm": confirm})
    assert message in response.get_data(as_text=True)
    assert db.session.get(User, trainee.id).check_password(factories.PASSWORD)


def test_password_change_keeps_this_session_and_ends_others(app, client, auth, trainee):
    other = app.test_client()
    other.post("/login", data={"email": "an@example.vn", "password": factories.PASSWORD})
    auth.login("an@example.vn")
    response = client.post("/password", data={"current": factories.PASSWORD,
                                               "new": "mat-khau-rat-moi", "confirm":
                                               "mat-khau-rat-moi"})
    assert response.status_code == 302
    assert client.get("/home").status_code == 200
    assert other.get("/home").status_code == 302


def test_temporary_password_must_be_changed_first(client, auth, app):
    user = factories.gen_user(email="tmp@example.vn")
    user.must_change_password = True
    db.session.commit()
    auth.login("tmp@example.vn")
    response = client.get("/home")
    assert response.status_code == 302 and response.headers["Location"].endswith("/password")


def test_language_switch_applies_to_the_account(client, auth, trainee):
    auth.login("an@example.vn")
    client.post("/language", data={"lang": "en", "next": "/home"})
    page = client.get("/home").get_data(as_text=True)
    assert "Hello, Nguyễn Văn An" in page and 'lang="en"' in page
    assert db.session.get(User, trainee.id).locale == "en"


def test_language_switch_before_login(client):
    client.post("/language", data={"lang": "en", "next": "/login"})
    assert "Sign in" in client.get("/login").get_data(as_text=True)


def test_login_is_rate_limited(tmp_path):
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    codes = [client.post("/login", data={"email": "x@example.vn", "password": "nope-nope"})
             .status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert "thử quá nhiều lần" in client.post("/login", data={}).get_data(as_text=True)
