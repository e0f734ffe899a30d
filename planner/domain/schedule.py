"""A schedule: one assignment per session occurrence, its score and status.

Serialised exactly as ``schedule.json`` (DESIGN.md): ``{"event", "status",
"objective", "score": {rule: cost}, "assignments": [{"session",
"occurrence", "title", "start", "end", "room", "speakers", "groups"}]}``;
``bound`` (the solver's proven lower bound) and ``version`` (the published
version it belongs to) are optional, and so is each assignment's ``uid``.

An occurrence has two numbers. ``occurrence`` follows time order within its
session (the model's pins and precedence speak of "the n-th"), so it changes
when a lecture moves past another. ``uid`` is the number it was published
under: ``align`` carries it from one published version to the next, so the
calendar UID, the feeds' SEQUENCE and the change notices follow the lecture
that moved, not the place in the order it left.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

from pydantic import AwareDatetime, Field

from planner.domain.model import Id, Model

Status = Literal["optimal", "feasible", "infeasible", "unknown", "manual"]


class Assignment(Model):
    """Occurrence ``occurrence`` (from 1) of a session: when, where, by whom, for whom."""

    session: Id
    occurrence: int = Field(ge=1)
    title: str
    start: AwareDatetime
    end: AwareDatetime
    room: Id
    speakers: tuple[Id, ...] = ()
    groups: tuple[Id, ...] = ()
    uid: int | None = Field(default=None, ge=1)
    """The number the occurrence was published under (``align``); None before its first publication."""

    @property
    def key(self) -> tuple[str, int]:
        return (self.session, self.occurrence)

    @property
    def identity(self) -> tuple[str, int]:
        """(session, published number): names the occurrence in calendars and notices, across versions."""
        return (self.session, self.uid if self.uid is not None else self.occurrence)

    @property
    def date(self) -> dt.date:
        return self.start.date()


class Cost(Model):
    """One soft cost, explained: which rule, how much, and who or what causes it."""

    rule: str
    cost: int
    message: str
    sessions: tuple[Id, ...] = ()
    speakers: tuple[Id, ...] = ()
    groups: tuple[Id, ...] = ()
    rooms: tuple[Id, ...] = ()
    facts: dict[str, str | int] = Field(default_factory=dict)
    """The values ``message`` is made of, by name (titles and names, not ids): an interface words
    them in its own language (the browser app's ``cost.<rule>`` texts)."""


class Schedule(Model):
    """The solver's (or an editor's) answer for one event."""

    event: Id
    status: Status
    objective: int
    score: dict[str, int] = Field(default_factory=dict)
    bound: int | None = None
    version: int | None = None
    assignments: tuple[Assignment, ...] = ()

    def by_key(self) -> dict[tuple[str, int], Assignment]:
        return {a.key: a for a in self.assignments}

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_none=True) + "\n"


Pair = tuple[Assignment | None, Assignment | None]


def pair_occurrences(old: Iterable[Assignment], new: Iterable[Assignment]) -> list[Pair]:
    """Match each session's occurrences of ``old`` and ``new``: (old, None) is gone, (None, new) came.

    Within a session, in this order: the same published number (``uid``), then the
    same time, room and speakers, then the same time, then what is left in time
    order. A lecture moved past another is thus one move, not a shift of every
    lecture between its old and new place.
    """
    before, after = _by_session(old), _by_session(new)
    pairs: list[Pair] = []
    for session in dict.fromkeys([*before, *after]):
        pairs += _pair_session(before.get(session, []), after.get(session, []))
    return pairs


_MATCHES: tuple[tuple[Callable[[Assignment], object], Callable[[Assignment], object]], ...] = (
    (lambda a: a.identity[1], lambda b: b.uid),
    (lambda a: (a.start, a.end, a.room, a.speakers),) * 2,
    (lambda a: (a.start, a.end),) * 2,
)


def _pair_session(left: list[Assignment], right: list[Assignment]) -> list[Pair]:
    free = list(range(len(left)))  # the old occurrences not matched yet, in time order
    matched: dict[int, int] = {}  # new -> old, by position
    for old_key, new_key in _MATCHES:
        waiting: dict[object, int] = {}
        for j in free:
            waiting.setdefault(old_key(left[j]), j)
        for i, b in enumerate(right):
            found = waiting.pop(new_key(b), None) if i not in matched else None
            if found is not None:
                matched[i] = found
                free.remove(found)
    rest = iter(free)
    for i in range(len(right)):
        if i not in matched and (spare := next(rest, None)) is not None:
            matched[i] = spare
    pairs: list[Pair] = [(left[matched[i]] if i in matched else None, b) for i, b in enumerate(right)]
    taken = set(matched.values())
    return pairs + [(a, None) for j, a in enumerate(left) if j not in taken]


def align(previous: Schedule | None, schedule: Schedule) -> Schedule:
    """``schedule`` with every occurrence's ``uid``: the one of the occurrence it continues in
    ``previous`` (``pair_occurrences``), the next number above its session's in ``previous`` for one
    that is new, and its ``occurrence`` for all of a first publication."""
    uids: dict[tuple[str, int], int] = {}
    if previous is None:
        uids = {a.key: a.occurrence for a in schedule.assignments}
        return _with_uids(schedule, uids)
    fresh: list[Assignment] = []
    for old, new in pair_occurrences(previous.assignments, schedule.assignments):
        if new is not None and old is not None:
            uids[new.key] = old.identity[1]
        elif new is not None:
            fresh.append(new)
    used: dict[str, int] = defaultdict(int)
    for a in previous.assignments:
        used[a.session] = max(used[a.session], a.identity[1])
    for a in sorted(fresh, key=lambda a: a.key):
        used[a.session] += 1
        uids[a.key] = used[a.session]
    return _with_uids(schedule, uids)


def retitled(schedule: Schedule, titles: Mapping[str, str]) -> Schedule:
    """``schedule`` with each assignment titled as ``titles`` (session id -> title) says: a session
    renamed after the solve goes out under its new name. The same object when no title differs."""
    if all(titles.get(a.session, a.title) == a.title for a in schedule.assignments):
        return schedule
    assignments = tuple(
        a.model_copy(update={"title": titles.get(a.session, a.title)}) for a in schedule.assignments
    )
    return schedule.model_copy(update={"assignments": assignments})


def _with_uids(schedule: Schedule, uids: dict[tuple[str, int], int]) -> Schedule:
    assignments = tuple(a.model_copy(update={"uid": uids[a.key]}) for a in schedule.assignments)
    return schedule.model_copy(update={"assignments": assignments})


def _by_session(assignments: Iterable[Assignment]) -> dict[str, list[Assignment]]:
    grouped: dict[str, list[Assignment]] = defaultdict(list)
    for a in sorted(assignments, key=lambda a: (a.start, a.occurrence)):
        grouped[a.session].append(a)
    return grouped
