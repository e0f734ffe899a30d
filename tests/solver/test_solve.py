"""The solver on small events: every schedule passes the oracle and its score equals the oracle's."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

import pytest

from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from planner.io.files import read_problem
from solver import SolveOptions, solve
from solver.run import build_model, shown_bound
from tests.solver.events import cp_sat_searches, event

DATA = Path(__file__).resolve().parents[1] / "data"
EXACT = SolveOptions(time_limit=10, workers=1, seed=3)


def assert_oracle_agrees(problem: Problem, schedule: Schedule) -> None:
    report = check_schedule(problem, schedule)
    assert report.violations == []
    assert report.score == schedule.score
    assert report.objective == schedule.objective


def test_solve_minimal_is_optimal_and_checked() -> None:
    problem = read_problem(DATA / "minimal.yaml")
    schedule = solve(problem, EXACT)
    assert schedule.status == "optimal"
    assert schedule.objective == schedule.bound
    assert_oracle_agrees(problem, schedule)


def test_solve_answers_with_the_greedy_schedule_when_no_time_is_left_to_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = read_problem(DATA / "minimal.yaml")
    monkeypatch.setattr("solver.run.MIN_SEARCH", 1e9)  # the build and the greedy "took" the time
    searches = cp_sat_searches(monkeypatch)
    schedule = solve(problem, EXACT)
    assert searches == []  # neither hinted nor searched
    assert schedule.status == "feasible"
    assert_oracle_agrees(problem, schedule)


def test_solve_searches_when_time_is_left(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("solver.lns.STALL_SHARE", 1.0)  # a loaded machine's slow proof never gives way
    searches = cp_sat_searches(monkeypatch)
    assert solve(read_problem(DATA / "minimal.yaml"), EXACT).status == "optimal"
    assert len(searches) == 2  # the greedy's hint filled in, then the search


def test_solve_reports_the_greedy_schedule_before_it_builds_the_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import solver.run

    happened: list[str] = []
    build = solver.run.add_rules
    monkeypatch.setattr("solver.lns.STALL_SHARE", 1.0)

    def add_rules(v: Any) -> Any:
        happened.append("rules")
        return build(v)

    monkeypatch.setattr(solver.run, "add_rules", add_rules)
    options = dataclasses.replace(EXACT, progress=lambda *_: happened.append("schedule"))
    assert solve(read_problem(DATA / "minimal.yaml"), options).status == "optimal"
    assert happened[:2] == ["schedule", "rules"]  # the rules once, after the first schedule


def test_solve_never_builds_the_rules_when_the_time_left_would_not_cover_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import solver.run

    problem = read_problem(DATA / "minimal.yaml")
    monkeypatch.setattr(solver.run, "RULES_PER_VARIABLES", 1e9)  # "the rules would take days"
    built: list[bool] = []
    monkeypatch.setattr(solver.run, "add_rules", lambda v: built.append(True))
    searches = cp_sat_searches(monkeypatch)
    schedule = solve(problem, EXACT)
    assert (built, searches, schedule.status) == ([], [], "feasible")
    assert_oracle_agrees(problem, schedule)  # the greedy schedule, scored by the oracle


def test_solve_answers_a_huge_event_with_the_greedy_schedule_on_a_bare_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = read_problem(DATA / "minimal.yaml")
    monkeypatch.setattr("solver.run.HUGE", 10)  # "too large to search"
    v = build_model(problem)
    assert v.bare
    assert v.terms == {}  # variables only: no rules, no costs
    searches = cp_sat_searches(monkeypatch)
    schedule = solve(problem, EXACT)
    assert searches == []
    assert_oracle_agrees(problem, schedule)  # its score comes from the oracle


def test_solve_adds_the_rules_to_a_bare_model_when_the_greedy_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = read_problem(DATA / "minimal.yaml")
    optimum = solve(problem, EXACT).objective
    monkeypatch.setattr("solver.run.HUGE", 10)
    monkeypatch.setattr("solver.run.best_start", lambda v, seconds, found: ([], None))
    schedule = solve(problem, EXACT)
    assert schedule.status == "optimal"
    assert schedule.objective == optimum
    assert_oracle_agrees(problem, schedule)


def test_solve_repeats_exactly_with_one_worker_and_seed() -> None:
    problem = read_problem(DATA / "minimal.yaml")
    assert solve(problem, EXACT) == solve(problem, EXACT)


def test_solve_picks_candidates_and_numbers_occurrences_in_time_order() -> None:
    problem = event(
        [
            {
                "id": "c",
                "title": "Course",
                "occurrences": 3,
                "candidates": {"from": ["ada", "alan", "grace"], "pick": 2},
            }
        ]
    )
    schedule = solve(problem, EXACT)
    starts = [a.start for a in schedule.assignments]
    assert starts == sorted(starts)
    assert [len(a.speakers) for a in schedule.assignments] == [2, 2, 2]
    assert_oracle_agrees(problem, schedule)


def test_solve_spreads_a_course_over_days() -> None:
    problem = event([{"id": "c", "title": "Course", "occurrences": 3, "speakers": ["ada"]}])
    schedule = solve(problem, EXACT)
    assert len({a.start.date() for a in schedule.assignments}) == 3
    assert_oracle_agrees(problem, schedule)


def _talks(periods: list[str], grouped: bool = False) -> Problem:
    """Two talks of the track Security on one day, by speakers who both prefer the first period;
    ``grouped``: each attended by a group of its own, so no track."""
    speakers = [{"id": k, "name": k.title(), "preferred": [{"periods": ["am1"]}]} for k in ("ada", "alan")]
    groups = [{"id": f"g-{k}", "name": k, "size": 10} for k in ("ada", "alan")]
    sessions = [
        {"id": k, "title": k, "speakers": [k], "course": "Security", "attendance": 10, "periods": periods}
        | ({"groups": [f"g-{k}"]} if grouped else {})
        for k in ("ada", "alan")
    ]
    weights = {"track_room": 1, "isolated": 0, "room_fit": 0}  # the groups have one session each
    return event(
        sessions, event={"end": "2026-03-23"}, speakers=speakers, groups=groups, rules={"weights": weights}
    )


def test_solve_keeps_a_tracks_talks_apart_at_a_cost_elsewhere() -> None:
    problem = _talks(["am1", "am2"])
    schedule = solve(problem, EXACT)
    assert len({a.start for a in schedule.assignments}) == 2  # one talk gives up its speaker's wish
    assert (schedule.score["track_overlap"], schedule.score["preferences"]) == (0, 1)
    assert len({a.room for a in schedule.assignments}) == 1
    assert_oracle_agrees(problem, schedule)


def test_solve_runs_talks_at_once_outside_a_track_or_when_they_must() -> None:
    grouped = _talks(["am1", "am2"], grouped=True)
    schedule = solve(grouped, EXACT)
    assert (len({a.start for a in schedule.assignments}), schedule.objective) == (1, 0)
    assert_oracle_agrees(grouped, schedule)
    forced = _talks(["am1"])
    schedule = solve(forced, EXACT)
    assert (schedule.score["track_overlap"], schedule.score["track_room"]) == (2, 1)
    assert_oracle_agrees(forced, schedule)


def test_solve_pinned_occurrence_is_that_occurrence() -> None:
    pin = {"occurrence": 2, "date": "2026-03-25", "period": "pm1"}
    problem = event([{"id": "c", "title": "Course", "occurrences": 3, "pinned": pin}])
    schedule = solve(problem, EXACT)
    second = schedule.by_key()["c", 2]
    assert (second.start.date().isoformat(), second.start.hour) == ("2026-03-25", 14)
    assert_oracle_agrees(problem, schedule)


def test_solve_weekly_exclusive_precedence_and_soft_capacity() -> None:
    problem = event(
        [
            {"id": "key", "title": "Keynote", "exclusive": True, "attendance": 40},
            {"id": "w", "title": "Weekly", "occurrences": 2, "weekly": True, "groups": ["g1"]},
            {"id": "after", "title": "After", "after": ["key"], "groups": ["g1"], "features": ["projector"]},
        ],
        event={"end": "2026-04-03"},
        rules={"capacity": "soft"},
    )
    schedule = solve(problem, EXACT)
    assert schedule.score["capacity"] == 10
    assert_oracle_agrees(problem, schedule)


def test_solve_stops_on_request_with_best_so_far() -> None:
    problem = read_problem(DATA / "minimal.yaml")
    stop = threading.Event()
    seen: list[tuple[float, int, int]] = []

    def progress(elapsed: float, best: int, bound: int) -> None:
        seen.append((elapsed, best, bound))
        stop.set()

    options = SolveOptions(time_limit=60, workers=1, stop_event=stop, progress=progress)
    schedule = solve(problem, options)
    assert schedule.objective == seen[-1][1]
    assert_oracle_agrees(problem, schedule)


def test_solve_cost_is_the_score_sum_and_bound_on_its_scale() -> None:
    problem = read_problem(DATA.parents[1] / "samples" / "office-training-2026.yaml")
    seen: list[tuple[int, int]] = []
    options = SolveOptions(
        time_limit=3, workers=2, seed=0, progress=lambda _, best, bound: seen.append((best, bound))
    )
    schedule = solve(problem, options)
    assert schedule.objective == sum(schedule.score.values())
    assert 0 <= (schedule.bound or 0) <= schedule.objective
    assert [(best, bound) for best, bound in seen if not 0 <= bound <= best] == []
    assert_oracle_agrees(problem, schedule)


def test_shown_bound_rounds_up_within_zero_and_best() -> None:
    assert [shown_bound(b, 10) for b in (-18.0, 3.2, 7.0, 12.0)] == [0, 4, 7, 10]


@pytest.mark.parametrize(("pinned", "kept"), [(False, ["a", "b"]), (True, ["a", "b", "d"])])
def test_solve_large_event_keeps_the_room_an_occurrence_is_pinned_to(
    monkeypatch: pytest.MonkeyPatch, pinned: bool, kept: list[str]
) -> None:
    """A large event keeps a few rooms per session (``ROOM_VARIABLES``); a room an occurrence's pin
    names is among them, so the first model is not infeasible and built again with every room."""
    monkeypatch.setattr("solver.run.ROOM_VARIABLES", 1)  # two rooms per session
    rooms = [{"id": r, "name": f"Room {r.upper()}", "capacity": 20} for r in "abcd"]
    pin = {"occurrence": 2, "date": "2026-03-24", "period": "am1", "room": "d"}
    session = {"id": "x", "title": "X", "occurrences": 2, "pinned": [pin] if pinned else []}
    problem = event([session], rooms=rooms)
    v = build_model(problem)
    assert [problem.rooms[r].id for r in v.index.rooms[0]] == kept
    schedule = solve(problem, EXACT)
    assert_oracle_agrees(problem, schedule)
    assert ("d" in {a.room for a in schedule.assignments}) is pinned


@pytest.mark.parametrize(("room_fit", "kept"), [(1, ["b", "d"]), (0, ["b", "c"])])
def test_solve_large_event_keeps_a_room_of_the_right_size(
    monkeypatch: pytest.MonkeyPatch, room_fit: int, kept: list[str]
) -> None:
    """Of the few rooms a large event keeps per session, one is a room where it costs no
    ``room_fit`` when one exists: the small lecture keeps the 20-seat room though the larger
    lecture, chosen first, made it the busiest; with the rule off, the emptiest rooms alone."""
    monkeypatch.setattr("solver.run.ROOM_VARIABLES", 1)  # two rooms per session
    rooms = [{"id": r, "name": f"Room {r.upper()}", "capacity": 20 if r == "d" else 100} for r in "abcd"]
    sessions = [
        {"id": "small", "title": "Small", "occurrences": 2, "attendance": 10},
        {"id": "large", "title": "Large", "occurrences": 2, "attendance": 15},
    ]
    problem = event(sessions, rooms=rooms, rules={"weights": {"room_fit": room_fit}})
    v = build_model(problem)
    assert [problem.rooms[r].id for r in v.index.rooms[1]] == ["a", "d"]  # the larger one's choice
    assert [problem.rooms[r].id for r in v.index.rooms[0]] == kept
    schedule = solve(problem, EXACT)
    assert_oracle_agrees(problem, schedule)
    assert schedule.score["room_fit"] == 0


@pytest.mark.parametrize(("pins", "starts"), [(1, 15), (2, 2)])
def test_solve_session_with_every_occurrence_pinned_starts_only_there(pins: int, starts: int) -> None:
    """Pins of each occurrence that fix every date and period leave the session those starts alone
    (the model's variables; 15 = 5 days x 3 periods when one occurrence is still free)."""
    pinned = [{"occurrence": 1, "date": "2026-03-24", "period": "am2"}]
    pinned += [{"occurrence": 2, "date": "2026-03-26", "period": "pm1", "room": "b"}][: pins - 1]
    problem = event([{"id": "x", "title": "X", "occurrences": 2, "pinned": pinned}])
    assert len(build_model(problem).index.starts[0]) == starts
    schedule = solve(problem, EXACT)
    assert_oracle_agrees(problem, schedule)
    assert schedule.assignments[0].start.isoformat() == "2026-03-24T10:00:00+01:00"
