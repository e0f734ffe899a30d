"""The oracle on hand-made schedules: one penalised and one clean case per rule family."""

from __future__ import annotations

from pathlib import Path

from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from planner.io.files import read_problem
from tests.factories import greedy_schedule

PROBLEM = read_problem(Path(__file__).resolve().parents[1] / "data" / "minimal.yaml")


def _moved(schedule: Schedule, key: tuple[str, int], **changes: object) -> Schedule:
    assignments = tuple(a.model_copy(update=changes) if a.key == key else a for a in schedule.assignments)
    return schedule.model_copy(update={"assignments": assignments})


def test_oracle_greedy_schedule_breaks_nothing() -> None:
    assert check_schedule(PROBLEM, greedy_schedule(PROBLEM)).violations == []


def test_oracle_room_double_booked_named() -> None:
    schedule = greedy_schedule(PROBLEM)
    intro = schedule.by_key()["intro", 1]
    clash = _moved(schedule, ("logic", 1), start=intro.start, end=intro.end, room=intro.room)
    violations = check_schedule(PROBLEM, clash).violations
    assert "room 'a' double-booked: sessions intro#1 and logic#1 at 2026-03-23 09:00" in violations


def test_oracle_missing_occurrence_named() -> None:
    schedule = greedy_schedule(PROBLEM)
    fewer = schedule.model_copy(update={"assignments": schedule.assignments[:-1]})
    last = schedule.assignments[-1]
    assert check_schedule(PROBLEM, fewer).violations == [f"{last.session}#{last.occurrence}: not placed"]


def test_oracle_unknown_speaker_named_not_a_traceback() -> None:
    schedule = greedy_schedule(PROBLEM)
    ghost = _moved(schedule, ("logic", 1), speakers=("ghost",))
    report = check_schedule(PROBLEM, ghost)
    assert report.violations == ["logic#1: no speaker 'ghost' in the event"]
    assert check_schedule(PROBLEM, schedule).violations == []


def test_oracle_room_stability_costs_per_extra_room() -> None:
    schedule = greedy_schedule(PROBLEM)
    rooms = {a.room for a in schedule.assignments if a.session == "logic"}
    other = "b" if rooms == {"a"} else "a"
    moved = _moved(schedule, ("logic", 2), room=other)
    before = check_schedule(PROBLEM, schedule).score["room_stability"]
    assert check_schedule(PROBLEM, moved).score["room_stability"] == before + 1


def test_oracle_score_lists_every_rule() -> None:
    score = check_schedule(PROBLEM, greedy_schedule(PROBLEM)).score
    assert sorted(score) == sorted(type(PROBLEM.rules.weights).model_fields)
