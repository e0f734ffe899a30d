"""Rooms with equipment kept for the sessions that need it, once a schedule is made.

The solver's costs say nothing of equipment: a lecture may land in the computer lab while a plain
classroom stands free, which costs nothing, keeps the lab from nobody in that schedule, and yet
reads wrong on every printed timetable (and sends the class to another building). Each session's
occurrences in a room with features the session does not ask for move together into a plainer
room (the session's features, its seats, fewer features it does not need) that is free at all of
them, when no cost rises and no hard rule breaks (the oracle's word, a repair's moves included).

Modelled as a cost instead (``room_equipment``, a penalty per occurrence in such a room while a
plainer one is free), it made the office sample's 10 s solves 7 points dearer on average: the
rooms of every session at a period became one another's business (bench/RESULTS.md).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterator

from planner.domain.model import Problem, Room, Session
from planner.domain.oracle import Report, check_schedule
from planner.domain.schedule import Assignment, Schedule

SECONDS = 2.0
"""Most time the moves take (each is checked by the oracle: about 6 ms on the office sample)."""


def needless(session: Session, room: Room) -> int:
    """How many features of ``room`` the session does not ask for."""
    return len(set(room.features) - set(session.features))


def plainer_rooms(problem: Problem, session: Session, room: Room) -> list[Room]:
    """The rooms with every feature the session asks for, a seat for everyone expected and fewer
    features it does not need than ``room``, the plainest and then the smallest first."""
    seats, wanted, extra = problem.attendance(session), set(session.features), needless(session, room)
    found = [
        r
        for r in problem.rooms
        if wanted <= set(r.features) and r.capacity >= seats and needless(session, r) < extra
    ]
    return sorted(found, key=lambda r: (needless(session, r), r.capacity))


def spare_equipment(
    problem: Problem,
    schedule: Schedule,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
    seconds: float = SECONDS,
) -> Schedule:
    """``schedule`` with sessions moved out of rooms whose equipment they do not need, where that
    costs nothing (see the module docstring); its objective and score are the oracle's. A schedule
    that breaks a hard rule comes back as it is.

    A session goes to the first plainer room free at all its occurrences there; when none is, to
    one that a single other session occupies at some of them, that session moving aside, whole, to
    a room no less plain for it and free then (three lectures in the lab, each period with another
    classroom taken, need one such step)."""
    deadline = time.monotonic() + seconds
    report = check_schedule(problem, schedule, reference, freeze_before)
    if not report.ok:
        return schedule
    cost, moved = report.objective, False
    rooms = {r.id: r for r in problem.rooms}
    for (session_id, room_id), keys in _in_rooms(schedule).items():
        session = problem.session(session_id)
        for step in _steps(problem, schedule, session, rooms[room_id], keys):
            if time.monotonic() > deadline:
                return _scored(schedule, report) if moved else schedule
            trial = schedule.model_copy(
                update={
                    "assignments": tuple(
                        a.model_copy(update={"room": step.get(a.key, a.room)}) for a in schedule.assignments
                    )
                }
            )
            tried = check_schedule(problem, trial, reference, freeze_before)
            if tried.ok and tried.objective <= cost:
                schedule, report, cost, moved = trial, tried, tried.objective, True
                break
    return _scored(schedule, report) if moved else schedule


def _steps(
    problem: Problem, schedule: Schedule, session: Session, room: Room, keys: set[tuple[str, int]]
) -> Iterator[dict[tuple[str, int], str]]:
    """The moves to try for ``session``'s occurrences ``keys`` in ``room``, as new rooms by
    occurrence: into each plainer room free at all of them, then into each one with a single other
    session in the way, that session moving aside."""
    moving = [a for a in schedule.assignments if a.key in keys]
    plainer = plainer_rooms(problem, session, room)
    for there in plainer:
        if not _in_the_way(schedule, there.id, moving):
            yield dict.fromkeys(keys, there.id)
    for there in plainer:
        blocking = {a.session for a in _in_the_way(schedule, there.id, moving)}
        if len(blocking) != 1:
            continue
        other = problem.session(blocking.pop())
        aside = [a for a in schedule.assignments if a.session == other.id and a.room == there.id]
        for elsewhere in problem.rooms:
            if elsewhere.id in (there.id, room.id) or needless(other, elsewhere) > needless(other, there):
                continue
            if set(other.features) <= set(elsewhere.features) and not _in_the_way(
                schedule, elsewhere.id, aside
            ):
                yield dict.fromkeys(keys, there.id) | {a.key: elsewhere.id for a in aside}


def _in_rooms(schedule: Schedule) -> dict[tuple[str, str], set[tuple[str, int]]]:
    """The occurrences (keys) of each session in each room."""
    found: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)
    for a in schedule.assignments:
        found[a.session, a.room].add(a.key)
    return dict(found)


def _in_the_way(schedule: Schedule, room_id: str, moving: list[Assignment]) -> list[Assignment]:
    """The other occurrences in the room while any of ``moving`` runs."""
    keys = {a.key for a in moving}
    there = [a for a in schedule.assignments if a.room == room_id and a.key not in keys]
    return [b for b in there if any(a.start < b.end and b.start < a.end for a in moving)]


def _scored(schedule: Schedule, report: Report) -> Schedule:
    return schedule.model_copy(update={"objective": report.objective, "score": report.score})
