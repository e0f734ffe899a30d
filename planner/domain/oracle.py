"""The solver-free oracle: the written specification of every rule, and the test oracle.

``check_schedule(problem, schedule)`` re-checks every hard rule and recomputes
every soft cost of a schedule without any solver. Hard violations read like
``speaker 'li' double-booked: sessions a#1 and b#2 at 2026-05-20 am1``; soft
costs come as ``Cost`` objects (rule, cost, message and the sessions, people
and rooms that cause it) and a score per rule. The solver's objective
breakdown must equal this score: the oracle is the definition, the solver an
implementation of it. Rule definitions are in ``docs/model.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from planner.domain.calendar import Grid, Slot
from planner.domain.model import Problem, Session, Speaker
from planner.domain.names import Names
from planner.domain.schedule import Assignment, Cost, Schedule


@dataclass(frozen=True)
class Placed:
    """One assignment seen on the grid: which periods of which day it covers."""

    assignment: Assignment
    session: Session
    slot: Slot

    @property
    def label(self) -> str:
        """``methods-c1#2``: the occurrence by its ids, for the hard rules' lines."""
        return f"{self.assignment.session}#{self.assignment.occurrence}"

    @property
    def named(self) -> str:
        """``'办公室工作基本方法原则' #2``: the occurrence as the people who plan the event call it,
        for the soft costs' messages (their sessions list the ids beside)."""
        return f"'{self.session.title}' #{self.assignment.occurrence}"

    @property
    def periods(self) -> range:
        return range(self.slot.period, self.slot.period + self.session.length)

    def covers(self) -> list[Slot]:
        return [Slot(self.slot.day, p) for p in self.periods]

    def overlaps(self, other: Placed) -> bool:
        return self.slot.day == other.slot.day and bool(set(self.periods) & set(other.periods))


@dataclass
class Report:
    """What the oracle found: broken hard rules, soft costs and the score by rule."""

    violations: list[str] = field(default_factory=list)
    costs: list[Cost] = field(default_factory=list)
    score: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def objective(self) -> int:
        return sum(self.score.values())

    def largest(self, count: int = 10) -> list[Cost]:
        """The ``count`` largest costs, largest first (ties in the order found)."""
        return sorted(self.costs, key=lambda c: -c.cost)[:count]


@dataclass
class View:
    """A schedule laid on the grid, with the lookups every check needs."""

    problem: Problem
    grid: Grid
    placed: list[Placed]
    by_session: dict[str, list[Placed]]
    speakers: dict[str, Speaker] = field(default_factory=dict)
    seats: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.speakers = {k.id: k for k in self.problem.speakers}
        self.seats = {s.id: self.problem.attendance(s) for s in self.problem.sessions}

    @cached_property
    def titles(self) -> dict[str, str]:
        """Each session's course as every page names it: with its classes when not all attend
        (``公文写作规范（一班）``), so that a cost of one of three classes' courses says which."""
        names = Names(self.problem)
        return {s.id: names.course(s.id) for s in self.problem.sessions}

    def of_speaker(self) -> dict[str, list[Placed]]:
        found: dict[str, list[Placed]] = defaultdict(list)
        for item in self.placed:
            for speaker in dict.fromkeys(item.assignment.speakers):
                found[speaker].append(item)
        return found

    def of_group(self) -> dict[str, list[Placed]]:
        found: dict[str, list[Placed]] = defaultdict(list)
        for item in self.placed:
            for group in dict.fromkeys(item.session.groups):
                found[group].append(item)
        return found

    def describe(self, item: Placed) -> str:
        return self.grid.describe(item.slot)

    def facts(self, item: Placed) -> dict[str, str | int]:
        """An occurrence for a message in any language: title, number, date and period's name."""
        period = self.grid.periods[item.slot.period]
        return {
            "title": self.titles[item.session.id],
            "number": item.assignment.occurrence,
            "day": self.grid.days[item.slot.day].isoformat(),
            "period": period.name or period.id,
        }

    def group_name(self, group_id: str) -> str:
        return next((g.name for g in self.problem.groups if g.id == group_id), group_id)

    def speaker_name(self, speaker_id: str) -> str:
        speaker = self.speakers.get(speaker_id)
        return speaker.name if speaker is not None else speaker_id


