"""``output_folder``: the folder a command writes into, made before its work and gone again when the
work fails and leaves it empty."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planner.domain.errors import HuiwuError
from planner.io.files import output_folder


def _work(out: Path, step: Callable[[Path], object], error: BaseException) -> None:
    with output_folder(out):
        step(out)
        raise error


def test_output_folder_made_for_failed_work_is_removed_with_its_new_parents(tmp_path: Path) -> None:
    out = tmp_path / "plans" / "may"
    seen: list[bool] = []
    with pytest.raises(HuiwuError):
        _work(out, lambda folder: seen.append(folder.is_dir()), HuiwuError("no schedule"))
    assert seen == [True]  # there for the work
    assert not (tmp_path / "plans").exists()
    assert tmp_path.is_dir()  # was there before


def test_output_folder_of_work_that_succeeds_stays(tmp_path: Path) -> None:
    out = tmp_path / "plans" / "may"
    with output_folder(out):
        pass
    assert out.is_dir()


def test_output_folder_that_was_there_or_is_not_empty_stays(tmp_path: Path) -> None:
    there = tmp_path / "there"
    there.mkdir()
    with pytest.raises(HuiwuError):
        _work(there, lambda folder: None, HuiwuError("no schedule"))
    assert there.is_dir()
    new = tmp_path / "new" / "out"
    with pytest.raises(KeyboardInterrupt):
        _work(
            new,
            lambda folder: (folder / "kept.txt").write_text("written", encoding="utf-8"),
            KeyboardInterrupt(),
        )
    assert (new / "kept.txt").read_text(encoding="utf-8") == "written"
