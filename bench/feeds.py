"""Load test of the calendar feeds: 200 subscribers polling over loopback.

Publishes a 200-session event into a throw-away SQLite database, starts the
feed server (uvicorn, ``--workers N``) in its own process, and drives it with
``wrk`` (Debian package ``wrk``) in another: 200 connections for a fixed time
(bounded, loopback only). Two runs:

- ``304``: every subscriber polls its own feed with the ETag it already has;
- ``200``: every subscriber fetches the full 200-session event calendar;
- ``200 gzip``: the same, asking for gzip as calendar clients do (the server
  compresses each feed once per version).

Targets (issue 6): at least 1,000 requests/s of 304 answers and 300 requests/s
of full 200-session calendars on two cores, 99th percentile latency at most
50 ms. Results are printed and written to ``bench/RESULTS.md`` (section
"Feeds"; other sections are left alone).

    .venv/bin/python bench/feeds.py [--seconds 10] [--workers 1 2] [--postgres] [--no-write]

``--postgres`` runs the same load against a throw-away PostgreSQL server
(``scripts/pg-test-server`` on port 55439) instead of SQLite, and writes the
section "Feeds on PostgreSQL".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planner.domain.model import Problem  # noqa: E402
from planner.domain.schedule import Assignment, Schedule  # noqa: E402
from planner.io.files import problem_from_data  # noqa: E402
from planner.storage.repository import open_store  # noqa: E402
from planner.usecases.publish import Published, publish  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
PG_PORT = "55439"
SESSIONS, DAYS, PERIODS, ROOMS, SPEAKERS = 200, 10, 4, 5, 40
T0 = dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC)
LUA = """
local paths = {%s}
local etags = {%s}
local pause = %d
local accept = "%s"
local counter = 0
request = function()
  counter = counter + 1
  local k = (counter %% #paths) + 1
  local headers = {}
  if etags[k] ~= "" then
    headers["If-None-Match"] = etags[k]
  end
  if accept ~= "" then
    headers["Accept-Encoding"] = accept
  end
  return wrk.format("GET", paths[k], headers)
end
if pause > 0 then
  delay = function()
    return math.random(math.floor(pause / 2), pause + math.floor(pause / 2))
  end
end
"""


#: The runs: answer, which feeds (``all`` with their ETags, or the event's, fetched whole), the
#: target rate, and the Accept-Encoding header (none when empty).
KINDS = (("304", "all", 1000, ""), ("200", "event", 300, ""), ("200 gzip", "event", 300, "gzip"))


def big_event() -> Problem:
    """A conference of 200 one-period sessions over 10 days, 5 rooms, 40 speakers."""
    periods = [
        {"id": f"p{i}", "start": f"{9 + 2 * i:02d}:00", "end": f"{10 + 2 * i:02d}:30"} for i in range(PERIODS)
    ]
    return problem_from_data(
        {
            "event": {
                "id": "bench",
                "title": "Feed benchmark",
                "timezone": "Europe/Berlin",
                "start": "2026-04-06",
                "end": "2026-04-17",
                "periods": periods,
            },
            "rooms": [{"id": f"r{i}", "name": f"Room {i}", "capacity": 100} for i in range(ROOMS)],
            "speakers": [{"id": f"s{i}", "name": f"Speaker {i}"} for i in range(SPEAKERS)],
            "groups": [{"id": "all", "name": "Everyone", "size": 50}],
            "sessions": [
                {"id": f"t{i}", "title": f"Talk {i}", "speakers": [f"s{i % SPEAKERS}"]}
                for i in range(SESSIONS)
            ],
        }
    )


def layout(problem: Problem, **_: Any) -> Schedule:
    """Sessions in order over days, periods and rooms (no solver needed for a load test)."""
    from planner.domain.calendar import Grid, Slot

    grid, assignments = Grid(problem.event), []
    for i, session in enumerate(problem.sessions):
        slot = Slot(i // (PERIODS * ROOMS), (i // ROOMS) % PERIODS)
        assignments.append(
            Assignment(
                session=session.id,
                occurrence=1,
                title=session.title,
                start=grid.start(slot),
                end=grid.end(slot),
                room=f"r{i % ROOMS}",
                speakers=session.speakers,
            )
        )
    return Schedule(event=problem.event.id, status="feasible", objective=0, assignments=tuple(assignments))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HUIWU_DATABASE_URL": url, "HUIWU_FEEDS_URL": f"http://127.0.0.1:{port}"}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "planner.feeds.app:app_from_env",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the feed server did not start within 60 s")


def warm(base: str, published: Published) -> dict[str, str]:
    """Fetch every feed a few times on new connections, so that every worker process has
    rendered it once (each worker has its own cache); returns path -> ETag."""
    etags = {}
    with httpx.Client(base_url=base, timeout=30, headers={"Connection": "close"}) as client:
        for _ in range(6):
            for feed in published.feeds:
                path = f"/feeds/{feed.token}.ics"
                etags[path] = client.get(path).headers["etag"]
    return etags


def lua(folder: Path, name: str, targets: dict[str, str], pause_ms: int, accept: str = "") -> Path:
    """A wrk script: requests go to the next (path, ETag) in turn; each connection waits ~``pause_ms``;
    ``accept``: the Accept-Encoding header, none when empty."""
    script = folder / f"{name}.lua"
    paths = ", ".join(f"[[{p}]]" for p in targets)
    etags = ", ".join(f"[[{e}]]" if e else '""' for e in targets.values())
    script.write_text(LUA % (paths, etags, pause_ms, accept), encoding="utf-8")
    return script


def run_wrk(base: str, seconds: int, script: Path) -> dict[str, float]:
    command = [
        "wrk",
        "-t2",
        "-c200",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "--latency",
        "-s",
        str(script),
        base,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    if done.stderr.strip():
        raise SystemExit(f"wrk: {done.stderr.strip()}")  # a broken script would silently fetch "/"
    return parse_wrk(done.stdout)


def parse_wrk(out: str) -> dict[str, float]:
    """Requests/s, p50 and p99 latency (ms), non-2xx/3xx count and transfer from wrk's report."""

    def ms(label: str) -> float:
        found = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        assert found, out
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    assert rate, out
    return {
        "rps": float(rate.group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": float(errors.group(1)) if errors else 0.0,
        "timeouts": float(timeouts.group(1)) if timeouts else 0.0,
    }


def measure(seconds: int, workers: int, database: str | None = None) -> dict[str, Any]:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    folder = Path(tempfile.mkdtemp(prefix="huiwu-bench-feeds-"))
    url, port = database or f"sqlite:///{folder / 'bench.db'}", free_port()
    published = publish(open_store(url), big_event(), layout, by="bench", now=T0)
    server = start_server(url, port, workers)
    base = f"http://127.0.0.1:{port}"
    try:
        etags = warm(base, published)
        event_path = f"/feeds/{published.feeds[0].token}.ics"
        size = len(httpx.get(base + event_path, timeout=30, headers={"Accept-Encoding": "identity"}).content)
        with httpx.stream("GET", base + event_path, timeout=30, headers={"Accept-Encoding": "gzip"}) as sent:
            packed_size = sum(len(chunk) for chunk in sent.iter_raw())
        runs = {}
        for kind, targets, target_rate, accept in KINDS:
            paths, name = (etags if targets == "all" else {event_path: ""}), kind.replace(" ", "-")
            runs[kind] = run_wrk(base, seconds, lua(folder, f"max-{name}", paths, 0, accept))
            pause = round(200 * 1000 / (target_rate * 1.2))  # 200 subscribers, 20 % above the target rate
            runs[f"{kind}-paced"] = run_wrk(base, seconds, lua(folder, f"paced-{name}", paths, pause, accept))
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return {
        **runs,
        "load": load,
        "feeds": len(etags),
        "bytes": size,
        "gzip bytes": packed_size,
        "workers": workers,
        "seconds": seconds,
    }


def verdict(result: dict[str, Any]) -> list[str]:
    """Per kind of answer: the most the server gives (wrk as fast as it can), and the
    latency when 200 subscribers poll at 20 % above the target rate; PASS or FAIL."""
    lines = []
    for kind, _, floor, _ in KINDS:
        top, paced = result[kind], result[f"{kind}-paced"]
        ok = top["rps"] >= floor and paced["rps"] >= floor and paced["p99"] <= 50 and top["errors"] == 0
        lines.append(
            f"| {result['workers']} | {kind} | {top['rps']:,.0f} req/s (p99 {top['p99']:.0f} ms) | "
            f"{paced['rps']:,.0f} req/s (target >= {floor:,}) | {paced['p50']:.1f} ms | "
            f"{paced['p99']:.1f} ms (target <= 50) | {top['errors'] + paced['errors']:.0f} | "
            f"{result['load']} | {'PASS' if ok else 'FAIL'} |"
        )
    return lines


def report(results: list[dict[str, Any]], command: str, postgres: bool = False) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    first = results[0]
    database = "PostgreSQL 15 (scripts/pg-test-server, same machine)" if postgres else "SQLite"
    return "\n".join(
        [
            f"## {section(postgres)}",
            "",
            f"`{command}` on {when}, {os.cpu_count()} cores ({platform.machine()}),",
            f"Python {platform.python_version()}, {database}, uvicorn with httptools and uvloop.",
            f"wrk (2 threads, 200 connections, {first['seconds']} s per run) in its own process on loopback;",
            f"{first['feeds']} feeds (event, 40 speakers, 5 rooms, 1 group) of a {SESSIONS}-session event;",
            f"the full event calendar is {first['bytes']:,} bytes, {first['gzip bytes']:,} with gzip.",
            '"Flat out": wrk as fast as it can (closed loop, so its p99 is queueing); "polling": each',
            "of the 200 connections waits about 200 / (1.2 x target) s",
            "between requests, so the offered load is 20 % above the target. The two cores are shared by",
            "the server, wrk and whatever else runs at the time (load average before the run).",
            *(
                [
                    "On PostgreSQL every request looks its token up in the database (SQLite's",
                    "`PRAGMA data_version` shortcut of `planner/feeds/live.py` has no counterpart there).",
                ]
                if postgres
                else []
            ),
            "",
            "| workers | answer | flat out | 200 subscribers polling | p50 | p99 | errors | load | verdict |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            *(line for result in results for line in verdict(result)),
            "",
        ]
    )


def section(postgres: bool) -> str:
    return "Feeds on PostgreSQL" if postgres else "Feeds"


def write_section(text: str, postgres: bool = False) -> None:
    """Replace the feeds' section of bench/RESULTS.md (or append it), leaving the others alone."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^## {section(postgres)}\n.*?(?=^## |\Z)", re.M | re.S)
    new = pattern.sub(lambda _: text + "\n", old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run (1-60)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="uvicorn worker processes")
    parser.add_argument("--postgres", action="store_true", help="a throw-away PostgreSQL instead of SQLite")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    seconds = max(1, min(args.seconds, 60))
    results = [measure_on(seconds, workers, args.postgres) for workers in args.workers]
    command = f"python bench/feeds.py --seconds {seconds} --workers {' '.join(map(str, args.workers))}"
    text = report(results, command + (" --postgres" if args.postgres else ""), args.postgres)
    print(text)
    if not args.no_write:
        write_section(text, args.postgres)


def measure_on(seconds: int, workers: int, postgres: bool) -> dict[str, Any]:
    """``measure`` on SQLite, or on a fresh PostgreSQL server started and stopped around it."""
    if not postgres:
        return measure(seconds, workers)
    server = ROOT / "scripts" / "pg-test-server"
    started = subprocess.run([server, "start", PG_PORT], check=True, capture_output=True, text=True)
    url = started.stdout.strip()
    try:
        return measure(seconds, workers, url)
    finally:
        subprocess.run([server, "stop", PG_PORT], check=False, capture_output=True)


if __name__ == "__main__":
    main()
