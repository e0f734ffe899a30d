"""Feed addresses: the public base URL, a feed's URL, its webcal:// twin, a subscribe page."""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from urllib.parse import SplitResult, urlsplit

from planner.domain.errors import HuiwuError
from planner.storage.tokens import Feed

DEFAULT_URL = "http://127.0.0.1:8765"
EXAMPLES = "https://plan.example.org or http://127.0.0.1:8765"


def public_url(environ: Mapping[str, str] | None = None) -> str:
    """Where subscribers reach the feed server: ``HUIWU_FEEDS_URL`` (of ``environ``, by default
    the process's) or the loopback default; ``HuiwuError`` naming the variable when it is no web
    address."""
    env = os.environ if environ is None else environ
    return web_address(env.get("HUIWU_FEEDS_URL") or DEFAULT_URL, "HUIWU_FEEDS_URL")


def web_address(text: str, name: str | None = None) -> str:
    """``text`` as the base of feed addresses (no trailing slash), or ``HuiwuError`` naming
    ``name`` (the setting it came from; none for a field the message is shown under): every link,
    QR code and feed's own URL is made from it, so a typo would reach every subscriber."""
    url = text.strip().rstrip("/")
    parts = urlsplit(url)
    whole = parts.scheme in ("http", "https") and parts.hostname and not (parts.query or parts.fragment)
    if not whole or any(c.isspace() for c in url) or not _port_readable(parts):
        where = f"{name}: " if name else ""
        raise HuiwuError(f"{where}'{text}' is not a web address such as {EXAMPLES}")
    return url


def _port_readable(parts: SplitResult) -> bool:
    try:
        parts.port  # noqa: B018 - read for its check: a port out of range or not a number raises
    except ValueError:
        return False
    return True


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
