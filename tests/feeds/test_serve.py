"""``huiwu serve``: the feed server in its own process, and the supervision of its processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ui.cli_store import _run_all

HUIWU = [sys.executable, "-c", "from ui.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(url: str, seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_feeds_only_answers_on_loopback(tmp_path: Path) -> None:
    port = free_port()
    command = [
        *HUIWU,
        "serve",
        "--feeds-only",
        "--port",
        str(port),
        "--database",
        f"sqlite:///{tmp_path / 'h.db'}",
    ]
    server = subprocess.Popen(
        command, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        health = wait_for(f"http://127.0.0.1:{port}/health")
        unknown = httpx.get(f"http://127.0.0.1:{port}/feeds/{'x' * 43}.ics", timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert (health.json(), unknown.status_code, (tmp_path / "h.db").exists()) == ({"status": "ok"}, 404, True)


def test_run_all_stops_the_others_when_one_ends() -> None:
    short = [sys.executable, "-c", "import time; time.sleep(0.3)"]
    long = [sys.executable, "-c", "import time; time.sleep(120)"]
    started = time.monotonic()

    _run_all([short, long], dict(os.environ))

    assert time.monotonic() - started < 60


def test_serve_terminated_stops_its_server(tmp_path: Path) -> None:
    port = free_port()
    command = [
        *HUIWU,
        "serve",
        "--feeds-only",
        "--port",
        str(port),
        "--database",
        f"sqlite:///{tmp_path / 'h.db'}",
    ]
    server = subprocess.Popen(
        command, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for(f"http://127.0.0.1:{port}/health")

    server.terminate()
    server.wait(timeout=30)

    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more


@pytest.mark.slow
def test_serve_starts_feeds_and_browser_app(tmp_path: Path) -> None:
    feeds, app_port = free_port(), free_port()
    command = [*HUIWU, "serve", "--port", str(feeds), "--app-port", str(app_port)]
    env = {**os.environ, "HUIWU_DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}"}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        health = wait_for(f"http://127.0.0.1:{feeds}/health", 120)
        app = wait_for(f"http://127.0.0.1:{app_port}/_stcore/health", 120)
    finally:
        server.terminate()
        server.wait(timeout=60)

    assert (health.json(), app.text) == ({"status": "ok"}, "ok")
