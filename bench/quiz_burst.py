"""Quiz load: N takers autosaving every 15 s, then N final submissions released at once.

The app runs the production way (gunicorn, gevent worker) on a fresh SQLite file in WAL mode;
the load generator (aiohttp) runs on the same machine. Each taker signs in over HTTP, starts
an attempt and answers; then

- autosave: every taker saves a changed answer every 15 s (random phase) for
  ``--autosave-seconds``; each save carries the next sequence number;
- quiz_burst: all takers post their final submission at the same instant.

Afterwards the database is checked: every attempt submitted exactly once, one grade per
taker. The last lines printed are the figures, e.g.::

    autosave: takers=1000 saves=4000 errors=0 locked=0 p50_ms=... p95_ms=...
    quiz_burst: n=1000 stored=1000 errors=0 p50_ms=... p95_ms=...

The same burst is then sent to a bare Flask + SQLite submission server (bench/bare_submit.py)
on the same machine, and the LMS's p95 is given as a ratio of the bare one: the machine is
shared and noisy, the ratio is what travels. Both lines also give the CPU time the server's
workers spent per submission during the burst (``server_cpu_ms_each``), which other loads on
the machine change far less than latency.

usage: python bench/quiz_burst.py [--n 1000] [--autosave-seconds 60] [--workers 2]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-12345"
AUTOSAVE_EVERY = 15.0
_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')
_SLOT = re.compile(r'data-slot="(\d+)" data-type="([a-z_]+)"')
_BASED_ON = re.compile(r'name="based_on" value="(\d+)"')


@dataclass
class Taker:
    """One simulated trainee and what the pages told it."""

    email: str
    http: aiohttp.ClientSession
    csrf: str = ""
    attempt: int = 0
    slots: list[tuple[int, str]] = field(default_factory=list)
    seq: int = 0
    based_on: int = 0
    round: int = 0


def free_port() -> int:
    """Return a free TCP port on localhost."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(instance: Path, port: int) -> dict:
    """Return the server environment: its own SQLite file, fast hashes, no login limit."""
    env = dict(os.environ)
    env.update({"INSTANCE_PATH": str(instance), "DATABASE_URL": f"sqlite:///{instance}/q.db",
                "SECRET_KEY": "bench-secret", "LOGIN_RATE_LIMIT": "1000000 per minute",
                "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "PYTHONPATH": str(ROOT),
                "CONTENT_DIR": str(instance / "content")})
    return env


def prepare(env: dict, takers: int) -> int:
    """Migrate a fresh database and seed the takers and the quiz; return the quiz id."""
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "quiz_seed.py"), str(takers)],
                         cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def start_server(env: dict, port: int, workers: int, log: Path,
                 app: str = "app:app") -> subprocess.Popen:
    """Start gunicorn with gevent workers and wait until it accepts connections."""
    command = [sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", str(workers),
               "--worker-connections", "4000", "--backlog", "4096", "--timeout", "120",
               "--keep-alive", "75",
               "-b", f"127.0.0.1:{port}", app]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"),
                               stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start; see " + str(log))


def worker_cpu_seconds(server: subprocess.Popen) -> float:
    """Return the CPU time (user + system) the server's workers have used so far.

    Counted around the burst, it gives the server's CPU per submission: a figure the other
    loads on a shared machine change far less than latency.
    """
    total = 0.0
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    for pid in children.read_text().split() if children.exists() else ():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a worker that just exited
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of ``values`` lie (nearest rank)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def _page(taker: Taker, base: str, path: str) -> str:
    """GET a page and remember its CSRF token."""
    async with taker.http.get(base + path) as response:
        text = await response.text()
    found = _CSRF.search(text)
    if found:
        taker.csrf = found.group(1)
    return text


async def setup(taker: Taker, base: str, quiz_id: int) -> None:
    """Sign in, start the attempt, read the question slots of the attempt page."""
    await _page(taker, base, "/login")
    await taker.http.post(base + "/login", data={"email": taker.email, "password": PASSWORD,
                                                 "csrf_token": taker.csrf})
    await _page(taker, base, f"/quizzes/quiz/{quiz_id}")
    async with taker.http.post(base + f"/quizzes/quiz/{quiz_id}/start",
                               data={"csrf_token": taker.csrf},
                               allow_redirects=False) as response:
        taker.attempt = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    text = await _page(taker, base, f"/quizzes/attempt/{taker.attempt}")
    taker.slots = [(int(pos), kind) for pos, kind in _SLOT.findall(text)]
    taker.based_on = int(_BASED_ON.search(text).group(1))


