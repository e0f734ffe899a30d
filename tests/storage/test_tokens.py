"""Feed tokens: unguessable, one per feed, revocable and re-issuable."""

from __future__ import annotations

import pytest

from planner.domain.errors import StorageError
from planner.storage.repository import Store
from planner.storage.tokens import Tokens
from tests.storage.plans import T0, minimal

TARGETS = [("event", "mini"), ("speaker", "ada"), ("room", "a")]


@pytest.fixture
def tokens(store: Store) -> Tokens:
    store.save_draft(minimal(), base=None, by="lin", now=T0)
    return Tokens(store)


def test_ensure_issues_long_random_tokens(tokens: Tokens) -> None:
    feeds = tokens.ensure("mini", TARGETS, T0)

    assert [(f.kind, f.target) for f in feeds] == TARGETS
    assert [len(f.token) for f in feeds] == [43, 43, 43]  # 32 random bytes, URL-safe base64
    assert len({f.token for f in feeds}) == 3


def test_ensure_again_keeps_tokens(tokens: Tokens) -> None:
    first = tokens.ensure("mini", TARGETS, T0)

    assert tokens.ensure("mini", TARGETS, T0) == first


def test_open_live_token_finds_feed(tokens: Tokens) -> None:
    feed = tokens.ensure("mini", TARGETS, T0)[1]

    opened = tokens.open(feed.token)

    assert (opened.feed if opened else None, opened.published if opened else None) == (feed, 0)


def test_open_unknown_token_is_none(tokens: Tokens) -> None:
    tokens.ensure("mini", TARGETS, T0)

    assert tokens.open("x" * 43) is None


def test_revoke_closes_token(tokens: Tokens) -> None:
    feed = tokens.ensure("mini", TARGETS, T0)[1]

    count = tokens.revoke("mini", "speaker", "ada", T0)

    assert (count, tokens.open(feed.token), [f.kind for f in tokens.active("mini")]) == (
        1,
        None,
        ["event", "room"],
    )


def test_reissue_gives_new_token_and_closes_old(tokens: Tokens) -> None:
    old = tokens.ensure("mini", TARGETS, T0)[1]

    new = tokens.reissue("mini", "speaker", "ada", T0)

    assert (new.token != old.token, tokens.open(old.token), tokens.open(new.token) is not None) == (
        True,
        None,
        True,
    )


def test_reissue_unknown_kind_refused(tokens: Tokens) -> None:
    with pytest.raises(StorageError, match="unknown kind of feed 'teacher'"):
        tokens.reissue("mini", "teacher", "ada", T0)


def test_reissue_of_no_one_refused(tokens: Tokens) -> None:
    """A typing error (``speaker:adda``) must not create a feed for someone who does not exist."""
    tokens.ensure("mini", TARGETS, T0)
    with pytest.raises(StorageError, match="no feed of speaker 'adda' for 'mini'"):
        tokens.reissue("mini", "speaker", "adda", T0)
    assert [(f.kind, f.target) for f in tokens.active("mini")] == TARGETS
