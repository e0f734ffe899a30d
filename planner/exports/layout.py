"""The shared base of every export: day -> room -> sessions, computed once.

Every export format (PDF, iCalendar, spreadsheet, frab) needs the same facts
about a schedule: each assignment joined with its session, room, speakers and
groups, in the event's local time, sorted, grouped by day, room and week, and
compared with the previously published version. ``build_layout`` computes them
once; the formats only render. Everything here is a pure function of
``(problem, schedule, previous)``: no clock, no files.

Stable API (other exports import it):

- ``build_layout(problem, schedule, previous=None, previous_version=None) -> Layout``
- ``Layout.entries`` (sorted by start, room, session, occurrence), ``Layout.days``,
  ``Layout.by_day()``, ``Layout.by_day_room()``, ``Layout.weeks()``,
  ``Layout.for_group(id)``, ``Layout.for_speaker(id)``, ``Layout.for_room(id)``,
  ``Layout.removed`` (previous assignments that are gone), ``Layout.changed``.
- ``Entry``: ``assignment``, ``session``, ``room``, ``speakers``, ``groups``,
  ``start``/``end`` (aware, event zone), ``day``, ``week``, ``period_ids``
  (periods the entry overlaps, never empty), ``changes``.
- ``Week``: ``number``, ``days``, ``period_ids``, ``cell(day, period_id)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from planner.domain.calendar import Grid, week_of
from planner.domain.errors import ExportError
from planner.domain.model import Group, Problem, Room, Session, Speaker
from planner.domain.schedule import Assignment, Schedule, align

_T = TypeVar("_T", Session, Room, Speaker, Group)

#: What can change about an occurrence between two versions; ``new`` marks one absent before.
CHANGE_KINDS = ("new", "time", "room", "speakers", "groups", "title")


@dataclass(frozen=True)
class Entry:
    """One placed occurrence with everything a printed or calendar line shows."""

    assignment: Assignment
    session: Session
    room: Room
    speakers: tuple[Speaker, ...]
    groups: tuple[Group, ...]
    start: dt.datetime
    end: dt.datetime
    week: int
    period_ids: tuple[str, ...]
    changes: tuple[str, ...] = ()

    @property
    def day(self) -> dt.date:
        return self.start.date()

    @property
    def key(self) -> tuple[str, int]:
        return self.assignment.key

    @property
    def identity(self) -> tuple[str, int]:
        """(session, published number): the calendar UID's, which stays with a moved occurrence."""
        return self.assignment.identity

    @property
    def title(self) -> str:
        """The session's title in the event (a schedule solved before a rename still has the old)."""
        return self.session.title

    @property
    def is_changed(self) -> bool:
        return bool(self.changes)


@dataclass(frozen=True)
class Week:
    """One calendar week of the event: its working days and the entries per (day, period)."""

    number: int
    days: tuple[dt.date, ...]
    period_ids: tuple[str, ...]
    entries: tuple[Entry, ...]

    def cell(self, day: dt.date, period_id: str) -> tuple[Entry, ...]:
        """Entries that cover the period on the day (a two-period session fills two cells)."""
        return tuple(e for e in self.entries if e.day == day and period_id in e.period_ids)


@dataclass(frozen=True)
class Layout:
    """A schedule joined with its event, sorted and grouped for rendering."""

    problem: Problem
    schedule: Schedule
    entries: tuple[Entry, ...]
    grid_days: tuple[dt.date, ...]
    previous_version: int | None = None
    removed: tuple[Assignment, ...] = field(default=())

    @property
    def days(self) -> tuple[dt.date, ...]:
        """Working days of the event plus any day an entry falls on, in order."""
        return tuple(sorted(set(self.grid_days) | {e.day for e in self.entries}))

    @property
    def changed(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.is_changed)

    def by_day(self) -> dict[dt.date, tuple[Entry, ...]]:
        """Entries per day that has any, days in order."""
        days: dict[dt.date, list[Entry]] = {}
        for entry in self.entries:
            days.setdefault(entry.day, []).append(entry)
        return {day: tuple(items) for day, items in days.items()}

    def by_day_room(self) -> dict[dt.date, dict[str, tuple[Entry, ...]]]:
        """Day -> room id -> entries; rooms in the event's order."""
        order = {room.id: i for i, room in enumerate(self.problem.rooms)}
        result: dict[dt.date, dict[str, tuple[Entry, ...]]] = {}
        for day, entries in self.by_day().items():
            rooms = sorted({e.room.id for e in entries}, key=order.__getitem__)
            result[day] = {r: tuple(e for e in entries if e.room.id == r) for r in rooms}
        return result

    def weeks(self) -> tuple[Week, ...]:
        """The event's weeks that hold a working day, each with its entries."""
        numbers = sorted({week_of(self.problem.event, d) for d in self.days})
        period_ids = tuple(p.id for p in self.problem.event.periods)
        weeks = []
        for number in numbers:
            days = tuple(d for d in self.days if week_of(self.problem.event, d) == number)
            entries = tuple(e for e in self.entries if e.week == number)
            weeks.append(Week(number, days, period_ids, entries))
        return tuple(weeks)

    def for_group(self, group_id: str) -> Layout:
        return self._where(lambda e: any(g.id == group_id for g in e.groups))

    def for_speaker(self, speaker_id: str) -> Layout:
        return self._where(lambda e: any(s.id == speaker_id for s in e.speakers))

    def for_room(self, room_id: str) -> Layout:
        return self._where(lambda e: e.room.id == room_id)

    def _where(self, keep: Callable[[Entry], bool]) -> Layout:
        return replace(self, entries=tuple(e for e in self.entries if keep(e)))


