"""Load test of the live classroom, with a bare Flask-SocketIO server as the baseline.

    .venv/bin/python bench/live_room.py --clients 1000

Three scenarios, each ending with one line:
- live_room: N trainees sign in over HTTP, connect over WebSocket and join one session; the
  lecturer sends 2 chat messages a second; delivered/expected, latency percentiles, server
  RSS. N more clients join a bare Flask-SocketIO broadcast server running alongside, and
  the two are measured in alternating rounds (medians over the rounds).
- live_quiz: every trainee answers one live question within a 10 s window (one in ten sends
  its answer twice, as a reconnecting phone would); answers stored, results time at close.
- reconnect: R trainees with a raised hand, a poll answer and a quiz answer; the server is
  killed and started again; how many rejoin with that state restored, and how fast.
Servers run the production way (gunicorn, gevent WebSocket worker) on a fresh SQLite file.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from live_clients import (
    ROOT, Member, Server, free_port, gather_limited, login, percentile,
)

PASSWORD = "bench-12345"


def environment(instance: Path, port: int) -> dict:
    """Return the server environment: its own SQLite file, content folder, fast hashes."""
    env = dict(os.environ)
    env.update({"INSTANCE_PATH": str(instance), "DATABASE_URL": f"sqlite:///{instance}/b.db",
                "CONTENT_DIR": str(instance / "content"), "SECRET_KEY": "bench-secret",
                "LOGIN_RATE_LIMIT": "1000000 per minute", "PORT": str(port),
                "PYTHONPATH": str(ROOT)})
    return env


def prepare(instance: Path, env: dict, trainees: int) -> int:
    """Migrate a fresh database and seed the benchmark data; return the session id."""
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "live_seed.py"), str(trainees)],
                         cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


async def connect_room(base: str, count: int, session_id: int, *,
                       with_login: bool) -> tuple[Member, list[Member]]:
    """Sign in (or not, for the bare server), connect and join: the lecturer and trainees."""
    async def member(email: str | None) -> Member:
        cookie = await login(base, email, PASSWORD) if with_login and email else ""
        person = Member(cookie)
        await person.connect(base)
        reply = await person.call("join", {"session": session_id})
        if not reply.get("ok"):
            raise RuntimeError(f"join refused: {reply}")
        return person
    lead = await member("lecturer@bench.vn")
    trainees = await gather_limited([lambda n=n: member(f"t{n}@bench.vn")
                                     for n in range(count)], limit=40)
    return lead, trainees


async def broadcast(lead: Member, trainees: list[Member], *, messages: int,
                    rate: float) -> dict:
    """Send ``messages`` at ``rate`` per second; measure who got what, and how fast."""
    for person in trainees:
        person.latencies.clear()
    await asyncio.sleep(2)  # let presence batches and joins settle
    for seq in range(messages):
        started = time.monotonic()
        await lead.client.emit("chat_send", {"body": f"bench {seq} {time.time():.6f}"},
                               namespace="/live")
        await asyncio.sleep(max(0.0, 1 / rate - (time.monotonic() - started)))
    expected = messages * len(trainees)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and sum(len(p.latencies) for p in trainees) < expected:
        await asyncio.sleep(0.2)
    latencies = [value * 1000 for p in trainees for value in p.latencies]
    return {"delivered_pct": 100.0 * len(latencies) / expected,
            "p50": percentile(latencies, 0.50), "p95": percentile(latencies, 0.95),
            "p99": percentile(latencies, 0.99)}


async def quiz(lead: Member, trainees: list[Member], db_path: Path) -> dict:
    """Everyone answers one live question within 10 s; check each answer is stored once."""
    item = (await lead.call("quiz_push", {"question": "tra-luong-cham", "seconds": 30}))["item"]
    started = time.monotonic()

    async def answer(person: Member) -> list[dict]:
        await asyncio.sleep(random.uniform(0, 8))
        payload = {"item": item["id"], "response": {"choice": random.choice([0, 1, 2])}}
        replies = [await person.call("quiz_answer", payload)]
        if random.random() < 0.1:  # a phone replaying its answer after a reconnect
            replies.append(await person.call("quiz_answer", payload))
        return replies
    replies = [r for group in await asyncio.gather(*(answer(p) for p in trainees)) for r in group]
    window = time.monotonic() - started
    closing = time.monotonic()
    closed = await lead.call("quiz_close", {"item": item["id"]})
    results_ms = (time.monotonic() - closing) * 1000
    with sqlite3.connect(db_path) as con:
        rows, people = con.execute("SELECT COUNT(*), COUNT(DISTINCT user_id) FROM "
                                   "live_quiz_answers WHERE item_id = ?",
                                   (item["id"],)).fetchone()
    return {"answers": len(trainees), "recorded": rows, "distinct": people,
            "accepted": sum(1 for r in replies if r.get("ok") and not r.get("duplicate")),
            "duplicates": sum(1 for r in replies if r.get("duplicate")),
            "refused": sum(1 for r in replies if not r.get("ok")),
            "window_s": window, "results_ms": results_ms,
            "answered_in_results": closed["results"]["answered"]}


async def reconnect(server: Server, lead: Member, trainees: list[Member],
                    session_id: int) -> dict:
    """Give everyone some state, kill and restart the server, count who gets it back."""
    poll = (await lead.call("poll_create", {"question": "Sẵn sàng?",
                                            "options": ["Có", "Chưa"]}))["poll"]
    item = (await lead.call("quiz_push", {"question": "tra-luong-cham",
                                          "seconds": 300}))["item"]
    expected: dict[int, int] = {}

    async def give_state(n: int, person: Member) -> None:
        choice = n % 2
        await person.call("hand_raise", {})
        await person.call("poll_vote", {"poll": poll["id"], "choices": [choice]})
        await person.call("quiz_answer", {"item": item["id"], "response": {"choice": choice}})
        expected[id(person)] = choice
    await gather_limited([lambda n=n, p=p: give_state(n, p) for n, p in enumerate(trainees)])
    for person in [lead, *trainees]:
        person.arm_rejoin(session_id)
    killed = time.monotonic()
    server.kill()
    server.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(p.restored_at is None for p in trainees):
        await asyncio.sleep(0.1)
    restored = [p for p in trainees
                if _state_back(p.snapshot, expected[id(p)], poll["id"], item["id"])]
    last = max((p.restored_at for p in restored), default=killed)
    return {"clients": len(trainees), "restored": len(restored), "seconds": last - killed}


def _state_back(snapshot: dict | None, choice: int, poll_id: int, item_id: int) -> bool:
    """Tell whether a rejoin brought back the person's hand, poll answer and quiz answer."""
    if not snapshot or not snapshot.get("ok"):
        return False
    me = snapshot["me"]["id"]
    hand = me in snapshot["hands"]["ids"]
    poll = snapshot["poll"] and snapshot["poll"]["poll"]["id"] == poll_id \
        and snapshot["poll"]["mine"] == [choice]
    quiz = snapshot["quiz"] and snapshot["quiz"]["item"]["id"] == item_id \
        and snapshot["quiz"]["mine"] == {"choice": choice}
    return bool(hand and poll and quiz)


