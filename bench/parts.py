"""The parts of an event's decomposition bound (``solver/bound.py``), each solved alone.

Usage: ``.venv/bin/python bench/parts.py samples/office-training-2026.yaml [--seconds 5]``.
Prints one row per part (its sessions, status, cost found, proven bound, wall seconds, and the
bound its counts alone prove at once: ``solver/counting.py``) and the sums of the bounds: lower
bounds on the cost of every schedule of the event.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

from ortools.sat.python import cp_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from planner.io.files import read_problem
    from solver import SolveOptions
    from solver.bound import floors, part_solver, parts
    from solver.data import build_index
    from solver.run import build_model

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("event", type=Path)
    parser.add_argument("--seconds", type=float, default=5.0, help="time limit of each part")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    print(
        "| part | sessions | status | cost | bound | seconds | counted |\n"
        "| --- | --- | --- | ---: | ---: | ---: | ---: |"
    )
    total = total_counted = 0
    for part in parts(read_problem(args.event)):
        began = time.monotonic()
        solver = part_solver(SolveOptions(workers=args.workers), args.seconds)
        status = solver.solve(build_model(part).model)
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        proven = max(0, math.ceil(solver.best_objective_bound - 1e-6)) if found else 0
        total += proven
        cost = round(solver.objective_value) if found else "-"
        kind = "group " + part.sessions[0].groups[0] if part.rules.weights.min_days == 0 else "speakers of"
        seconds = time.monotonic() - began
        counted = sum(floors(part, build_index(part), {}, math.inf).values())
        total_counted += counted
        print(
            f"| {kind} {part.sessions[0].id} | {len(part.sessions)} | {solver.status_name(status)} "
            f"| {cost} | {proven} | {seconds:.2f} | {counted} |"
        )
    print(f"\nsum of the counted bounds: {total_counted}")
    print(f"sum of the proven bounds: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
