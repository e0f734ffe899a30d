"""The schedule in the browser: week grids by group, room or speaker, a day's grid by room (the
conference organiser's view of parallel tracks), paged lists, moves and pins.

A move by hand is checked by the oracle before it is kept: ``check_move``
returns the schedule with the move applied and the hard rules around the
moved occurrence that it breaks and the schedule did not break before. Keeping a move pins the occurrence
(date, period, room) in the event, so solving again leaves it where it is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from planner.domain.calendar import Grid, Slot, week_of
from planner.domain.errors import InvalidEvent, InvalidSchedule
from planner.domain.model import WEEKDAYS, Pin, Problem
from planner.domain.names import Names
from planner.domain.oracle import Report, check_schedule, lay_out, score_by_rule
from planner.domain.oracle_move import occurrence_violations
from planner.domain.oracle_soft import soft_costs, track_of, tracks
from planner.domain.schedule import Assignment, Schedule
from planner.io.files import problem_to_data
from planner.usecases.edit import EditResult, validate

VIEWS = ("group", "room", "speaker", "track", "day")
Key = tuple[str, int]


@dataclass(frozen=True)
class MoveCheck:
    """A move tried on a copy of the schedule: the result, what it breaks, the score before and after."""

    schedule: Schedule
    broken: list[str]
    objective_before: int
    objective_after: int

    @property
    def ok(self) -> bool:
        return not self.broken


def views(problem: Problem) -> tuple[str, ...]:
    """The views an event has: every one but ``track`` for an event without tracks."""
    return VIEWS if tracks(problem) else tuple(v for v in VIEWS if v != "track")


def targets(problem: Problem, view: str) -> dict[str, str]:
    """The groups, rooms, speakers or conference tracks one can view, id -> name (a track's name is
    its id); the event's days for ``day`` (ISO date -> weekday, ``mon``)."""
    if view == "day":
        return {day.isoformat(): WEEKDAYS[day.weekday()] for day in Grid(problem.event).days}
    if view == "track":
        return {track: track for track in tracks(problem)}
    if view == "group":
        return {g.id: g.name for g in problem.groups}
    if view == "room":
        return {r.id: r.name for r in problem.rooms}
    if view == "speaker":
        return {s.id: s.name for s in problem.speakers}
    raise InvalidEvent([f"view: '{view}' is not one of {', '.join(VIEWS)}"])


def concerns(
    assignment: Assignment, view: str, target: str | None, zone: ZoneInfo, in_track: Mapping[str, str]
) -> bool:
    if target is None:
        return True
    if view == "track":
        return in_track.get(assignment.session) == target
    if view == "day":
        return assignment.start.astimezone(zone).date().isoformat() == target
    if view == "group":
        return target in assignment.groups
    if view == "room":
        return assignment.room == target
    return target in assignment.speakers


def select(
    problem: Problem,
    schedule: Schedule,
    view: str,
    target: str | None,
    text: str = "",
    week: int | None = None,
) -> list[Assignment]:
    """The assignments of one group, room, speaker, track or day, whose title or session id contains
    ``text``."""
    needle = text.strip().lower()
    in_track = track_of(problem)
    titles = {s.id: s.title.lower() for s in problem.sessions}  # the event's, renamed since the solve
    return [
        a
        for a in sorted(schedule.assignments, key=lambda a: (a.start, a.room))
        if concerns(a, view, target, problem.event.zone, in_track)
        and (not needle or needle in titles.get(a.session, a.title.lower()) or needle in a.session.lower())
        and (week is None or week_of(problem.event, a.start.astimezone(problem.event.zone).date()) == week)
    ]


def week_grid(
    problem: Problem, assignments: list[Assignment], week: int, language: str | None = None
) -> list[dict[str, str]]:
    """One row per period, one column per working day of ``week``: the sessions in each cell
    (``Logic #2 · Room A`` / ``调查研究（一班）第2讲 · 第一教室``; no number for a single occurrence)."""
    grid = Grid(problem.event)
    days = [d.isoformat() for d, w in zip(grid.days, grid.weeks, strict=True) if w == week]
    rooms = {r.id: r.name for r in problem.rooms}

    def room(a: Assignment) -> str:
        return rooms.get(a.room, a.room)

    return _grid(problem, assignments, days, lambda _, day: day.isoformat(), room, language)


