"""Paragraph and table styles of printed agendas: one font, clean ruled tables.

Chinese paragraphs wrap between Han characters and between the words of English
text in them (``wordWrap="CJK"``, broken by ``linebreak.break_text``); English
ones between words, and a word wider than its column after a hyphen of its own
(``retrieval-`` over ``augmented``) before reportlab cuts it between letters.
Sizes scale together so dense pages can use a smaller set.

Speed: a 2,000-occurrence event prints about 140,000 table cells, many of
them the same text (a member's name on every sign-in sheet of the group).
``Styles.cell_text`` therefore hands out one shared paragraph per (text,
style), and every paragraph remembers its line breaking per width: reportlab
wraps each cell at least twice (measuring, then drawing) and again whenever a
table is split or shrunk, and line breaking is most of the time spent on a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, TableStyle

from planner.exports.pdf.linebreak import break_text

INK = colors.black
RULE = colors.HexColor("#333333")
HEADER_FILL = colors.HexColor("#E8E8E8")
CHANGED_FILL = colors.HexColor("#FFF3C4")
CHANGED_INK = colors.HexColor("#B00000")
MUTED_INK = colors.HexColor("#555555")


#: What ``Paragraph.wrap`` sets on the paragraph (``frags`` becomes the list of words).
WRAP_STATE = (
    "width", "_wrapWidths", "blPara", "height", "_width_max", "_splitLongWordCount", "_hyphenations", "frags",
)  # fmt: skip

#: A wrap's result: the size returned and the state set.
Wrapped = tuple[tuple[float, float], dict[str, Any]]


class WrapOnceParagraph(Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """A paragraph that breaks its lines once per width and may stand in several places.

    ``wrap`` stores what line breaking set (``WRAP_STATE``) under the width and
    restores it when asked for that width again; drawing reads only that state,
    so the same object can be drawn in any number of cells and documents.
    Each width is broken from the parsed text, so the lines never depend on
    earlier wraps. (A plain ``Paragraph`` breaks again from its last broken
    words: where a word wider than the column was cut into letters, every
    re-wrap shifts the letters a little; here the first, clean breaking holds.)
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        wraps: dict[float, Wrapped] = self.__dict__.setdefault("_wraps", {})
        known = wraps.get(availWidth)
        if known is None:
            parsed: list[Any] = self.__dict__.setdefault("_parsed", self.__dict__["frags"])
            self.frags = parsed  # break the text as parsed, not the words of the last breaking
            size: tuple[float, float] = super().wrap(availWidth, availHeight)
            known = wraps[availWidth] = (
                size,
                {name: self.__dict__[name] for name in WRAP_STATE if name in self.__dict__},
            )
        self.__dict__.update(known[1])
        return known[0]

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803
        """Chinese: breaks between wide characters and between words (``linebreak.break_text``);
        reportlab's own for a paragraph split over pages, or with more than one font or colour."""
        if not self._own_breaking():
            return super().breakLinesCJK(maxWidths)
        return self._break_lines(maxWidths)

    def breakLines(self, width: Any) -> Any:  # noqa: N802
        """English: reportlab's, but ``linebreak.break_text``'s when a word is wider than a line,
        which cuts it with a hyphen (``Internationali-`` / ``sation``) where reportlab cuts bare."""
        if self._own_breaking() and _word_wider(self.frags, min(_widths(width))):
            return self._break_lines(width)
        return super().breakLines(width)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        """reportlab's split; the part that goes on is made again from the text of its lines when
        ``break_text`` broke them (reportlab would join those lines' words without their spaces)."""
        own = getattr(getattr(self, "blPara", None), "own_lines", None)
        parts: list[Any] = super().split(availWidth, availHeight)
        if own is None or len(parts) != 2:
            return parts
        rest = own[len(parts[0].blPara.lines) :]
        return [parts[0], WrapOnceParagraph(_markup("\n".join(rest)), parts[1].style)]

    def _own_breaking(self) -> bool:
        return not getattr(self, "_splitpara", 0) and self.bulletText is None and _plain(self.frags)

    def _break_lines(self, maxWidths: Any) -> Any:  # noqa: N803
        first = self.frags[0]
        widths = _widths(maxWidths)

        def measure(text: str) -> float:
            return _width(text, first.fontName, first.fontSize)

        lines: list[tuple[float, str]] = []
        for text in _text_lines(self.frags):
            later = widths[min(len(lines), len(widths) - 1) :]
            lines += break_text(text, later, measure) if text.strip() else [(later[0], "")]
        return first.clone(
            kind=0,
            lines=[(spare, [text]) for spare, text in lines],
            ascent=first.fontSize,
            descent=-0.2 * first.fontSize,
            own_lines=tuple(text for _, text in lines),  # for ``split``
        )


