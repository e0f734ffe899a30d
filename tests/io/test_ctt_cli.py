"""``huiwu ctt score`` and ``huiwu ctt solve`` as a user runs them."""

from __future__ import annotations

from itertools import product
from pathlib import Path

from typer.testing import CliRunner

from planner.io.ctt import CttInstance, Lecture, lectures_from_schedule, read_ctt, read_solution, to_problem
from planner.io.ctt_score import SOFT, score
from ui.cli import app, register_commands
from ui.cli_ctt import solve_instance

DATA = Path(__file__).resolve().parents[1] / "data" / "ctt"
runner = CliRunner()
register_commands()


def test_ctt_score_feasible_prints_cost_by_rule() -> None:
    result = runner.invoke(app, ["ctt", "score", str(DATA / "four.ctt"), str(DATA / "four.sol")])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "four.sol: hard violations 0, soft cost 9",
        "  hard Lectures                    0",
        "  hard Conflicts                   0",
        "  hard RoomOccupancy               0",
        "  hard Availability                0",
        "  soft RoomCapacity                1  (capacity)",
        "  soft MinWorkingDays              5  (min_days)",
        "  soft CurriculumCompactness       2  (isolated)",
        "  soft RoomStability               1  (room_stability)",
    ]


def test_ctt_score_hard_violation_exits_one() -> None:
    result = runner.invoke(
        app, ["ctt", "score", str(DATA / "four.ctt"), str(DATA / "four-hard.sol"), "--details"]
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "four-hard.sol: hard violations 7, soft cost 19"
    assert "  availability: c3 is unavailable at day 1, period 0 (+1)" in result.stdout.splitlines()


def test_ctt_score_unknown_room_is_a_clear_error(tmp_path: Path) -> None:
    sol = tmp_path / "bad.sol"
    sol.write_text("c1 rZ 0 0\n")
    result = runner.invoke(app, ["ctt", "score", str(DATA / "four.ctt"), str(sol)])
    assert result.exit_code == 1
    assert result.stderr == "line 1: no room 'rZ'\n"


def test_ctt_score_malformed_instance_exits_two(tmp_path: Path) -> None:
    ctt = tmp_path / "bad.ctt"
    ctt.write_text("Name: x\n")
    result = runner.invoke(app, ["ctt", "score", str(ctt), str(DATA / "four.sol")])
    assert result.exit_code == 2
    assert result.stderr == (
        "header: missing Courses, Rooms, Days, Periods_per_day, Curricula, Constraints\n"
        "the file ends without its closing END. line: is it complete?\n"
    )


def _brute_force_optimum(instance: CttInstance) -> int:
    """The least UD2 cost over every hard-feasible timetable of a tiny instance."""
    places = [
        (r, d, p) for r in instance.rooms for d in range(instance.days) for p in range(instance.periods)
    ]
    names = [c.id for c in instance.courses for _ in range(c.lectures)]
    costs = []
    for combo in product(places, repeat=len(names)):
        result = score(instance, [Lecture(n, *place) for n, place in zip(names, combo, strict=True)])
        if result.violations == 0:
            costs.append(result.cost)
    return min(costs)


def test_ctt_solve_tiny_reaches_brute_force_optimum(tmp_path: Path) -> None:
    out = tmp_path / "tiny.sol"
    args = ["ctt", "solve", str(DATA / "tiny.ctt"), "--out", str(out), "--time-limit", "10", "--workers", "1"]
    result = runner.invoke(app, args)
    instance = read_ctt(DATA / "tiny.ctt")
    optimum = _brute_force_optimum(instance)
    assert result.exit_code == 0
    assert score(instance, read_solution(out, instance)).cost == optimum
    assert result.stdout.splitlines()[0] == f"wrote {out} (solver status optimal, objective {optimum})"


def test_ctt_solve_score_by_rule_equals_ud2() -> None:
    instance = read_ctt(DATA / "four.ctt")
    problem = to_problem(instance)
    schedule = solve_instance(instance, time_limit=10, workers=1)
    ud2 = score(instance, lectures_from_schedule(problem, schedule))
    assert ud2.violations == 0
    assert {rule: schedule.score[rule] for rule in SOFT} == ud2.soft
    assert schedule.objective == ud2.cost
