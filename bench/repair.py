"""Repair benchmark: how much of a generated event's plan a repair changes, and how long it takes.

    .venv/bin/python bench/repair.py [--sessions 1000] [--limit 30] [--seed 1]
    .venv/bin/python bench/repair.py --office [--limit 5] [--at-noon]

Generates the event of ``bench/solver.py`` with that many occurrences, solves it (``--limit``
seconds, two workers), then repairs the plan (``solve(..., reference=)``, as ``huiwu solve --from``
does) after each of two changes: one session of two occurrences added (the first group, the
last speaker), and the speaker who teaches most away on a day they teach. Prints one Markdown
row per change: occurrences kept and changed, the occurrences the change itself forces to move or
to be placed, the repair's cost and seconds, and whether the oracle finds every hard rule kept.

``--office``: the issue's example on every case of the office sample. From the best known
schedule (``bench/best``), each lecturer in turn away on each day they teach, repaired
(``--limit`` seconds each); one row per case (occurrences the absence forces to move, occurrences
changed, cost, the part of it that the changes cost (``stability``), seconds, oracle), then the
totals. ``--at-noon``: each absence entered for the whole day but repaired at noon that day
(``--freeze-before "DAY 12:00"``): the morning's lectures had been given and stay (``held``), only
the afternoon's are forced to move, and the oracle checks the freeze.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402

if TYPE_CHECKING:
    from planner.domain.model import Problem
    from planner.domain.schedule import Schedule


def main(argv: list[str] | None = None) -> int:
    from planner.domain.errors import HuiwuError
    from planner.domain.model import Session
    from planner.domain.oracle import check_schedule
    from planner.generate import generate_problem
    from planner.usecases.solve import compare
    from solver import SolveOptions, solve

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--office", action="store_true", help="every lecturer away in turn, office sample")
    parser.add_argument("--at-noon", action="store_true", help="with --office: each repair frozen at noon")
    args = parser.parse_args(argv)
    if args.office:
        return office(args.limit, args.at_noon)
    n = args.sessions
    rooms, groups = (40 if n >= 2000 else max(8, n // 50)), (60 if n == 2000 else max(3, n // 35))
    problem = generate_problem(n, rooms, 8, args.seed, speakers=n // 5, groups=groups)
    options = SolveOptions(time_limit=args.limit, workers=2, seed=0, explain=False)
    old = solve(problem, options)
    print(f"{n} occurrences: plan cost {old.objective} after {args.limit:g} s\n")

    def added() -> tuple[str, Problem, int]:
        group, speaker = problem.groups[0].id, problem.speakers[-1].id
        new = Session(id="added", title="Added", occurrences=2, groups=(group,), speakers=(speaker,))
        sessions = (new, *problem.sessions)
        return "a session of 2 occurrences added", problem.model_copy(update={"sessions": sessions}), 2

    def away(schedule: Schedule) -> tuple[str, Problem, int]:
        given = {k for s in problem.sessions for k in s.speakers}
        busy = collections.Counter(k for a in schedule.assignments for k in a.speakers if k in given)
        who = busy.most_common(1)[0][0]
        day = next(a.start.date() for a in schedule.assignments if who in a.speakers)
        forced = teaching_on(schedule, who, day)
        return f"{who} away on {day}", away_on(problem, who, day), forced

    print("| change | kept | changed | forced by the change | cost | seconds | oracle ok |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for what, changed, forced in (added(), away(old)):
        began = time.monotonic()
        try:
            new = solve(changed, options, reference=old)
        except HuiwuError as error:
            print(f"| {what} | - | - | {forced} | {error} | {time.monotonic() - began:.1f} | - |")
            continue
        seconds = time.monotonic() - began
        moves, kept = compare(old, new)
        ok = check_schedule(changed, new, old).ok
        print(f"| {what} | {kept} | {len(moves)} | {forced} | {new.objective} | {seconds:.1f} | {ok} |")
    print(f"\n{describe()}")
    return 0


def away_on(problem: Problem, who: str, day: dt.date) -> Problem:
    """``problem`` with speaker ``who`` unavailable on ``day``."""
    from planner.domain.model import Rule

    speakers = tuple(
        k.model_copy(update={"unavailable": (*k.unavailable, Rule(date=day))}) if k.id == who else k
        for k in problem.speakers
    )
    return problem.model_copy(update={"speakers": speakers})


def teaching_on(schedule: Schedule, who: str, day: dt.date, after: dt.time = dt.time()) -> int:
    """How many of ``schedule``'s occurrences speaker ``who`` teaches on ``day`` (starting at
    ``after`` or later): those their absence that day forces to change."""
    starts = [a.start for a in schedule.assignments if who in a.speakers]
    return sum(1 for start in starts if start.date() == day and start.time() >= after)


def office(limit: float, at_noon: bool = False) -> int:
    """``--office``: every lecturer of the best known office schedule away on each day they teach."""
    from planner.domain.model import Kind
    from planner.domain.oracle import check_schedule
    from planner.domain.past import kept_past
    from planner.io.files import read_problem
    from planner.io.schedule_file import read_schedule
    from planner.usecases.solve import compare
    from solver import SolveOptions, solve

    problem = read_problem(ROOT / "samples" / "office-training-2026.yaml")
    old = read_schedule(ROOT / "bench" / "best" / "office-training-2026" / "schedule.json")
    taught = [s for s in problem.sessions if s.kind != Kind.CEREMONY]
    lecturers = {k for s in taught for k in (*s.speakers, *(s.candidates.from_ if s.candidates else ()))}
    cases = sorted({(k, a.start.date()) for a in old.assignments for k in a.speakers if k in lecturers})
    noon = dt.time(12, 0)
    frozen = " frozen at noon that day" if at_noon else ""
    print(f"office sample from its best known schedule (cost {old.objective}), {limit:g} s a repair{frozen}")
    print()
    print("| lecturer away | forced | changed | cost | of it for the changes | seconds | oracle ok |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    forced_all = changed_all = extra = held = 0
    slowest, all_ok, rest = 0.0, True, []
    for who, day in cases:
        changed = away_on(problem, who, day)
        freeze = dt.datetime.combine(day, noon) if at_noon else None
        forced = teaching_on(old, who, day, noon if at_noon else dt.time())
        held += len(kept_past(changed, old, freeze)[1])
        began = time.monotonic()
        options = SolveOptions(time_limit=limit, workers=2, seed=0, explain=False)
        new = solve(changed, options, reference=old, freeze_before=freeze)
        seconds = time.monotonic() - began
        moves, _ = compare(old, new)
        report = check_schedule(changed, new, old, freeze)
        moving = sum(c.cost for c in report.costs if c.rule == "stability")
        ok = report.ok
        row = (f"{who} on {day}", forced, len(moves), new.objective, moving, f"{seconds:.1f}", ok)
        print("| " + " | ".join(str(cell) for cell in row) + " |")
        forced_all, changed_all = forced_all + forced, changed_all + len(moves)
        extra = max(extra, len(moves) - forced)
        rest.append(new.objective - moving - old.objective)
        slowest, all_ok = max(slowest, seconds), all_ok and ok
    print(
        f"\n{len(cases)} cases: {forced_all} occurrences forced, {changed_all} changed (at most {extra} "
        f"more than forced in one case), the other rules {min(rest):+d} to {max(rest):+d} against the plan, "
        f"slowest {slowest:.1f} s, oracle ok in all: {all_ok}"
        + (f"; {held} morning lectures given before the absence kept" if at_noon else "")
        + f"\n\n{describe()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
