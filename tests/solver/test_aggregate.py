"""The shared counts of ``solver.aggregate``: equal to what the schedule shows, and strong enough
to prove a candidate pool's trade-offs (who teaches which class, on how many days) at once."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ortools.sat.python import cp_model

from planner.domain.model import Problem
from planner.io.files import read_problem
from solver import SolveOptions, solve
from solver.aggregate import session_days, speaker_days, taught
from solver.run import build_model

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml"


def methods_pool() -> Problem:
    """The office sample's course 办公室工作基本方法原则 alone: three classes, four lectures each,
    two candidate lecturers (per day at most two; 张立军 not on Mondays and Fridays, at most four
    a week; 刘建华 not on Tuesdays and Wednesdays, nor in week 3). The group rules are off: with
    nothing else in the classes' weeks every lecture would be isolated."""
    problem = read_problem(SAMPLE)
    sessions = tuple(s for s in problem.sessions if s.id.startswith("methods-"))
    weights = problem.rules.weights.model_copy(update={"isolated": 0, "group_balance": 0})
    rules = problem.rules.model_copy(update={"weights": weights})
    return problem.model_copy(update={"sessions": sessions, "rules": rules})


def test_aggregate_proves_the_candidate_pool_optimum() -> None:
    """Each lecturer who keeps a class comes on its four days (3 days beyond the first, twice);
    an even 6/6 load needs one class split between them (one extra speaker): 3 + 3 + 1 = 7.
    Written only with 0/1 literals the model stayed at bound 2 after 5 s."""
    schedule = solve(methods_pool(), SolveOptions(time_limit=20, workers=2, lns=False))
    assert (schedule.status, schedule.objective, schedule.bound) == ("optimal", 7, 7)


def test_aggregate_counts_equal_the_schedule() -> None:
    problem = methods_pool()
    v = build_model(problem)
    teaching = v.teaching()
    days = {k: speaker_days(v, k, teaching[k]) for k in ("zhang-lijun", "liu-jianhua")}
    counts = {(i, k): taught(v, i, k) for i in range(3) for k in days}
    spread = [session_days(v, i) for i in range(3)]
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10
    solver.parameters.num_workers = 2
    assert solver.solve(v.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    seen_days: dict[str, set[int]] = defaultdict(set)
    seen_taught: dict[tuple[int, str], int] = defaultdict(int)
    seen_spread: dict[int, set[int]] = defaultdict(set)
    for (i, t, k), literal in v.z.items():
        if solver.boolean_value(literal):
            seen_days[k].add(v.index.day(t))
            seen_taught[i, k] += 1
            seen_spread[i].add(v.index.day(t))
    assert {k: solver.value(d) for k, d in days.items()} == {k: len(seen_days[k]) for k in days}
    assert {key: solver.value(c) for key, c in counts.items()} == {key: seen_taught[key] for key in counts}
    assert [solver.value(s) for s in spread] == [len(seen_spread[i]) for i in range(3)]
