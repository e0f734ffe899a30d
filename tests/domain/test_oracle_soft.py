"""The oracle's soft costs on hand-placed schedules: the ITC-2007 definitions counted exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.domain.calendar import Grid, Slot
from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Assignment, Schedule
from tests.solver.events import event


def place(problem: Problem, *items: tuple[str, int, int, int, str]) -> Schedule:
    """Assignments from (session, occurrence, day index, period index, room)."""
    grid = Grid(problem.event)
    assignments = []
    for session_id, occurrence, day, period, room in items:
        session = problem.session(session_id)
        slot = Slot(day, period)
        assignments.append(
            Assignment(
                session=session_id,
                occurrence=occurrence,
                title=session.title,
                start=grid.start(slot),
                end=grid.end(slot, session.length),
                room=room,
                speakers=session.speakers,
                groups=session.groups,
            )
        )
    return Schedule(event=problem.event.id, status="manual", objective=0, assignments=tuple(assignments))


def _two(**session: Any) -> Problem:
    return event(
        [{"id": "x", "title": "X", "groups": ["g1"], **session}, {"id": "y", "title": "Y", "groups": ["g1"]}]
    )


def test_isolated_costs_two_per_lone_occurrence() -> None:
    problem = _two()
    report = check_schedule(problem, place(problem, ("x", 1, 0, 0, "a"), ("y", 1, 0, 2, "a")))
    assert report.score["isolated"] == 4


def test_isolated_free_when_adjacent() -> None:
    problem = _two()
    report = check_schedule(problem, place(problem, ("x", 1, 0, 0, "a"), ("y", 1, 0, 1, "a")))
    assert report.score["isolated"] == 0


def test_min_days_costs_five_per_missing_day() -> None:
    problem = _two(occurrences=3)
    schedule = place(
        problem, ("x", 1, 0, 0, "a"), ("x", 2, 0, 1, "a"), ("x", 3, 1, 0, "a"), ("y", 1, 1, 1, "a")
    )
    assert check_schedule(problem, schedule).score["min_days"] == 5


def test_capacity_soft_costs_each_missing_seat() -> None:
    problem = event([{"id": "x", "title": "X", "attendance": 20}], rules={"capacity": "soft"})
    report = check_schedule(problem, place(problem, ("x", 1, 0, 0, "b")))
    assert (report.violations, report.score["capacity"]) == ([], 8)


def test_capacity_hard_is_a_violation() -> None:
    problem = event([{"id": "x", "title": "X", "attendance": 20}])
    report = check_schedule(problem, place(problem, ("x", 1, 0, 0, "b")))
    assert report.violations == ["x#1: 20 people in room 'b' that seats 12"]


def test_stability_time_move_dearer_than_room_move() -> None:
    problem = event([{"id": "x", "title": "X"}, {"id": "y", "title": "Y"}], event={"end": "2026-04-24"})
    old = place(problem, ("x", 1, 15, 0, "a"), ("y", 1, 15, 1, "a"))
    new = place(problem, ("x", 1, 16, 0, "a"), ("y", 1, 15, 1, "b"))
    costs = {c.sessions: c.cost for c in check_schedule(problem, new, old).costs if c.rule == "stability"}
    assert costs == {("x",): 30, ("y",): 10}


def test_frozen_occurrence_moved_is_a_violation() -> None:
    problem = event([{"id": "x", "title": "X"}])
    old = place(problem, ("x", 1, 0, 0, "a"))
    new = place(problem, ("x", 1, 0, 1, "a"))
    report = check_schedule(problem, new, old, dt.date(2026, 3, 24))
    assert report.violations == ["x#1: frozen before 2026-03-24 but moved"]
