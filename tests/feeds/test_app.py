"""The feed server over real HTTP: tokens, GET and HEAD, ETag, 304, Last-Modified, 404."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from collections.abc import Iterator

import httpx
import pytest

from planner.feeds.links import feed_url
from planner.storage.repository import Store
from planner.storage.tokens import Tokens
from planner.usecases.publish import Published, publish
from tests.feeds.server import serving
from tests.storage.plans import T0, edited, greedy_solve, minimal


@pytest.fixture
def published(store: Store) -> Published:
    return publish(store, minimal(), greedy_solve, by="lin", now=T0)


@pytest.fixture
def client(store: Store, published: Published) -> Iterator[httpx.Client]:
    with serving(store) as base, httpx.Client(base_url=base, timeout=30) as http:
        yield http


def url_of(published: Published, kind: str, target: str) -> str:
    token = next(f.token for f in published.feeds if (f.kind, f.target) == (kind, target))
    return f"/feeds/{token}.ics"


PLAIN = {"Accept-Encoding": "identity"}  # httpx asks for gzip unless told otherwise


def test_get_feed_returns_calendar_with_validators(client: httpx.Client, published: Published) -> None:
    response = client.get(url_of(published, "speaker", "ada"), headers=PLAIN)

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert response.headers["etag"] == '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
    assert response.headers["last-modified"] == "Sun, 01 Mar 2026 08:00:00 GMT"
    assert response.headers["cache-control"] == "private, no-cache"
    assert response.headers["vary"] == "Accept-Encoding"
    assert "content-encoding" not in response.headers


def test_head_has_headers_without_body(client: httpx.Client, published: Published) -> None:
    url = url_of(published, "event", "mini")
    full = client.get(url, headers=PLAIN)

    head = client.head(url, headers=PLAIN)

    assert (head.status_code, head.content, head.headers["etag"]) == (200, b"", full.headers["etag"])
    assert head.headers["content-length"] == str(len(full.content))


def raw_get(client: httpx.Client, url: str, accept: str) -> httpx.Response:
    """A GET whose body is left as sent (httpx would decode gzip on reading it)."""
    with client.stream("GET", url, headers={"Accept-Encoding": accept}) as response:
        response.raw_body = b"".join(response.iter_raw())  # type: ignore[attr-defined]
    return response


def test_gzip_when_asked_with_the_weak_etag_of_the_same_calendar(
    client: httpx.Client, published: Published
) -> None:
    url = url_of(published, "event", "mini")
    plain = client.get(url, headers=PLAIN)

    packed = raw_get(client, url, "gzip, deflate, br")

    assert packed.headers["content-encoding"] == "gzip"
    assert gzip.decompress(packed.raw_body) == plain.content  # type: ignore[attr-defined]
    assert len(packed.raw_body) < len(plain.content) / 2  # type: ignore[attr-defined]
    assert packed.headers["etag"] == "W/" + plain.headers["etag"]
    assert packed.headers["vary"] == "Accept-Encoding"
    head = client.head(url, headers={"Accept-Encoding": "gzip"})
    assert head.headers["content-length"] == str(len(packed.raw_body))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "accept", ["identity", "gzip;q=0, identity", "br", "*;q=0.5, gzip;q=0", "gzip;q=none", ""]
)
def test_no_gzip_unless_accepted(client: httpx.Client, published: Published, accept: str) -> None:
    response = raw_get(client, url_of(published, "event", "mini"), accept)

    assert "content-encoding" not in response.headers
    assert response.raw_body.startswith(b"BEGIN:VCALENDAR")  # type: ignore[attr-defined]
    assert not response.headers["etag"].startswith("W/")


@pytest.mark.parametrize("accept", ["GZIP", "x-gzip", "*", "deflate;q=1, gzip;q=0.1"])
def test_gzip_in_any_spelling_the_header_allows(
    client: httpx.Client, published: Published, accept: str
) -> None:
    response = raw_get(client, url_of(published, "event", "mini"), accept)

    assert response.headers["content-encoding"] == "gzip"


def test_either_etag_gets_304_in_either_encoding(client: httpx.Client, published: Published) -> None:
    url = url_of(published, "event", "mini")
    strong = client.get(url, headers=PLAIN).headers["etag"]
    weak = client.get(url, headers={"Accept-Encoding": "gzip"}).headers["etag"]

    answers = [
        client.get(url, headers={"Accept-Encoding": accept, "If-None-Match": tag})
        for accept in ("identity", "gzip")
        for tag in (strong, weak)
    ]

    assert [a.status_code for a in answers] == [304] * 4
    assert [a.headers["etag"] for a in answers] == [strong, strong, weak, weak]


def test_if_none_match_gets_304(client: httpx.Client, published: Published) -> None:
    url = url_of(published, "room", "a")
    etag = client.get(url).headers["etag"]

    again = client.get(url, headers={"If-None-Match": etag})

    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)


def test_if_none_match_other_etag_gets_200(client: httpx.Client, published: Published) -> None:
    response = client.get(url_of(published, "room", "a"), headers={"If-None-Match": '"stale"'})

    assert response.status_code == 200


def test_if_modified_since_gets_304(client: httpx.Client, published: Published) -> None:
    url = url_of(published, "group", "g1")

    response = client.get(url, headers={"If-Modified-Since": "Sun, 01 Mar 2026 08:00:00 GMT"})

    assert response.status_code == 304


def test_a_second_version_within_the_same_second_is_not_hidden_by_if_modified_since(
    store: Store, client: httpx.Client, published: Published
) -> None:
    url = url_of(published, "group", "g1")
    first = client.get(url).headers["last-modified"]

    again = publish(
        store, edited(minimal(), "sessions", "logic", title="Proofs"), greedy_solve, by="lin", now=T0
    )

    assert again.version.published_at == T0 + dt.timedelta(seconds=1)
    response = client.get(url, headers={"If-Modified-Since": first})
    assert (response.status_code, b"Proofs" in response.content) == (200, True)


@pytest.mark.parametrize(
    "since",
    [
        "Sat, 01 Mar 2025 08:00:00 GMT",  # before the version was published
        "Thu, 01 Jan 2099 00:00:00 GMT",  # later than the server's clock: invalid, ignored
        "yesterday",
    ],
)
def test_if_modified_since_gets_200_when_before_in_future_or_bad(
    client: httpx.Client, published: Published, since: str
) -> None:
    response = client.get(url_of(published, "group", "g1"), headers={"If-Modified-Since": since})

    assert response.status_code == 200


def test_if_modified_since_without_zone_reads_as_utc(client: httpx.Client, published: Published) -> None:
    response = client.get(
        url_of(published, "group", "g1"), headers={"If-Modified-Since": "Sun, 01 Mar 2026 08:00:00 -0000"}
    )

    assert response.status_code == 304


def test_unknown_and_revoked_tokens_look_the_same(
    store: Store, client: httpx.Client, published: Published
) -> None:
    url = url_of(published, "speaker", "alan")
    Tokens(store).revoke("mini", "speaker", "alan", T0)

    revoked, unknown = client.get(url), client.get("/feeds/" + "A" * 43 + ".ics")

    assert (revoked.status_code, unknown.status_code, revoked.content) == (404, 404, unknown.content)
    assert dict(revoked.headers) == dict(unknown.headers)


def test_reissued_token_opens_feed_naming_its_own_url(
    store: Store, client: httpx.Client, published: Published
) -> None:
    old_url = url_of(published, "speaker", "alan")
    client.get(old_url)  # cached under the old token
    feed = Tokens(store).reissue("mini", "speaker", "alan", T0)

    response = client.get(f"/feeds/{feed.token}.ics")

    unfolded = response.content.replace(b"\r\n ", b"")
    source = [line for line in unfolded.split(b"\r\n") if line.startswith(b"SOURCE")]
    assert (response.status_code, client.get(old_url).status_code) == (200, 404)
    assert source == [f"SOURCE;VALUE=URI:{client.base_url}/feeds/{feed.token}.ics".encode()]


def test_subscribe_page_links_webcal(client: httpx.Client, published: Published) -> None:
    url = url_of(published, "speaker", "ada")

    page = client.get(url.removesuffix(".ics"))

    webcal = feed_url(str(client.base_url), url.split("/")[2].removesuffix(".ics")).replace(
        "http://", "webcal://"
    )
    assert page.status_code == 200
    assert f"href='{webcal}'" in page.text


def test_feed_shows_latest_version_not_draft(
    store: Store, client: httpx.Client, published: Published
) -> None:
    url = url_of(published, "event", "mini")
    before = client.get(url).content
    renamed = edited(minimal(), "sessions", "lab", title="Lab work")
    store.save_draft(renamed, base=1, by="lin", now=T0)

    draft_only = client.get(url).content
    publish(store, renamed, greedy_solve, by="lin", now=T0 + dt.timedelta(hours=1))
    after = client.get(url).content

    assert (draft_only == before, b"SUMMARY:Lab work" in before, b"SUMMARY:Lab work" in after) == (
        True,
        False,
        True,
    )
