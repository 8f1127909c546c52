"""Static files are versioned by content and cached; pages are compressed."""
import brotli

from tests.conftest import make_app
from flask import url_for


def test_static_urls_carry_a_content_version(app):
    with app.test_request_context():
        url = url_for("static", filename="css/app.css")
    assert "?v=" in url and len(url.split("?v=")[1]) == 10


def test_versioned_static_files_are_cached_for_a_year(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_pages_are_compressed_when_the_browser_accepts_it(client):
    response = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    page = client.get("/login", headers={"Accept-Encoding": "br, gzip"})
    assert page.headers.get("Content-Encoding") == "br"


def test_compressed_pages_are_never_shared_between_visitors(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    tokens = set()
    for _ in range(2):
        page = app.test_client().get("/login", headers={"Accept-Encoding": "br"})
        html = brotli.decompress(page.data).decode()
        tokens.add(html.split('name="csrf_token" type="hidden" value="')[1].split('"')[0])
    assert len(tokens) == 2


def test_static_files_do_not_set_cookies(client):
    response = client.get("/static/css/app.css")
    assert "Set-Cookie" not in response.headers
