"""The working schedule kept with a draft: round trip, the conflict rule, and migration 0002."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from planner.domain.errors import ConflictError
from planner.domain.schedule import Schedule
from planner.storage.engine import MIGRATIONS, WRITE, create
from planner.storage.repository import Store, open_store
from tests.storage.plans import T0, edited, greedy_solve, minimal

T1 = T0 + dt.timedelta(hours=1)


def test_save_schedule_round_trip(store: Store) -> None:
    first = store.save_draft(minimal(), base=None, by="lin", now=T0)
    schedule = greedy_solve(minimal())

    second = store.save_schedule("mini", schedule, base=first, by="wang", now=T1)

    draft = store.draft("mini")
    assert (second, draft.revision, draft.schedule, draft.problem, draft.saved_by) == (
        2,
        2,
        schedule,
        minimal(),
        "wang",
    )
    assert store.draft("mini", 1).schedule is None


def test_save_draft_with_schedule_round_trip(store: Store) -> None:
    schedule = greedy_solve(minimal())

    store.save_draft(minimal(), base=None, by="lin", now=T0, schedule=schedule)

    assert store.draft("mini").schedule == schedule
    assert store.events() == [("mini", minimal().event.title, 1, 0)]


def test_save_schedule_stale_is_refused(store: Store) -> None:
    first = store.save_draft(minimal(), base=None, by="lin", now=T0)
    store.save_draft(edited(minimal(), "rooms", "b", capacity=14), base=first, by="wang", now=T1)

    with pytest.raises(ConflictError) as refused:
        store.save_schedule("mini", greedy_solve(minimal()), base=first, by="lin", now=T1)

    assert "your edit started from revision 1, but revision 2 was saved meanwhile by wang" in str(
        refused.value
    )
    assert (store.draft("mini").revision, store.draft("mini").schedule) == (2, None)


def test_save_schedule_after_a_schedule_save_is_refused(store: Store) -> None:
    first = store.save_draft(minimal(), base=None, by="lin", now=T0)
    store.save_schedule("mini", greedy_solve(minimal()), base=first, by="tab1", now=T1)

    with pytest.raises(ConflictError) as refused:
        store.save_schedule("mini", greedy_solve(minimal()), base=first, by="tab2", now=T1)

    assert "(changed: the working schedule)" in str(refused.value)


def migrate_to(url: str, target: str) -> None:
    """Upgrade (or downgrade) the schema of ``url`` to ``target`` with Alembic."""
    engine = create(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect().execution_options(**{WRITE: True}) as connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    engine.dispose()


def fill_at_0001(url: str) -> None:
    """Rows a database at schema 0001 holds: a plan, two drafts and a published version."""
    problem = minimal().model_dump_json(by_alias=True)
    schedule = greedy_solve(minimal()).model_dump_json(exclude_none=True)
    engine = create(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO events VALUES ('mini', 'Mini', 2, 1, :at, 'lin')"), {"at": T0})
        for revision in (1, 2):
            connection.execute(
                text("INSERT INTO drafts VALUES ('mini', :r, :p, :at, 'lin')"),
                {"r": revision, "p": problem, "at": T0},
            )
        connection.execute(
            text("INSERT INTO versions VALUES ('mini', 1, 2, :p, :s, '[]', '[]', '[]', :at, 'lin', 'first')"),
            {"p": problem, "s": schedule, "at": T0},
        )
    engine.dispose()


def test_migrations_from_0001_keep_data(database_url: str) -> None:
    migrate_to(database_url, "0001")
    fill_at_0001(database_url)

    store = open_store(database_url)

    latest = store.latest("mini")
    assert latest is not None
    assert (store.draft("mini").revision, store.draft("mini", 1).problem, store.draft("mini").schedule) == (
        2,
        minimal(),
        None,
    )
    assert (latest.number, latest.note, latest.schedule) == (1, "first", greedy_solve(minimal()))
    assert latest.frozen is None  # 0004: a version's freeze, none for those published before
    with store.engine.connect() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert (head, store.proven_bound("any")) == ("0004", 0)  # 0002: drafts' schedules; 0003: bounds


def test_migration_0002_then_save_schedule(database_url: str) -> None:
    migrate_to(database_url, "0001")
    fill_at_0001(database_url)
    store = open_store(database_url)

    revision = store.save_schedule("mini", greedy_solve(minimal()), base=2, by="wang", now=T1)

    saved = store.draft("mini").schedule
    assert isinstance(saved, Schedule)
    assert (revision, json.loads(saved.to_json())["event"]) == (3, "mini")
