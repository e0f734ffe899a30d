"""Events and a solver stand-in for storage, publish and feed tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from planner.domain.calendar import Grid, Slot
from planner.domain.model import Problem
from planner.domain.schedule import Assignment, Schedule
from planner.io.files import problem_from_data, problem_to_data, read_problem
from tests.factories import greedy_schedule

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
OFFICE = ROOT / "samples" / "office-training-2026.yaml"
T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)


def minimal() -> Problem:
    return read_problem(MINIMAL)


def edited(problem: Problem, section: str, item_id: str, **fields: Any) -> Problem:
    """The event with fields of one item changed (validated like a file)."""
    data = problem_to_data(problem)
    for item in data[section]:
        if item["id"] == item_id:
            item.update(fields)
    return problem_from_data(data)


def unavailable_on(problem: Problem, speaker_id: str, day: dt.date) -> Problem:
    """The event with one more day the speaker cannot come."""
    speaker = problem.speaker(speaker_id)
    rules = [rule.model_dump(mode="json", by_alias=True, exclude_none=True) for rule in speaker.unavailable]
    return edited(problem, "speakers", speaker_id, unavailable=[*rules, day.isoformat()])


def greedy_solve(problem: Problem, **_: Any) -> Schedule:
    """The solver stand-in: deterministic first-fit placement (ignores the reference)."""
    return greedy_schedule(problem)


def repair_solve(problem: Problem, reference: Schedule | None = None, **_: Any) -> Schedule:
    """The solver stand-in for repairs: keep every reference occurrence that still fits, move the rest.

    An occurrence whose speakers left the event takes those of first-fit placement.
    A moved occurrence keeps its speakers and goes to the first slot and room
    where its speakers, groups and the room are free and available (no other
    rule is checked: this only feeds storage and feed tests).
    """
    if reference is None:
        return greedy_schedule(problem)
    grid, wanted = Grid(problem.event), greedy_schedule(problem).by_key()
    titles, speakers = {s.id: s.title for s in problem.sessions}, {s.id for s in problem.speakers}
    previous = [
        a.model_copy(update={"title": titles[a.session]}) if set(a.speakers) <= speakers else wanted[a.key]
        for a in reference.assignments
        if a.key in wanted
    ]
    kept = [a for a in previous if _fits(problem, grid, a, grid.slot_at(a.start), kept=[])]
    known = {a.key for a in previous}
    moved = [a for a in previous if a not in kept] + [a for key, a in wanted.items() if key not in known]
    placed = list(kept)
    for assignment in moved:
        placed.append(_first_place(problem, grid, assignment, placed))
    ordered = sorted(placed, key=lambda a: (a.session, a.occurrence))
    return reference.model_copy(update={"assignments": tuple(ordered), "version": None})


def _first_place(
    problem: Problem, grid: Grid, assignment: Assignment, placed: list[Assignment]
) -> Assignment:
    length = problem.session(assignment.session).length
    for slot in grid.slots():
        if not grid.is_contiguous(slot.period, length):
            continue
        start, end = grid.start(slot), grid.end(slot, length)
        for room in problem.rooms:
            candidate = assignment.model_copy(update={"start": start, "end": end, "room": room.id})
            if room.capacity >= problem.attendance(problem.session(assignment.session)) and _fits(
                problem, grid, candidate, slot, kept=placed
            ):
                return candidate
    raise RuntimeError(f"repair_solve: no place for {assignment.session} #{assignment.occurrence}")


def _fits(problem: Problem, grid: Grid, a: Assignment, slot: Slot | None, kept: list[Assignment]) -> bool:
    """Are the assignment's speakers, groups and room available and not booked by ``kept``?"""
    if slot is None:
        return False
    rules = [problem.speaker(s).unavailable for s in a.speakers]
    rules += [problem.group(g).unavailable for g in a.groups]
    rules.append(problem.room(a.room).unavailable)
    slots = [Slot(slot.day, slot.period + i) for i in range(problem.session(a.session).length)]
    if any(grid.matches(r, s) for r in rules for s in slots):
        return False
    mine = {*a.speakers, *(f"group:{g}" for g in a.groups), f"room:{a.room}"}
    return not any(
        b.start < a.end
        and a.start < b.end
        and mine & {*b.speakers, *(f"group:{g}" for g in b.groups), f"room:{b.room}"}
        for b in kept
    )
