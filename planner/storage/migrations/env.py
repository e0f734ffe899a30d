"""Alembic environment of Huiwu's database.

Used programmatically: ``planner.storage.engine.migrate`` passes an open
connection in ``config.attributes["connection"]``. From the shell,
``alembic -c planner/storage/alembic.ini upgrade head`` uses
``HUIWU_DATABASE_URL`` (or the default SQLite file) instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from planner.storage.engine import create, database_url
from planner.storage.tables import Base


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    given = context.config.attributes.get("connection")
    if given is not None:
        run(given)
        return
    engine = create(context.config.get_main_option("sqlalchemy.url") or database_url())
    with engine.begin() as connection:
        run(connection)
    engine.dispose()


main()
