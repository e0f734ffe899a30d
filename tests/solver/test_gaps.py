"""A schedule's cost part by part, each part with the least any schedule can cost there."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.oracle import check_schedule
from planner.io.files import read_problem
from planner.io.schedule_file import read_schedule
from solver import counting, gaps
from solver.bound import grouped_parts, part_key
from solver.gaps import PartCost, names, part_costs
from tests.solver.events import event

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT / "samples" / "office-training-2026.yaml"
BEST = ROOT / "tests" / "data" / "office-schedule-60.json"


def _by_first_session(found: list[PartCost]) -> dict[str, tuple[int, int]]:
    return {part.group or part.sessions[0]: (part.cost, part.least) for part in found}


def test_the_parts_of_the_best_known_office_schedule_add_up_to_its_cost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The parts share no cost: their costs add up to the schedule's 60, their counted bounds to
    55. The pools of 公文处理规范 and 公文写作规范 (in order: one part) are 1 above their least;
    综合协调 and 调查研究 are at theirs."""
    monkeypatch.setattr(gaps, "SECONDS", 60.0)  # counting by weeks to its proof, however loaded
    monkeypatch.setattr(counting, "WEEKS_SECONDS", 60.0)
    monkeypatch.setattr(counting, "WEEKS_PART", 60.0)  # a loaded machine cut docs and writing at 12
    problem = read_problem(OFFICE)
    found = part_costs(problem, check_schedule(problem, read_schedule(BEST)).costs)
    assert sum(part.cost for part in found) == 60
    assert sum(part.least for part in found) == 55
    parts = _by_first_session(found)
    assert parts["docs-c1"] == (14, 13)
    assert parts["coordination-c1"] == (4, 4)
    assert parts["research-c1"] == (7, 7)
    assert parts["c1"] == (2, 1)  # its busiest day (2026-06-26) holds 4 periods, 2 above its share
    assert parts["study-c2"] == (1, 0)
    assert all(part.above >= 0 for part in found)


def test_a_part_proven_before_counts_its_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gaps, "SECONDS", 60.0)
    monkeypatch.setattr(counting, "WEEKS_SECONDS", 60.0)
    monkeypatch.setattr(counting, "WEEKS_PART", 60.0)  # a loaded machine cut docs and writing at 12
    problem = read_problem(OFFICE)
    writing = next(
        part for part, _ in grouped_parts(problem) if "writing-c1" in {s.id for s in part.sessions}
    )
    costs = check_schedule(problem, read_schedule(BEST)).costs
    found = part_costs(problem, costs, {part_key(writing): 14})
    assert _by_first_session(found)["docs-c1"] == (14, 14)
    assert sum(part.least for part in found) == 56


def test_an_event_in_one_part_shows_no_parts() -> None:
    """One speaker's two lectures and no group rules: the event's own bound is the part's."""
    sessions = [
        {"id": "x", "title": "X", "speakers": ["ada"], "groups": ["g1"]},
        {"id": "y", "title": "Y", "speakers": ["ada"], "groups": ["g1"]},
    ]
    rules = {"weights": {"isolated": 0, "group_balance": 0}}
    problem = event(sessions, rules=rules)
    assert part_costs(problem, []) == []
    with_groups = event(sessions)
    assert [part.group for part in part_costs(with_groups, [])] == [None, "g1"]


def test_costs_of_another_content_give_no_parts() -> None:
    """A schedule's costs from before an edit (here: a session since removed) are not the event's."""
    problem = read_problem(OFFICE)
    costs = check_schedule(problem, read_schedule(BEST)).costs
    edited = problem.model_copy(
        update={"sessions": tuple(s for s in problem.sessions if s.id != "writing-c1")}
    )
    assert part_costs(problem, costs) != []
    assert part_costs(edited, costs) == []


def test_a_part_is_named_by_its_first_courses_and_people_and_how_many_more() -> None:
    """A large cluster (a generated event's links 54 courses) is named by its first three of each."""
    problem = read_problem(OFFICE)
    writing = PartCost(("writing-c1", "writing-c2"), ("ma-wenbo", "lin-zhigang", "xu-jing"), None, 8, 6)
    assert names(problem, writing) == (("公文写作规范",), ("马文博", "林志刚", "许静"))
    everything = PartCost(
        tuple(s.id for s in problem.sessions), tuple(k.id for k in problem.speakers), None, 0, 0
    )
    assert names(problem, everything) == (
        ("开班仪式", "结业总结", "办公室工作基本方法原则", "+9"),
        ("高建国", "钱卫东", "张立军", "+16"),
    )
    assert names(problem, PartCost(("study-c2",), (), None, 1, 0)) == (("自学",), ("二班",))
    assert names(problem, PartCost(("opening",), (), "c1", 2, 1)) == (("一班",), ())
