"""Opening the database: where it lives, SQLite's transaction fixes, migrations on connect.

The URL is ``HUIWU_DATABASE_URL`` when set, else an SQLite file under the
user's data folder (``$XDG_DATA_HOME/huiwu/huiwu.db``, by default
``~/.local/share/huiwu/huiwu.db``). PostgreSQL works through the same URL
(``postgresql+psycopg://user@host:port/db``) when several staff or servers
share one plan. Every engine is upgraded to the newest schema before use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError
from sqlalchemy.pool import ConnectionPoolEntry

from planner.domain.errors import StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 4_857_301  # PostgreSQL advisory lock id: one migrating process at a time
WRITE = "huiwu_write"  # execution option: start the transaction ready to write


def data_folder() -> Path:
    """The user's data folder for Huiwu (XDG base directory rules, no extra dependency)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "huiwu"


def database_url() -> str:
    """``HUIWU_DATABASE_URL``, else the SQLite file in the data folder."""
    given = os.environ.get("HUIWU_DATABASE_URL")
    if given:
        return given
    return f"sqlite:///{data_folder() / 'huiwu.db'}"


def create(url: str) -> Engine:
    """An engine for the URL; SQLite files get their folder, WAL and proper transactions."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(f"database URL '{url}' is not a valid SQLAlchemy URL") from None
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StorageError(f"database URL '{shown}': Huiwu keeps plans in SQLite or PostgreSQL only")
    if parsed.get_backend_name() == "postgresql":
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except (NoSuchModuleError, ImportError):
            raise StorageError(f"database URL '{shown}': no driver '{parsed.drivername}' here") from None
    if parsed.database and parsed.database != ":memory:":
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot make the folder of the database {shown}: {error.strerror}") from None
    engine = create_engine(parsed, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    """Let SQLAlchemy, not the sqlite3 module, decide when transactions begin."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Writers take SQLite's write lock at BEGIN, so two writers queue instead of deadlocking."""
    options = connection.get_execution_options()
    if options.get("isolation_level") == "AUTOCOMMIT":
        return  # single statements, each its own transaction (the feed server's token lookups)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITE, False) else "BEGIN")


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest migration (a no-op when it is already there)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(**{WRITE: True})
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK})
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except DatabaseError as error:  # unreachable, refused, or a file that is not a database
        raise StorageError(f"cannot open the database {engine.url!r}: {error.orig}") from None


def open_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: ``database_url()``) with the schema up to date."""
    engine = create(url or database_url())
    migrate(engine)
    return engine
