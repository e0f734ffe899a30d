"""Read PDFs back with poppler (pdftotext, pdffonts, pdfinfo) for the PDF tests."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from pathlib import Path

from planner.domain.model import Problem
from planner.io.files import read_problem
from tests.conftest import ROOT

GENERATED_AT = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
OFFICE = ROOT / "samples" / "office-training-2026.yaml"
CONFERENCE = ROOT / "samples" / "tech-conference.yaml"
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"


def load(path: Path) -> Problem:
    return read_problem(path)


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        command = [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])]
        done = subprocess.run(command, capture_output=True, check=True)
        return done.stdout.decode("utf-8")


def text(pdf: bytes) -> str:
    """The text in drawing order (``pdftotext -raw``): a cell's lines stay together."""
    return _run("pdftotext", pdf, "-raw")


def layout_text(pdf: bytes) -> str:
    """The text laid out as on the page (``pdftotext -layout``): the golden form."""
    return _run("pdftotext", pdf, "-layout")


def squeezed(value: str) -> str:
    """Without any white space: wrapped lines of a title join again."""
    return re.sub(r"\s+", "", value)


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """``pdffonts`` rows: name, type, emb, sub."""
    lines = _run("pdffonts", pdf).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def info(pdf: bytes) -> dict[str, str]:
    """``pdfinfo`` fields (Pages, Page size, Title, ...)."""
    rows = [line.split(":", 1) for line in _run("pdfinfo", pdf).splitlines() if ":" in line]
    return {key.strip(): value.strip() for key, value in rows}


def pages(pdf: bytes) -> int:
    return int(info(pdf)["Pages"])


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page (pdftotext separates pages with form feeds)."""
    return text(pdf).split("\f")[:-1]
