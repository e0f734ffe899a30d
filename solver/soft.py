"""Soft rules as objective terms, one builder per rule, each adding to ``v.terms[rule]``.

The definitions come from ``planner.domain.oracle_soft`` (required days,
room fit, preference penalties ...), so the value of each term in a solution
equals the oracle's score for that rule.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from planner.domain.oracle_soft import (
    candidate_pools,
    ideal_daily_load,
    keeps_weekly_slot,
    over_capacity,
    oversized_rooms,
    preference_penalty,
    required_days,
    required_weeks,
    tracks,
)
from solver.aggregate import any_of, count, day_flags, speaker_days, taught, teaches
from solver.model import Vars


def add_soft_rules(v: Vars) -> None:
    for rule in (
        spread_over_days,
        spread_over_weeks,
        keep_weekly_slot,
        share_load_fairly,
        keep_same_speaker,
        avoid_isolated_sessions,
        keep_room,
        follow_tracks,
        respect_preferences,
        few_speaker_days,
        balance_group_days,
        fit_rooms,
    ):
        rule(v)


def _nonneg(v: Vars, expr: cp_model.LinearExprT, upper: int) -> cp_model.IntVar:
    """A variable in [0, upper] equal to ``expr``: tells the LP the term is never negative."""
    value = v.model.new_int_var(0, max(0, upper), "")
    v.model.add(value == expr)
    return value


def _missing(v: Vars, rule: str, weight: int, need: int, used: list[cp_model.IntVar]) -> None:
    """Add weight x max(0, need - count of true ``used``)."""
    if need > 0 and weight:
        gap = v.model.new_int_var(need - len(used), need, "")
        v.model.add(gap == need - sum(used))
        missing = v.model.new_int_var(0, need, f"missing_{rule}")
        v.model.add_max_equality(missing, [gap, 0])
        v.add_term(rule, weight, missing)


def spread_over_days(v: Vars) -> None:
    """Soft: weight ``min_days`` per day missing from a session's required distinct days."""
    index = v.index
    for i, session in enumerate(index.problem.sessions):
        need = required_days(index.grid, session)
        if need > 1:
            _missing(v, "min_days", index.problem.rules.weights.min_days, need, day_flags(v, i))


def spread_over_weeks(v: Vars) -> None:
    """Soft: weight ``spread_weeks`` per week missing from a multi-week course's weeks."""
    index = v.index
    for i, session in enumerate(index.problem.sessions):
        need = required_weeks(index.grid, session)
        if need > 1:
            weeks: dict[int, list[cp_model.IntVar]] = defaultdict(list)
            for t in v.starts(i):
                weeks[index.grid.weeks[index.day(t)]].append(v.x[i, t])
            _missing(
                v,
                "spread_weeks",
                index.problem.rules.weights.spread_weeks,
                need,
                [any_of(v, literals, session.occurrences) for literals in weeks.values()],
            )


def keep_weekly_slot(v: Vars) -> None:
    """Soft: weight ``weekly_slot`` per weekday/period pair beyond the first of a course."""
    index, weight = v.index, v.index.problem.rules.weights.weekly_slot
    for i, session in enumerate(index.problem.sessions):
        if weight and keeps_weekly_slot(index.grid, session):
            pairs: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
            for t in v.starts(i):
                pairs[index.pattern(t)].append(v.x[i, t])
            flags = [any_of(v, literals) for literals in pairs.values()]
            v.add_term("weekly_slot", weight, _nonneg(v, sum(flags) - 1, len(flags)))


def share_load_fairly(v: Vars) -> None:
    """Soft: weight ``fair_load`` x (largest - smallest) picked occurrences within a candidate pool."""
    weight = v.index.problem.rules.weights.fair_load
    position = {s.id: i for i, s in enumerate(v.index.problem.sessions)}
    for pool, sessions in candidate_pools(v.index.problem).items():
        if len(pool) < 2 or not weight:
            continue
        total = sum(s.occurrences * s.picks for s in sessions)
        loads = [
            count(v, [taught(v, position[s.id], k) for s in sessions], total, f"load[{k}]") for k in pool
        ]
        top, low = v.model.new_int_var(0, total, "load_max"), v.model.new_int_var(0, total, "load_min")
        v.model.add_max_equality(top, loads)
        v.model.add_min_equality(low, loads)
        v.add_term("fair_load", weight, _nonneg(v, top - low, total))


