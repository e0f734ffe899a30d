"""The UD2 scorer against hand-made solutions whose costs are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.io.ctt import Lecture, parse_ctt, read_ctt, read_solution
from planner.io.ctt_score import score

DATA = Path(__file__).resolve().parents[1] / "data" / "ctt"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "itc2007-ctt"


def _score(instance: str, solution: str) -> tuple[dict[str, int], dict[str, int]]:
    ctt = read_ctt(DATA / instance)
    result = score(ctt, read_solution(DATA / solution, ctt))
    return result.hard, result.soft


def test_score_four_each_cost_one_unit() -> None:
    # c3: 11 students in rB (10) -> 1; c4 on day 0 only, minimum 2 -> 5;
    # q2's only lecture (c3) is alone -> 2; c1 in rA and rB -> 1. q1 alternates c1/c2 -> compact.
    hard, soft = _score("four.ctt", "four.sol")
    assert hard == {"lectures": 0, "conflicts": 0, "room_occupancy": 0, "availability": 0}
    assert soft == {"capacity": 1, "min_days": 5, "isolated": 2, "room_stability": 1}


def test_score_four_hard_violations_counted_by_rule() -> None:
    # lectures: c1 twice at (0,0) (1), c2 one of two (1), c4 one of two (1) -> 3
    # conflicts: c1 and c2 share q1 at (0,0) -> 1 (one per pair of courses and period)
    # room_occupancy: rA holds 2 at (0,0), rC holds 2 at (1,0) -> 2
    # availability: c3 at (1,0) -> 1
    # soft: c3 over by 1; c1 and c4 each one day short -> 10; q1 has 3 lectures alone at (0,0)
    # -> 6 and q2's c3 alone -> 2; every course in one room -> 0.
    hard, soft = _score("four.ctt", "four-hard.sol")
    assert hard == {"lectures": 3, "conflicts": 1, "room_occupancy": 2, "availability": 1}
    assert soft == {"capacity": 1, "min_days": 10, "isolated": 8, "room_stability": 0}


def test_score_shared_lecture_isolated_in_each_curriculum() -> None:
    # q1 = c1 c2 c4: (0,0) alone, (0,2) alone (day 1 does not continue day 0), (1,0)+(1,1) compact -> 4
    # q2 = c1 c3: (0,0) alone, (1,2) alone (c4 next to it is not in q2) -> 4
    hard, soft = _score("shared.ctt", "shared.sol")
    assert sum(hard.values()) == 0
    assert soft == {"capacity": 0, "min_days": 0, "isolated": 8, "room_stability": 0}


def test_score_teacher_conflict_counted_once_per_pair() -> None:
    text = (
        "Name: T\nCourses: 3\nRooms: 3\nDays: 1\nPeriods_per_day: 1\nCurricula: 1\nConstraints: 0\n\n"
        "COURSES:\na t1 1 1 1\nb t1 1 1 1\nc t2 1 1 1\n\nROOMS:\nr1 1\nr2 1\nr3 1\n\n"
        "CURRICULA:\nq 2 a b\n\nUNAVAILABILITY_CONSTRAINTS:\n\nEND.\n"
    )
    ctt = parse_ctt(text)
    lectures = [Lecture("a", "r1", 0, 0), Lecture("b", "r2", 0, 0), Lecture("c", "r3", 0, 0)]
    result = score(ctt, lectures)
    assert result.hard["conflicts"] == 1
    assert result.cost == 2 * 2 + 2 * 0  # a and b both isolated in q; c in no curriculum


def test_score_items_explain_each_cost() -> None:
    ctt = read_ctt(DATA / "four.ctt")
    result = score(ctt, read_solution(DATA / "four.sol", ctt))
    assert [(item.rule, item.cost) for item in result.items] == [
        ("capacity", 1),
        ("min_days", 5),
        ("isolated", 2),
        ("room_stability", 1),
    ]
    assert result.items[1].message == "c4: lectures on 1 days, minimum 2"


@pytest.mark.skipif(not SHARED.exists(), reason="shared ITC-2007 instances not present")
def test_score_empty_solution_counts_every_missing_lecture() -> None:
    ctt = read_ctt(SHARED / "comp01.ctt")
    result = score(ctt, [])
    assert result.hard["lectures"] == 160
    assert result.soft["min_days"] == 5 * sum(c.min_days for c in ctt.courses)
