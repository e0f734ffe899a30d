"""The whole loop from the command line, over real HTTP, with the real solver.

``huiwu publish`` the office-training sample, ``huiwu serve --feeds-only``,
fetch a speaker's feed, make that speaker unavailable on one of their days,
``huiwu publish`` again: the feed shows the moved sessions with a higher
SEQUENCE, every untouched session keeps its SEQUENCE, the old ETag gets 200
and the new one 304.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from planner.io.files import read_problem, write_problem
from planner.storage.repository import open_store
from tests.feeds.calendars import entries
from tests.feeds.test_end_to_end import check_sequences, movable_day
from tests.storage.plans import OFFICE, unavailable_on

HUIWU = [sys.executable, "-c", "from ui.cli import main; main()"]
pytestmark = pytest.mark.slow  # two solver runs of several seconds each


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    port = free_port()
    return {
        **os.environ,
        "HUIWU_DATABASE_URL": f"sqlite:///{tmp_path / 'huiwu.db'}",
        "HUIWU_FEEDS_URL": f"http://127.0.0.1:{port}",
        "HUIWU_USER": "office",
        "PORT": str(port),
    }


@pytest.fixture
def feeds_server(env: dict[str, str]) -> Iterator[str]:
    command = [*HUIWU, "serve", "--feeds-only", "--port", env["PORT"]]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = env["HUIWU_FEEDS_URL"]
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(base + "/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def huiwu_publish(path: Path, env: dict[str, str], *extra: str) -> str:
    command = [*HUIWU, "publish", str(path), "--time-limit", "30", *extra]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def feed_urls(output: str) -> dict[tuple[str, str], str]:
    """``<kind> <id> <url>`` lines of ``huiwu publish``."""
    found = re.findall(r"^(event|speaker|room|group) (\S+) (http\S+)$", output, re.M)
    return {(kind, target): url for kind, target, url in found}


def test_cli_publish_unavailable_speaker_moves_feed(
    env: dict[str, str], feeds_server: str, tmp_path: Path
) -> None:
    problem = read_problem(OFFICE)
    first = huiwu_publish(OFFICE, env, "--note", "first plan")
    store = open_store(env["HUIWU_DATABASE_URL"])
    speaker, day = movable_day(problem, store.version(problem.event.id, 1).schedule)
    url = feed_urls(first)[("speaker", speaker)]
    old = httpx.get(url, timeout=60)
    changed = tmp_path / "event.yaml"
    write_problem(unavailable_on(problem, speaker, day), changed)

    second = huiwu_publish(changed, env, "--note", f"{speaker} away on {day}")
    new = httpx.get(url, timeout=60)
    stale = httpx.get(url, headers={"If-None-Match": old.headers["etag"]}, timeout=60)
    fresh = httpx.get(url, headers={"If-None-Match": new.headers["etag"]}, timeout=60)

    assert second.splitlines()[0] == f"published {problem.event.id} version 2"
    assert feed_urls(second) == feed_urls(first)
    before, after = entries(old.content), entries(new.content)
    zone = problem.event.zone
    that_day = {uid for uid, e in before.items() if e.start.astimezone(zone).date() == day}
    assert that_day
    assert all(
        after[uid].start.astimezone(zone).date() != day or after[uid].status == "CANCELLED"
        for uid in that_day
    )
    assert all(after[uid].sequence > before[uid].sequence for uid in that_day)
    kept, _ = check_sequences(before, after)
    assert kept > 0
    assert (stale.status_code, fresh.status_code) == (200, 304)
