"""A narrower calendar for a multi-week course: the weekdays its schedule hardly uses are closed.

A speaker's day costs the same whether they teach one class or two, and a class's day is best
filled with two lectures side by side; both are cheaper when lectures fall on fewer days. On a
course of several weeks whose schedule leaves a weekday almost empty (the office sample's, after
the first search: Wednesday about 45 occurrences, Monday 33, Friday 23, Thursday 3), the search
does better on the weekdays the first search's schedule uses: the office sample costs 69 instead
of 74 at 60 s and 74 instead of 78 at 30 s, on average over eight seeds and cheaper at every one
(bench/RESULTS.md, "seventeenth session"). Every schedule of the narrowed event keeps every rule
of the event as it is, so it is the event's too; but the narrowed event's optimum may cost more,
so a search of it proves nothing about the event (``Vars.partial``).
"""

from __future__ import annotations

from collections import Counter

from planner.domain.model import WEEKDAYS, Problem, Weekday
from planner.domain.schedule import Schedule

SHARE = 0.1
"""A weekday holding less than this share of the schedule's occurrences is closed."""
MOST_OCCURRENCES = 300
"""Larger events are not narrowed: the narrowed search starts again (a new model, its presolve and
a first search), which costs more there than the narrower calendar gains. Measured at 60 s, two
seeds each: a generated 200-occurrence event 230 and 233 against 240 and 231, a generated 500 event
831 and 829 against 798 and 783."""


def kept_weekdays(problem: Problem, schedule: Schedule) -> tuple[Weekday, ...] | None:
    """The event's weekdays that hold at least ``SHARE`` of ``schedule``'s occurrences, when that
    closes one or more of them on an event of two weeks or more (one week of a conference has
    no weekday to spare: each is a day of its own) of at most ``MOST_OCCURRENCES``; else None."""
    if len(schedule.assignments) > MOST_OCCURRENCES:
        return None
    days = {a.start.date() for a in schedule.assignments}
    weeks = {day.isocalendar()[:2] for day in days}
    if len(weeks) < 2:
        return None
    counts = Counter(WEEKDAYS[a.start.weekday()] for a in schedule.assignments)
    total = sum(counts.values())
    kept = tuple(day for day in problem.event.weekdays if counts[day] >= SHARE * total)
    return kept if 0 < len(kept) < len(problem.event.weekdays) else None


def narrowed(problem: Problem, kept: tuple[Weekday, ...]) -> Problem | None:
    """``problem`` with every session not pinned kept to the weekdays in ``kept`` (those of its
    own that are, when it has its own); a pinned session, or one that would keep none, as it is.
    None when that changes no session."""
    sessions = []
    for session in problem.sessions:
        own = session.weekdays or problem.event.weekdays
        allowed = tuple(day for day in own if day in kept)
        if session.pinned or not allowed or allowed == own:
            sessions.append(session)
        else:
            sessions.append(session.model_copy(update={"weekdays": allowed}))
    if all(a is b for a, b in zip(sessions, problem.sessions, strict=True)):
        return None
    return problem.model_copy(update={"sessions": tuple(sessions)})
