"""Sessions moved out of rooms whose equipment they do not need, once the schedule is made, where
that costs nothing (``planner.domain.equipment``)."""

from __future__ import annotations

from typing import Any

from planner.domain.equipment import spare_equipment
from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from tests.domain.test_oracle_soft import place
from tests.solver.events import event

LAB = {"id": "lab", "name": "Lab", "capacity": 30, "features": ["projector", "computers"]}
ROOM_1 = {"id": "r1", "name": "Room 1", "capacity": 30, "features": ["projector"]}
ROOM_2 = {"id": "r2", "name": "Room 2", "capacity": 30, "features": ["projector"]}


def lectures(*ids: str, rooms: tuple[dict[str, Any], ...] = (LAB, ROOM_1), **session: Any) -> Problem:
    """Lectures for 20 that need a projector, two occurrences each, no group."""
    wanted = {"attendance": 20, "features": ["projector"], "occurrences": 2, **session}
    return event([{"id": i, "title": i.upper(), **wanted} for i in ids], rooms=list(rooms))


def rooms_of(schedule: Schedule) -> dict[tuple[str, int], str]:
    return {a.key: a.room for a in schedule.assignments}


def test_a_lecture_leaves_the_lab_for_a_free_classroom_at_no_cost() -> None:
    problem = lectures("x")
    schedule = place(problem, ("x", 1, 0, 0, "lab"), ("x", 2, 1, 0, "lab"))
    spared = spare_equipment(problem, schedule)
    assert rooms_of(spared) == {("x", 1): "r1", ("x", 2): "r1"}
    assert (
        spared.objective
        == check_schedule(problem, spared).objective
        == check_schedule(problem, schedule).objective
    )


def test_a_lecture_stays_in_the_lab_when_it_needs_it_or_no_classroom_is_free() -> None:
    computing = lectures("x", features=["projector", "computers"])
    schedule = place(computing, ("x", 1, 0, 0, "lab"), ("x", 2, 1, 0, "lab"))
    assert spare_equipment(computing, schedule) == schedule
    full = lectures("x", "y")
    schedule = place(
        full, ("x", 1, 0, 0, "lab"), ("x", 2, 1, 0, "lab"), ("y", 1, 0, 0, "r1"), ("y", 2, 1, 0, "r1")
    )
    assert spare_equipment(full, schedule) == schedule


def test_a_lecture_in_the_way_moves_aside_to_another_classroom() -> None:
    """x is in the lab twice; Room 1 is taken at the first, Room 2 at the second: y moves to Room 2
    so that x can have Room 1."""
    problem = lectures("x", "y", "z", rooms=(LAB, ROOM_1, ROOM_2))
    schedule = place(
        problem,
        ("x", 1, 0, 0, "lab"),
        ("x", 2, 1, 0, "lab"),
        ("y", 1, 0, 0, "r1"),
        ("y", 2, 2, 0, "r1"),
        ("z", 1, 1, 0, "r2"),
        ("z", 2, 2, 1, "r2"),
    )
    spared = spare_equipment(problem, schedule)
    assert {a.room for a in spared.assignments} == {"r1", "r2"}
    assert check_schedule(problem, spared).ok


def test_a_repair_keeps_the_lab_when_leaving_it_would_send_change_notices() -> None:
    problem = lectures("x")
    schedule = place(problem, ("x", 1, 0, 0, "lab"), ("x", 2, 1, 0, "lab"))
    assert spare_equipment(problem, schedule, reference=schedule) == schedule
