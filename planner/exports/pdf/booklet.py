"""The programme booklet: cover, week-by-week overview, one page per day, the sessions' abstracts
(when any has one), speakers and rooms.

A4 portrait, the way a training office prints a course programme: a plain
cover with the title and the hosts, then ruled tables. Each week's overview
is shrunk to one page; day tables repeat their header and never split a row
(one session) across pages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Unpack

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.exports.layout import Entry
from planner.exports.pdf.cells import (
    groups_text,
    header_row,
    room_text,
    ruled,
    speakers_text,
    time_text,
    title_cell,
)
from planner.exports.pdf.document import Context, ContextOptions, frame_size, make_context, render
from planner.exports.pdf.overview import overview


def booklet(
    problem: Problem,
    schedule: Schedule,
    *,
    generated_at: dt.datetime,
    **options: Unpack[ContextOptions],
) -> bytes:
    """The whole programme as one PDF."""
    context = make_context(problem, schedule, generated_at=generated_at, **options)
    return booklet_pdf(context)


def booklet_pdf(context: Context) -> bytes:
    """The programme booklet of an already built context."""
    problem = context.problem
    story = cover(context) + overview(context) + day_pages(context) + abstract_pages(context)
    story += speaker_list(context)
    story += room_list(context) + removed_list(context)
    return render(context, story, title=f"{problem.event.title} {context.labels.programme}")


def cover(context: Context) -> list[Flowable]:
    """Title, the word "programme", hosts, dates, venue, version and printing time."""
    event, words, styles = context.problem.event, context.labels, context.styles
    lines = [words.hosts + words.colon + "  ".join(event.hosts)] if event.hosts else []
    days = context.layout.days
    if days:
        lines.append(words.dates + words.colon + words.date_range(days[0], days[-1]))
    if event.venue:
        lines.append(words.venue + words.colon + event.venue)
    lines += [words.version + words.colon + context.version]
    lines.append(words.printed_at + words.colon + context.printed_at)
    story: list[Flowable] = [Spacer(1, 55 * mm), styles.text(event.title, styles.cover_title)]
    story += [styles.text(words.programme, styles.cover_subtitle), Spacer(1, 30 * mm)]
    story += [styles.text(line, styles.cover_line) for line in lines]
    return [*story, PageBreak()]


def day_pages(context: Context) -> list[Flowable]:
    """One page (more if long) per day: time, title, kind, speakers, room, groups (or track)."""
    words, styles = context.labels, context.styles
    width = frame_size(context)[0]
    by_groups = any(e.groups for e in context.layout.entries)
    last = words.groups if by_groups else words.track
    story: list[Flowable] = []
    for day, entries in context.layout.by_day().items():
        story.append(styles.text(f"{words.day_text(day)}", styles.title))
        rows: list[list[object]] = [
            header_row(context, words.time, words.title, words.kind, words.speakers, words.room, last)
        ]
        rows += [_day_row(context, e, by_groups=by_groups) for e in entries]
        changed = tuple(i + 1 for i, e in enumerate(entries) if e.changes)
        fractions = (0.13, 0.3, 0.11, 0.18, 0.15, 0.13)
        story += [ruled(context, rows, [width * f for f in fractions], changed_rows=changed), PageBreak()]
    return story


def _day_row(context: Context, entry: Entry, *, by_groups: bool) -> list[object]:
    text = context.styles.cell_text
    return [
        text(time_text(entry), context.styles.cell_center),
        title_cell(context, entry),
        text(context.labels.kind_name(entry.session.kind), context.styles.cell_center),
        text(speakers_text(context, entry, with_unit=True)),
        text(room_text(entry.room)),
        text(groups_text(context, entry) if by_groups else entry.session.course or ""),
    ]


def abstract_pages(context: Context) -> list[Flowable]:
    """Each abstract once, in the order its session first meets: the title, who gives it and when
    (the day, time and room of a single meeting; else the first and last day and how many), then
    its paragraphs. Sessions with the same title and abstract (a course taught to each class)
    share one. Nothing when no session has an abstract."""
    words, styles = context.labels, context.styles
    found: dict[tuple[str, str], list[Entry]] = {}
    for entry in context.layout.entries:
        if entry.session.abstract:
            found.setdefault((entry.title, entry.session.abstract), []).append(entry)
    if not found:
        return []
    story: list[Flowable] = [styles.text(words.abstracts, styles.title)]
    for (title, abstract), entries in found.items():
        people = words.separator.join(dict.fromkeys(s.name for e in entries for s in e.speakers))
        about = " · ".join(part for part in (people, _when(context, entries)) if part)
        story.append(KeepTogether([styles.text(title, styles.heading), styles.text(about, styles.muted)]))
        story += [
            styles.text(part.strip(), styles.entry) for part in PARAGRAPHS.split(abstract) if part.strip()
        ]
        story.append(Spacer(1, 3 * mm))
    return [*story, PageBreak()]


PARAGRAPHS = re.compile(r"\n[ \t]*\n")
"""What separates an abstract's paragraphs: a blank line (spaces on it or not)."""


