"""The large neighbourhood search: fixes what lies outside, keeps every hard rule, never worsens, stops."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ortools.sat.python import cp_model

from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from planner.generate import generate_problem
from planner.io.files import read_problem
from solver import SolveOptions, lns, solve
from solver.greedy import best_start, hint_greedy
from solver.model import Vars
from solver.run import add_rules, build_model, read_schedule
from tests.solver.events import cp_sat_searches, event

OFFICE = Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml"


def _first(problem: Problem, seconds: float) -> tuple[Vars, cp_model.CpSolver, Schedule]:
    """The model and a first single-worker solve of it, stopped at its first schedule."""
    v = build_model(problem)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 3
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.stop_after_first_solution = True
    assert solver.solve(v.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return v, solver, read_schedule(v, solver, False)


def _tiny() -> Problem:
    sessions: list[dict[str, Any]] = [
        {"id": "s1", "title": "S1", "speakers": ["ada"], "groups": ["g1"], "occurrences": 2},
        {"id": "s2", "title": "S2", "candidates": {"from": ["alan", "grace"], "pick": 1}, "groups": ["g1"]},
        {"id": "s3", "title": "S3", "speakers": ["grace"], "occurrences": 2},
    ]
    return event(sessions)


def _stops(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Spy on CP-SAT: when each search is asked to stop from outside (a stall or a stop request)."""
    stops: list[float] = []
    real_stop = cp_model.CpSolver.stop_search

    def stop_search(self: cp_model.CpSolver) -> None:
        stops.append(time.monotonic())
        real_stop(self)

    monkeypatch.setattr(cp_model.CpSolver, "stop_search", stop_search)
    return stops


