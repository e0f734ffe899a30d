"""A group's timetable: one week per landscape page, the page participants pin to the wall.

Days run across, periods down; a session longer than one period fills the
cells it covers as one. Each week is shrunk to fit its page, so even a dense
week stays on one sheet.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Table

from planner.exports.layout import Entry, Week
from planner.exports.pdf.cells import merged, period_text, ruled, runs, week_range
from planner.exports.pdf.document import Context, check_id, frame_size, render, standalone
from planner.exports.pdf.styles import CHANGED_FILL


def group_timetable_pdf(context: Context, group_id: str) -> bytes:
    """The weekly timetables of one group of an already built context."""
    check_id(context, "groups", group_id)
    problem = context.problem
    group = problem.group(group_id)
    layout = context.layout_of("groups", group_id)
    weeks = [w for w in layout.weeks() if w.entries] or list(layout.weeks()[:1])
    story: list[Flowable] = []
    for week in weeks:
        story += [week_page(context, group.name, week), PageBreak()]
    title = f"{problem.event.title} {group.name} {context.labels.timetable}"
    return render(context, story[:-1], title=title, wide=True)


group_timetable = standalone(
    group_timetable_pdf, "The weekly timetables of one group, one landscape page per week with its sessions."
)


def week_page(context: Context, group_name: str, week: Week) -> Flowable:
    """Heading and grid of one week, shrunk to one page."""
    styles = context.styles
    heading = [
        styles.text(context.problem.event.title, styles.cover_line),
        styles.text(f"{group_name}{context.labels.timetable}  {week_range(context, week)}", styles.title),
    ]
    width, height = frame_size(context, wide=True)
    return KeepInFrame(width, height, [*heading, week_grid(context, week, width)], mode="shrink")


def week_grid(context: Context, week: Week, width: float) -> Table:
    """Periods x days; consecutive cells of one multi-period session are merged."""
    words = context.labels
    styles = context.sized(11)
    header = [words.period] + [f"{words.weekday(d)}\n{words.short_date(d)}" for d in week.days]
    rows: list[list[object]] = [[styles.cell_text(h, styles.header) for h in header]]
    for period in context.problem.event.periods:
        texts = [_cell_text(context, week.cell(d, period.id)) for d in week.days]
        cells = [styles.cell_text(t, styles.cell_center) for t in texts]
        rows.append([styles.cell_text(period_text(period), styles.cell_center), *cells])
    first = 28 * mm
    table = ruled(
        context, rows, [first] + [(width - first) / max(len(week.days), 1)] * len(week.days), size=11
    )
    table.setStyle([("TOPPADDING", (0, 1), (-1, -1), 9), ("BOTTOMPADDING", (0, 1), (-1, -1), 9)])
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
