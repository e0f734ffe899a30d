"""Texts and table cells that several printed documents show the same way."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.tables import Table, TableStyle

from planner.domain.model import Period, Room
from planner.exports.layout import Entry, Week
from planner.exports.pdf.document import Context
from planner.exports.pdf.styles import CHANGED_FILL, ruled_table


def runs(cells: Sequence[Sequence[Entry]]) -> list[tuple[int, int]]:
    """The cells of one column of a periods-down grid as runs ``(first, last)``: consecutive cells
    holding the same sessions (one over several periods, or several such side by side) make one
    run, drawn as one merged cell; every other cell is a run of its own."""
    found: list[tuple[int, int]] = []
    row = 0
    while row < len(cells):
        last = row
        while cells[row] and last + 1 < len(cells) and tuple(cells[last + 1]) == tuple(cells[row]):
            last += 1
        found.append((row, last))
        row = last + 1
    return found


def merged(columns: Sequence[Sequence[Sequence[Entry]]]) -> list[tuple[object, ...]]:
    """SPAN commands of a grid whose first row and column are headers: ``columns`` holds, column
    by column, the entries of each period's cell (``runs``)."""
    return [
        ("SPAN", (column, first + 1), (column, last + 1))
        for column, cells in enumerate(columns, start=1)
        for first, last in runs(cells)
        if last > first
    ]


def time_text(entry: Entry) -> str:
    """``08:30–10:00``."""
    return f"{entry.start:%H:%M}–{entry.end:%H:%M}"


def period_text(period: Period) -> str:
    """``上午第一节\\n08:30–10:00`` (the name when given, else the id) and the times."""
    return f"{period.name or period.id}\n{period.start:%H:%M}–{period.end:%H:%M}"


def room_text(room: Room) -> str:
    """The room's name, and its building on a second line when known."""
    return f"{room.name}\n{room.building}" if room.building else room.name


def speakers_text(context: Context, entry: Entry, *, with_unit: bool = False) -> str:
    """Speaker names, one a line, each followed by their organisation's line when asked."""
    lines = []
    for speaker in entry.speakers:
        unit = speaker.organisation if with_unit else None
        lines.append(f"{speaker.name}\n{unit}" if unit else speaker.name)
    return "\n".join(lines)


def groups_text(context: Context, entry: Entry) -> str:
    return context.labels.separator.join(g.name for g in entry.groups)


def title_cell(context: Context, entry: Entry, *, extra: str = "") -> list[Flowable]:
    """The title (plus an optional second line) and, when changed, the red change note."""
    styles = context.styles
    parts: list[Flowable] = [styles.cell_text(entry.title + (f"\n{extra}" if extra else ""))]
    note = context.changed_note(entry)
    if note is not None:
        parts.append(styles.cell_text("▲ " + note, styles.changed))
    return parts


def week_range(context: Context, week: Week) -> str:
    """``第2周（5月18日—5月22日）``."""
    words = context.labels
    if not week.days:
        return words.week(week.number)
    span = f"{words.short_date(week.days[0])}—{words.short_date(week.days[-1])}"
    return words.week(week.number) + words.bracket(span)


def ruled(
    context: Context,
    rows: list[list[object]],
    widths: list[float],
    *,
    header_rows: int = 1,
    changed_rows: tuple[int, ...] = (),
    row_heights: list[float | None] | None = None,
    size: float = 9.5,
) -> Table:
    """A ruled table whose header repeats on each page; changed rows are tinted.

    Chinese line breaking keeps closing punctuation (``）``, ``，``) off the start
    of a line by letting it hang past the line's end: the right padding of a
    Chinese table is one character (``size`` points) wide to hold it inside the cell.
    """
    table = Table(rows, colWidths=widths, rowHeights=row_heights, repeatRows=header_rows)
    style: TableStyle = ruled_table(context.font.name, header_rows)
    if context.labels.language == "zh":
        style.add("RIGHTPADDING", (0, 0), (-1, -1), size + 1)
    for row in changed_rows:
        style.add("BACKGROUND", (0, row), (-1, row), CHANGED_FILL)
    table.setStyle(style)
    return table


def header_row(context: Context, *words: str) -> list[Paragraph]:
    return [context.styles.cell_text(word, context.styles.header) for word in words]
