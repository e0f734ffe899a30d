"""Infeasible events: each a different cause, each answered with the sentence that names it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from planner.domain.errors import InfeasibleProblem
from planner.domain.model import Problem
from solver import SolveOptions, solve
from solver.explain import quick_reasons
from tests.solver.events import event

ONE_DAY = {"end": "2026-03-23"}
OPTIONS = SolveOptions(time_limit=5, workers=1, seed=1)


def reasons(problem: Problem) -> tuple[str, ...]:
    with pytest.raises(InfeasibleProblem) as caught:
        solve(problem, OPTIONS)
    return caught.value.reasons


def _projects(count: int) -> list[dict[str, Any]]:
    return [{"id": f"p{i}", "title": f"Project {i}", "features": ["projector"]} for i in range(count)]


def test_explain_speaker_with_fewer_free_periods_than_teaching() -> None:
    speakers = [
        {"id": "ada", "name": "Ada Lovelace", "unavailable": [{"from": "2026-03-23", "to": "2026-03-26"}]}
    ]
    problem = event(
        [{"id": "logic", "title": "Logic", "occurrences": 4, "speakers": ["ada"]}], speakers=speakers
    )
    assert reasons(problem) == (
        "Ada Lovelace teaches 4 periods but is free on only 3 periods between 2026-03-23 and 2026-03-27",
    )


def test_explain_group_needing_more_periods_than_free() -> None:
    groups = [
        {
            "id": "g1",
            "name": "Group 1",
            "size": 10,
            "unavailable": [{"weekdays": ["mon", "tue", "wed", "thu"]}],
        }
    ]
    problem = event([{"id": "logic", "title": "Logic", "occurrences": 4, "groups": ["g1"]}], groups=groups)
    assert reasons(problem) == (
        "Group 1 must attend 4 periods but only 3 periods are free between 2026-03-23 and 2026-03-27",
    )


def test_explain_session_no_room_can_host() -> None:
    problem = event(
        [{"id": "big", "title": "Big show", "attendance": 25, "features": ["projector"]}],
        rooms=[
            {"id": "a", "name": "Room A", "capacity": 20, "features": ["projector"]},
            {"id": "b", "name": "Room B", "capacity": 40},
        ],
    )
    assert reasons(problem) == ("no room can host 'Big show': it needs 25 seats with projector",)


def test_explain_pins_that_collide() -> None:
    pin = {"date": "2026-03-23", "period": "am1"}
    problem = event(
        [
            {"id": "x", "title": "X", "speakers": ["ada"], "pinned": pin},
            {"id": "y", "title": "Y", "speakers": ["ada"], "pinned": pin},
        ]
    )
    assert reasons(problem) == (
        "'X' and 'Y' are both pinned to 2026-03-23 am1 and share speaker Ada Lovelace",
    )


def test_explain_pin_when_a_speaker_or_group_is_not_available() -> None:
    """Said at once and by date: without this check the conflicting set only counted Ada's free
    periods (12, for 1 to teach), as for the office sample's opening speaker away on the opening
    day. A longer session's pin holds its next period too, where the group is away."""
    monday = {"date": "2026-03-23"}
    problem = event(
        [
            {"id": "x", "title": "X", "speakers": ["ada"], "pinned": {**monday, "period": "am1"}},
            {"id": "y", "title": "Y", "length": 2, "groups": ["g1"], "pinned": {**monday, "period": "am1"}},
        ],
        speakers=[{"id": "ada", "name": "Ada Lovelace", "unavailable": ["2026-03-23"]}],
        groups=[{"id": "g1", "name": "Group 1", "size": 5, "unavailable": [{"periods": ["am2"]}]}],
    )
    assert reasons(problem) == (
        "'X' is pinned to 2026-03-23 am1, when speaker Ada Lovelace is not available",
        "'Y' is pinned to 2026-03-23 am2, when group Group 1 is not available",
    )


def test_explain_pin_when_everyone_is_available_says_nothing() -> None:
    """Ada away on Tuesday, the group in the afternoons: the Monday pins hold."""
    problem = event(
        [
            {"id": "x", "title": "X", "speakers": ["ada"], "pinned": {"date": "2026-03-23", "period": "am1"}},
            {
                "id": "y",
                "title": "Y",
                "length": 2,
                "groups": ["g1"],
                "pinned": {"date": "2026-03-23", "period": "am1"},
            },
        ],
        speakers=[{"id": "ada", "name": "Ada Lovelace", "unavailable": ["2026-03-24"]}],
        groups=[{"id": "g1", "name": "Group 1", "size": 5, "unavailable": [{"periods": ["pm1"]}]}],
    )
    placed = {a.session: a.start.date().isoformat() for a in solve(problem, OPTIONS).assignments}
    assert placed == {"x": "2026-03-23", "y": "2026-03-23"}


