"""Why no schedule exists: counting checks that answer at once, then a conflicting set of rules.

``quick_reasons`` counts (free periods of a speaker or a group against what
they must attend, a speaker's limits a day and a week, rooms able to host a
session, pins that collide, pins at a time a speaker or group is away) and
needs no search. ``explain`` builds the model again with one assumption literal
per rule and entity (``solver.hard``'s guards), asks CP-SAT for a sufficient
set of assumptions behind the infeasibility, shrinks it, and words it with
``solver.sentences``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Literal

from ortools.sat.python import cp_model

from planner.domain.calendar import Slot
from planner.domain.model import Group, Problem, Session, Speaker, booked_periods
from planner.domain.oracle_soft import candidate_pools
from planner.domain.schedule import Schedule
from solver.data import Index, Reason, build_index
from solver.hard import add_hard_rules
from solver.model import create_vars
from solver.options import SolveOptions
from solver.repair import frozen_slots
from solver.sentences import Words, describe, free_periods, free_slots


def quick_reasons(problem: Problem, index: Index | None = None) -> list[str]:
    """Reasons found by counting alone, in the event's language; empty when counting finds nothing
    wrong. ``index``: the event's index, when the caller has built it already."""
    words = Words(problem)
    return [
        *_speaker_overloads(words),
        *_speaker_limits(words),
        *_short_pools(words),
        *_group_overloads(words),
        *_homeless_sessions(words, index or build_index(problem)),
        *_colliding_pins(words),
        *_pinned_when_unavailable(words),
    ]


def _speaker_overloads(words: Words) -> list[str]:
    return _overloads(words, words.problem.speakers, "speakers", "speaker_free")


def _speaker_limits(words: Words) -> list[str]:
    """Speakers given more sessions of their own than their daily or weekly limit allows in the
    whole event, said at once: CP-SAT may take long to prove such a count (the office sample's 9
    lectures of 综合协调 at one a week in 7 weeks). Counted without their absences, which the
    conflicting set weighs; those booked beyond their free periods are said already."""
    problem, grid = words.problem, words.grid
    given = _given_occurrences(problem)
    load = booked_periods(problem.sessions, "speakers")
    reasons = []
    for speaker in problem.speakers:
        per_day, per_week = speaker.limits.per_day, speaker.limits.per_week
        over_day = per_day is not None and given[speaker.id] > per_day * grid.n_days
        over_week = per_week is not None and given[speaker.id] > per_week * grid.n_weeks
        if not (over_day or over_week) or load[speaker.id] > free_periods(grid, speaker.unavailable):
            continue  # within the limits, or said already (``_speaker_overloads``)
        reasons.append(describe(problem, ("speaker_per_day" if over_day else "speaker_per_week", speaker.id)))
    return reasons


def _given_occurrences(problem: Problem) -> Counter[str]:
    """Occurrences each speaker gives as a given (not a candidate) speaker, counted in one pass."""
    given: Counter[str] = Counter()
    for session in problem.sessions:
        for k in dict.fromkeys(session.speakers):
            given[k] += session.occurrences
    return given


def _short_pools(words: Words) -> list[str]:
    """Candidate pools whose candidates cannot give the occurrences their sessions pick them for:
    each gives at most as many as their free periods, their per-day limit times their free days and
    their per-week limit times their free weeks allow, less what the sessions naming them take."""
    problem = words.problem
    given = _given_occurrences(problem)
    reasons = []
    for pool, sessions in candidate_pools(problem).items():
        need = sum(s.occurrences * s.picks for s in sessions)
        named = sessions[0].candidates.from_ if sessions[0].candidates is not None else pool
        each = {k: max(0, _most(words, problem.speaker(k)) - given[k]) for k in named if k in pool}
        if sum(each.values()) < need:
            unit = "、" if words.zh else ", "
            reasons.append(
                words.say(
                    "pool_short",
                    titles=words.titles(sessions),
                    need=words.count(need, "occurrence"),
                    names=words.names([problem.speaker(k).name for k in each]),
                    can=words.count(sum(each.values()), "occurrence"),
                    each=unit.join(f"{problem.speaker(k).name} {_amount(words, n)}" for k, n in each.items()),
                    span=words.span(),
                )
            )
    return reasons


