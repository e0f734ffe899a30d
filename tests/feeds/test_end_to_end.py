"""The whole loop over real HTTP: publish, subscribe, make a speaker unavailable, publish again.

The speaker's feed then shows the moved sessions with a higher SEQUENCE,
every untouched session keeps its SEQUENCE, the old ETag gets 200 and the
new one 304. The solver stand-in keeps what still fits and
moves the rest (``repair_solve``).
"""

from __future__ import annotations

import datetime as dt

import httpx

from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.io.files import read_problem
from planner.storage.repository import Store
from planner.usecases.publish import Published, publish
from tests.feeds.calendars import Entry, entries
from tests.feeds.server import serving
from tests.storage.plans import OFFICE, T0, repair_solve, unavailable_on


def movable_day(problem: Problem, schedule: Schedule) -> tuple[str, dt.date]:
    """A speaker and a day they teach on, whose sessions that day are theirs alone and not pinned."""
    for assignment in schedule.assignments:
        session = problem.session(assignment.session)
        if session.speakers and not session.pinned and session.candidates is None:
            day = assignment.start.date()
            speaker = session.speakers[0]
            same_day = [a for a in schedule.assignments if speaker in a.speakers and a.start.date() == day]
            if all(not problem.session(a.session).pinned for a in same_day):
                return speaker, day
    raise AssertionError("the sample has no movable lecture")


def feed_path(result: Published, kind: str, target: str) -> str:
    token = next(f.token for f in result.feeds if (f.kind, f.target) == (kind, target))
    return f"/feeds/{token}.ics"


def check_sequences(before: dict[str, Entry], after: dict[str, Entry]) -> tuple[int, int]:
    """(kept, raised): unchanged entries keep their SEQUENCE, changed ones raise it."""
    kept = raised = 0
    for uid, old in before.items():
        new = after[uid]
        same = (old.start, old.end, old.location, old.status) == (
            new.start,
            new.end,
            new.location,
            new.status,
        )
        assert new.sequence == old.sequence if same else new.sequence > old.sequence, uid
        kept, raised = (kept + 1, raised) if same else (kept, raised + 1)
    return kept, raised


def test_speaker_unavailable_moves_sessions_in_feed(store: Store) -> None:
    problem = read_problem(OFFICE)
    first = publish(store, problem, repair_solve, by="lin", now=T0)
    speaker, day = movable_day(problem, first.version.schedule)
    with serving(store) as base, httpx.Client(base_url=base, timeout=60) as http:
        path, event_path = feed_path(first, "speaker", speaker), feed_path(first, "event", problem.event.id)
        old = http.get(path)
        old_event = http.get(event_path)
        second = publish(
            store, unavailable_on(problem, speaker, day), repair_solve, by="lin", now=T0 + dt.timedelta(1)
        )
        new = http.get(path)
        new_event = http.get(event_path)
        stale, fresh = (http.get(path, headers={"If-None-Match": r.headers["etag"]}) for r in (old, new))

    before, after = entries(old.content), entries(new.content)
    zone = problem.event.zone
    was_that_day = {u for u, e in before.items() if e.start.astimezone(zone).date() == day}
    assert second.version.number == 2
    assert was_that_day
    assert all(
        after[u].status == "CONFIRMED" and after[u].start.astimezone(zone).date() != day for u in was_that_day
    )
    assert all(after[u].sequence == before[u].sequence + 1 for u in was_that_day)
    kept, raised = check_sequences(before, after)
    assert (kept > 0, raised >= len(was_that_day)) == (True, True)
    event_kept, _ = check_sequences(entries(old_event.content), entries(new_event.content))
    assert event_kept > 0
    assert (stale.status_code, fresh.status_code) == (200, 304)
