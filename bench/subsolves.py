"""The LNS sub-solves of ``solver/lns.py`` under several CP-SAT portfolios, on the same neighbourhoods.

Usage: ``.venv/bin/python bench/subsolves.py EVENT [EVENT ...] [--start 40] [--seconds 8]``
(an event is a Huiwu file or an ITC-2007 ``.ctt``).

A whole-run comparison is noisy: each portfolio leads the search elsewhere. Here every portfolio
solves the very same fixed copies: a first search of ``--start`` seconds (seed 0) gives the
incumbent, then five group neighbourhoods of 8 and five whole-day neighbourhoods are drawn once
(seed 5) and each portfolio solves each of them with ``--seconds`` and two workers. Prints one row
per event and portfolio: neighbourhoods proven optimal, wall seconds in all, and the cost gained.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from planner.domain.model import Problem

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Params = cp_model.SatParameters


def _subsolvers(*names: str) -> Callable[[Params], None]:
    def setup(params: Params) -> None:
        params.subsolvers.clear()
        params.subsolvers.extend(names)

    return setup


def portfolios() -> dict[str, Callable[[Params], None]]:
    """The first search's setup (``solver.run.configure``'s own), CP-SAT's default and the product's
    sub-solves (``lns.SUB_SOLVERS``)."""
    from solver import lns

    return {
        "max_lp + interleaved LNS (the first search's setup)": lambda params: None,  # as `configure` left it
        "CP-SAT default, 2 workers": _subsolvers(),
        f"{' + '.join(lns.SUB_SOLVERS)} (the product's sub-solves)": _subsolvers(*lns.SUB_SOLVERS),
    }


def _problem(path: Path) -> Problem:
    from planner.io.ctt import read_ctt, to_problem
    from planner.io.files import read_problem

    return to_problem(read_ctt(path)) if path.suffix == ".ctt" else read_problem(path)


def main(argv: list[str] | None = None) -> int:
    from solver import SolveOptions, lns
    from solver.run import build_model, configure

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("events", type=Path, nargs="+")
    parser.add_argument("--start", type=float, default=40.0, help="seconds of the first search")
    parser.add_argument("--seconds", type=float, default=8.0, help="limit of each sub-solve")
    args = parser.parse_args(argv)
    print("| event | portfolio | proven optimal | seconds | gained |\n| --- | --- | ---: | ---: | ---: |")
    options = SolveOptions(workers=2, seed=0)
    for path in args.events:
        v = build_model(_problem(path))
        first = cp_model.CpSolver()
        configure(first, options, args.start)
        if first.solve(v.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            print(f"| {path.name} | no first schedule in {args.start} s | | | |")
            continue
        best = lns.Incumbent(list(first.response_proto.solution), round(first.objective_value), first)
        rng = random.Random(5)
        hoods = [lns.group_neighbourhood(v, rng, 8) for _ in range(5)]
        hoods += [lns.day_neighbourhood(v, rng, 1) for _ in range(5)]
        for name, setup in portfolios().items():
            proven, seconds, gained = 0, 0.0, 0
            for free in hoods:
                solver = cp_model.CpSolver()
                configure(solver, options, args.seconds)
                setup(solver.parameters)
                began = time.monotonic()
                status = solver.solve(lns.fixed_copy(v, best, free))
                seconds += time.monotonic() - began
                proven += status == cp_model.OPTIMAL
                if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                    gained += best.objective - round(solver.objective_value)
            print(
                f"| {path.name} (start {best.objective}) | {name} | {proven} / {len(hoods)} "
                f"| {seconds:.1f} | {gained} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
