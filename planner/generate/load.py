"""Counting checks that an event is plausibly feasible, without a solver.

They compare what is asked with what the calendar offers: the periods a group
attends against the slots it is free, a speaker's sessions against the slots
the speaker is free (and the daily and weekly limits), the room-periods the
sessions need against the rooms' free slots, overall and for each room
feature. Passing them does not prove a schedule exists; failing one proves
none does (with ``share=1``). A smaller ``share`` demands slack: ``share=0.5``
warns when anything is booked for more than half of what it could take.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from planner.domain.calendar import Grid
from planner.domain.model import Problem, Room, Rule, Speaker, booked_periods


def load_warnings(problem: Problem, share: float = 1.0) -> list[str]:
    """One sentence per group, speaker, pool or room feature booked beyond ``share`` of its capacity."""
    grid = Grid(problem.event)
    return [
        *room_warnings(problem, grid, share),
        *group_warnings(problem, grid, share),
        *speaker_warnings(problem, grid, share),
        *pool_warnings(problem, grid, share),
    ]


def free_slots(grid: Grid, unavailable: Iterable[Rule]) -> int:
    """How many slots of the calendar no rule takes away."""
    rules = tuple(unavailable)
    return sum(1 for slot in grid.slots() if not grid.matches(rules, slot))


def speaker_capacity(grid: Grid, speaker: Speaker) -> int:
    """Most periods a speaker can teach: free slots, capped by the daily and weekly limits."""
    capacity = free_slots(grid, speaker.unavailable)
    if speaker.limits.per_day is not None:
        capacity = min(capacity, speaker.limits.per_day * grid.n_days)
    if speaker.limits.per_week is not None:
        capacity = min(capacity, speaker.limits.per_week * grid.n_weeks)
    return capacity


def room_warnings(problem: Problem, grid: Grid, share: float) -> list[str]:
    """All sessions against all rooms, then the sessions needing a feature against the rooms having it."""
    offered = {room.id: free_slots(grid, room.unavailable) for room in problem.rooms}
    demand = sum(s.length * s.occurrences for s in problem.sessions)
    lines = _over("the sessions", demand, sum(offered.values()), share, "room-periods")
    for feature in sorted({f for s in problem.sessions for f in s.features}):
        needed = sum(s.length * s.occurrences for s in problem.sessions if feature in s.features)
        having: list[Room] = [r for r in problem.rooms if feature in r.features]
        lines += _over(
            f"sessions needing '{feature}'", needed, sum(offered[r.id] for r in having), share, "room-periods"
        )
    return lines


def group_warnings(problem: Problem, grid: Grid, share: float) -> list[str]:
    load = booked_periods(problem.sessions, "groups")
    lines = []
    for group in problem.groups:
        lines += _over(
            f"group '{group.id}'", load[group.id], free_slots(grid, group.unavailable), share, "periods"
        )
    return lines


def speaker_warnings(problem: Problem, grid: Grid, share: float) -> list[str]:
    """Fixed speakers only: a candidate's load depends on the solver's pick (see ``pool_warnings``)."""
    load = booked_periods(problem.sessions, "speakers")
    lines = []
    for speaker in problem.speakers:
        lines += _over(
            f"speaker '{speaker.id}'", load[speaker.id], speaker_capacity(grid, speaker), share, "periods"
        )
    return lines


def pool_warnings(problem: Problem, grid: Grid, share: float) -> list[str]:
    """Each pool of candidates against the pool's capacity less the members' fixed sessions."""
    fixed: Counter[str] = Counter()
    pools: Counter[tuple[str, ...]] = Counter()
    for session in problem.sessions:
        for speaker in set(session.speakers):
            fixed[speaker] += session.length * session.occurrences
        if session.candidates is not None:
            pool = tuple(sorted(set(session.candidates.from_)))
            pools[pool] += session.length * session.occurrences * session.candidates.pick
    lines = []
    for pool, needed in sorted(pools.items()):
        capacity = sum(speaker_capacity(grid, problem.speaker(s)) - fixed[s] for s in pool)
        lines += _over(f"candidates {', '.join(pool)}", needed, capacity, share, "periods")
    return lines


def _over(what: str, needed: int, capacity: int, share: float, unit: str) -> list[str]:
    if needed <= share * capacity:
        return []
    return [f"{what}: {needed} {unit} needed but only {capacity} available ({needed / max(capacity, 1):.0%})"]
