"""Flowables drawn once per PDF and shown again by reference (PDF form XObjects).

A session's sign-in sheets print the same member table on the sheet of every
occurrence: forty sheets of a class of fifty are two thousand rows drawn cell
by cell, the most expensive part of the printed documents. ``Reused`` draws
such a flowable into a named form the first time a document shows it and
places that form wherever it appears again, so each table is drawn once per
PDF; the pages look exactly the same and the file is smaller.
"""

from __future__ import annotations

import hashlib

from reportlab.platypus import Flowable

#: Room around the form's box for rules drawn on its edges (a 1.2 point box line sticks out 0.6).
BLEED = 4


class Reused(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """``content``, drawn once per document under ``key`` and referenced after that.

    Every ``Reused`` with the same ``key`` must hold the same content; the
    size is part of the form's name, so the same content laid out at another
    width gets its own form. A content too long for the page is split into
    ordinary flowables, drawn as usual.
    """

    def __init__(self, content: Flowable, key: str) -> None:
        super().__init__()
        self.content = content
        self.key = key
        self.hAlign = getattr(content, "hAlign", "LEFT")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = self.content.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts: list[Flowable] = self.content.split(availWidth, availHeight)
        return parts

    def getSpaceBefore(self) -> float:  # noqa: N802  (reportlab's name)
        return float(self.content.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802  (reportlab's name)
        return float(self.content.getSpaceAfter())

    def draw(self) -> None:
        canvas = self.canv
        name = form_name(self.key, self.width, self.height)
        if not canvas.hasForm(name):
            canvas.beginForm(name, -BLEED, -BLEED, self.width + BLEED, self.height + BLEED)
            self.content.drawOn(canvas, 0, 0)
            canvas.endForm()
        canvas.doForm(name)


def form_name(key: str, width: float, height: float) -> str:
    """A PDF name (ASCII letters and digits) for ``key`` at this size."""
    digest = hashlib.sha1(f"{key}@{width:.3f}x{height:.3f}".encode()).hexdigest()[:16]
    return f"Huiwu{digest}"
