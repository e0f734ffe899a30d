"""Sign-in sheets (签到表): per occurrence, the group's members with a column to sign.

Training courses in China take attendance on paper: the course, time, room
and speaker at the top, then every member (number, name, unit, signature),
two people side by side so a class of fifty fits on one A4 page. A group
without a member list gets numbered blank lines, one per seat expected.
A member table is the same on every sheet of a session: each PDF draws it
once and shows it again by reference (``forms.Reused``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Unpack

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from planner.domain.model import Group, Member, Problem
from planner.domain.schedule import Schedule
from planner.exports.layout import Entry
from planner.exports.pdf.cells import header_row, room_text, ruled, time_text
from planner.exports.pdf.document import Context, ContextOptions, check_id, frame_size, make_context, render
from planner.exports.pdf.forms import Reused
from planner.exports.pdf.styles import RULE, Styles

#: Every member row is this tall (points): two lines of 8-point type (10.4 leading), room to sign.
ROW_HEIGHT = 22

#: An empty cell (the place to sign). Unlike ``""``, which reportlab writes as an empty line of text.
BLANK: tuple[()] = ()


def sign_in_sheets(
    problem: Problem,
    schedule: Schedule,
    session_id: str | None = None,
    *,
    generated_at: dt.datetime,
    **options: Unpack[ContextOptions],
) -> bytes:
    """Sheets for every occurrence of one session (every session when ``session_id`` is None)."""
    context = make_context(problem, schedule, generated_at=generated_at, **options)
    return sign_in_sheets_pdf(context, session_id)


def sign_in_sheets_pdf(context: Context, session_id: str | None = None) -> bytes:
    """Sign-in sheets of an already built context (every session when ``session_id`` is None)."""
    if session_id is not None:
        check_id(context, "sessions", session_id)
    problem = context.problem
    layout = context.layout if session_id is None else context.layout_of("sessions", session_id)
    story: list[Flowable] = []
    for entry in layout.entries:
        story += [*sheet(context, entry), PageBreak()]
    if not story:
        story = [context.styles.text(context.labels.no_sessions, context.styles.body), PageBreak()]
    return render(context, story[:-1], title=f"{context.labels.sign_in} {session_id or problem.event.title}")


def sheet(context: Context, entry: Entry) -> list[Flowable]:
    """The heading block and one two-column table per group of an occurrence."""
    words, styles = context.labels, context.styles
    facts = [
        (words.title, entry.title),
        (words.time, f"{words.day_text(entry.day)} {time_text(entry)}"),
        (words.room, room_text(entry.room).replace("\n", " ")),
        (words.speakers, words.separator.join(s.name for s in entry.speakers)),
    ]
    story: list[Flowable] = [
        styles.text(context.problem.event.title, styles.cover_line),
        styles.text(words.sign_in, styles.title),
        _facts(context, facts),
    ]
    note = context.changed_note(entry)
    if note is not None:
        story.append(styles.text("▲ " + note, styles.changed))
    groups = entry.groups or ()
    for group in groups:
        away = frozenset(
            i for i, m in enumerate(group.members) if m.on_leave(entry.day, entry.week, entry.period_ids)
        )
        counts = [f"{words.attendance}{words.colon}{group.size}"]
        counts += [f"{words.on_leave}{words.colon}{len(away)}"] if away else []
        heading = group.name + words.bracket(("，" if words.language == "zh" else ", ").join(counts))
        key = f"members of {group.id}" + (f" but {sorted(away)}" if away else "")
        table = _reused(context, key, partial(_members, context, group, away=away))
        story += [Spacer(1, 3 * mm), styles.text(heading, styles.heading), table]
    if not groups:
        seats = context.problem.attendance(entry.session)
        table = _reused(context, f"{seats} seats", partial(_members, context, None, seats))
        story += [Spacer(1, 3 * mm), table]
    return story


def _reused(context: Context, key: str, make: Callable[[], Flowable]) -> Flowable:
    """The table ``make`` builds, built once per context and drawn once per PDF (``forms.Reused``)."""
    return Reused(context.once(key, make), key)


def _facts(context: Context, facts: list[tuple[str, str]]) -> Table:
    """Two label: value pairs per line, unruled."""
    text, words = context.styles.cell_text, context.labels
    cells = [text(f"{label}{words.colon}{value}", context.styles.body) for label, value in facts if value]
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    width = frame_size(context)[0]
    table = Table(rows, colWidths=[width / 2] * 2)
    table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("FONTNAME", (0, 0), (-1, -1), context.font.name)])
    return table


def _members(
    context: Context, group: Group | None, seats: int = 0, away: frozenset[int] = frozenset()
) -> Table:
    """Members in two halves side by side: number, name, unit, signature (twice per row); a member
    on leave (index in ``away``) has 请假 where the signature goes."""
    members: list[Member | None] = list(group.members) if group and group.members else []
    if not members:
        members = [None] * (group.size if group else seats)
    half = (len(members) + 1) // 2
    words = context.labels
    small = context.sized(8)
    rows: list[list[object]] = [
        header_row(context, words.number, words.name, words.unit, words.signature) * 2
    ]

    def person(i: int) -> list[object]:
        return _person(small, i, members[i], words.on_leave if i in away else None)

    for i in range(half):
        rows.append(person(i) + (person(i + half) if i + half < len(members) else [BLANK] * 4))
    width = frame_size(context)[0]
    widths = [width * f for f in (0.05, 0.1, 0.22, 0.13) * 2]
    table = ruled(context, rows, widths, row_heights=[None, *[ROW_HEIGHT] * half], size=8)
    table.setStyle([
        ("LINEAFTER", (3, 0), (3, -1), 1.4, RULE),
        ("TOPPADDING", (0, 1), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 0.5),
    ])  # fmt: skip
    return table


def _person(styles: Styles, index: int, member: Member | None, leave: str | None = None) -> list[object]:
    """Number, name (with the class role, e.g. 班长), unit, an empty box to sign (``leave``, 请假,
    in it for a member on leave)."""
    text = styles.cell_text
    if member is None:
        return [text(str(index + 1), styles.cell_center), BLANK, BLANK, BLANK]
    name = member.name + (f"\n{member.role}" if member.role else "")
    sign = BLANK if leave is None else text(leave, styles.cell_center)
    return [text(str(index + 1), styles.cell_center), text(name), text(member.unit or ""), sign]
