"""``huiwu ctt``: ITC-2007 course timetabling with the product's solver and the UD2 score.

``huiwu ctt solve FILE.ctt --out FILE.sol`` reads the instance as a Huiwu
event (``planner.io.ctt``), solves it with the one solver every event uses,
writes the ``.sol`` and prints its UD2 score. ``huiwu ctt score FILE.ctt
FILE.sol`` scores any solution by the published definition
(``planner.io.ctt_score``): hard violations and soft cost by rule; exit 0
only when no hard rule is broken.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.domain import HuiwuError, Schedule
from planner.io.ctt import (
    CttInstance,
    format_solution,
    lectures_from_schedule,
    read_ctt,
    read_solution,
    to_problem,
)
from planner.io.ctt_score import HARD, SOFT, UD2_NAMES, Ud2Score, score
from ui.cli import fail

ctt_app = typer.Typer(
    name="ctt",
    help="ITC-2007 course timetabling: .ctt instances in, .sol solutions out, UD2 scores.",
    no_args_is_help=True,
)

CttFile = Annotated[Path, typer.Argument(help="ITC-2007 instance (.ctt)")]


def register(app: typer.Typer) -> None:
    app.add_typer(ctt_app, name="ctt")


@ctt_app.command("solve")
def solve_ctt(
    ctt_file: CttFile,
    out: Annotated[Path, typer.Option("--out", help="Solution file to write (.sol)")],
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds of search")] = 60.0,
    workers: Annotated[int, typer.Option("--workers", help="Search workers (threads)")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the search")] = 0,
) -> None:
    """Solve an instance with Huiwu's solver, write the .sol and print its UD2 score."""
    try:
        instance = read_ctt(ctt_file)
        schedule = solve_instance(instance, time_limit=time_limit, workers=workers, seed=seed)
        lectures = lectures_from_schedule(to_problem(instance), schedule)
    except HuiwuError as error:
        raise fail(error) from None
    if not lectures:
        typer.echo(f"{ctt_file.name}: no timetable found within {time_limit:g} s", err=True)
        raise typer.Exit(1)
    out.write_text(format_solution(lectures), encoding="utf-8")
    result = score(instance, lectures)
    typer.echo(f"wrote {out} (solver status {schedule.status}, objective {schedule.objective})")
    report(out.name, result)
    if schedule.objective != result.cost and result.violations == 0:
        typer.echo(
            f"warning: solver objective {schedule.objective} differs from UD2 cost {result.cost}", err=True
        )
    raise typer.Exit(0 if result.violations == 0 else 1)


def solve_instance(instance: CttInstance, *, time_limit: float, workers: int, seed: int = 0) -> Schedule:
    """The instance solved by the product's solver (imported here: ortools loads slowly)."""
    from solver import SolveOptions, solve

    def progress(elapsed: float, objective: int, bound: int) -> None:
        typer.echo(f"{elapsed:7.1f} s  cost {objective}  bound {bound}", err=True)

    # the competition scores the timetable only: no time for the parts' bound (solver.bound)
    options = SolveOptions(
        time_limit=time_limit, workers=workers, seed=seed, progress=progress, decompose=False
    )
    return solve(to_problem(instance), options)


@ctt_app.command("score")
def score_ctt(
    ctt_file: CttFile,
    sol_file: Annotated[Path, typer.Argument(help="Solution (.sol): course room day period per line")],
    details: Annotated[bool, typer.Option("--details", help="One line per violation and cost")] = False,
) -> None:
    """Score a solution by the UD2 definition: hard violations and soft cost by rule."""
    try:
        instance = read_ctt(ctt_file)
        result = score(instance, read_solution(sol_file, instance))
    except HuiwuError as error:
        raise fail(error) from None
    report(sol_file.name, result)
    if details:
        for item in result.items:
            typer.echo(f"  {item.rule}: {item.message} (+{item.cost})")
    raise typer.Exit(0 if result.violations == 0 else 1)


def report(name: str, result: Ud2Score) -> None:
    """The score by rule, hard first, with the competition's names."""
    typer.echo(f"{name}: hard violations {result.violations}, soft cost {result.cost}")
    for rule in HARD:
        typer.echo(f"  hard {UD2_NAMES[rule]:<22} {result.hard[rule]:>6}")
    for rule in SOFT:
        typer.echo(f"  soft {UD2_NAMES[rule]:<22} {result.soft[rule]:>6}  ({rule})")
