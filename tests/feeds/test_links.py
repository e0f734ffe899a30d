"""The base of feed addresses: every link, QR code and feed's own URL is made from it."""

from __future__ import annotations

import pytest

from planner.domain.errors import HuiwuError
from planner.feeds.links import DEFAULT_URL, public_url, web_address


@pytest.mark.parametrize(
    ("given", "base"),
    [
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        (" https://plan.example.org/calendars/ ", "https://plan.example.org/calendars"),
        ("http://计划.中国", "http://计划.中国"),
    ],
)
def test_web_address_kept_without_its_trailing_slash(given: str, base: str) -> None:
    assert web_address(given, "X") == base


@pytest.mark.parametrize(
    "given",
    ["plan.example.org", "127.0.0.1:8765", "ftp://x.org", "http://", "http://h:99999", "http://h:port",
     "http://my host", "https://x.org/?a=1", "https://x.org/#top"],
)  # fmt: skip
def test_web_address_refused_by_name(given: str) -> None:
    with pytest.raises(HuiwuError) as caught:
        web_address(given, "HUIWU_FEEDS_URL")
    assert str(caught.value) == (
        f"HUIWU_FEEDS_URL: '{given}' is not a web address such as https://plan.example.org or "
        "http://127.0.0.1:8765"
    )


def test_public_url_from_the_setting_or_the_default() -> None:
    assert public_url({}) == DEFAULT_URL
    assert public_url({"HUIWU_FEEDS_URL": ""}) == DEFAULT_URL
    assert public_url({"HUIWU_FEEDS_URL": "https://plan.example.org/"}) == "https://plan.example.org"
    with pytest.raises(HuiwuError, match=r"^HUIWU_FEEDS_URL: 'x' is not a web address"):
        public_url({"HUIWU_FEEDS_URL": "x"})
