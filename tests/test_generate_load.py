"""``load_warnings``: the counting checks name what is booked beyond its capacity, and nothing else."""

from __future__ import annotations

from pathlib import Path

from planner.domain.model import Candidates, Limits, Problem, Rule, Session
from planner.generate import load_warnings
from planner.io.files import read_problem

MINIMAL = Path(__file__).resolve().parent / "data" / "minimal.yaml"


def minimal() -> Problem:
    return read_problem(MINIMAL)


def with_sessions(problem: Problem, *sessions: Session) -> Problem:
    return problem.model_copy(update={"sessions": sessions})


def test_load_warnings_minimal_event_fits() -> None:
    assert load_warnings(minimal()) == []


def test_load_warnings_group_booked_beyond_its_free_slots() -> None:
    problem = with_sessions(minimal(), Session(id="long", title="Long", occurrences=31, groups=("g1",)))
    assert load_warnings(problem) == ["group 'g1': 31 periods needed but only 30 available (103%)"]


def test_load_warnings_share_asks_for_slack() -> None:
    problem = with_sessions(minimal(), Session(id="half", title="Half", occurrences=16, groups=("g1",)))
    assert load_warnings(problem) == []
    assert load_warnings(problem, share=0.5) == ["group 'g1': 16 periods needed but only 30 available (53%)"]


def test_load_warnings_speaker_daily_limit_caps_capacity() -> None:
    base = minimal()
    alan = base.speaker("alan").model_copy(update={"limits": Limits(per_day=1)})
    problem = with_sessions(
        base.model_copy(update={"speakers": (base.speaker("ada"), alan)}),
        Session(id="talks", title="Talks", occurrences=11, speakers=("alan",)),
    )
    assert load_warnings(problem) == ["speaker 'alan': 11 periods needed but only 10 available (110%)"]


def test_load_warnings_candidate_pool_beyond_its_members() -> None:
    base = minimal()
    away = base.speaker("alan").model_copy(update={"unavailable": (Rule(weeks=(1, 2)),)})
    problem = with_sessions(
        base.model_copy(update={"speakers": (base.speaker("ada"), away)}),
        Session(id="pool", title="Pool", occurrences=18, candidates=Candidates(from_=("ada", "alan"))),
        Session(id="fixed", title="Fixed", occurrences=3, speakers=("ada",)),
    )
    assert load_warnings(problem) == ["candidates ada, alan: 18 periods needed but only 17 available (106%)"]


def test_load_warnings_feature_beyond_the_rooms_having_it() -> None:
    problem = with_sessions(
        minimal(), Session(id="slides", title="Slides", occurrences=31, features=("projector",))
    )
    assert load_warnings(problem) == [
        "sessions needing 'projector': 31 room-periods needed but only 30 available (103%)"
    ]
