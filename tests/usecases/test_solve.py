"""The solve use-case: the solve function comes in as a parameter; moves are listed old -> new."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.io.files import read_problem
from planner.usecases.solve import compare, solve_event
from tests.factories import greedy_schedule

PROBLEM = read_problem(Path(__file__).resolve().parents[1] / "data" / "minimal.yaml")


def test_solve_event_checks_what_the_solve_function_returns() -> None:
    def solve(problem: Problem, reference: Schedule | None, freeze: dt.date | None) -> Schedule:
        return greedy_schedule(problem)

    result = solve_event(PROBLEM, solve)
    assert result.report.violations == []
    assert (result.moves, result.kept) == ([], 0)


def test_compare_lists_a_moved_occurrence_and_counts_the_rest() -> None:
    old = greedy_schedule(PROBLEM)
    first = old.assignments[-1]
    later = first.model_copy(
        update={"start": first.start + dt.timedelta(days=1), "end": first.end + dt.timedelta(days=1)}
    )
    new = old.model_copy(update={"assignments": (*old.assignments[:-1], later)})
    moves, kept = compare(old, new)
    assert kept == len(old.assignments) - 1
    assert [(m.session, m.old_start, m.new_start) for m in moves] == [
        (first.session, first.start, later.start)
    ]