def keep_same_speaker(v: Vars) -> None:
    """Soft: weight ``same_speaker`` per picked speaker beyond ``pick`` in a session."""
    weight = v.index.problem.rules.weights.same_speaker
    by_session: dict[int, dict[str, None]] = defaultdict(dict)
    for i, _, k in v.z:
        by_session[i][k] = None
    for i, speakers in by_session.items():
        candidates = v.index.problem.sessions[i].candidates
        if weight and candidates is not None and len(speakers) > candidates.pick:
            flags = [teaches(v, i, k) for k in speakers]
            v.add_term("same_speaker", weight, _nonneg(v, sum(flags) - candidates.pick, len(flags)))


def avoid_isolated_sessions(v: Vars) -> None:
    """Soft: weight ``isolated`` per occurrence of a group's session with no session of the group in
    the period before or after it on that day (ITC-2007 curriculum compactness)."""
    index, weight = v.index, v.index.problem.rules.weights.isolated
    if not weight:
        return
    busy: dict[str, dict[int, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    starts: dict[tuple[str, int, int], list[cp_model.IntVar]] = defaultdict(list)
    for (i, t), literal in v.x.items():
        session = index.problem.sessions[i]
        for g in dict.fromkeys(session.groups):
            for u in index.covers(i, t):
                busy[g][u].append(literal)
            starts[g, t, session.length].append(literal)
    for (g, t, length), literals in starts.items():
        neighbours = [u for u in (t - 1, t + length) if 0 <= u % index.n_periods < index.n_periods]
        neighbours = [u for u in neighbours if u >= 0 and index.day(u) == index.day(t)]
        sides = [busy[g][u] for u in neighbours if u in busy[g]]
        alone = v.model.new_bool_var("")
        v.model.add(alone >= sum(literals) - sum(lit for side in sides for lit in side))
        v.model.add(alone <= sum(literals))
        for side in sides:  # a group attends one session at a time: each side sums to 0 or 1
            v.model.add(alone + sum(side) <= 1)
        v.add_term("isolated", weight, alone)


def keep_room(v: Vars) -> None:
    """Soft: weight ``room_stability`` per room beyond the first used by a session's occurrences."""
    weight = v.index.problem.rules.weights.room_stability
    by_session: dict[int, dict[int, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    for (i, _, r), literal in v.y.items():
        by_session[i][r].append(literal)
    for i, rooms in by_session.items():
        if weight and len(rooms) > 1 and v.index.problem.sessions[i].occurrences > 1:
            used = sum(any_of(v, lits) for lits in rooms.values())
            v.add_term("room_stability", weight, _nonneg(v, used - 1, len(rooms)))


def _excess(v: Vars, rule: str, weight: int, expr: cp_model.LinearExprT, upper: int) -> None:
    """Add weight x max(0, ``expr`` - 1), exact in every solution."""
    extra = v.model.new_int_var(0, max(0, upper - 1), f"excess_{rule}")
    v.model.add_max_equality(extra, [expr - 1, 0])
    v.add_term(rule, weight, extra)


def follow_tracks(v: Vars) -> None:
    """Soft: ``track_overlap`` per talk beyond the first of a track in one period; ``track_room``
    per room beyond the first of a track on one day (``oracle_soft.tracks``)."""
    index, weights = v.index, v.index.problem.rules.weights
    position = {session.id: i for i, session in enumerate(index.problem.sessions)}
    for sessions in tracks(index.problem).values():
        members = {position[session.id] for session in sessions}
        if weights.track_overlap:
            _track_overlap(v, members, weights.track_overlap)
        if weights.track_room:
            _track_room(v, members, weights.track_room)


def _track_overlap(v: Vars, members: set[int], weight: int) -> None:
    """``weight`` per talk of the sessions ``members`` beyond the first running in one period."""
    running: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for i in members:
        for t in v.starts(i):
            for u in v.index.covers(i, t):
                running[u].append(v.x[i, t])
    for literals in running.values():
        if len(literals) > 1:
            _excess(v, "track_overlap", weight, sum(literals), len(literals))


def _track_room(v: Vars, members: set[int], weight: int) -> None:
    """``weight`` per room beyond the first that the sessions ``members`` use on one day."""
    rooms: dict[int, dict[int, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    for (i, t, r), literal in v.y.items():
        if i in members:
            rooms[v.index.day(t)][r].append(literal)
    for used in rooms.values():
        if len(used) > 1:
            total = sum(any_of(v, literals) for literals in used.values())
            _excess(v, "track_room", weight, total, len(used))


def respect_preferences(v: Vars) -> None:
    """Soft: weight ``preferences`` per occurrence in a speaker's undesired or non-preferred periods."""
    index, weight = v.index, v.index.problem.rules.weights.preferences
    if not weight:
        return
    for k, teaching in v.teaching().items():
        speaker = index.speakers[k]
        if not speaker.preferred and not speaker.undesired:
            continue
        for i, t, literal in teaching:
            penalty = preference_penalty(index.grid, speaker, index.cover_slots(i, t))
            if penalty:
                v.add_term("preferences", weight * penalty, literal)


def few_speaker_days(v: Vars) -> None:
    """Soft: weight ``speaker_days`` per teaching day of a speaker beyond the first."""
    weight = v.index.problem.rules.weights.speaker_days
    if not weight:
        return
    index = v.index
    fixed = {k for session in index.problem.sessions if session.occurrences for k in session.speakers}
    for k, teaching in v.teaching().items():
        days = speaker_days(v, k, teaching)
        if k in fixed:  # a speaker of a session surely comes on some day
            v.add_term("speaker_days", weight, _nonneg(v, days - 1, index.grid.n_days))
            continue
        comes = v.model.new_bool_var(f"comes[{k}]")
        v.model.add(days >= comes)
        v.model.add(days <= index.grid.n_days * comes)
        v.add_term("speaker_days", weight, _nonneg(v, days - comes, index.grid.n_days))


def balance_group_days(v: Vars) -> None:
    """Soft: weight ``group_balance`` per period of a group's busiest day above its even share."""
    index, weight = v.index, v.index.problem.rules.weights.group_balance
    if not weight:
        return
    loads: dict[str, dict[int, list[cp_model.LinearExprT]]] = defaultdict(lambda: defaultdict(list))
    totals: dict[str, int] = defaultdict(int)
    for i, session in enumerate(index.problem.sessions):
        for g in dict.fromkeys(session.groups):
            totals[g] += session.length * session.occurrences
            for t in v.starts(i):
                loads[g][index.day(t)].append(session.length * v.x[i, t])
    for g, days in loads.items():
        top = v.model.new_int_var(0, index.n_periods, f"busiest[{g}]")
        day_loads = []
        for terms in days.values():
            load = v.model.new_int_var(0, index.n_periods, "")
            v.model.add(load == sum(terms))
            day_loads.append(load)
        v.model.add_max_equality(top, day_loads)
        extra = top - ideal_daily_load(index.grid, totals[g])
        v.add_term("group_balance", weight, _nonneg(v, extra, index.n_periods))


def fit_rooms(v: Vars) -> None:
    """Soft: ``room_fit`` per occurrence in a needlessly big room; ``capacity`` per seat missing."""
    problem, weights = v.index.problem, v.index.problem.rules.weights
    costs: dict[tuple[int, int], tuple[bool, int]] = {}
    oversized: dict[int, set[str]] = {}  # per session, once: each room's check alone looked at every room
    for (i, _, r), literal in v.y.items():
        if (i, r) not in costs:
            session, room = problem.sessions[i], problem.rooms[r]
            if i not in oversized:
                oversized[i] = oversized_rooms(problem, session)
            costs[i, r] = (room.id in oversized[i], over_capacity(problem, session, room))
        too_big, missing = costs[i, r]
        if too_big:
            v.add_term("room_fit", weights.room_fit, literal)
        if missing:
            v.add_term("capacity", weights.capacity * missing, literal)
