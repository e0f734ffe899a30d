"""The best schedule known for the office sample (``bench/best/``): every hard rule kept, and the
cost recorded in bench/RESULTS.md, so the interval the optimum lies in stays true. The tests that
start from a good office schedule use the one best known before it (60, ``tests/data``), whose
properties they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.oracle import check_schedule
from planner.io.files import read_problem
from planner.io.schedule_file import read_schedule
from planner.usecases.edit_schedule import pin
from solver import SolveOptions, solve

ROOT = Path(__file__).resolve().parents[2]


BEST_KNOWN = 59
"""The cost of ``bench/best/office-training-2026/schedule.json`` (a 2,400 s solve of 2026-12-07)."""


@pytest.mark.parametrize(
    ("path", "cost"),
    [
        (ROOT / "bench" / "best" / "office-training-2026" / "schedule.json", BEST_KNOWN),
        (ROOT / "tests" / "data" / "office-schedule-60.json", 60),
    ],
)
def test_best_office_schedules_keep_every_rule_and_cost_what_is_recorded(path: Path, cost: int) -> None:
    problem = read_problem(ROOT / "samples" / "office-training-2026.yaml")
    schedule = read_schedule(path)
    report = check_schedule(problem, schedule)
    assert report.violations == []
    assert (report.objective, schedule.objective) == (cost, cost)
    assert len(schedule.assignments) == sum(s.occurrences for s in problem.sessions)


def test_best_known_office_schedule_pinned_occurrence_by_occurrence_comes_back() -> None:
    """Every occurrence pinned as the app's 固定 pins it (date, period and room of that occurrence,
    over the sample's own pins of its ceremonies): the solver places each where it was. It once
    refused, taking a ceremony's two pins for two sessions and mixing the rooms of all the pins."""
    problem = read_problem(ROOT / "samples" / "office-training-2026.yaml")
    schedule = read_schedule(ROOT / "tests" / "data" / "office-schedule-60.json")
    for assignment in schedule.assignments:
        result = pin(problem, assignment)
        assert result.problem is not None
        problem = result.problem
    solved = solve(problem, SolveOptions(time_limit=30, workers=2, seed=1))
    placed = {a.key: (a.start, a.room) for a in solved.assignments}
    assert placed == {a.key: (a.start, a.room) for a in schedule.assignments}
    assert (solved.status, solved.objective) == ("optimal", 60)
