"""Page footers that know the page count: ``第 2 页 共 5 页`` / ``Page 2 of 5``.

reportlab draws a page as soon as it is full, before the total is known; the
canvas below keeps each finished page's state and draws every footer when the
document is saved (the usual "numbered canvas" recipe).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas

#: Draws the footer of page ``number`` of ``total`` on the canvas.
Footer = Callable[[Canvas, int, int], None]


def numbered_canvas(footer: Footer) -> type[Canvas]:
    """A canvas class for ``doc.build(canvasmaker=...)`` that draws ``footer`` on every page."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._finished: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802  (reportlab's name)
            self._finished.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._finished)
            for state in self._finished:
                self.__dict__.update(state)
                footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas
