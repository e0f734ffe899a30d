"""The Huiwu oracle on a course-timetabling event agrees with the published UD2 score.

The event from ``to_problem`` expresses the four UD2 soft costs through the
general rules (capacity, min_days, isolated, room_stability) and their
weights; the oracle is the definition of those rules, ``ctt_score`` the
competition's. On every hard-feasible timetable the two must give the same
cost per rule, and the oracle must find a hard violation exactly when UD2 does.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest

from planner.domain.oracle import check_schedule
from planner.io.ctt import CttInstance, Lecture, read_ctt, read_solution, schedule_from_lectures, to_problem
from planner.io.ctt_score import SOFT, score

DATA = Path(__file__).resolve().parents[1] / "data" / "ctt"


def _compare(instance: CttInstance, lectures: list[Lecture]) -> tuple[dict[str, int], dict[str, int], bool]:
    problem = to_problem(instance)
    report = check_schedule(problem, schedule_from_lectures(problem, lectures))
    return {rule: report.score[rule] for rule in SOFT}, score(instance, lectures).soft, report.ok


@pytest.mark.parametrize(("ctt", "sol"), [("four.ctt", "four.sol"), ("shared.ctt", "shared.sol")])
def test_oracle_score_equals_ud2_on_hand_made_solution(ctt: str, sol: str) -> None:
    instance = read_ctt(DATA / ctt)
    oracle, ud2, ok = _compare(instance, read_solution(DATA / sol, instance))
    assert ok
    assert oracle == ud2


def test_oracle_finds_hard_violations_ud2_finds() -> None:
    instance = read_ctt(DATA / "four.ctt")
    problem = to_problem(instance)
    lectures = read_solution(DATA / "four-hard.sol", instance)
    report = check_schedule(problem, schedule_from_lectures(problem, lectures))
    assert not report.ok


def test_oracle_equals_ud2_on_every_timetable_of_tiny() -> None:
    instance = read_ctt(DATA / "tiny.ctt")
    places = [
        (r, d, p) for r in instance.rooms for d in range(instance.days) for p in range(instance.periods)
    ]
    names = [c.id for c in instance.courses for _ in range(c.lectures)]
    feasible = 0
    for combo in product(places, repeat=len(names)):
        lectures = [Lecture(name, *place) for name, place in zip(names, combo, strict=True)]
        if score(instance, lectures).violations:
            continue
        feasible += 1
        oracle, ud2, ok = _compare(instance, lectures)
        assert ok, lectures
        assert oracle == ud2, lectures
    assert feasible == 288
