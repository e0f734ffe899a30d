"""A schedule: one assignment per session occurrence, its score and status.

Serialised exactly as ``schedule.json`` (DESIGN.md): ``{"event", "status",
"objective", "score": {rule: cost}, "assignments": [{"session",
"occurrence", "title", "start", "end", "room", "speakers", "groups"}]}``;
``bound`` (the solver's proven lower bound) and ``version`` (the published
version it belongs to) are optional.
"""

from __future__ import annotations

import datetime as dt
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

    @property
    def key(self) -> tuple[str, int]:
        return (self.session, self.occurrence)

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
