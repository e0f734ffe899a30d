"""``huiwu solve`` and ``huiwu check``: plan an event with the solver, check a schedule without it.

``huiwu solve EVENT --out DIR`` writes ``DIR/schedule.json``, shows a progress
line on stderr and prints the score by rule with the ten largest costs, then the event's parts
whose cost is above the least proven for them (``solver.gaps``): where a longer solve could gain.
``--from OLD/schedule.json [--freeze-before DATE]`` repairs an older plan and
lists what moved; ``--start OLD/schedule.json`` goes on improving an earlier
schedule of the same event (what an edit since broke in it is placed anew). Without either, a
schedule of the same event already in ``DIR`` is where the solve goes on from, as in the app
(``--fresh`` starts afresh instead, using neither that schedule nor the folder's bounds).
Exit codes: 0 done, 2 invalid input, 3 no schedule exists.
What a solve proves (its bound, and the optima of the event's parts) is kept in
``DIR/bounds.json``, so the next solve into the same folder shows that bound from its start,
even a short one, and does not solve those parts again (the app keeps the same in its database).
``huiwu check EVENT schedule.json`` exits 0 only when no hard rule is broken.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer

from planner.domain import HuiwuError, Problem, Schedule
from planner.domain.calendar import under_way
from planner.domain.oracle import Report
from planner.io.files import output_folder
from planner.io.schedule_file import another_event, read_schedule
from planner.usecases.solve import (
    ProvenBounds,
    SolveFunction,
    SolveResult,
    check_event,
    read_bounds,
    solve_event,
    write_bounds,
    write_schedule,
)
from ui.cli import FREEZE_FORMATS, EventFile, fail, load, now, under_way_note


def register(app: typer.Typer) -> None:
    app.command("solve")(solve)
    app.command("check")(check)


def solve(
    event_file: EventFile,
    out: Annotated[Path, typer.Option("--out", help="Folder for schedule.json, bounds.json")] = Path("out"),
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds of search")] = 30.0,
    workers: Annotated[int, typer.Option("--workers", help="Search workers (2 suit two cores)")] = 2,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed (one worker, a seed and --fresh repeat exactly)")
    ] = 0,
    reference: Annotated[
        Path | None, typer.Option("--from", help="Earlier schedule.json to stay close to (repair)")
    ] = None,
    freeze_before: Annotated[
        dt.datetime | None,
        typer.Option(
            "--freeze-before",
            formats=FREEZE_FORMATS,
            help="Sessions that start before this day or moment (the event's clock) never move",
        ),
    ] = None,
    start: Annotated[
        Path | None, typer.Option("--start", help="Earlier schedule.json to go on improving (no repair)")
    ] = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Start afresh: neither OUT/schedule.json nor its bounds")
    ] = False,
) -> None:
    """Plan EVENT_FILE and write OUT/schedule.json; exit 3 with the reasons when no schedule exists."""
    problem = load(event_file)
    if freeze_before is not None and reference is None:
        raise fail(HuiwuError("--freeze-before needs --from OLD/schedule.json (the plan to keep)"))
    if fresh and start is not None:
        raise fail(HuiwuError("--fresh and --start exclude each other: start afresh or from a schedule"))
    if reference is not None and freeze_before is None and (moment := under_way(problem.event, now())):
        freeze_before = moment  # while the event runs, what has started stays, as in publish and the app
        typer.echo(under_way_note(problem.event, moment), err=True)
    known = None  # a repair's costs include its moves: it neither uses nor keeps bounds
    if reference is None:  # a fresh solve uses none either, so a seed repeats it exactly
        known = ProvenBounds() if fresh else read_bounds(out)
    try:
        old = read_schedule(reference) if reference is not None else None
        begin = read_schedule(start) if start is not None else None
        refuse_other_events(problem, (f"--from {reference}", old), (f"--start {start}", begin))
        if begin is None and old is None and not fresh:
            begin = _last_schedule(problem, out)
        with output_folder(out):  # the input checked first, then the folder: before the solve, not after it
            run = _solver(time_limit, workers, seed, begin, problem, known)
            result = solve_event(problem, run, old, freeze_before)
    except HuiwuError as error:
        _end_progress()
        raise fail(error) from None
    _end_progress()
    try:
        path = write_schedule(result.schedule, out)
    except HuiwuError as error:
        raise fail(error) from None
    if known is not None:
        _keep_bounds(problem, result.schedule, known, out, fresh)
    if reference is None:
        _print_result(problem, result, path, time_limit, known.parts_of(problem) if known else {})
    else:  # a repair: no parts (its costs include its moves, which no part holds)
        _print_result(problem, result, path)


def _keep_bounds(problem: Problem, schedule: Schedule, known: ProvenBounds, out: Path, fresh: bool) -> None:
    """What the solve proved, written to ``out/bounds.json`` for the next solve; a fresh solve's
    joins what the folder keeps (which it did not use)."""
    known.learn(problem, schedule, version=_model_version())
    kept = known
    if fresh:
        kept = read_bounds(out)
        kept.merge(known)
    try:
        write_bounds(kept, out)
    except HuiwuError as error:  # the schedule is written: only the next solve's head start is lost
        typer.echo(f"bounds not kept: {error}", err=True)


def _last_schedule(problem: Problem, out: Path) -> Schedule | None:
    """``out/schedule.json`` when it is a schedule of this event: solving again goes on from it, as
    the app's Solve page does by default, so a second solve never ends worse than the first. What
    an edit of the event since broke in it (an occurrence added, a lecturer away) the solver places
    anew, keeping the rest. Unreadable or another event's, it is not used: the solve starts afresh."""
    path = out / "schedule.json"
    if not path.is_file():
        return None
    try:
        last = read_schedule(path)
    except HuiwuError as error:
        typer.echo(f"starting afresh, {path} unreadable: {error}", err=True)
        return None
    if last.event != problem.event.id:
        return None
    report = check_event(problem, last)
    if not report.ok:
        broken = len(report.violations)
        typer.echo(
            f"going on from {path}, placing anew what breaks {broken} hard rule(s) of the event "
            "since; --fresh starts afresh",
            err=True,
        )
    else:
        typer.echo(f"going on from {path} (cost {report.objective}); --fresh starts afresh", err=True)
    return last


