"""A live server (python app.py, gevent) on a fresh demo database, and headless Chromium."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.liveserver import start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-results"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 860}}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Base URL of a running server with the demo data."""
    process, url, _env = start_server(tmp_path_factory.mktemp("live"))
    yield url
    stop_server(process)


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
