"""The Alembic migrations build exactly the tables of ``planner.storage.tables``, both ways."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from planner.storage.engine import MIGRATIONS, WRITE, create
from planner.storage.repository import open_store
from planner.storage.tables import Base


def test_migrations_match_table_models(database_url: str) -> None:
    store = open_store(database_url)

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def test_downgrade_to_base_and_upgrade_again(database_url: str) -> None:
    open_store(database_url).engine.dispose()
    engine = create(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))

    with engine.connect().execution_options(**{WRITE: True}) as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        empty = set(inspect(connection).get_table_names()) - {"alembic_version"}
        command.upgrade(config, "head")
        full = set(inspect(connection).get_table_names())

    assert (empty, full >= {"events", "drafts", "versions", "feeds", "notices"}) == (set(), True)
