"""AppTest helpers: the app on a fresh SQLite database, events opened the way a user opens them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.io.files import read_problem

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app, first run done, on its own database file."""
    monkeypatch.setenv("HUIWU_DATABASE_URL", f"sqlite:///{tmp_path / 'huiwu.db'}")
    return AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=60).run()


def upload(at: AppTest, path: Path, name: str | None = None) -> AppTest:
    """Open an event file through the upload box of the Event page."""
    at.switch_page("pages/event.py").run()
    at.file_uploader(key="upload").set_value(
        (name or path.name, path.read_bytes(), "application/octet-stream")
    )
    return at.run()


def open_sample(at: AppTest, name: str) -> AppTest:
    at.switch_page("pages/event.py").run()
    at.selectbox(key="sample").select(name)
    return at.button(key="open_sample").click().run()


def edit_table(at: AppTest, name: str, **edits: Any) -> AppTest:
    """Edit a table as the data editor would (edited_rows / added_rows / deleted_rows)."""
    version = at.session_state[f"ver:{name}"] if f"ver:{name}" in at.session_state else 0  # noqa: SIM401
    change = {"edited_rows": {}, "added_rows": [], "deleted_rows": []} | edits
    at.session_state[f"editor:{name}:{version}"] = change
    return at.run()


def problem_of(at: AppTest) -> Problem:
    value = at.session_state["problem"]
    assert isinstance(value, Problem)
    return value


def solved(problem: Problem) -> Schedule:
    """A schedule from the real solver (short time limit)."""
    from solver import SolveOptions, solve

    return solve(problem, SolveOptions(time_limit=3, workers=2))


def minimal() -> Problem:
    return read_problem(MINIMAL)


def texts(elements: Any) -> list[str]:
    return [str(e.value) for e in elements]
