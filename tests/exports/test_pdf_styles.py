"""Paragraphs of printed agendas: line breaking remembered per width, cell paragraphs shared."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from planner.exports.pdf.fonts import find_font
from planner.exports.pdf.styles import Styles, WrapOnceParagraph, make_styles

TEXTS = [
    "Information Session: Microservices in Practice<br/>Dr Somebody Longname",
    "Supercalifragilistic",
    "上午第一节<br/>08:30–10:00 很长的中文标题（第二部分），测试",
]


def _styles(language: str) -> Styles:
    return make_styles(find_font().name, language, size=8)


def _drawn(paragraph: Paragraph, width: float) -> tuple[float, bytes]:
    """The height at ``width`` and the page the paragraph draws (uncompressed, so lines compare)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=0)
    height = paragraph.wrap(width, 1000)[1]
    paragraph.drawOn(canvas, 10, 10)
    canvas.showPage()
    canvas.save()
    return height, buffer.getvalue()


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("markup", TEXTS)
@pytest.mark.parametrize("width", [6, 20, 60])
def test_wrap_once_paragraph_after_other_widths_draws_like_a_fresh_paragraph(
    language: str, markup: str, width: float
) -> None:
    style = _styles(language).cell
    fresh = _drawn(Paragraph(markup, style), width)
    paragraph = WrapOnceParagraph(markup, style)
    for other in (width, 5, 400, 13, width):
        paragraph.wrap(other, 1000)

    assert _drawn(paragraph, width) == fresh


def test_wrap_once_paragraph_breaks_lines_once_per_width() -> None:
    paragraph = WrapOnceParagraph(TEXTS[0], _styles("en").cell)
    first = paragraph.wrap(60, 1000)
    lines = paragraph.blPara
    paragraph.wrap(20, 1000)

    assert (paragraph.wrap(60, 1000), paragraph.blPara) == (first, lines)


def test_cell_text_is_shared_per_text_and_style_story_text_is_not() -> None:
    styles = _styles("zh")

    shared = styles.cell_text("班长", styles.cell) is styles.cell_text("班长")
    other_style = styles.cell_text("班长", styles.header) is styles.cell_text("班长")
    story = styles.text("班长") is styles.text("班长")

    assert (shared, other_style, story) == (True, False, False)
