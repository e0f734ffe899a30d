"""A small event for calendar and conference-app tests, with a hand-written schedule.

Europe/Berlin, 23 March to 3 April 2026: the schedule crosses the change to
daylight time on 29 March (09:00 is 08:00 UTC before it and 07:00 UTC after).
Titles and organisations hold commas and semicolons, a speaker has an e-mail
address (which no calendar may show), one occurrence is cancelled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from planner.domain.calendar import Grid, Slot
from planner.domain.model import Problem
from planner.domain.schedule import Assignment, Schedule
from planner.io.files import read_problem

DATA = Path(__file__).resolve().parents[1] / "data"
BERLIN = ZoneInfo("Europe/Berlin")
GENERATED_AT = dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC)
EMAIL = "ada@example.org"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time in Berlin in March or April 2026 (days past 31 are April)."""
    month, day = (3, day) if day <= 31 else (4, day - 31)
    return dt.datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def dst_problem() -> Problem:
    """``tests/data/minimal.yaml`` with punctuation, an organisation and an e-mail address."""
    problem = read_problem(DATA / "minimal.yaml")
    ada = problem.speaker("ada").model_copy(
        update={"email": EMAIL, "organisation": "Analytical Engine Society, London"}
    )
    logic = problem.session("logic").model_copy(
        update={"title": "Logic, sets; proofs", "course": "Foundations"}
    )
    event = problem.event.model_copy(update={"venue": "City College"})
    speakers = tuple(ada if s.id == "ada" else s for s in problem.speakers)
    sessions = tuple(logic if s.id == "logic" else s for s in problem.sessions)
    return problem.model_copy(update={"event": event, "speakers": speakers, "sessions": sessions})


def occurrence(
    session: str, number: int, start: dt.datetime, end: dt.datetime, room: str, speaker: str
) -> Assignment:
    title = {"intro": "Introduction", "logic": "Logic, sets; proofs", "lab": "Lab"}[session]
    return Assignment(
        session=session, occurrence=number, title=title, start=start, end=end, room=room,
        speakers=(speaker,), groups=("g1",),
    )  # fmt: skip


def dst_schedule() -> Schedule:
    """Five occurrences from Monday 23 March to Wednesday 1 April, version 2."""
    return Schedule(
        event="mini",
        status="feasible",
        objective=3,
        version=2,
        assignments=(
            occurrence("intro", 1, at(23, 9), at(23, 10, 30), "a", "ada"),
            occurrence("logic", 1, at(27, 11), at(27, 12, 30), "b", "alan"),
            occurrence("logic", 2, at(30, 9), at(30, 10, 30), "a", "ada"),
            occurrence("lab", 1, at(32, 11), at(32, 15, 30), "b", "alan"),
        ),
    )


def cancelled_occurrence() -> Assignment:
    """Logic #3, taken out of the schedule after it was published."""
    return occurrence("logic", 3, at(31, 9), at(31, 10, 30), "a", "ada")


def round_robin_schedule(problem: Problem) -> Schedule:
    """Every occurrence in the next (slot, room) in turn: fast, not conflict-free.

    For calendars of any size (a calendar does not care about double bookings);
    the greedy first-fit of ``tests.factories`` takes minutes for 10,000 occurrences.
    """
    grid = Grid(problem.event)
    cells = [(slot, room.id) for slot in grid.slots() for room in problem.rooms]
    assignments, turn = [], 0
    for session in problem.sessions:
        picked = session.candidates.from_[: session.candidates.pick] if session.candidates else ()
        for number in range(1, session.occurrences + 1):
            slot, room = cells[turn % len(cells)]
            turn += 1
            first = Slot(slot.day, min(slot.period, grid.n_periods - session.length))
            assignments.append(
                Assignment(
                    session=session.id,
                    occurrence=number,
                    title=session.title,
                    start=grid.start(first),
                    end=grid.end(first, session.length),
                    room=room,
                    speakers=session.speakers + picked,
                    groups=session.groups,
                )
            )
    return Schedule(event=problem.event.id, status="manual", objective=0, assignments=tuple(assignments))
