"""``generate_problem``: valid, deterministic, of the asked sizes, feasible by counting and greedily."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.calendar import Grid
from planner.domain.errors import InvalidEvent
from planner.domain.model import Kind, Limits, Problem
from planner.domain.oracle import check_schedule
from planner.domain.validation import check_problem
from planner.generate import generate_problem, load_warnings
from planner.generate.event import MOST
from planner.io.files import dump_yaml, problem_from_data, problem_to_data
from tests.factories import greedy_schedule
from tests.golden import assert_golden

SIZES = [(1, 1, 1), (10, 2, 1), (60, 5, 2), (300, 10, 4), (800, 20, 6)]


def occurrences(problem: Problem) -> int:
    return sum(s.occurrences for s in problem.sessions)


def relaxed(problem: Problem) -> Problem:
    """The event without speaker limits and weekly patterns, which the greedy pass does not keep."""
    speakers = tuple(s.model_copy(update={"limits": Limits()}) for s in problem.speakers)
    sessions = tuple(s.model_copy(update={"weekly": False}) for s in problem.sessions)
    return problem.model_copy(update={"speakers": speakers, "sessions": sessions})


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(("sessions", "rooms", "weeks"), SIZES)
def test_generate_problem_valid_with_asked_sizes(sessions: int, rooms: int, weeks: int, seed: int) -> None:
    problem = generate_problem(sessions, rooms, weeks, seed)
    assert check_problem(problem) == []
    assert (occurrences(problem), len(problem.rooms), Grid(problem.event).n_weeks) == (sessions, rooms, weeks)
    assert load_warnings(problem, share=0.6) == []


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generate_problem_round_trips_through_its_file_form(seed: int) -> None:
    problem = generate_problem(120, 6, 3, seed, speakers=20, groups=5)
    assert problem_from_data(problem_to_data(problem)) == problem


def test_generate_problem_same_seed_same_event() -> None:
    assert dump_yaml(generate_problem(200, 8, 4, 7)) == dump_yaml(generate_problem(200, 8, 4, 7))


def test_generate_problem_other_seed_other_event() -> None:
    assert dump_yaml(generate_problem(200, 8, 4, 7)) != dump_yaml(generate_problem(200, 8, 4, 8))


def test_generate_problem_small_event_golden() -> None:
    assert_golden("generate/seed-1-30-sessions.yaml", dump_yaml(generate_problem(30, 3, 2, 1)))


def test_generate_problem_speakers_and_groups_as_asked() -> None:
    problem = generate_problem(100, 5, 2, 0, speakers=7, groups=4)
    assert (len(problem.speakers), len(problem.groups)) == (7, 4)
    assert {g for s in problem.sessions for g in s.groups} <= {g.id for g in problem.groups}


def test_generate_problem_default_speakers_and_groups_follow_sessions() -> None:
    problem = generate_problem(700, 10, 4, 0)
    assert (len(problem.speakers), len(problem.groups)) == (140, 20)


def test_generate_problem_without_groups_or_speakers() -> None:
    problem = generate_problem(50, 4, 2, 3, speakers=0, groups=0)
    assert check_problem(problem) == []
    assert [s for s in problem.sessions if s.groups or s.speakers or s.candidates] == []
    assert all(s.attendance is not None for s in problem.sessions)


@pytest.mark.parametrize("seed", [0, 1])
def test_generate_problem_uses_every_kind_of_rule(seed: int) -> None:
    sessions = generate_problem(600, 12, 5, seed).sessions
    assert sum(s.weekly for s in sessions) > 0
    assert sum(bool(s.after) for s in sessions) > 0
    assert sum(s.candidates is not None for s in sessions) > 0
    assert [s.id for s in sessions if s.exclusive or s.pinned] == ["opening"]
    assert {s.kind for s in sessions} == set(Kind) - {Kind.EXAM, Kind.VISIT}
    assert {f for s in sessions for f in s.features} == {"projector", "tables", "computers"}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generate_problem_greedy_schedule_keeps_hard_rules(seed: int) -> None:
    problem = relaxed(generate_problem(150, 6, 3, seed))
    schedule = greedy_schedule(problem)
    assert len(schedule.assignments) == 150
    assert check_schedule(problem, schedule).violations == []


def test_generate_problem_stress_event_valid_and_loose() -> None:
    problem = generate_problem(2000, 40, 8, 0, speakers=400, groups=60)
    assert check_problem(problem) == []
    assert (occurrences(problem), len(problem.rooms), len(problem.speakers), len(problem.groups)) == (
        2000,
        40,
        400,
        60,
    )
    assert load_warnings(problem, share=0.6) == []


def test_generate_problem_more_periods_when_rooms_are_scarce() -> None:
    assert Grid(generate_problem(100, 10, 4, 0).event).n_periods == 4
    assert Grid(generate_problem(400, 4, 2, 0).event).n_periods == 8


def test_generate_problem_overloaded_event_still_valid_but_warned() -> None:
    problem = generate_problem(500, 1, 1, 0)
    assert check_problem(problem) == []
    assert load_warnings(problem)[0] == "the sessions: 540 room-periods needed but only 40 available (1350%)"


def test_generate_problem_refuses_impossible_sizes() -> None:
    with pytest.raises(InvalidEvent) as error:
        generate_problem(0, 0, 1, 0, speakers=-1)
    assert error.value.problems == (
        "sessions: must be at least 1 (got 0)",
        "rooms: must be at least 1 (got 0)",
        "speakers: must be at least 0 (got -1)",
    )
    with pytest.raises(InvalidEvent) as error:
        generate_problem(10_000_000, 1, 157, 0)  # ten million once filled the memory, unrefused
    assert error.value.problems == (
        "sessions: must be at most 100000 (got 10000000)",
        "weeks: must be at most 156 (got 157)",
    )


def test_generate_problem_at_the_most_weeks_is_valid() -> None:
    problem = generate_problem(20, 2, MOST["weeks"], 0)
    assert (problem.event.end - problem.event.start).days + 1 <= 1096
    assert check_problem(problem) == []


@settings(deadline=None, max_examples=30)
@given(
    sessions=st.integers(1, 600),
    rooms=st.integers(1, 30),
    weeks=st.integers(1, 8),
    seed=st.integers(0, 2**32),
    speakers=st.none() | st.integers(0, 80),
    groups=st.none() | st.integers(0, 30),
)
def test_generate_problem_any_sizes_valid(
    sessions: int, rooms: int, weeks: int, seed: int, speakers: int | None, groups: int | None
) -> None:
    problem = generate_problem(sessions, rooms, weeks, seed, speakers=speakers, groups=groups)
    assert check_problem(problem) == []
    assert occurrences(problem) == sessions
    assert [w for w in load_warnings(problem) if not w.startswith("the sessions:")] == []
