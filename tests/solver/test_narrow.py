"""The narrowed calendar (``solver.narrow``): after the first search, the LNS of a course of several
weeks searches the weekdays its schedule uses, and proves nothing about the event."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from planner.io.files import read_problem
from planner.io.schedule_file import read_schedule
from solver import SolveOptions, lns, narrow
from solver.greedy import placements_of
from solver.model import Vars
from solver.run import build_model
from solver.run import read_schedule as solved
from tests.domain.test_oracle_soft import place
from tests.solver.events import event

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT / "samples" / "office-training-2026.yaml"
BEST = ROOT / "tests" / "data" / "office-schedule-60.json"


def two_weeks(sessions: list[dict[str, Any]], **sections: Any) -> Problem:
    """The base week and the next (day indexes 0-4, then 5-9), with these sessions."""
    return event(sessions, event={"end": "2026-04-03"}, **sections)


def test_the_weekdays_a_course_hardly_uses_are_closed() -> None:
    office = read_problem(OFFICE)
    assert narrow.kept_weekdays(office, read_schedule(BEST, office)) == ("mon", "wed", "fri")
    problem = two_weeks([{"id": "x", "title": "X", "groups": ["g1"], "occurrences": 10}])
    mondays = place(problem, *(("x", n + 1, 5 * (n // 3), n % 3, "b") for n in range(6)))
    assert narrow.kept_weekdays(problem, mondays) == ("mon",)


def test_no_weekday_is_closed_when_each_is_used_or_the_schedule_spans_one_week() -> None:
    problem = two_weeks([{"id": "x", "title": "X", "groups": ["g1"], "occurrences": 10}])
    every_day = place(problem, *(("x", n + 1, n, 0, "b") for n in range(10)))
    assert narrow.kept_weekdays(problem, every_day) is None
    one_week = place(problem, ("x", 1, 0, 0, "b"), ("x", 2, 0, 1, "b"), ("x", 3, 1, 0, "b"))
    assert narrow.kept_weekdays(problem, one_week) is None  # a conference's days are each its own
    mondays = place(problem, *(("x", n + 1, 5 * (n % 2), 0, "b") for n in range(narrow.MOST_OCCURRENCES + 1)))
    assert narrow.kept_weekdays(problem, mondays) is None  # too large


def test_closed_starts_spare_pinned_sessions_and_those_allowed_on_closed_weekdays_only() -> None:
    problem = two_weeks(
        [
            {"id": "x", "title": "X", "groups": ["g1"]},
            {"id": "y", "title": "Y", "groups": ["g1"], "weekdays": ["mon", "thu"]},
            {"id": "z", "title": "Z", "groups": ["g1"], "weekdays": ["thu"]},
            {"id": "p", "title": "P", "groups": ["g1"], "pinned": {"date": "2026-03-26", "period": "am1"}},
        ]
    )
    mondays_and_wednesdays = place(problem, *(("x", 1, day, 0, "b") for day in (0, 2, 5, 7)))
    v = build_model(problem)
    closed = narrow.closed_starts(v, mondays_and_wednesdays)
    days = v.index.grid.days

    def weekdays(session: int, starts: set[tuple[int, int]]) -> set[str]:
        return {days[v.index.day(t)].strftime("%a") for i, t in starts if i == session}

    assert weekdays(0, closed) == {"Tue", "Thu", "Fri"}
    assert weekdays(1, closed) == {"Thu"}
    assert weekdays(2, closed) == set()  # Thursdays are all it has
    assert weekdays(3, closed) == set()  # pinned
    every_day = place(problem, *(("x", 1, day, 0, "b") for day in range(10)))
    assert narrow.closed_starts(v, every_day) == set()


def test_the_office_sample_s_best_schedule_closes_tuesdays_and_thursdays_but_not_in_a_repair() -> None:
    office = read_problem(OFFICE)
    best = read_schedule(BEST, office)
    v = build_model(office)
    closed = narrow.closed_starts(v, best)
    days = v.index.grid.days
    pinned = {i for i, s in enumerate(office.sessions) if s.pinned}
    tuesdays_and_thursdays = {
        (i, t) for (i, t) in v.x if i not in pinned and days[v.index.day(t)].strftime("%a") in ("Tue", "Thu")
    }
    assert closed == tuesdays_and_thursdays
    assert len(closed) > 1000
    assert narrow.closed_starts(build_model(office, reference=best), best) == set()  # a repair stays near


def _holding(v: Vars, schedule: Schedule) -> cp_model.CpSolver:
    """A solve of ``v``'s model whose solution is ``schedule`` (every start and room fixed)."""
    copy = v.model.clone()
    chosen = {(i, t): r for i, t, r, _ in placements_of(v, schedule)}
    for start, literal in v.x.items():
        copy.add(literal == int(start in chosen))
    for (i, t, r), literal in v.y.items():
        copy.add(literal == int(chosen.get((i, t)) == r))
    solver = cp_model.CpSolver()
    assert solver.solve(copy) == cp_model.OPTIMAL
    return solver


def _ada() -> Problem:
    """Ada would rather teach on Thursdays: the optimum (5) holds both lectures there."""
    return two_weeks(
        [{"id": "x", "title": "X", "groups": ["g1"], "occurrences": 2, "speakers": ["ada"]}],
        speakers=[{"id": "ada", "name": "Ada Lovelace", "preferred": [{"weekdays": ["thu"]}]}],
    )


def _thursdays(v: Vars) -> set[tuple[int, int]]:
    return {(i, t) for (i, t) in v.x if v.index.grid.days[v.index.day(t)].strftime("%a") == "Thu"}


def _improved(v: Vars, first: Schedule, closed: set[tuple[int, int]], seen: list[int]) -> Schedule:
    solver = _holding(v, first)
    schedule = solved(v, solver, False)
    options = SolveOptions(time_limit=60, workers=2, seed=1, progress=lambda _, best, __: seen.append(best))
    return lns.improve(v, solver, schedule, options, time.monotonic() + 3, time.monotonic(), closed)


def test_the_lns_moves_what_the_schedule_has_on_closed_starts_and_never_uses_them() -> None:
    """From a Monday and a Thursday (cost 9), with Thursdays closed: the LNS's best (7, a
    preference broken twice instead of once) is on other days, though 5 is possible on Thursdays."""
    problem = _ada()
    v = build_model(problem)
    first = place(problem, ("x", 1, 0, 0, "a"), ("x", 2, 8, 0, "a"))
    assert check_schedule(problem, first).objective == 9  # one preference kept, two weekday slots
    seen: list[int] = []
    found = _improved(v, first, _thursdays(v), seen)
    assert check_schedule(problem, found).ok
    assert found.objective == 7
    assert seen[-1] == 7
    assert not any(a.start.strftime("%a") == "Thu" for a in found.assignments)
    assert found.status == "feasible"  # nothing proven


def test_the_lns_keeps_its_start_when_the_closed_starts_cost_more_than_it_gains() -> None:
    """From the optimum on Thursdays (5), with Thursdays closed: every schedule it may find costs
    7, so the start is kept and nothing dearer is shown."""
    problem = _ada()
    v = build_model(problem)
    first = place(problem, ("x", 1, 3, 0, "b"), ("x", 2, 8, 0, "b"))
    assert check_schedule(problem, first).objective == 5
    seen: list[int] = []
    found = _improved(v, first, _thursdays(v), seen)
    assert [(a.start, a.room) for a in found.assignments] == [(a.start, a.room) for a in first.assignments]
    assert found.objective == 5
    assert seen == []
