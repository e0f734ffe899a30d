"""The counting bound (``solver.counting``): each rule it counts, a case where the counts force a
cost and one where they do not; never above what a part costs at its optimum."""

from __future__ import annotations

import copy
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from planner.domain.errors import InvalidEvent
from planner.domain.model import Problem
from planner.io.files import problem_from_data, read_problem
from solver import SolveOptions, bound, counting, solve
from solver.data import build_index
from tests.solver.events import BASE, event
from tests.solver.test_properties import events

OFFICE = Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml"
COSTLY = ("min_days", "speaker_days", "fair_load", "same_speaker", "preferences", "isolated", "weekly_slot")
ONLY = dict.fromkeys(COSTLY, 0)
"""Every rule with a cost in these small events switched off: each test switches on its own."""


def counted(problem: Problem) -> int:
    """The counting model's optimum for the whole event (proven: these models take milliseconds;
    a minute allowed, however loaded the machine)."""
    value, optimal = counting.counted(build_index(problem), range(len(problem.sessions)), 60)
    assert optimal
    return value


def rules(**weights: int) -> dict[str, Any]:
    return {"weights": {**ONLY, **weights}}


def lectures(n: int, **more: Any) -> dict[str, Any]:
    return {"id": "s1", "title": "S1", "speakers": ["ada"], "occurrences": n, **more}


def test_counting_speaker_days_from_the_per_day_limit() -> None:
    """Five lectures, at most two a day: three days, two beyond the first."""
    speakers = [{"id": "ada", "name": "Ada", "limits": {"per_day": 2}}]
    assert counted(event([lectures(5)], speakers=speakers, rules=rules(speaker_days=1))) == 2


def test_counting_speaker_days_from_the_periods_of_a_day() -> None:
    """No limit: three periods a day still make two days of five lectures; one lecture, one day."""
    assert counted(event([lectures(5)], rules=rules(speaker_days=1))) == 1
    assert counted(event([lectures(1)], rules=rules(speaker_days=1))) == 0


def test_counting_min_days_when_the_speaker_has_fewer_days() -> None:
    """Three lectures, their lecturer free on Monday and Tuesday only: one required day missing (5),
    and on two days she comes on a second one (1)."""
    speakers = [{"id": "ada", "name": "Ada", "unavailable": [{"weekdays": ["wed", "thu", "fri"]}]}]
    problem = event([lectures(3)], speakers=speakers, rules=rules(min_days=5, speaker_days=1))
    assert counted(problem) == 5 + 1
    assert counted(event([lectures(3)], rules=rules(min_days=5))) == 0  # free all week


def test_counting_fair_load_of_an_odd_number_of_lectures() -> None:
    pool = {"candidates": {"from": ["alan", "grace"], "pick": 1}}
    three = [{"id": f"s{n}", "title": f"S{n}", **pool} for n in range(3)]
    assert counted(event(three, rules=rules(fair_load=1))) == 1  # two and one
    assert counted(event(three[:2], rules=rules(fair_load=1))) == 0  # one each


def test_counting_same_speaker_when_no_candidate_can_give_them_all() -> None:
    """Three lectures; Alan is free on Monday only, Grace on Tuesday only, two a day at most."""
    speakers = [
        {"id": "alan", "name": "Alan", "unavailable": [{"weekdays": ["tue", "wed", "thu", "fri"]}]},
        {"id": "grace", "name": "Grace", "unavailable": [{"weekdays": ["mon", "wed", "thu", "fri"]}]},
    ]
    pool = {"candidates": {"from": ["alan", "grace"], "pick": 1}}
    session = {"id": "s1", "title": "S1", "occurrences": 3, **pool}
    limited = [{**k, "limits": {"per_day": 2}} for k in speakers]
    assert counted(event([session], speakers=limited, rules=rules(same_speaker=1))) == 1
    assert counted(event([session], speakers=speakers, rules=rules(same_speaker=1))) == 0  # Alan: all three


