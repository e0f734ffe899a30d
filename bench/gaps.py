"""Where the solver's schedules lose: each part's cost against its proven least (``solver/gaps.py``).

Usage: ``.venv/bin/python bench/gaps.py samples/office-training-2026.yaml --limit 10 --seeds 1,2,3
[--best bench/best/office-training-2026/schedule.json]``. Solves the event once per seed (two
workers, as ``bench/solver.py``) and prints one row per part: its least (counted), its cost in
each seed's schedule, and in the ``--best`` schedule when given; then each schedule's total.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from planner.domain.oracle import check_schedule
    from planner.io.files import read_problem
    from planner.io.schedule_file import read_schedule
    from solver import SolveOptions, solve
    from solver.gaps import part_costs

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("event", type=Path)
    parser.add_argument("--limit", type=float, default=10.0, help="time limit of each solve")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds, one solve each")
    parser.add_argument("--best", type=Path, help="a schedule of the event to compare with")
    args = parser.parse_args(argv)
    problem = read_problem(args.event)
    schedules = [
        solve(problem, SolveOptions(time_limit=args.limit, workers=2, seed=int(seed)))
        for seed in args.seeds.split(",")
    ]
    if args.best is not None:
        schedules.append(read_schedule(args.best))
    columns = [part_costs(problem, check_schedule(problem, s).costs) for s in schedules]
    heads = [f"seed {seed}" for seed in args.seeds.split(",")] + (["best"] if args.best else [])
    print("| part | least | " + " | ".join(heads) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in heads) + " |")
    for n, part in enumerate(columns[0]):
        name = part.group or ", ".join(part.sessions)
        print(f"| {name} | {part.least} | " + " | ".join(str(column[n].cost) for column in columns) + " |")
    totals = " | ".join(str(sum(p.cost for p in column)) for column in columns)
    print(f"| **total** | {sum(p.least for p in columns[0])} | {totals} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
