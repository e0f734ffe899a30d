"""The event seen as the model sees it: global slot numbers, feasible starts and rooms.

A slot number is ``t = day * n_periods + period``; an occurrence of length L
starting at ``t`` covers ``t .. t + L - 1`` of the same day. For every
session the index keeps the starts and rooms the hard rules allow. In
explanation mode a start forbidden by a rule of one entity (a speaker's
unavailability, a pin ...) is kept, together with the ``Reason`` that forbids
it, so the model can switch that rule on and off by an assumption literal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.domain.calendar import Grid, Slot
from planner.domain.model import WEEKDAYS, Problem, Session

Reason = tuple[str, str]
"""A rule of one entity: ``("speaker_unavailable", "ada")``, ``("room_clash", "a")``."""


@dataclass
class Index:
    """Feasible starts and rooms of every session, with the reasons behind exclusions."""

    problem: Problem
    grid: Grid
    explain: bool = False
    freeze_before: dt.date | None = None
    frozen: dict[str, set[int]] = field(default_factory=dict)
    starts: list[list[int]] = field(default_factory=list)
    start_reasons: list[dict[int, list[Reason]]] = field(default_factory=list)
    rooms: list[list[int]] = field(default_factory=list)
    room_reasons: dict[tuple[int, int], list[Reason]] = field(default_factory=dict)

    @property
    def n_periods(self) -> int:
        return self.grid.n_periods

    def slot(self, t: int) -> Slot:
        return Slot(t // self.n_periods, t % self.n_periods)

    def day(self, t: int) -> int:
        return t // self.n_periods

    def covers(self, i: int, t: int) -> range:
        return range(t, t + self.problem.sessions[i].length)

    def cover_slots(self, i: int, t: int) -> list[Slot]:
        return [self.slot(u) for u in self.covers(i, t)]

    def build(self) -> Index:
        for i, session in enumerate(self.problem.sessions):
            reasons = {t: self._forbidding(session, t) for t in self._structural_starts(i, session)}
            keep = {t: r for t, r in reasons.items() if not r or (self.explain and None not in r)}
            self.starts.append(sorted(keep))
            self.start_reasons.append({t: [r for r in rs if r is not None] for t, rs in keep.items() if rs})
            self.rooms.append(self._rooms(session))
        return self

    def _structural_starts(self, i: int, session: Session) -> list[int]:
        frozen = self.frozen.get(session.id, set())
        starts = []
        for day in range(self.grid.n_days):
            before_freeze = self.freeze_before is not None and self.grid.days[day] < self.freeze_before
            for period in range(self.n_periods - session.length + 1):
                t = day * self.n_periods + period
                if not before_freeze or t in frozen:
                    starts.append(t)
        return starts

    def _forbidding(self, session: Session, t: int) -> list[Reason | None]:
        """The rules that forbid starting ``session`` at ``t`` (None: a rule that is never relaxed)."""
        problem, grid = self.problem, self.grid
        covered = [self.slot(u) for u in range(t, t + session.length)]
        day, period = grid.days[t // self.n_periods], grid.period_ids[t % self.n_periods]
        found: list[Reason | None] = []
        if session.weekdays is not None and WEEKDAYS[day.weekday()] not in session.weekdays:
            found.append(("session_times", session.id))
        if session.periods is not None and period not in session.periods:
            found.append(("session_times", session.id))
        if any(grid.matches(session.unavailable, s) for s in covered):
            found.append(("session_times", session.id))
        for pin in session.pinned:
            if pin.occurrence is None and (
                (pin.date is not None and pin.date != day)
                or (pin.period is not None and pin.period != period)
            ):
                found.append(("pin", session.id))
        for speaker_id in session.speakers:
            if any(grid.matches(problem.speaker(speaker_id).unavailable, s) for s in covered):
                found.append(("speaker_unavailable", speaker_id))
        for group_id in session.groups:
            if any(grid.matches(problem.group(group_id).unavailable, s) for s in covered):
                found.append(("group_unavailable", group_id))
        return found

    def _rooms(self, session: Session) -> list[int]:
        """Rooms with every feature, enough seats (capacity "hard") and the pinned room."""
        problem = self.problem
        seats = problem.attendance(session)
        pinned = {p.room for p in session.pinned if p.occurrence is None and p.room is not None}
        return [
            r
            for r, room in enumerate(problem.rooms)
            if set(session.features) <= set(room.features)
            and (problem.rules.capacity == "soft" or room.capacity >= seats)
            and (not pinned or room.id in pinned)
        ]

    def room_open(self, r: int, i: int, t: int) -> bool:
        rules = self.problem.rooms[r].unavailable
        return not rules or not any(self.grid.matches(rules, s) for s in self.cover_slots(i, t))


def build_index(
    problem: Problem,
    explain: bool = False,
    freeze_before: dt.date | None = None,
    frozen: dict[str, set[int]] | None = None,
) -> Index:
    """The index of ``problem``; ``frozen`` lists the slots kept from a reference schedule."""
    index = Index(problem, Grid(problem.event), explain, freeze_before, frozen or {})
    return index.build()
