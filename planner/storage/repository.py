"""The plan store: drafts with revisions, numbered immutable versions, one transaction per publish.

Every save names the revision it started from; a stale save raises
``ConflictError`` saying who saved what meanwhile. Drafts are kept as an
append-only history, versions are never changed after they are written, and a
publish is one transaction: the version, the event's pointer to it and its
change notices are committed together or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from planner.domain.calendar import local_time
from planner.domain.errors import ConflictError, StorageError
from planner.domain.model import Problem
from planner.domain.schedule import Assignment, Schedule
from planner.storage.changes import Changes, Key, Revision, revisions_from_data, revisions_to_data
from planner.storage.edits import describe_edits
from planner.storage.engine import WRITE, open_engine
from planner.storage.tables import BoundRow, DraftRow, EventRow, NoticeRow, VersionRow

PAUSE = "HUIWU_PUBLISH_PAUSE"  # test hook: seconds to sleep inside the publish transaction


@dataclass(frozen=True)
class Draft:
    """The working draft of a plan at one revision, with its working schedule when one was saved."""

    event_id: str
    revision: int
    problem: Problem
    saved_at: dt.datetime
    saved_by: str
    schedule: Schedule | None = None


@dataclass(frozen=True)
class Version:
    """A published version: what was published, when, by whom, and how it differs from the last."""

    event_id: str
    number: int
    revision: int
    problem: Problem
    schedule: Schedule
    revisions: dict[Key, Revision]
    cancelled: dict[Key, Assignment]
    changes: Changes
    published_at: dt.datetime
    published_by: str
    note: str | None
    frozen: dt.date | None = None
    """The freeze its repair kept (a day, from its midnight, or a moment on the event's clock): what
    started before it stayed as the version before had it. None: nothing was frozen."""


class Store:
    """Drafts and versions of every plan in one database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: SQLite takes its write lock at once, so writers queue."""
        try:
            with self.engine.connect() as connection:
                connection = connection.execution_options(**{WRITE: True})
                with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                    yield session
        except OperationalError as error:
            raise StorageError(f"the database refused the change: {error.orig}") from None

    def save_draft(
        self,
        problem: Problem,
        *,
        base: int | None,
        by: str,
        now: dt.datetime,
        schedule: Schedule | None = None,
    ) -> int:
        """Store a new draft revision started from ``base`` (None: a new plan); returns its number.

        ``schedule`` is the working schedule kept with the revision (None: none).
        """
        event_id = problem.event.id
        try:
            return self._save_draft(problem, base=base, by=by, now=now, schedule=schedule)
        except IntegrityError:  # two first saves of one new plan at the same moment (PostgreSQL)
            raise ConflictError(
                f"event '{event_id}' was created meanwhile by someone else; load it"
            ) from None

    def _save_draft(
        self, problem: Problem, *, base: int | None, by: str, now: dt.datetime, schedule: Schedule | None
    ) -> int:
        event_id = problem.event.id
        with self.writing() as session:
            row = session.get(EventRow, event_id, with_for_update=True)
            current = row.revision if row else None
            if current != base:
                raise self._stale_draft(session, event_id, base, current, problem)
            revision = (current or 0) + 1
            if row is None:
                row = EventRow(id=event_id, revision=revision, published=0)
                session.add(row)
            row.title, row.revision, row.updated_at, row.updated_by = problem.event.title, revision, now, by
            session.flush()
            session.add(
                DraftRow(
                    event_id=event_id,
                    revision=revision,
                    problem=_dump(problem),
                    saved_at=now,
                    saved_by=by,
                    schedule=_dump_schedule(schedule),
                )
            )
        return revision

    def save_schedule(
        self, event_id: str, schedule: Schedule, *, base: int, by: str, now: dt.datetime
    ) -> int:
        """Keep a working schedule as the next draft revision (the event unchanged); returns its number.

        The same conflict rule as ``save_draft``: refused with ``ConflictError``
        when the draft is no longer at ``base``.
        """
        with self.writing() as session:
            row = session.get(EventRow, event_id, with_for_update=True)
            if row is None or row.revision != base:
                raise self._stale_draft(session, event_id, base, row.revision if row else None, None)
            current = session.get(DraftRow, (event_id, base))
            assert current is not None  # the events row points at its latest draft
            row.revision, row.updated_at, row.updated_by = base + 1, now, by
            session.flush()
            session.add(
                DraftRow(
                    event_id=event_id,
                    revision=base + 1,
                    problem=current.problem,
                    saved_at=now,
                    saved_by=by,
                    schedule=_dump_schedule(schedule),
                )
            )
        return base + 1

    def _stale_draft(
        self,
        session: Session,
        event_id: str,
        base: int | None,
        current: int | None,
        mine: Problem | None,
    ) -> ConflictError:
        if current is None:
            return ConflictError(f"event '{event_id}': there is no such plan to update (revision {base})")
        latest = self._draft(session, event_id, current)
        if base is None:
            return ConflictError(
                f"event '{event_id}' already exists (revision {current}, saved by {latest.saved_by} "
                f"at {local_time(latest.problem.event, latest.saved_at)}); load it and edit that revision"
            )
        start = self._draft(session, event_id, base).problem if 0 < base <= current else mine
        edits = "; ".join(describe_edits(start, latest.problem)) if start else ""
        edits = edits or ("the working schedule" if latest.schedule else "nothing in the event itself")
        return ConflictError(
            f"event '{event_id}': your edit started from revision {base}, but revision {current} was saved "
            f"meanwhile by {latest.saved_by} at {local_time(latest.problem.event, latest.saved_at)} "
            f"(changed: {edits}). "
            "Nothing was saved: reload the plan, apply your edit again and save."
        )

    def draft(self, event_id: str, revision: int | None = None) -> Draft:
        """The draft at ``revision`` (default: the latest)."""
        with self.reading() as session:
            row = session.get(EventRow, event_id)
            if row is None:
                raise StorageError(f"no plan '{event_id}' in the database")
            return self._draft(session, event_id, revision or row.revision)

    def _draft(self, session: Session, event_id: str, revision: int) -> Draft:
        row = session.get(DraftRow, (event_id, revision))
        if row is None:
            raise StorageError(f"event '{event_id}' has no draft revision {revision}")
        problem = Problem.model_validate_json(row.problem)
        schedule = Schedule.model_validate_json(row.schedule) if row.schedule else None
        return Draft(event_id, revision, problem, row.saved_at, row.saved_by, schedule)

    def events(self) -> list[tuple[str, str, int, int]]:
        """(id, title, draft revision, latest version) of every plan."""
        with self.reading() as session:
            rows = session.scalars(select(EventRow).order_by(EventRow.id))
            return [(r.id, r.title, r.revision, r.published) for r in rows]

    def published_number(self, event_id: str) -> int:
        """The latest published version number (0 when none)."""
        with self.reading() as session:
            row = session.get(EventRow, event_id)
            return row.published if row else 0

    def latest(self, event_id: str) -> Version | None:
        number = self.published_number(event_id)
        return self.version(event_id, number) if number else None

    def version(self, event_id: str, number: int) -> Version:
        with self.reading() as session:
            row = session.get(VersionRow, (event_id, number))
            if row is None:
                raise StorageError(f"event '{event_id}' has no published version {number}")
            return _version(row)

    def versions(self, event_id: str) -> list[Version]:
        """Every published version, oldest first."""
        with self.reading() as session:
            query = select(VersionRow).where(VersionRow.event_id == event_id).order_by(VersionRow.number)
            return [_version(row) for row in session.scalars(query)]

    def add_version(self, version: Version, notices: Sequence[NoticeRow], *, previous: int) -> None:
        """Publish: the version, the event's pointer and the notices in one transaction.

        Refused with ``ConflictError`` when a version other than ``previous`` was
        published meanwhile (the schedule was repaired from an older one).
        """
        try:
            with self.writing() as session:
                row = session.get(EventRow, version.event_id, with_for_update=True)
                if row is None:
                    raise StorageError(f"no plan '{version.event_id}' in the database")
                if row.published != previous or version.number != previous + 1:
                    raise self._stale_publish(session, version.event_id, previous, row.published)
                session.add(_version_row(version))
                row.published = version.number
                session.flush()
                session.add_all(notices)
                _pause_if_asked()
        except IntegrityError:
            raise ConflictError(
                f"event '{version.event_id}': version {version.number} was published meanwhile"
            ) from None

    def _stale_publish(self, session: Session, event_id: str, previous: int, current: int) -> ConflictError:
        row = session.get(VersionRow, (event_id, current))
        who = (
            f" by {row.published_by} at {local_time(_version(row).problem.event, row.published_at)}"
            if row
            else ""
        )
        return ConflictError(
            f"event '{event_id}': version {current} was published{who} while this publish was repaired "
            f"from version {previous}. Nothing was published: publish again."
        )

    def count_versions(self, event_id: str) -> int:
        with self.reading() as session:
            count = session.scalar(select(func.count()).where(VersionRow.event_id == event_id))
            return int(count or 0)

    def proven_bound(self, digest: str) -> int:
        """The best lower bound proven for the event content ``digest`` (0 when none)."""
        try:
            with self.reading() as session:
                row = session.get(BoundRow, digest)
                return row.bound if row else 0
        except SQLAlchemyError as error:  # a lost connection, a schema from before 0003
            raise StorageError(f"the database could not be read: {error}") from None

    def bounds_of(self, event_id: str) -> dict[str, int]:
        """Every bound kept for contents of the event ``event_id``, by digest (the whole event's
        versions and its parts, ``solver.bound.part_key``)."""
        try:
            with self.reading() as session:
                query = select(BoundRow.digest, BoundRow.bound).where(BoundRow.event_id == event_id)
                return {row.digest: row.bound for row in session.execute(query)}
        except SQLAlchemyError as error:
            raise StorageError(f"the database could not be read: {error}") from None

    def learn_bound(self, digest: str, event_id: str, bound: int, *, now: dt.datetime) -> None:
        """Keep ``bound`` for the event content ``digest`` when it beats the one kept (never lowers it)."""
        for _ in range(2):  # a first bound stored meanwhile by another solve: update that one
            try:
                with self.writing() as session:
                    row = session.get(BoundRow, digest, with_for_update=True)
                    if row is None:
                        session.add(BoundRow(digest=digest, event_id=event_id, bound=bound, proven_at=now))
                    elif bound > row.bound:
                        row.bound, row.proven_at = bound, now
                return
            except IntegrityError:
                continue
            except SQLAlchemyError as error:
                raise StorageError(f"the database refused the change: {error}") from None


def _pause_if_asked() -> None:
    """Test hook (``HUIWU_PUBLISH_PAUSE=seconds``): sleep inside the open publish transaction."""
    seconds = os.environ.get(PAUSE)
    if seconds:
        print("publish: paused inside the transaction", file=sys.stderr, flush=True)
        time.sleep(float(seconds))


def _dump(problem: Problem) -> str:
    return problem.model_dump_json(by_alias=True)


def _dump_schedule(schedule: Schedule | None) -> str | None:
    return schedule.model_dump_json(exclude_none=True) if schedule is not None else None


def _version_row(v: Version) -> VersionRow:
    cancelled = [a.model_dump(mode="json") for a in v.cancelled.values()]
    return VersionRow(
        event_id=v.event_id,
        number=v.number,
        revision=v.revision,
        problem=_dump(v.problem),
        schedule=v.schedule.model_dump_json(exclude_none=True),
        revisions=json.dumps(revisions_to_data(v.revisions)),
        cancelled=json.dumps(cancelled, ensure_ascii=False),
        changes=json.dumps(v.changes.to_data(), ensure_ascii=False),
        published_at=v.published_at,
        published_by=v.published_by,
        note=v.note,
        frozen=v.frozen.isoformat() if v.frozen is not None else None,
    )


def _version(row: VersionRow) -> Version:
    cancelled = [Assignment.model_validate(item) for item in json.loads(row.cancelled)]
    return Version(
        event_id=row.event_id,
        number=row.number,
        revision=row.revision,
        problem=Problem.model_validate_json(row.problem),
        schedule=Schedule.model_validate_json(row.schedule),
        revisions=revisions_from_data(json.loads(row.revisions)),
        cancelled={a.identity: a for a in cancelled},
        changes=Changes.from_data(json.loads(row.changes)),
        published_at=row.published_at,
        published_by=row.published_by,
        note=row.note,
        frozen=_frozen(row.frozen),
    )


def _frozen(text: str | None) -> dt.date | None:
    """``VersionRow.frozen`` read back: a day, or a moment (a datetime, which is a date too)."""
    if not text:
        return None
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (default: ``HUIWU_DATABASE_URL`` or the SQLite file), schema upgraded."""
    return Store(open_engine(url))


def schedules(store: Store, event_id: str, up_to: int) -> list[Schedule]:
    """The schedules of versions 1..``up_to`` of an event, oldest first (for feed history)."""
    query = (
        select(VersionRow.schedule)
        .where(VersionRow.event_id == event_id, VersionRow.number <= up_to)
        .order_by(VersionRow.number)
    )
    with store.reading() as session:
        return [Schedule.model_validate_json(text) for text in session.scalars(query)]
