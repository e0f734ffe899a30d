"""The hard rules around one moved occurrence equal the full oracle's lines about it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from planner.domain.model import Problem
from planner.domain.oracle import check_schedule, lay_out
from planner.domain.oracle_hard import hard_violations
from planner.domain.oracle_move import involves, occurrence_violations
from planner.domain.schedule import Assignment, Schedule
from planner.io.files import read_problem
from tests.factories import greedy_schedule
from tests.strategies import broken_schedules, moved

PROBLEM = read_problem(Path(__file__).resolve().parents[1] / "data" / "minimal.yaml")


def _about(problem: Problem, schedule: Schedule, key: tuple[str, int]) -> list[str]:
    """The hard violations the full oracle reports about one occurrence (as ``check_schedule``
    finds them, without its soft costs)."""
    view, violations = lay_out(problem, schedule)
    violations += hard_violations(view, None, None)
    return [line for line in violations if involves(line, schedule.by_key()[key])]


def test_oracle_move_clash_reported_for_the_moved_occurrence() -> None:
    schedule = greedy_schedule(PROBLEM)
    intro = schedule.by_key()["intro", 1]
    clash = moved(schedule, ("logic", 1), start=intro.start, end=intro.end, room=intro.room)
    found = occurrence_violations(PROBLEM, clash, ("logic", 1))
    assert "room 'a' double-booked: sessions intro#1 and logic#1 at 2026-03-23 09:00" in found
    assert found == _about(PROBLEM, clash, ("logic", 1))
    assert set(found) <= set(check_schedule(PROBLEM, clash).violations)


def test_oracle_move_clean_schedule_nothing_reported() -> None:
    schedule = greedy_schedule(PROBLEM)
    assert [occurrence_violations(PROBLEM, schedule, a.key) for a in schedule.assignments] == [
        [] for _ in schedule.assignments
    ]


def test_oracle_move_involves_names_exactly() -> None:
    a = Assignment.model_validate(
        {**greedy_schedule(PROBLEM).by_key()["logic", 1].model_dump(), "occurrence": 1}
    )
    assert [
        involves(line, a)
        for line in (
            "logic#1: pinned to 09:00, starts at 14:00",
            "logic#10: pinned to 09:00, starts at 14:00",
            "room 'a' double-booked: sessions intro#1 and logic#1 at 2026-03-23 09:00",
            "weekly session 'logic' meets 2 times in week 1",
            "weekly session 'logical' meets 2 times in week 1",
        )
    ] == [True, False, True, True, False]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_schedules())
def test_oracle_move_equals_full_oracle_on_random_moves(
    case: tuple[Problem, Schedule, tuple[str, int], Schedule],
) -> None:
    problem, schedule, key, after = case
    assert occurrence_violations(problem, schedule, key) == _about(problem, schedule, key)
    assert occurrence_violations(problem, after, key) == _about(problem, after, key)
