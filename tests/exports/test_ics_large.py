"""The whole-event calendar of 10,000 occurrences, read back by libical and vobject."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.exports.ics import calendar
from planner.generate import generate_problem
from tests.exports.calendar_data import GENERATED_AT, round_robin_schedule
from tests.exports.readers import libical_reports, vobject_events


@pytest.mark.slow
def test_calendar_of_10000_occurrences_passes_libical_and_vobject(tmp_path: Path) -> None:
    problem = generate_problem(10000, 100, 10, 1)
    schedule = round_robin_schedule(problem)

    content = calendar(problem, schedule, generated_at=GENERATED_AT)

    report = libical_reports(tmp_path, {"event.ics": content})["event.ics"]
    assert (report["errors"], len(report["events"])) == ([], 10000)
    assert len({event["uid"] for event in report["events"]}) == 10000
    assert len(vobject_events(content)) == 10000