def test_explain_pins_of_occurrences_collide_only_where_they_meet() -> None:
    """Each occurrence pinned on its own: X's Tuesday pin names room B, so Y may have room A then
    (X's Monday room); the quick check once mixed the rooms of all of a session's pins."""
    problem = event(
        [
            {
                "id": "x",
                "title": "X",
                "occurrences": 2,
                "pinned": [
                    {"occurrence": 1, "date": "2026-03-23", "period": "am1", "room": "a"},
                    {"occurrence": 2, "date": "2026-03-24", "period": "am1", "room": "b"},
                ],
            },
            {"id": "y", "title": "Y", "pinned": {"date": "2026-03-24", "period": "am1", "room": "a"}},
        ]
    )
    schedule = solve(problem, OPTIONS)
    placed = {(a.session, a.occurrence): (a.start.date().isoformat(), a.room) for a in schedule.assignments}
    assert placed == {
        ("x", 1): ("2026-03-23", "a"),
        ("x", 2): ("2026-03-24", "b"),
        ("y", 1): ("2026-03-24", "a"),
    }


def test_explain_pin_of_a_longer_session_holds_its_next_period() -> None:
    monday = {"date": "2026-03-23", "room": "a"}
    problem = event(
        [
            {"id": "x", "title": "X", "length": 2, "pinned": {**monday, "period": "am1"}},
            {"id": "y", "title": "Y", "pinned": {**monday, "period": "am2"}},
        ]
    )
    assert reasons(problem) == ("'X' and 'Y' are both pinned to 2026-03-23 am2 and share room Room A",)


def test_explain_speaker_daily_limit() -> None:
    speakers = [{"id": "ada", "name": "Ada Lovelace", "limits": {"per_day": 1}}]
    problem = event(
        [{"id": "logic", "title": "Logic", "occurrences": 6, "speakers": ["ada"]}], speakers=speakers
    )
    assert reasons(problem) == (
        "Ada Lovelace may teach at most 1 session a day and has 6 to teach ('Logic')",
    )


def test_explain_speaker_weekly_limit() -> None:
    speakers = [{"id": "ada", "name": "Ada Lovelace", "limits": {"per_week": 3}}]
    problem = event(
        [{"id": "logic", "title": "Logic", "occurrences": 4, "speakers": ["ada"]}], speakers=speakers
    )
    assert reasons(problem) == (
        "Ada Lovelace may teach at most 3 sessions a week and has 4 to teach ('Logic') in 1 week",
    )


def test_explain_limits_outnumbered_in_the_whole_event_are_said_at_once() -> None:
    """Counted, not searched: 6 lectures at one a day in 5 days, 4 at three a week in one week;
    at exactly the limit (5 at one a day) nothing is said."""
    one_a_day = [{"id": "ada", "name": "Ada Lovelace", "limits": {"per_day": 1}}]
    three_a_week = [{"id": "ada", "name": "Ada Lovelace", "limits": {"per_week": 3}}]
    logic = {"id": "logic", "title": "Logic", "speakers": ["ada"]}
    assert quick_reasons(event([{**logic, "occurrences": 6}], speakers=one_a_day)) == [
        "Ada Lovelace may teach at most 1 session a day and has 6 to teach ('Logic')"
    ]
    assert quick_reasons(event([{**logic, "occurrences": 4}], speakers=three_a_week)) == [
        "Ada Lovelace may teach at most 3 sessions a week and has 4 to teach ('Logic') in 1 week"
    ]
    assert quick_reasons(event([{**logic, "occurrences": 5}], speakers=one_a_day)) == []
    assert quick_reasons(event([{**logic, "occurrences": 3}], speakers=three_a_week)) == []


def test_explain_names_a_course_given_to_several_groups_once() -> None:
    """Logic for two groups is two sessions of one title: said once, beside Proof's."""
    speakers = [{"id": "ada", "name": "Ada Lovelace", "limits": {"per_week": 4}}]
    groups = [{"id": g, "name": f"Group {g}", "size": 5} for g in ("g1", "g2")]
    logic = {"title": "Logic", "occurrences": 2, "speakers": ["ada"]}
    problem = event(
        [
            {**logic, "id": "logic-1", "groups": ["g1"]},
            {**logic, "id": "logic-2", "groups": ["g2"]},
            {"id": "proof", "title": "Proof", "speakers": ["ada"], "groups": ["g1"]},
        ],
        speakers=speakers,
        groups=groups,
    )
    assert reasons(problem) == (
        "Ada Lovelace may teach at most 4 sessions a week and has 5 to teach ('Logic', 'Proof') in 1 week",
    )