def _widths(value: Any) -> list[float]:
    """reportlab's line widths: one number for every line, or a list (the first line's, then the rest)."""
    return list(value) if isinstance(value, list | tuple) else [value]


@lru_cache(maxsize=1 << 16)
def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def _plain(frags: list[Any]) -> bool:
    """Plain text in one font, size and colour (line breaks allowed): what ``break_text`` can set."""
    if not frags:
        return False
    first = frags[0]
    return all(
        isinstance(getattr(f, "text", None), str)  # not the words of a paragraph split before
        and (f.fontName, f.fontSize, f.textColor) == (first.fontName, first.fontSize, first.textColor)
        and not f.rise
        and not getattr(f, "link", None)
        and not getattr(f, "us_lines", None)
        and not hasattr(f, "cbDefn")
        and not getattr(f, "backColor", None)
        for f in frags
    )


def _word_wider(frags: list[Any], width: float) -> bool:
    """Is a word of the plain fragments wider than ``width``?"""
    first = frags[0]
    return any(
        _width(word, first.fontName, first.fontSize) > width
        for text in _text_lines(frags)
        for word in text.split()
    )


def _text_lines(frags: list[Any]) -> list[str]:
    """The text of plain fragments, one string per text line (``<br/>`` ends a line)."""
    lines = [""]
    for frag in frags:
        if getattr(frag, "lineBreak", False):
            lines.append("")
        else:
            lines[-1] += frag.text
    return lines


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document, and the paragraphs already made with them."""

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
    muted: ParagraphStyle
    big: ParagraphStyle
    entry: ParagraphStyle
    made: dict[tuple[str, int], Paragraph] = field(default_factory=dict, compare=False, repr=False)

    def text(self, value: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A new paragraph of plain text (escaped; newlines kept as line breaks), for the story itself.

        A paragraph placed directly in a story must be its own object: reportlab
        marks one it had to move to the next page, and fails on the second mark.
        """
        return WrapOnceParagraph(_markup(value), style or self.cell)

    def cell_text(self, value: str, style: ParagraphStyle | None = None) -> Paragraph:
        """Like ``text``, for a table cell: one shared paragraph per text and style."""
        style = style or self.cell
        key = (value, id(style))  # the stored paragraph keeps its style alive: the id stays unique
        paragraph = self.made.get(key)
        if paragraph is None:
            paragraph = self.made[key] = WrapOnceParagraph(_markup(value), style)
        return paragraph


def _markup(value: str) -> str:
    return "<br/>".join(escape(line) for line in value.split("\n"))


def make_styles(font: str, language: str, size: float = 9.5) -> Styles:
    """Styles for body size ``size`` points; Chinese text wraps between characters."""
    wrap = "CJK" if language == "zh" else None

    def style(name: str, points: float, align: int = TA_LEFT, **extra: object) -> ParagraphStyle:
        settings: dict[str, object] = {
            "leading": points * 1.3,
            "textColor": INK,
            "embeddedHyphenation": 2,  # English: a long word breaks after its own hyphen first
            **extra,
        }
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
        muted=style("muted", size, textColor=MUTED_INK, spaceAfter=size * 0.5),
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
