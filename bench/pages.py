"""Page throughput and page weight against the real server.

    python -m bench.pages [--duration 10] [--connections 50] [--runs 3]

Throughput: wrk runs against a hello route (/healthz/live) and an authenticated lesson page
served by the same process (python app.py, gevent); the target is lesson >= 40% of hello.
Weight: headless Chromium at phone size loads the lesson page with an empty cache, then again;
targets 150 KB (first) and 30 KB (repeat) transferred. Prints one line per measure.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import tempfile
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from bench.liveserver import start_server, stop_server

LESSON = "/courses/bo-luat-lao-dong-2019/lessons/ky-han-tra-luong-va-tra-cham"
CHROMIUM = "/usr/bin/chromium"


def login_cookie(base: str, email: str = "trainee@example.com") -> str:
    """Sign in through the form; return the session cookie value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "email": email,
                                   "password": "demo-12345"}).encode()
    opener.open(base + "/login", data=data).read()
    return next(c.value for c in jar if c.name == "session")


def wrk_rps(url: str, *, duration: int, connections: int, cookie: str | None = None) -> float:
    """Run wrk and return its requests per second."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: session={cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} error responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def page_weight(base: str, cookie: str) -> tuple[float, float]:
    """Return KB transferred for a first (empty cache) and a repeat load of the lesson."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        context.add_cookies([{"name": "session", "value": cookie, "url": base}])
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        loads = []
        for _ in range(2):
            finished.clear()
            page.goto(base + LESSON, wait_until="networkidle")
            loads.append(sum(_transferred(r) for r in finished) / 1024)
        browser.close()
    return loads[0], loads[1]


def _transferred(request) -> int:
    """Bytes on the wire for one request's response (headers + encoded body)."""
    sizes = request.sizes()
    return sizes["responseHeadersSize"] + sizes["responseBodySize"]


def main() -> None:
    """Start a server, measure, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        process, base, _env = start_server(Path(tmp))
        try:
            cookie = login_cookie(base)
            hello, lesson = [], []
            for _ in range(args.runs):
                hello.append(wrk_rps(base + "/healthz/live", duration=args.duration,
                                     connections=args.connections))
                lesson.append(wrk_rps(base + LESSON, duration=args.duration,
                                      connections=args.connections, cookie=cookie))
            first_kb, repeat_kb = page_weight(base, cookie)
        finally:
            stop_server(process)
    hello_rps, lesson_rps = statistics.median(hello), statistics.median(lesson)
    print(f"pages: hello_rps={hello_rps:.0f} lesson_rps={lesson_rps:.0f} "
          f"ratio={lesson_rps / hello_rps:.2f} runs={args.runs}")
    print(f"page_weight: first_kb={first_kb:.1f} repeat_kb={repeat_kb:.1f}")


if __name__ == "__main__":
    main()