def answers(taker: Taker, round_: int) -> dict[str, dict[str, list[str]]]:
    """Return form fields answering every question (varying with ``round_``)."""
    fields: dict[str, dict[str, list[str]]] = {}
    for position, kind in taker.slots:
        name = f"q{position}"
        value = {"single_choice": [str(round_ % 2)], "multiple_choice": ["0", "1"],
                 "true_false": ["true" if round_ % 2 else "false"],
                 "short_answer": ["công đoàn cơ sở"], "numerical": [str(15 + round_ % 3)],
                 "ordering": ["0,1,2" if round_ % 2 else "2,1,0"]}.get(kind)
        if kind == "matching":
            fields[str(position)] = {f"{name}-0": ["0"], f"{name}-1": [str(round_ % 2)]}
        elif value is not None:
            fields[str(position)] = {name: value}
    return fields


async def save(taker: Taker, base: str, round_: int) -> tuple[float, int, str]:
    """Send one autosave with the next sequence number; return (ms, status, body)."""
    taker.seq += 1
    started = time.perf_counter()
    async with taker.http.post(base + f"/quizzes/attempt/{taker.attempt}/save",
                               json={"seq": taker.seq, "slots": answers(taker, round_)},
                               headers={"X-CSRFToken": taker.csrf,
                                        "Accept": "application/json"}) as response:
        body = await response.text()
        status = response.status
    if status == 200:
        taker.based_on, taker.round = taker.seq, round_
    return (time.perf_counter() - started) * 1000, status, body


async def autosave_phase(takers: list[Taker], base: str, seconds: float) -> dict:
    """Every taker saves every 15 s from a random phase until ``seconds`` have passed."""
    latencies: list[float] = []
    errors = locked = 0
    end = time.monotonic() + seconds

    async def run(taker: Taker) -> None:
        nonlocal errors, locked
        await asyncio.sleep(random.uniform(0, AUTOSAVE_EVERY))
        round_ = 0
        while time.monotonic() < end:
            round_ += 1
            try:
                ms, status, body = await save(taker, base, round_)
            except aiohttp.ClientError:
                errors += 1
            else:
                latencies.append(ms)
                errors += status != 200
                locked += "database is locked" in body
            await asyncio.sleep(AUTOSAVE_EVERY)
    await asyncio.gather(*(run(taker) for taker in takers))
    return {"saves": len(latencies), "errors": errors, "locked": locked,
            "latencies": latencies}


async def burst(takers: list[Taker], base: str, cpu=lambda: 0.0) -> dict:
    """Release every final submission at the same instant; time each one."""
    go = asyncio.Event()
    latencies: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}

    async def submit(taker: Taker) -> None:
        nonlocal errors
        form = {"csrf_token": taker.csrf, "based_on": str(taker.based_on)}
        for fields in answers(taker, taker.round).values():  # what autosave last stored
            form.update({name: values[0] for name, values in fields.items()})
        await go.wait()
        started = time.perf_counter()
        try:
            async with taker.http.post(base + f"/quizzes/attempt/{taker.attempt}/submit",
                                       data=form, allow_redirects=False) as response:
                await response.read()
                location = response.headers.get("Location", "")
                ok = response.status == 302 and location.endswith("/review")
                kind = f"{response.status} {location.rsplit('/', 1)[-1]}"
        except aiohttp.ClientError as error:
            ok, kind = False, f"{type(error).__name__}: {error}"[:120]
        latencies.append((time.perf_counter() - started) * 1000)
        errors += not ok
        if not ok:
            kinds[kind] = kinds.get(kind, 0) + 1
    tasks = [asyncio.create_task(submit(taker)) for taker in takers]
    await asyncio.sleep(0.5)  # every task is waiting on the event
    before = cpu()
    go.set()
    await asyncio.gather(*tasks)
    return {"errors": errors, "latencies": latencies, "kinds": kinds, "cpu": cpu() - before}


async def baseline(base: str, count: int, cpu=lambda: 0.0) -> dict:
    """Time ``count`` simultaneous submissions to the bare server, as the LMS burst does."""
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=120)
    http = aiohttp.ClientSession(connector=connector)
    go, latencies, errors = asyncio.Event(), [], 0
    form = {f"q{n}": str(n) for n in range(1, 11)}

    async def submit(attempt_id: int) -> None:
        nonlocal errors
        async with http.get(base + "/warm") as response:
            await response.read()
        await go.wait()
        started = time.perf_counter()
        try:
            async with http.post(base + f"/submit/{attempt_id}", data=form,
                                 allow_redirects=False) as response:
                await response.read()
                errors += response.status != 302
        except aiohttp.ClientError:
            errors += 1
        latencies.append((time.perf_counter() - started) * 1000)
    tasks = [asyncio.create_task(submit(n)) for n in range(1, count + 1)]
    await asyncio.sleep(2)
    before = cpu()
    go.set()
    await asyncio.gather(*tasks)
    used = cpu() - before
    await http.close()
    return {"errors": errors, "latencies": latencies, "cpu": used}


