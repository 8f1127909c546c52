"""Start the real app (``python app.py``: gevent, WebSocket) on a fresh demo database.

Used by the benchmarks and by the browser tests, so both measure what users get.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """Return a TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Wait until the server accepts connections (or fail if it exits)."""
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


def server_env(instance: Path, port: int, **extra: str) -> dict:
    """Environment of a server on its own instance folder and SQLite file."""
    env = dict(os.environ)
    env.update({
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": f"sqlite:///{instance / 'app.sqlite3'}",
        "SECRET_KEY": "bench-and-e2e-secret",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "LOGIN_RATE_LIMIT": "100000 per minute",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "FLASK_APP": "app",
    })
    env.update(extra)
    return env


def prepare_database(env: dict) -> None:
    """Migrate and seed the demo data (units, accounts, content, enrolments)."""
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    for args in (["db", "upgrade"], ["demo", "seed"]):
        subprocess.run([*flask, *args], cwd=ROOT, env=env, check=True, capture_output=True)


def start_server(instance: Path, *, seed: bool = True, **extra: str):
    """Start ``python app.py``; return (process, base URL, env). The caller terminates it."""
    instance.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = server_env(instance, port, **extra)
    if seed:
        prepare_database(env)
    log = (instance / "server.log").open("a")
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    wait_for_port(port, process)
    return process, f"http://127.0.0.1:{port}", env


def stop_server(process: subprocess.Popen) -> None:
    """Stop a server started by start_server."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
