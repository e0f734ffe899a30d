"""``huiwu generate`` as a user runs it: a file that ``huiwu validate`` accepts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from planner.io.files import problem_from_data, read_problem
from ui.cli import app, register_commands

runner = CliRunner()
register_commands()
HUIWU = Path(sys.executable).with_name("huiwu")


def test_generate_cli_writes_file_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "event.yaml"
    result = runner.invoke(
        app,
        ["generate", "--sessions", "120", "--rooms", "6", "--weeks", "3", "--seed", "5", "--out", str(out)],
    )
    assert result.exit_code == 0
    sessions = len(read_problem(out).sessions)
    assert (
        result.stderr
        == f"wrote {out} (120 occurrences in {sessions} sessions, 6 rooms, 24 speakers, 3 groups)\n"
    )
    checked = runner.invoke(app, ["validate", str(out)])
    assert checked.exit_code == 0


def test_generate_cli_yaml_to_stdout_names_its_command() -> None:
    result = runner.invoke(
        app, ["generate", "--sessions", "40", "--rooms", "3", "--weeks", "2", "--seed", "1", "--groups", "2"]
    )
    assert result.exit_code == 0
    assert (
        result.stdout.splitlines()[0]
        == "# huiwu generate --sessions 40 --rooms 3 --weeks 2 --seed 1 --groups 2"
    )
    problem = problem_from_data(yaml.safe_load(result.stdout))
    assert sum(s.occurrences for s in problem.sessions) == 40


def test_generate_cli_same_seed_same_output() -> None:
    args = ["generate", "--sessions", "80", "--rooms", "4", "--weeks", "2", "--seed", "9"]
    assert runner.invoke(app, args).stdout == runner.invoke(app, args).stdout


def test_generate_cli_json_when_suffix_says_so(tmp_path: Path) -> None:
    out = tmp_path / "event.json"
    result = runner.invoke(
        app, ["generate", "--sessions", "30", "--rooms", "2", "--weeks", "1", "--out", str(out)]
    )
    assert result.exit_code == 0
    assert (
        sum(s.occurrences for s in problem_from_data(json.loads(out.read_text(encoding="utf-8"))).sessions)
        == 30
    )


def test_generate_cli_bad_size_exits_two() -> None:
    result = runner.invoke(app, ["generate", "--sessions", "0", "--rooms", "2", "--weeks", "1"])
    assert result.exit_code == 2
    assert result.stderr == "sessions: must be at least 1 (got 0)\n"


def test_generate_cli_unwritable_file_exits_one(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "event.yaml"
    result = runner.invoke(
        app, ["generate", "--sessions", "5", "--rooms", "1", "--weeks", "1", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert result.stderr == f"{out}: cannot write the file (No such file or directory)\n"


def test_generate_cli_warns_when_rooms_cannot_hold_the_sessions() -> None:
    result = runner.invoke(app, ["generate", "--sessions", "500", "--rooms", "1", "--weeks", "1"])
    assert result.exit_code == 0
    assert (
        result.stderr.splitlines()[0]
        == "warning: the sessions: 540 room-periods needed but only 40 available (1350%)"
    )


def test_generate_cli_through_the_installed_command(tmp_path: Path) -> None:
    out = tmp_path / "event.yaml"
    args = ["--sessions", "300", "--rooms", "10", "--weeks", "4", "--speakers", "50", "--groups", "8"]
    made = subprocess.run(
        [HUIWU, "generate", *args, "--out", out], capture_output=True, text=True, check=False
    )
    checked = subprocess.run([HUIWU, "validate", out], capture_output=True, text=True, check=False)
    assert (made.returncode, made.stderr.count("warning")) == (0, 0)
    assert checked.returncode == 0
    assert checked.stdout.startswith(f"{out}: valid (")