def test_explain_precedence_against_pins() -> None:
    problem = event(
        [
            {"id": "intro", "title": "Intro", "pinned": {"date": "2026-03-27"}},
            {"id": "deep", "title": "Deep dive", "after": ["intro"], "pinned": {"date": "2026-03-23"}},
        ]
    )
    assert reasons(problem) == (
        "'Intro' is pinned to 2026-03-27",
        "'Deep dive' is pinned to 2026-03-23",
        "'Deep dive' must come after every occurrence of 'Intro'",
    )


def test_explain_weekly_session_in_too_few_weeks() -> None:
    problem = event([{"id": "w", "title": "Weekly talk", "occurrences": 2, "weekly": True}])
    assert reasons(problem) == (
        "'Weekly talk' must meet at one weekday and period, at most once a week (2 occurrences in 1 week)",
    )


def test_explain_exclusive_session_without_a_free_period() -> None:
    periods = [
        {"id": "am1", "start": "09:00", "end": "10:00"},
        {"id": "am2", "start": "10:00", "end": "11:00"},
    ]
    problem = event(
        [
            {"id": "key", "title": "Keynote", "exclusive": True},
            {"id": "lab", "title": "Lab", "length": 2, "speakers": ["ada"]},
        ],
        event={**ONE_DAY, "periods": periods},
    )
    assert reasons(problem) == ("'Keynote' must run with nothing else in parallel",)


def test_explain_room_needed_by_too_many_sessions() -> None:
    problem = event(_projects(4), event=ONE_DAY)
    assert reasons(problem) == (
        "room 'Room A' is needed by 'Project 0', 'Project 1', 'Project 2', 'Project 3' (4 periods)"
        " and holds one at a time",
    )


def test_explain_travel_between_buildings() -> None:
    problem = event(
        [
            {
                "id": "s1",
                "title": "Morning",
                "speakers": ["ada"],
                "pinned": {"date": "2026-03-23", "period": "am1", "room": "a"},
            },
            {
                "id": "s2",
                "title": "Late morning",
                "speakers": ["ada"],
                "pinned": {"date": "2026-03-23", "period": "am2", "room": "b"},
            },
        ]
    )
    assert reasons(problem) == (
        "'Morning' is pinned to 2026-03-23 am1 in room 'Room A'",
        "'Late morning' is pinned to 2026-03-23 am2 in room 'Room B'",
        "Ada Lovelace needs 15 minutes to change buildings between 'Morning', 'Late morning'",
    )


def test_explain_room_closed_most_of_the_week() -> None:
    rooms = [
        {
            "id": "a",
            "name": "Room A",
            "capacity": 30,
            "features": ["projector"],
            "unavailable": [{"weekdays": ["mon", "tue", "wed", "thu"]}],
        },
        {"id": "b", "name": "Room B", "capacity": 12},
    ]
    problem = event(_projects(4), rooms=rooms)
    assert reasons(problem) == (
        "room 'Room A' is closed for 12 of the 15 periods between 2026-03-23 and 2026-03-27",
        "room 'Room A' is needed by 'Project 0', 'Project 1', 'Project 2', 'Project 3' (4 periods)"
        " and holds one at a time",
    )


def test_explain_allowed_weekday_when_group_is_away() -> None:
    groups = [{"id": "g1", "name": "Group 1", "size": 10, "unavailable": [{"weekdays": ["fri"]}]}]
    problem = event(
        [{"id": "fri", "title": "Friday review", "groups": ["g1"], "weekdays": ["fri"]}], groups=groups
    )
    assert reasons(problem) == (
        "'Friday review' (1 occurrence) may run only on fri between 2026-03-23 and 2026-03-27",
        "Group 1 must attend 1 period and is free on 12 periods between 2026-03-23 and 2026-03-27: "
        "too few of them suit the other rules here",
    )


def test_explain_speaker_free_enough_but_not_when_allowed() -> None:
    """Ada is free on Mondays only, the lecture may run on Tuesdays only: her free periods are
    enough in number (3 for 1), so the sentence says they do not suit, not that they are few."""
    speakers = [
        {"id": "ada", "name": "Ada Lovelace", "unavailable": [{"weekdays": ["tue", "wed", "thu", "fri"]}]}
    ]
    problem = event(
        [{"id": "logic", "title": "Logic", "speakers": ["ada"], "weekdays": ["tue"]}], speakers=speakers
    )
    assert reasons(problem) == (
        "'Logic' (1 occurrence) may run only on tue between 2026-03-23 and 2026-03-27",
        "Ada Lovelace teaches 1 period and is free on 3 periods between 2026-03-23 and 2026-03-27: "
        "too few of them suit the other rules here",
    )


