"""An event with a known schedule is never called infeasible: generated events given more rules
that their own schedule keeps (``witnessed``: absences, limits, pins, weekdays, periods, ``after``
links, days, closed rooms, drawn weights) are solved, the schedule passes the oracle, and a repair
after a lecturer falls ill keeps every hard rule or explains itself."""

from __future__ import annotations

import random

import pytest

from planner.domain.errors import InfeasibleProblem
from planner.domain.model import Rule
from planner.domain.oracle import check_schedule
from planner.generate.event import generate_problem
from solver import SolveOptions, solve
from tests.solver.witnessed import Witnessed


@pytest.mark.parametrize("seed", [1, 4, 8, 14])
def test_an_event_with_a_known_schedule_is_solved_and_repaired(seed: int) -> None:
    rng = random.Random(seed)
    n, rooms, weeks = rng.randint(5, 120), rng.randint(1, 8), rng.randint(1, 4)
    speakers, groups = rng.randint(1, max(1, n // 3)), rng.randint(0, 5)
    problem = generate_problem(n, rooms, weeks, seed, speakers=speakers, groups=groups)
    plan = solve(problem, SolveOptions(time_limit=2, workers=2, seed=seed, explain=False))
    event = Witnessed(problem, plan, rng).problem_with_rules()
    assert check_schedule(event, plan).violations == []  # the witness
    options = SolveOptions(time_limit=4, workers=2, seed=seed, explain_time_limit=4)
    found = solve(event, options)  # InfeasibleProblem here would be a false claim
    report = check_schedule(event, found)
    assert (report.violations, report.score) == ([], found.score)

    zone = event.event.zone
    teaching = sorted({(k, a.start.astimezone(zone).date()) for a in found.assignments for k in a.speakers})
    ill, day = rng.choice(teaching)
    away = Rule(date=day)
    changed = event.model_copy(
        update={
            "speakers": tuple(
                k.model_copy(update={"unavailable": (*k.unavailable, away)}) if k.id == ill else k
                for k in event.speakers
            )
        }
    )
    try:
        repaired = solve(changed, options, reference=found, freeze_before=day)
    except InfeasibleProblem as error:
        reasons = error.reasons
        assert reasons
        return
    assert check_schedule(changed, repaired).violations == []
    untouched = {a.key: a.start for a in found.assignments if a.start.astimezone(zone).date() < day}
    assert {a.key: a.start for a in repaired.assignments if a.key in untouched} == untouched