async def run_rooms(lms_base: str, bare_base: str, servers: tuple[Server, Server], args,
                    session_id: int, db_path: Path) -> tuple[dict, dict]:
    """Connect everyone to both servers, broadcast in alternating rounds, then the LMS-only
    scenarios. Alternating rounds put both servers under the same machine noise."""
    lms_room = await connect_room(lms_base, args.clients, session_id, with_login=True)
    bare_room = await connect_room(bare_base, args.clients, 1, with_login=False)
    # 2,000 clients make a big heap: a full collection in this load generator stalls every
    # client for a few hundred milliseconds and shows up as server latency. Move what is
    # connected out of the collector's way (it is kept until the end anyway).
    gc.collect()
    gc.freeze()
    rounds: dict[str, list[dict]] = {"lms": [], "bare": []}
    for _round in range(args.rounds):
        for name, (lead, trainees) in (("lms", lms_room), ("bare", bare_room)):
            rounds[name].append(await broadcast(lead, trainees, messages=args.messages,
                                                rate=args.rate))
    lms, bare = _median(rounds["lms"]), _median(rounds["bare"])
    lms["rss_mb"], bare["rss_mb"] = servers[0].rss_mb(), servers[1].rss_mb()
    lead, trainees = lms_room
    await asyncio.gather(*(p.close() for p in [bare_room[0], *bare_room[1]]))
    quiz_result = await quiz(lead, trainees, db_path)
    keep, drop = trainees[:args.reconnect_clients], trainees[args.reconnect_clients:]
    await asyncio.gather(*(p.close() for p in drop))
    back = await reconnect(servers[0], lead, keep, session_id)
    await asyncio.gather(*(p.close() for p in [lead, *keep]))
    await asyncio.sleep(0.5)  # let aiohttp finish closing before the loop ends
    return {"room": lms, "quiz": quiz_result, "reconnect": back}, bare


