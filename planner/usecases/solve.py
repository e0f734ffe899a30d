"""Solve and check an event: the use-cases behind ``huiwu solve`` and ``huiwu check``.

``planner`` never imports the solver: ``solve_event`` receives the solve
function (``solver.solve`` with its options bound) as a parameter. Every
schedule it returns has been re-checked by the solver-free oracle; a repair
(a reference schedule given) also lists what moved and how much stayed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from planner.domain.model import Problem
from planner.domain.oracle import Report, check_schedule
from planner.domain.schedule import Schedule

SolveFunction = Callable[[Problem, Schedule | None, dt.date | None], Schedule]
"""(problem, reference schedule or None, freeze date or None) -> schedule."""


@dataclass(frozen=True)
class Move:
    """One occurrence that changed between a reference schedule and its repair."""

    session: str
    title: str
    old_start: dt.datetime | None
    old_room: str | None
    new_start: dt.datetime | None
    new_room: str | None

    def describe(self) -> str:
        def at(start: dt.datetime | None, room: str | None) -> str:
            return "(none)" if start is None else f"{start:%Y-%m-%d %H:%M} {room}"

        old, new = at(self.old_start, self.old_room), at(self.new_start, self.new_room)
        return f"{self.session} '{self.title}': {old} -> {new}"


@dataclass
class SolveResult:
    """A schedule, the oracle's report on it and, for a repair, the moves."""

    schedule: Schedule
    report: Report
    moves: list[Move] = field(default_factory=list)
    kept: int = 0


def solve_event(
    problem: Problem,
    solve: SolveFunction,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
) -> SolveResult:
    """Solve, re-check with the oracle and compare with the reference; raises InfeasibleProblem."""
    schedule = solve(problem, reference, freeze_before)
    report = check_schedule(problem, schedule, reference, freeze_before)
    result = SolveResult(schedule, report)
    if reference is not None:
        result.moves, result.kept = compare(reference, schedule)
    return result


def compare(old: Schedule, new: Schedule) -> tuple[list[Move], int]:
    """Moves from ``old`` to ``new`` (per session, unchanged starts matched first) and how many stayed."""
    moves, kept = [], 0
    sessions = dict.fromkeys([a.session for a in old.assignments] + [a.session for a in new.assignments])
    for session in sessions:
        before = sorted((a for a in old.assignments if a.session == session), key=lambda a: a.start)
        after = sorted((a for a in new.assignments if a.session == session), key=lambda a: a.start)
        same = {a.start for a in before} & {a.start for a in after}
        rooms_before = {a.start: a.room for a in before}
        for a in after:
            if a.start in same and rooms_before[a.start] == a.room:
                kept += 1
            elif a.start in same:
                moves.append(Move(session, a.title, a.start, rooms_before[a.start], a.start, a.room))
        gone = [a for a in before if a.start not in same]
        came = [a for a in after if a.start not in same]
        for index in range(max(len(gone), len(came))):
            g = gone[index] if index < len(gone) else None
            c = came[index] if index < len(came) else None
            either = c or g
            title = either.title if either is not None else session
            moves.append(
                Move(
                    session,
                    title,
                    g.start if g else None,
                    g.room if g else None,
                    c.start if c else None,
                    c.room if c else None,
                )
            )
    return moves, kept


def write_schedule(schedule: Schedule, directory: Path) -> Path:
    """Write ``directory/schedule.json`` (the folder is created) and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "schedule.json"
    path.write_text(schedule.to_json(), encoding="utf-8")
    return path


def check_event(
    problem: Problem,
    schedule: Schedule,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
) -> Report:
    """The oracle's report on a schedule (``huiwu check``), against a reference plan if given."""
    return check_schedule(problem, schedule, reference, freeze_before)
