"""Repair: stay close to a reference schedule; never move what started before the freeze.

A reference occurrence keeps its slot when the session still starts there
(``x``), its room when ``y`` agrees and its speakers when ``z`` picks the same
candidates; losing the slot costs more than losing the room or the speakers
(each sends a change notice), and all cost more the sooner the occurrence is due
(``planner.domain.oracle_soft.move_costs``). Occurrences that start before
``freeze_before`` (a date, from its midnight, or a moment: ``calendar.freeze_moment``) are
fixed in time, room and speakers, and nothing new starts before it.
"""

from __future__ import annotations

import datetime as dt

from planner.domain.calendar import Grid
from planner.domain.model import Problem
from planner.domain.oracle_soft import frozen_assignments, move_costs
from planner.domain.schedule import Assignment, Schedule
from solver.model import Expr, Vars


def frozen_slots(
    problem: Problem, reference: Schedule | None, freeze_before: dt.date | None
) -> dict[str, set[int]]:
    """Per session, the slot numbers of reference occurrences that started before the freeze (a date,
    from its midnight, or a moment)."""
    if reference is None or freeze_before is None:
        return {}
    grid = Grid(problem.event)
    found: dict[str, set[int]] = {}
    for old in frozen_assignments(problem, reference, freeze_before):
        t = grid.number_at(old.start)
        if t is not None:
            found.setdefault(old.session, set()).add(t)
    return found


def add_repair_rules(v: Vars, reference: Schedule, freeze_before: dt.date | None) -> None:
    """Hard: frozen occurrences stay; soft (``stability``): the cost of each move."""
    index = v.index
    position = {s.id: i for i, s in enumerate(index.problem.sessions)}
    rooms = {room.id: r for r, room in enumerate(index.problem.rooms)}
    stay = frozen_assignments(index.problem, reference, freeze_before) if freeze_before else []
    frozen = {a.key for a in stay}
    for old in reference.assignments:
        if old.session not in position:
            continue
        i, t = position[old.session], index.grid.number_at(old.start)
        day = old.start.astimezone(index.grid.event.zone).date()
        time_cost, room_cost = move_costs(index.problem, day, freeze_before)
        kept = v.x.get((i, t)) if t is not None else None
        if kept is None or t is None:
            v.terms["stability"].append(time_cost)
            continue
        same_room = v.y.get((i, t, rooms.get(old.room, -1)))
        if old.key in frozen:  # what started stays as it was: time, room and speakers (``past.unkept``)
            v.model.add(kept == 1)
            if same_room is not None:
                v.model.add(same_room == 1)
            for k in old_picks(v, i, old) or []:
                if (i, t, k) in v.z:
                    v.model.add(v.z[i, t, k] == 1)
        room_kept = same_room if same_room is not None else 0
        v.terms["stability"].append(time_cost * (1 - kept) + room_cost * (kept - room_kept))
        v.terms["stability"].append(room_cost * speakers_changed(v, i, t, old))
    hint_reference(v, reference)


def old_picks(v: Vars, i: int, old: Assignment) -> list[str] | None:
    """The candidates ``old`` picked, or None when no pick of the current session can give its speakers."""
    session = v.index.problem.sessions[i]
    fixed, before = set(session.speakers), set(old.speakers)
    picks = sorted(before - fixed)
    return picks if fixed <= before and len(picks) == session.picks else None


def speakers_changed(v: Vars, i: int, t: int, old: Assignment) -> Expr:
    """1 when the occurrence still starts at ``t`` but with other speakers than ``old`` (else 0)."""
    kept = v.x[i, t]
    picks = old_picks(v, i, old)
    if picks is None or any((i, t, k) not in v.z for k in picks):
        return kept
    chosen = [v.z[i, t, k] for k in picks]
    if not chosen:
        return 0
    same = chosen[0]
    if len(chosen) > 1:  # exact in every solution: same == AND(chosen); a pick implies x
        same = v.model.new_bool_var("")
        v.model.add_min_equality(same, chosen)
    return kept - same


def hint_reference(v: Vars, reference: Schedule) -> None:
    """Start the search from the reference schedule: most of it usually still holds."""
    index = v.index
    rooms = {room.id: r for r, room in enumerate(index.problem.rooms)}
    old: set[tuple[str, int]] = set()
    old_rooms: set[tuple[str, int, int]] = set()
    old_speakers: set[tuple[str, int, str]] = set()
    for a in reference.assignments:
        t = index.grid.number_at(a.start)
        if t is not None:
            old.add((a.session, t))
            old_rooms.add((a.session, t, rooms.get(a.room, -1)))
            old_speakers.update((a.session, t, k) for k in a.speakers)
    sessions = index.problem.sessions
    for (i, t), literal in v.x.items():
        v.model.add_hint(literal, (sessions[i].id, t) in old)
    for (i, t, r), literal in v.y.items():
        if literal is not v.x[i, t]:
            v.model.add_hint(literal, (sessions[i].id, t, r) in old_rooms)
    for (i, t, k), literal in v.z.items():
        v.model.add_hint(literal, (sessions[i].id, t, k) in old_speakers)


def unaffected(problem: Problem, reference: Schedule) -> set[tuple[str, int]]:
    """Reference occurrences that break no hard rule of the changed event and involve no entity that does.

    A repair first keeps these in place and moves only the rest (a small,
    fast search); only if that fails does it search the whole plan.
    """
    from planner.domain.oracle import check_schedule

    lines = check_schedule(problem, reference).violations
    text = "\n".join(lines)
    loose: set[str] = {s.id for s in problem.sessions if f"{s.id}#" in text}
    for s in problem.sessions:
        people = [f"speaker '{k}'" for k in s.speakers] + [f"group '{g}'" for g in s.groups]
        if any(p in text for p in people):
            loose.add(s.id)
    return {a.key for a in reference.assignments if a.session not in loose}


def keep_in_place(v: Vars, reference: Schedule, keys: set[tuple[str, int]]) -> None:
    """Fix the slot and the picked speakers of every reference occurrence in ``keys``."""
    index = v.index
    v.partial = True
    position = {s.id: i for i, s in enumerate(index.problem.sessions)}
    for a in reference.assignments:
        t = index.grid.number_at(a.start)
        if a.key in keys and a.session in position and t is not None:
            i = position[a.session]
            literal = v.x.get((i, t))
            if literal is not None:
                v.model.add(literal == 1)
                for k in old_picks(v, i, a) or []:
                    if (i, t, k) in v.z:  # a pick no longer free is left to the search
                        v.model.add(v.z[i, t, k] == 1)
