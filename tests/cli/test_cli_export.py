"""``huiwu export`` as a user runs it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from planner.io.files import read_problem, write_problem
from tests.exports.calendar_data import dst_problem, dst_schedule
from tests.factories import greedy_schedule
from ui.cli import app, register_commands

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
register_commands()


def files(tmp_path: Path) -> tuple[str, str]:
    event, schedule = tmp_path / "event.yaml", tmp_path / "schedule.json"
    write_problem(dst_problem(), event)
    schedule.write_text(dst_schedule().to_json(), encoding="utf-8")
    return str(event), str(schedule)


def test_export_writes_every_output_and_says_what(tmp_path: Path) -> None:
    event, schedule = files(tmp_path)
    out = tmp_path / "out"

    result = runner.invoke(
        app, ["export", event, schedule, "--out", str(out), "--generated-at", "2026-03-20T13:00+01:00"]
    )

    assert result.exit_code == 0, result.output
    pdfs = len(list((out / "pdf").rglob("*.pdf")))
    assert result.stdout == (
        f"wrote {pdfs + 9} files to {out}: {pdfs} PDFs, 6 calendars, "
        "schedule.xlsx, frab/schedule.xml, frab/schedule.json\n"
    )
    assert b"DTSTAMP:20260320T120000Z\r\n" in (out / "ics" / "event.ics").read_bytes()
    # the calendar tests' schedule leaves a lecture out: written all the same, with a warning
    assert result.stderr == (
        "warning: the schedule breaks 3 hard rule(s), first: logic#3: not placed "
        "(huiwu check lists them all)\n"
    )


def test_export_of_a_schedule_keeping_every_rule_warns_of_nothing(tmp_path: Path) -> None:
    problem = read_problem(DATA / "minimal.yaml")
    event, schedule = tmp_path / "event.yaml", tmp_path / "schedule.json"
    write_problem(problem, event)
    schedule.write_text(greedy_schedule(problem).to_json(), encoding="utf-8")

    result = runner.invoke(app, ["export", str(event), str(schedule), "--out", str(tmp_path / "out")])

    assert (result.exit_code, result.stderr) == (0, "")


def test_export_invalid_schedule_exits_2_naming_the_field(tmp_path: Path) -> None:
    event, _ = files(tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text('{"event": "mini", "status": "done", "objective": 0}', encoding="utf-8")

    result = runner.invoke(app, ["export", event, str(broken), "--out", str(tmp_path / "out")])

    assert (result.exit_code, result.stderr) == (
        2,
        "broken.json: status: should be 'optimal', 'feasible', 'infeasible', 'unknown' or 'manual' "
        "(got 'done')\n",
    )


def test_export_generated_at_without_offset_is_refused(tmp_path: Path) -> None:
    event, schedule = files(tmp_path)

    result = runner.invoke(
        app, ["export", event, schedule, "--out", str(tmp_path), "--generated-at", "2026-03-20T13:00"]
    )

    assert (result.exit_code, result.stderr) == (
        2,
        "--generated-at: '2026-03-20T13:00' needs an offset, "
        "e.g. 2026-03-20T13:00+08:00 or 2026-03-20T13:00Z\n",
    )


def test_export_unknown_page_size_exits_2(tmp_path: Path) -> None:
    event, schedule = files(tmp_path)

    result = runner.invoke(app, ["export", event, schedule, "--out", str(tmp_path), "--page-size", "A3"])

    assert (result.exit_code, list((tmp_path).glob("pdf"))) == (2, [])
