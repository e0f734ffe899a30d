"""Golden files: compare an output with ``tests/golden/<name>``; rewrite with ``--update-golden``."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def is_updating() -> bool:
    return os.environ.get("HUIWU_UPDATE_GOLDEN") == "1"


def assert_golden(name: str, actual: bytes | str) -> None:
    """Assert ``actual`` equals the golden file byte for byte (text is written as UTF-8)."""
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    path = GOLDEN / name
    if is_updating() or not path.exists():
        if not is_updating():
            raise AssertionError(f"no golden file {path}: run pytest --update-golden to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    expected = path.read_bytes()
    assert data == expected, f"{name} differs from its golden file (pytest --update-golden rewrites it)"
