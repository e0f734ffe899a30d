"""A speaker's run sheet: every session they give (date, time, room, groups) on one page.

What a lecturer keeps in their diary or an office sends with the invitation:
the speaker's name and organisation, then one ruled row per session. The
table is shrunk to stay on a single page.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Spacer

from planner.exports.layout import Entry
from planner.exports.pdf.cells import groups_text, header_row, room_text, ruled, time_text, title_cell
from planner.exports.pdf.document import Context, check_id, frame_size, render, standalone


def speaker_run_sheet_pdf(context: Context, speaker_id: str) -> bytes:
    """The run sheet of one speaker of an already built context."""
    check_id(context, "speakers", speaker_id)
    problem = context.problem
    speaker = problem.speaker(speaker_id)
    entries = context.layout_of("speakers", speaker_id).entries
    words, styles = context.labels, context.styles
    who = speaker.name + words.bracket(speaker.organisation or "")
    story: list[Flowable] = [
        styles.text(problem.event.title, styles.cover_line),
        styles.text(f"{words.run_sheet}  {who}", styles.title),
        Spacer(1, 3 * mm),
        _table(context, entries) if entries else styles.text(words.no_sessions, styles.body),
    ]
    width, height = frame_size(context)
    return render(
        context, [KeepInFrame(width, height, story, mode="shrink")], title=f"{words.run_sheet} {who}"
    )


speaker_run_sheet = standalone(
    speaker_run_sheet_pdf, "One page listing the speaker's sessions in time order."
)


def _table(context: Context, entries: tuple[Entry, ...]) -> Flowable:
    words, text = context.labels, context.styles.cell_text
    header = header_row(context, words.number, words.date, words.time, words.title, words.room, words.groups)
    rows: list[list[object]] = [header]
    for number, entry in enumerate(entries, start=1):
        day = f"{words.short_date(entry.day)}\n{words.weekday(entry.day)}"
        attendance = f"{words.attendance}{words.colon}{context.problem.attendance(entry.session)}"
        rows.append([
            text(str(number), context.styles.cell_center),
            text(day, context.styles.cell_center),
            text(time_text(entry), context.styles.cell_center),
            title_cell(context, entry),
            text(room_text(entry.room)),
            text(f"{groups_text(context, entry)}\n{attendance}"),
        ])  # fmt: skip
    changed = tuple(i + 1 for i, e in enumerate(entries) if e.changes)
    width = frame_size(context)[0]
    return ruled(
        context, rows, [width * f for f in (0.07, 0.12, 0.14, 0.33, 0.17, 0.17)], changed_rows=changed
    )