def _median(results: list[dict]) -> dict:
    """Return the median of each figure over the rounds."""
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def main() -> None:
    """Run everything and print one line per scenario."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=40, help="lecturer messages (2/s)")
    parser.add_argument("--rate", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating broadcast rounds per server (medians reported)")
    parser.add_argument("--reconnect-clients", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="keep the data folder and logs")
    args = parser.parse_args()
    args.reconnect_clients = min(args.reconnect_clients, args.clients)
    folder = tempfile.mkdtemp(prefix="live-bench-")
    print(f"data and server logs: {folder}", file=sys.stderr)
    try:
        lms, baseline = run_all(Path(folder), args)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    report(args, lms, baseline)


def run_all(instance: Path, args) -> tuple[dict, dict]:
    """Start the LMS and the bare server side by side, run the scenarios, stop both."""
    port, bare_port = free_port(), free_port()
    env = environment(instance, port)
    session_id = prepare(instance, env, args.clients)
    server = Server("app:app", env, port)
    bare = Server("bench.bare_server:app", environment(instance, bare_port), bare_port)
    server.start()
    bare.start()
    try:
        return asyncio.run(run_rooms(f"http://127.0.0.1:{port}",
                                     f"http://127.0.0.1:{bare_port}", (server, bare), args,
                                     session_id, instance / "b.db"))
    finally:
        server.kill()
        bare.kill()


def report(args, lms: dict, bare: dict) -> None:
    """Print the three result lines (and the bare server's figures)."""
    room, quiz_result, back = lms["room"], lms["quiz"], lms["reconnect"]
    ratio = room["p95"] / bare["p95"] if bare["p95"] else float("inf")
    print(f"bare_room: clients={args.clients} delivered_pct={bare['delivered_pct']:.1f} "
          f"p50_ms={bare['p50']:.0f} p95_ms={bare['p95']:.0f} p99_ms={bare['p99']:.0f} "
          f"rss_mb={bare['rss_mb']:.0f}")
    print(f"live_room: clients={args.clients} delivered_pct={room['delivered_pct']:.1f} "
          f"p50_ms={room['p50']:.0f} p95_ms={room['p95']:.0f} p99_ms={room['p99']:.0f} "
          f"bare_p95_ms={bare['p95']:.0f} ratio={ratio:.2f} rss_mb={room['rss_mb']:.0f}")
    print(f"live_quiz: answers={quiz_result['answers']} recorded={quiz_result['recorded']} "
          f"distinct={quiz_result['distinct']} replays={quiz_result['duplicates']} "
          f"refused={quiz_result['refused']} "
          f"window_s={quiz_result['window_s']:.1f} results_ms={quiz_result['results_ms']:.0f}")
    print(f"reconnect: clients={back['clients']} restored={back['restored']} "
          f"seconds={back['seconds']:.1f}")


if __name__ == "__main__":
    main()
