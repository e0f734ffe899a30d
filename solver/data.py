"""The event seen as the model sees it: global slot numbers, feasible starts and rooms.

A slot number is ``t = day * n_periods + period`` (``Grid.number``); an occurrence of length L
starting at ``t`` covers ``t .. t + L - 1`` of the same day. For every
session the index keeps the starts and rooms the hard rules allow. In
explanation mode a start forbidden by a rule of one entity (a speaker's
unavailability, a pin ...) is kept, together with the ``Reason`` that forbids
it, so the model can switch that rule on and off by an assumption literal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from planner.domain.calendar import Grid, Slot, freeze_moment
from planner.domain.model import WEEKDAYS, Group, Problem, Rules, Session, Speaker
from planner.domain.oracle_soft import oversized_rooms

Reason = tuple[str, str]
"""A rule of one entity: ``("speaker_unavailable", "ada")``, ``("room_clash", "a")``."""


@dataclass
class Index:
    """Feasible starts and rooms of every session, with the reasons behind exclusions."""

    problem: Problem
    grid: Grid
    explain: bool = False
    freeze_before: dt.date | None = None
    """A date (from its midnight) or a moment: ``calendar.freeze_moment``."""
    frozen: dict[str, set[int]] = field(default_factory=dict)
    starts: list[list[int]] = field(default_factory=list)
    start_reasons: list[dict[int, list[Reason]]] = field(default_factory=list)
    rooms: list[list[int]] = field(default_factory=list)
    max_rooms: int | None = None
    n_periods: int = 0
    speakers: dict[str, Speaker] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    weekdays: list[int] = field(default_factory=list)
    """Per day of the grid, its weekday (0 Monday)."""
    _blocked: dict[int, tuple[Rules, frozenset[int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.n_periods = self.grid.n_periods
        self.weekdays = [day.weekday() for day in self.grid.days]
        self.speakers = {k.id: k for k in self.problem.speakers}
        self.groups = {g.id: g for g in self.problem.groups}

    def blocked(self, rules: Rules) -> frozenset[int]:
        """The slot numbers matched by ``rules`` (computed once per set of rules)."""
        cached = self._blocked.get(id(rules))
        if cached is None:
            slots = self.grid.slots()
            found = frozenset(self.grid.number(s) for s in slots if rules and self.grid.matches(rules, s))
            cached = self._blocked[id(rules)] = (rules, found)  # keeps ``rules`` alive: ids stay unique
        return cached[1]

    def is_blocked(self, rules: Rules, i: int, t: int) -> bool:
        """Does ``rules`` match any period the occurrence of session i starting at t covers?"""
        if not rules:
            return False
        blocked = self.blocked(rules)
        return any(u in blocked for u in self.covers(i, t))

    def slot(self, t: int) -> Slot:
        return Slot(t // self.n_periods, t % self.n_periods)

    def day(self, t: int) -> int:
        return t // self.n_periods

    def pattern(self, t: int) -> tuple[int, int]:
        """The weekday (0 Monday) and period of start ``t``: what a weekly session keeps."""
        day, period = divmod(t, self.n_periods)
        return (self.weekdays[day], period)

    def covers(self, i: int, t: int) -> range:
        return range(t, t + self.problem.sessions[i].length)

    def cover_slots(self, i: int, t: int) -> list[Slot]:
        return [self.slot(u) for u in self.covers(i, t)]

    def build(self) -> Index:
        """Starts and rooms of every session (in explanation mode, forbidden starts with their reasons)."""
        for i, session in enumerate(self.problem.sessions):
            held = _pinned_starts(session)
            reasons = {t: self._forbidding(session, t, held) for t in self._structural_starts(i, session)}
            keep = {t: r for t, r in reasons.items() if self.explain or not r}
            self.starts.append(sorted(keep))
            self.start_reasons.append({t: r for t, r in keep.items() if r})
            self.rooms.append(self.allowed_rooms(session))
        self._limit_rooms()
        return self

    def size(self) -> int:
        """Room variables the model will have: the measure of its size."""
        return sum(len(starts) * len(rooms) for starts, rooms in zip(self.starts, self.rooms, strict=True))

    def limit_rooms(self, max_rooms: int, used: Mapping[str, Collection[str]] | None = None) -> None:
        """Keep ``max_rooms`` rooms per session (``_limit_rooms``), and the rooms ``used`` names for
        it: those a schedule to stay near holds it in (a repair's reference, a start)."""
        self.max_rooms = max_rooms
        self._limit_rooms(used)

    def _limit_rooms(self, used: Mapping[str, Collection[str]] | None = None) -> None:
        """On large events keep ``max_rooms`` fitting rooms per session, spreading the demand.

        Sessions are taken largest first; each keeps the fitting rooms with the
        least demand so far (smaller rooms first on ties), so no room is
        everybody's only choice, and every room a pin of one of its occurrences
        names. All but one of them, where it has enough, are rooms where it
        costs no ``room_fit``: chosen by demand alone, a class of 20 kept two
        rooms of 100 seats while the rooms of 40 were everybody's second
        thought (the generated 2,000 event's greedy schedule cost 4,103, 1,176
        of it ``room_fit``; now 3,788 and 819). A model found infeasible this
        way is solved again with every room (``solver.run``).
        """
        if self.max_rooms is None:
            return
        rooms, sessions = self.problem.rooms, self.problem.sessions
        demand = [0.0] * len(rooms)
        order = sorted(range(len(sessions)), key=lambda i: -self.problem.attendance(sessions[i]))
        for i in order:
            if len(self.rooms[i]) <= self.max_rooms:
                chosen = self.rooms[i]
            else:
                ranked = sorted(self.rooms[i], key=lambda r: (demand[r], rooms[r].capacity))
                oversized = oversized_rooms(self.problem, sessions[i])
                snug = [r for r in ranked if rooms[r].id not in oversized][: max(1, self.max_rooms - 1)]
                rest = [r for r in ranked if r not in snug][: self.max_rooms - len(snug)]
                named = {p.room for p in sessions[i].pinned} | set((used or {}).get(sessions[i].id, ()))
                chosen = sorted({*snug, *rest, *(r for r in ranked if rooms[r].id in named)})
            self.rooms[i] = chosen
            for r in chosen:
                demand[r] += sessions[i].occurrences * sessions[i].length / len(chosen)

    def _structural_starts(self, i: int, session: Session) -> list[int]:
        frozen = self.frozen.get(session.id, set())
        starts = []
        for day in range(self.grid.n_days):
            for period in range(self.n_periods - session.length + 1):
                t = self.grid.number(Slot(day, period))
                if t >= self.open_from or t in frozen or self.explain:  # else ``_forbidding``'s freeze
                    starts.append(t)
        return starts

    @cached_property
    def open_from(self) -> int:
        """The first slot number after the freeze (0 without one): nothing new starts before it."""
        if self.freeze_before is None:
            return 0
        return self.grid.first_from(freeze_moment(self.problem.event, self.freeze_before))

    def _forbidding(self, session: Session, t: int, held: set[tuple[dt.date, str]] | None) -> list[Reason]:
        """The rules of one entity each that forbid starting ``session`` at ``t`` (``held``: the
        starts its pins fix for every occurrence, when they do)."""
        grid = self.grid
        cover = range(t, t + session.length)
        day, period = grid.days[t // self.n_periods], grid.period_ids[t % self.n_periods]
        found: list[Reason] = []
        if t < self.open_from and t not in self.frozen.get(session.id, ()):
            found.append(("freeze", session.id))
        if session.weekdays is not None and WEEKDAYS[day.weekday()] not in session.weekdays:
            found.append(("session_times", session.id))
        if session.periods is not None and period not in session.periods:
            found.append(("session_times", session.id))
        if any(u in self.blocked(session.unavailable) for u in cover):
            found.append(("session_times", session.id))
        for pin in session.pinned:
            if pin.occurrence is None and (
                (pin.date is not None and pin.date != day)
                or (pin.period is not None and pin.period != period)
            ):
                found.append(("pin", session.id))
        if held is not None and (day, period) not in held and ("pin", session.id) not in found:
            found.append(("pin", session.id))
        for speaker_id in session.speakers:
            if any(u in self.blocked(self.speakers[speaker_id].unavailable) for u in cover):
                found.append(("speaker_unavailable", speaker_id))
        for group_id in session.groups:
            if any(u in self.blocked(self.groups[group_id].unavailable) for u in cover):
                found.append(("group_unavailable", group_id))
        return found

    def allowed_rooms(self, session: Session) -> list[int]:
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
        return not self.is_blocked(self.problem.rooms[r].unavailable, i, t)


def _pinned_starts(session: Session) -> set[tuple[dt.date, str]] | None:
    """The date and period of every occurrence when the pins of its occurrences fix them all: the
    session starts nowhere else (a pin of one occurrence alone leaves its domain whole)."""
    if all(pin.occurrence is None for pin in session.pinned):
        return None  # no pins, or only pins for all occurrences (``_forbidding`` reads those itself)
    pins = [session.pinned_at(n) for n in range(1, session.occurrences + 1)]
    if any(pin.date is None or pin.period is None for pin in pins):
        return None
    return {(pin.date, pin.period) for pin in pins if pin.date is not None and pin.period is not None}


def build_index(
    problem: Problem,
    explain: bool = False,
    freeze_before: dt.date | None = None,
    frozen: dict[str, set[int]] | None = None,
    max_rooms: int | None = None,
) -> Index:
    """The index of ``problem``; ``frozen`` lists the slots kept from a reference schedule."""
    index = Index(problem, Grid(problem.event), explain, freeze_before, frozen or {}, max_rooms=max_rooms)
    return index.build()
