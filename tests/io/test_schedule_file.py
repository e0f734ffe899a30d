"""Reading schedule.json: every problem named by file and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.domain.errors import InvalidSchedule
from planner.io.schedule_file import read_schedule
from tests.exports.calendar_data import dst_problem, dst_schedule


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def schedule_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(dst_schedule().to_json())
    return data


def test_read_schedule_round_trips_to_json(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    path.write_text(dst_schedule().to_json(), encoding="utf-8")

    assert read_schedule(path, dst_problem()) == dst_schedule()


def test_read_schedule_names_a_missing_field(tmp_path: Path) -> None:
    data = schedule_data()
    assignments = data["assignments"]
    assert isinstance(assignments, list)
    del assignments[1]["room"]

    with pytest.raises(InvalidSchedule) as error:
        read_schedule(write(tmp_path, data))

    assert str(error.value) == "schedule.json: assignments[1].room: is required"


def test_read_schedule_of_another_event_says_only_that(tmp_path: Path) -> None:
    data = schedule_data()
    data["event"] = "maxi"

    with pytest.raises(InvalidSchedule) as error:
        read_schedule(write(tmp_path, data), dst_problem())

    assert (
        str(error.value)
        == "schedule.json: event: 'maxi' but the event file is 'mini': a schedule of another event?"
    )


def test_read_schedule_names_unknown_ids(tmp_path: Path) -> None:
    data = schedule_data()
    assignments = data["assignments"]
    assert isinstance(assignments, list)
    assignments[0]["room"] = "hall-9"
    assignments[2]["speakers"] = ["ada", "grace"]

    with pytest.raises(InvalidSchedule) as error:
        read_schedule(write(tmp_path, data), dst_problem())

    assert str(error.value).splitlines() == [
        "schedule.json: assignments[0].room: no room 'hall-9'",
        "schedule.json: assignments[2].speakers[1]: no speaker 'grace'",
    ]


def test_read_schedule_refuses_repeated_occurrence_and_end_before_start(tmp_path: Path) -> None:
    data = schedule_data()
    assignments = data["assignments"]
    assert isinstance(assignments, list)
    assignments[3] = dict(assignments[2], end=assignments[2]["start"])

    with pytest.raises(InvalidSchedule) as error:
        read_schedule(write(tmp_path, data), dst_problem())

    assert str(error.value).splitlines() == [
        "schedule.json: assignments[3].end: 2026-03-30T09:00:00+02:00 is not after start "
        "2026-03-30T09:00:00+02:00",
        "schedule.json: assignments[3]: session 'logic' occurrence 2 appears twice",
    ]


def test_read_schedule_reports_malformed_json_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    path.write_text('{\n  "event": "mini",\n  oops\n}\n', encoding="utf-8")

    with pytest.raises(InvalidSchedule) as error:
        read_schedule(path)

    assert (
        str(error.value)
        == "schedule.json: line 3: malformed JSON: Expecting property name enclosed in double quotes"
    )


def test_read_schedule_nested_too_deeply_says_so(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    with pytest.raises(InvalidSchedule) as error:
        read_schedule(path)

    assert str(error.value) == (
        "schedule.json: malformed JSON: lists or mappings nested too deeply (no event or schedule nests so)"
    )


def test_read_schedule_refuses_a_key_written_twice(tmp_path: Path) -> None:
    """``json`` keeps the last of two ``assignments`` without a word: half a plan read as whole."""
    path = tmp_path / "schedule.json"
    path.write_text('{"event": "mini", "assignments": [], "assignments": []}', encoding="utf-8")

    with pytest.raises(InvalidSchedule) as error:
        read_schedule(path)

    assert str(error.value) == (
        "schedule.json: malformed JSON: 'assignments' appears twice in one object: keep one, or merge the two"
    )


def test_read_schedule_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(InvalidSchedule) as error:
        read_schedule(tmp_path / "nope.json")

    assert str(error.value) == f"{tmp_path / 'nope.json'}: cannot read the file (No such file or directory)"


def test_read_schedule_lists_twenty_problems_then_counts_the_rest(tmp_path: Path) -> None:
    data = schedule_data()
    assignments = data["assignments"]
    assert isinstance(assignments, list)
    data["assignments"] = [dict(assignments[0], occurrence=n, room="nowhere") for n in range(1, 31)]

    with pytest.raises(InvalidSchedule) as error:
        read_schedule(write(tmp_path, data), dst_problem())

    lines = str(error.value).splitlines()
    assert (len(lines), lines[0], lines[-1]) == (
        21,
        "schedule.json: assignments[0].room: no room 'nowhere'",
        "schedule.json: ... and 10 more problems",
    )


def test_read_schedule_not_utf8_names_its_line_as_an_event_file_does(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    path.write_bytes(b'{\n  "event": "\xff"\n}\n')

    with pytest.raises(InvalidSchedule) as error:
        read_schedule(path)

    assert str(error.value) == "schedule.json: line 2: the file is not UTF-8 text: save it again as UTF-8"