def day_grid(
    problem: Problem, assignments: list[Assignment], day: dt.date, language: str | None = None
) -> list[dict[str, str]]:
    """One row per period, one column per room used on ``day`` (``@`` and the room's id, in the
    event's order: a room may be called ``period``): the sessions in each cell with their speakers
    (``Keynote · Ada Lovelace``), as a conference's programme shows its parallel tracks."""
    zone = problem.event.zone
    used = {a.room for a in assignments if a.start.astimezone(zone).date() == day}
    rooms = [f"@{r.id}" for r in problem.rooms if r.id in used]
    speakers = {k.id: k.name for k in problem.speakers}
    return _grid(
        problem,
        assignments,
        rooms,
        lambda a, _: f"@{a.room}" if a.start.astimezone(zone).date() == day else "",
        lambda a: ", ".join(speakers.get(k, k) for k in a.speakers),
        language,
    )


def _grid(
    problem: Problem,
    assignments: list[Assignment],
    columns: list[str],
    column: Callable[[Assignment, dt.date], str],
    detail: Callable[[Assignment], str],
    language: str | None,
) -> list[dict[str, str]]:
    """One row per period, one column per ``columns``: in each cell the sessions whose ``column``
    (of the assignment and its day) it is, named with their ``detail`` (``Logic #2 · Room A``)."""
    grid = Grid(problem.event)
    names = Names(problem, language)
    cells: dict[tuple[str, str], list[str]] = {}
    for a in assignments:
        slot = grid.slot_at(a.start)
        if slot is None or (key := column(a, grid.days[slot.day])) not in columns:
            continue
        session = names.sessions.get(a.session)
        length = session.length if session is not None else 1
        label = " · ".join(part for part in (names.of(a), detail(a)) if part)
        for index in range(slot.period, min(slot.period + length, grid.n_periods)):
            cells.setdefault((key, grid.period_ids[index]), []).append(label)
    rows = []
    for period in problem.event.periods:
        row = {"period": f"{period.name or period.id} {period.start:%H:%M}-{period.end:%H:%M}"}
        for key in columns:
            row[key] = " / ".join(cells.get((key, period.id), []))
        rows.append(row)
    return rows


def occurrence_choices(
    problem: Problem, assignments: list[Assignment], language: str | None = None
) -> dict[str, str]:
    """``session#n`` -> the words a picker shows for it: ``调查研究（一班）第2讲 · 05-25 14:30 · 第二教室``
    / ``Logic #2 · 03-24 09:00 · Room A`` (the id added where two would read the same)."""
    rooms = {r.id: r.name for r in problem.rooms}
    names = Names(problem, language)
    words = {}
    for a in assignments:
        which = names.lecture(a.session, a.occurrence)
        start = a.start.astimezone(problem.event.zone)
        words[f"{a.session}#{a.occurrence}"] = f"{which} · {start:%m-%d %H:%M} · {rooms.get(a.room, a.room)}"
    seen = Counter(words.values())
    return {key: text if seen[text] == 1 else f"{text} ({key})" for key, text in words.items()}


def assignment_rows(problem: Problem, assignments: list[Assignment]) -> list[dict[str, Any]]:
    """A plain row per assignment for a paged list: rooms, speakers and groups by name."""
    pinned = {(s.id, p.occurrence) for s in problem.sessions for p in s.pinned}
    zone = problem.event.zone
    titles = {s.id: s.title for s in problem.sessions}
    names = {
        **{g.id: g.name for g in problem.groups},
        **{k.id: k.name for k in problem.speakers},
        **{r.id: r.name for r in problem.rooms},
    }
    return [
        {
            "session": f"{a.session}#{a.occurrence}",
            "title": titles.get(a.session, a.title),
            "date": a.start.astimezone(zone).date().isoformat(),
            "time": f"{a.start.astimezone(zone):%H:%M}-{a.end.astimezone(zone):%H:%M}",
            "room": names.get(a.room, a.room),
            "speakers": ", ".join(names.get(k, k) for k in a.speakers),
            "groups": ", ".join(names.get(g, g) for g in a.groups),
            "pinned": (a.session, a.occurrence) in pinned or (a.session, None) in pinned,
        }
        for a in assignments
    ]


def move(problem: Problem, schedule: Schedule, key: Key, day: dt.date, period: str, room: str) -> Schedule:
    """The schedule with one occurrence moved to (day, period, room); raises when the slot does not exist."""
    grid = Grid(problem.event)
    current = schedule.by_key().get(key)
    if current is None:
        raise InvalidSchedule(f"{key[0]}#{key[1]}: no such occurrence in the schedule")
    d, p = grid.day_index(day), grid.period_index(period)
    if d is None or p is None:
        raise InvalidSchedule(f"{key[0]}#{key[1]}: {day} {period} is not a slot of the event")
    length = problem.session(key[0]).length
    if not grid.is_contiguous(p, length):
        raise InvalidSchedule(f"{key[0]}#{key[1]}: {length} periods from {period} end after the last period")
    moved = current.model_copy(
        update={"start": grid.start(Slot(d, p)), "end": grid.end(Slot(d, p), length), "room": room}
    )
    assignments = tuple(moved if a.key == key else a for a in schedule.assignments)
    return schedule.model_copy(update={"assignments": assignments, "status": "manual"})


