"""The database tables of Huiwu (SQLAlchemy 2 declarative models).

A plan is one ``events`` row (its draft revision and latest published version
number), the append-only history of its drafts (``drafts``), its numbered,
immutable published versions (``versions``), the secret feed tokens
(``feeds``), the outbox of change notices (``notices``) and the lower bounds
proven on the cost of an event's schedules (``bounds``). The schema is
created and changed only by the Alembic migrations in ``migrations/``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as UTC and read back aware (SQLite keeps no offsets)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware one")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class EventRow(Base):
    """One plan: its latest draft revision and latest published version (0: none yet)."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer)
    published: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))


class DraftRow(Base):
    """Every saved revision of a plan's draft; never changed, so no edit is ever lost.

    ``schedule`` (JSON, may be empty) is the working schedule saved with that
    revision: solved or moved by hand in the browser, not published yet.
    """

    __tablename__ = "drafts"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    problem: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    saved_by: Mapped[str] = mapped_column(String(200))
    schedule: Mapped[str | None] = mapped_column(Text, nullable=True)


class VersionRow(Base):
    """A published version: the event and schedule as published, immutable.

    ``revisions`` (JSON) holds the SEQUENCE and LAST-MODIFIED of every
    occurrence ever published; ``cancelled`` (JSON) the last assignment of
    every occurrence removed from the plan; ``changes`` (JSON) the difference
    to the version before.
    """

    __tablename__ = "versions"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    problem: Mapped[str] = mapped_column(Text)
    schedule: Mapped[str] = mapped_column(Text)
    revisions: Mapped[str] = mapped_column(Text)
    cancelled: Mapped[str] = mapped_column(Text)
    changes: Mapped[str] = mapped_column(Text)
    published_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    published_by: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    frozen: Mapped[str | None] = mapped_column(String(40), nullable=True)
    """The freeze its repair kept: ``2026-05-27`` (from that midnight) or ``2026-05-27T12:00:00``."""


class FeedRow(Base):
    """A secret token that opens one calendar feed (event, speaker, room or group)."""

    __tablename__ = "feeds"
    __table_args__ = (Index("ix_feeds_target", "event_id", "kind", "target"),)

    token: Mapped[str] = mapped_column(String(100), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class NoticeRow(Base):
    """A change notice waiting in the outbox: pending -> approved -> sent (or failed)."""

    __tablename__ = "notices"
    __table_args__ = (
        ForeignKeyConstraint(["event_id", "version"], ["versions.event_id", "versions.number"]),
        Index("ix_notices_event", "event_id", "version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(Text)
    recipient: Mapped[str | None] = mapped_column(String(320), nullable=True)
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    approved_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    approved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class BoundRow(Base):
    """The best lower bound proven on the cost of every schedule of one exact event content.

    ``digest`` is the SHA-256 of the event's canonical JSON (``planner.usecases.solve.content_key``):
    any edit, a weight included, is another event, and so is another version of the solver
    (``solver.MODEL_VERSION``, hashed in first: a changed model may cost it differently). A part
    of the event that the solver proves alone (``solver.bound.part_key``, another digest of
    another JSON) is kept the same way, under the event's id. Not tied to a saved plan: an event
    is solved before it is saved, and a bound stays true for that content whatever happens to the
    plan.
    """

    __tablename__ = "bounds"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    bound: Mapped[int] = mapped_column(Integer)
    proven_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
