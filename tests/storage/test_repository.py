"""Drafts with revisions, immutable versions and the schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from planner.domain.errors import ConflictError, StorageError
from planner.domain.messages import in_chinese
from planner.storage.repository import Store, open_store
from planner.usecases.publish import next_version
from tests.storage.plans import T0, edited, greedy_solve, minimal

T1 = T0 + dt.timedelta(hours=1)


def test_open_store_creates_schema_at_head(database_url: str) -> None:
    store = open_store(database_url)
    with store.engine.connect() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        tables = set(inspect(connection).get_table_names())

    assert (head, tables >= {"events", "drafts", "versions", "feeds", "notices", "bounds"}) == ("0004", True)


def test_open_store_twice_keeps_data(database_url: str) -> None:
    open_store(database_url).save_draft(minimal(), base=None, by="lin", now=T0)

    again = open_store(database_url)

    assert again.draft("mini").revision == 1


def test_save_draft_new_then_next_revision(store: Store) -> None:
    first = store.save_draft(minimal(), base=None, by="lin", now=T0)
    changed = edited(minimal(), "rooms", "b", capacity=14)

    second = store.save_draft(changed, base=first, by="wang", now=T1)

    assert (first, second, store.draft("mini").problem, store.draft("mini", 1).problem) == (
        1,
        2,
        changed,
        minimal(),
    )


def test_save_draft_stale_refused_with_what_changed(store: Store) -> None:
    store.save_draft(minimal(), base=None, by="lin", now=T0)
    store.save_draft(edited(minimal(), "sessions", "lab", title="Lab work"), base=1, by="wang", now=T1)

    with pytest.raises(ConflictError) as error:
        store.save_draft(edited(minimal(), "rooms", "b", capacity=14), base=1, by="lin", now=T1)

    assert str(error.value) == (
        "event 'mini': your edit started from revision 1, but revision 2 was saved meanwhile by wang at "
        "2026-03-01 10:00 (Europe/Berlin) (changed: sessions: changed lab). Nothing was saved: reload the "
        "plan, apply your edit again and save."
    )
    assert in_chinese(str(error.value)) == (
        "活动 'mini'：您是在第 1 版草稿上修改的，但wang已在 2026-03-01 10:00 (Europe/Berlin) 保存了第 2 版"
        "（改动：课程：修改 lab）。这次没有保存：请重新载入，再改一遍后保存。"
    )
    assert store.draft("mini").problem.session("lab").title == "Lab work"


def test_save_draft_new_event_twice_refused(store: Store) -> None:
    store.save_draft(minimal(), base=None, by="lin", now=T0)

    with pytest.raises(ConflictError, match="already exists") as error:
        store.save_draft(minimal(), base=None, by="wang", now=T1)
    assert in_chinese(str(error.value)) == (
        "活动 'mini' 已经存在（第 1 版，lin于 2026-03-01 09:00 (Europe/Berlin) 保存）；请载入后在那一版上修改"
    )


def test_draft_unknown_event_is_storage_error(store: Store) -> None:
    with pytest.raises(StorageError, match="no plan 'nope'"):
        store.draft("nope")


def test_add_version_numbers_and_reads_back(store: Store) -> None:
    problem = minimal()
    store.save_draft(problem, base=None, by="lin", now=T0)
    first, _ = next_version(None, problem, greedy_solve(problem), revision=1, by="lin", now=T0, note="first")

    store.add_version(first, [], previous=0)

    assert (store.latest("mini"), store.published_number("mini"), store.count_versions("mini")) == (
        first,
        1,
        1,
    )


@pytest.mark.parametrize("frozen", [None, dt.date(2026, 3, 25), dt.datetime(2026, 3, 25, 10, 15)])
def test_a_version_keeps_the_freeze_its_repair_kept(store: Store, frozen: dt.date | None) -> None:
    problem = minimal()
    store.save_draft(problem, base=None, by="lin", now=T0)
    first, _ = next_version(None, problem, greedy_solve(problem), revision=1, by="lin", now=T0, note=None)
    store.add_version(dataclasses.replace(first, frozen=frozen), [], previous=0)
    kept = store.version("mini", 1).frozen
    assert (kept, type(kept)) == (frozen, type(frozen))


def test_add_version_stale_refused_and_nothing_written(store: Store) -> None:
    problem = minimal()
    store.save_draft(problem, base=None, by="lin", now=T0)
    first, _ = next_version(None, problem, greedy_solve(problem), revision=1, by="lin", now=T0, note=None)
    store.add_version(first, [], previous=0)

    with pytest.raises(ConflictError) as error:
        store.add_version(dataclasses.replace(first, published_by="wang"), [], previous=0)

    assert str(error.value) == (
        "event 'mini': version 1 was published by lin at 2026-03-01 09:00 (Europe/Berlin) while this publish "
        "was repaired from version 0. Nothing was published: publish again."
    )
    assert store.versions("mini") == [first]


def test_version_unknown_is_storage_error(store: Store) -> None:
    store.save_draft(minimal(), base=None, by="lin", now=T0)

    with pytest.raises(StorageError, match="has no published version 7"):
        store.version("mini", 7)


def test_proven_bound_kept_and_only_raised(database_url: str) -> None:
    store = open_store(database_url)
    assert store.proven_bound("abc") == 0
    store.learn_bound("abc", "mini", 54, now=T0)
    store.learn_bound("abc", "mini", 11, now=T1)  # a weaker bound proves nothing new
    assert store.proven_bound("abc") == 54
    store.learn_bound("abc", "mini", 56, now=T1)
    store.learn_bound("other", "mini", 3, now=T1)
    again = open_store(database_url)  # another process, later
    assert (again.proven_bound("abc"), again.proven_bound("other"), again.proven_bound("none")) == (56, 3, 0)


def test_proven_bound_on_a_broken_database_is_a_storage_error(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    broken = Store(create_engine(f"sqlite:///{tmp_path / 'empty.db'}"))  # no schema: no such table
    with pytest.raises(StorageError, match="could not be read"):
        broken.proven_bound("abc")
    with pytest.raises(StorageError, match="refused the change"):
        broken.learn_bound("abc", "mini", 5, now=T0)
