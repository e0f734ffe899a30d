"""Shape errors (types, required fields) are reported together with the errors of meaning."""

from __future__ import annotations

from typing import Any

import pytest

from planner.io.files import problem_from_data
from tests.domain.test_validation import data, problems

__all__ = ["data"]


def test_validation_structure_and_meaning_together(data: dict[str, Any]) -> None:
    data["rooms"][1]["capacity"] = 0
    data["sessions"][0]["speakers"] = ["li-wei"]
    data["event"]["end"] = "2026-03-20"
    assert problems(data) == [
        "rooms[1].capacity: must be greater than 0 (got 0)",
        "event.end: the last date 2026-03-20 is before the first date 2026-03-23",
        "sessions[0].speakers[0]: no speaker 'li-wei'",
    ]


def test_validation_wrong_types_everywhere(data: dict[str, Any]) -> None:
    data["event"]["start"] = "soon"
    data["rooms"][0]["features"] = "projector"
    data["speakers"][0]["limits"] = {"per_day": "two"}
    data["groups"][0]["size"] = [20]
    data["sessions"][1]["occurrences"] = 2.5
    data["rules"] = {"weights": {"isolated": "high"}}
    assert problems(data) == [
        "event.start: should be a valid date or datetime, input is too short (got 'soon')",
        "rooms[0].features: should be a list (got 'projector')",
        "speakers[0].limits.per_day: should be a valid integer, unable to parse string as an integer"
        " (got 'two')",
        "groups[0].size: should be a valid integer",
        "sessions[1].occurrences: should be a valid integer, got a number with a fractional part (got 2.5)",
        "rules.weights.isolated: should be a valid integer, unable to parse string as an integer"
        " (got 'high')",
    ]


def test_validation_failed_items_not_reported_as_missing(data: dict[str, Any]) -> None:
    data["speakers"][0]["name"] = ""
    data["groups"][0]["size"] = -1
    data["rooms"][0]["capacity"] = "many"
    assert problems(data) == [
        "rooms[0].capacity: should be a valid integer, unable to parse string as an integer (got 'many')",
        "speakers[0].name: must not be empty",
        "groups[0].size: must be greater than 0 (got -1)",
    ]


def test_validation_broken_period_keeps_other_checks(data: dict[str, Any]) -> None:
    data["event"]["periods"][2]["start"] = "2pm"
    data["sessions"][2]["speakers"] = ["nobody"]
    assert problems(data) == [
        "event.periods[2].start: should be in a valid time format, input is too short (got '2pm')",
        "sessions[2].speakers[0]: no speaker 'nobody'",
    ]


def test_validation_unknown_and_missing_fields(data: dict[str, Any]) -> None:
    data["rooms"][1]["seats"] = 12
    del data["sessions"][2]["title"]
    data["venue"] = "here"
    assert problems(data) == [
        "venue: unknown field",
        "rooms[1].seats: unknown field",
        "sessions[2].title: is required",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([1, 2], ["file: expected a mapping with event, rooms, speakers, groups, sessions"]),
        ({}, ["event: is required", "rooms: must have at least 1 item(s)"]),
        (
            {"event": "x", "rooms": "y"},
            ["event: should be a mapping of fields (got 'x')", "rooms: should be a list"],
        ),
    ],
)
def test_validation_not_an_event(value: Any, expected: list[str]) -> None:
    assert problems(value) == expected


def test_validation_empty_lists_allowed(data: dict[str, Any]) -> None:
    data["speakers"] = None
    data["groups"] = None
    data["sessions"] = None
    assert problem_from_data(data).sessions == ()
