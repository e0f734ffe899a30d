"""Paragraph and table styles of printed agendas: one font, clean ruled tables.

Chinese paragraphs wrap between Han characters (``wordWrap="CJK"``); English
ones between words. Sizes scale together so dense pages can use a smaller set.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

INK = colors.black
RULE = colors.HexColor("#333333")
HEADER_FILL = colors.HexColor("#E8E8E8")
CHANGED_FILL = colors.HexColor("#FFF3C4")
CHANGED_INK = colors.HexColor("#B00000")
MUTED_INK = colors.HexColor("#555555")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document."""

    font: str
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_line: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    header: ParagraphStyle
    changed: ParagraphStyle
    big: ParagraphStyle
    entry: ParagraphStyle

    def text(self, value: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of plain text (escaped; newlines kept as line breaks)."""
        markup = "<br/>".join(escape(line) for line in value.split("\n"))
        return Paragraph(markup, style or self.cell)


def make_styles(font: str, language: str, size: float = 9.5) -> Styles:
    """Styles for body size ``size`` points; Chinese text wraps between characters."""
    wrap = "CJK" if language == "zh" else None

    def style(name: str, points: float, align: int = TA_LEFT, **extra: object) -> ParagraphStyle:
        settings: dict[str, object] = {"leading": points * 1.3, "textColor": INK, **extra}
        return ParagraphStyle(
            name, fontName=font, fontSize=points, alignment=align, wordWrap=wrap, **settings
        )

    k = size / 9.5  # headings grow with the body size
    return Styles(
        font=font,
        cover_title=style("cover-title", 26 * k, TA_CENTER, spaceAfter=18 * k, leading=36 * k),
        cover_subtitle=style("cover-subtitle", 22 * k, TA_CENTER, spaceAfter=40 * k, leading=30 * k),
        cover_line=style("cover-line", 13 * k, TA_CENTER, spaceAfter=10 * k),
        title=style("title", 16 * k, TA_CENTER, spaceAfter=8 * k),
        heading=style("heading", 12.5 * k, spaceBefore=6 * k, spaceAfter=6 * k),
        body=style("body", size + 1),
        cell=style("cell", size),
        cell_center=style("cell-center", size, TA_CENTER),
        header=style("header", size, TA_CENTER),
        changed=style("changed", size - 1.5, textColor=CHANGED_INK),
        big=style("big", 15, spaceAfter=4),
        entry=style("entry", size, spaceAfter=size * 0.35),
    )


def ruled_table(font: str, header_rows: int = 1, padding: float = 4) -> TableStyle:
    """Thin black grid, grey header rows, text in the middle of each cell; ``font`` for plain cells."""
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BOX", (0, 0), (-1, -1), 1.2, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    return TableStyle(commands)
