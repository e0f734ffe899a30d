"""``solve`` in a child process: the caller's process keeps nothing of the search.

The browser app serves every user from one long-lived process. A solve run
inside it would keep CP-SAT's memory there (the caller held 1,320 MB after a
20 s solve of a generated 1,000-occurrence event, 137 MB when the solve ran in
a child: bench/process.py, bench/RESULTS.md "Solving in a child process"), take the whole app
down if OR-Tools crashed, and search worse after earlier solves: on ITC-2007
comp05 a solve after another in the same process ended at 331-381 where a
fresh process gave 318-339 (bench/RESULTS.md, "ITC-2007").

``solve_in_child`` has ``solve``'s signature and behaviour: progress and the parts proven reach
the caller's callbacks (from the thread that called it), the caller's stop event
stops the child's search, and the schedule or the ``HuiwuError`` (reasons
included) comes back as if solved here. The child is forked from a fork server
that has already imported the solver, so it starts in a fraction of a second,
and it is a fresh process for every solve (0.04 s to start; 0.5 s for the
first, which also starts the fork server). A child that dies without an answer
raises ``SolverCrashed`` naming its exit code; the caller lives on.

As with every multiprocessing start method but fork, a script calling this must
guard its own code with ``if __name__ == "__main__":`` (the fork server imports
the caller's main module); Streamlit's and pytest's main modules do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import queue
import traceback
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any

from planner.domain.errors import HuiwuError
from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from solver.options import SolveOptions

POLL_SECONDS = 0.1
"""How often the caller forwards its stop request while waiting for the child's messages."""
LAST_WORDS_SECONDS = 1.0
"""How long to wait for messages still in the pipe once the child has ended."""


class SolverCrashed(RuntimeError):
    """The solver's process ended without a schedule or an error: a bug, never the user's doing."""


def _context() -> ForkServerContext:
    """The fork server's context, preloading the solver (imported once for all later children)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["solver.run"])
    return context


def _child(
    problem: Problem,
    options: SolveOptions,
    reference: Schedule | None,
    freeze_before: dt.date | None,
    updates: Any,
    stop: Any,
) -> None:
    """The child's whole life: solve, sending progress and then the answer through ``updates``."""
    from solver.run import solve

    def progress(seconds: float, objective: int, bound: int) -> None:
        updates.put(("progress", (seconds, objective, bound)))

    def part_proven(key: str, cost: int) -> None:
        updates.put(("part", (key, cost)))

    options = dataclasses.replace(options, stop_event=stop, progress=progress, part_proven=part_proven)
    try:
        updates.put(("done", solve(problem, options, reference, freeze_before)))
    except HuiwuError as error:
        updates.put(("error", error))
    except BaseException:  # a bug in the solver: its traceback goes to the caller
        updates.put(("crash", traceback.format_exc()))


def solve_in_child(
    problem: Problem,
    options: SolveOptions | None = None,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
) -> Schedule:
    """``solver.solve`` run in a fresh child process (see the module docstring)."""
    options = options or SolveOptions()
    context = _context()
    updates, stop = context.Queue(), context.Event()
    sent = dataclasses.replace(options, progress=None, stop_event=None, part_proven=None)  # none crosses
    process = context.Process(
        target=_child,
        args=(problem, sent, reference, freeze_before, updates, stop),
        name="huiwu-solve",
        daemon=True,
    )
    process.start()
    try:
        return collect(process, updates, stop, options)
    finally:
        stop.set()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()


def collect(process: BaseProcess, updates: Any, stop: Any, options: SolveOptions) -> Schedule:
    """Relay the child's messages until its answer: progress to ``options.progress``, the
    caller's stop request to ``stop``; the schedule is returned, an error raised."""
    while True:
        if options.stop_event is not None and options.stop_event.is_set():
            stop.set()
        try:
            kind, value = updates.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if process.is_alive():
                continue
            try:  # the answer may still be in the pipe when the child has just ended
                kind, value = updates.get(timeout=LAST_WORDS_SECONDS)
            except queue.Empty:
                raise SolverCrashed(
                    f"the solver's process ended without an answer (exit code {process.exitcode})"
                ) from None
        if kind == "progress":
            if options.progress is not None:
                options.progress(*value)
        elif kind == "part":
            if options.part_proven is not None:
                options.part_proven(*value)
        elif kind == "done":
            assert isinstance(value, Schedule)
            return value
        elif kind == "error":
            raise value
        else:
            raise SolverCrashed(f"the solver failed in its process:\n{value}")
