"""Fixtures shared by the use-case tests: the minimal event and its greedy schedule."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.io.files import read_problem
from tests.factories import greedy_schedule

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal.yaml"


@pytest.fixture
def problem() -> Problem:
    return read_problem(MINIMAL)


@pytest.fixture
def schedule(problem: Problem) -> Schedule:
    return greedy_schedule(problem)
