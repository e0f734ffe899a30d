"""The hard rules around one occurrence, checked on a small part of the schedule (moves by hand).

A move by hand changes one assignment, so only the rules that concern it can
change: its room and its features, its speakers (double bookings, limits,
travel, availability), its groups, whatever runs in parallel (exclusive
sessions), its pins, its session's order and weekly pattern, and the sessions
that come before or after it. ``occurrence_violations`` lays out just the
assignments those rules look at and runs the oracle's own checks
(``hard_violations``) on them: no second copy of the rules. It returns exactly
the lines of the full oracle that ``involve`` the occurrence, in the same
order, in a few milliseconds on a 2,000-occurrence event instead of the whole
oracle. The full oracle still runs before a schedule is published.
"""

from __future__ import annotations

import datetime as dt
import re

from planner.domain.model import Problem
from planner.domain.oracle import lay_out
from planner.domain.oracle_hard import hard_violations
from planner.domain.past import kept_past
from planner.domain.schedule import Assignment, Schedule

Key = tuple[str, int]


def occurrence_violations(
    problem: Problem,
    schedule: Schedule,
    key: Key,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
) -> list[str]:
    """The hard violations of ``schedule`` that involve occurrence ``key`` (see ``involves``).

    Equal to ``[l for l in check_schedule(problem, schedule, reference, freeze_before).violations
    if involves(l, a)]`` for the assignment ``a`` of ``key``; ``[]`` when the schedule has no such
    occurrence.
    """
    assignment = schedule.by_key().get(key)
    if assignment is None:
        return []
    problem, _ = kept_past(problem, reference, freeze_before)  # as ``check_schedule``
    nearby = schedule.model_copy(update={"assignments": _nearby(problem, schedule, assignment)})
    view, problems = lay_out(problem, nearby, whole=False)
    lines = problems + hard_violations(view, reference, freeze_before)
    return [line for line in lines if involves(line, assignment)]


def involves(line: str, assignment: Assignment) -> bool:
    """Does an oracle line concern this occurrence?

    It names the occurrence (``a#2``), or it is the weekly rule of its session
    or a daily or weekly limit of one of its speakers.
    """
    label = re.escape(f"{assignment.session}#{assignment.occurrence}")
    if re.search(rf"(?:^|\s){label}(?=[:\s]|$)", line):
        return True
    if line.startswith(f"weekly session '{assignment.session}' "):
        return True
    return any(line.startswith(f"speaker '{speaker}' teaches ") for speaker in assignment.speakers)


def _nearby(problem: Problem, schedule: Schedule, moved: Assignment) -> tuple[Assignment, ...]:
    """The assignments the rules about ``moved`` look at, in schedule order.

    Those of its session and of the sessions before or after it, those sharing a
    speaker or a group with it (all days: limits per week), and everything on its
    day (rooms, exclusive sessions).
    """
    groups = {s.id: set(s.groups) for s in problem.sessions}
    related = {moved.session}
    for session in problem.sessions:
        if session.id == moved.session:
            related |= set(session.after)
        elif moved.session in session.after:
            related.add(session.id)
    speakers, mine = set(moved.speakers), groups.get(moved.session, set())
    zone = problem.event.zone
    day = moved.start.astimezone(zone).date()
    return tuple(
        a
        for a in schedule.assignments
        if a.session in related
        or not speakers.isdisjoint(a.speakers)
        or not mine.isdisjoint(groups.get(a.session, ()))
        or a.start.astimezone(zone).date() == day
    )
