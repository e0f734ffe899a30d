"""A publish killed inside its transaction leaves the previous version intact and the database usable.

A real process is killed with SIGKILL while it sleeps inside the publish
transaction (``HUIWU_PUBLISH_PAUSE``), after the new version was written but
before the commit.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

from planner.storage.outbox import Outbox
from planner.storage.repository import open_store
from planner.usecases.publish import publish
from tests.storage.plans import ROOT, T0, greedy_solve, minimal, unavailable_on

CHILD = """
import datetime as dt, sys
from planner.storage.repository import open_store
from planner.usecases.publish import publish
from tests.storage.plans import greedy_solve, minimal, unavailable_on
problem = unavailable_on(minimal(), "ada", dt.date(2026, 3, 24))
now = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
publish(open_store(sys.argv[1]), problem, greedy_solve, by="killed", now=now)
print("committed", flush=True)
"""


def start_paused_publish(url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "HUIWU_PUBLISH_PAUSE": "120", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, url], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_pause(child: subprocess.Popen[str]) -> str:
    assert child.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = child.stderr.readline()
        if "paused inside the transaction" in line or not line:
            return line.strip()
    return "timed out"


def test_publish_killed_inside_transaction_keeps_previous_version(database_url: str) -> None:
    store = open_store(database_url)
    first = publish(store, minimal(), greedy_solve, by="lin", now=T0)
    child = start_paused_publish(database_url)
    try:
        assert wait_for_pause(child) == "publish: paused inside the transaction"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)

    assert child.returncode == -signal.SIGKILL
    assert (store.latest("mini"), store.count_versions("mini")) == (first.version, 1)
    assert Outbox(store).notices("mini") == []
    moved = unavailable_on(minimal(), "ada", dt.date(2026, 3, 24))
    second = publish(store, moved, greedy_solve, by="lin", now=T0 + dt.timedelta(days=1))
    assert (second.version.number, store.count_versions("mini")) == (2, 2)
    store.engine.dispose()
