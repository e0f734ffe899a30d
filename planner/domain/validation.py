"""Validation of an event, with messages that name the item and the field.

The pydantic models check the shape (types, required fields, ranges), item by
item (``planner.domain.parts``); the checks here test what only the whole
event can tell (references, duplicates, the calendar, rooms that can host each
session) on every item that validated. Every problem is reported at once, one
line each: ``sessions[4].speakers[0]: no speaker 'li-wei'``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from planner.domain.calendar import Grid
from planner.domain.errors import InvalidEvent
from planner.domain.messages import describe_pydantic_errors, format_location, parse_location
from planner.domain.model import RECORDS, Event, Problem, Room, Rule, Session, booked_periods
from planner.domain.parts import Parts, split_problem

__all__ = [
    "calendar_notes",
    "check_parts",
    "check_problem",
    "describe_pydantic_errors",
    "event_notes",
    "format_location",
    "parse_location",
]

MAX_DAYS = 1096
"""Longest event Huiwu plans, in days (three years): longer spans are typing mistakes."""
YEARS = (1900, 2999)
"""First and last year of an event: calendars, time zones and feeds stay well inside them."""


def validate_problem(data: Any) -> Problem:
    """Parsed data (mappings and lists) to a ``Problem``; ``InvalidEvent`` lists every problem."""
    if not isinstance(data, dict):
        raise InvalidEvent(["file: expected a mapping with event, rooms, speakers, groups, sessions"])
    parts = split_problem(data)
    problems = [*parts.problems, *check_parts(parts)]
    if problems:
        raise InvalidEvent(problems)
    return parts.problem()


def check_problem(problem: Problem) -> list[str]:
    """Every problem of meaning in a structurally valid event, one line each."""
    return check_parts(Parts.of(problem))


def check_parts(parts: Parts) -> list[str]:
    """Every problem of meaning among the parts that validated."""
    grid = calendar_grid(parts)
    return [
        *check_event(parts, grid),
        *check_unique_ids(parts),
        *check_rules(parts),
        *check_leave(parts),
        *check_sessions(parts, grid),
        *check_precedence(parts),
        *check_group_load(parts, grid),
    ]


def calendar_grid(parts: Parts) -> Grid | None:
    """The grid, when the whole header validated and its dates make sense."""
    event = parts.event
    if event is None or not parts.whole_event or _date_problems(event.start, event.end):
        return None
    return Grid(event)


def _date_problems(start: dt.date, end: dt.date) -> list[str]:
    """Dates the calendar cannot hold: out of range, backwards, too long."""
    lines = [
        f"event.{name}: {day} is outside the years {YEARS[0]} to {YEARS[1]}"
        for name, day in (("start", start), ("end", end))
        if not YEARS[0] <= day.year <= YEARS[1]
    ]
    days = (end - start).days + 1
    if end < start:
        lines.append(f"event.end: the last date {end} is before the first date {start}")
    elif days > MAX_DAYS and not lines:
        lines.append(f"event.end: the event lasts {days} days; Huiwu plans events of at most {MAX_DAYS} days")
    return lines


def check_event(parts: Parts, grid: Grid | None) -> list[str]:
    event = parts.event
    if event is None:
        return []
    lines = _date_problems(event.start, event.end)
    if grid is not None and grid.n_days == 0:
        lines.append("event: no working day between event.start and event.end")
    for j, (a, b) in enumerate(zip(event.periods, event.periods[1:], strict=False), start=1):
        if b.start < a.end:
            lines.append(
                f"event.periods[{j}]: '{b.id}' starts at {b.start:%H:%M}, before '{a.id}' ends at "
                f"{a.end:%H:%M} (periods must be in order and must not overlap)"
            )
    lines += _duplicates("event.periods", list(enumerate(p.id for p in event.periods)), "period")
    return lines


def calendar_notes(event: Event) -> list[str]:
    """Dates of the event's calendar lists that change nothing, one line per list: days off or
    working days outside the event's dates, and extra working days that are also off (the day
    stays off). Notes, not problems: a whole year's public holidays pasted in is a fair thing to
    do, but a working weekend (调休) a year off, or one that is also a holiday, is a slip the
    staff would want to hear of."""
    lines = []
    for name in ("holidays", "blackout", "extra_days"):
        dates: tuple[dt.date, ...] = getattr(event, name)
        if outside := sorted({day for day in dates if not event.start <= day <= event.end}):
            listed = ", ".join(day.isoformat() for day in outside)
            span = f"{event.start} to {event.end}"
            lines.append(f"event.{name}: outside the event ({span}), changing nothing: {listed}")
    off = set(event.holidays) | set(event.blackout)
    lines += [
        f"event.extra_days[{j}]: {day} is also a day off (holidays or blackout), so nothing takes place on it"
        for j, day in enumerate(event.extra_days)
        if day in off
    ]
    return lines


def event_notes(problem: Problem) -> list[str]:
    """Everything in a valid event worth a word that is no error: calendar dates that change
    nothing (``calendar_notes``), and speakers and groups no session names (one entered but not
    yet given a lecture is a common slip; the solver leaves them out without a word)."""
    taught = {k for s in problem.sessions for k in s.named_speakers}
    attending = {g for s in problem.sessions for g in s.groups}
    return [
        *calendar_notes(problem.event),
        *(
            f"speakers[{i}]: no session names '{k.id}'"
            for i, k in enumerate(problem.speakers)
            if k.id not in taught
        ),
        *(
            f"groups[{i}]: no session names '{g.id}'"
            for i, g in enumerate(problem.groups)
            if g.id not in attending
        ),
    ]


def check_unique_ids(parts: Parts) -> list[str]:
    return [
        *_duplicates("rooms", [(i, r.id) for i, r in parts.rooms], "room"),
        *_duplicates("speakers", [(i, s.id) for i, s in parts.speakers], "speaker"),
        *_duplicates("groups", [(i, g.id) for i, g in parts.groups], "group"),
        *_duplicates("sessions", [(i, s.id) for i, s in parts.sessions], "session"),
    ]


def _duplicates(where: str, ids: Sequence[tuple[int, str]], what: str) -> list[str]:
    seen: set[str] = set()
    lines = []
    for index, item in ids:
        if item in seen:
            lines.append(f"{where}[{index}].id: duplicate {what} id '{item}'")
        seen.add(item)
    return lines


def check_rules(parts: Parts) -> list[str]:
    """Periods named in availability rules exist."""
    if parts.event is None:
        return []
    owners: list[tuple[str, tuple[Rule, ...]]] = [
        *((f"rooms[{i}].unavailable", r.unavailable) for i, r in parts.rooms),
        *((f"groups[{i}].unavailable", g.unavailable) for i, g in parts.groups),
        *((f"sessions[{i}].unavailable", s.unavailable) for i, s in parts.sessions),
        *(
            (f"groups[{i}].members[{m}].{record}", getattr(member, record))
            for i, g in parts.groups
            for m, member in enumerate(g.members)
            for record in RECORDS
        ),
        *(
            (f"speakers[{i}].{name}", getattr(s, name))
            for i, s in parts.speakers
            for name in ("unavailable", "preferred", "undesired")
        ),
    ]
    periods = parts.ids("periods")
    return [
        f"{where}[{j}].periods[{k}]: no period '{period}'"
        for where, rules in owners
        for j, rule in enumerate(rules)
        for k, period in enumerate(rule.periods or ())
        if period not in periods
    ]


def check_leave(parts: Parts) -> list[str]:
    """A member's leave, absences and late arrivals meet the event: one wholly in another year or
    month is a slip of the pen and would mark nothing (one running on past either end is kept)."""
    event = parts.event
    if event is None:
        return []
    return [
        f"groups[{i}].members[{m}].{record}[{j}].{field}: {day} is outside the event "
        f"({event.start} to {event.end})"
        for i, group in parts.groups
        for m, member in enumerate(group.members)
        for record in RECORDS
        for j, rule in enumerate(getattr(member, record))
        for field, day in _outside(rule, event.start, event.end)
    ]


def _outside(rule: Rule, start: dt.date, end: dt.date) -> list[tuple[str, dt.date]]:
    """The fields of ``rule`` that put it wholly outside the dates ``start`` to ``end``."""
    found = []
    if rule.date is not None and not start <= rule.date <= end:
        found.append(("date", rule.date))
    if rule.from_ is not None and rule.from_ > end:
        found.append(("from", rule.from_))
    if rule.to is not None and rule.to < start:
        found.append(("to", rule.to))
    return found


def check_sessions(parts: Parts, grid: Grid | None) -> list[str]:
    lines = []
    for index, session in parts.sessions:
        where = f"sessions[{index}]"
        lines += _session_references(parts, session, where)
        lines += _session_fits(parts, grid, session, where)
        lines += _session_pins(parts, grid, session, where)
    return lines


def _session_references(parts: Parts, session: Session, where: str) -> list[str]:
    speakers = parts.ids("speakers")
    lines = [
        *_unknown(f"{where}.speakers", session.speakers, speakers, "speaker"),
        *_unknown(f"{where}.groups", session.groups, parts.ids("groups"), "group"),
        *_unknown(f"{where}.after", session.after, parts.ids("sessions"), "session"),
    ]
    lines += [
        f"{where}.after[{i}]: a session cannot follow itself"
        for i, s in enumerate(session.after)
        if s == session.id
    ]
    if parts.event is not None:
        lines += _unknown(f"{where}.periods", session.periods or (), parts.ids("periods"), "period")
    if session.candidates is not None:
        pool, pick = session.candidates.from_, session.candidates.pick
        lines += _unknown(f"{where}.candidates.from", pool, speakers, "speaker")
        lines += [
            f"{where}.candidates.from[{i}]: '{k}' is already a fixed speaker of the session"
            for i, k in enumerate(pool)
            if k in session.speakers
        ]
        if pick > len(set(pool)):
            lines.append(f"{where}.candidates.pick: picks {pick} speakers from only {len(set(pool))}")
    return lines


def _unknown(where: str, values: Sequence[str], known: set[str], what: str) -> list[str]:
    """``sessions[4].speakers[0]: no speaker 'li-wei'`` for each value not among the known ids."""
    return [f"{where}[{i}]: no {what} '{value}'" for i, value in enumerate(values) if value not in known]


def attendance(parts: Parts, session: Session) -> int:
    """Expected attendance (``Problem.attendance``) over the groups that validated."""
    if session.attendance is not None:
        return session.attendance
    sizes = {g.id: g.size for _, g in parts.groups}
    return sum(sizes.get(g, 0) for g in session.groups)


def _session_fits(parts: Parts, grid: Grid | None, session: Session, where: str) -> list[str]:
    lines = [
        f"{where}.{name}: an empty list allows no {one} at all (leave it out to allow every {one})"
        for name, one in (("weekdays", "weekday"), ("periods", "period"))
        if getattr(session, name) == ()
    ]
    if grid is not None and session.length > grid.n_periods:
        lines.append(
            f"{where}.length: {session.length} periods is longer than a day ({grid.n_periods} periods)"
        )
    if grid is not None and grid.n_days and session.occurrences > grid.n_days * grid.n_periods:
        lines.append(
            f"{where}.occurrences: {session.occurrences} occurrences but the calendar holds only "
            f"{grid.n_days * grid.n_periods} periods"
        )
    if grid is not None and grid.n_days and (session.min_days or 0) > grid.n_days:
        lines.append(
            f"{where}.min_days: asks for {session.min_days} distinct days but the event has only "
            f"{grid.n_days} working days"
        )
    if parts.failed["rooms"] or not parts.rooms:
        return lines  # judged against every room once they all validate
    rooms = [r for _, r in parts.rooms]
    known = {f for room in rooms for f in room.features}
    missing = [f for f in session.features if f not in known]
    lines += [f"{where}.features: no room has '{f}'" for f in missing]
    if not missing and not any(set(session.features) <= set(r.features) for r in rooms):
        lines.append(f"{where}.features: no room has all of {', '.join(session.features)}")
    seats = attendance(parts, session)
    largest = max(r.capacity for r in rooms)
    if parts.rules is not None and parts.rules.capacity == "hard" and seats > largest:
        lines.append(f"{where}: expects {seats} people but the largest room seats {largest}")
    return lines


def _session_pins(parts: Parts, grid: Grid | None, session: Session, where: str) -> list[str]:
    rooms = {r.id: r for _, r in parts.rooms}
    lines = []
    for i, pin in enumerate(session.pinned):
        at = f"{where}.pinned[{i}]"
        if pin.occurrence is not None and pin.occurrence > session.occurrences:
            lines.append(f"{at}.occurrence: the session has only {session.occurrences} occurrence(s)")
        if pin.room is not None and pin.room not in parts.ids("rooms"):
            lines.append(f"{at}.room: no room '{pin.room}'")
        elif pin.room in rooms:
            lines += _pinned_room(parts, session, rooms[pin.room], f"{at}.room")
        if grid is not None:
            lines += _pinned_slot(grid, session, pin.period, pin.date, at)
    return lines


def _pinned_room(parts: Parts, session: Session, room: Room, at: str) -> list[str]:
    lines = [f"{at}: room '{room.id}' has no '{f}'" for f in session.features if f not in room.features]
    seats = attendance(parts, session)
    if parts.rules is not None and parts.rules.capacity == "hard" and seats > room.capacity:
        lines.append(f"{at}: room '{room.id}' seats {room.capacity} but the session expects {seats} people")
    return lines


def _pinned_slot(grid: Grid, session: Session, period: str | None, date: Any, at: str) -> list[str]:
    event, lines = grid.event, []
    if period is not None:
        index = grid.period_index(period)
        if index is None:
            lines.append(f"{at}.period: no period '{period}'")
        elif index + session.length > grid.n_periods:
            lines.append(
                f"{at}.period: a session of {session.length} periods starting at '{period}' "
                "ends after the last period"
            )
    if date is not None:
        if not event.start <= date <= event.end:
            lines.append(f"{at}.date: {date} is outside the event ({event.start} to {event.end})")
        elif date in event.holidays:
            lines.append(f"{at}.date: {date} is a holiday")
        elif grid.day_index(date) is None:
            lines.append(f"{at}.date: {date} is not a working day")
    return lines


def check_precedence(parts: Parts) -> list[str]:
    """``after`` must not go round in a circle (a before b before a)."""
    after = {s.id: [a for a in s.after if a != s.id] for _, s in parts.sessions}
    lines = []
    for index, session in parts.sessions:
        cycle = _cycle_from(session.id, after)
        if cycle and cycle[0] == min(cycle):
            lines.append(
                f"sessions[{index}].after: goes round in a circle: {' -> '.join([*cycle, cycle[0]])}"
            )
    return lines


def _cycle_from(start: str, after: dict[str, list[str]]) -> list[str]:
    """The sessions of a cycle through ``start`` (in order), or [] when there is none."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in after.get(node, ()):
            if nxt == start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []


def check_group_load(parts: Parts, grid: Grid | None) -> list[str]:
    """A group cannot attend more periods than the calendar holds."""
    if grid is None or grid.n_days == 0:
        return []  # no working day is reported by check_event
    capacity = grid.n_days * grid.n_periods
    load = booked_periods((session for _, session in parts.sessions), "groups")
    return [
        f"groups[{index}]: '{group.name}' is booked for {load[group.id]} periods "
        f"but the calendar holds only {capacity}"
        for index, group in parts.groups
        if load[group.id] > capacity
    ]
