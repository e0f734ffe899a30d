"""``bench/itc2007.py``: the table it prints and the references it reads."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from planner.io.ctt import read_ctt, read_solution
from planner.io.ctt_score import score

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ctt"
SHARED = ROOT / ".." / "shared" / "benchmarks" / "itc2007-ctt"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_itc2007", ROOT / "bench" / "itc2007.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SHARED.exists(), reason="shared ITC-2007 instances not present")
def test_bench_references_read_from_readme_table() -> None:
    refs = _bench().references(SHARED)
    assert refs["comp01"] == ("5", "5.0")
    assert refs["comp05"] == ("284", "343.5")


def test_bench_table_scores_written_solutions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _bench().main([str(DATA), "--time-limit", "3", "--workers", "1", "--out", str(tmp_path)])
    rows = [line.split("|")[1:-1] for line in capsys.readouterr().out.splitlines()[2:]]
    assert code == 0
    assert [row[0].strip() for row in rows] == ["four", "shared", "tiny"]
    for row in rows:
        instance = read_ctt(DATA / f"{row[0].strip()}.ctt")
        result = score(instance, read_solution(tmp_path / f"{row[0].strip()}.sol", instance))
        assert [cell.strip() for cell in row[1:4]] == [str(result.violations), str(result.cost), "-"]


def test_bench_only_solves_the_named_instances(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(DATA), "--time-limit", "3", "--workers", "1", "--out", str(tmp_path), "--only", "tiny,four"]
    args += ["--one-process"]  # the default runs each in a fresh process (the test above)
    assert _bench().main(args) == 0
    rows = [line.split("|")[1].strip() for line in capsys.readouterr().out.splitlines()[2:]]
    assert rows == ["four", "tiny"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["four.sol", "tiny.sol"]