def check_move(
    problem: Problem,
    schedule: Schedule,
    key: Key,
    day: dt.date,
    period: str,
    room: str,
    before: Report | None = None,
    published: Schedule | None = None,
    now: dt.datetime | None = None,
) -> MoveCheck:
    """Try a move: the hard rules it newly breaks and the score before and after.

    Only the rules around the moved occurrence are checked (``occurrence_violations``,
    the oracle's checks on the part of the schedule they look at); the soft costs
    are recomputed in full for the score. ``before`` is the oracle's report on
    ``schedule`` when the caller has it already. Publishing runs the whole oracle.
    With the ``published`` schedule and ``now`` (while the event runs: ``calendar.under_way``),
    moving what has started, or anything to a time before ``now``, breaks the freeze rule as in a
    repair.
    """
    before = before or check_schedule(problem, schedule)
    moved = move(problem, schedule, key, day, period, room)
    frozen = (published, now) if published is not None and now is not None else (None, None)
    earlier = set(occurrence_violations(problem, schedule, key, *frozen))
    broken = [line for line in occurrence_violations(problem, moved, key, *frozen) if line not in earlier]
    view, _ = lay_out(problem, moved)
    score = score_by_rule(problem, soft_costs(view, None, None))
    moved = moved.model_copy(update={"objective": sum(score.values()), "score": score})
    return MoveCheck(moved, broken, before.objective, moved.objective)


def pin(problem: Problem, assignment: Assignment) -> EditResult:
    """Pin one occurrence at its date, period and room (replacing an earlier pin of that occurrence)."""
    grid = Grid(problem.event)
    slot = grid.slot_at(assignment.start)
    if slot is None:
        return EditResult(
            None, general=[f"{assignment.session}#{assignment.occurrence}: not on a slot of the event"]
        )
    new = Pin(
        occurrence=assignment.occurrence,
        date=grid.days[slot.day],
        period=grid.period_ids[slot.period],
        room=assignment.room,
    )
    return _set_pins(problem, assignment.session, assignment.occurrence, new)


def unpin(problem: Problem, session_id: str, occurrence: int | None) -> EditResult:
    """Remove the pin of one occurrence (``None``: the pin that applies to every occurrence)."""
    return _set_pins(problem, session_id, occurrence, None)


def _set_pins(problem: Problem, session_id: str, occurrence: int | None, new: Pin | None) -> EditResult:
    data = problem_to_data(problem)
    index = next((i for i, s in enumerate(data.get("sessions", [])) if s["id"] == session_id), None)
    if index is None:
        return EditResult(None, general=[f"sessions: no session '{session_id}'"])
    session = problem.sessions[index]
    pins = [p for p in session.pinned if p.occurrence != occurrence]
    if new is not None:
        pins.append(new)
    data["sessions"][index]["pinned"] = [p.model_dump(mode="json", exclude_none=True) for p in pins]
    return validate(data, "sessions")


def pinned(problem: Problem, language: str | None = None) -> list[tuple[str, int | None, str]]:
    """(session, occurrence, description) of every pin: ``会务管理（一班）第1讲：2026-05-21 下午第二节
    第一教室`` (periods and rooms by name; ``全部讲次`` / ``every occurrence`` for a pin of all)."""
    names = Names(problem, language)
    zh = names.language == "zh"
    periods = {p.id: p.name or p.id for p in problem.event.periods}
    rooms = {r.id: r.name for r in problem.rooms}
    found = []
    for session in problem.sessions:
        for p in session.pinned:
            if p.occurrence is not None:
                which = names.lecture(session.id, p.occurrence)
            elif session.occurrences == 1:
                which = names.course(session.id)
            else:
                which = f"{names.course(session.id)}{'（全部讲次）' if zh else ' (every occurrence)'}"
            parts = (p.date, periods.get(p.period or "", p.period), rooms.get(p.room or "", p.room))
            what = " ".join(str(x) for x in parts if x is not None)
            found.append((session.id, p.occurrence, f"{which}{'：' if zh else ': '}{what}"))
    return found
