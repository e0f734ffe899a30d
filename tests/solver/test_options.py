"""``SolveOptions`` refuses what no search can run with, one line per option."""

from __future__ import annotations

import math

import pytest
from ortools.sat.python import cp_model

from planner.domain import InvalidOptions
from solver import SolveOptions
from solver.lns import sub_solve
from solver.options import MOST_SECONDS, MOST_SEED, MOST_WORKERS, round_seed


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("time_limit", -3.0, "time_limit: must be a number of seconds from 0 to 86400 (got -3.0)"),
        ("time_limit", math.nan, "time_limit: must be a number of seconds from 0 to 86400 (got nan)"),
        ("time_limit", math.inf, "time_limit: must be a number of seconds from 0 to 86400 (got inf)"),
        (
            "time_limit",
            MOST_SECONDS + 1,
            "time_limit: must be a number of seconds from 0 to 86400 (got 86401)",
        ),
        (
            "explain_time_limit",
            -1.0,
            "explain_time_limit: must be a number of seconds from 0 to 86400 (got -1.0)",
        ),
        ("workers", 0, "workers: must be a whole number from 1 to 64 (got 0)"),
        ("workers", -2, "workers: must be a whole number from 1 to 64 (got -2)"),
        ("workers", MOST_WORKERS + 1, "workers: must be a whole number from 1 to 64 (got 65)"),
        ("workers", 2.0, "workers: must be a whole number from 1 to 64 (got 2.0)"),
        ("seed", -1, "seed: must be a whole number from 0 to 2147483647 (got -1)"),
        ("seed", MOST_SEED + 1, "seed: must be a whole number from 0 to 2147483647 (got 2147483648)"),
        ("floor", -1, "floor: must be a whole number of at least 0 (got -1)"),
    ],
)
def test_options_out_of_range_are_refused_by_name(field: str, value: object, line: str) -> None:
    with pytest.raises(InvalidOptions) as caught:
        SolveOptions(**{field: value})  # type: ignore[arg-type]
    assert caught.value.problems == (line,)


def test_options_out_of_range_are_each_named_at_once() -> None:
    with pytest.raises(InvalidOptions) as caught:
        SolveOptions(time_limit=-1, workers=0, seed=-1)
    assert [line.split(":")[0] for line in caught.value.problems] == ["time_limit", "workers", "seed"]


def test_options_at_the_ends_of_their_ranges_are_kept() -> None:
    least = SolveOptions(time_limit=0, explain_time_limit=0, workers=1, seed=0, floor=0)
    most = SolveOptions(time_limit=MOST_SECONDS, workers=MOST_WORKERS, seed=MOST_SEED, floor=10**9)
    assert (least.time_limit, least.workers, least.seed) == (0, 1, 0)
    assert (most.time_limit, most.workers, most.seed) == (MOST_SECONDS, MOST_WORKERS, MOST_SEED)


def test_lns_round_seeds_stay_within_cp_sat_range() -> None:
    assert round_seed(5, 3) == 8
    assert round_seed(MOST_SEED, 1) == 0
    model = cp_model.CpModel()
    x = model.new_bool_var("x")
    model.maximize(x)
    # the largest seed's first round: CP-SAT refuses MOST_SEED + 1 with a TypeError
    status, solver = sub_solve(model, SolveOptions(seed=MOST_SEED, workers=1), 1.0, 1)
    assert status == cp_model.OPTIMAL
    assert solver.parameters.random_seed == 0
