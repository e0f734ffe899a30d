"""The machine a benchmark ran on, in one line, with a speed reference to compare runs by.

Shared cores run at different speeds from one day, even one minute, to the next: the same
solve of the tech conference took 1.7 s on 2026-11-27 and 3.6-4.6 s on 2026-12-04 on the same
kind of "2-core AMD EPYC", and the loop below took 0.8 s and 2.6 s three minutes apart. So the
benchmarks print two references before and after their runs: how long a fixed pure-Python loop
takes, and how long CP-SAT takes (one worker, wall clock) to spend a fixed deterministic time on
a fixed model. The second matters for the solver: on 2026-12-04 the loop ran at its usual speed
while CP-SAT solves took twice as long as a week before. Compare two runs only when their
references agree, or scale their timings by them.
"""

from __future__ import annotations

import os
import platform
import random
import time
from pathlib import Path

from ortools.sat.python import cp_model

LOOP = 20_000_000


def loop_seconds() -> float:
    """Seconds for ``LOOP`` additions in a Python loop (best of three)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(LOOP):
            total += i
        best = min(best, time.perf_counter() - started)
    return best


def cpsat_seconds(deterministic: float = 3.0) -> float:
    """Wall seconds CP-SAT takes, one worker, to spend ``deterministic`` seconds of its own
    deterministic time colouring a fixed random graph with as few colours as it can."""
    rng = random.Random(0)
    nodes, colours = 120, 16
    model = cp_model.CpModel()
    x = [[model.new_bool_var("") for _ in range(colours)] for _ in range(nodes)]
    used = [model.new_bool_var("") for _ in range(colours)]
    for i in range(nodes):
        model.add_exactly_one(x[i])
        for c in range(colours):
            model.add_implication(x[i][c], used[c])
        for j in range(i):
            if rng.random() < 0.3:
                for c in range(colours):
                    model.add_bool_or([x[i][c].Not(), x[j][c].Not()])
    model.minimize(sum(used))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = deterministic
    started = time.perf_counter()
    solver.solve(model)
    return time.perf_counter() - started


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def describe() -> str:
    """``Machine: 2 cores, AMD EPYC, Python 3.11.7, load 0.4; 20M-addition loop 0.81 s, CP-SAT 3
    deterministic s in 2.13 s (<UTC time>)``."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return (
        f"Machine: {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}, "
        f"load {load:.1f}; {LOOP // 1_000_000}M-addition loop {loop_seconds():.2f} s, "
        f"CP-SAT 3 deterministic s in {cpsat_seconds():.2f} s ({when})"
    )
