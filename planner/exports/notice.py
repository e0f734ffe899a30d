"""The one-page PDF of a change notice: who, which version, and each change old -> new.

A pure function of its inputs (no clock, no files); ``invariant=1`` makes the
bytes repeatable. The font comes from the agenda's font finder, so Chinese
text is embedded with the same font as the printed agenda.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from planner.domain.model import Problem
from planner.exports.labels import for_event
from planner.exports.pdf.document import PDF_LANGUAGE
from planner.exports.pdf.fonts import find_font
from planner.exports.pdf.styles import WrapOnceParagraph  # Chinese breaking that keeps English words whole

MAX_ROWS = 22  # what fits on one A4 page with the heading; the rest is summarised in one line


@dataclass(frozen=True)
class NoticeRow:
    """One changed occurrence: what happened, which session, before and after (a line break in a
    text starts a new line in its cell)."""

    what: str
    session: str
    before: str
    after: str


def notice_pdf(problem: Problem, *, title: str, intro: str, rows: Sequence[NoticeRow]) -> bytes:
    """A one-page A4 PDF listing the changes of one speaker, group or room.

    When the rows do not fit on one page, the last ones are left out and one
    line says how many more there are (the calendar shows them all).
    """
    shown = min(len(rows), MAX_ROWS)
    while True:
        pdf, pages = _build(problem, title, intro, rows[:shown], len(rows) - shown)
        if pages == 1 or shown == 0:
            return pdf
        shown = max(0, shown - 2)


def _build(
    problem: Problem, title: str, intro: str, rows: Sequence[NoticeRow], rest: int
) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    font = find_font().name
    heading = ParagraphStyle("heading", fontName=font, fontSize=14, leading=18, wordWrap="CJK")
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    story = [
        WrapOnceParagraph(escape(title), heading),
        Spacer(1, 4 * mm),
        WrapOnceParagraph(escape(intro), body),
    ]
    story += [Spacer(1, 4 * mm), _table(problem, rows, body)]
    if rest > 0:
        zh = problem.event.language == "zh"
        more = f"另有{rest}项调整，见日历。" if zh else f"... and {rest} more changes: see the calendar."
        story += [Spacer(1, 3 * mm), WrapOnceParagraph(more, body)]
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        invariant=1,
        title=title,
        initialFontName=font,
        lang=PDF_LANGUAGE[problem.event.language],
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    document.build(story)
    return out.getvalue(), int(document.page)


def _table(problem: Problem, rows: Sequence[NoticeRow], style: ParagraphStyle) -> Table:
    zh = problem.event.language == "zh"
    header = (
        ("变动", for_event(problem).sessions, "原安排", "新安排")
        if zh
        else ("Change", "Session", "Before", "After")
    )
    data = [[WrapOnceParagraph(escape(text), style) for text in header]]
    data += [
        [
            WrapOnceParagraph(escape(text).replace("\n", "<br/>"), style)
            for text in (r.what, r.session, r.before, r.after)
        ]
        for r in rows
    ]
    table = Table(data, colWidths=(20 * mm, 46 * mm, 57 * mm, 57 * mm), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
