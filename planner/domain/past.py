"""A repair's past: what started before the freeze happened, whatever the event now says of then.

A lecturer falls ill at lunch and the office marks the whole day away; the
morning's lecture was given all the same. A repair keeps every occurrence that
started before the freeze (``oracle_soft.frozen_assignments``) where it was, so
the event it solves and checks is the changed event with its frozen occurrences'
own speakers, room, groups and session available at the periods those
occurrences cover (``kept_past``): an absence or a closure entered over them
then moves nothing and breaks no rule, and every later period keeps it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from planner.domain.calendar import Grid, Slot, freeze_moment
from planner.domain.model import Problem, Rule, Rules
from planner.domain.oracle_soft import frozen_assignments
from planner.domain.schedule import Assignment, Schedule

Periods = dict[dt.date, set[str]]
"""Per day, the period ids to take out of a set of rules."""


@dataclass(frozen=True)
class Held:
    """A frozen occurrence kept although ``who`` (a speaker, room, group or the session: ``kind``)
    is now marked away or closed at its time."""

    assignment: Assignment
    kind: str
    who: str

    def name(self, problem: Problem) -> str:
        """The speaker's, room's or group's name, or the session's title."""
        things: tuple[Any, ...] = {
            "speaker": problem.speakers,
            "room": problem.rooms,
            "group": problem.groups,
        }.get(self.kind, ())
        found = next((thing.name for thing in things if thing.id == self.who), None)
        return found or (self.assignment.title if self.kind == "session" else self.who)

    def describe(self) -> str:
        """One line for the command line: the occurrence, its time and who is now marked away."""
        a = self.assignment
        return f"{a.session} #{a.occurrence} '{a.title}' {a.start:%Y-%m-%d %H:%M}: {self.kind} {self.who}"


def kept_past(
    problem: Problem, reference: Schedule | None, freeze_before: dt.date | None
) -> tuple[Problem, list[Held]]:
    """``problem`` with the frozen occurrences' speakers, room, groups and session available at the
    periods they cover, and the occurrences that needed it (none, or no repair: ``problem`` itself)."""
    if reference is None or freeze_before is None:
        return problem, []
    grid = Grid(problem.event)
    sessions = {s.id: s for s in problem.sessions}
    taken: dict[tuple[str, str], Periods] = defaultdict(lambda: defaultdict(set))
    held: list[Held] = []
    rules_of = _rules_of(problem)
    for old in frozen_assignments(problem, reference, freeze_before):
        first = grid.slot_at(old.start)
        if first is None:
            continue
        session = sessions[old.session]
        last = min(first.period + session.length, grid.n_periods)
        cover = [Slot(first.day, p) for p in range(first.period, last)]
        owners = [
            ("session", old.session),
            ("room", old.room),
            *(("speaker", k) for k in old.speakers),
            *(("group", g) for g in session.groups),
        ]
        for owner in owners:
            rules = rules_of.get(owner)
            away = [s for s in cover if rules and grid.matches(rules, s)]
            if away:
                held.append(Held(old, *owner))
                for s in away:
                    taken[owner][grid.days[s.day]].add(grid.period_ids[s.period])
    if not held:
        return problem, []
    carved = {owner: carve(rules_of[owner], grid, periods) for owner, periods in taken.items()}
    return _with_rules(problem, carved), held


def unkept(problem: Problem, reference: Schedule | None, freeze_before: dt.date | None) -> list[str]:
    """The oracle's lines on the frozen occurrences that the event no longer lets stay as they were,
    each alone: its session, room or lecturer taken out of the event (a course cut short keeps the
    lectures given: fewer occurrences, not none), a room that lacks what the session now needs, a
    lecturer no longer among its speakers, a time no longer allowed. ``problem`` is the
    repair's event (``kept_past``: absences over them are no reason). A repair refuses these: it
    never moves what has started, nor changes who gave it."""
    from planner.domain.oracle import lay_out
    from planner.domain.oracle_hard import assert_allowed_times, assert_room_fits, assert_speakers_assigned

    if reference is None or freeze_before is None:
        return []
    moment = freeze_moment(problem.event, freeze_before)
    frozen = [a for a in reference.assignments if a.start < moment]  # of sessions removed since too
    view, lines = lay_out(problem, reference.model_copy(update={"assignments": tuple(frozen)}), whole=False)
    return lines + assert_room_fits(view) + assert_speakers_assigned(view) + assert_allowed_times(view)


def carve(rules: Rules, grid: Grid, periods: Periods) -> Rules:
    """The same slots as ``rules`` less ``periods``: each rule matching one of them is split into
    the rule before that day, the rule after it, and that day's other periods."""
    out: list[Rule] = []
    for rule in rules:
        hit = sorted(d for d, ps in periods.items() if _matches_on(rule, grid, d, ps))
        if not hit:
            out.append(rule)
            continue
        fields: dict[str, Any] = rule.model_dump(exclude_none=True)
        if rule.date is None:
            low = rule.from_
            for day in [*hit, None]:
                high = rule.to if day is None else day - dt.timedelta(days=1)
                if low is None or high is None or low <= high:
                    out.append(Rule.model_validate({**fields, "from": low, "to": high}))
                low = None if day is None else day + dt.timedelta(days=1)
        for day in hit:
            left = [p for p in rule.periods or grid.period_ids if p not in periods[day]]
            if left:
                out.append(Rule(date=day, periods=tuple(left)))
    return tuple(out)


def _matches_on(rule: Rule, grid: Grid, day: dt.date, periods: set[str]) -> bool:
    number = grid.day_index(day)
    return number is not None and any(rule.matches(day, grid.weeks[number], p) for p in periods)


def _rules_of(problem: Problem) -> dict[tuple[str, str], Rules]:
    return {
        **{("session", s.id): s.unavailable for s in problem.sessions},
        **{("room", r.id): r.unavailable for r in problem.rooms},
        **{("speaker", k.id): k.unavailable for k in problem.speakers},
        **{("group", g.id): g.unavailable for g in problem.groups},
    }


def _with_rules(problem: Problem, carved: dict[tuple[str, str], Rules]) -> Problem:
    def each(kind: str, items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(_carved(item, carved.get((kind, item.id))) for item in items)

    return problem.model_copy(
        update={
            "sessions": each("session", problem.sessions),
            "rooms": each("room", problem.rooms),
            "speakers": each("speaker", problem.speakers),
            "groups": each("group", problem.groups),
        }
    )


def _carved(item: Any, rules: Rules | None) -> Any:
    return item if rules is None else item.model_copy(update={"unavailable": rules})
