"""The notice outbox: nothing is approved or sent by itself."""

from __future__ import annotations

import pytest

from planner.domain.errors import StorageError
from planner.storage.outbox import Notice, Outbox
from planner.storage.repository import Store
from planner.usecases.publish import next_version
from tests.storage.plans import T0, greedy_solve, minimal


@pytest.fixture
def outbox(store: Store) -> Outbox:
    problem = minimal()
    store.save_draft(problem, base=None, by="lin", now=T0)
    version, _ = next_version(None, problem, greedy_solve(problem), revision=1, by="lin", now=T0, note=None)
    notices = [
        Notice("mini", 1, "speaker", s, s.title(), f"{s}@example.org", f"subject {s}", "body", b"%PDF")
        for s in ("ada", "alan")
    ]
    store.add_version(version, [n.row() for n in notices], previous=0)
    return Outbox(store)


def test_notices_start_pending(outbox: Outbox) -> None:
    assert [(n.target, n.status) for n in outbox.notices("mini")] == [("ada", "pending"), ("alan", "pending")]


def test_approve_some_leaves_others_pending(outbox: Outbox) -> None:
    first = outbox.notices("mini")[0].id
    assert first is not None

    approved = outbox.approve("mini", [first], "lin", T0)

    assert (approved, [n.status for n in outbox.notices("mini")]) == ([first], ["approved", "pending"])


def test_approve_unknown_id_refused(outbox: Outbox) -> None:
    with pytest.raises(StorageError, match="no pending notice 999 for 'mini'"):
        outbox.approve("mini", [999], "lin", T0)


def test_mark_pending_notice_refused(outbox: Outbox) -> None:
    first = outbox.notices("mini")[0].id
    assert first is not None

    with pytest.raises(StorageError, match="is not approved for sending"):
        outbox.mark(first, sent_at=T0, error=None)


def test_mark_approved_notice_sent(outbox: Outbox) -> None:
    ids = outbox.approve("mini", None, "lin", T0)

    outbox.mark(ids[0], sent_at=T0, error=None)
    outbox.mark(ids[1], sent_at=None, error="550 no such user")

    assert [(n.status, n.error) for n in outbox.notices("mini")] == [
        ("sent", None),
        ("failed", "550 no such user"),
    ]
