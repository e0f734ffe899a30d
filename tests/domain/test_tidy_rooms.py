"""Rooms tidied once the schedule is made, where that costs nothing (``planner.domain.tidy_rooms``):
sessions out of rooms whose equipment they do not need, and each class in a room of its own."""

from __future__ import annotations

from typing import Any

from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from planner.domain.tidy_rooms import tidy_rooms
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
    spared = tidy_rooms(problem, schedule)[0]
    assert rooms_of(spared) == {("x", 1): "r1", ("x", 2): "r1"}
    assert (
        spared.objective
        == check_schedule(problem, spared).objective
        == check_schedule(problem, schedule).objective
    )


def test_a_lecture_stays_in_the_lab_when_it_needs_it_or_no_classroom_is_free() -> None:
    computing = lectures("x", features=["projector", "computers"])
    schedule = place(computing, ("x", 1, 0, 0, "lab"), ("x", 2, 1, 0, "lab"))
    assert tidy_rooms(computing, schedule)[0] == schedule
    full = lectures("x", "y")
    schedule = place(
        full, ("x", 1, 0, 0, "lab"), ("x", 2, 1, 0, "lab"), ("y", 1, 0, 0, "r1"), ("y", 2, 1, 0, "r1")
    )
    assert tidy_rooms(full, schedule)[0] == schedule


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
    spared = tidy_rooms(problem, schedule)[0]
    assert {a.room for a in spared.assignments} == {"r1", "r2"}
    assert check_schedule(problem, spared).ok


def test_a_repair_keeps_the_lab_when_leaving_it_would_send_change_notices() -> None:
    problem = lectures("x")
    schedule = place(problem, ("x", 1, 0, 0, "lab"), ("x", 2, 1, 0, "lab"))
    assert tidy_rooms(problem, schedule, reference=schedule)[0] == schedule


def classes(*placed: tuple[str, int, int, int, str]) -> tuple[Problem, Schedule]:
    """Two classes of 25, each with two lectures of two occurrences (a1, a2 for c1; b1, b2 for c2),
    in Room 1 and Room 2, and a computing lesson (c1's ``lab``) that needs the lab."""
    lecture = {"attendance": 25, "features": ["projector"], "occurrences": 2}
    sessions = [
        {"id": s, "title": s.upper(), "groups": [g], **lecture}
        for s, g in (("a1", "c1"), ("a2", "c1"), ("b1", "c2"), ("b2", "c2"))
    ]
    sessions.append({"id": "lab", "title": "LAB", "groups": ["c1"], "features": ["computers"]})
    groups = [{"id": "c1", "name": "Class 1", "size": 25}, {"id": "c2", "name": "Class 2", "size": 25}]
    problem = event(sessions, rooms=[LAB, ROOM_1, ROOM_2], groups=groups, rules={"weights": {"isolated": 0}})
    return problem, place(problem, *placed)


CROSSED = (
    ("a1", 1, 0, 0, "r2"),
    ("a1", 2, 1, 0, "r2"),
    ("a2", 1, 0, 1, "r1"),
    ("a2", 2, 1, 1, "r1"),
    ("b1", 1, 0, 0, "r1"),
    ("b1", 2, 1, 0, "r1"),
    ("b2", 1, 0, 1, "r2"),
    ("b2", 2, 1, 1, "r2"),
    ("lab", 1, 2, 0, "lab"),
)
"""Each class in both rooms, and at each period in the other's: no session can move alone."""


def test_each_class_gets_a_room_of_its_own_the_first_class_the_first_room() -> None:
    problem, schedule = classes(*CROSSED)
    tidied = tidy_rooms(problem, schedule)[0]
    by_class = {(a.groups[0], a.room) for a in tidied.assignments}
    assert by_class == {("c1", "r1"), ("c1", "lab"), ("c2", "r2")}
    assert tidied.objective == check_schedule(problem, schedule).objective


def test_a_class_keeps_its_rooms_in_a_repair_that_would_send_change_notices() -> None:
    problem, schedule = classes(*CROSSED)
    assert tidy_rooms(problem, schedule, reference=schedule)[0] == schedule
