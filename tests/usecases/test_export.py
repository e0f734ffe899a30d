"""The export use-case: read the files, build every output, write them under one folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.errors import ExportError, InvalidSchedule
from planner.io.files import write_problem
from planner.usecases.export import export_files, write_files
from tests.exports.calendar_data import GENERATED_AT, dst_problem, dst_schedule


def event_and_schedule(folder: Path) -> tuple[Path, Path]:
    event, schedule = folder / "event.yaml", folder / "schedule.json"
    write_problem(dst_problem(), event)
    schedule.write_text(dst_schedule().to_json(), encoding="utf-8")
    return event, schedule


def test_export_files_writes_every_output(tmp_path: Path) -> None:
    event, schedule = event_and_schedule(tmp_path)

    done = export_files(event, schedule, tmp_path / "out", generated_at=GENERATED_AT)

    written = sorted(
        str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file()
    )
    assert written == sorted(done.paths)
    assert (done.count("ics/"), (tmp_path / "out" / "schedule.xlsx").is_file()) == (6, True)


def test_export_files_twice_writes_the_same_bytes(tmp_path: Path) -> None:
    event, schedule = event_and_schedule(tmp_path)

    export_files(event, schedule, tmp_path / "one", generated_at=GENERATED_AT)
    export_files(event, schedule, tmp_path / "two", generated_at=GENERATED_AT)

    files = [p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file()]
    assert [
        f for f in files if (tmp_path / "one" / f).read_bytes() != (tmp_path / "two" / f).read_bytes()
    ] == []


def test_export_files_invalid_previous_schedule_names_the_field(tmp_path: Path) -> None:
    event, schedule = event_and_schedule(tmp_path)
    previous = tmp_path / "old.json"
    previous.write_text('{"event": "mini", "status": "feasible", "objective": "many"}', encoding="utf-8")

    with pytest.raises(InvalidSchedule) as error:
        export_files(event, schedule, tmp_path / "out", generated_at=GENERATED_AT, previous_file=previous)

    assert (
        str(error.value)
        == "old.json: objective: should be a valid integer, unable to parse string as an integer (got 'many')"
    )


def test_write_files_refuses_a_path_leaving_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as error:
        write_files(tmp_path, {"ics/../../escape.ics": b""})

    assert str(error.value) == "ics/../../escape.ics: an output path must stay inside the output folder"