def test_counting_preferences_of_a_speaker_with_one_free_day() -> None:
    """Three lectures on Monday, the only day Ada is free: two fall outside her one preferred
    period, one in her undesired first period; preferring the whole day costs nothing."""
    monday = [{"weekdays": ["tue", "wed", "thu", "fri"]}]
    choosy = {"id": "ada", "name": "Ada", "unavailable": monday, "preferred": [{"periods": ["am1"]}]}
    assert counted(event([lectures(3)], speakers=[choosy], rules=rules(preferences=1))) == 2
    wary = {"id": "ada", "name": "Ada", "unavailable": monday, "undesired": [{"periods": ["am1"]}]}
    assert counted(event([lectures(3)], speakers=[wary], rules=rules(preferences=1))) == 1
    easy = {**choosy, "preferred": [{"periods": ["am1", "am2", "pm1"]}]}
    assert counted(event([lectures(3)], speakers=[easy], rules=rules(preferences=1))) == 0


def test_counting_preferences_of_a_candidate_who_can_come_on_no_day() -> None:
    """Grace, a candidate away the whole week, prefers mornings: she can teach nothing, so her
    preferences cost nothing, and the event is counted (it crashed, finding no day to count).
    Ada's own preference still binds when she has one morning for two lectures."""
    week = [{"weekdays": ["mon", "tue", "wed", "thu", "fri"]}]
    away = {"id": "grace", "name": "Grace", "unavailable": week}
    choosy = {**away, "preferred": [{"periods": ["am1"]}]}
    pool = {"id": "s1", "title": "S1", "occurrences": 2, "candidates": {"from": ["ada", "grace"], "pick": 1}}
    ada = {"id": "ada", "name": "Ada"}
    for grace in (choosy, away):
        assert counted(event([pool], speakers=[ada, grace], rules=rules(preferences=1))) == 0
    problem = event([pool], speakers=[ada, choosy], rules=rules(preferences=1))
    solved = solve(problem, SolveOptions(time_limit=5, workers=1))
    assert (solved.objective, {a.speakers for a in solved.assignments}) == (0, {("ada",)})
    monday = [{"weekdays": ["tue", "wed", "thu", "fri"]}]
    morning = {"id": "ada", "name": "Ada", "unavailable": monday, "preferred": [{"periods": ["am1"]}]}
    assert counted(event([pool], speakers=[morning, choosy], rules=rules(preferences=1))) == 1


THREE_WEEKS = {"end": "2026-04-10"}


def shared(alan: dict[str, Any], grace: dict[str, Any], **weights: int) -> int:
    """Three lectures over three weeks, Alan or Grace each, at most one a week: neither can give
    all three, so both teach the course. ``alan`` and ``grace``: their extra keys."""
    once = {"limits": {"per_week": 1}}
    speakers = [
        {"id": "alan", "name": "Alan", **once, **alan},
        {"id": "grace", "name": "Grace", **once, **grace},
    ]
    pool = {"candidates": {"from": ["alan", "grace"], "pick": 1}}
    session = {"id": "s1", "title": "S1", "occurrences": 3, **pool}
    return counted(event([session], event=THREE_WEEKS, speakers=speakers, rules=rules(**weights)))


def test_counting_weekly_slot_of_a_course_shared_by_speakers_of_different_weekdays() -> None:
    """Alan teaches on Mondays of weeks 1-2, Grace on Tuesdays of weeks 2-3: the course meets on
    two weekdays (1). Grace on Mondays too: all three on Mondays at 9:00, one weekday and period."""
    alan = {"unavailable": [{"weekdays": ["tue", "wed", "thu", "fri"]}, {"weeks": [3]}]}
    tuesdays = {"unavailable": [{"weekdays": ["mon", "wed", "thu", "fri"]}, {"weeks": [1]}]}
    mondays = {"unavailable": [{"weekdays": ["tue", "wed", "thu", "fri"]}, {"weeks": [1]}]}
    assert shared(alan, tuesdays, weekly_slot=1) == 1
    assert shared(alan, mondays, weekly_slot=1) == 0


