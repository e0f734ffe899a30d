"""Solver benchmark: time to the first complete schedule, gap to the bound, peak memory.

    .venv/bin/python bench/solver.py [--limit 60] [--sizes 200,500,1000,2000,5000] [--samples]
        [--seed 0 | --seeds 1,2,3] [--weights isolated=0,group_balance=0] [--again 6]

``--again N`` solves N times in a row, each going on from the last schedule (seed, seed + 1, ...),
and lists the N costs. ``--seeds`` runs each event once per seed, one row each, and then the
mean, least and largest cost of each event: CP-SAT on two workers is not repeatable, and one
run of the office sample at a minute has cost anything from 70 to 79.

Two workers (the machine has two cores). Each run is in its own process so the
peak memory (ru_maxrss) is the run's own. Prints one Markdown table row per run;
results are recorded in bench/RESULTS.md (as ``bench/solving.py`` before 2026-11-27).

Python puts a script's folder first on the path, where this file would stand for the ``solver``
package: so this script and every other one in this folder put the project's root before it
(``sys.path.insert(0, ROOT)``) before importing anything of the project.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402


@dataclass(frozen=True)
class Settings:
    limit: float
    seed: int = 0
    weights: dict[str, int] = field(default_factory=dict)
    again: int = 1
    """Solves in a row, each going on from the last one's schedule (``SolveOptions.start``)."""
    tagged: bool = False
    """Whether each row names its seed (``--seeds``)."""


def run(name: str, settings: Settings, queue: multiprocessing.Queue[str]) -> None:
    from planner.domain.oracle import check_schedule
    from planner.generate import generate_problem
    from planner.io.files import read_problem
    from solver import SolveOptions, solve

    if name.isdigit():
        n = int(name)
        rooms = 40 if n >= 2000 else max(8, n // 50)
        groups = 60 if n == 2000 else max(3, n // 35)  # 2,000: the stress event of issue 3
        problem = generate_problem(n, rooms, 8, 1, speakers=n // 5, groups=groups)
    else:
        problem = read_problem(ROOT / "samples" / name)
    if settings.weights:  # a rule switched off or reweighted, to see what it costs
        changed = problem.rules.weights.model_copy(update=settings.weights)
        problem = problem.model_copy(update={"rules": problem.rules.model_copy(update={"weights": changed})})
    started, first = time.monotonic(), []

    def progress(elapsed: float, best: int, bound: int) -> None:
        if not first:
            first.append(time.monotonic() - started)

    schedule, objectives = None, []
    for k in range(settings.again):
        options = SolveOptions(
            time_limit=settings.limit,
            workers=2,
            seed=settings.seed + k,
            explain=False,
            progress=progress,
            start=schedule,
        )
        schedule = solve(problem, options)
        objectives.append(str(schedule.objective))
    assert schedule is not None
    total = time.monotonic() - started
    ok = check_schedule(problem, schedule).ok
    proven = schedule.bound is not None  # None: the greedy schedule, too large to search
    gap = f"{100 * (schedule.objective - (schedule.bound or 0)) / max(1, schedule.objective):.1f} %"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    occurrences = sum(s.occurrences for s in problem.sessions)
    queue.put(
        f"| {name}{f' (seed {settings.seed})' if settings.tagged else ''} | {occurrences} "
        f"| {first[0] if first else float('nan'):.1f} | {total:.1f} "
        f"| {schedule.status} "
        f"| {', '.join(objectives)} | {schedule.bound if proven else '-'} | {gap if proven else '-'} "
        f"| {peak:.0f} MB | {ok} |"
    )
    queue.put(str(schedule.objective))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=float, default=60)
    parser.add_argument("--sizes", default="200,500,1000,2000,5000")
    parser.add_argument("--samples", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", default="", help="seed,...: one run per seed, then each event's mean")
    parser.add_argument("--weights", default="", help="rule=weight,...: e.g. isolated=0,group_balance=0")
    parser.add_argument("--again", type=int, default=1, help="solves in a row, each from the last schedule")
    args = parser.parse_args()
    pairs = (pair.split("=") for pair in args.weights.split(",") if pair)
    weights = {rule: int(value) for rule, value in pairs}
    seeds = [int(s) for s in args.seeds.split(",") if s] or [args.seed]
    names = ["office-training-2026.yaml", "tech-conference.yaml"] if args.samples else []
    names += [s for s in args.sizes.split(",") if s]
    print(describe(), end="\n\n", flush=True)
    print(
        "| event | occurrences | first schedule (s) | total (s) | status | objective | bound | gap "
        "| peak memory | oracle ok |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    costs: dict[str, list[int]] = {name: [] for name in names}
    for name in names:
        for seed in seeds:
            settings = Settings(args.limit, seed, weights, args.again, tagged=bool(args.seeds))
            queue: multiprocessing.Queue[str] = multiprocessing.Queue()
            process = multiprocessing.Process(target=run, args=(name, settings, queue))
            process.start()
            process.join()
            if queue.empty():
                print(f"| {name} | failed (exit {process.exitcode}) |", flush=True)
                continue
            print(queue.get(), flush=True)
            costs[name].append(int(queue.get()))
    if len(seeds) > 1:
        print()
        for name, found in costs.items():
            if found:
                mean = sum(found) / len(found)
                print(f"{name}: mean {mean:.1f} over {len(found)} seeds ({min(found)}-{max(found)})")
    print(f"\n{describe()}")


if __name__ == "__main__":
    main()
