"""Attendance to date: each member's occurrences due, on leave, absent, late and attended."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from planner.domain.model import Problem, Rule
from planner.exports.attendance import completion, tally
from planner.exports.labels import labels
from planner.exports.layout import build_layout
from tests.domain.test_oracle_soft import place
from tests.solver.events import event

BERLIN = ZoneInfo("Europe/Berlin")


def _class() -> Problem:
    """Group 1 with four members, group 2 with none; a course of three mornings for group 1."""
    members = [
        {"name": "Ann", "leave": ["2026-03-23"]},
        {"name": "Bob", "absent": [{"date": "2026-03-24", "periods": ["am1"]}], "late": ["2026-03-23"]},
        {"name": "Cy", "leave": ["2026-03-24"], "late": ["2026-03-24"]},
        {"name": "Di"},
    ]
    groups = [
        {"id": "g1", "name": "Group 1", "size": 4, "members": members},
        {"id": "g2", "name": "G2", "size": 5},
    ]
    sessions: list[dict[str, Any]] = [
        {"id": "x", "title": "X", "occurrences": 3, "groups": ["g1"]},
        {"id": "y", "title": "Y", "groups": ["g2"]},
    ]
    return event(sessions, groups=groups)


def _tallies(until: dt.datetime) -> dict[str, tuple[int, int, int, int, int, float | None]]:
    problem = _class()
    schedule = place(
        problem, ("x", 1, 0, 0, "a"), ("x", 2, 1, 0, "a"), ("x", 3, 2, 0, "a"), ("y", 1, 0, 0, "b")
    )
    found = tally(build_layout(problem, schedule), until)
    return {t.member.name: (t.due, t.leave, t.absent, t.late, t.attended, t.rate) for t in found}


def test_tally_counts_each_members_records_over_the_occurrences_ended() -> None:
    """Two of three mornings ended by Tuesday noon; leave comes before lateness on one day."""
    assert _tallies(dt.datetime(2026, 3, 24, 12, 0, tzinfo=BERLIN)) == {
        "Ann": (2, 1, 0, 0, 1, 0.5),
        "Bob": (2, 0, 1, 1, 1, 0.5),
        "Cy": (2, 1, 0, 0, 1, 0.5),
        "Di": (2, 0, 0, 0, 2, 1.0),
    }


def test_tally_counts_an_occurrence_only_once_it_has_ended() -> None:
    during = _tallies(dt.datetime(2026, 3, 24, 9, 30, tzinfo=BERLIN))  # the second morning is on
    assert {name: counts[0] for name, counts in during.items()} == dict.fromkeys(
        ("Ann", "Bob", "Cy", "Di"), 1
    )
    assert _tallies(dt.datetime(2026, 3, 23, 9, 0, tzinfo=BERLIN)) == {}  # nothing has ended yet


def _standing(until: dt.datetime, language: str = "en", **conditions: int) -> dict[str, str]:
    """Each member's completion standing with the event's ``conditions`` (min_attendance, max_absences)."""
    problem = _class()
    problem = problem.model_copy(update={"event": problem.event.model_copy(update=conditions)})
    schedule = place(
        problem, ("x", 1, 0, 0, "a"), ("x", 2, 1, 0, "a"), ("x", 3, 2, 0, "a"), ("y", 1, 0, 0, "b")
    )
    found = tally(build_layout(problem, schedule), until)
    return {t.member.name: completion(t, problem.event, labels(language)) for t in found}


TUESDAY_NOON = dt.datetime(2026, 3, 24, 12, 0, tzinfo=BERLIN)
AFTER_THE_COURSE = dt.datetime(2026, 3, 26, 12, 0, tzinfo=BERLIN)


def test_completion_min_attendance_binds_once_more_are_missed_than_it_allows() -> None:
    """At least 60 % of 3 mornings: 2 attended, 1 may be missed. By Tuesday noon Ann, Bob and Cy
    have missed one each (leave or absence alike); a second miss would break it."""
    assert _standing(TUESDAY_NOON, min_attendance=60) == {
        "Ann": "may miss 0 more",
        "Bob": "may miss 0 more",
        "Cy": "may miss 0 more",
        "Di": "may miss 1 more",
    }
    assert _standing(TUESDAY_NOON, min_attendance=100)["Ann"] == "does not complete: missed 1, at most 0"
    assert _standing(AFTER_THE_COURSE, "zh", min_attendance=60) == dict.fromkeys(
        ("Ann", "Bob", "Cy", "Di"), "结业"
    )


def test_completion_max_absences_binds_on_absence_without_leave_only() -> None:
    """No absence allowed: Bob's (without leave) breaks it, Ann's and Cy's leave does not."""
    found = _standing(TUESDAY_NOON, "zh", max_absences=0)
    assert found == {
        "Ann": "尚可缺勤 0 次",
        "Bob": "不予结业：缺勤 1 次，至多 0 次",
        "Cy": "尚可缺勤 0 次",
        "Di": "尚可缺勤 0 次",
    }
    both = _standing(TUESDAY_NOON, "zh", min_attendance=1, max_absences=0)
    assert both["Di"] == "尚可缺 1 次，其中缺勤至多 0 次"  # the absences bind before the rate


def test_completion_says_nothing_without_conditions() -> None:
    assert set(_standing(AFTER_THE_COURSE).values()) == {""}


def test_completion_counts_leave_granted_for_occurrences_still_to_come() -> None:
    """Leave is asked before it is taken: by Tuesday noon Di has missed nothing, but leave granted
    for Wednesday morning already uses her one allowed miss (60 %), and breaks 100 %."""
    problem = _class()
    di = problem.groups[0].members[3].model_copy(update={"leave": (Rule(date=dt.date(2026, 3, 25)),)})
    group = problem.groups[0].model_copy(update={"members": (*problem.groups[0].members[:3], di)})
    problem = problem.model_copy(update={"groups": (group, *problem.groups[1:])})
    schedule = place(
        problem, ("x", 1, 0, 0, "a"), ("x", 2, 1, 0, "a"), ("x", 3, 2, 0, "a"), ("y", 1, 0, 0, "b")
    )
    (found,) = [t for t in tally(build_layout(problem, schedule), TUESDAY_NOON) if t.member.name == "Di"]
    assert (found.due, found.leave, found.leave_ahead) == (2, 0, 1)

    def standing(percent: int) -> str:
        event = problem.event.model_copy(update={"min_attendance": percent})
        return completion(found, event, labels("zh"))

    assert standing(60) == "尚可缺 0 次"
    assert standing(100) == "请假后将不能结业：已缺 0 次，另已准假 1 次，至多可缺 0 次"
    assert standing(1) == "尚可缺 0 次"  # two may be missed, but only Wednesday is left, and on leave
