"""Feed addresses: the public base URL, a feed's URL, its webcal:// twin, a subscribe page."""

from __future__ import annotations

import html
import os

from planner.storage.tokens import Feed

DEFAULT_URL = "http://127.0.0.1:8765"


def public_url() -> str:
    """Where subscribers reach the feed server: ``HUIWU_FEEDS_URL`` or the loopback default."""
    return (os.environ.get("HUIWU_FEEDS_URL") or DEFAULT_URL).rstrip("/")


def feed_url(base: str, token: str) -> str:
    return f"{base.rstrip('/')}/feeds/{token}.ics"


def webcal_url(url: str) -> str:
    """The same feed as a ``webcal://`` link, which calendar apps open with one click."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url.removeprefix(scheme)
    return url


def page(feed: Feed, url: str, webcal: str) -> str:
    """A small HTML page with the one-click subscribe link and the plain address."""
    what = html.escape(f"{feed.kind} {feed.target} ({feed.event_id})")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Subscribe</title></head><body>"
        f"<h1>Calendar: {what}</h1>"
        f"<p><a href='{html.escape(webcal)}'>Subscribe in your calendar app</a></p>"
        f"<p>Or add this address by hand: <code>{html.escape(url)}</code></p></body></html>"
    )
