"""A group's timetable: one week per landscape page, the page participants pin to the wall.

Days run across, periods down; a session longer than one period fills the
cells it covers as one. The type is the largest in which every week of the group
fits its page (16 points for a few sessions a day), the same on all pages; a week
too dense even for the smallest is shrunk to fit, so it still stays on one sheet.
"""

from __future__ import annotations

from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Table

from planner.exports.layout import Entry, Week
from planner.exports.pdf.cells import merged, period_text, ruled, runs, week_range
from planner.exports.pdf.document import Context, check_id, frame_size, render, standalone
from planner.exports.pdf.overview import grid_size
from planner.exports.pdf.styles import CHANGED_FILL

#: Type sizes tried for a timetable to pin on the wall, largest first: the largest in which every
#: week of the group fits its page is used on all of them.
SIZES = (16, 14, 13, 12, 11)
SMALLEST = SIZES[-1]


def group_timetable_pdf(context: Context, group_id: str) -> bytes:
    """The weekly timetables of one group of an already built context."""
    check_id(context, "groups", group_id)
    problem = context.problem
    group = problem.group(group_id)
    layout = context.layout_of("groups", group_id)
    weeks = [w for w in layout.weeks() if w.entries] or list(layout.weeks()[:1])
    size = timetable_size(context, group.name, weeks)
    story: list[Flowable] = []
    for week in weeks:
        story += [week_page(context, group.name, week, size), PageBreak()]
    title = f"{problem.event.title} {group.name} {context.labels.timetable}"
    return render(context, story[:-1], title=title, wide=True)


group_timetable = standalone(
    group_timetable_pdf, "The weekly timetables of one group, one landscape page per week with its sessions."
)


def week_page(context: Context, group_name: str, week: Week, size: float = SMALLEST) -> Flowable:
    """Heading and grid of one week in type of ``size`` points, shrunk to one page if need be."""
    width, height = frame_size(context, wide=True)
    return KeepInFrame(
        width,
        height,
        [*_heading(context, group_name, week), week_grid(context, week, width, size)],
        mode="shrink",
    )


def timetable_size(context: Context, group_name: str, weeks: list[Week]) -> float:
    """The type size of every page of a group's timetable: the largest in which each week fits."""
    return min(wall_size(context, group_name, week) for week in weeks)


def wall_size(context: Context, group_name: str, week: Week) -> float:
    """The largest of ``SIZES`` in which the week's grid fits its page below the heading."""
    width, height = frame_size(context, wide=True)
    for flowable in _heading(context, group_name, week):
        height -= flowable.wrap(width, height)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return grid_size(partial(week_grid, context, week, width), width, height, SIZES)


def _heading(context: Context, group_name: str, week: Week) -> list[Flowable]:
    styles = context.styles
    return [
        styles.text(context.problem.event.title, styles.cover_line),
        styles.text(f"{group_name}{context.labels.timetable}  {week_range(context, week)}", styles.title),
    ]


def week_grid(context: Context, week: Week, width: float, size: float = SMALLEST) -> Table:
    """Periods x days in type of ``size`` points; consecutive cells of one multi-period session are
    merged."""
    words = context.labels
    styles = context.sized(size)
    header = [words.period] + [f"{words.weekday(d)}\n{words.short_date(d)}" for d in week.days]
    rows: list[list[object]] = [[styles.cell_text(h, styles.header) for h in header]]
    for period in context.problem.event.periods:
        texts = [_cell_text(context, week.cell(d, period.id)) for d in week.days]
        cells = [styles.cell_text(t, styles.cell_center) for t in texts]
        rows.append([styles.cell_text(period_text(period), styles.cell_center), *cells])
    first = 28 * mm * size / SMALLEST
    table = ruled(
        context, rows, [first] + [(width - first) / max(len(week.days), 1)] * len(week.days), size=size
    )
    padding = round(9 * size / SMALLEST)
    table.setStyle([("TOPPADDING", (0, 1), (-1, -1), padding), ("BOTTOMPADDING", (0, 1), (-1, -1), padding)])
    table.setStyle(_merges_and_marks(week))
    return table


def _cell_text(context: Context, entries: tuple[Entry, ...]) -> str:
    blocks = []
    for entry in entries:
        lines = [entry.title]
        lines += [s.name for s in entry.speakers]
        lines.append(entry.room.name)
        if entry.changes:
            lines.append("▲ " + context.labels.changed_since(context.layout.previous_version))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _merges_and_marks(week: Week) -> list[tuple[object, ...]]:
    """SPAN commands for sessions over several periods; tint for changed sessions."""
    columns = [[week.cell(day, p) for p in week.period_ids] for day in week.days]
    commands = merged(columns)
    for column, cells in enumerate(columns, start=1):
        for first, last in runs(cells):
            if any(e.changes for e in cells[first]):
                commands.append(("BACKGROUND", (column, first + 1), (column, last + 1), CHANGED_FILL))
    return commands