def _amount(words: Words, n: int) -> str:
    """``3`` in English (the sentence has said what), ``3 讲`` in Chinese."""
    return words.count(n, "occurrence") if words.zh else str(n)


def _most(words: Words, speaker: Speaker) -> int:
    """The most occurrences ``speaker`` can teach in the event, counting their free periods and limits."""
    grid, limits = words.grid, speaker.limits
    free = free_slots(grid, speaker.unavailable)
    most = len(free)  # one place at a time: an occurrence takes a period at least
    if limits.per_day is not None:
        most = min(most, limits.per_day * len({slot.day for slot in free}))
    if limits.per_week is not None:
        most = min(most, limits.per_week * len({grid.weeks[slot.day] for slot in free}))
    return most


def _group_overloads(words: Words) -> list[str]:
    return _overloads(words, words.problem.groups, "groups", "group_overload")


def _overloads(
    words: Words, things: Sequence[Speaker] | Sequence[Group], field: Literal["speakers", "groups"], key: str
) -> list[str]:
    """Speakers or groups booked for more periods than they are free within the event's dates."""
    load = booked_periods(words.problem.sessions, field)
    reasons = []
    for thing in things:
        free = free_periods(words.grid, thing.unavailable)
        if load[thing.id] > free:
            busy, open_ = words.count(load[thing.id], "period"), words.count(free, "period")
            reasons.append(words.say(key, name=thing.name, load=busy, free=open_, span=words.span()))
    return reasons


def _homeless_sessions(words: Words, index: Index) -> list[str]:
    problem = words.problem
    reasons = []
    for i, session in enumerate(problem.sessions):
        if not index.rooms[i]:
            reasons.append(_no_room(words, session))
        elif index.starts[i] and not any(
            index.room_open(r, i, t) for t in index.starts[i] for r in index.rooms[i]
        ):
            names = ("、" if words.zh else ", ").join(problem.rooms[r].name for r in index.rooms[i])
            reasons.append(words.say("closed_room", title=words.title(session), names=names))
    return reasons


def _no_room(words: Words, session: Session) -> str:
    pinned = [p.room for p in session.pinned if p.occurrence is None and p.room is not None]
    title, needs = words.title(session), words.needs(session)
    if pinned:
        return words.say("pinned_room", title=title, room=words.problem.room(pinned[0]).name, needs=needs)
    return words.say("no_room", title=title, needs=needs)


def _pinned_periods(problem: Problem) -> Iterator[tuple[Session, dt.date, str, str | None]]:
    """Each period a pin fixes: the session, the date, the period (a pin of a longer session holds
    the periods after it too) and the room the pin names, if any."""
    periods = problem.event.periods
    order = {p.id: n for n, p in enumerate(periods)}
    for session in problem.sessions:
        for occurrence in range(1, session.occurrences + 1):
            pin = session.pinned_at(occurrence)
            if pin.date is not None and pin.period is not None:
                for held in periods[order[pin.period] : order[pin.period] + session.length]:
                    yield session, pin.date, held.id, pin.room


def _colliding_pins(words: Words) -> list[str]:
    """Two sessions pinned to the same date and period that share a speaker, a group, or the room
    their pins there name."""
    pinned: dict[tuple[dt.date, str], list[tuple[Session, str | None]]] = defaultdict(list)
    for session, day, period, room in _pinned_periods(words.problem):
        pinned[day, period].append((session, room))
    reasons, told = [], set()
    for (day, period), held_by in pinned.items():
        for a_index, (a, room_a) in enumerate(held_by):
            for b, room_b in held_by[a_index + 1 :]:
                shared = _shared(words, a, b, room_a if room_a == room_b else None)
                if shared and (a.id, b.id, day) not in told:
                    told.add((a.id, b.id, day))
                    reasons.append(
                        words.say(
                            "pins_collide",
                            a=words.title(a),
                            b=words.title(b),
                            day=day,
                            period=words.period(period),
                            shared=shared,
                        )
                    )
    return reasons


