"""``huiwu validate``: exit 0 when valid, 2 with one line per problem on stderr."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from planner.io.excel import problem_to_workbook
from planner.io.files import read_problem
from ui.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()

BROKEN = """\
event:
  id: mini
  title: Mini
  timezone: Mars/Olympus
  start: 2026-03-23
  end: 2026-03-20
  periods:
    - {id: am1, start: "09:00", end: "10:30"}
rooms:
  - {id: a, name: Room A, capacity: 0}
sessions:
  - {id: intro, title: Intro, speakers: [li-wei]}
"""


def test_validate_minimal_exit_0() -> None:
    result = runner.invoke(app, ["validate", str(DATA / "minimal.yaml")])
    assert (result.exit_code, result.stdout) == (
        0,
        f"{DATA / 'minimal.yaml'}: valid (3 sessions, 2 rooms, 2 speakers, 1 groups)\n",
    )


def test_validate_notes_calendar_dates_that_change_nothing(tmp_path: Path) -> None:
    """Valid, exit 0, and a note on stderr for a year's holidays pasted whole; none without them."""
    path = tmp_path / "holidays.yaml"
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    holidays = "  end: 2026-04-03\n  holidays: [2026-01-01, 2026-03-27]\n"
    path.write_text(text.replace("  end: 2026-04-03\n", holidays))
    result = runner.invoke(app, ["validate", str(path)])
    valid = f"{path}: valid (3 sessions, 2 rooms, 2 speakers, 1 groups)\n"
    assert (result.exit_code, result.stdout) == (0, valid)
    assert result.stderr == (
        "note: event.holidays: outside the event (2026-03-23 to 2026-04-03), changing nothing: 2026-01-01\n"
    )
    assert runner.invoke(app, ["validate", str(DATA / "minimal.yaml")]).stderr == ""


def test_validate_every_problem_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "event.timezone: unknown time zone 'Mars/Olympus'",
        "rooms[0].capacity: must be greater than 0 (got 0)",
        "event.end: the last date 2026-03-20 is before the first date 2026-03-23",
        "sessions[0].speakers[0]: no speaker 'li-wei'",
    ]


def test_validate_malformed_yaml_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("event:\n  id: x\n  title: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        2,
        "line 4: malformed YAML: expected ',' or ']', but got '<stream end>'\n",
    )


def test_validate_names_the_field_of_a_date_that_does_not_exist(tmp_path: Path) -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    assert "start: 2026-03-23" in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace("start: 2026-03-23", "start: 2026-02-30"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        2,
        "event.start: should be a valid date or datetime, day value is outside expected range"
        " (got '2026-02-30')\n",
    )


def test_dates_that_exist_are_read_as_dates() -> None:
    problem = read_problem(DATA / "minimal.yaml")
    assert (problem.event.start, problem.event.end) == (dt.date(2026, 3, 23), dt.date(2026, 4, 3))


def test_validate_malformed_json_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "event": {"id": 1,}\n}', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        2,
        "line 2: malformed JSON: Expecting property name enclosed in double quotes\n",
    )


def test_validate_a_key_written_twice_is_named_with_both_lines(tmp_path: Path) -> None:
    """YAML keeps the last of two equal keys without a word: a second ``sessions:`` appended to a
    file dropped every session of the first, and the file was "valid (1 sessions ...)"."""
    path = tmp_path / "twice.yaml"
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    path.write_text(text + "sessions:\n  - {id: extra, title: Extra, groups: [g1]}\n", encoding="utf-8")
    first = 1 + text.splitlines().index("sessions:")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"line {len(text.splitlines()) + 1}: malformed YAML: 'sessions' appears twice in one mapping"
        f" (first on line {first}): keep one, or merge the two\n",
    )
    path = tmp_path / "twice.json"
    path.write_text('{"event": {"id": "a", "id": "b"}}', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        2,
        "file: malformed JSON: 'id' appears twice in one object: keep one, or merge the two\n",
    )


def test_validate_a_merged_key_may_be_overridden(tmp_path: Path) -> None:
    """YAML's merge (``<<``) then the same key: an override, not a key written twice."""
    from planner.io.files import parse_text

    assert parse_text(b"base: &b {x: 1, y: 1}\nm:\n  <<: *b\n  x: 2\n")["m"] == {"x": 2, "y": 1}


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_validate_nesting_beyond_the_readers_depth(tmp_path: Path, suffix: str) -> None:
    """Deeper than Python's recursion limit: the JSON reader's RecursionError was a traceback."""
    path = tmp_path / f"deep.{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"file: malformed {suffix.upper()}: lists or mappings nested too deeply"
        " (no event or schedule nests so)\n",
    )


def test_validate_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"# x\nevent: \xff\xfe")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        2,
        "line 2: the file is not UTF-8 text: save it again as UTF-8\n",
    )
    path.write_bytes("# 培训班\nevent: {title: 培训班}\n".encode("gbk"))  # saved by an older Chinese Windows
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        2,
        "line 1: the file is not UTF-8 text (perhaps GBK, as older Chinese Windows programs save): "
        "save it again as UTF-8\n",
    )


def test_validate_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["validate", str(tmp_path / "none.yaml")])
    other = runner.invoke(app, ["validate", str(tmp_path / "event.txt")])
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"{tmp_path / 'none.yaml'}: cannot read the file (No such file or directory)\n",
    )
    assert (other.exit_code, other.stderr) == (
        2,
        "event.txt: unknown kind of file (expected .yaml, .yml, .json, .xlsx)\n",
    )


def test_validate_a_schedule_given_as_the_event_says_so(tmp_path: Path) -> None:
    schedule = tmp_path / "schedule.json"
    schedule.write_text('{"event": "mini", "status": "feasible", "assignments": []}', encoding="utf-8")

    result = runner.invoke(app, ["validate", str(schedule)])

    assert (result.exit_code, result.stderr) == (
        2,
        "file: a schedule (schedule.json), not an event: give the event's own file here\n",
    )


def test_validate_installed_command(tmp_path: Path) -> None:
    """The console entry point itself: lines on stderr, exit 2, no traceback."""
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "validate", str(path)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, len(done.stderr.splitlines())) == (2, "", 4)


def test_validate_workbook_names_cells(tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(problem_to_workbook(read_problem(DATA / "minimal.yaml"))))
    book["Rooms"]["C3"] = 0
    book["Sessions"]["G2"] = "li-wei"
    book.save(tmp_path / "event.xlsx")
    result = runner.invoke(app, ["validate", str(tmp_path / "event.xlsx")])
    assert (result.exit_code, result.stderr.splitlines()) == (
        2,
        ["Rooms!C3: must be greater than 0 (got 0)", "Sessions!G2: no speaker 'li-wei'"],
    )
