"""A live server (python app.py, gevent) on a fresh demo database, and headless Chromium."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-results"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 860}}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def server_env(instance: Path, port: int) -> dict:
    """Environment of a live server on its own instance folder and SQLite file."""
    env = dict(os.environ)
    env.update({
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": f"sqlite:///{instance / 'e2e.sqlite3'}",
        "SECRET_KEY": "e2e-secret",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "LOGIN_RATE_LIMIT": "200 per minute",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "FLASK_APP": "app",
    })
    return env


def start_server(instance: Path) -> tuple[subprocess.Popen, str]:
    """Migrate, seed the demo data, start ``python app.py``; return the process and URL."""
    instance.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = server_env(instance, port)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    subprocess.run([*flask, "demo", "seed"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    log = (instance / "server.log").open("w")
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    _wait_for(port, process)
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Base URL of a running server with the demo data."""
    process, url = start_server(tmp_path_factory.mktemp("live"))
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture(params=["phone", "desktop"])
def page(request, browser, live_server):
    """A fresh browser page at phone or desktop size, pointed at the live server."""
    context = browser.new_context(base_url=live_server,
                                  **(PHONE if request.param == "phone" else DESKTOP))
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.size_name = request.param
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser, live_server):
    """A fresh desktop-size page."""
    context = browser.new_context(base_url=live_server, **DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def login(page, email: str, password: str = "demo-12345") -> None:
    """Sign in through the login form."""
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")


def screenshot(page, name: str) -> None:
    """Save a full-page screenshot under test-results/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