def test_counting_weekly_slot_or_preferences_of_a_course_shared_by_speakers_of_different_periods() -> None:
    """Both teach on Mondays; Alan prefers 9:00, Grace 14:00: one weekday and period costs one of
    them a preference, two cost a weekly slot (1 either way). Grace preferring 9:00 too, or
    preferences not counting, costs nothing."""
    mondays = [{"weekdays": ["tue", "wed", "thu", "fri"]}]
    alan = {"unavailable": [*mondays, {"weeks": [3]}], "preferred": [{"periods": ["am1"]}]}
    grace = {"unavailable": [*mondays, {"weeks": [1]}], "preferred": [{"periods": ["pm1"]}]}
    assert shared(alan, grace, weekly_slot=1, preferences=1) == 1
    assert shared(alan, grace, weekly_slot=1) == 0
    assert shared(alan, {**grace, "preferred": [{"periods": ["am1"]}]}, weekly_slot=1, preferences=1) == 0


def in_order(end: str, **weights: int) -> int:
    """Ada's two lectures of S1, then (``after``) her two of S2, from 2026-03-23 to ``end``: counted
    by weeks."""
    first, then = lectures(2), {**lectures(2, after=["s1"]), "id": "s2", "title": "S2"}
    problem = event([first, then], event={"end": end}, rules=rules(**weights))
    index = build_index(problem)
    assert counting.ordered(index, [0, 1])
    return counting.counted_by_weeks(index, [0, 1], counted(problem), 60)


def test_counting_by_weeks_the_weeks_of_sessions_in_order() -> None:
    """Two weeks: S1 in both leaves S2 one week (its second is missing), S1 in one misses one; a
    third week holds both. Counted without weeks, nothing."""
    assert in_order("2026-04-03", spread_weeks=2) == 2
    assert counted(event([lectures(2)], event={"end": "2026-04-03"}, rules=rules(spread_weeks=2))) == 0
    assert in_order("2026-04-10", spread_weeks=2) == 0


def test_counting_room_fit_of_a_pinned_room() -> None:
    """Group 1 (10) pinned in Room A (30 seats) although Room B (12) fits: each lecture costs 1."""
    pinned = lectures(2, groups=["g1"], pinned={"room": "a"})
    assert counted(event([pinned], rules=rules(room_fit=1))) == 2
    assert counted(event([lectures(2, groups=["g1"])], rules=rules(room_fit=1))) == 0


def test_counting_capacity_when_no_room_seats_everyone() -> None:
    """Forty in rooms of at most 30 (capacity a soft rule): ten seats missing per lecture."""
    big = [{"id": "g1", "name": "Group 1", "size": 40}]
    soft = {**rules(capacity=1), "capacity": "soft"}
    assert counted(event([lectures(2, groups=["g1"])], groups=big, rules=soft)) == 2 * 10
    small = [{"id": "g1", "name": "Group 1", "size": 25}]
    assert counted(event([lectures(2, groups=["g1"])], groups=small, rules=soft)) == 0


def grouped(n: int, length: int = 1) -> int:
    """The group rules' bound of Group 1 attending ``n`` lectures (isolated 2, group_balance 1)."""
    sessions = [lectures(n, groups=["g1"], length=length)]
    problem = event(sessions, rules=rules(isolated=2, group_balance=1))
    return counting.grouped(build_index(problem), [0])


def test_counting_group_rules_of_a_few_periods() -> None:
    """Three periods in a week (an even share is one a day): alone on three days costs 6, two
    and one 3 (the one alone, a day of two), all three on one day 2."""
    assert grouped(3) == 2
    assert grouped(1) == 2  # a single lecture is always alone
    assert grouped(1, length=2) == 1 + 2  # two periods on its day (one above the share), alone


def test_counting_group_rules_of_an_even_share() -> None:
    """Ten periods in five days: two a day, none alone, none above the share."""
    assert grouped(10) == 0


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_counting_never_exceeds_a_part_at_its_optimum(data: dict[str, Any]) -> None:
    try:
        problem = problem_from_data(data)
    except InvalidEvent:
        reject()
    for part in bound.parts(problem):
        optimum, proven = bound.part_bound(part, SolveOptions(workers=1), 10)
        floors = bound.floors(part, build_index(part), {}, time.monotonic() + 10)
        if proven:
            assert sum(floors.values()) <= optimum


WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


@st.composite
def pools(draw: st.DrawFn) -> dict[str, Any]:
    """Three weeks, courses shared by two or three candidates free on some weekdays, with
    preferred or undesired periods and weekly limits, one maybe after the other: where
    ``weekly_slot`` and ``preferences`` meet in the counting model (``Counts._shared``), and where
    counting by weeks sees their order (``Counts._weeks``)."""
    names = ["alan", "grace", "ada"][: draw(st.integers(2, 3))]
    speakers = []
    for k in names:
        away = draw(st.lists(st.sampled_from(WEEKDAYS), max_size=3, unique=True))
        periods = st.lists(st.sampled_from(["am1", "am2", "pm1"]), min_size=1, max_size=2, unique=True)
        mood = draw(st.sampled_from(["preferred", "undesired", None]))
        speakers.append(
            {
                "id": k,
                "name": k.title(),
                "unavailable": [{"weekdays": away}] if away else [],
                "limits": {"per_week": draw(st.sampled_from([None, 1, 2]))},
                **({mood: [{"periods": draw(periods)}]} if mood else {}),
            }
        )
    pool = {"from": names, "pick": 1}
    sessions = [
        {"id": f"s{n}", "title": f"S{n}", "occurrences": draw(st.integers(2, 3)), "candidates": pool}
        for n in range(draw(st.integers(1, 2)))
    ]
    if len(sessions) == 2 and draw(st.booleans()):
        sessions[1]["after"] = ["s0"]
    event = {**BASE["event"], **THREE_WEEKS}
    return {**copy.deepcopy(BASE), "event": event, "speakers": speakers, "sessions": sessions}


