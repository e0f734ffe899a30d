"""Secret feed tokens: one unguessable token per calendar feed, revocable and re-issuable.

Calendar clients cannot log in, so the token in the URL is the only key.
Tokens are ``secrets.token_urlsafe(32)`` (256 random bits). A revoked token
stays in the table (so it is never issued again) and opens nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from planner.domain.errors import StorageError
from planner.storage.repository import Store
from planner.storage.tables import EventRow, FeedRow

KINDS = ("event", "speaker", "room", "group", "track")


@dataclass(frozen=True)
class Feed:
    """One calendar feed: whose calendar (kind, target) of which event, opened by ``token``."""

    token: str
    event_id: str
    kind: str
    target: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None


@dataclass(frozen=True)
class OpenFeed:
    """A live token resolved: the feed and the event's latest published version (0: none)."""

    feed: Feed
    published: int


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Tokens:
    """Issuing, finding and revoking feed tokens."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def active(self, event_id: str) -> list[Feed]:
        """The live feeds of an event, in kind and target order."""
        with self.store.reading() as session:
            query = select(FeedRow).where(FeedRow.event_id == event_id, FeedRow.revoked_at.is_(None))
            rows = list(session.scalars(query))
        order = {kind: i for i, kind in enumerate(KINDS)}
        return sorted((_feed(r) for r in rows), key=lambda f: (order.get(f.kind, 9), f.target))

    def ensure(self, event_id: str, targets: Iterable[tuple[str, str]], now: dt.datetime) -> list[Feed]:
        """A live feed for each (kind, target), issuing tokens only for those that have none."""
        wanted = list(dict.fromkeys(targets))
        with self.store.writing() as session:
            query = select(FeedRow).where(FeedRow.event_id == event_id, FeedRow.revoked_at.is_(None))
            live = {(r.kind, r.target): r for r in session.scalars(query)}
            for kind, target in wanted:
                if (kind, target) not in live:
                    _check_kind(kind)
                    live[(kind, target)] = FeedRow(
                        token=new_token(), event_id=event_id, kind=kind, target=target, created_at=now
                    )
                    session.add(live[(kind, target)])
            return [_feed(live[key]) for key in wanted]

    def revoke(self, event_id: str, kind: str, target: str, now: dt.datetime) -> int:
        """Revoke the live token of a feed; returns how many were revoked (0 or 1)."""
        with self.store.writing() as session:
            query = select(FeedRow).where(
                FeedRow.event_id == event_id,
                FeedRow.kind == kind,
                FeedRow.target == target,
                FeedRow.revoked_at.is_(None),
            )
            rows = list(session.scalars(query))
            for row in rows:
                row.revoked_at = now
        return len(rows)

    def reissue(self, event_id: str, kind: str, target: str, now: dt.datetime) -> Feed:
        """Revoke the feed's token and issue a new one (the old URL stops working)."""
        _check_kind(kind)
        with self.store.reading() as session:
            if session.get(EventRow, event_id) is None:
                raise StorageError(f"no plan '{event_id}' in the database")
            query = select(FeedRow.token).where(
                FeedRow.event_id == event_id, FeedRow.kind == kind, FeedRow.target == target
            )
            if session.scalars(query).first() is None:  # a typing error would make a feed of no one
                raise StorageError(f"no feed of {kind} '{target}' for '{event_id}'")
        self.revoke(event_id, kind, target, now)
        return self.ensure(event_id, [(kind, target)], now)[0]

    def open(self, token: str) -> OpenFeed | None:
        """The live feed a token opens and its event's latest version; None for unknown or revoked.

        Called on every feed request, so it is one prepared query on a pooled connection.
        """
        with self.store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            row = connection.execute(OPEN, {"token": token}).first()
        if row is None:
            return None
        feed = Feed(token, row.event_id, row.kind, row.target, row.created_at, None)
        return OpenFeed(feed, int(row.published))


OPEN = (
    select(FeedRow.event_id, FeedRow.kind, FeedRow.target, FeedRow.created_at, EventRow.published)
    .join(EventRow, EventRow.id == FeedRow.event_id)
    .where(FeedRow.token == bindparam("token"), FeedRow.revoked_at.is_(None))
)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise StorageError(f"unknown kind of feed '{kind}' (expected {', '.join(KINDS)})")


def _feed(row: FeedRow) -> Feed:
    return Feed(row.token, row.event_id, row.kind, row.target, row.created_at, row.revoked_at)
