"""The booklet's overview grids: a week at a glance, or a day at a glance when a week is too dense.

A week grid has days across and periods down, each cell its sessions with
their rooms (and groups, when the event has several and not all attend). It
stays readable up to ``WEEK_CELL_LIMIT`` parallel sessions per cell (a
training week of 60 sessions in 20 slots is 3); denser weeks, such as a
conference with six rooms, get one grid per day with the rooms across.
Each grid is shrunk to one page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Table

from planner.domain.model import Period
from planner.exports.layout import Entry, Week
from planner.exports.pdf.cells import groups_text, merged, period_text, ruled, week_range
from planner.exports.pdf.document import Context, frame_size
from planner.exports.pdf.styles import Styles

#: Type sizes tried for a grid, largest first: the first whose grid fits the page wins.
SIZES = (10, 9, 8, 7, 6)

#: Most sessions in one cell of a week grid before the overview switches to day grids.
WEEK_CELL_LIMIT = 3


def overview(context: Context) -> list[Flowable]:
    """One page per week with sessions (or per day, for dense weeks)."""
    story: list[Flowable] = []
    for week in context.layout.weeks():
        if not week.entries:
            continue
        if _busiest(week) <= WEEK_CELL_LIMIT:
            title = f"{context.labels.overview}  {week_range(context, week)}"
            story += [_page(context, title, partial(week_grid, context, week)), PageBreak()]
            continue
        for day in week.days:
            entries = tuple(e for e in week.entries if e.day == day)
            if entries:
                title = f"{context.labels.overview}  {context.labels.day_text(day)}"
                grid = partial(day_grid, context, day, entries)
                story += [_page(context, title, grid), PageBreak()]
    return story


def week_grid(context: Context, week: Week, size: float = 8) -> Table:
    """Periods x days of one week, type of ``size`` points."""
    words, width = context.labels, frame_size(context)[0]
    styles = context.sized(size)
    header = [words.period] + [f"{words.weekday(d)}\n{words.short_date(d)}" for d in week.days]
    rows: list[list[object]] = [[styles.cell_text(h, styles.header) for h in header]]
    columns = [[week.cell(d, p.id) for p in context.problem.event.periods] for d in week.days]
    for row, period in enumerate(context.problem.event.periods):
        cells = [_week_cell(context, styles, column[row]) for column in columns]
        rows.append([_period_cell(context, period), *cells])
    first = 22 * mm
    widths = [first] + [(width - first) / max(len(week.days), 1)] * len(week.days)
    table = ruled(context, rows, widths, size=size)
    table.setStyle(merged(columns))
    return table


def day_grid(context: Context, day: dt.date, entries: tuple[Entry, ...], size: float = 8) -> Table:
    """Periods x rooms of one day (the conference programme at a glance), type of ``size`` points."""
    words, width = context.labels, frame_size(context)[0]
    rooms = [r for r in context.problem.rooms if any(e.room.id == r.id for e in entries)]
    styles = context.sized(size)
    rows: list[list[object]] = [
        [styles.cell_text(h, styles.header) for h in [words.period] + [r.name for r in rooms]]
    ]
    periods = context.problem.event.periods
    in_room: dict[str, list[Entry]] = {r.id: [] for r in rooms}
    for entry in entries:
        in_room[entry.room.id].append(entry)
    columns = [[[e for e in in_room[r.id] if p.id in e.period_ids] for p in periods] for r in rooms]
    for row, period in enumerate(periods):
        cells = [_day_cell(context, column[row]) for column in columns]
        rows.append([_period_cell(context, period), *[styles.cell_text(c) for c in cells]])
    first = 20 * mm
    table = ruled(context, rows, [first] + [(width - first) / max(len(rooms), 1)] * len(rooms), size=size)
    table.setStyle(merged(columns))
    return table


def _page(context: Context, title: str, grid: Callable[[float], Table]) -> Flowable:
    """The title and the grid in the largest type that fits one page (shrunk if even 6 points do not)."""
    width, height = frame_size(context)
    heading = context.styles.text(title, context.styles.title)
    room = height - heading.wrap(width, height)[1] - heading.getSpaceAfter()
    table = grid(grid_size(grid, width, room))
    return KeepInFrame(width, height, [heading, table], mode="shrink")


def grid_size(
    grid: Callable[[float], Table], width: float, height: float, sizes: tuple[float, ...] = SIZES
) -> float:
    """The largest of ``sizes`` whose grid fits ``width`` x ``height``; the smallest when none does.

    A grid's height never shrinks as its type grows (greedy line breaking of
    wider words never needs fewer lines), so the smallest size is tried first:
    a grid that misses even in 6 points (a conference day with 40 rooms, where
    every size breaks titles letter by letter) is measured once, not five
    times; one that fits is then tried from the largest size down.
    """
    *larger, smallest = sizes
    if not _fits(grid(smallest), width, height):
        return smallest
    return next((size for size in larger if _fits(grid(size), width, height)), smallest)


def _fits(table: Table, width: float, height: float) -> bool:
    return bool(table.wrap(width, height)[1] <= height)


def _period_cell(context: Context, period: Period) -> Flowable:
    """The period's name and times in small type, whatever the grid's size."""
    small = context.sized(7.5)
    return small.cell_text(period_text(period), small.cell_center)


def _busiest(week: Week) -> int:
    return max((len(week.cell(d, p)) for d in week.days for p in week.period_ids), default=0)


def _week_cell(context: Context, styles: Styles, entries: tuple[Entry, ...]) -> list[Flowable]:
    """One paragraph per session: (groups:) title (room)."""
    words, every = context.labels, len(context.problem.groups)
    paragraphs: list[Flowable] = []
    for entry in entries:
        some = every > 1 and 0 < len(entry.groups) < every
        who = groups_text(context, entry) + words.colon if some else ""
        paragraphs.append(
            styles.cell_text(_mark(entry) + who + entry.title + words.bracket(entry.room.name), styles.entry)
        )
    return paragraphs


def _day_cell(context: Context, entries: list[Entry]) -> str:
    return "\n".join(
        _mark(e) + e.title + "\n" + context.labels.separator.join(s.name for s in e.speakers) for e in entries
    )


def _mark(entry: Entry) -> str:
    """``▲`` before a session changed since the previous version."""
    return "▲" if entry.changes else ""