def run_baseline(count: int, workers: int) -> dict:
    """Run the bare submission server and time the same burst against it."""
    folder = Path(tempfile.mkdtemp(prefix="quiz-bare-"))
    database = folder / "bare.db"
    subprocess.run([sys.executable, str(ROOT / "bench" / "bare_submit.py"), "init",
                    str(database), str(count)], check=True)
    port = free_port()
    env = {**os.environ, "BARE_DB": str(database), "PYTHONPATH": str(ROOT / "bench")}
    server = start_server(env, port, workers, folder / "server.log", app="bare_submit:app")
    try:
        result = asyncio.run(baseline(f"http://127.0.0.1:{port}", count,
                                      lambda: worker_cpu_seconds(server)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    with sqlite3.connect(database) as conn:
        result["stored"] = conn.execute("SELECT COUNT(*) FROM grades").fetchone()[0]
    return result


def stored(db_path: Path, takers: int) -> dict:
    """Count what the database holds after the burst."""
    with sqlite3.connect(db_path) as conn:
        submitted = conn.execute("SELECT COUNT(*) FROM quiz_attempts WHERE state='submitted'"
                                 ).fetchone()[0]
        twice = conn.execute("SELECT COUNT(*) FROM (SELECT user_id FROM quiz_attempts "
                             "GROUP BY user_id HAVING COUNT(*) > 1)").fetchone()[0]
        grades = conn.execute("SELECT COUNT(*) FROM grades").fetchone()[0]
    return {"stored": submitted, "duplicates": twice, "grades": grades, "takers": takers}


async def run(args, base: str, quiz_id: int, cpu=lambda: 0.0) -> tuple[dict, dict]:
    """Set the takers up, run the autosave phase, then the burst."""
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=120)
    timeout = aiohttp.ClientTimeout(total=300)
    sessions = [aiohttp.ClientSession(base_url=None, connector=connector, connector_owner=False,
                                      cookie_jar=aiohttp.CookieJar(unsafe=True),
                                      timeout=timeout) for _ in range(args.n)]
    takers = [Taker(f"t{n}@bench.vn", http) for n, http in enumerate(sessions)]
    limit = asyncio.Semaphore(50)

    async def prepared(taker: Taker) -> None:
        async with limit:
            await setup(taker, base, quiz_id)
            await save(taker, base, 0)
    await asyncio.gather(*(prepared(taker) for taker in takers))
    print(f"setup: {args.n} takers signed in with an attempt started", flush=True)
    autosave = await autosave_phase(takers, base, args.autosave_seconds)
    submitted = await burst(takers, base, cpu)
    for http in sessions:
        await http.close()
    await connector.close()
    return autosave, submitted


def main() -> None:
    """Run the benchmark and print one line per scenario."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of takers")
    parser.add_argument("--autosave-seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn gevent workers")
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="quiz-burst-"))
    port = free_port()
    env = environment(instance, port)
    quiz_id = prepare(env, args.n)
    log = instance / "server.log"
    server = start_server(env, port, args.workers, log)
    try:
        autosave, submitted = asyncio.run(run(args, f"http://127.0.0.1:{port}", quiz_id,
                                              lambda: worker_cpu_seconds(server)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = run_baseline(args.n, args.workers)
    counts = stored(instance / "q.db", args.n)
    locked = autosave["locked"] + log.read_text("utf-8", "replace").count("database is locked")
    save_ms, submit_ms = autosave["latencies"], submitted["latencies"]
    if submitted["kinds"]:
        print(f"failed submissions: {submitted['kinds']}")
    print(f"check: submitted={counts['stored']} duplicated_users={counts['duplicates']} "
          f"grades={counts['grades']} server_log={log}")
    print(f"autosave: takers={args.n} saves={autosave['saves']} errors={autosave['errors']} "
          f"locked={locked} p50_ms={percentile(save_ms, .5):.0f} "
          f"p95_ms={percentile(save_ms, .95):.0f}")
    bare_p95 = percentile(bare["latencies"], .95)
    print(f"baseline: bare Flask+SQLite submissions n={args.n} stored={bare['stored']} "
          f"errors={bare['errors']} p50_ms={percentile(bare['latencies'], .5):.0f} "
          f"p95_ms={bare_p95:.0f} server_cpu_ms_each={1000 * bare['cpu'] / args.n:.2f}")
    print(f"quiz_burst: n={args.n} stored={counts['stored']} errors={submitted['errors']} "
          f"p50_ms={percentile(submit_ms, .5):.0f} p95_ms={percentile(submit_ms, .95):.0f} "
          f"p95_vs_baseline={percentile(submit_ms, .95) / max(bare_p95, 1):.2f} "
          f"server_cpu_ms_each={1000 * submitted['cpu'] / args.n:.2f}")


if __name__ == "__main__":
    main()
