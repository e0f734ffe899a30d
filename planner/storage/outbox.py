"""The outbox of change notices: written with their version, sent only after approval.

A notice moves pending -> approved -> sent (or failed, with the error kept
for a retry). Nothing leaves the outbox before someone approves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from planner.domain.errors import StorageError
from planner.storage.repository import Store
from planner.storage.tables import NoticeRow

STATUSES = ("pending", "approved", "sent", "failed")


@dataclass(frozen=True)
class Notice:
    """A change notice for one speaker, group or room: short text plus a one-page PDF."""

    event_id: str
    version: int
    kind: str
    target: str
    name: str
    recipient: str | None
    subject: str
    body: str
    pdf: bytes
    status: str = "pending"
    id: int | None = None
    approved_by: str | None = None
    error: str | None = None

    def row(self) -> NoticeRow:
        return NoticeRow(
            event_id=self.event_id,
            version=self.version,
            kind=self.kind,
            target=self.target,
            name=self.name,
            recipient=self.recipient,
            subject=self.subject,
            body=self.body,
            pdf=self.pdf,
            status="pending",
        )


class Outbox:
    """Listing, approving and marking notices."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def notices(self, event_id: str, status: str | None = None) -> list[Notice]:
        with self.store.reading() as session:
            query = select(NoticeRow).where(NoticeRow.event_id == event_id)
            if status is not None:
                query = query.where(NoticeRow.status == status)
            return [_notice(r) for r in session.scalars(query.order_by(NoticeRow.id))]

    def approve(self, event_id: str, ids: Sequence[int] | None, by: str, now: dt.datetime) -> list[int]:
        """Approve the pending notices with these ids (None: all pending ones); returns the ids."""
        with self.store.writing() as session:
            query = select(NoticeRow).where(NoticeRow.event_id == event_id, NoticeRow.status == "pending")
            if ids is not None:
                query = query.where(NoticeRow.id.in_(ids))
            rows = list(session.scalars(query))
            missing = set(ids or ()) - {r.id for r in rows}
            if missing:
                raise StorageError(
                    f"no pending notice {', '.join(map(str, sorted(missing)))} for '{event_id}'"
                )
            for row in rows:
                row.status, row.approved_by, row.approved_at = "approved", by, now
            return [r.id for r in rows]

    def mark(self, notice_id: int, *, sent_at: dt.datetime | None, error: str | None) -> None:
        """Record the outcome of sending one approved notice."""
        with self.store.writing() as session:
            row = session.get(NoticeRow, notice_id, with_for_update=True)
            if row is None or row.status not in ("approved", "failed"):
                raise StorageError(f"notice {notice_id} is not approved for sending")
            row.status = "sent" if error is None else "failed"
            row.sent_at, row.error = sent_at, error


def _notice(row: NoticeRow) -> Notice:
    return Notice(
        event_id=row.event_id,
        version=row.version,
        kind=row.kind,
        target=row.target,
        name=row.name,
        recipient=row.recipient,
        subject=row.subject,
        body=row.body,
        pdf=row.pdf,
        status=row.status,
        id=row.id,
        approved_by=row.approved_by,
        error=row.error,
    )
