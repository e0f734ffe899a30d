"""Stopping a solve from another thread (here or in a child process): before the first schedule too,
promptly."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from planner.domain.errors import HuiwuError
from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from planner.generate import generate_problem
from solver import SolveOptions, solve, solve_in_child
from tests.solver.events import event

STOPPED = "the search was stopped before any schedule was found"


def _triangle() -> Problem:
    """Three sessions pairwise sharing a speaker in two slots: no schedule, yet every count fits."""
    pairs = {"a": ["ada", "alan"], "b": ["alan", "grace"], "c": ["grace", "ada"]}
    sessions = [{"id": s, "title": s.upper(), "speakers": people} for s, people in pairs.items()]
    return event(
        sessions,
        event={
            "end": "2026-03-23",
            "periods": [
                {"id": "am1", "start": "09:00", "end": "10:00"},
                {"id": "am2", "start": "10:00", "end": "11:00"},
            ],
        },
    )


SOLVES = [solve, solve_in_child]
"""Here, and in a child process (``solver.process``): a stop works the same way in both."""


@pytest.mark.parametrize("run", SOLVES, ids=["here", "child"])
def test_stop_before_any_schedule_is_a_clear_error(run: Callable[..., Schedule]) -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(HuiwuError, match=f"^{STOPPED}$"):
        run(_triangle(), SolveOptions(time_limit=30, workers=1, stop_event=stop))


def test_stop_not_asked_infeasible_is_explained() -> None:
    with pytest.raises(HuiwuError) as raised:
        solve(_triangle(), SolveOptions(time_limit=5, workers=1, explain=False))
    assert str(raised.value) != STOPPED


@pytest.mark.parametrize(
    ("run", "delay", "within"),
    [(solve, 1.0, 10), (solve_in_child, 2.0, 15)],  # the child: a second more to start and stop
    ids=["here", "child"],
)
def test_stop_after_a_short_delay_ends_a_long_search_promptly(
    run: Callable[..., Schedule], delay: float, within: float
) -> None:
    problem = generate_problem(300, 8, 2, seed=5)
    stop = threading.Event()
    timer = threading.Timer(delay, stop.set)
    started = time.monotonic()
    timer.start()
    try:
        schedule = run(problem, SolveOptions(time_limit=120, workers=1, stop_event=stop))
    finally:
        timer.cancel()
    assert time.monotonic() - started < within
    assert check_schedule(problem, schedule).violations == []


def test_stop_never_set_searches_until_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # searched even when a loaded machine built slowly (the greedy's schedule is the answer when the
    # time left looks too short for the rules and a search: 1.2-1.9 s of 3 s on a slow machine)
    monkeypatch.setattr("solver.run.MIN_SEARCH", 0.0)
    monkeypatch.setattr("solver.run.RULES_PER_VARIABLES", 0.0)
    problem = generate_problem(300, 8, 2, seed=1)  # the greedy places it all: an answer however loaded
    started = time.monotonic()
    schedule = solve(problem, SolveOptions(time_limit=3, workers=1, stop_event=threading.Event()))
    assert time.monotonic() - started >= 2.5
    assert check_schedule(problem, schedule).violations == []
