"""The greedy first schedule (the search's starting point and its fallback) keeps the hard rules."""

from __future__ import annotations

from pathlib import Path

from planner.domain.oracle import check_schedule
from planner.io.files import read_problem
from solver.greedy import greedy_placements, greedy_schedule
from solver.run import build_model

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml"


def test_greedy_places_every_occurrence_of_the_office_sample() -> None:
    problem = read_problem(SAMPLE)
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    report = check_schedule(problem, schedule)
    assert (report.violations, report.score) == ([], schedule.score)
    assert len(schedule.assignments) == sum(s.occurrences for s in problem.sessions)
