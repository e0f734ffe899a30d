"""Every output of ``huiwu export`` at once: paths, changes since a previous version, repeatability."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.domain.errors import ExportError
from planner.exports.bundle import calendar_path, outputs
from planner.exports.ics import Scope
from tests.exports.calendar_data import GENERATED_AT, cancelled_occurrence, dst_problem, dst_schedule
from tests.exports.readers import vobject_events


def test_outputs_name_every_calendar_spreadsheet_and_frab_file() -> None:
    files = outputs(dst_problem(), dst_schedule(), generated_at=GENERATED_AT)

    assert [path for path in files if not path.startswith("pdf/")] == [
        "frab/schedule.json",
        "frab/schedule.xml",
        "ics/event.ics",
        "ics/groups/g1.ics",
        "ics/rooms/a.ics",
        "ics/rooms/b.ics",
        "ics/speakers/ada.ics",
        "ics/speakers/alan.ics",
        "schedule.xlsx",
    ]
    assert "pdf/booklet.pdf" in files


def test_outputs_with_previous_cancel_removed_and_bump_moved_occurrences() -> None:
    previous = dst_schedule().model_copy(
        update={"version": 1, "assignments": (*dst_schedule().assignments, cancelled_occurrence())}
    )
    moved = dst_schedule().assignments[3].model_copy(update={"room": "a"})
    current = dst_schedule().model_copy(update={"assignments": (*dst_schedule().assignments[:3], moved)})

    files = outputs(dst_problem(), current, generated_at=GENERATED_AT, previous=previous, previous_version=1)

    events = vobject_events(files["ics/event.ics"])
    assert [(e.summary.value, e.status.value, e.sequence.value) for e in events] == [
        ("Introduction", "CONFIRMED", "0"),
        ("Logic, sets; proofs (1/3)", "CONFIRMED", "0"),
        ("Logic, sets; proofs (2/3)", "CONFIRMED", "0"),
        ("Lab", "CONFIRMED", "1"),
        ("Cancelled: Logic, sets; proofs (3/3)", "CANCELLED", "1"),
    ]


def test_outputs_same_inputs_give_same_bytes() -> None:
    first = outputs(dst_problem(), dst_schedule(), generated_at=GENERATED_AT)
    second = outputs(dst_problem(), dst_schedule(), generated_at=GENERATED_AT)

    assert [path for path in first if first[path] != second.get(path)] == []


def test_outputs_frab_files_do_not_depend_on_generated_at() -> None:
    later = GENERATED_AT + dt.timedelta(days=1)

    first = outputs(dst_problem(), dst_schedule(), generated_at=GENERATED_AT)["frab/schedule.json"]
    second = outputs(dst_problem(), dst_schedule(), generated_at=later)["frab/schedule.json"]

    assert first == second


def test_outputs_unknown_page_size_raises_export_error() -> None:
    with pytest.raises(ExportError) as error:
        outputs(dst_problem(), dst_schedule(), generated_at=GENERATED_AT, page_size="A5")

    assert str(error.value) == "page_size: 'A5' is not one of A4, letter"


def test_calendar_path_keeps_plain_ids_and_encodes_others() -> None:
    scopes: list[Scope] = [
        ("event", None), ("speaker", "li-wei"), ("room", "楼A-101"), ("group", "a/../b"),
        ("track", "Data & AI"),
    ]  # fmt: skip

    assert [calendar_path(scope) for scope in scopes] == [
        "ics/event.ics",
        "ics/speakers/li-wei.ics",
        "ics/rooms/楼A-101.ics",
        "ics/groups/a%2F..%2Fb.ics",
        "ics/tracks/Data%20%26%20AI.ics",
    ]
