"""Hard rules as CP-SAT constraints, one builder per rule (names follow the oracle's checks).

Each builder guards its constraints with ``v.guard((rule, entity))``: in
explanation mode the guard is an assumption literal, so the solver can name
the rules that conflict; otherwise the constraint always holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from solver.model import Vars


def add_hard_rules(v: Vars) -> None:
    for rule in (
        occurrences_do_not_overlap,
        room_holds_one_session,
        speaker_in_one_place,
        speaker_within_limits,
        group_attends_one_session,
        precedence,
        weekly_pattern,
        exclusive_sessions,
        pinned_occurrences,
        travel_between_buildings,
    ):
        rule(v)


def _at_most_one_per_slot(
    v: Vars, literals_by_slot: dict[int, list[cp_model.IntVar]], guard: list[cp_model.IntVar]
) -> None:
    for literals in literals_by_slot.values():
        if len(literals) > 1:
            v.model.add(sum(literals) <= 1).only_enforce_if(guard)


def occurrences_do_not_overlap(v: Vars) -> None:
    """Hard: two occurrences of one session never overlap (they are taught one after another)."""
    for i, session in enumerate(v.index.problem.sessions):
        if session.length > 1:
            by_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
            for t in v.starts(i):
                for u in v.index.covers(i, t):
                    by_slot[u].append(v.x[i, t])
            _at_most_one_per_slot(v, by_slot, [])


def room_holds_one_session(v: Vars) -> None:
    """Hard: a room holds one session at a time."""
    by_room: dict[int, dict[int, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    for (i, t, r), literal in v.y.items():
        for u in v.index.covers(i, t):
            by_room[r][u].append(literal)
    for r, by_slot in by_room.items():
        _at_most_one_per_slot(v, by_slot, v.guard(("room_clash", v.index.problem.rooms[r].id)))


def speaker_in_one_place(v: Vars) -> None:
    """Hard: a speaker (given or picked) teaches one occurrence at a time."""
    for k, teaching in v.teaching().items():
        by_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for i, t, literal in teaching:
            for u in v.index.covers(i, t):
                by_slot[u].append(literal)
        _at_most_one_per_slot(v, by_slot, v.guard(("speaker_clash", k)))


def speaker_within_limits(v: Vars) -> None:
    """Hard: at most ``limits.per_day`` occurrences a day and ``limits.per_week`` a week."""
    index = v.index
    for k, teaching in v.teaching().items():
        limits = index.speakers[k].limits
        for size, per, rule in (
            (limits.per_day, index.day, "per_day"),
            (limits.per_week, _week(v), "per_week"),
        ):
            if size is None:
                continue
            buckets: dict[int, list[cp_model.IntVar]] = defaultdict(list)
            for _, t, literal in teaching:
                buckets[per(t)].append(literal)
            for literals in buckets.values():
                if len(literals) > size:
                    v.model.add(sum(literals) <= size).only_enforce_if(v.guard((f"speaker_{rule}", k)))


def _week(v: Vars) -> Callable[[int], int]:
    weeks = v.index.grid.weeks
    return lambda t: weeks[v.index.day(t)]


def group_attends_one_session(v: Vars) -> None:
    """Hard: a group attends one session at a time."""
    by_group: dict[str, dict[int, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    for i, session in enumerate(v.index.problem.sessions):
        for g in dict.fromkeys(session.groups):
            for t in v.starts(i):
                for u in v.index.covers(i, t):
                    by_group[g][u].append(v.x[i, t])
    for g, by_slot in by_group.items():
        _at_most_one_per_slot(v, by_slot, v.guard(("group_clash", g)))


def precedence(v: Vars) -> None:
    """Hard: every occurrence of each ``after`` session ends before any occurrence of this one starts."""
    sessions = v.index.problem.sessions
    position = {s.id: i for i, s in enumerate(sessions)}
    horizon = v.index.grid.n_days * v.index.n_periods
    for j, session in enumerate(sessions):
        if not session.after:
            continue
        first = v.model.new_int_var(0, horizon, f"first[{session.id}]")
        for t in v.starts(j):
            v.model.add(first <= t).only_enforce_if(v.x[j, t])
        for before in dict.fromkeys(session.after):
            i = position[before]
            for t in v.starts(i):
                end = t + sessions[i].length - 1
                v.model.add(first > end).only_enforce_if([v.x[i, t], *v.guard(("after", session.id))])


def weekly_pattern(v: Vars) -> None:
    """Hard: a weekly session keeps one weekday and period, and meets at most once a week."""
    index = v.index
    for i, session in enumerate(index.problem.sessions):
        if not session.weekly:
            continue
        guard = v.guard(("weekly", session.id))
        patterns: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        weeks: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for t in v.starts(i):
            patterns[index.pattern(t)].append(v.x[i, t])
            weeks[index.grid.weeks[index.day(t)]].append(v.x[i, t])
        chosen = {key: v.model.new_bool_var(f"weekly[{session.id},{key}]") for key in patterns}
        v.model.add(sum(chosen.values()) <= 1).only_enforce_if(guard)
        for key, literals in patterns.items():
            for literal in literals:
                v.model.add_implication(literal, chosen[key]).only_enforce_if(guard)
        _at_most_one_per_slot(v, weeks, guard)


def exclusive_sessions(v: Vars) -> None:
    """Hard: nothing else runs while an exclusive session does."""
    index = v.index
    covering: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    for (i, t), literal in v.x.items():
        for u in index.covers(i, t):
            covering[u].append((i, literal))
    for i, session in enumerate(index.problem.sessions):
        if not session.exclusive:
            continue
        for t in v.starts(i):
            others = {
                literal.index: literal for u in index.covers(i, t) for j, literal in covering[u] if j != i
            }
            if others:
                enforce = [v.x[i, t], *v.guard(("exclusive", session.id))]
                v.model.add(sum(others.values()) == 0).only_enforce_if(enforce)


def pinned_occurrences(v: Vars) -> None:
    """Hard: a pin for occurrence n puts the n-th occurrence (in time order) at its date/period/room."""
    index = v.index
    for i, session in enumerate(index.problem.sessions):
        for pin in session.pinned:
            if pin.occurrence is None:
                continue
            guard = v.guard(("pin", session.id))
            chosen = []
            for t in v.starts(i):
                slot = index.slot(t)
                if pin.date is not None and index.grid.days[slot.day] != pin.date:
                    continue
                if pin.period is not None and index.grid.period_ids[slot.period] != pin.period:
                    continue
                here = v.model.new_bool_var(f"pin[{session.id},{pin.occurrence},{t}]")
                v.model.add_implication(here, v.x[i, t])
                earlier = [v.x[i, s] for s in v.starts(i) if s < t]
                v.model.add(sum(earlier) == pin.occurrence - 1).only_enforce_if(here)
                if pin.room is not None:
                    _pin_room(v, i, t, pin.room, here)
                chosen.append(here)
            v.model.add(sum(chosen) == 1).only_enforce_if(guard)


def _pin_room(v: Vars, i: int, t: int, room_id: str, here: cp_model.IntVar) -> None:
    rooms = [r for r in v.rooms_at(i, t) if v.index.problem.rooms[r].id == room_id]
    if rooms:
        v.model.add_implication(here, v.y[i, t, rooms[0]])
    else:
        v.model.add(here == 0)


def travel_between_buildings(v: Vars) -> None:
    """Hard: a speaker changing buildings has ``rules.travel_minutes`` between two sessions."""
    index = v.index
    if (binding := travel_binds(v)) is None:
        return
    buildings, tight = binding
    for k, teaching in v.teaching().items():
        ends: dict[tuple[int, str], list[cp_model.IntVar]] = defaultdict(list)
        begins: dict[tuple[int, str], list[cp_model.IntVar]] = defaultdict(list)
        for i, t, literal in teaching:
            last = t + index.problem.sessions[i].length - 1
            for r in v.rooms_at(i, t):
                both = v.y[i, t, r] if literal is v.x[i, t] else _both(v, literal, v.y[i, t, r])
                ends[last, buildings[r]].append(both)
                begins[t, buildings[r]].append(both)
        for (u, b1), enders in ends.items():
            for p, q in tight:
                if u % index.n_periods != p:
                    continue
                w = u - p + q
                elsewhere = [lit for (s, b2), lits in begins.items() if s == w and b2 != b1 for lit in lits]
                for ender in enders:
                    if elsewhere:
                        v.model.add(sum(elsewhere) == 0).only_enforce_if([ender, *v.guard(("travel", k))])


def _both(v: Vars, a: cp_model.IntVar, b: cp_model.IntVar) -> cp_model.IntVar:
    if a is b:
        return a
    both = v.model.new_bool_var("")
    v.model.add_bool_and([a, b]).only_enforce_if(both)
    v.model.add_bool_or([a.negated(), b.negated(), both])
    return both


def travel_binds(v: Vars) -> tuple[list[str], list[tuple[int, int]]] | None:
    """The building of each room and the period pairs too close to change buildings in; None when
    the travel rule never binds: one building, or every pause long enough."""
    buildings = [room.building or "" for room in v.index.problem.rooms]
    tight = _tight_period_pairs(v)
    return None if len(set(buildings)) < 2 or not tight else (buildings, tight)


def _tight_period_pairs(v: Vars) -> list[tuple[int, int]]:
    """(p, q), q after p: fewer than ``travel_minutes`` between the end of p and the start of q."""
    periods, travel = v.index.grid.periods, v.index.problem.rules.travel_minutes
    minutes = [(p.start.hour * 60 + p.start.minute, p.end.hour * 60 + p.end.minute) for p in periods]
    return [
        (p, q)
        for p in range(len(periods))
        for q in range(p + 1, len(periods))
        if minutes[q][0] - minutes[p][1] < travel
    ]
