"""What a solve leaves in the caller's process: ``solve`` there, or ``solve_in_child``.

    .venv/bin/python bench/process.py [--occurrences 1000] [--limit 20]

Each way runs in a fresh process of its own (this script started again with
``--way here`` or ``--way child``): it solves a tiny event twice (the time a
child costs to start, the first one also starting the fork server), then a
generated event, and prints the caller's resident memory (VmRSS) before and
after. Results are recorded in bench/RESULTS.md, "Solving in a child process".
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def resident_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
    return -1


def measure(way: str, occurrences: int, limit: float) -> str:
    from planner.generate import generate_problem
    from solver import SolveOptions, solve, solve_in_child
    from tests.solver.events import event

    run = solve if way == "here" else solve_in_child
    tiny = event([{"id": "a", "title": "A", "speakers": ["ada"], "occurrences": 2}])
    starts = []
    for _ in range(2):
        began = time.monotonic()
        run(tiny, SolveOptions(time_limit=5, workers=1))
        starts.append(time.monotonic() - began)
    problem = generate_problem(occurrences, max(8, occurrences // 50), 8, 1, speakers=occurrences // 5)
    before = resident_mb()
    schedule = run(problem, SolveOptions(time_limit=limit, workers=2, explain=False))
    return (
        f"| {way} | {starts[0]:.2f} s, {starts[1]:.2f} s | {occurrences} | {before} MB "
        f"| {resident_mb()} MB | {schedule.objective} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--occurrences", type=int, default=1000)
    parser.add_argument("--limit", type=float, default=20.0)
    parser.add_argument("--way", choices=["here", "child"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.way:
        print(measure(args.way, args.occurrences, args.limit), flush=True)
        return
    print("| solve | tiny event, twice | occurrences | caller before | caller after | cost |")
    print("| --- | --- | ---: | ---: | ---: | ---: |", flush=True)
    for way in ("here", "child"):
        command = [sys.executable, __file__, "--way", way]
        command += ["--occurrences", str(args.occurrences), "--limit", str(args.limit)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
