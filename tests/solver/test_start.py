"""Going on from a schedule (``SolveOptions.start``): used when still valid, ignored otherwise."""

from __future__ import annotations

from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from planner.generate import generate_problem
from solver import SolveOptions, solve
from tests.domain.test_oracle_soft import place
from tests.solver.events import event


def _solve(problem: Problem, start: Schedule | None = None) -> tuple[list[int], Schedule]:
    """The objectives reported as progress (the first is where the search started), and the result."""
    seen: list[int] = []
    options = SolveOptions(
        time_limit=2, workers=1, seed=1, start=start, progress=lambda _, best, __: seen.append(best)
    )
    return seen, solve(problem, options)


def test_a_valid_start_is_where_the_search_starts_and_never_gets_worse() -> None:
    problem = event(
        [
            {"id": "x", "title": "X", "groups": ["g1"], "occurrences": 2},
            {"id": "y", "title": "Y", "groups": ["g1"]},
        ]
    )
    poor = place(problem, ("x", 1, 0, 0, "a"), ("x", 2, 0, 2, "a"), ("y", 1, 3, 1, "a"))
    cost = check_schedule(problem, poor).objective
    greedy_start, _ = _solve(problem)
    seen, result = _solve(problem, poor)
    assert seen[0] == cost != greedy_start[0]
    assert result.objective <= cost
    assert check_schedule(problem, result).ok


def test_a_start_that_breaks_a_hard_rule_is_ignored() -> None:
    problem = generate_problem(60, 4, 1, 2)
    greedy_start, first = _solve(problem)
    a, b = (
        first.assignments[0],
        next(x for x in first.assignments[1:] if set(x.groups) & set(first.assignments[0].groups)),
    )
    clash = b.model_copy(update={"start": a.start, "end": a.start + (b.end - b.start)})
    broken = first.model_copy(
        update={"assignments": tuple(clash if x is b else x for x in first.assignments)}
    )
    assert not check_schedule(problem, broken).ok
    seen, result = _solve(problem, broken)
    assert seen[0] == greedy_start[0]
    assert check_schedule(problem, result).ok


def test_a_start_missing_occurrences_is_ignored() -> None:
    problem = generate_problem(60, 4, 1, 2)
    greedy_start, first = _solve(problem)
    partial = first.model_copy(update={"assignments": first.assignments[1:]})
    seen, _ = _solve(problem, partial)
    assert seen[0] == greedy_start[0]
