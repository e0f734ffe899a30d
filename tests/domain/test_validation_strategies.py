"""The strategies of ``tests/strategies.py`` draw only events that validation accepts."""

from __future__ import annotations

from hypothesis import given, settings

from planner.domain.model import Problem
from planner.domain.validation import check_problem
from tests.strategies import large_problems, problems


@settings(max_examples=60, deadline=None)
@given(problems())
def test_validation_small_random_events_valid(problem: Problem) -> None:
    assert check_problem(problem) == []


@settings(max_examples=10, deadline=None)
@given(large_problems())
def test_validation_large_random_events_valid(problem: Problem) -> None:
    assert check_problem(problem) == []
