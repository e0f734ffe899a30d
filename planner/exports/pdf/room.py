"""Door signs: for each day a room is used, one page in large type to hang on its door.

The room's name and building, the date, then each session of the day: time,
title, speakers and groups. A4 landscape, shrunk to one page per day.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer

from planner.domain.model import Room
from planner.exports.layout import Entry
from planner.exports.pdf.cells import groups_text, ruled, time_text
from planner.exports.pdf.document import Context, check_id, frame_size, render, standalone
from planner.exports.pdf.styles import Styles


def room_door_signs_pdf(context: Context, room_id: str) -> bytes:
    """The door signs of one room of an already built context."""
    check_id(context, "rooms", room_id)
    problem = context.problem
    room = problem.room(room_id)
    days = context.layout_of("rooms", room_id).by_day()
    story: list[Flowable] = []
    for day, entries in days.items():
        story += [_sign(context, room, day, entries), PageBreak()]
    if not days:
        story = [_sign(context, room, None, ())]
    title = f"{context.labels.door_sign} {room.name}"
    return render(context, story[:-1] if days else story, title=title, wide=True)


room_door_signs = standalone(
    room_door_signs_pdf, "One landscape page per day the room is used (one page saying so when never)."
)


def _sign(context: Context, room: Room, day: dt.date | None, entries: tuple[Entry, ...]) -> Flowable:
    words = context.labels
    large = context.sized(18)
    place = room.name + words.bracket(room.building or "")
    story: list[Flowable] = [
        large.text(context.problem.event.title, large.cover_line),
        large.text(place, large.cover_title),
        large.text(words.day_text(day) if day else words.no_sessions, large.title),
        Spacer(1, 4 * mm),
    ]
    if entries:
        width = frame_size(context, wide=True)[0]
        rows: list[list[object]] = [_row(context, large, e) for e in entries]
        changed = tuple(i for i, e in enumerate(entries) if e.changes)
        fractions = (0.17, 0.43, 0.2, 0.2)
        story.append(
            ruled(context, rows, [width * f for f in fractions], header_rows=0, changed_rows=changed, size=18)
        )
    width, height = frame_size(context, wide=True)
    return KeepInFrame(width, height, story, mode="shrink")


def _row(context: Context, large: Styles, entry: Entry) -> list[object]:
    """Time, title (with the change note), speakers, groups — in large type."""
    title = entry.title
    note = context.changed_note(entry)
    speakers = "\n".join(s.name for s in entry.speakers)
    return [
        large.cell_text(time_text(entry), large.cell_center),
        [large.cell_text(title), *([large.cell_text("▲ " + note, large.changed)] if note else [])],
        large.cell_text(speakers),
        large.cell_text(groups_text(context, entry)),
    ]
