"""Paragraphs of printed agendas: line breaking remembered per width, cell paragraphs shared."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from planner.exports.pdf.fonts import find_font
from planner.exports.pdf.styles import Styles, WrapOnceParagraph, make_styles

TEXTS = [
    "Information Session: Microservices in Practice<br/>Dr Somebody Longname",
    "Supercalifragilistic",
    "Inside retrieval-augmented generation",
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
    fresh = _drawn(WrapOnceParagraph(markup, style), width)
    words = markup.replace("<br/>", " ").split()
    if language == "en" and all(stringWidth(w, style.fontName, style.fontSize) <= width for w in words):
        assert fresh == _drawn(Paragraph(markup, style), width)  # English breaks as reportlab does
    paragraph = WrapOnceParagraph(markup, style)
    for other in (width, 5, 400, 13, width):
        paragraph.wrap(other, 1000)

    assert _drawn(paragraph, width) == fresh


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Inside retrieval-augmented generation", ["Inside", "retrieval-", "augmented", "generation"]),
        ("Internationalisation", ["Internationali-", "sation"]),  # no hyphen of its own: cut, with one
        ("Hands-on workshop", ["Hands-on", "workshop"]),  # fits as a word: not broken at its hyphen
    ],
)
def test_english_word_wider_than_its_cell_breaks_after_its_own_hyphen(text: str, lines: list[str]) -> None:
    style = _styles("en").cell
    width = stringWidth("Internationalis", style.fontName, style.fontSize) + 0.5
    paragraph = WrapOnceParagraph(text, style)

    assert [line for _, line in _lines(paragraph, width)] == lines


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


def _lines(paragraph: Paragraph, width: float) -> list[tuple[float, str]]:
    """Each broken line's spare width and text."""
    paragraph.wrap(width, 1000)
    return [
        (round(line[0], 1), "".join(line[1]))
        if isinstance(line, tuple)
        else (round(line.extraSpace, 1), "".join(word.text for word in line.words))
        for line in paragraph.blPara.lines
    ]


def test_chinese_cell_keeps_no_character_alone_on_its_last_line() -> None:
    """Eleven characters where ten fit: two over two lines, not ten over one; the lines' spare
    width is measured against the whole cell, so centred text stays centred. The course, the
    lecturer and the room stay three text lines."""
    styles = make_styles(find_font().name, "zh", size=10)
    title = "办公室工作基本方法原则"
    plain = Paragraph(title, styles.cell_center)
    plain.wrap(101, 1000)
    assert ["".join(words) for _, words in plain.blPara.lines] == [
        "办公室工作基本方法原",
        "则",
    ]  # reportlab's

    lines = _lines(styles.cell_text(title, styles.cell_center), 101)
    assert [text for _, text in lines] == ["办公室工作基本方法", "原则"]
    assert [space for space, _ in lines] == [101 - 90, 101 - 20]
    cell = _lines(styles.cell_text(f"{title}\n刘建华\n第三教室", styles.cell_center), 101)
    assert [text for _, text in cell] == ["办公室工作基本方法", "原则", "刘建华", "第三教室"]


def test_chinese_cell_left_as_broken_without_a_lone_character() -> None:
    """Two characters on the last line, or a text that fits: reportlab's breaking stands."""
    styles = make_styles(find_font().name, "zh", size=10)
    assert [text for _, text in _lines(styles.cell_text("公文写作规范公文写作规范", styles.cell), 101)] == [
        "公文写作规范公文写作",
        "规范",
    ]
    assert _lines(styles.cell_text("调查研究", styles.cell_center), 101) == [(61.0, "调查研究")]
