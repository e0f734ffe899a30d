"""Benchmark: every export of a generated 2,000-occurrence event, and the
whole-event calendar of a 10,000-occurrence event.

    .venv/bin/python bench/exports.py [--seed 1] [--record | --calendar-only]

Targets (issue 5): all outputs of the 2,000-occurrence event in at most 30 s;
the whole-event calendar of 10,000 occurrences in at most 3 s. The 2,000
event is ``huiwu generate --sessions 2000 --rooms 40 --weeks 8 --speakers 400
--groups 60`` placed by the test suite's greedy first-fit (no solver: only the
exports are timed). The 10,000 event is ``generate_problem(10000, 100, 10)``
placed round-robin over (slot, room): that placement double-books people, which
a calendar does not care about, and takes a second where first-fit takes
minutes. ``--record`` writes the table under "## Exports" in bench/RESULTS.md,
replacing only that section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.factories and tests.exports: the placements

from bench.machine import describe  # noqa: E402
from planner.exports.bundle import calendar_files, outputs  # noqa: E402
from planner.exports.frab import frab_json, frab_xml  # noqa: E402
from planner.exports.ics import Calendars, calendar  # noqa: E402
from planner.exports.layout import Layout, build_layout  # noqa: E402
from planner.exports.pdf import pdf_documents  # noqa: E402
from planner.exports.xlsx import workbook  # noqa: E402
from planner.generate import generate_problem  # noqa: E402
from tests.exports.calendar_data import round_robin_schedule  # noqa: E402
from tests.factories import greedy_schedule  # noqa: E402

GENERATED_AT = dt.datetime(2026, 9, 1, 8, 0, tzinfo=dt.UTC)
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Exports"


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


Row = tuple[str, str, float, str]  # event, output, seconds, note
SMALL, LARGE = "2,000 occurrences", "10,000 occurrences"


def bench_all_outputs(seed: int) -> list[Row]:
    """Each output of the 2,000-occurrence event, then all of them through ``bundle.outputs``."""
    problem = generate_problem(2000, 40, 8, seed, speakers=400, groups=60)
    schedule = greedy_schedule(problem)
    seconds, layout = timed(lambda: build_layout(problem, schedule))
    assert isinstance(layout, Layout)
    rows: list[Row] = [(SMALL, "shared layout (build_layout)", seconds, "")]
    for name, action in (
        ("PDFs (pdf_documents)", lambda: pdf_documents(problem, schedule, generated_at=GENERATED_AT)),
        ("calendars (every scope)", lambda: calendar_files(layout, generated_at=GENERATED_AT)),
        ("schedule.xlsx", lambda: workbook(layout, generated_at=GENERATED_AT)),
        ("frab schedule.xml + .json", lambda: (frab_xml(layout), frab_json(layout))),
    ):
        seconds, result = timed(action)
        rows.append((SMALL, name, seconds, f"{len(result) if isinstance(result, dict) else 1} file(s)"))
    seconds, files = timed(lambda: outputs(problem, schedule, generated_at=GENERATED_AT))
    assert isinstance(files, dict)
    verdict = "meets" if seconds <= 30 else "MISSES"
    rows.append(
        (SMALL, "all outputs (bundle.outputs)", seconds, f"{len(files)} files; {verdict} the 30 s target")
    )
    return rows


def bench_big_calendar(seed: int) -> list[Row]:
    """The whole-event calendar of 10,000 occurrences: its two parts, then end to end."""
    problem = generate_problem(10000, 100, 10, seed)
    schedule = round_robin_schedule(problem)
    layout_seconds, layout = timed(lambda: build_layout(problem, schedule))
    assert isinstance(layout, Layout)
    text_seconds, _ = timed(lambda: Calendars(layout, generated_at=GENERATED_AT).render())
    seconds, content = timed(lambda: calendar(problem, schedule, generated_at=GENERATED_AT))
    assert isinstance(content, bytes)
    events = content.count(b"BEGIN:VEVENT\r\n")
    verdict = "meets" if seconds <= 3 else "MISSES"
    return [
        (LARGE, "shared layout (build_layout)", layout_seconds, ""),
        (LARGE, "calendar text (Calendars)", text_seconds, ""),
        (LARGE, "whole-event calendar (ics.calendar)", seconds,
         f"{events} VEVENTs, {len(content) // 1024} KiB; {verdict} the 3 s target"),
    ]  # fmt: skip


def table(seed: int, rows: list[Row]) -> str:
    lines = [
        SECTION,
        "",
        f"`.venv/bin/python bench/exports.py --seed {seed}` on {platform.machine()}, "
        f"Python {platform.python_version()}, {dt.date.today().isoformat()} "
        "(2 shared cores: timings vary with load).",
        "",
        "| event | output | seconds | note |",
        "| --- | --- | ---: | --- |",
    ]
    lines += [f"| {event} | {name} | {seconds:.2f} | {note} |" for event, name, seconds, note in rows]
    return "\n".join(lines) + "\n"


def record(text: str) -> None:
    """Put ``text`` under the "## Exports" heading of RESULTS.md, leaving other sections alone."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = old.find(SECTION + "\n")
    if start < 0:
        RESULTS.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")
        return
    end = old.find("\n## ", start + len(SECTION))
    rest = old[end + 1 :] if end >= 0 else ""
    RESULTS.write_text(old[:start] + text + ("\n" + rest if rest else ""), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--record", action="store_true", help="write the table into bench/RESULTS.md")
    parser.add_argument("--calendar-only", action="store_true", help="only the 10,000-occurrence calendar")
    args = parser.parse_args()
    if args.record and args.calendar_only:
        parser.error("--record needs the full run: it replaces the whole Exports section")
    rows = [] if args.calendar_only else bench_all_outputs(args.seed)
    rows += bench_big_calendar(args.seed)
    text = table(args.seed, rows)
    print(describe(), end="\n\n")
    print(text)
    if args.record:
        record(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