def _pinned_when_unavailable(words: Words) -> list[str]:
    """A session pinned to a period when one of its speakers or groups is not available: once per
    session and speaker or group (a lecturer away on the day of a pinned opening, say: the
    conflicting set would only count their free periods). A pinned room closed then is a session
    with no room (``_homeless_sessions``)."""
    problem, grid = words.problem, words.grid
    reasons, told = [], set()
    for session, day, period, _ in _pinned_periods(problem):
        d, p = grid.day_index(day), grid.period_index(period)
        if d is None or p is None:
            continue  # validation refuses such a pin; nothing to say here
        owners: list[tuple[str, Speaker | Group]] = [
            *(("speaker", problem.speaker(k)) for k in session.speakers),
            *(("group", problem.group(g)) for g in session.groups),
        ]
        for what, owner in owners:
            if (session.id, what, owner.id) not in told and grid.matches(owner.unavailable, Slot(d, p)):
                told.add((session.id, what, owner.id))
                who = words.shared(what, owner.name)
                at = words.period(period)
                reasons.append(
                    words.say("pinned_unavailable", title=words.title(session), day=day, period=at, who=who)
                )
    return reasons


def _shared(words: Words, a: Session, b: Session, room: str | None) -> str:
    """What sessions ``a`` and ``b`` at the same time cannot share: a speaker, a group, ``room``
    (the room both are pinned to there, if any), or the time of an exclusive session."""
    problem = words.problem
    speakers = [problem.speaker(k).name for k in a.speakers if k in b.speakers]
    groups = [problem.group(g).name for g in a.groups if g in b.groups]
    rooms = [problem.room(room).name] if room is not None else []
    for what, names in (("speaker", speakers), ("group", groups), ("room", rooms)):
        if names:
            return words.shared(what, names[0])
    if not (a.exclusive or b.exclusive):
        return ""
    return "独占的时段" if words.zh else "the time slot with an exclusive session"


def explain(
    problem: Problem,
    options: SolveOptions,
    freeze_before: dt.date | None = None,
    reference: Schedule | None = None,
) -> list[str]:
    """Sentences for a small set of rules that together leave no schedule (a repair's freeze, with
    the ``reference`` occurrences it keeps, is one rule per session)."""
    if reasons := quick_reasons(problem):
        return reasons
    freeze = (freeze_before, reference) if freeze_before is not None and reference is not None else None
    core = conflicting_rules(problem, options.explain_time_limit, options.seed, freeze)
    if not core:
        return [Words(problem).say("no_core")]
    return [describe(problem, reason, freeze) for reason in core]


def conflicting_rules(
    problem: Problem, time_limit: float, seed: int = 0, freeze: tuple[dt.date, Schedule] | None = None
) -> list[Reason]:
    """A small set of (rule, entity) that cannot hold together; empty if none was found in time.
    With a repair's ``freeze`` (its date or moment, and the schedule repaired), ``("freeze",
    session)`` keeps the session's occurrences that started before it and nothing new there."""
    if freeze is None:
        index = build_index(problem, explain=True)
    else:
        index = build_index(problem, True, freeze[0], frozen_slots(problem, freeze[1], freeze[0]))
    v = create_vars(index, explain=True)
    position = {session.id: i for i, session in enumerate(problem.sessions)}
    for session_id, starts in index.frozen.items():
        i = position[session_id]
        for t in starts:
            if (i, t) in v.x:
                v.model.add(v.x[i, t] == 1).only_enforce_if(v.guard(("freeze", session_id)))
    add_hard_rules(v)
    literals = v.guard.literals
    deadline = time.monotonic() + 2 * time_limit
    core = _core(v.model, literals, list(literals), time_limit, seed)
    if core is None:
        return []
    for reason in list(core):  # shrink: drop each rule the others still conflict without
        left = deadline - time.monotonic()
        if len(core) == 1 or left <= 0:
            break
        if _core(v.model, literals, [r for r in core if r != reason], min(left, time_limit / 4), seed):
            core.remove(reason)
    return core


def _core(
    model: cp_model.CpModel,
    literals: dict[Reason, cp_model.IntVar],
    active: list[Reason],
    time_limit: float,
    seed: int,
) -> list[Reason] | None:
    """The assumptions (among ``active``) behind infeasibility, or None when feasible or unknown."""
    model.clear_assumptions()
    model.add_assumptions([literals[r] for r in active])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    if solver.solve(model) != cp_model.INFEASIBLE:
        return None
    chosen = set(solver.sufficient_assumptions_for_infeasibility())
    return [r for r in active if literals[r].index in chosen]
