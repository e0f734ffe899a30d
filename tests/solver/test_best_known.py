"""The best schedule known for the office sample (``bench/best/``): every hard rule kept, and the
cost recorded in bench/RESULTS.md, so the interval the optimum lies in stays true."""

from __future__ import annotations

from pathlib import Path

from planner.domain.oracle import check_schedule
from planner.io.files import read_problem
from planner.io.schedule_file import read_schedule

ROOT = Path(__file__).resolve().parents[2]


def test_best_known_office_schedule_keeps_every_rule_and_costs_60() -> None:
    problem = read_problem(ROOT / "samples" / "office-training-2026.yaml")
    schedule = read_schedule(ROOT / "bench" / "best" / "office-training-2026" / "schedule.json")
    report = check_schedule(problem, schedule)
    assert report.violations == []
    assert (report.objective, schedule.objective) == (60, 60)
    assert len(schedule.assignments) == sum(s.occurrences for s in problem.sessions)
