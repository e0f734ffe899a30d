"""The oracle's soft costs on hand-placed schedules: the ITC-2007 definitions counted exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.domain.calendar import Grid, Slot
from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.oracle_soft import track_of, tracks
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


def test_soft_costs_name_occurrences_groups_and_rooms_as_the_event_does() -> None:
    """The messages ``huiwu solve`` prints name the session's title and the group's name; the
    ids stand in the cost's lists."""
    problem = event(
        [{"id": "x", "title": "Logic", "groups": ["g1"], "attendance": 20}], rules={"capacity": "soft"}
    )
    report = check_schedule(problem, place(problem, ("x", 1, 0, 0, "b")))
    messages = {c.rule: (c.message, c.sessions, c.groups) for c in report.costs}
    assert messages["isolated"] == ("'Group 1' has 'Logic' #1 alone at 2026-03-23 09:00", ("x",), ("g1",))
    assert messages["capacity"] == ("'Logic' #1 lacks 8 seats in 'Room B'", ("x",), ())


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


def test_frozen_occurrence_given_by_another_speaker_is_a_violation() -> None:
    pool = {"from": ["ada", "alan"], "pick": 1}
    problem = event([{"id": "x", "title": "X", "candidates": pool}])
    by_ada = place(problem, ("x", 1, 0, 0, "a"))
    old = by_ada.model_copy(
        update={"assignments": (by_ada.assignments[0].model_copy(update={"speakers": ("ada",)}),)}
    )
    new = old.model_copy(
        update={"assignments": (old.assignments[0].model_copy(update={"speakers": ("alan",)}),)}
    )
    assert check_schedule(problem, new, old, dt.date(2026, 3, 24)).violations == [
        "x#1: frozen before 2026-03-24 but given by other speakers"
    ]
    assert check_schedule(problem, new, old, dt.date(2026, 3, 23)).violations == []  # not started


def _track(**weights: int) -> Problem:
    """Two talks of one track (no group) and a third with a group, each by its own speaker."""
    talk = {"course": "Security", "attendance": 10}
    return event(
        [
            {"id": "x", "title": "X", "speakers": ["ada"], **talk},
            {"id": "y", "title": "Y", "speakers": ["alan"], **talk},
            {"id": "z", "title": "Z", "speakers": ["grace"], "groups": ["g1"], "course": "Security"},
        ],
        rules={"weights": weights},
    )


def test_track_overlap_costs_each_talk_of_a_track_at_once() -> None:
    problem = _track()
    report = check_schedule(
        problem, place(problem, ("x", 1, 0, 0, "a"), ("y", 1, 0, 0, "b"), ("z", 1, 1, 0, "a"))
    )
    assert report.score["track_overlap"] == 2
    (cost,) = [c for c in report.costs if c.rule == "track_overlap"]
    assert (cost.sessions, cost.facts["track"], cost.facts["count"]) == (("x", "y"), "Security", 2)


def test_track_overlap_free_one_after_another_and_for_a_group_session() -> None:
    problem = _track()
    report = check_schedule(
        problem, place(problem, ("x", 1, 0, 0, "a"), ("y", 1, 0, 1, "a"), ("z", 1, 0, 0, "b"))
    )
    assert report.score["track_overlap"] == 0


def test_track_room_costs_each_room_beyond_the_first_of_a_day() -> None:
    problem = _track(track_room=3)
    report = check_schedule(
        problem, place(problem, ("x", 1, 0, 0, "a"), ("y", 1, 0, 1, "b"), ("z", 1, 1, 0, "a"))
    )
    assert report.score["track_room"] == 3
    (cost,) = [c for c in report.costs if c.rule == "track_room"]
    assert (cost.rooms, cost.facts["day"]) == (("a", "b"), "2026-03-23")


def test_track_room_free_in_one_room_a_day_and_off_by_default() -> None:
    problem = _track(track_room=3)
    other_day = place(problem, ("x", 1, 0, 0, "a"), ("y", 1, 1, 0, "b"), ("z", 1, 0, 1, "b"))
    assert check_schedule(problem, other_day).score["track_room"] == 0
    default = _track()
    two_rooms = place(default, ("x", 1, 0, 0, "a"), ("y", 1, 0, 1, "b"), ("z", 1, 1, 0, "a"))
    assert check_schedule(default, two_rooms).score["track_room"] == 0


def test_tracks_are_shared_courses_no_group_attends() -> None:
    problem = _track()
    assert {track: [s.id for s in sessions] for track, sessions in tracks(problem).items()} == {
        "Security": ["x", "y"]
    }
    assert track_of(problem) == {"x": "Security", "y": "Security"}
    alone = event([{"id": "x", "title": "X", "course": "Security", "attendance": 10}])
    assert tracks(alone) == {}  # one session is no track


def test_a_cost_of_one_classs_course_names_the_class() -> None:
    """Three classes each take 公文写作规范: a cost of one says which; an isolated lecture's cost
    names the class already, and its title stays bare."""
    from pathlib import Path

    from planner.io.files import read_problem
    from planner.io.schedule_file import read_schedule

    root = Path(__file__).resolve().parents[2]
    office = read_problem(root / "samples" / "office-training-2026.yaml")
    best = read_schedule(root / "bench" / "best" / "office-training-2026" / "schedule.json")
    busy = {a.start.date() for a in best.assignments if "c1" in a.groups}
    free = next(d for d in sorted({a.start.date() for a in best.assignments}) if d not in busy)
    lone = [
        a.model_copy(
            update={
                "start": a.start.replace(day=free.day, month=free.month),
                "end": a.end.replace(day=free.day, month=free.month),
            }
        )
        if a.key == ("study-c1", 1)
        else a
        for a in best.assignments
    ]
    costs = check_schedule(office, best.model_copy(update={"assignments": tuple(lone)})).costs
    assert [c.facts["title"] for c in costs if c.rule == "isolated" and c.sessions == ("study-c1",)] == [
        "自学"
    ]
    split = [c for c in costs if c.rule == "same_speaker" and c.sessions == ("writing-c1",)]
    assert [(c.message, c.facts["title"]) for c in split] == [
        ("'公文写作规范（一班）' is taught by 2 different picked speakers", "公文写作规范（一班）")
    ]