def _when(context: Context, entries: list[Entry]) -> str:
    """``Wednesday 23 September 2026 09:00–10:00 Main Hall``, or for several meetings the first and
    last day and how many: ``2026年5月15日 — 2026年6月26日（9）``."""
    words = context.labels
    if len(entries) == 1:
        entry = entries[0]
        return f"{words.day_text(entry.day)} {time_text(entry)} {entry.room.name}"
    span = words.date_range(entries[0].day, entries[-1].day)
    return span + words.bracket(str(len(entries)))


def speaker_list(context: Context) -> list[Flowable]:
    """Every speaker with a session: name, organisation, number of sessions."""
    words, styles = context.labels, context.styles
    width = frame_size(context)[0]
    rows: list[list[object]] = [
        header_row(context, words.number, words.name, words.organisation, words.sessions)
    ]
    for speaker in context.problem.speakers:
        mine = context.layout_of("speakers", speaker.id).entries
        if not mine:
            continue
        titles = words.separator.join(dict.fromkeys(e.title for e in mine))
        cells = [
            str(len(rows)),
            speaker.name,
            speaker.organisation or "",
            titles + words.bracket(str(len(mine))),
        ]
        rows.append([styles.cell_text(c) for c in cells])
    table = ruled(context, rows, [width * f for f in (0.08, 0.17, 0.3, 0.45)])
    return [styles.text(words.speakers, styles.title), table, Spacer(1, 8 * mm)]


def room_list(context: Context) -> list[Flowable]:
    """Every room: name, building, seats, features."""
    words, styles = context.labels, context.styles
    width = frame_size(context)[0]
    rows: list[list[object]] = [
        header_row(context, words.room, words.building, words.capacity, words.remarks)
    ]
    for room in context.problem.rooms:
        cells = [room.name, room.building or "", str(room.capacity), words.separator.join(room.features)]
        rows.append([styles.cell_text(c) for c in cells])
    table = ruled(context, rows, [width * f for f in (0.3, 0.3, 0.12, 0.28)])
    return [styles.text(words.rooms, styles.title), table]


def removed_list(context: Context) -> list[Flowable]:
    """Occurrences of the previous version that this one no longer has."""
    removed = context.layout.removed
    if not removed:
        return []
    words, styles = context.labels, context.styles
    zone = context.problem.event.zone
    lines = [
        f"{words.day_text(a.start.astimezone(zone).date())} {a.start.astimezone(zone):%H:%M}  {a.title}"
        for a in removed
    ]
    title = words.cancelled + words.bracket(words.changed_since(context.layout.previous_version))
    return [
        Spacer(1, 8 * mm),
        styles.text(title, styles.heading),
        *[styles.text(line, styles.body) for line in lines],
    ]