def _solver(
    time_limit: float,
    workers: int,
    seed: int,
    start: Schedule | None = None,
    problem: Problem | None = None,
    known: ProvenBounds | None = None,
) -> SolveFunction:
    """``solver.solve`` with its options bound (imported here: ortools loads slowly); with
    ``known``, the bounds proven before for ``problem`` and its parts, and what it proves kept there."""
    from solver import SolveOptions
    from solver import solve as solve_problem

    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed, progress=_progress, start=start)
    if known is not None and problem is not None:
        options.floor, options.parts, options.part_proven = known.for_solve(problem, _model_version())

    def run(problem: Problem, reference: Schedule | None, freeze: dt.date | None) -> Schedule:
        return solve_problem(problem, options, reference, freeze)

    return run


def _model_version() -> str:
    from solver import MODEL_VERSION  # imported here: ortools loads slowly

    return MODEL_VERSION


def _progress(elapsed: float, best: int, bound: int) -> None:
    """One line rewritten in place on a terminal; one line per better schedule in a log or pipe
    (a carriage return there runs every report into one long line)."""
    proven = f"  bound {bound}" if bound else ""  # 0: nothing proven yet
    text = f"{elapsed:6.1f} s  best {best}{proven}"
    sys.stderr.write(f"\r{text}          " if _on_terminal() else text + "\n")
    sys.stderr.flush()


def _on_terminal() -> bool:
    return sys.stderr.isatty()


def _end_progress() -> None:
    """End the progress line on a terminal, so what follows stands on a line of its own."""
    if _on_terminal():
        typer.echo("", err=True)


def bound_words(schedule: Schedule, time_limit: float | None = None) -> str:
    """What the schedule's bound says: a number once one is proven, else why there is none (and,
    below ``BOUND_SECONDS``, that a longer limit proves one)."""
    if schedule.bound is None:
        return "not searched: the greedy schedule, no bound"
    if schedule.bound == 0 < schedule.objective:
        from solver import BOUND_SECONDS

        if time_limit is not None and time_limit < BOUND_SECONDS:
            return f"no bound proven: a time limit of {BOUND_SECONDS:g} s or more proves one"
        return "no bound proven"
    return f"bound {schedule.bound}"


def longer_words(schedule: Schedule, time_limit: float | None) -> str | None:
    """After a solve below ``LNS_SECONDS`` that proved nothing optimal: that one longer solve going
    on from it gains more than several short ones (the LNS runs only from there; six 10 s solves of
    the office sample in a row end at 72 on average, one 60 s solve from the first at 65)."""
    from solver import LNS_SECONDS

    if schedule.status != "feasible" or time_limit is None or time_limit >= LNS_SECONDS:
        return None
    return (
        f"below {LNS_SECONDS:g} s the solver searches the plan as a whole only: solving again into "
        "the same folder with --time-limit 60 goes on from this schedule and also rearranges it day "
        "by day, group by group and speaker by speaker"
    )


