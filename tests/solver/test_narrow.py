"""The narrowed calendar (``solver.narrow``): after the first search, a course of several weeks is
searched on the weekdays its schedule uses, and that search proves nothing about the event."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.io.files import read_problem
from planner.io.schedule_file import read_schedule
from solver import SolveOptions, narrow, solve
from solver.run import _narrowed_search, _narrower, build_model
from tests.domain.test_oracle_soft import place
from tests.solver.events import event

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT / "samples" / "office-training-2026.yaml"
BEST = ROOT / "bench" / "best" / "office-training-2026" / "schedule.json"


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
    assert narrow.kept_weekdays(problem, mondays) is None  # too large to start again


def test_a_narrowed_event_keeps_pinned_sessions_and_each_session_s_own_weekdays() -> None:
    problem = two_weeks(
        [
            {"id": "x", "title": "X", "groups": ["g1"]},
            {"id": "y", "title": "Y", "groups": ["g1"], "weekdays": ["mon", "thu"]},
            {"id": "z", "title": "Z", "groups": ["g1"], "weekdays": ["thu"]},
            {"id": "p", "title": "P", "groups": ["g1"], "pinned": {"date": "2026-03-26", "period": "am1"}},
        ]
    )
    narrowed = narrow.narrowed(problem, ("mon", "wed"))
    assert narrowed is not None
    assert [s.weekdays for s in narrowed.sessions] == [("mon", "wed"), ("mon",), ("thu",), None]
    assert narrow.narrowed(problem, ("mon", "tue", "wed", "thu", "fri")) is None


def test_the_narrower_model_starts_from_the_schedule_on_the_kept_weekdays() -> None:
    office = read_problem(OFFICE)
    best = read_schedule(BEST, office)
    v = build_model(office)
    v.floor = 53
    found = _narrower(v, best)
    assert found is not None
    narrower, (placements, start) = found
    assert narrower.partial
    assert narrower.floor == max(53, best.bound or 0)
    days = narrower.index.grid.days
    for i, session in enumerate(narrower.index.problem.sessions):
        if not session.pinned:
            assert {days[narrower.index.day(t)].strftime("%a") for t in narrower.index.starts[i]} <= {
                "Mon",
                "Wed",
                "Fri",
            }
    assert (len(placements), start.objective) == (104, 60)  # it used those days only: nothing moved
    assert _narrower(narrower, best) is None  # narrowed once
    assert _narrower(build_model(office, reference=best), best) is None  # a repair stays near


def test_a_narrowed_search_shows_only_cheaper_schedules_and_proves_nothing() -> None:
    """Ada would rather teach on Thursdays. The first search's schedule used a Monday and a
    Tuesday, in the large room (cost 10): the narrowed event (Mondays and Tuesdays) is proven
    optimal at 7, two of it Ada's wish, but the event's optimum is 5, on Thursdays. The narrowed
    search's schedule is cheaper and kept, and must not be called optimal."""
    problem = two_weeks(
        [{"id": "x", "title": "X", "groups": ["g1"], "occurrences": 2, "speakers": ["ada"]}],
        speakers=[{"id": "ada", "name": "Ada Lovelace", "preferred": [{"weekdays": ["thu"]}]}],
    )
    first = place(problem, ("x", 1, 0, 0, "a"), ("x", 2, 6, 0, "a"))
    checked = check_schedule(problem, first)
    assert (checked.ok, checked.objective) == (True, 10)
    first = first.model_copy(update={"objective": 10, "status": "feasible", "bound": 0})
    found = _narrower(build_model(problem), first)
    assert found is not None
    seen: list[int] = []
    options = SolveOptions(time_limit=60, workers=2, seed=1, progress=lambda _, best, __: seen.append(best))
    result = _narrowed_search(*found, first, options, time.monotonic() + 5, time.monotonic())
    assert (result.objective, result.status, result.bound) == (7, "feasible", 0)
    assert check_schedule(problem, result).objective == 7
    assert seen[-1] == 7  # only ever cheaper: not the start placed anew (10), nor anything dearer
    assert all(b < a for a, b in zip([10, *seen], seen, strict=False))
    assert solve(problem, SolveOptions(time_limit=5, workers=2)).objective == 5