def test_explain_candidate_speakers_unavailable() -> None:
    speakers = [
        {"id": "ada", "name": "Ada Lovelace"},
        {"id": "alan", "name": "Alan Turing", "unavailable": ["2026-03-23"]},
    ]
    problem = event(
        [
            {
                "id": "duo",
                "title": "Duet",
                "candidates": {"from": ["ada", "alan"], "pick": 2},
                "pinned": {"date": "2026-03-23"},
            }
        ],
        speakers=speakers,
    )
    assert reasons(problem) == (
        "Alan Turing (a candidate for 'Duet') is free on 12 periods between 2026-03-23 and 2026-03-27: "
        "too few of them suit the other rules here",
        "'Duet' is pinned to 2026-03-23",
    )


def test_explain_speaker_in_two_places() -> None:
    problem = event(
        [
            {"id": "x", "title": "X", "speakers": ["ada"], "length": 2, "periods": ["am1"]},
            {"id": "y", "title": "Y", "speakers": ["ada"], "periods": ["am2"]},
        ],
        event=ONE_DAY,
    )
    assert reasons(problem) == (
        "'Y' (1 occurrence) may run only in periods am2 between 2026-03-23 and 2026-03-23",
        "Ada Lovelace cannot be in two places at once while teaching 'X', 'Y'",
    )


def test_explain_group_in_two_places() -> None:
    problem = event(
        [
            {"id": "x", "title": "X", "groups": ["g1"], "length": 2, "periods": ["am1"]},
            {"id": "y", "title": "Y", "groups": ["g1"], "periods": ["am2"]},
        ],
        event=ONE_DAY,
    )
    assert reasons(problem) == (
        "'Y' (1 occurrence) may run only in periods am2 between 2026-03-23 and 2026-03-23",
        "Group 1 cannot attend 'X', 'Y' (3 periods) without overlaps",
    )


def _ethics(alan: dict[str, Any], grace: dict[str, Any]) -> Problem:
    """Five lectures of Ethics, one of two candidates each: Alan, Grace (records changed)."""
    speakers = [
        {"id": "alan", "name": "Alan Turing", **alan},
        {"id": "grace", "name": "Grace Hopper", **grace},
    ]
    pool = {"from": ["alan", "grace"], "pick": 1}
    return event(
        [{"id": "ethics", "title": "Ethics", "occurrences": 5, "candidates": pool}], speakers=speakers
    )


def test_explain_candidates_who_cannot_give_a_course() -> None:
    """Alan is free on Mondays only, Grace on Tuesdays only, one lecture a day each: two of five."""
    alan = {"unavailable": [{"weekdays": ["tue", "wed", "thu", "fri"]}], "limits": {"per_day": 1}}
    grace = {"unavailable": [{"weekdays": ["mon", "wed", "thu", "fri"]}], "limits": {"per_day": 1}}
    assert reasons(_ethics(alan, grace)) == (
        "'Ethics' (5 occurrences) must be taught by Alan Turing or Grace Hopper, who can give at most "
        "2 occurrences between 2026-03-23 and 2026-03-27 (Alan Turing 1, Grace Hopper 1)",
    )
    free = _ethics(alan, {"limits": {"per_day": 1}})  # Grace free all week: four of her five days
    assert solve(free, OPTIONS).status in ("optimal", "feasible")


def test_explain_candidate_daily_limit() -> None:
    """Alan alone may give Duet, one lecture a day, and both lectures are pinned to one Monday."""
    speakers = [{"id": "alan", "name": "Alan Turing", "limits": {"per_day": 1}}]
    duet = {"id": "duo", "title": "Duet", "occurrences": 2, "candidates": {"from": ["alan"], "pick": 1}}
    problem = event([{**duet, "pinned": {"date": "2026-03-23"}}], speakers=speakers)
    assert reasons(problem) == (
        "'Duet' is pinned to 2026-03-23",
        "Alan Turing (a candidate for 'Duet') may teach at most 1 session a day",
    )