def _print_result(
    problem: Problem,
    result: SolveResult,
    path: Path,
    time_limit: float | None = None,
    parts: Mapping[str, int] | None = None,
) -> None:
    """The schedule written, its report and, unless ``parts`` is None (a repair), the parts whose
    cost is above their least (``parts``: optima proven before, by part key)."""
    schedule = result.schedule
    typer.echo(
        f"wrote {path}: {len(schedule.assignments)} occurrences, status {schedule.status}, "
        f"cost {schedule.objective} ({bound_words(schedule, time_limit)})"
    )
    if result.tidied:
        typer.echo(
            f"rooms tidied at no cost: {result.tidied} occurrences moved to a plainer room "
            "or their group's own room"
        )
    if parts is not None and (longer := longer_words(schedule, time_limit)) is not None:
        typer.echo(longer)  # not after a repair: it goes on from its reference anyway
    print_report(result.report)
    if parts is not None and result.report.ok and schedule.status != "optimal":
        print_parts(problem, result.report, parts)
    if result.repair:
        frozen = f" ({result.frozen} of them started before the freeze)" if result.frozen else ""
        typer.echo(
            f"{result.kept} occurrences stayed{frozen}, {len(result.moves)} changed (time, room or speakers):"
        )
        for move in result.moves:
            typer.echo(f"  {move.describe()}")
    if result.held:
        typer.echo("started before the freeze, so kept as they were, though now marked away or closed then:")
        for held in result.held:
            typer.echo(f"  {held.describe()}")
    if not result.report.ok:
        raise typer.Exit(1)


def print_report(report: Report) -> None:
    """Broken hard rules, the score by rule and the ten largest costs."""
    for line in report.violations:
        typer.echo(f"BROKEN: {line}")
    typer.echo("score by rule: " + ", ".join(f"{rule} {cost}" for rule, cost in report.score.items() if cost))
    largest = report.largest(10)
    if largest:
        typer.echo("largest costs:")
    for cost in largest:
        who = ", ".join([*cost.sessions, *cost.speakers, *cost.groups, *cost.rooms])
        typer.echo(f"  {cost.cost:4d}  {cost.rule}: {cost.message}" + (f" [{who}]" if who else ""))


PARTS_SHOWN = 10
"""The parts above their least printed, the largest gaps (a generated 2,000 event has 236 parts)."""


def print_parts(problem: Problem, report: Report, known: Mapping[str, int]) -> None:
    """The event's parts whose cost is above the least any schedule can cost there (``solver.gaps``),
    the ``PARTS_SHOWN`` largest gaps first (the header adds them all up): where a longer solve could
    still gain. Nothing for an event that does not fall apart, or when every part is at its least."""
    from solver.bound import GROUP_RULES  # imported here: ortools loads slowly
    from solver.gaps import above_least, names, part_costs

    above = above_least(part_costs(problem, report.costs, known))
    if not above:
        return
    typer.echo(
        f"parts whose cost is above the least proven for them ({sum(p.cost for p in above)} of the cost, "
        f"at least {sum(p.least for p in above)}):"
    )
    for part in above[:PARTS_SHOWN]:
        what, who = names(problem, part)
        words = ", ".join(what) + (f" ({', '.join(who)})" if who else "")
        words += f": {', '.join(GROUP_RULES)}" if part.group is not None else ""
        typer.echo(f"  {part.cost:4d}  at least {part.least:<4d}  {words}")
    if len(above) > PARTS_SHOWN:
        typer.echo(f"  ... and {len(above) - PARTS_SHOWN} more")


def refuse_other_events(problem: Problem, *given: tuple[str, Schedule | None]) -> None:
    """``HuiwuError`` naming the first (label, schedule) of another event than ``problem``: not
    edits since, so nothing of it would fit, and a list of every occurrence it lacks says less."""
    for label, schedule in given:
        if schedule is not None and (other := another_event(schedule, problem)):
            raise HuiwuError(f"{label}: {other}")


def check(
    event_file: EventFile,
    schedule_file: Annotated[Path, typer.Argument(help="schedule.json to check")],
    reference: Annotated[
        Path | None, typer.Option("--from", help="Earlier schedule.json: also count stability costs")
    ] = None,
    freeze_before: Annotated[
        dt.datetime | None,
        typer.Option(
            "--freeze-before", formats=FREEZE_FORMATS, help="With --from: nothing starting before it may move"
        ),
    ] = None,
) -> None:
    """Re-check every hard rule and recompute every soft cost, without the solver."""
    problem = load(event_file)
    try:
        old = read_schedule(reference) if reference is not None else None
        schedule = read_schedule(schedule_file)
        refuse_other_events(problem, (str(schedule_file), schedule), (f"--from {reference}", old))
        report = check_event(problem, schedule, old, freeze_before)
    except HuiwuError as error:
        raise fail(error) from None
    print_report(report)
    typer.echo(f"{len(report.violations)} hard rule(s) broken, cost {report.objective}")
    if not report.ok:
        raise typer.Exit(1)
