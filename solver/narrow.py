"""A narrower calendar for a multi-week course: the weekdays its schedule hardly uses are closed.

A speaker's day costs the same whether they teach one class or two, and a class's day is best
filled with two lectures side by side; both are cheaper when lectures fall on fewer days. On a
course of several weeks whose schedule leaves a weekday almost empty (the office sample's, after
the first search: Wednesday about 45 occurrences, Monday 33, Friday 23, Thursday 3), the LNS does
better on the weekdays the first search's schedule uses (``lns.improve`` rules the other starts
out once the occurrences there are placed anew). Every schedule it finds keeps every rule of the
event as it is; the event's optimum may use a closed weekday, so the bound is left alone.

Measured on the office sample at 60 s, eight seeds, back to back (bench/RESULTS.md, eighteenth
session): 71.4 on average without narrowing, 65.9 with the narrowed event searched again from the
start (a new model, its presolve and a first search: the seventeenth session's), 64.9 and 66.6
(two runs) narrowed in place as now, which needs no second model.
"""

from __future__ import annotations

from collections import Counter

from planner.domain.model import WEEKDAYS, Problem, Weekday
from planner.domain.schedule import Schedule
from solver.model import Vars

SHARE = 0.1
"""A weekday holding less than this share of the schedule's occurrences is closed."""
MOST_OCCURRENCES = 300
"""Larger events are not narrowed: the generated ones' first schedules leave weekdays nearly empty
too, but searching them without those days cost more. Measured at 60 s, two seeds each: a
generated 500-occurrence event 862 and 841 against 757 and 767 (the LNS narrowed), and 831 and
829 against 798 and 783 (the narrowed event searched again); a generated 200 event 218 and 209
against 211 and 222, no difference."""


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


def closed_starts(v: Vars, schedule: Schedule) -> set[tuple[int, int]]:
    """The starts (session index, slot) of ``v`` on the weekdays ``kept_weekdays`` closes, for
    every session not pinned that keeps one of its own allowed weekdays (a session allowed only
    on closed weekdays keeps them all); none for a repair, which stays near its reference, or a
    partial model."""
    problem = v.index.problem
    kept = None if v.reference is not None or v.partial else kept_weekdays(problem, schedule)
    if kept is None:
        return set()
    index = v.index
    narrowed = [
        not session.pinned and bool(set(session.weekdays or problem.event.weekdays) & set(kept))
        for session in problem.sessions
    ]
    return {(i, t) for (i, t) in v.x if narrowed[i] and WEEKDAYS[index.weekdays[index.day(t)]] not in kept}
