"""Rooms tidied once a schedule is made: equipment kept for the sessions that need it, and each
class in a room of its own.

The solver's costs say nothing of either. A lecture may land in the computer lab while a plain
classroom stands free, and a class may move between three classrooms in a week: neither costs
anything, yet both read wrong on every printed timetable (and the lab sends the class to another
building). So, after the search, within ``SECONDS``:

- ``spare_equipment``: each session's occurrences in a room with features the session does not ask
  for move together into a plainer room (the session's features, its seats, fewer features it does
  not need) free at all of them, or free once one other session moves aside, whole, to a room no
  less plain for it;
- ``home_rooms``: each group gets a room of its own (``_homes``), and its own sessions move there
  where it fits them, is no less plain for them and is free (a class of 50 hears every lecture in
  第一教室, its self-study included).

Every move keeps every hard rule and raises no cost, by the oracle's word (a repair's change
notices included). Modelled as a cost instead (``room_equipment``, a penalty per occurrence in
such a room while a plainer one is free), keeping the lab free made the office sample's 10 s solves
7 points dearer on average: the rooms of every session at a period became one another's business
(bench/RESULTS.md, twenty-fourth session).
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from planner.domain.model import Problem, Room, Session
from planner.domain.oracle import Report, check_schedule
from planner.domain.oracle_soft import fits
from planner.domain.schedule import Assignment, Schedule

SECONDS = 2.0
"""Most time the moves take (each is checked by the oracle: about 6 ms on the office sample, 0.65 s
on a generated event of 2,000 occurrences)."""

Key = tuple[str, int]
Step = dict[Key, str]
"""A move: the new room of each occurrence (by key) that changes room."""


def tidy_rooms(
    problem: Problem,
    schedule: Schedule,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
    seconds: float = SECONDS,
) -> tuple[Schedule, Report]:
    """``schedule`` with its rooms tidied (see the module docstring), its objective and score the
    oracle's, and the oracle's report on it. A schedule that breaks a hard rule comes back as it is."""
    tidy = Tidy.of(problem, schedule, reference, freeze_before, time.monotonic() + seconds)
    if tidy.report.ok:
        spare_equipment(tidy)
        home_rooms(tidy)
    return tidy.result(schedule), tidy.report


@dataclass
class Tidy:
    """The schedule being tidied, its oracle report, and what each move is checked against."""

    problem: Problem
    schedule: Schedule
    report: Report
    reference: Schedule | None
    freeze_before: dt.date | None
    deadline: float
    check_seconds: float
    """How long the oracle took on the whole schedule: no check starts that would end past the deadline."""
    moved: bool = False
    sessions: dict[str, Session] = field(default_factory=dict)
    rooms: dict[str, Room] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sessions = {s.id: s for s in self.problem.sessions}
        self.rooms = {r.id: r for r in self.problem.rooms}

    @classmethod
    def of(
        cls,
        problem: Problem,
        schedule: Schedule,
        reference: Schedule | None,
        freeze_before: dt.date | None,
        deadline: float,
    ) -> Tidy:
        began = time.monotonic()
        report = check_schedule(problem, schedule, reference, freeze_before)
        return cls(problem, schedule, report, reference, freeze_before, deadline, time.monotonic() - began)

    def late(self) -> bool:
        return time.monotonic() + self.check_seconds > self.deadline

    def first(self, steps: Iterable[Step]) -> bool:
        """Make the first of ``steps`` that keeps every hard rule and raises no cost; False when none
        does (or time is up)."""
        for step in steps:
            if self.late():
                return False
            trial = self.schedule.model_copy(
                update={
                    "assignments": tuple(
                        a.model_copy(update={"room": step.get(a.key, a.room)})
                        for a in self.schedule.assignments
                    )
                }
            )
            tried = check_schedule(self.problem, trial, self.reference, self.freeze_before)
            if tried.ok and tried.objective <= self.report.objective:
                self.schedule, self.report, self.moved = trial, tried, True
                return True
        return False

    def result(self, given: Schedule) -> Schedule:
        if not self.moved:
            return given
        return self.schedule.model_copy(
            update={"objective": self.report.objective, "score": self.report.score}
        )


def needless(session: Session, room: Room) -> int:
    """How many features of ``room`` the session does not ask for."""
    return len(set(room.features) - set(session.features))


def plainer_rooms(problem: Problem, session: Session, room: Room) -> list[Room]:
    """The rooms that fit the session with fewer features it does not need than ``room``, the
    plainest and then the smallest first."""
    found = [
        r
        for r in problem.rooms
        if fits(problem, session, r) and needless(session, r) < needless(session, room)
    ]
    return sorted(found, key=lambda r: (needless(session, r), r.capacity))


def spare_equipment(tidy: Tidy) -> None:
    """Sessions out of rooms whose equipment they do not need (see the module docstring)."""
    for (session_id, room_id), keys in _in_rooms(tidy.schedule.assignments).items():
        if tidy.late():
            return
        tidy.first(_steps(tidy, tidy.sessions[session_id], tidy.rooms[room_id], keys))


def _steps(tidy: Tidy, session: Session, room: Room, keys: set[Key]) -> Iterator[Step]:
    """Into each plainer room free at all of ``keys``, then into each one with a single other session
    in the way, that session moving aside, whole, to a room no less plain for it and free then."""
    problem, schedule = tidy.problem, tidy.schedule
    moving = [a for a in schedule.assignments if a.key in keys]
    plainer = plainer_rooms(problem, session, room)
    for there in plainer:
        if not _in_the_way(schedule, there.id, moving):
            yield dict.fromkeys(keys, there.id)
    for there in plainer:
        blocking = {a.session for a in _in_the_way(schedule, there.id, moving)}
        if len(blocking) != 1:
            continue
        other = tidy.sessions[blocking.pop()]
        aside = [a for a in schedule.assignments if a.session == other.id and a.room == there.id]
        for elsewhere in problem.rooms:
            if elsewhere.id in (there.id, room.id) or needless(other, elsewhere) > needless(other, there):
                continue
            if fits(problem, other, elsewhere) and not _in_the_way(schedule, elsewhere.id, aside):
                yield dict.fromkeys(keys, there.id) | {a.key: elsewhere.id for a in aside}


def home_rooms(tidy: Tidy, passes: int = 3) -> None:
    """Each group's own sessions (those no other group attends) gathered in its home room (see the
    module docstring and ``_homes``). All move at once where the oracle allows it; else session by
    session, where one that another group's session keeps out of a home may get in once that one
    has gone to its own: up to ``passes`` rounds, while sessions move."""

    @functools.cache
    def welcoming(session_id: str, now: str, room_id: str) -> bool:
        session, room = tidy.sessions[session_id], tidy.rooms[room_id]
        return fits(tidy.problem, session, room) and needless(session, room) <= needless(
            session, tidy.rooms[now]
        )

    def welcome(room: Room, a: Assignment) -> bool:
        return welcoming(a.session, a.room, room.id)

    own = {g.id: [a for a in tidy.schedule.assignments if a.groups == (g.id,)] for g in tidy.problem.groups}
    homes = _homes(tidy, own, welcome)
    everyone = {
        a.key: home.id
        for group, home in homes.items()
        for a in own[group]
        if a.room != home.id and welcome(home, a)
    }
    if everyone and tidy.first([everyone]):
        return  # all at once: two classes may sit in each other's homes at one period
    for _ in range(passes):
        moved = False
        for group, home in homes.items():
            away = [a for a in tidy.schedule.assignments if a.groups == (group,) and a.room != home.id]
            for keys in _in_rooms(away).values():
                if tidy.late():
                    return
                moving = [a for a in tidy.schedule.assignments if a.key in keys]
                if welcome(home, moving[0]) and not _in_the_way(tidy.schedule, home.id, moving):
                    moved |= tidy.first([dict.fromkeys(keys, home.id)])
        if not moved:
            return


def _homes(
    tidy: Tidy, own: dict[str, list[Assignment]], welcome: Callable[[Room, Assignment], bool]
) -> dict[str, Room]:
    """Per group, its home: the room, no other group's home, that could hold the most of its own
    occurrences (``own``; ``welcome``: fitting, and no less plain than where they are), then the first in the
    event's order; the largest group first (fewer rooms fit it), and then 一班 in 第一教室, 二班 in
    第二教室 where the groups would take each other's homes alike."""
    problem, homes = tidy.problem, dict[str, Room]()
    order = {r.id: n for n, r in enumerate(problem.rooms)}
    welcomed: dict[tuple[str, str], int] = {}
    for group in problem.groups:
        for room in problem.rooms if own[group.id] else []:
            welcomed[group.id, room.id] = sum(welcome(room, a) for a in own[group.id])
    for group in sorted(problem.groups, key=lambda g: -g.size):
        free = [r for r in problem.rooms if r not in homes.values() and (group.id, r.id) in welcomed]
        if free:
            homes[group.id] = max(free, key=lambda r: (welcomed[group.id, r.id], -order[r.id]))
    ranked = [g.id for g in problem.groups if g.id in homes]
    for n, first in enumerate(ranked):
        for second in ranked[n + 1 :]:
            a, b = homes[first], homes[second]
            alike = (welcomed[first, a.id], welcomed[second, b.id]) == (
                welcomed[first, b.id],
                welcomed[second, a.id],
            )
            if order[a.id] > order[b.id] and alike:
                homes[first], homes[second] = b, a
    return homes


def _in_rooms(assignments: Iterable[Assignment]) -> dict[tuple[str, str], set[Key]]:
    """The occurrences (keys) of each session in each room."""
    found: dict[tuple[str, str], set[Key]] = defaultdict(set)
    for a in assignments:
        found[a.session, a.room].add(a.key)
    return dict(found)


def _in_the_way(schedule: Schedule, room_id: str, moving: list[Assignment]) -> list[Assignment]:
    """The other occurrences in the room while any of ``moving`` runs."""
    keys = {a.key for a in moving}
    there = [a for a in schedule.assignments if a.room == room_id and a.key not in keys]
    return [b for b in there if any(a.start < b.end and b.start < a.end for a in moving)]
