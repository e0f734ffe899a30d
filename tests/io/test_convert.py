"""``huiwu convert`` between YAML, JSON and Excel keeps the event unchanged."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.io.files import dump_yaml, read_problem
from ui.cli import app

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal.yaml"
runner = CliRunner()


def convert(source: Path, target: Path) -> None:
    result = runner.invoke(app, ["convert", str(source), str(target)])
    assert (result.exit_code, result.stdout) == (0, f"wrote {target}\n")


def test_convert_yaml_json_excel_yaml(tmp_path: Path) -> None:
    chain = [
        MINIMAL,
        tmp_path / "a.json",
        tmp_path / "b.xlsx",
        tmp_path / "c.yml",
        tmp_path / "d.xlsx",
        tmp_path / "e.json",
    ]
    for source, target in itertools.pairwise(chain):
        convert(source, target)
    original = read_problem(MINIMAL)
    assert [read_problem(path) for path in chain[1:]] == [original] * 5
    assert (tmp_path / "c.yml").read_text(encoding="utf-8") == dump_yaml(original)


def test_convert_excel_bytes_repeat(tmp_path: Path) -> None:
    convert(MINIMAL, tmp_path / "one.xlsx")
    convert(MINIMAL, tmp_path / "two.xlsx")
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()


def test_convert_invalid_source_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text('{"event": {}, "rooms": []}', encoding="utf-8")
    result = runner.invoke(app, ["convert", str(source), str(tmp_path / "out.xlsx")])
    assert (result.exit_code, result.stderr.splitlines()) == (
        2,
        [
            "event.id: is required",
            "event.title: is required",
            "event.start: is required",
            "event.end: is required",
            "event.periods: is required",
            "rooms: must have at least 1 item(s)",
        ],
    )
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_convert_unknown_target_kind(tmp_path: Path, suffix: str) -> None:
    result = runner.invoke(app, ["convert", str(MINIMAL), str(tmp_path / f"out{suffix}")])
    assert (result.exit_code, result.stderr) == (
        2,
        f"out{suffix}: unknown kind of file (expected .yaml, .yml, .json, .xlsx)\n",
    )


def test_convert_into_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    target = tmp_path / "file" / "out.json"
    result = runner.invoke(app, ["convert", str(MINIMAL), str(target)])
    assert (result.exit_code, result.stderr) == (1, f"{target}: cannot write the file (Not a directory)\n")
    fine = runner.invoke(app, ["convert", str(MINIMAL), str(tmp_path / "out.json")])
    assert (fine.exit_code, (tmp_path / "out.json").exists()) == (0, True)
