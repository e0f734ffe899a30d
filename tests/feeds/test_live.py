"""Token lookups from memory never outlive a change in the database."""

from __future__ import annotations

import datetime as dt

from planner.feeds.live import LiveTokens
from planner.storage.repository import Store
from planner.storage.tokens import Tokens
from planner.usecases.publish import publish
from tests.storage.plans import T0, minimal, repair_solve


def test_live_tokens_see_revocation_at_once(store: Store) -> None:
    feed = publish(store, minimal(), repair_solve, by="lin", now=T0).feeds[1]
    live = LiveTokens(Tokens(store))
    before = live.open(feed.token)

    Tokens(store).revoke("mini", feed.kind, feed.target, T0)

    assert (before is not None, live.open(feed.token)) == (True, None)


def test_live_tokens_see_new_version_at_once(store: Store) -> None:
    feed = publish(store, minimal(), repair_solve, by="lin", now=T0).feeds[0]
    live = LiveTokens(Tokens(store))
    first = live.open(feed.token)

    publish(store, minimal(), repair_solve, by="lin", now=T0 + dt.timedelta(hours=1))
    second = live.open(feed.token)

    assert (first.published if first else 0, second.published if second else 0) == (1, 2)


def test_live_tokens_unknown_token_is_none(store: Store) -> None:
    publish(store, minimal(), repair_solve, by="lin", now=T0)

    assert LiveTokens(Tokens(store)).open("y" * 43) is None
