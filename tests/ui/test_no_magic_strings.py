"""Streamlit's "magic" writes every bare expression of a page script onto the page: a string
meant as an attribute's docstring would show to the user. Pages keep their notes in comments."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "ui"
PAGES = [UI / "app.py", *sorted((UI / "pages").glob("*.py"))]  # the scripts Streamlit runs


def bare_strings(source: str) -> list[int]:
    """Lines of string expressions standing alone at a module's top level, the docstring aside."""
    body = ast.parse(source).body
    return [
        node.lineno
        for index, node in enumerate(body)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and index > 0
    ]


def test_the_check_finds_a_bare_string() -> None:
    assert bare_strings('"""Page."""\nX = 1\n"""About X."""\n') == [3]
    assert bare_strings('"""Page."""\nX = 1  # about X\n') == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_a_page_has_no_bare_string_for_magic_to_show(page: Path) -> None:
    assert bare_strings(page.read_text(encoding="utf-8")) == []
