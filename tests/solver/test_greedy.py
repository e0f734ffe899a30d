"""The greedy first schedule (the search's starting point and its fallback) keeps the hard rules."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ortools.sat.python import cp_model

from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.oracle_soft import candidate_pools
from planner.domain.schedule import Schedule
from planner.io.files import read_problem
from solver.greedy import (
    Placement,
    best_start,
    deadlines,
    greedy_placements,
    greedy_schedule,
    hint_greedy,
    mend,
    quotas,
)
from solver.model import Vars, hint_all
from solver.run import build_model
from tests.solver.events import event

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml"


def test_greedy_places_every_occurrence_of_the_office_sample() -> None:
    problem = read_problem(SAMPLE)
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    report = check_schedule(problem, schedule)
    assert (report.violations, report.score) == ([], schedule.score)
    assert len(schedule.assignments) == sum(s.occurrences for s in problem.sessions)


@pytest.mark.parametrize(
    ("pinned", "occurrence", "deadline"),
    [("2026-03-24", None, 5), ("2026-03-24", 1, 5), ("2026-03-27", None, 14)],
)
def test_greedy_ends_a_session_in_time_for_one_pinned_after_it(
    pinned: str, occurrence: int | None, deadline: int
) -> None:
    """'Review' (Tuesday or Friday afternoon, pinned: the session, or its first of two occurrences)
    comes after both lectures of 'Basics'. Spread over the week, the second lecture fell on
    Wednesday and 'Review' had nowhere to go; now 'Basics' ends by the slot of the pin (slot 5 is
    Tuesday afternoon, 14 Friday's) and the greedy's schedule keeps every rule. Pinned on Friday,
    the week is open to 'Basics'."""
    basics = {"id": "basics", "title": "Basics", "speakers": ["ada"], "occurrences": 2, "groups": ["g1"]}
    review = {"id": "review", "title": "Review", "speakers": ["alan"], "groups": ["g1"], "after": ["basics"],
              "occurrences": 1 if occurrence is None else 2,
              "pinned": {"date": pinned, "period": "pm1", "occurrence": occurrence}}  # fmt: skip
    problem = event([basics, review], rooms=[{"id": "a", "name": "Room A", "capacity": 30}])
    v = build_model(problem)
    assert deadlines(v) == {0: deadline}
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []


@pytest.mark.parametrize("pinned", [True, False])
def test_greedy_places_a_pinned_session_before_those_that_would_take_its_start(pinned: bool) -> None:
    """'Review' (Alan, pinned on Tuesday morning) comes after 'Basics'; 'Clinic' (Alan too, only on
    Tuesday mornings) has the fewest starts and went first, onto the start 'Review' needs. Now a
    session its pins leave one start goes first, and 'Clinic' takes the other Tuesday morning.
    Not pinned, 'Review' finds a start of its own as before."""
    basics = {"id": "basics", "title": "Basics", "speakers": ["ada"], "groups": ["g1"]}
    review: dict[str, Any] = {"id": "review", "title": "Review", "speakers": ["alan"], "groups": ["g1"]}
    review["after"] = ["basics"]
    if pinned:
        review["pinned"] = {"date": "2026-03-24", "period": "am1"}
    tuesday_mornings = {"weekdays": ["tue"], "periods": ["am1", "am2"]}
    clinic = {"id": "clinic", "title": "Clinic", "speakers": ["alan"], **tuesday_mornings}
    problem = event([basics, review, clinic], rooms=[{"id": "a", "name": "Room A", "capacity": 30}])
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []


@pytest.mark.parametrize(("occurrence", "date"), [(2, "2026-03-26"), (1, "2026-03-25"), (3, "2026-03-24")])
def test_greedy_puts_an_occurrence_where_its_own_pin_says(occurrence: int, date: str) -> None:
    """The app's 固定 pins one occurrence (the n-th in time order) at a date, period and room. The
    greedy ignored such pins, so its schedule broke them and the search had to start without one;
    now the pinned occurrence goes there and the others of its session around it, as many before
    it as its number says."""
    pin = {"occurrence": occurrence, "date": date, "period": "am1", "room": "b"}
    basics = {"id": "basics", "title": "Basics", "speakers": ["ada"], "occurrences": 3, "pinned": [pin]}
    problem = event([basics])
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []
    pinned = next(a for a in schedule.assignments if a.occurrence == occurrence)
    assert (pinned.start.date().isoformat(), pinned.room) == (date, "b")


@pytest.mark.parametrize("pinned", ["b", "a"])
def test_greedy_keeps_a_pinned_room_free_for_its_occurrence(pinned: str) -> None:
    """'Basics' has its second lecture pinned on Tuesday morning in Room B; 'Clinic' (Tuesday's
    first period only: one start, so it goes first) took the smallest room, B, then. Now a session
    with an occurrence pinned alone goes first too, when it follows no other. Pinned in Room A,
    nothing stood in its way before either."""
    pin = {"occurrence": 2, "date": "2026-03-24", "period": "am1", "room": pinned}
    basics = {"id": "basics", "title": "Basics", "speakers": ["ada"], "occurrences": 3, "pinned": [pin]}
    only = {"weekdays": ["tue"], "periods": ["am1"]}
    clinic = {"id": "clinic", "title": "Clinic", "speakers": ["alan"], **only}
    problem = event([basics, clinic])
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []


def _pool_event(**weights: int) -> Problem:
    """Three sessions of two occurrences, each taught by Ada or Alan (pick 1), for three groups."""
    groups = [{"id": f"g{n}", "name": f"Group {n}", "size": 10} for n in (1, 2, 3)]
    sessions = [
        {"id": f"s{n}", "title": f"Course {n}", "occurrences": 2, "groups": [f"g{n}"],
         "candidates": {"from": ["ada", "alan"], "pick": 1}}
        for n in (1, 2, 3)
    ]  # fmt: skip
    rooms = [{"id": "a", "name": "Room A", "capacity": 30}]  # one building: the greedy ignores travel
    return event(sessions, groups=groups, rooms=rooms, rules={"weights": weights})


def _loads(problem: Problem) -> tuple[Counter[str], dict[str, set[str]]]:
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []
    speakers: dict[str, set[str]] = {}
    for a in schedule.assignments:
        speakers.setdefault(a.session, set()).update(a.speakers)
    return Counter(k for a in schedule.assignments for k in a.speakers), speakers


def test_greedy_shares_a_pool_evenly_splitting_one_session() -> None:
    problem = _pool_event()
    assert sorted(quotas(build_model(problem)).values()) == [1, 1, 2, 2]  # 2 + 2 whole, one split 1 + 1
    loads, speakers = _loads(problem)
    assert loads == Counter({"ada": 3, "alan": 3})
    assert sorted(len(names) for names in speakers.values()) == [1, 1, 2]


def test_greedy_without_fair_load_keeps_the_least_loaded_free_candidate() -> None:
    problem = _pool_event(fair_load=0)
    assert not quotas(build_model(problem))
    loads, speakers = _loads(problem)
    assert loads == Counter({"ada": 4, "alan": 2})  # s1 to Ada, s2 to Alan, s3 to Ada (the tie)
    assert all(len(names) == 1 for names in speakers.values())


def test_greedy_shares_the_office_sample_s_pools_evenly() -> None:
    problem = read_problem(SAMPLE)
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    for pool, sessions in candidate_pools(problem).items():
        ids = {s.id for s in sessions}
        loads = Counter(k for a in schedule.assignments if a.session in ids for k in a.speakers)
        assert max(loads.values()) - min(loads[k] for k in pool) <= 1, (pool, loads)


def _lecturer_event(**weights: int) -> Problem:
    """Ada teaches two sessions to group 1 and one to group 2, in a week of three periods a day."""
    groups = [{"id": f"g{n}", "name": f"Group {n}", "size": 10} for n in (1, 2)]
    sessions = [
        {"id": "s1", "title": "Logic", "occurrences": 2, "groups": ["g1"], "speakers": ["ada"]},
        {"id": "s2", "title": "Sets", "occurrences": 1, "groups": ["g2"], "speakers": ["ada"]},
    ]
    rooms = [{"id": "a", "name": "Room A", "capacity": 30}]
    return event(sessions, groups=groups, rooms=rooms, rules={"weights": weights})


def _days(v: Vars, placements: list[Placement]) -> set[int]:
    return {v.index.day(t) for _, t, _, _ in placements}


def test_greedy_days_first_puts_a_lecturer_s_sessions_on_the_days_they_come() -> None:
    v = build_model(_lecturer_event())
    assert len(_days(v, greedy_placements(v))) == 3  # each occurrence near its share of the week
    assert len(_days(v, greedy_placements(v, days_first=True))) == 2  # Sets on a day Ada teaches Logic


def test_best_start_is_the_cheaper_order() -> None:
    problem = read_problem(SAMPLE)
    v = build_model(problem)
    costs = {}
    for days_first in (False, True):
        schedule = greedy_schedule(v, greedy_placements(v, days_first=days_first))
        assert schedule is not None
        costs[days_first] = schedule.objective
    placements, schedule = best_start(v)
    assert schedule is not None
    assert schedule.objective == min(costs.values())
    assert costs[True] < costs[False]  # on the office sample the lecturers' days come first
    assert placements == greedy_placements(v, days_first=True)


def test_best_start_tells_each_cheaper_schedule_as_soon_as_it_is_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import solver.greedy

    v = build_model(read_problem(SAMPLE))
    orders: list[bool] = []
    make = solver.greedy.greedy_placements

    def placements(v: Any, **kw: Any) -> Any:
        orders.append(kw["days_first"])
        return make(v, **kw)

    monkeypatch.setattr(solver.greedy, "greedy_placements", placements)
    told: list[tuple[int, int]] = []
    _, schedule = best_start(v, found=lambda s: told.append((s.objective, len(orders))))
    assert schedule is not None
    first = greedy_schedule(v, make(v, days_first=False))
    assert first is not None
    assert first.objective > schedule.objective  # the second order is cheaper here
    assert told == [(first.objective, 1), (schedule.objective, 2)]  # the first before the second ran


def test_best_start_without_speaker_days_tries_one_order() -> None:
    problem = _lecturer_event(speaker_days=0)
    v = build_model(problem)
    placements, schedule = best_start(v)
    assert schedule is not None
    assert len(_days(v, placements)) == 3


def test_best_start_tries_the_second_order_only_when_the_first_was_quick() -> None:
    v = build_model(read_problem(SAMPLE))
    placements, schedule = best_start(v, seconds=0.0)  # as if the first order had taken too long
    assert schedule is not None
    assert placements == greedy_placements(v)


def _cost_of_the_hint(v: Vars) -> float | None:
    """The model's cost with every variable fixed to its hint; None when that breaks a constraint."""
    copy = v.model.clone()
    hint = v.model.proto.solution_hint
    for k, value in zip(list(hint.vars), list(hint.values), strict=True):
        copy.add(copy.get_int_var_from_proto_index(k) == value)
    copy.clear_hints()  # type: ignore[no-untyped-call]
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(copy)
    return solver.objective_value if status == cp_model.OPTIMAL else None


def test_hint_greedy_hints_every_variable_to_the_greedy_schedule() -> None:
    v = build_model(read_problem(SAMPLE))
    placements = greedy_placements(v)
    schedule = greedy_schedule(v, placements)
    assert schedule is not None
    hint_greedy(v, placements)
    assert sorted(v.model.proto.solution_hint.vars) == list(range(len(v.model.proto.variables)))
    assert _cost_of_the_hint(v) == schedule.objective  # complete, keeps every constraint, same cost


def test_hint_greedy_with_occurrences_left_out_hints_a_completed_schedule() -> None:
    v = build_model(read_problem(SAMPLE))
    placements = greedy_placements(v)
    hint_greedy(v, placements[:-3])  # the copy searches for the three left out
    assert sorted(v.model.proto.solution_hint.vars) == list(range(len(v.model.proto.variables)))
    assert _cost_of_the_hint(v) is not None


def test_hint_all_replaces_the_hint() -> None:
    v = build_model(read_problem(SAMPLE))
    hint_greedy(v, greedy_placements(v))
    count = len(v.model.proto.variables)
    hint_all(v.model, [0] * count)
    assert list(v.model.proto.solution_hint.vars) == list(range(count))
    assert set(v.model.proto.solution_hint.values) == {0}


def _periods(problem: Problem, schedule: Schedule) -> dict[str, list[str]]:
    """Each session's periods, as 'Mon 03-23 am1', in time order."""
    found: dict[str, list[str]] = {}
    starts = {p.start: p.id for p in problem.event.periods}
    for a in sorted(schedule.assignments, key=lambda a: a.start):
        at = a.start.astimezone(problem.event.zone)
        found.setdefault(a.session, []).append(f"{at:%a %m-%d} {starts[at.time()]}")
    return found


TALK = {"id": "talk", "title": "Talk", "speakers": ["ada"], "groups": ["g1"],
        "pinned": {"date": "2026-03-23", "period": "am1", "room": "a"}}  # fmt: skip
LAB = {"id": "lab", "title": "Lab", "groups": ["g1"]}
POOL = {"from": ["ada", "alan"], "pick": 1}


@pytest.mark.parametrize(
    ("lab", "travel", "expected"),
    [
        ({"speakers": ["ada"], "pinned": {"room": "b"}}, 0, (["Mon 03-23 am2"], "b", ("ada",))),
        ({"speakers": ["ada"], "pinned": {"room": "b"}}, 15, (["Mon 03-23 pm1"], "b", ("ada",))),
        ({"candidates": POOL, "pinned": {"room": "b"}}, 0, (["Mon 03-23 am2"], "b", ("ada",))),
        ({"candidates": POOL, "pinned": {"room": "b"}}, 15, (["Mon 03-23 am2"], "b", ("alan",))),
        ({"speakers": ["ada"]}, 0, (["Mon 03-23 am2"], "b", ("ada",))),
        ({"speakers": ["ada"]}, 15, (["Mon 03-23 am2"], "a", ("ada",))),
    ],
)
def test_greedy_gives_a_speaker_the_travel_time_between_buildings(
    lab: dict[str, Any], travel: int, expected: tuple[list[str], str, tuple[str, ...]]
) -> None:
    """Ada's talk in Room A (West) ends at 10:00, when am2 begins. The lab next to it (its group's
    other session) in Room B (East) left her no time to walk over: the greedy's schedule broke the
    travel rule, so it was thrown away (a conference in two buildings had its first schedule after
    1.1-1.4 s instead of 0.2 s). Now the lab moves to the afternoon, or to another candidate, or to
    Room A; with no travel time it stays next to the talk in the smaller Room B."""
    problem = event([TALK, {**LAB, **lab}], event={"end": "2026-03-23"}, rules={"travel_minutes": travel})
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []
    lab_at = next(a for a in schedule.assignments if a.session == "lab")
    assert (_periods(problem, schedule)["lab"], lab_at.room, lab_at.speakers) == expected


ONE_ROOM = [{"id": "a", "name": "Room A", "capacity": 30}]
WELCOME = {"id": "welcome", "title": "Welcome", "periods": ["am1", "am2"]}
DEMO = {"id": "demo", "title": "Demo", "periods": ["am1", "am2"], "speakers": ["ada"]}


@pytest.mark.parametrize(("keynote", "mended"), [(["am2", "pm1"], True), (["am2"], False)])
def test_greedy_moves_what_is_in_the_way_of_an_occurrence_it_left_out(
    keynote: list[str], mended: bool
) -> None:
    """One room, one Monday. The greedy puts Welcome at am1 and Ada's keynote at am2, and her demo
    (am1 or am2) has nowhere to go. Mending gives the demo am2 and places the keynote anew at pm1,
    and the start is a whole schedule; with the keynote at am2 only, no schedule exists and the
    greedy's placements stay as they are."""
    keynote_session = {"id": "keynote", "title": "Keynote", "periods": keynote, "speakers": ["ada"]}
    problem = event([WELCOME, keynote_session, DEMO], event={"end": "2026-03-23"}, rooms=ONE_ROOM)
    v = build_model(problem, bare=True)
    greedy = greedy_placements(v)
    assert len(greedy) == 2
    _, schedule = best_start(v)
    assert (schedule is not None) is mended
    if schedule is None:
        assert mend(v, greedy, math.inf) == greedy
        return
    assert check_schedule(problem, schedule).violations == []
    assert _periods(problem, schedule) == {
        "welcome": ["Mon 03-23 am1"],
        "demo": ["Mon 03-23 am2"],
        "keynote": ["Mon 03-23 pm1"],
    }


def test_greedy_mending_keeps_occurrences_where_their_pins_put_them() -> None:
    """One room, Monday and Tuesday. The greedy gives the course's first lecture Monday am1, where
    the lab's first (pinned alone) must be, and leaves the lab out. Mending moves that lecture
    away; placed after the lab's, at Monday am2 and pm1, the lab's first would no longer be at
    its pin: the course's lecture goes to Monday pm1, before its second (pinned to Tuesday am1)."""
    talk = {"id": "talk", "title": "Talk", "periods": ["am2", "pm1"], "speakers": ["ada"], "groups": ["g1"]}
    course = {"id": "course", "title": "Course", "occurrences": 2, "groups": ["g1"],
              "pinned": {"occurrence": 2, "date": "2026-03-24", "period": "am1"}}  # fmt: skip
    lab = {"id": "lab", "title": "Lab", "occurrences": 2,
           "pinned": {"occurrence": 1, "date": "2026-03-23", "period": "am1"}}  # fmt: skip
    problem = event([talk, course, lab], event={"end": "2026-03-24"}, rooms=ONE_ROOM)
    v = build_model(problem, bare=True)
    assert "lab" not in {problem.sessions[i].id for i, *_ in greedy_placements(v)}
    _, schedule = best_start(v)
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []
    assert _periods(problem, schedule) == {
        "lab": ["Mon 03-23 am1", "Mon 03-23 am2"],
        "course": ["Mon 03-23 pm1", "Tue 03-24 am1"],
        "talk": ["Tue 03-24 am2"],
    }


@pytest.mark.parametrize(
    ("pin", "expected"),
    [
        (
            {"occurrence": 2, "date": "2026-04-01", "period": "pm1"},
            ["Wed 03-25 pm1", "Wed 04-01 pm1", "Wed 04-08 pm1"],
        ),
        (
            {"occurrence": 3, "date": "2026-04-08", "period": "am2"},
            ["Wed 03-25 am2", "Wed 04-01 am2", "Wed 04-08 am2"],
        ),
        (None, ["Mon 03-23 am1", "Mon 03-30 am1", "Mon 04-06 am1"]),
    ],
)
def test_greedy_gives_a_weekly_session_the_weekday_and_period_of_its_pin(
    pin: dict[str, Any] | None, expected: list[str]
) -> None:
    """Ethics meets weekly for three weeks. With one lecture pinned alone (the Schedule page's 固定),
    its weekday and period are those of every lecture, as many before it as its number says;
    before, the greedy kept its first weekday and period, broke the pin and lost its whole
    schedule. Without a pin, the first free weekday and period."""
    ethics = {
        "id": "ethics",
        "title": "Ethics",
        "occurrences": 3,
        "weekly": True,
        "speakers": ["ada"],
        "groups": ["g1"],
    }
    if pin is not None:
        ethics["pinned"] = pin
    problem = event([ethics], event={"end": "2026-04-10"})
    v = build_model(problem, bare=True)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []
    assert _periods(problem, schedule)["ethics"] == expected


@pytest.mark.parametrize(("room_fit", "room"), [(1, "small"), (0, "big")])
def test_greedy_waits_for_a_room_of_the_right_size(room_fit: int, room: str) -> None:
    """The small room is taken from Monday to Thursday; a small lecture goes there on Friday
    rather than into the hall of 100 seats earlier in the week (which costs ``room_fit``), unless
    the rule is off."""
    rooms = [{"id": "small", "name": "Small", "capacity": 20}, {"id": "big", "name": "Big", "capacity": 100}]
    lab = {"id": "lab", "title": "Lab", "occurrences": 12, "attendance": 15, "pinned": [{"room": "small"}],
           "weekdays": ["mon", "tue", "wed", "thu"]}  # fmt: skip
    talk = {"id": "talk", "title": "Talk", "attendance": 10}
    problem = event([lab, talk], rooms=rooms, rules={"weights": {"room_fit": room_fit}})
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []
    placed = next(a for a in schedule.assignments if a.session == "talk")
    assert placed.room == room
    assert (placed.start.weekday() == 4) is (room == "small")


@pytest.mark.parametrize(("preferred", "period"), [(["pm1"], "pm1"), ([], "am1")])
def test_greedy_gives_a_speaker_the_periods_they_prefer(preferred: list[str], period: str) -> None:
    """Among starts alike in all else, the greedy takes one the speaker's preferences cost nothing
    at: an afternoon for Ada, who prefers afternoons; the day's first period for one who minds no
    time."""
    minds = [{"periods": preferred}] if preferred else []
    speakers = [{"id": "ada", "name": "Ada Lovelace", "preferred": minds}]
    talk = {"id": "talk", "title": "Talk", "speakers": ["ada"]}
    problem = event([talk], speakers=speakers)
    v = build_model(problem)
    schedule = greedy_schedule(v, greedy_placements(v))
    assert schedule is not None
    assert check_schedule(problem, schedule).violations == []
    [placed] = schedule.assignments
    starts = {p.id: p.start for p in problem.event.periods}
    assert placed.start.time() == starts[period]
    assert schedule.score["preferences"] == 0
