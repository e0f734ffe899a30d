"""The working schedule of a draft: kept in the database, checked against the event when reopened.

A schedule solved or moved by hand in the browser is saved with the draft (a
new draft revision, the same conflict rule as every edit), so closing the tab
loses nothing. Reopening a plan shows that working schedule when it still fits
the draft's event, else the latest published schedule; a working schedule that
no longer fits (sessions, rooms or people removed, dates changed) is dropped
and the reasons are returned for the page to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.domain.calendar import Grid
from planner.domain.model import Problem
from planner.domain.schedule import Assignment, Schedule
from planner.storage.repository import Draft, Store


@dataclass(frozen=True)
class Opened:
    """A plan as reopened: its draft, the schedule to show (working or published) and why one was dropped."""

    draft: Draft
    schedule: Schedule | None
    working: bool
    dropped: list[str]


def misfits(problem: Problem, schedule: Schedule) -> list[str]:
    """Why ``schedule`` does not belong to ``problem`` (empty: it fits, occurrence by occurrence)."""
    if schedule.event != problem.event.id:
        return [f"the schedule is of event '{schedule.event}', not '{problem.event.id}'"]
    expected = {(s.id, k) for s in problem.sessions for k in range(1, s.occurrences + 1)}
    found = schedule.by_key()
    reasons = [f"{s}#{k}: no longer in the event" for s, k in sorted(found.keys() - expected)]
    reasons += [f"{s}#{k}: not in the schedule" for s, k in sorted(expected - found.keys())]
    grid = Grid(problem.event)
    for key in sorted(found.keys() & expected):
        reasons += _assignment_misfits(problem, grid, found[key])
    return reasons


def _assignment_misfits(problem: Problem, grid: Grid, assignment: Assignment) -> list[str]:
    name = f"{assignment.session}#{assignment.occurrence}"
    rooms = {r.id for r in problem.rooms}
    people = {s.id for s in problem.speakers} | {g.id for g in problem.groups}
    reasons = [] if assignment.room in rooms else [f"{name}: room '{assignment.room}' no longer exists"]
    gone = [p for p in (*assignment.speakers, *assignment.groups) if p not in people]
    reasons += [f"{name}: '{p}' no longer exists" for p in gone]
    if grid.slot_at(assignment.start) is None:
        reasons.append(f"{name}: {assignment.start:%Y-%m-%d %H:%M} is no longer a period of the event")
    return reasons


def open_plan(store: Store, event_id: str) -> Opened:
    """The latest draft with its working schedule when it fits, else the latest published schedule."""
    draft = store.draft(event_id)
    dropped: list[str] = []
    if draft.schedule is not None:
        dropped = misfits(draft.problem, draft.schedule)
        if not dropped:
            return Opened(draft, draft.schedule, True, [])
    latest = store.latest(event_id)
    return Opened(draft, latest.schedule if latest else None, False, dropped)


def save_working(
    store: Store, problem: Problem, schedule: Schedule, *, revision: int, by: str, now: dt.datetime
) -> int:
    """Keep ``schedule`` with the draft started at ``revision``; ``ConflictError`` when it moved on."""
    return store.save_schedule(problem.event.id, schedule, base=revision, by=by, now=now)