@settings(deadline=None, max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(pools())
def test_counting_of_shared_courses_never_exceeds_their_optimum(data: dict[str, Any]) -> None:
    try:
        problem = problem_from_data(data)
    except InvalidEvent:
        reject()
    optimum, proven = bound.part_bound(problem, SolveOptions(workers=1), 10)
    if proven:
        assert counted(problem) <= optimum
        assert (
            counting.counted_by_weeks(build_index(problem), [0, 1][: len(problem.sessions)], 0, 60) <= optimum
        )


def test_counting_floors_of_the_office_sample_come_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pools (methods 7, research 7, meetings 6, info 6, exchange 7; docs and writing, each
    class's writing after its docs, 13), the one-lecturer courses (4, 2) and the classes (1 each:
    37 periods in 34 days, an odd number): 55, one more than the parts' timetables prove in about
    ten seconds (they see docs and writing apart)."""
    monkeypatch.setattr(counting, "SECONDS", 60.0)  # milliseconds each, however loaded the machine
    monkeypatch.setattr(counting, "WEEKS_SECONDS", 60.0)
    monkeypatch.setattr(counting, "WEEKS_PART", 60.0)  # docs and writing: 13 after 0.3 s, or 12 when cut
    office = read_problem(OFFICE)
    started = time.monotonic()
    found = bound.floors(office, build_index(office), {}, started + 60)
    assert sorted(found.values(), reverse=True)[:11] == [13, 7, 7, 7, 6, 6, 4, 2, 1, 1, 1]
    assert sum(found.values()) == 55
    assert bound.decomposition_bound(office, SolveOptions(), started, floors=found) == 55  # no time left


def test_counting_floor_is_the_bound_of_a_short_solve(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 3 s no part's timetable is solved, yet the first report already carries the counted 54
    (counting by weeks left out: it would take the time, ``WEEKS_LEAST``)."""
    monkeypatch.setattr("solver.run.COUNTING_SHARE", 1.0)  # all of it, however loaded the machine
    monkeypatch.setattr(counting, "SECONDS", 3.0)
    monkeypatch.setattr(counting, "WEEKS_LEAST", 60.0)
    seen: list[int] = []
    options = SolveOptions(time_limit=3, progress=lambda _s, _o, b: seen.append(b))
    schedule = solve(read_problem(OFFICE), options)
    assert seen[0] == 54
    assert schedule.bound is not None
    assert schedule.bound >= 54


def test_counting_by_weeks_raises_the_bound_once_the_first_schedule_is_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The greedy's schedule is reported with the plain count (54) at once; the docs and writing
    pools counted by weeks then raise it to 55 for the rest of the solve."""
    monkeypatch.setattr("solver.run.COUNTING_SHARE", 1.0)  # all of it, however loaded the machine
    monkeypatch.setattr(counting, "WEEKS_PART", 60.0)
    monkeypatch.setattr(counting, "WEEKS_SECONDS", 60.0)
    seen: list[tuple[int, int]] = []
    stop = threading.Event()

    def progress(_seconds: float, cost: int, floor: int) -> None:
        seen.append((cost, floor))
        if floor == 55:
            stop.set()  # seen: no need to search on (a time limit of 3 s left none under load)

    options = SolveOptions(time_limit=30, progress=progress, stop_event=stop)
    schedule = solve(read_problem(OFFICE), options)
    raised = next(n for n, (_, floor) in enumerate(seen) if floor == 55)
    assert raised > 0
    assert {floor for _, floor in seen[:raised]} == {54}  # the greedy's schedules
    assert seen[raised][0] == seen[raised - 1][0]  # the same schedule again, with the new bound
    assert schedule.bound == 55


def test_counting_cut_short_goes_on_when_no_search_follows(monkeypatch: pytest.MonkeyPatch) -> None:
    """No time to count before the greedy (a huge event's index takes it), and none to search after
    it: the greedy's schedule is the answer, and the time left counts the pools (54)."""
    office = read_problem(OFFICE)
    index = build_index(office)
    counted = bound.counted_floors(office, index, {}, time.monotonic() - 1)
    assert sum(counted.found.values()) == 3  # the classes' rules, in closed form
    assert len(counted.unfinished) == 13
    bound.recount(index, counted.found, counted.unfinished, time.monotonic() + 60)
    assert sum(counted.found.values()) == 54
    monkeypatch.setattr("solver.run.COUNTING_SHARE", 0.0)
    monkeypatch.setattr("solver.run.MIN_SEARCH", 1000.0)  # every limit too short to search
    schedule = solve(office, SolveOptions(time_limit=5))
    assert (schedule.objective, schedule.bound) == (119, 54)  # the greedy's


def test_counting_off_with_the_decomposition() -> None:
    """``decompose=False`` (ITC-2007, scored on timetables only): nothing counted, no floor."""
    seen: list[int] = []
    options = SolveOptions(time_limit=2, decompose=False, progress=lambda _s, _o, b: seen.append(b))
    solve(read_problem(OFFICE), options)
    assert seen[0] == 0


def _parts_asked(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Solves the office sample for a minute, stopped at the search's first schedule, and returns
    whether the event was counted each time the solve asked if the parts' timetables are due."""
    from solver import run

    asked: list[bool] = []
    real_planned = bound.planned

    def planned(options: SolveOptions, counted: bool = False) -> bool:
        asked.append(counted)
        return real_planned(options, counted)

    class Watcher(run._Watcher):
        def on_solution_callback(self) -> None:
            assert self.options.stop_event is not None
            self.options.stop_event.set()
            super().on_solution_callback()

    monkeypatch.setattr(bound, "planned", planned)
    monkeypatch.setattr(run, "_Watcher", Watcher)
    schedule = solve(read_problem(OFFICE), SolveOptions(time_limit=60, stop_event=threading.Event()))
    assert schedule.status == "feasible"
    return asked


def test_counting_leaves_a_minute_to_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted (55), the office sample's parts' timetables wait for a limit of ``COUNTED_LIMIT``."""
    monkeypatch.setattr(counting, "SECONDS", 60.0)
    monkeypatch.setattr("solver.run.COUNTING_SHARE", 1.0)
    assert _parts_asked(monkeypatch) == [True]


def test_an_event_counting_cannot_bound_solves_its_parts_from_20_s(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bound, "counted_floors", lambda *_args: bound.Counted({}))
    assert _parts_asked(monkeypatch) == [False]
