"""A quick first schedule to start the search from (a CP-SAT solution hint).

Sessions are placed in precedence order, the most constrained first; each
occurrence takes the earliest start on a day the session does not use yet
that keeps rooms, speakers, groups, limits, weekly patterns and exclusive
sessions free of conflict, in the smallest room that fits, with the least
loaded free candidates. It may leave occurrences out (the hint is then
partial) and ignores travel time and per-occurrence pins: CP-SAT repairs the rest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.model import Vars

Placement = tuple[int, int, int, tuple[str, ...]]
"""(session index, start slot, room index, picked speakers)."""


@dataclass
class _Busy:
    taken: set[tuple[str, str, int]] = field(default_factory=set)
    per_day: Counter[tuple[str, int]] = field(default_factory=Counter)
    per_week: Counter[tuple[str, int]] = field(default_factory=Counter)
    load: Counter[str] = field(default_factory=Counter)
    running: Counter[int] = field(default_factory=Counter)
    exclusive: set[int] = field(default_factory=set)
    ends: dict[int, int] = field(default_factory=dict)


def greedy_placements(v: Vars) -> list[Placement]:
    """Placements of as many occurrences as the greedy rule manages."""
    busy, found = _Busy(), []
    for i in _order(v):
        session = v.index.problem.sessions[i]
        days: set[int] = set()
        pattern: tuple[int, int] | None = None
        for _ in range(session.occurrences):
            placed = _place(v, busy, i, days, pattern)
            if placed is None:
                break
            found.append(placed)
            t = placed[1]
            days.add(v.index.day(t))
            pattern = pattern or _pattern(v, t)
    return found


def _order(v: Vars) -> list[int]:
    """Sessions after those they follow; among the ready ones, the fewest starts first."""
    sessions = v.index.problem.sessions
    position = {s.id: i for i, s in enumerate(sessions)}
    waiting = {i: {position[a] for a in s.after} for i, s in enumerate(sessions)}
    order: list[int] = []
    while waiting:
        ready = [i for i, needs in waiting.items() if not needs - set(order)] or list(waiting)
        chosen = min(
            ready, key=lambda i: (not sessions[i].pinned, len(v.starts(i)) / sessions[i].occurrences)
        )
        order.append(chosen)
        del waiting[chosen]
    return order


def _pattern(v: Vars, t: int) -> tuple[int, int]:
    slot = v.index.slot(t)
    return (v.index.grid.days[slot.day].weekday(), slot.period)


def _place(v: Vars, busy: _Busy, i: int, days: set[int], pattern: tuple[int, int] | None) -> Placement | None:
    index, session = v.index, v.index.problem.sessions[i]
    position = {s.id: j for j, s in enumerate(index.problem.sessions)}
    earliest = max((busy.ends.get(position[a], -1) for a in session.after), default=-1)
    starts = [t for t in v.starts(i) if t > earliest]
    if session.weekly and pattern is not None:
        weeks = {index.grid.weeks[d] for d in days}
        starts = [
            t for t in starts if _pattern(v, t) == pattern and index.grid.weeks[index.day(t)] not in weeks
        ]
    for t in sorted(starts, key=lambda t: (index.day(t) in days, t)):
        placement = _try(v, busy, i, t)
        if placement is not None:
            _commit(v, busy, placement)
            return placement
    return None


def _try(v: Vars, busy: _Busy, i: int, t: int) -> Placement | None:
    index, session = v.index, v.index.problem.sessions[i]
    covered = list(index.covers(i, t))
    if any(("session", session.id, u) in busy.taken for u in covered):
        return None
    if session.exclusive and any(busy.running[u] for u in covered):
        return None
    if any(u in busy.exclusive for u in covered):
        return None
    if any(("group", g, u) in busy.taken for g in session.groups for u in covered):
        return None
    if not all(_free(v, busy, k, t, covered) for k in session.speakers):
        return None
    rooms = sorted(v.rooms_at(i, t), key=lambda r: index.problem.rooms[r].capacity)
    room = next((r for r in rooms if all(("room", str(r), u) not in busy.taken for u in covered)), None)
    if room is None:
        return None
    picked = _pick(v, busy, i, t, covered)
    return None if picked is None else (i, t, room, picked)


def _free(v: Vars, busy: _Busy, k: str, t: int, covered: list[int]) -> bool:
    limits = v.index.speakers[k].limits
    day, week = v.index.day(t), v.index.grid.weeks[v.index.day(t)]
    if limits.per_day is not None and busy.per_day[k, day] >= limits.per_day:
        return False
    if limits.per_week is not None and busy.per_week[k, week] >= limits.per_week:
        return False
    return all(("speaker", k, u) not in busy.taken for u in covered)


def _pick(v: Vars, busy: _Busy, i: int, t: int, covered: list[int]) -> tuple[str, ...] | None:
    candidates = v.index.problem.sessions[i].candidates
    if candidates is None:
        return ()
    pool = [k for k in dict.fromkeys(candidates.from_) if (i, t, k) in v.z and _free(v, busy, k, t, covered)]
    if len(pool) < candidates.pick:
        return None
    return tuple(sorted(pool, key=lambda k: busy.load[k])[: candidates.pick])


def _commit(v: Vars, busy: _Busy, placement: Placement) -> None:
    i, t, room, picked = placement
    index, session = v.index, v.index.problem.sessions[i]
    covered = list(index.covers(i, t))
    day, week = index.day(t), index.grid.weeks[index.day(t)]
    for u in covered:
        busy.taken.add(("session", session.id, u))
        busy.taken.add(("room", str(room), u))
        busy.taken.update(("group", g, u) for g in session.groups)
        busy.running[u] += 1
        if session.exclusive:
            busy.exclusive.add(u)
    for k in (*session.speakers, *picked):
        busy.taken.update(("speaker", k, u) for u in covered)
        busy.per_day[k, day] += 1
        busy.per_week[k, week] += 1
        busy.load[k] += 1
    busy.ends[i] = max(busy.ends.get(i, -1), covered[-1])


def hint_greedy(v: Vars, time_limit: float = 5.0, presolve: bool = True) -> bool:
    """Hint the greedy schedule to the model; True when the hint is a complete solution.

    A copy of the model with the greedy's choices fixed (x, y, z set to 1) is
    solved briefly: that fills in every auxiliary variable and any occurrence
    the greedy left out, so CP-SAT starts from a complete, feasible schedule.
    (Fixing by constraints, not ``fix_variables_to_their_hinted_value``:
    that parameter crashes 9.15 in such filler solves, or-tools issue 5025.)
    """
    ones = _hint_decisions(v)
    copy = v.model.clone()
    copy.clear_hints()  # type: ignore[no-untyped-call]
    for literal in ones:
        copy.add(copy.get_bool_var_from_proto_index(literal.index) == 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, time_limit)
    solver.parameters.num_workers = 1
    solver.parameters.cp_model_presolve = presolve
    if solver.solve(copy) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    v.model.clear_hints()  # type: ignore[no-untyped-call]
    for k in range(len(v.model.proto.variables)):
        variable = v.model.get_int_var_from_proto_index(k)
        v.model.add_hint(variable, solver.value(copy.get_int_var_from_proto_index(k)))
    return True


def _hint_decisions(v: Vars) -> list[cp_model.IntVar]:
    """Hint x, y and z from the greedy placements; returns the literals set to 1."""
    placements = greedy_placements(v)
    chosen = {(i, t) for i, t, _, _ in placements}
    rooms = {(i, t, r) for i, t, r, _ in placements}
    picks = {(i, t, k) for i, t, _, picked in placements for k in picked}
    for start, literal in v.x.items():
        v.model.add_hint(literal, start in chosen)
    for room, literal in v.y.items():
        if literal is not v.x[room[0], room[1]]:
            v.model.add_hint(literal, room in rooms)
    for pick, literal in v.z.items():
        v.model.add_hint(literal, pick in picks)
    ones = [v.x[key] for key in chosen] + [v.y[key] for key in rooms] + [v.z[key] for key in picks]
    return list({literal.index: literal for literal in ones}.values())
