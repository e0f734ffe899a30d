"""Where the database lives and how a bad URL is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.errors import StorageError
from planner.storage.engine import database_url, open_engine


def test_database_url_default_under_xdg_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HUIWU_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))

    assert database_url() == f"sqlite:///{tmp_path}/huiwu/huiwu.db"


def test_database_url_default_under_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HUIWU_DATABASE_URL", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))

    assert database_url() == f"sqlite:///{tmp_path}/.local/share/huiwu/huiwu.db"


def test_database_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUIWU_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:5432/plan")

    assert database_url() == "postgresql+psycopg://u@127.0.0.1:5432/plan"


def test_open_engine_creates_data_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "huiwu.db"

    open_engine(f"sqlite:///{path}").dispose()

    assert path.exists()


def test_open_engine_bad_url_is_storage_error() -> None:
    with pytest.raises(StorageError, match="database URL 'not a url' is not a valid SQLAlchemy URL"):
        open_engine("not a url")


def test_open_engine_unreachable_server_is_storage_error() -> None:
    with pytest.raises(StorageError, match="cannot open the database"):
        open_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("garbage://", "database URL 'garbage://': Huiwu keeps plans in SQLite or PostgreSQL only"),
        (
            "mysql://u:secret@localhost/x",
            "database URL 'mysql://u:***@localhost/x': Huiwu keeps plans in SQLite or",
        ),
        (
            "postgresql+asyncpg://u:secret@localhost/x",
            "database URL 'postgresql+asyncpg://u:***@localhost/x': no driver",
        ),
    ],
)
def test_open_engine_other_databases_are_storage_errors_without_passwords(url: str, message: str) -> None:
    """SQLAlchemy's own errors (a dialect or driver not installed) were tracebacks."""
    with pytest.raises(StorageError) as caught:
        open_engine(url)
    assert str(caught.value).startswith(message)
    assert "secret" not in str(caught.value)


def test_open_engine_file_that_is_not_a_database_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(
        StorageError, match=f"cannot open the database sqlite:///{path}: file is not a database"
    ):
        open_engine(f"sqlite:///{path}")
    assert path.read_text(encoding="utf-8") == "not a database"


def test_open_engine_folder_it_cannot_make_is_storage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'file' / 'sub' / 'huiwu.db'}"
    with pytest.raises(StorageError) as caught:
        open_engine(url)
    assert str(caught.value) == f"cannot make the folder of the database {url}: Not a directory"
