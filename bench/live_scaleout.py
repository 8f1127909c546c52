"""Two LMS processes behind one Redis message queue serving one live room.

    .venv/bin/python bench/live_scaleout.py --clients 400 --redis redis://127.0.0.1:6390/0

The lecturer and half the trainees connect to process A, the other half to process B (as
nginx's sticky balancing would place them). Checks what must cross processes: chat broadcast
(delivered/expected, latency), the hand queue, and disconnecting a signed-out trainee whose
socket is on the other process. Prints one line:
``scaleout: processes=2 clients=... delivered_pct=... p50_ms=... p95_ms=... revoked_across=yes``
"""
from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import sys
import tempfile
from pathlib import Path

import aiohttp

from live_clients import Member, Server, free_port, gather_limited, login
from live_room import PASSWORD, broadcast, environment, prepare


async def connect(base: str, email: str, session_id: int) -> Member:
    """Sign in on ``base``, connect there and join the session."""
    person = Member(await login(base, email, PASSWORD))
    await person.connect(base)
    person.snapshot = await person.call("join", {"session": session_id})
    if not person.snapshot.get("ok"):
        raise RuntimeError(f"join refused: {person.snapshot}")
    return person


async def sign_out(base: str, person: Member) -> None:
    """Post the logout form with the person's cookie on ``base``."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar,
                                     headers={"Cookie": person.cookie}) as http:
        async with http.get(f"{base}/home") as response:
            page = await response.text()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        async with http.post(f"{base}/logout", data={"csrf_token": token},
                             allow_redirects=False) as response:
            assert response.status == 302, response.status


async def run(bases: list[str], clients: int, session_id: int, messages: int) -> dict:
    """Connect across both processes, broadcast, then revoke a socket on process B."""
    lead = await connect(bases[0], "lecturer@bench.vn", session_id)
    trainees = await gather_limited([
        lambda n=n: connect(bases[n % 2], f"t{n}@bench.vn", session_id)
        for n in range(clients)], limit=40)
    room = await broadcast(lead, trainees, messages=messages, rate=2.0)
    on_b = trainees[1]
    await on_b.call("hand_raise", {})
    await asyncio.sleep(1.5)  # hand updates are batched once a second
    me = on_b.snapshot["me"]["id"]
    hand_seen = any(me in event["ids"] for event in lead.events.get("hands", []))
    await sign_out(bases[0], on_b)  # signs out through process A
    for _ in range(50):
        if not on_b.client.connected:
            break
        await asyncio.sleep(0.1)
    revoked = not on_b.client.connected
    await asyncio.gather(*(p.close() for p in [lead, *trainees]))
    await asyncio.sleep(0.5)  # let aiohttp finish closing before the loop ends
    return {**room, "hand_seen": hand_seen, "revoked": revoked}


def main() -> None:
    """Start Redis-connected processes, run, print the line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=400)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="live-scaleout-"))
    ports = [free_port(), free_port()]
    servers = [Server("app:app", {**environment(folder, port), "REDIS_URL": args.redis}, port)
               for port in ports]
    try:
        session_id = prepare(folder, servers[0].env, args.clients)
        for server in servers:
            server.start()
        result = asyncio.run(run([f"http://127.0.0.1:{p}" for p in ports], args.clients,
                                 session_id, args.messages))
    finally:
        for server in servers:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"scaleout: processes=2 clients={args.clients} "
          f"delivered_pct={result['delivered_pct']:.1f} p50_ms={result['p50']:.0f} "
          f"p95_ms={result['p95']:.0f} hands_across={'yes' if result['hand_seen'] else 'no'} "
          f"revoked_across={'yes' if result['revoked'] else 'no'}")
    sys.exit(0 if result["delivered_pct"] == 100.0 and result["revoked"] else 1)


if __name__ == "__main__":
    main()
