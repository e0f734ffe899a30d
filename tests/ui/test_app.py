"""The app shell: it opens on the Event page, in Chinese by default, and switches language."""

from __future__ import annotations

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import MINIMAL, texts, upload
from ui.navigation import PAGES


def test_app_opens_on_event_page_in_chinese(app: AppTest) -> None:
    assert app.exception == []
    assert texts(app.title) == ["活动信息"]


def test_app_every_page_without_event_asks_for_one(app: AppTest) -> None:
    for page in PAGES[1:]:
        app.switch_page(f"pages/{page}.py").run()
        assert app.exception == []
        assert texts(app.info) == ["请先在“活动信息”页面打开或新建一个活动。"]


def test_app_language_follows_opened_event(app: AppTest) -> None:
    upload(app, MINIMAL)
    assert app.session_state["lang"] == "en"
    assert texts(app.title) == ["Event"]


def test_app_language_switch_changes_words(app: AppTest) -> None:
    upload(app, MINIMAL)
    app.session_state["lang"] = "zh"
    app.switch_page("pages/rooms.py").run()
    assert texts(app.title) == ["场地"]


def test_pages_print_nothing_by_magic() -> None:
    """Streamlit's magic writes any bare expression of a page script on the page (a constant's
    docstring once showed above the schedule): only the module docstring may stand alone."""
    pages = Path(__file__).resolve().parents[2] / "ui"
    found = []
    for path in [pages / "app.py", *sorted((pages / "pages").glob("*.py"))]:
        body = ast.parse(path.read_text(encoding="utf-8")).body
        for node in body[1:]:
            if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Call | ast.Await):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
