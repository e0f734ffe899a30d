"""The calendar feed server: ``GET``/``HEAD /feeds/{token}.ics`` for calendar clients.

Calendar clients cannot log in, so each feed has its own unguessable token.
Unknown and revoked tokens get the same bare 404 and learn nothing. Answers
carry an ETag (a hash of the exact bytes), Last-Modified (when the version
was published) and Cache-Control; ``If-None-Match`` and ``If-Modified-Since``
get a 304. A client that accepts gzip gets the feed compressed once per version
(a whole event's feed shrinks to about a tenth), with the weak form of the same
ETag, as nginx does: the two encodings are one calendar, so either tag gets a 304.
A feed always shows the event's latest published version.

Run it with ``uvicorn --factory planner.feeds.app:app_from_env`` (the database
is ``HUIWU_DATABASE_URL``; the public address ``HUIWU_FEEDS_URL``), or
``huiwu serve``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from email.utils import parsedate_to_datetime

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from planner.domain.errors import ExportError
from planner.feeds.links import feed_url, page, public_url, webcal_url
from planner.feeds.live import LiveTokens
from planner.feeds.render import FeedCache, Rendered, render
from planner.storage.repository import Store, open_store
from planner.storage.tokens import OpenFeed, Tokens

CONTENT_TYPE = "text/calendar; charset=utf-8"
CACHE_CONTROL = "private, no-cache"  # store it, but ask again (a 304 is cheap) before showing it
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
NOT_FOUND = Response(b"Not Found\n", status_code=404, media_type="text/plain")


class FeedServer:
    """The request handlers over one store, with the rendered-bytes cache."""

    def __init__(self, store: Store, base_url: str, cache: FeedCache) -> None:
        self.store, self.tokens, self.cache, self.public = store, LiveTokens(Tokens(store)), cache, base_url

    async def lookup(self, token: str) -> tuple[OpenFeed, Rendered] | None:
        """The live feed of a token and its bytes at the latest version; None when there is none."""
        if not TOKEN.match(token):
            return None
        opened = self.tokens.open(token)
        if opened is None or opened.published == 0:
            return None
        feed = opened.feed
        key = (token, feed.kind, feed.target, opened.published)  # the bytes name their own URL
        rendered = self.cache.get(key)
        if rendered is None:
            version = await run_in_threadpool(self.store.version, feed.event_id, opened.published)
            url = feed_url(self.public, token)
            try:
                rendered = await run_in_threadpool(render, self.store, version, feed.kind, feed.target, url)
            except ExportError:  # a feed whose speaker, room or group the event never had
                return None
            self.cache.put(key, rendered)
        return opened, rendered

    async def feed(self, request: Request) -> Response:
        """``GET``/``HEAD /feeds/{token}.ics``: the calendar, a 304, or a bare 404."""
        found = await self.lookup(request.path_params["token"])
        if found is None:
            return NOT_FOUND
        return answer(request, found[1])

    async def subscribe(self, request: Request) -> Response:
        """``GET /feeds/{token}``: a page with the one-click ``webcal://`` link."""
        token = request.path_params["token"]
        found = await self.lookup(token)
        if found is None:
            return NOT_FOUND
        url = feed_url(self.public, token)
        return HTMLResponse(page(found[0].feed, url, webcal_url(url)))


def create_app(store: Store, *, base_url: str | None = None, cache: FeedCache | None = None) -> FastAPI:
    """The feed app over a store; ``base_url`` is the public address written into each feed.

    The feed routes are plain Starlette routes (no parameter validation layer):
    they answer every calendar poll, so they are kept as cheap as possible.
    """
    app = FastAPI(title="Huiwu calendar feeds", docs_url=None, redoc_url=None, openapi_url=None)
    server = FeedServer(store, base_url or public_url(), cache or FeedCache())
    app.router.add_route("/feeds/{token}.ics", server.feed, methods=["GET", "HEAD"])
    app.router.add_route("/feeds/{token}", server.subscribe, methods=["GET"])

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def is_fresh(request: Request, rendered: Rendered) -> bool:
    """Does the client already hold these bytes (If-None-Match, else If-Modified-Since)?"""
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
        return "*" in tags or rendered.etag in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    stamp = (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).timestamp()
    # A date later than the server's clock is invalid (RFC 2616, 14.25; Apache ignores it too):
    # a client whose clock runs ahead would otherwise miss a version published before its date.
    return int(rendered.published_at) <= stamp <= time.time()


def accepts_gzip(header: str | None) -> bool:
    """Does an ``Accept-Encoding`` header (RFC 9110, 12.5.3) allow gzip? ``gzip;q=0`` refuses it,
    and ``*`` stands for every coding the header does not name."""
    if not header:
        return False
    weights: dict[str, float] = {}
    for item in header.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[coding.lower()] = weight
    named = weights.get("gzip", weights.get("x-gzip"))
    return (named if named is not None else weights.get("*", 0.0)) > 0


def answer(request: Request, rendered: Rendered) -> Response:
    """200 with the calendar (no body for HEAD) or 304, always with the validators."""
    gzipped = accepts_gzip(request.headers.get("accept-encoding"))
    headers = {
        "etag": "W/" + rendered.etag if gzipped else rendered.etag,
        "last-modified": rendered.last_modified,
        "cache-control": CACHE_CONTROL,
        "vary": "Accept-Encoding",
    }
    if is_fresh(request, rendered):
        return Response(status_code=304, headers=headers)
    body = rendered.gzipped if gzipped else rendered.body
    if gzipped:
        headers["content-encoding"] = "gzip"
    if request.method == "HEAD":
        headers["content-length"] = str(len(body))
        return Response(status_code=200, headers=headers, media_type=CONTENT_TYPE)
    return Response(body, status_code=200, headers=headers, media_type=CONTENT_TYPE)


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory``: the database of ``HUIWU_DATABASE_URL``."""
    return create_app(open_store(os.environ.get("HUIWU_DATABASE_URL")))