def _lns_starts(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Spy on this module's LNS: when each ``lns.improve`` begins."""
    began: list[float] = []
    real = lns.improve

    def improve(*args: Any) -> Schedule:
        began.append(time.monotonic())
        return real(*args)

    monkeypatch.setattr(lns, "improve", improve)
    return began


def test_lns_fixed_copy_fixes_every_decision_outside_the_neighbourhood() -> None:
    v, solver, _ = _first(_tiny(), 5)
    incumbent = lns.Incumbent(list(solver.response_proto.solution), round(solver.objective_value), solver)
    free = lns.day_neighbourhood(v, random.Random(1), 1)
    copy = lns.fixed_copy(v, incumbent, free)
    decisions = [*v.x.items(), *v.y.items(), *v.z.items()]
    for key, literal in decisions:
        domain = list(copy.proto.variables[literal.index].domain)
        value = incumbent.values[literal.index]
        expected = [0, 1] if (key[0], key[1]) in free else [value, value]
        assert domain == expected, key
    assert set(free) != set()
    assert set(free) != set(v.x)


def test_lns_fixed_copy_solved_keeps_every_start_outside_the_neighbourhood() -> None:
    v, solver, _ = _first(_tiny(), 5)
    incumbent = lns.Incumbent(list(solver.response_proto.solution), round(solver.objective_value), solver)
    free = lns.group_neighbourhood(v, random.Random(2), 1)
    copy = lns.fixed_copy(v, incumbent, free)
    copy.minimize(sum(literal * t for (_, t), literal in v.x.items()))  # pull every free start early
    sub = cp_model.CpSolver()
    sub.parameters.num_workers = 1
    assert sub.solve(copy) == cp_model.OPTIMAL
    outside = {key: sub.value(literal) for key, literal in v.x.items() if key not in free}
    assert outside == {key: incumbent.values[v.x[key].index] for key in outside}


def test_lns_kept_copy_is_fixed_round_after_round_as_a_fresh_copy_would_be() -> None:
    """The copy kept between rounds (``lns.Fixed``) rewrites only what changed: after rounds of
    other neighbourhoods and incumbents, every variable's domain is what a fresh copy's would be."""
    v = build_model(read_problem(OFFICE), bare=True)
    placements, _ = best_start(v)
    add_rules(v)
    hint_greedy(v, placements, 10, presolve=False)  # the greedy's schedule: a value for every variable
    rng = random.Random(4)
    values = list(v.model.proto.solution_hint.values)
    closed = set(rng.sample(sorted(s for s, x in v.x.items() if not values[x.index]), 200))
    kept = lns.Fixed(v, closed)
    of_start = {start: [x.index] for start, x in v.x.items()}
    for (i, t, _), literal in (*v.y.items(), *v.z.items()):
        of_start[i, t].append(literal.index)
    base = [list(variable.domain) for variable in v.model.proto.variables]
    free: lns.Free = set()
    for round_ in range(6):
        # a sub-solve changes what it was free to change; once, a value elsewhere changes too
        for k in rng.sample([k for s in free - closed for k in of_start[s]], min(40, len(free))):
            values[k] = 1 - values[k]
        if round_ == 3:
            k = next(k for s, of in of_start.items() if s not in closed | free for k in of)
            values[k] = 1 - values[k]
        kind = ["days", "groups", "speakers"][round_ % 3]
        free = lns.NEIGHBOURHOODS[kind](v, rng, 2)
        model = kept.fix(lns.Incumbent(list(values), 0, cp_model.CpSolver()), free)
        assert model is kept.model
        expected = [list(domain) for domain in base]
        for start, indexes in of_start.items():
            for k in indexes if start not in free | closed else []:
                expected[k] = [values[k], values[k]]
            if start in closed:
                expected[indexes[0]] = [0, 0]
        assert [list(variable.domain) for variable in model.proto.variables] == expected, round_
        assert len(model.proto.constraints) == len(v.model.proto.constraints)
        assert list(model.proto.solution_hint.values) == values
    assert free & closed


@pytest.mark.parametrize(
    ("neighbourhood", "expected"),
    [
        # group g1's sessions, or s3 (no group) alone
        (lns.group_neighbourhood, {frozenset({0, 1}), frozenset({2})}),
        # ada gives s1; alan may be picked for s2; grace may be picked for s2 and gives s3
        (lns.speaker_neighbourhood, {frozenset({0}), frozenset({1}), frozenset({1, 2})}),
    ],
)
def test_lns_neighbourhood_frees_every_start_of_the_chosen_owners_sessions(
    neighbourhood: Callable[[Vars, random.Random, int], lns.Free], expected: set[frozenset[int]]
) -> None:
    v = build_model(_tiny())
    seen = set()
    for seed in range(20):
        free = neighbourhood(v, random.Random(seed), 1)
        sessions = frozenset(i for i, _ in free)
        assert free == {(i, t) for (i, t) in v.x if i in sessions}
        seen.add(sessions)
    assert seen == expected


@pytest.mark.parametrize("workers", [1, 2])  # two workers: the sub-solves' core-based portfolio
def test_lns_improve_keeps_hard_rules_and_never_worsens(workers: int) -> None:
    problem = generate_problem(60, 4, 1, seed=2)
    v, solver, start = _first(problem, 10)
    options = SolveOptions(time_limit=30, workers=workers, seed=1)
    schedule = lns.improve(v, solver, start, options, time.monotonic() + 4, time.monotonic())
    report = check_schedule(problem, schedule)
    assert report.violations == []
    assert schedule.objective <= start.objective
    assert (schedule.objective, schedule.score) == (report.objective, report.score)
    assert schedule.bound == start.bound


@pytest.mark.parametrize(("left", "evacuated"), [(0.3, False), (4.0, True)])
def test_lns_evacuates_closed_starts_only_with_time_left_for_it(
    monkeypatch: pytest.MonkeyPatch, left: float, evacuated: bool
) -> None:
    """Moving the schedule off closed starts is a sub-solve of at least half a second: started with
    less time left, it kept the answer waiting past the time limit."""
    problem = generate_problem(60, 4, 1, seed=2)
    v, solver, start = _first(problem, 10)
    closed = {(i, t) for (i, t) in v.x if solver.boolean_value(v.x[i, t])}  # where the schedule is
    calls: list[float] = []
    real = lns.evacuate

    def evacuate(*args: Any) -> lns.Incumbent | None:
        calls.append(time.monotonic())
        return real(*args)

    monkeypatch.setattr(lns, "evacuate", evacuate)
    began = time.monotonic()
    options = SolveOptions(time_limit=30, workers=1, seed=1)
    schedule = lns.improve(v, solver, start, options, began + left, began, closed)
    assert bool(calls) == evacuated
    if not evacuated:
        assert time.monotonic() - began < left + 0.2
        assert schedule == start
    assert check_schedule(problem, schedule).violations == []


def test_lns_stop_event_ends_it_promptly() -> None:
    problem = generate_problem(60, 4, 1, seed=2)
    v, solver, start = _first(problem, 10)
    stop = threading.Event()
    options = SolveOptions(time_limit=60, workers=1, stop_event=stop)
    timer = threading.Timer(1.0, stop.set)
    began = time.monotonic()
    timer.start()
    try:
        schedule = lns.improve(v, solver, start, options, began + 60, began)
    finally:
        timer.cancel()
    assert time.monotonic() - began < 5  # stopped at 1 s; a loaded machine ends its neighbourhood later
    assert check_schedule(problem, schedule).violations == []


def test_lns_planned_only_when_asked_and_time_allows() -> None:
    assert lns.planned(SolveOptions(time_limit=60))
    assert not lns.planned(SolveOptions(time_limit=60, lns=False))
    assert not lns.planned(SolveOptions(time_limit=5))


def test_lns_kinds_add_speakers_only_when_candidates_are_picked_in_groups() -> None:
    assert lns.kinds(build_model(_tiny())) == ["days", "groups", "speakers"]
    given = event([{"id": "s1", "title": "S1", "speakers": ["ada"], "groups": ["g1"], "occurrences": 2}])
    assert lns.kinds(build_model(given)) == ["days", "groups"]


def test_lns_subsolves_bench_solves_the_same_neighbourhoods_with_every_portfolio() -> None:
    bench = Path(__file__).resolve().parents[2] / "bench" / "subsolves.py"
    ctt = Path(__file__).resolve().parents[1] / "data" / "ctt" / "four.ctt"
    result = subprocess.run(
        [sys.executable, str(bench), str(ctt), "--start", "2", "--seconds", "2"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split(" | ") for line in result.stdout.splitlines()[2:]]
    assert [row[1] for row in rows] == [
        "max_lp + interleaved LNS (the first search's setup)",
        "CP-SAT default, 2 workers",
        "core + default_lp (the product's sub-solves)",
    ]
    # a tiny instance: every neighbourhood is proven, and none is worse than the incumbent
    assert {row[2] for row in rows} == {"10 / 10"}
    assert all(int(row[4].rstrip(" |")) >= 0 for row in rows)


def test_neighbourhoods_only_in_short_solves_from_a_complete_start() -> None:
    assert lns.neighbourhoods_only(SolveOptions(time_limit=10), started_complete=True)
    assert not lns.neighbourhoods_only(SolveOptions(time_limit=10), started_complete=False)
    assert not lns.neighbourhoods_only(SolveOptions(time_limit=60), started_complete=True)  # the LNS follows
    assert not lns.neighbourhoods_only(SolveOptions(time_limit=10, lns=False), started_complete=True)


def test_first_stall_of_a_large_counted_model_only_when_the_lns_follows() -> None:
    short, long = SolveOptions(time_limit=10), SolveOptions(time_limit=60)
    assert lns.first_stall(short, only=True, large=False, counted=False) == 10 * lns.STALL_SHARE
    assert lns.first_stall(long, only=False, large=True, counted=True) == lns.LARGE_STALL
    assert lns.first_stall(long, only=False, large=False, counted=True) is None  # presolved: may prove
    assert lns.first_stall(long, only=False, large=True, counted=False) is None  # its bound is the only one
    assert lns.first_stall(short, only=False, large=True, counted=True) is None  # no LNS follows
    no_lns = SolveOptions(time_limit=60, lns=False)
    assert lns.first_stall(no_lns, only=False, large=True, counted=True) is None


@pytest.mark.parametrize(("large", "decompose"), [(True, True), (False, True), (True, False)])
def test_large_counted_model_gives_its_first_search_over_to_the_lns_once_it_stalls(
    monkeypatch: pytest.MonkeyPatch, large: bool, decompose: bool
) -> None:
    problem = read_problem(OFFICE)  # not proven within the limit: the LNS follows the first search
    monkeypatch.setattr("solver.run.LARGE", 0 if large else 10**9)
    monkeypatch.setattr(lns, "MIN_LIMIT", 4.0)  # the LNS follows in a short solve
    monkeypatch.setattr(lns, "LARGE_STALL", 0.0)  # stalled as soon as it has its first schedule
    monkeypatch.setattr(lns, "MIN_REST_SECONDS", 0.0)  # however slowly the machine built the model
    stops = _stops(monkeypatch)
    lns_began = _lns_starts(monkeypatch)  # however little time a loaded machine leaves it for its rounds
    schedule = solve(problem, SolveOptions(time_limit=9, workers=2, seed=1, decompose=decompose))
    if large and decompose:
        assert lns_began  # the LNS followed a first search stopped with a schedule
        assert stops
        assert stops[0] < lns_began[0]
    else:
        assert stops == []  # the first search kept its share of the time
    assert check_schedule(problem, schedule).violations == []


def test_lns_ends_in_time_to_read_its_schedule_by_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a schedule out of a huge model takes time (0.5-0.8 s at 5,000 occurrences): the LNS
    stops as long before the limit as reading the first search's schedule took."""
    from solver import run

    problem = read_problem(OFFICE)  # not proven within the limit: the LNS follows the first search
    monkeypatch.setattr(lns, "MIN_LIMIT", 4.0)  # the LNS follows in a short solve
    # searched as a large model, without presolve: the first search has the greedy's schedule at once
    # (its presolve alone took 2.7 s of its 2.1 s on a slow machine, and a second search followed)
    monkeypatch.setattr(run, "LARGE", 0)
    real = run.read_schedule

    def slow(*args: Any) -> Schedule:
        time.sleep(2.0)
        return real(*args)

    monkeypatch.setattr(run, "read_schedule", slow)
    lns_ran = _lns_starts(monkeypatch)
    began = time.monotonic()
    schedule = solve(problem, SolveOptions(time_limit=8, workers=2, seed=1))
    # without the reserve: the last sub-solve ends at the limit (or 0.5 s before), then the reading
    assert time.monotonic() - began < 8 + 1.0
    assert lns_ran
    assert check_schedule(problem, schedule).violations == []


def test_short_solve_proves_a_small_event_before_the_full_search_stalls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = _tiny()
    seen = cp_sat_searches(monkeypatch)
    began = time.monotonic()
    schedule = solve(problem, SolveOptions(time_limit=10, workers=2, seed=1))
    assert time.monotonic() - began < 5
    assert True not in seen  # proven by the full search: the neighbourhoods never ran
    assert schedule.status == "optimal"
    assert schedule.objective == schedule.bound
    assert check_schedule(problem, schedule).violations == []


def test_short_solve_gives_way_to_the_neighbourhoods_when_the_full_search_stalls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = read_problem(OFFICE)
    start = best_start(build_model(problem))[1]
    assert start is not None
    monkeypatch.setattr(lns, "STALL_SHARE", 0.0)  # stalled at once, however fast the machine
    seen = cp_sat_searches(monkeypatch)
    reports: list[tuple[int, int]] = []
    options = SolveOptions(
        time_limit=8, workers=2, seed=1, progress=lambda _, best, bound: reports.append((best, bound))
    )
    schedule = solve(problem, options)
    assert seen[-1] is True  # the neighbourhoods took the rest of the time
    assert schedule.objective < start.objective
    assert [best for best, _ in reports] == sorted((best for best, _ in reports), reverse=True)
    assert check_schedule(problem, schedule).violations == []


def test_short_solve_keeps_a_stalled_full_search_when_no_time_is_left_for_the_neighbourhoods(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = generate_problem(300, 8, 2, seed=5)  # not proven within the limit
    monkeypatch.setattr(lns, "SHORT_LIMIT", 1.0)  # a short solve: the full search may give way
    monkeypatch.setattr(lns, "STALL_SHARE", 0.0)  # stalled at once
    monkeypatch.setattr(lns, "MIN_REST_SECONDS", 1e9)  # but the neighbourhoods would have no time
    monkeypatch.setattr("solver.run.MIN_SEARCH", 0.0)  # searched however slowly the machine built
    monkeypatch.setattr("solver.run.RULES_PER_VARIABLES", 0.0)  # and the rules added however slowly
    seen = cp_sat_searches(monkeypatch)
    stops = _stops(monkeypatch)
    began = time.monotonic()
    schedule = solve(problem, SolveOptions(time_limit=4, workers=1, seed=1))
    assert stops == []  # never stopped for the stall (however fast the machine found schedules)
    assert True not in seen  # and the neighbourhoods never ran
    assert time.monotonic() - began >= 3.5  # the full search used the time
    assert check_schedule(problem, schedule).violations == []


def test_short_solve_without_a_complete_start_runs_the_full_search(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = _tiny()
    monkeypatch.setattr("solver.run.best_start", lambda v, seconds, found: ([], None))
    seen = cp_sat_searches(monkeypatch)
    schedule = solve(problem, SolveOptions(time_limit=10, workers=2, seed=1))
    assert True not in seen  # the hint filler's search, then the full search
    assert schedule.status == "optimal"
    assert check_schedule(problem, schedule).violations == []
