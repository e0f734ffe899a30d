"""Numbers on the command line that no search or server can run with: a message naming the
option and exit 2, never a traceback (CP-SAT's, for a seed beyond 32 bits) nor a value silently
clamped (0 workers once ran one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.storage.repository import open_store
from ui import cli_store
from ui.cli import app, register_commands

DATA = Path(__file__).resolve().parents[1] / "data"
register_commands()


def test_cli_solve_names_each_option_out_of_range(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["solve", str(DATA / "minimal.yaml"), "--out", str(out), "--workers", "0", "--seed", "99999999999"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "workers: must be a whole number from 1 to 64 (got 0)",
        "seed: must be a whole number from 0 to 2147483647 (got 99999999999)",
    ]
    assert not (out / "schedule.json").exists()


@pytest.mark.parametrize("limit", ["nan", "inf", "-3"])
def test_cli_solve_refuses_a_time_limit_that_never_or_already_ended(tmp_path: Path, limit: str) -> None:
    args = ["solve", str(DATA / "minimal.yaml"), "--out", str(tmp_path), "--time-limit", limit]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("time_limit: must be a number of seconds from 0 to 86400 (got ")


def test_cli_solve_in_range_runs(tmp_path: Path) -> None:
    args = ["solve", str(DATA / "minimal.yaml"), "--out", str(tmp_path), "--time-limit", "0"]
    args += ["--workers", "1", "--seed", "2147483647"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "schedule.json").exists()


def test_cli_ctt_solve_refuses_zero_workers(tmp_path: Path) -> None:
    instance = next((DATA / "ctt").glob("*.ctt"))
    args = ["ctt", "solve", str(instance), "--out", str(tmp_path / "x.sol"), "--workers", "0"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.strip() == "workers: must be a whole number from 1 to 64 (got 0)"
    assert not (tmp_path / "x.sol").exists()


def test_cli_publish_refuses_a_time_limit_before_storing(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'h.db'}"
    args = ["publish", str(DATA / "minimal.yaml"), "--time-limit", "nan", "--database", database]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.strip() == "time_limit: must be a number of seconds from 0 to 86400 (got nan)"
    assert open_store(database).events() == []


@pytest.mark.parametrize(("option", "value"), [("--port", "99999"), ("--app-port", "0"), ("--workers", "0")])
def test_cli_serve_refuses_ports_and_workers_out_of_range(
    option: str, value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def started(*args: object) -> None:
        raise AssertionError("servers started")

    monkeypatch.setattr(cli_store, "_run_all", started)
    database = f"sqlite:///{tmp_path / 'h.db'}"
    result = CliRunner().invoke(app, ["serve", "--feeds-only", option, value, "--database", database])
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.output
