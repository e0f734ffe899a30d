"""Property: on any small valid event the solver returns a schedule the oracle accepts (with the
same score), or raises InfeasibleProblem with reasons; never anything else."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from planner.domain.errors import InfeasibleProblem, InvalidEvent
from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.io.files import problem_from_data
from solver import SolveOptions, solve
from tests.strategies import large_problems, problems

DATES = ["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-30", "2026-03-31"]
PERIODS = [
    {"id": "p1", "start": "09:00", "end": "10:00"},
    {"id": "p2", "start": "10:05", "end": "11:00"},
    {"id": "p3", "start": "13:00", "end": "14:00"},
]


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    n_rooms, n_speakers, n_groups = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 2))
    speakers = [f"s{i}" for i in range(n_speakers)]
    rooms = [
        {
            "id": f"r{i}",
            "name": f"Room {i}",
            "capacity": draw(st.sampled_from([10, 30, 60])),
            "features": draw(st.sampled_from([[], ["projector"]])),
            "building": draw(st.sampled_from(["A", "B"])),
            "unavailable": draw(st.lists(st.sampled_from(DATES), max_size=1)),
        }
        for i in range(n_rooms)
    ]
    rooms[0]["features"], rooms[0]["capacity"] = ["projector"], 60
    sessions = [draw(session(i, speakers, n_groups)) for i in range(draw(st.integers(1, 4)))]
    return {
        "event": {
            "id": "prop",
            "title": "Property",
            "start": "2026-03-23",
            "end": draw(st.sampled_from(DATES[2:])),
            "periods": PERIODS,
        },
        "rooms": rooms,
        "speakers": [
            {
                "id": s,
                "name": s.upper(),
                "unavailable": draw(st.lists(st.sampled_from(DATES), max_size=2)),
                "limits": {"per_day": draw(st.sampled_from([None, 1, 2]))},
            }
            for s in speakers
        ],
        "groups": [
            {"id": f"g{i}", "name": f"Group {i}", "size": draw(st.integers(5, 40))} for i in range(n_groups)
        ],
        "sessions": sessions,
        "rules": {
            "capacity": draw(st.sampled_from(["hard", "soft"])),
            "travel_minutes": draw(st.sampled_from([0, 15])),
        },
    }


def session(i: int, speakers: list[str], n_groups: int) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": f"x{i}",
            "title": f"Session {i}",
            "occurrences": draw(st.integers(1, 3)),
            "length": draw(st.integers(1, 2)),
            "groups": draw(
                st.lists(st.sampled_from([f"g{j}" for j in range(n_groups)]), max_size=1, unique=True)
            ),
            "features": draw(st.sampled_from([[], ["projector"]])),
        }
        if draw(st.booleans()):
            data["speakers"] = draw(st.lists(st.sampled_from(speakers), min_size=1, max_size=1))
        else:
            data["candidates"] = {"from": speakers, "pick": 1}
        if i > 0 and draw(st.booleans()):
            data["after"] = [f"x{i - 1}"]
        data["exclusive"] = draw(st.booleans()) and data["occurrences"] == 1
        return data

    return build()


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_solve_passes_oracle_or_explains(data: dict[str, Any]) -> None:
    try:
        problem = problem_from_data(data)
    except InvalidEvent:
        reject()  # the strategy's rare invalid events (a group booked beyond the calendar)
    options = SolveOptions(time_limit=5, workers=1, seed=0, explain_time_limit=5)
    solve_passes_oracle_or_explains(problem, options)


@settings(deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_solve_any_valid_event_passes_oracle_or_explains(problem: Problem) -> None:
    """The same on the richest valid events (``tests.strategies``: preferences, limits, pins,
    weekdays and periods, weekly sessions, tracks, drawn weights, soft capacity, travel), which
    reach rules and bounds the plainer events above never do."""
    solve_passes_oracle_or_explains(problem)


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(large_problems())
def test_solve_any_larger_valid_event_passes_oracle_or_explains(problem: Problem) -> None:
    """The same on larger events: up to 8 weeks, 10 rooms, 15 speakers, 6 groups, 30 sessions."""
    solve_passes_oracle_or_explains(problem)


def solve_passes_oracle_or_explains(problem: Problem, options: SolveOptions | None = None) -> None:
    """The solver's schedule keeps every hard rule and is scored as the oracle scores it, or it
    raises ``InfeasibleProblem`` with sentences; never anything else."""
    options = options or SolveOptions(time_limit=3, workers=1, seed=0, explain_time_limit=3)
    try:
        schedule = solve(problem, options)
    except InfeasibleProblem as error:
        reasons = error.reasons
        assert reasons != ()
        assert all(isinstance(r, str) and r for r in reasons)
        return
    report = check_schedule(problem, schedule)
    assert report.violations == []
    assert report.score == schedule.score