def _repaired(freeze: dt.date, occurrences: int, **changes: Any) -> tuple[str, ...]:
    """Ada's course of three, planned on Tuesday, Wednesday and Friday at 09:00, then given
    ``occurrences`` (and the event's ``changes``) and repaired with ``freeze``."""
    course = {"id": "c", "title": "Course", "occurrences": 3, "speakers": ["ada"], "groups": ["g1"]}
    old = solve(event([course]), OPTIONS)
    assert [f"{a.start:%a %H}" for a in old.assignments] == ["Tue 09", "Wed 09", "Fri 09"]
    changed = event([{**course, "occurrences": occurrences}], **changes)
    with pytest.raises(InfeasibleProblem) as caught:
        solve(changed, OPTIONS, reference=old, freeze_before=freeze)
    return caught.value.reasons


def test_explain_a_repair_whose_freeze_leaves_too_little_time() -> None:
    """Two more lectures, repaired on Friday at 10:30: the three given stay, and only 14:00 is left;
    three more, frozen from Friday's midnight: two stay, and Friday's three periods are left."""
    assert _repaired(dt.datetime(2026, 3, 27, 10, 30), 5) == (
        "'Course' (5 occurrences): 3 occurrences started before the repair's freeze (2026-03-27 10:30) "
        "and stay where they are; the others may not start before it",
    )
    assert _repaired(dt.date(2026, 3, 27), 6, event={"language": "zh"}) == (
        "“Course”（6 讲）：这次调整的冻结时间（2026-03-27）以前已开始的 2 讲保持不动，其余的不能排在这以前",
    )


def test_explain_a_repair_of_fewer_lectures_than_were_given() -> None:
    """Cut to two lectures after three were given (or, worded as a meeting's, to one session after
    two): what happened cannot be taken back."""
    assert _repaired(dt.datetime(2026, 3, 27, 10, 30), 2) == (
        "'Course' now has 2 occurrences, but 3 occurrences started before the repair's freeze "
        "(2026-03-27 10:30) and cannot be undone: give it at least 3 occurrences, or freeze earlier",
    )
    assert _repaired(dt.date(2026, 3, 27), 1, event={"language": "zh"}) == (
        "“Course”现在是 1 场，但这次调整的冻结时间（2026-03-27）以前已开始了 2 场，已经开始的不能撤销："
        "请改为至少 2 场，或把冻结时间提前",
    )


def test_explain_a_repair_that_would_change_what_started() -> None:
    """The rooms renamed after two lectures were given: they cannot stay as they were."""
    rooms = [{"id": "room-a", "name": "Room A", "capacity": 30}]
    assert _repaired(dt.date(2026, 3, 27), 3, rooms=rooms) == (
        "Course #1: no room 'b' in the event (it started before the repair's freeze, 2026-03-27)",
        "Course #2: no room 'b' in the event (it started before the repair's freeze, 2026-03-27)",
        "A repair keeps what has started as it was: restore what changed (mark a room or lecturer away from "
        "now on rather than remove them; cut a course to the lectures given rather than remove it), or "
        "freeze earlier",
    )
    assert _repaired(dt.date(2026, 3, 25), 3, rooms=rooms, event={"language": "zh"})[0] == (
        "Course第1讲：活动里没有场地 'b'（它在这次调整的冻结时间 2026-03-25 以前已经开始）"
    )


def test_explain_a_repair_names_no_freeze_where_the_event_itself_conflicts() -> None:
    """Ada now away from Monday to Thursday and on Friday morning, with four lectures: the two she
    gave stay (``past.kept_past``), her three free periods are those two and Friday 14:00, and no
    freeze is to blame."""
    week = {"weekdays": ["mon", "tue", "wed", "thu"]}
    friday = {"date": "2026-03-27", "periods": ["am1", "am2"]}
    away = [{"id": "ada", "name": "Ada Lovelace", "unavailable": [week, friday]}]
    assert _repaired(dt.date(2026, 3, 27), 4, speakers=away) == (
        "Ada Lovelace teaches 4 periods but is free on only 3 periods between 2026-03-23 and 2026-03-27",
    )


def test_sentences_name_a_course_with_its_classes_when_not_all_attend() -> None:
    """A course given to each class separately is named as every page names it: with the class."""
    from solver.sentences import Words

    groups = [{"id": "g1", "name": "Group 1", "size": 5}, {"id": "g2", "name": "Group 2", "size": 5}]
    sessions = [
        {"id": "c1", "title": "Course", "occurrences": 1, "groups": ["g1"]},
        {"id": "all", "title": "Opening", "occurrences": 1, "groups": ["g1", "g2"]},
    ]
    problem = event(sessions, groups=groups)
    words = Words(problem)
    assert [words.title(s) for s in problem.sessions] == ["'Course (Group 1)'", "'Opening'"]
    assert words.titles(problem.sessions) == "'Course', 'Opening'"  # a list names each course once