def build_layout(
    problem: Problem,
    schedule: Schedule,
    previous: Schedule | None = None,
    previous_version: int | None = None,
) -> Layout:
    """Join, sort and compare a schedule once; raises ``ExportError`` on a dangling id."""
    grid = Grid(problem.event)
    before = {a.identity: a for a in previous.assignments} if previous is not None else None
    if previous is not None:  # follow each occurrence by its published number
        schedule = align(previous, schedule)
    index = _Index.of(problem)
    entries = [_entry(problem, index, grid, i, a, before) for i, a in enumerate(schedule.assignments)]
    entries.sort(key=_order(problem))
    removed: tuple[Assignment, ...] = ()
    if previous is not None:
        current = {a.identity for a in schedule.assignments}
        removed = tuple(a for a in previous.assignments if a.identity not in current)
    version = previous_version if previous_version is not None else _version(previous)
    return Layout(problem, schedule, tuple(entries), grid.days, version, removed)


def changes_between(assignment: Assignment, before: Assignment | None) -> tuple[str, ...]:
    """What differs from the previous version's occurrence (``("new",)`` when absent)."""
    if before is None:
        return ("new",)
    found = []
    if (assignment.start, assignment.end) != (before.start, before.end):
        found.append("time")
    pairs = [
        ("room", assignment.room, before.room),
        ("speakers", sorted(assignment.speakers), sorted(before.speakers)),
        ("groups", sorted(assignment.groups), sorted(before.groups)),
        ("title", assignment.title, before.title),
    ]
    found += [name for name, now, then in pairs if now != then]
    return tuple(found)


@dataclass(frozen=True)
class _Index:
    """The event's things by id, built once per layout: a linear search per id is quadratic."""

    sessions: dict[str, Session]
    rooms: dict[str, Room]
    speakers: dict[str, Speaker]
    groups: dict[str, Group]

    @staticmethod
    def of(problem: Problem) -> _Index:
        return _Index(
            {s.id: s for s in problem.sessions},
            {r.id: r for r in problem.rooms},
            {s.id: s for s in problem.speakers},
            {g.id: g for g in problem.groups},
        )


def _entry(
    problem: Problem,
    index_: _Index,
    grid: Grid,
    index: int,
    assignment: Assignment,
    before: dict[tuple[str, int], Assignment] | None,
) -> Entry:
    where = f"assignments[{index}] ({assignment.session} #{assignment.occurrence})"
    session = _find(index_.sessions, assignment.session, f"{where}.session: no session")
    room = _find(index_.rooms, assignment.room, f"{where}.room: no room")
    speakers = tuple(_find(index_.speakers, s, f"{where}.speakers: no speaker") for s in assignment.speakers)
    groups = tuple(_find(index_.groups, g, f"{where}.groups: no group") for g in assignment.groups)
    start = assignment.start.astimezone(problem.event.zone)
    end = assignment.end.astimezone(problem.event.zone)
    changes = changes_between(assignment, before.get(assignment.identity)) if before is not None else ()
    periods = _periods_covered(grid, start, end)
    week = week_of(problem.event, start.date())
    return Entry(assignment, session, room, speakers, groups, start, end, week, periods, changes)


def _find(items: Mapping[str, _T], item_id: str, message: str) -> _T:
    found = items.get(item_id)
    if found is None:
        raise ExportError(f"{message} '{item_id}'")
    return found


def _periods_covered(grid: Grid, start: dt.datetime, end: dt.datetime) -> tuple[str, ...]:
    """Ids of the periods the entry overlaps on its first day, so every entry shows in a grid.

    An entry between periods (a lunch-time visit edited by hand) goes to the
    period before it (the first period when it starts earlier than all).
    """
    begin = start.time()
    finish = end.time() if end.date() == start.date() else dt.time.max
    overlapping = tuple(p.id for p in grid.periods if p.start < finish and p.end > begin)
    if overlapping:
        return overlapping
    before = [p.id for p in grid.periods if p.start <= begin]
    return (before[-1] if before else grid.period_ids[0],)


def _order(problem: Problem) -> Callable[[Entry], tuple[dt.datetime, int, str, int]]:
    rooms = {room.id: i for i, room in enumerate(problem.rooms)}
    return lambda e: (e.start, rooms[e.room.id], e.session.id, e.assignment.occurrence)


def _version(previous: Schedule | None) -> int | None:
    return previous.version if previous is not None else None
