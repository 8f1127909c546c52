"""Load-generator pieces for bench/live_room.py: servers, HTTP logins, Socket.IO clients."""
from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import socketio

ROOT = Path(__file__).resolve().parents[1]
NS = "/live"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port() -> int:
    """Return a free TCP port on localhost."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A gunicorn process with the gevent WebSocket worker (the production command)."""

    def __init__(self, app_spec: str, env: dict, port: int):
        self.app_spec, self.env, self.port = app_spec, env, port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start gunicorn and wait until it accepts connections."""
        command = [sys.executable, "-m", "gunicorn", "-k",
                   "geventwebsocket.gunicorn.workers.GeventWebSocketWorker", "-w", "1",
                   "-b", f"127.0.0.1:{self.port}", "--no-control-socket",
                   "--worker-connections", "10000",
                   "--log-level", "warning", self.app_spec]
        log = open(Path(self.env["INSTANCE_PATH"]) / f"server-{self.port}.log", "a")
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        """Stop the server at once (a crash or a hard restart), master and worker."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def rss_mb(self) -> float:
        """Return the resident memory of the master and its workers, in MB."""
        pids = [self.process.pid] + _children(self.process.pid)
        total = 0
        for pid in pids:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        return total / 1024


def _children(pid: int) -> list[int]:
    """Return the ids of a process's direct children."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


async def login(base: str, email: str, password: str) -> str:
    """Sign in through the real form; return the Cookie header of the session."""
    # unsafe=True: keep cookies set by an IP address host (127.0.0.1)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(f"{base}/login") as response:
            token = CSRF.search(await response.text()).group(1)
        async with http.post(f"{base}/login", data={"csrf_token": token, "email": email,
                                                     "password": password},
                             allow_redirects=False) as response:
            if response.status != 302:
                raise RuntimeError(f"login failed for {email}: {response.status}")
        cookies = http.cookie_jar.filter_cookies(base)
        return "; ".join(f"{key}={morsel.value}" for key, morsel in cookies.items())


class Member:
    """One benchmark participant: a Socket.IO client that records what it receives."""

    def __init__(self, cookie: str = ""):
        self.cookie = cookie
        # One HTTP session each: the Socket.IO client moves the Cookie header into the
        # session's cookie jar, so a shared jar would mix people up.
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.client = socketio.AsyncClient(http_session=self.http, reconnection_delay=0.5,
                                           reconnection_delay_max=3)
        self.latencies: list[float] = []
        self.last_chat = 0
        self.snapshot: dict | None = None
        self.restored_at: float | None = None
        self.events: dict[str, list] = {}
        self.client.on("chat_message", self._chat, namespace=NS)
        self.client.on("*", self._any, namespace=NS)

    async def _chat(self, message) -> None:
        """Record the delay of a benchmark message (the body carries its send time)."""
        self.last_chat = max(self.last_chat, message.get("id") or 0)
        parts = message.get("body", "").split()
        if len(parts) == 3 and parts[0] == "bench":
            self.latencies.append(time.time() - float(parts[2]))

    async def _any(self, event, data=None) -> None:
        """Keep other events (results, state) for the checks."""
        self.events.setdefault(event, []).append(data)

    def arm_rejoin(self, session_id: int) -> None:
        """After the next reconnect, join again and keep the snapshot (state restore)."""
        self.snapshot, self.restored_at = None, None

        async def rejoin() -> None:
            # as the browser does: ask only for the chat lines missed since the last one seen
            payload = {"session": session_id, **({"since": self.last_chat} if self.last_chat
                                                 else {})}
            self.snapshot = await self.call("join", payload, timeout=60)
            self.restored_at = time.monotonic()

        async def on_connect() -> None:
            asyncio.get_running_loop().create_task(rejoin())
        self.client.on("connect", on_connect, namespace=NS)

    async def connect(self, base: str) -> None:
        """Open the WebSocket connection with the session cookie."""
        headers = {"Cookie": self.cookie} if self.cookie else {}
        await self.client.connect(base, headers=headers, transports=["websocket"],
                                  namespaces=[NS], wait_timeout=30)

    async def close(self) -> None:
        """Disconnect and close the HTTP session."""
        await self.client.disconnect()
        await self.http.close()

    async def call(self, event: str, data: dict, timeout: float = 30) -> dict:
        """Send an event and wait for its acknowledgement."""
        return await self.client.call(event, data, namespace=NS, timeout=timeout)


async def gather_limited(factories, limit: int = 50):
    """Run coroutine factories with at most ``limit`` at a time; return their results."""
    gate = asyncio.Semaphore(limit)

    async def run(factory):
        async with gate:
            return await factory()
    return await asyncio.gather(*(run(factory) for factory in factories))


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of ``values`` (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]
