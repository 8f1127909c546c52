"""Security baseline: headers, cookies, CSRF, secrets, SQLite settings, error pages."""
import pytest
import sqlalchemy as sa

from lms.config import ConfigError, load_config
from lms.extensions import db
from tests import factories
from tests.conftest import make_app


def test_security_headers_and_csp_without_inline_scripts(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
                      "form-action 'self'"):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client, auth, app):
    factories.gen_user(email="a@x.vn", role="admin")
    auth.login("a@x.vn")
    for path in ("/login", "/home", "/admin/users", "/admin/units/", "/admin/users/import"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and " style=" not in page and "onclick" not in page, path


def test_session_cookie_flags(client, app):
    factories.gen_user(email="a@x.vn")
    response = client.post("/login", data={"email": "a@x.vn", "password": factories.PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_production_requires_a_secret_key_and_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        load_config({"APP_ENV": "production", "INSTANCE_PATH": str(tmp_path)})
    config = load_config({"APP_ENV": "production", "SECRET_KEY": "x" * 40,
                          "INSTANCE_PATH": str(tmp_path)})
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]


def test_local_secret_key_is_generated_once(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    second = load_config({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db/lms")
    config = load_config({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k"})
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db/lms"


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(app):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_foreign_keys_are_enforced(app):
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.text("INSERT INTO users (email, full_name, password_hash, role, "
                                   "unit_id, is_active, must_change_password, session_token, "
                                   "created_at) VALUES ('a@b.vn', 'A', 'x', 'trainee', 999, 1, "
                                   "0, 't', '2026-01-01')"))
    db.session.rollback()


@pytest.fixture
def csrf_client(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        factories.gen_user(email="a@x.vn", role="admin")
    return app.test_client()


@pytest.mark.parametrize("path, data", [
    ("/login", {"email": "a@x.vn", "password": factories.PASSWORD}),
    ("/language", {"lang": "en"}),
    ("/logout", {}),
])
def test_every_post_needs_a_csrf_token(csrf_client, path, data):
    response = csrf_client.post(path, data=data)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.get_data(as_text=True)


def test_json_posts_need_the_csrf_header_too(csrf_client):
    response = csrf_client.post("/language", json={"lang": "en"})
    assert response.status_code == 400 and response.is_json


def test_login_with_the_form_token_works(csrf_client):
    page = csrf_client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = csrf_client.post("/login", data={"email": "a@x.vn", "password":
                                                factories.PASSWORD, "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.parametrize("lang, text", [("vi", "Trang bạn tìm không tồn tại"),
                                        ("en", "The page you asked for does not exist")])
def test_404_page_speaks_the_users_language(client, lang, text):
    client.post("/language", data={"lang": lang})
    response = client.get("/no-such-page")
    assert response.status_code == 404 and text in response.get_data(as_text=True)


def test_500_page_is_friendly_and_rolls_back(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("kaboom")
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.get_data(as_text=True)
    assert "kaboom" not in response.get_data(as_text=True)
