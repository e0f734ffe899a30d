"""Solving in a child process: the same answers as ``solve``, progress across, crashes contained
(stopping it: ``test_stop``)."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time

import pytest

from planner.domain.errors import HuiwuError, InfeasibleProblem, InvalidEvent
from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from solver import SolveOptions, solve
from solver.process import SolverCrashed, collect, solve_in_child
from tests.solver.events import event
from tests.solver.test_stop import _triangle


def _small() -> Problem:
    return event(
        [
            {"id": "a", "title": "A", "speakers": ["ada"], "occurrences": 2},
            {"id": "b", "title": "B", "speakers": ["ada"]},
        ]
    )


def test_child_returns_the_schedule_solve_returns() -> None:
    problem = _small()
    options = SolveOptions(time_limit=10, workers=1)
    here, there = solve(problem, options), solve_in_child(problem, options)
    assert there.status == here.status == "optimal"
    assert (there.objective, there.score) == (here.objective, here.score)
    assert check_schedule(problem, there).ok


def test_child_progress_reaches_the_callers_thread() -> None:
    seen: list[tuple[float, int, int, str]] = []

    def progress(seconds: float, objective: int, bound: int) -> None:
        seen.append((seconds, objective, bound, threading.current_thread().name))

    schedule = solve_in_child(_small(), SolveOptions(time_limit=10, workers=1, progress=progress))
    assert seen
    assert seen[-1][1] == schedule.objective
    assert {name for *_, name in seen} == {threading.current_thread().name}


def test_child_reasons_come_back_as_the_same_error() -> None:
    with pytest.raises(InfeasibleProblem) as here:
        solve(_triangle(), SolveOptions(time_limit=10, workers=1))
    with pytest.raises(InfeasibleProblem) as there:
        solve_in_child(_triangle(), SolveOptions(time_limit=10, workers=1))
    assert there.value.reasons == here.value.reasons
    assert len(there.value.reasons) >= 1


def test_a_child_that_dies_without_an_answer_is_reported_not_waited_for() -> None:
    context = multiprocessing.get_context("spawn")
    updates, stop = context.Queue(), context.Event()
    process = context.Process(target=os._exit, args=(7,))
    process.start()
    started = time.monotonic()
    with pytest.raises(SolverCrashed, match=r"ended without an answer \(exit code 7\)"):
        collect(process, updates, stop, SolveOptions())
    assert time.monotonic() - started < 10
    process.join()


def test_a_bug_in_the_child_comes_back_with_its_traceback() -> None:
    context = multiprocessing.get_context("spawn")
    updates, stop = context.Queue(), context.Event()
    updates.put(("crash", "Traceback (most recent call last):\nZeroDivisionError: division by zero"))
    process = context.Process(target=time.sleep, args=(0.1,))
    process.start()
    with pytest.raises(SolverCrashed, match="ZeroDivisionError"):
        collect(process, updates, stop, SolveOptions())
    process.join()


@pytest.mark.parametrize(
    "error", [InfeasibleProblem(["ada is busy", "no room"]), InvalidEvent(["rooms[0].id: missing"])]
)
def test_errors_keep_their_lines_through_pickle(error: HuiwuError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert getattr(copy, "reasons", None) == getattr(error, "reasons", None)
    assert getattr(copy, "problems", None) == getattr(error, "problems", None)


def test_the_parts_a_child_proves_reach_the_callers_callback() -> None:
    context = multiprocessing.get_context("spawn")
    updates, stop = context.Queue(), context.Event()
    schedule = solve(_small(), SolveOptions(time_limit=5, workers=1))
    for message in (("part", ("a" * 64, 6)), ("part", ("b" * 64, 7)), ("done", schedule)):
        updates.put(message)
    process = context.Process(target=time.sleep, args=(0.1,))
    process.start()
    heard: list[tuple[str, int]] = []
    found = collect(
        process, updates, stop, SolveOptions(part_proven=lambda key, cost: heard.append((key, cost)))
    )
    process.join()
    assert (found, heard) == (schedule, [("a" * 64, 6), ("b" * 64, 7)])
