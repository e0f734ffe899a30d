"""``save_file``: a file is replaced whole or not at all, with its permissions."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from planner.domain.errors import HuiwuError
from planner.io.files import save_file


def test_save_file_that_fails_halfway_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk used to leave a truncated file: the event staff had edited, or the last schedule."""
    path = tmp_path / "event.yaml"
    path.write_text("event: {id: kept}\n", encoding="utf-8")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("planner.io.files.os.fsync", full)
    with pytest.raises(HuiwuError) as caught:
        save_file(path, b"event: {id: new}\n" * 1000)
    assert str(caught.value) == f"{path}: cannot write the file (No space left on device)"
    assert path.read_text(encoding="utf-8") == "event: {id: kept}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.yaml"]  # no half-written file left


def test_save_file_replaces_and_keeps_permissions_and_links(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    path.write_bytes(b"old")
    path.chmod(0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(path)
    save_file(link, b"new")
    assert (path.read_bytes(), stat.S_IMODE(path.stat().st_mode), link.is_symlink()) == (b"new", 0o640, True)
    fresh = tmp_path / "sub" / "new.json"
    save_file(fresh, b"{}", make_folder=True)
    umask = os.umask(0)
    os.umask(umask)
    assert (fresh.read_bytes(), stat.S_IMODE(fresh.stat().st_mode)) == (b"{}", 0o666 & ~umask)


def test_save_file_into_a_missing_folder_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "schedule.json"
    with pytest.raises(HuiwuError) as caught:
        save_file(path, b"{}")
    assert str(caught.value) == f"{path}: cannot write the file (No such file or directory)"
