"""Where a schedule's cost lies above the least any schedule can cost, part by part.

The event's parts (``solver.bound``: each cluster of sessions linked by their speakers, with every
rule but the groups', and each group with its own rules) share no cost, so a schedule's cost is
the sum of its parts' costs, and each part has a lower bound of its own (its counting bound, or
its optimum proven before). A part whose cost reaches its bound can gain nothing from a longer
search, whatever else changes; the parts above theirs are where the rest of the cost could still
fall, and their gaps add up to the schedule's cost less the sum of the parts' bounds.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from planner.domain.model import Problem
from planner.domain.schedule import Cost
from solver import bound
from solver.data import build_index

SECONDS = 2.0
"""Most time the parts' bounds take (counting: milliseconds a part; parts not reached count 0)."""


@dataclass(frozen=True)
class PartCost:
    """One part of the event: its sessions, speakers and (for a group's part) group, what the
    schedule's costs there add up to, and the least any schedule can cost there (0 when unproven)."""

    sessions: tuple[str, ...]
    speakers: tuple[str, ...]
    group: str | None
    cost: int
    least: int

    @property
    def above(self) -> int:
        return self.cost - self.least


def part_costs(
    problem: Problem,
    costs: Iterable[Cost],
    known: Mapping[str, int] | None = None,
    seconds: float | None = None,
) -> list[PartCost]:
    """Each part's cost in a schedule whose soft costs (the oracle's) are ``costs``, with its lower
    bound: the optimum ``known`` for it (by ``bound.part_key``), else its counting bound. Empty for
    an event that does not fall apart (one part: its bound is the search's own), and for costs
    that name a session, speaker or group the event does not have (a schedule of its content
    before an edit: its costs are not this event's). The bounds take at most ``seconds``
    (``SECONDS`` unless given)."""
    found = bound.grouped_parts(problem)
    if len(found) < 2:
        return []
    where: dict[tuple[str, str], int] = {}
    for n, (part, group) in enumerate(found):
        if group is not None:
            where["group", group] = n
            continue
        where.update((("session", s.id), n) for s in part.sessions)
        where.update((("speaker", k.id), n) for k in part.speakers)
    total = [0] * len(found)
    for cost in costs:
        at = where.get(_owner(cost))
        if at is None:
            return []
        total[at] += cost.cost
    seconds = SECONDS if seconds is None else seconds
    floors = bound.floors(problem, build_index(problem), known or {}, time.monotonic() + seconds)
    return [
        PartCost(
            sessions=tuple(s.id for s in part.sessions),
            speakers=tuple(k.id for k in part.speakers),
            group=group,
            cost=total[n],
            least=floors.get(bound.part_key(part), 0),
        )
        for n, (part, group) in enumerate(found)
    ]


def above_least(found: Iterable[PartCost]) -> list[PartCost]:
    """The parts whose cost is above their least, the largest gap first."""
    return sorted((part for part in found if part.above > 0), key=lambda part: -part.above)


def _owner(cost: Cost) -> tuple[str, str]:
    """The part a cost belongs to: its group's for the group rules, else its session's or speaker's."""
    if cost.rule in bound.GROUP_RULES:
        return "group", cost.groups[0]
    return ("session", cost.sessions[0]) if cost.sessions else ("speaker", cost.speakers[0])


MOST_NAMES = 3
"""Courses and people named per part; the rest are counted (``+51``): a generated event's largest
cluster links 54 courses and 31 speakers."""


def names(problem: Problem, part: PartCost) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A part in words, to join as the reader's language wants: a group's name alone, or a
    cluster's courses with the names of their speakers (of their groups when no speaker teaches
    there, as in self-study), each list cut to ``MOST_NAMES`` and the number left out."""
    people = {**{k.id: k.name for k in problem.speakers}, **{g.id: g.name for g in problem.groups}}
    if part.group is not None:
        return (people.get(part.group, part.group),), ()
    mine = set(part.sessions)
    sessions = [s for s in problem.sessions if s.id in mine]
    who = part.speakers or tuple(dict.fromkeys(g for s in sessions for g in s.groups))
    courses = tuple(dict.fromkeys(s.course or s.title for s in sessions))
    return _clipped(courses), _clipped(tuple(people.get(k, k) for k in who))


def _clipped(items: tuple[str, ...]) -> tuple[str, ...]:
    if len(items) <= MOST_NAMES:
        return items
    return (*items[:MOST_NAMES], f"+{len(items) - MOST_NAMES}")
