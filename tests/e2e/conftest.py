"""Browser end-to-end fixtures: the app and the feed server in subprocesses, Debian's chromium.

No downloaded browsers: Playwright drives ``/usr/bin/chromium``. Screenshots
go to ``artifacts/e2e/`` in the repository (git-ignored, kept by CI).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from ui.cli_store import app_command

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "e2e"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Servers:
    app: str
    feeds: str
    database: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server stopped with exit code {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url}: no answer within {seconds} s")


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Streamlit (the app) and uvicorn (the feeds) on free loopback ports, one fresh SQLite database."""
    folder = tmp_path_factory.mktemp("e2e")
    app_port, feed_port = free_port(), free_port()
    feeds = f"http://127.0.0.1:{feed_port}"
    env = os.environ | {"HUIWU_DATABASE_URL": f"sqlite:///{folder / 'huiwu.db'}", "HUIWU_FEEDS_URL": feeds}
    bin_dir = ROOT / ".venv" / "bin"
    streamlit = app_command(ROOT / "ui" / "app.py", "127.0.0.1", app_port)  # as ``huiwu serve`` runs it
    uvicorn = [str(bin_dir / "uvicorn"), "--factory", "planner.feeds.app:app_from_env"]
    uvicorn += ["--host", "127.0.0.1", "--port", str(feed_port)]
    app = start(streamlit, env, folder / "streamlit.log")
    feed = start(uvicorn, env, folder / "feeds.log")
    try:
        wait_until_up(f"http://127.0.0.1:{app_port}/_stcore/health", app)
        wait_until_up(f"{feeds}/feeds/unknown-token-000000000000.ics", feed)
        yield Servers(f"http://127.0.0.1:{app_port}", feeds, env["HUIWU_DATABASE_URL"])
    finally:
        for process in (app, feed):
            process.terminate()
        for process in (app, feed):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 2000}, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    yield opened
    context.close()


def shot(page: Page, name: str) -> Path:
    """A screenshot kept as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))  # the viewport is tall; full_page would stop fragment timers
    return path


def settle(page: Page, seconds: float = 60) -> None:
    """Wait until the app has finished running its script and no element is still a placeholder."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
        " const state = app && app.getAttribute('data-test-script-state');"
        " return (state === 'notRunning' || state === 'initial')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]'); }",
        timeout=seconds * 1000,
    )
