"""The machine a benchmark ran on, in one line, with a speed reference to compare runs by.

Shared cores run at different speeds from one day, even one minute, to the next: the same
solve of the tech conference took 1.7 s on 2026-11-27 and 3.6-4.6 s on 2026-12-04 on the same
kind of "2-core AMD EPYC", and the loop below took 0.8 s and 2.6 s three minutes apart. So the
benchmarks print how long a fixed pure-Python loop takes before and after their runs: compare
two runs only when their references agree, or scale their timings by them.
"""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

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


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def describe() -> str:
    """``Machine: 2 cores, AMD EPYC, Python 3.11.7, load 0.4; 20M-addition loop 0.81 s (<UTC time>)``."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return (
        f"Machine: {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}, "
        f"load {load:.1f}; {LOOP // 1_000_000}M-addition loop {loop_seconds():.2f} s ({when})"
    )
