"""Benchmark: Huiwu's solver on every ITC-2007 course-timetabling instance of a folder.

    .venv/bin/python bench/itc2007.py DIR --time-limit 300 [--workers 2] [--seed 0]
        [--only comp02,comp06] [--out OUT_DIR] [--one-process]

Each ``.ctt`` is read as a Huiwu event (``planner.io.ctt``), solved by the
product's solver with the given wall time and workers, its solution written
to ``OUT_DIR/<name>.sol`` and scored by the published UD2 definition
(``planner.io.ctt_score``), never by the solver's own report. The table
(markdown) gives per instance: hard violations, soft cost, the best known
result and the ITC-2007 winner's mean (read from the table of ``DIR/README.md``
when it has one), the gap to the best known, the time to the first feasible
timetable and the total wall time.

Each instance is solved in a fresh Python process, as ``huiwu ctt solve`` and
the competition ran them, so one instance's solve cannot bear on the next;
``--one-process`` solves them all in this process. (On comp05 the two differ:
bench/RESULTS.md, "ITC-2007".)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # before bench/, where solver.py is the solver benchmark, not the package

from bench.machine import describe  # noqa: E402
from planner.domain import HuiwuError  # noqa: E402
from planner.io.ctt import format_solution, lectures_from_schedule, read_ctt, to_problem  # noqa: E402
from planner.io.ctt_score import score  # noqa: E402
from solver import SolveOptions, solve  # noqa: E402

COLUMNS = (
    "instance",
    "hard",
    "soft",
    "best known",
    "winner mean",
    "gap to best",
    "first feasible (s)",
    "wall (s)",
)


@dataclass(frozen=True)
class Row:
    instance: str
    hard: int | None
    soft: int | None
    best: str
    winner: str
    first: float | None
    wall: float

    def cells(self) -> list[str]:
        gap = "-"
        if self.soft is not None and self.hard == 0 and _number(self.best) is not None:
            gap = f"{self.soft - (_number(self.best) or 0):+g}"
        return [
            self.instance,
            "-" if self.hard is None else str(self.hard),
            "-" if self.soft is None else str(self.soft),
            self.best,
            self.winner,
            gap,
            "-" if self.first is None else f"{self.first:.1f}",
            f"{self.wall:.0f}",
        ]


def references(folder: Path) -> dict[str, tuple[str, str]]:
    """instance -> (best known, winner's mean) from the markdown table of ``folder/README.md``."""
    readme = folder / "README.md"
    if not readme.exists():
        return {}
    table = [line for line in readme.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    if not table:
        return {}
    header = [cell.strip().lower() for cell in table[0].strip("|").split("|")]
    best = next((i for i, h in enumerate(header) if "best known" in h), None)
    winner = next((i for i, h in enumerate(header) if "winner" in h), None)
    found = {}
    for line in table[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        found[cells[0]] = (
            cells[best] if best is not None else "-",
            cells[winner] if winner is not None else "-",
        )
    return found


def _number(text: str) -> float | None:
    return float(text) if re.fullmatch(r"-?\d+(\.\d+)?", text) else None


def run_one(path: Path, out: Path, options: SolveOptions, refs: dict[str, tuple[str, str]]) -> Row:
    """Solve one instance, write its .sol, score it by UD2."""
    best, winner = refs.get(path.stem, ("-", "-"))
    instance = read_ctt(path)
    problem = to_problem(instance)
    first: list[float] = []
    started = time.monotonic()

    def on_progress(elapsed: float, objective: int, bound: int) -> None:
        if not first:
            first.append(time.monotonic() - started)
            print(f"{path.stem}: first timetable at {first[0]:.1f} s, cost {objective}", file=sys.stderr)

    try:
        schedule = solve(problem, replace(options, progress=on_progress))
    except HuiwuError as error:
        print(f"{path.stem}: {error}", file=sys.stderr)
        return Row(path.stem, None, None, best, winner, None, time.monotonic() - started)
    wall = time.monotonic() - started
    lectures = lectures_from_schedule(problem, schedule)
    (out / f"{path.stem}.sol").write_text(format_solution(lectures), encoding="utf-8")
    result = score(instance, lectures)
    print(f"{path.stem}: hard {result.violations} soft {result.cost} {result.soft}", file=sys.stderr)
    if schedule.objective != result.cost:
        print(
            f"{path.stem}: MISMATCH: solver objective {schedule.objective}, UD2 {result.cost}",
            file=sys.stderr,
        )
    return Row(path.stem, result.violations, result.cost, best, winner, first[0] if first else None, wall)


def run_isolated(path: Path, args: argparse.Namespace, refs: dict[str, tuple[str, str]]) -> Row:
    """``run_one`` in a fresh Python process (this script with ``--one-process``); its progress
    goes to stderr as usual, its row comes back as JSON."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        row = Path(folder) / "row.json"
        command = [sys.executable, str(Path(__file__).resolve()), str(args.folder), "--only", path.stem]
        command += ["--time-limit", str(args.time_limit), "--workers", str(args.workers)]
        command += ["--seed", str(args.seed), "--out", str(args.out), "--one-process", "--row", str(row)]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        if row.exists():
            return Row(**json.loads(row.read_text(encoding="utf-8")))
    print(f"{path.stem}: the solving process ended without a result", file=sys.stderr)
    best, winner = refs.get(path.stem, ("-", "-"))
    return Row(path.stem, None, None, best, winner, None, time.monotonic() - started)


def markdown(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(" --- " for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="folder of .ctt instances (and README.md with references)")
    parser.add_argument("--time-limit", type=float, default=300.0, help="wall seconds per instance")
    parser.add_argument("--workers", type=int, default=2, help="solver workers")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default="", help="comma-separated instance names (default: every one)")
    parser.add_argument(
        "--out", type=Path, default=Path("bench/out/itc2007"), help="folder for the .sol files"
    )
    parser.add_argument(
        "--one-process", action="store_true", help="solve every instance in this process, one after another"
    )
    parser.add_argument(
        "--row", type=Path, help=argparse.SUPPRESS
    )  # run_isolated's child writes its row here
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.row is None:  # the parent, not a child solving one instance
        print(describe(), file=sys.stderr, flush=True)
    # as `huiwu ctt solve`: the competition scores the timetable only, so no parts' bound
    options = SolveOptions(time_limit=args.time_limit, workers=args.workers, seed=args.seed, decompose=False)
    refs = references(args.folder)
    rows = []
    only = {name for name in args.only.split(",") if name}
    for path in sorted(args.folder.glob("*.ctt")):
        if only and path.stem not in only:
            continue
        if args.one_process:
            rows.append(run_one(path, args.out, options, refs))
        else:
            rows.append(run_isolated(path, args, refs))
        if args.row is None:  # a child's row is printed by its parent
            print(markdown(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    if args.row is not None and rows:
        args.row.write_text(json.dumps(asdict(rows[-1])), encoding="utf-8")
    print(markdown(rows), end="")
    return 0 if all(row.hard == 0 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