def check_schedule(
    problem: Problem,
    schedule: Schedule,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
) -> Report:
    """Every broken hard rule and every soft cost of ``schedule`` for ``problem``."""
    from planner.domain.oracle_hard import hard_violations
    from planner.domain.oracle_soft import soft_costs
    from planner.domain.past import kept_past

    problem, _ = kept_past(problem, reference, freeze_before)  # what started stays, even if now away
    report = Report()
    view, report.violations = lay_out(problem, schedule)
    report.violations += hard_violations(view, reference, freeze_before)
    report.costs = soft_costs(view, reference, freeze_before)
    report.score = score_by_rule(problem, report.costs)
    return report


def score_by_rule(problem: Problem, costs: list[Cost]) -> dict[str, int]:
    """Total cost per rule, every rule of ``Weights`` present (0 when nothing costs)."""
    score = dict.fromkeys(type(problem.rules.weights).model_fields, 0)
    for cost in costs:
        score[cost.rule] = score.get(cost.rule, 0) + cost.cost
    return score


def lay_out(problem: Problem, schedule: Schedule, whole: bool = True) -> tuple[View, list[str]]:
    """Map assignments onto the grid; report those that cannot be placed at all.

    ``whole``: the schedule should hold every occurrence once (not so for a part of one).
    """
    grid = Grid(problem.event)
    sessions = {s.id: s for s in problem.sessions}
    problems: list[str] = []
    if schedule.event != problem.event.id:
        problems.append(f"schedule is for event '{schedule.event}', not '{problem.event.id}'")
    placed: list[Placed] = []
    for assignment in schedule.assignments:
        item = _place(problem, grid, sessions, assignment, problems)
        if item is not None:
            placed.append(item)
    by_session: dict[str, list[Placed]] = defaultdict(list)
    for item in sorted(placed, key=lambda p: p.assignment.occurrence):
        by_session[item.session.id].append(item)
    if whole:
        problems += _every_occurrence_once(problem, schedule)
    return View(problem, grid, placed, dict(by_session)), problems


def _place(
    problem: Problem, grid: Grid, sessions: dict[str, Session], assignment: Assignment, problems: list[str]
) -> Placed | None:
    label = f"{assignment.session}#{assignment.occurrence}"
    session = sessions.get(assignment.session)
    if session is None:
        problems.append(f"{label}: no session '{assignment.session}' in the event")
        return None
    slot = grid.slot_at(assignment.start)
    if slot is None:
        problems.append(
            f"{label}: starts at {assignment.start.isoformat()}, not at a period of a working day"
        )
        return None
    if slot.period + session.length > grid.n_periods:
        problems.append(
            f"{label}: {session.length} periods from {grid.describe(slot)} run past the last period"
        )
        return None
    if assignment.end != grid.end(slot, session.length):
        problems.append(
            f"{label}: ends at {assignment.end.isoformat()}, not after {session.length} period(s)"
        )
    if assignment.room not in {r.id for r in problem.rooms}:
        problems.append(f"{label}: no room '{assignment.room}' in the event")
        return None
    known = {k.id for k in problem.speakers}
    unknown = [f"{label}: no speaker '{k}' in the event" for k in assignment.speakers if k not in known]
    if unknown:
        problems += unknown
        return None
    return Placed(assignment, session, slot)


def _every_occurrence_once(problem: Problem, schedule: Schedule) -> list[str]:
    seen: dict[tuple[str, int], int] = defaultdict(int)
    for assignment in schedule.assignments:
        seen[assignment.key] += 1
    problems = [f"{s}#{o}: placed {n} times" for (s, o), n in seen.items() if n > 1]
    for session in problem.sessions:
        problems += [
            f"{session.id}#{o}: not placed"
            for o in range(1, session.occurrences + 1)
            if (session.id, o) not in seen
        ]
    counts = {s.id: s.occurrences for s in problem.sessions}
    problems += [
        f"{s}#{o}: the session has only {counts[s]} occurrence(s)"
        for (s, o) in seen
        if s in counts and o > counts[s]
    ]
    return problems
