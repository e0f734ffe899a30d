"""Attendance to date: each member's occurrences due, on leave, absent, late and attended."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from planner.domain.model import Problem
from planner.exports.attendance import tally
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
    sessions = [
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
