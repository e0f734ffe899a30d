"""A quick first schedule to start the search from (a CP-SAT solution hint).

Sessions are placed in precedence order, the pinned and then the most
constrained first, each ending in time for the sessions that follow it
(``deadlines``); the occurrences of a session spread evenly over the calendar,
each at the free start nearest its share of the calendar on a day (and week) the
session does not use yet that keeps rooms, speakers, groups, limits, weekly
patterns, exclusive sessions and the travel time between buildings free of
conflict (``_Travel``), in the smallest room that fits, with the free candidates
whose even share of their pool's lectures (``quotas``) is not yet given, else
the least loaded. Among equally near starts it prefers the session's weekly
slot, then a start next to the group's other sessions or, in the second order
``best_start`` tries, a day on which the lecturers already teach, then a start
its speakers' preferences cost least at, then one where a room of its size (no
``room_fit``) is free. An occurrence
pinned alone goes where its pin puts it, the others of its session around it in
number order. It may leave occurrences out (the hint is then partial): CP-SAT
repairs the rest.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.domain.model import Speaker
from planner.domain.oracle import check_schedule
from planner.domain.oracle_soft import candidate_pools, oversized_rooms, preference_penalty
from planner.domain.schedule import Assignment, Schedule
from solver.hard import travel_binds
from solver.model import Vars, hint_all

Placement = tuple[int, int, int, tuple[str, ...]]
"""(session index, start slot, room index, picked speakers)."""


@dataclass(frozen=True)
class _Travel:
    """The building of each room, and per period the periods too close to it to change buildings
    (``hard.travel_between_buildings``): ``before`` ends too close before it, ``after`` starts too
    soon after it."""

    buildings: tuple[str, ...]
    before: dict[int, tuple[int, ...]]
    after: dict[int, tuple[int, ...]]

    @classmethod
    def of(cls, v: Vars) -> _Travel | None:
        """None when the rule never binds: one building, or every pause long enough."""
        if (binding := travel_binds(v)) is None:
            return None
        buildings, tight = binding
        before: dict[int, tuple[int, ...]] = {}
        after: dict[int, tuple[int, ...]] = {}
        for p, q in tight:
            before[q] = (*before.get(q, ()), p)
            after[p] = (*after.get(p, ()), q)
        return cls(tuple(buildings), before, after)


@dataclass
class _Busy:
    taken: set[tuple[str, str, int]] = field(default_factory=set)
    """(kind, id, slot) of every session, group and speaker busy then (rooms: ``rooms_in_use``)."""
    per_day: Counter[tuple[str, int]] = field(default_factory=Counter)
    per_week: Counter[tuple[str, int]] = field(default_factory=Counter)
    load: Counter[str] = field(default_factory=Counter)
    running: Counter[int] = field(default_factory=Counter)
    exclusive: set[int] = field(default_factory=set)
    ends: dict[int, int] = field(default_factory=dict)
    rooms_of: dict[int, set[int]] = field(default_factory=dict)
    speakers_of: dict[int, set[str]] = field(default_factory=dict)
    pattern_of: dict[int, tuple[int, int]] = field(default_factory=dict)
    quota: Counter[tuple[int, str]] = field(default_factory=Counter)
    deadline: dict[int, int] = field(default_factory=dict)
    """Per session that others follow, the slot by which its occurrences must end (``deadlines``)."""
    spread: bool = True
    days_first: bool = False
    travel: _Travel | None = None
    building_of: dict[tuple[str, int], str] = field(default_factory=dict)
    """(speaker, slot) -> the building where the speaker is then, when ``travel`` binds."""
    follows: dict[int, list[int]] = field(default_factory=dict)
    """Per session, the sessions it comes after (its ``after``)."""
    followers: dict[int, list[int]] = field(default_factory=dict)
    """Per session, the sessions that come after it."""
    rooms_in_use: defaultdict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    """Per slot, the rooms taken then."""
    snug: dict[int, set[int]] = field(default_factory=dict)
    """Per session, its rooms that cost it no ``room_fit`` (``_snug_rooms``)."""
    dislikes: dict[tuple[str, int, int], int] = field(default_factory=dict)
    """Per speaker, start and length, what their preferences cost there (``_dislike``)."""
    first: dict[int, int] = field(default_factory=dict)
    """Per session placed, its earliest start: what it follows must end by then (a plan's
    placements kept by ``complete`` come before the greedy places what they follow)."""

    @classmethod
    def of(cls, v: Vars, spread: bool = True, days_first: bool = False) -> _Busy:
        """Nothing placed yet in ``v``: the pools' shares, each session's deadline and followers,
        and the travel rule's periods."""
        position = {s.id: i for i, s in enumerate(v.index.problem.sessions)}
        follows = {
            j: [position[a] for a in session.after] for j, session in enumerate(v.index.problem.sessions)
        }
        followers: dict[int, list[int]] = defaultdict(list)
        for j, before in follows.items():
            for i in before:
                followers[i].append(j)
        return cls(
            spread=spread,
            days_first=days_first,
            quota=quotas(v),
            deadline=deadlines(v),
            travel=_Travel.of(v),
            follows=follows,
            followers=dict(followers),
        )


def greedy_placements(v: Vars, spread: bool = True, days_first: bool = False) -> list[Placement]:
    """Placements of as many occurrences as the greedy rule manages.

    ``spread`` places occurrences evenly over the calendar next to their
    group's other sessions; without it they take the earliest free starts,
    which packs tighter and succeeds on crowded events. ``days_first`` prefers
    the days a session's lecturers already teach to the starts next to the
    group's other sessions (``speaker_days`` before ``isolated``).
    """
    busy = _Busy.of(v, spread, days_first)
    return _fill(v, busy, [])


def _fill(v: Vars, busy: _Busy, found: list[Placement]) -> list[Placement]:
    """``found`` (committed to ``busy`` already) and the greedy's placements of every occurrence
    it leaves out, session by session in precedence order; first those pinned (``_fixed``: a
    session pinned after another waited for it, and what came between took its only start; what
    it follows ends in time for it: ``deadlines``)."""
    sessions = v.index.problem.sessions
    placed = Counter(i for i, *_ in found)
    days: dict[int, set[int]] = {}
    for i, t, *_ in found:
        days.setdefault(i, set()).add(v.index.day(t))
    found = list(found)
    order = _order(v)
    first = [i for i in order if not placed[i] and _fixed(v, i)]
    chosen = set(first)
    for i in [*first, *(i for i in order if i not in chosen)]:
        missing = sessions[i].occurrences - placed[i]
        if missing and sessions[i].weekly:
            weeks = {v.index.grid.weeks[d] for d in days.get(i, ())}
            new = _weekly(v, busy, i, weeks)
            for placement in new:
                _commit(v, busy, placement)
            found += new
        elif missing and (pins := _pins(v, i)):
            found += _around_pins(v, busy, i, pins, sorted(t for j, t, *_ in found if j == i))
        elif missing:
            found += _one_by_one(v, busy, i, days.get(i), missing)
    return found


def _fixed(v: Vars, i: int) -> bool:
    """Whether the pins leave the session one start for each occurrence, or pin some of its
    occurrences alone and it follows no other (so its others may go first too): a pinned room
    was taken by a session placed before."""
    session = v.index.problem.sessions[i]
    if len(v.starts(i)) <= session.occurrences:
        return True
    pins = _pins(v, i)
    if pins and not session.after:
        return True
    return len(pins) == session.occurrences and all(len(starts) == 1 for _, starts, _ in pins)


Pinned = tuple[int, list[int], int | None]
"""(occurrence number, the starts its pins allow, the room they name)."""


def _pins(v: Vars, i: int) -> list[Pinned]:
    """The session's occurrences pinned one by one (a pin for every occurrence is the index's:
    only its starts and rooms are there), in order."""
    index, session = v.index, v.index.problem.sessions[i]
    numbers = sorted({pin.occurrence for pin in session.pinned if pin.occurrence is not None})
    if not numbers:
        return []
    rooms = {room.id: r for r, room in enumerate(index.problem.rooms)}
    found = []
    for n in numbers:
        if n > session.occurrences:
            continue
        pin = session.pinned_at(n)
        starts = [
            t
            for t in v.starts(i)
            if (pin.date is None or index.grid.days[index.day(t)] == pin.date)
            and (pin.period is None or index.grid.period_ids[index.slot(t).period] == pin.period)
        ]
        found.append((n, starts, rooms.get(pin.room) if pin.room is not None else None))
    return found


def _around_pins(
    v: Vars, busy: _Busy, i: int, pins: list[Pinned], placed: list[int] | None = None
) -> list[Placement]:
    """The pinned occurrences where their pins put them (the n-th in time order for a pin of
    occurrence n), then between each two as many occurrences as their numbers leave, spread over
    the time between them; as far as it goes (the search places what is left out). Occurrences
    ``placed`` already (their starts, committed) count where they are: one at a pin's start is
    that pin's occurrence, others fill the gap they are in."""
    session = v.index.problem.sessions[i]
    placed = placed or []
    new: list[Placement] = []
    fixed = [(0, -session.length)]  # (occurrence number, start) of the pinned, and the bounds
    for n, starts, room in pins:
        after = fixed[-1][1] + (n - fixed[-1][0]) * session.length  # room for those between
        there = next((t for t in placed if t in starts and t >= after), None)
        if there is None:
            placement = next(
                (found for t in starts if t >= after and (found := _try(v, busy, i, t, room)) is not None),
                None,
            )
            if placement is None:
                return new
            _commit(v, busy, placement)
            new.append(placement)
            there = placement[1]
        fixed.append((n, there))
    fixed.append((session.occurrences + 1, v.index.grid.n_days * v.index.n_periods))
    days = {v.index.day(t) for t in (*placed, *(t for _, t, *_ in new))}
    for (n0, t0), (n1, t1) in itertools.pairwise(fixed):
        between = sum(t0 < t < t1 for t in placed)
        if n1 - n0 - 1 > between:
            window = (t0 + session.length - 1, t1 - session.length)  # start after t0 ends, end before t1
            new += _one_by_one(v, busy, i, days, n1 - n0 - 1 - between, window)
            days |= {v.index.day(t) for _, t, *_ in new}
    return new


def quotas(v: Vars) -> Counter[tuple[int, str]]:
    """How many occurrences of each session each candidate is to teach, sharing every pool's load
    evenly (``fair_load``; pools whose sessions pick one speaker each, when the rule counts).

    Sessions, the most occurrences first, go whole to the candidate with the largest share still
    open, and are split only where that share runs out (one more speaker for the session costs
    ``same_speaker`` once, an uneven load costs ``fair_load`` per occurrence of difference).
    Without shares the greedy gave each session the least loaded candidate free at its first
    start: on the office sample 孙明 got 8 of the 9 lectures of 信息处理 and 张立军 9 of 12, and
    a 10 s search kept most of that (bench/RESULTS.md, 2026-12-04).
    """
    found: Counter[tuple[int, str]] = Counter()
    if not v.index.problem.rules.weights.fair_load:
        return found
    position = {s.id: i for i, s in enumerate(v.index.problem.sessions)}
    for pool, sessions in candidate_pools(v.index.problem).items():
        if len(pool) < 2 or any(s.candidates is None or s.candidates.pick != 1 for s in sessions):
            continue
        total = sum(s.occurrences for s in sessions)
        share = {k: total // len(pool) + (n < total % len(pool)) for n, k in enumerate(pool)}
        for session in sorted(sessions, key=lambda s: -s.occurrences):
            i, need = position[session.id], session.occurrences
            able = [k for k in pool if any((i, t, k) in v.z for t in v.starts(i))]
            while need > 0 and able:
                k = max(able, key=lambda k: share[k])
                given = min(need, share[k]) if share[k] > 0 else need
                found[i, k] += given
                share[k] -= given
                need -= given
                able.remove(k)
    return found


def _one_by_one(
    v: Vars,
    busy: _Busy,
    i: int,
    days: set[int] | None = None,
    count: int = 0,
    window: tuple[int, int] | None = None,
) -> list[Placement]:
    """Each occurrence spread evenly over the calendar, on a day and week the session does not use
    yet (``days``: those it uses already; ``count``: how many to place, else all; ``window``:
    only starts after its first slot and up to its last)."""
    days = set() if days is None else set(days)
    placed = []
    count = count or v.index.problem.sessions[i].occurrences
    first, span = _window(v, busy, i, window)
    for k in range(count):
        target = first + (k + 0.5) * span / count if busy.spread else 0.0
        placement = _place(v, busy, i, days, target, window)
        if placement is None:
            break
        _commit(v, busy, placement)
        placed.append(placement)
        days.add(v.index.day(placement[1]))
    return placed


def _window(v: Vars, busy: _Busy, i: int, window: tuple[int, int] | None = None) -> tuple[int, float]:
    """(first day, length in days) over which to spread a session's occurrences.

    From its earliest allowed day to the end (of the ``window``, between two pinned occurrences);
    only the first half of that when other sessions must follow it, so they find room after it.
    """
    ready = _ready_starts(v, busy, i, window)
    first = v.index.day(ready[0]) if ready else 0
    end = v.index.grid.n_days if window is None or not ready else v.index.day(ready[-1]) + 1
    span = float(end - first)
    if busy.followers.get(i):
        span /= 2
    return first, span


def _weekly(v: Vars, busy: _Busy, i: int, used: set[int]) -> list[Placement]:
    """The first weekday and period where every occurrence still to place fits, one a week (they
    never meet). Once some are placed (``used``: their weeks, kept by ``complete``), only their
    weekday and period, in the other weeks. Occurrences pinned alone (none placed yet) bring their
    weekday and period, the n-th at the pin of occurrence n (the Schedule page's 固定 on a weekly
    lecture: its whole schedule broke the pin, and a 323-occurrence event had none in 10 s)."""
    session = v.index.problem.sessions[i]
    pins = [] if used else _pins(v, i)
    by_pattern: dict[tuple[int, int], list[int]] = {}
    for t in _ready_starts(v, busy, i):
        pattern = v.index.pattern(t)
        if busy.pattern_of.get(i, pattern) == pattern:
            by_pattern.setdefault(pattern, []).append(t)
    best: list[Placement] = []
    for starts in by_pattern.values():
        placed = _one_a_week(v, busy, i, starts, used, pins)
        if len(placed) == session.occurrences - len(used):
            return placed
        best = max(best, placed, key=len)
    return best


def _one_a_week(
    v: Vars, busy: _Busy, i: int, starts: list[int], used: set[int], pins: list[Pinned]
) -> list[Placement]:
    """Occurrences at ``starts`` (one weekday and period, in time order), one a week outside the
    weeks ``used``, as many as are left to place: each pin's occurrence n at its start (in its
    room), with n - 1 before it; as far as it goes."""
    index, session = v.index, v.index.problem.sessions[i]
    placed: list[Placement] = []
    weeks, last = set(used), -1
    for n, allowed, room in [*pins, (session.occurrences - len(used) + 1, None, None)]:
        pin = None if allowed is None else next((t for t in starts if t in allowed and t > last), None)
        if allowed is not None and pin is None:
            return placed
        for t in starts:
            if len(placed) >= n - 1 or (pin is not None and t >= pin):
                break
            if t > last and index.grid.weeks[index.day(t)] not in weeks and (found := _try(v, busy, i, t)):
                placed.append(found)
                weeks.add(index.grid.weeks[index.day(t)])
                last = t
        if pin is None:
            return placed
        found = None if len(placed) < n - 1 else _try(v, busy, i, pin, room)
        if found is None:
            return placed
        placed.append(found)
        weeks.add(index.grid.weeks[index.day(pin)])
        last = pin
    return placed


def _order(v: Vars) -> list[int]:
    """Sessions after those they follow; among the ready ones, the fewest starts first."""
    sessions = v.index.problem.sessions
    position = {s.id: i for i, s in enumerate(sessions)}
    waiting = {i: {position[a] for a in s.after} for i, s in enumerate(sessions)}
    order: list[int] = []
    done: set[int] = set()  # (``set(order)`` rebuilt for every session took 10 s at 5,000 occurrences)
    while waiting:
        ready = [i for i, needs in waiting.items() if needs <= done] or list(waiting)
        chosen = min(
            ready, key=lambda i: (not sessions[i].pinned, len(v.starts(i)) / sessions[i].occurrences)
        )
        order.append(chosen)
        done.add(chosen)
        del waiting[chosen]
    return order


def _ready_starts(v: Vars, busy: _Busy, i: int, window: tuple[int, int] | None = None) -> list[int]:
    """Starts after every occurrence of the sessions this one follows, ending in time for those
    that follow it (``deadlines``, and the first start of those placed already), within the
    ``window`` (after its first slot, up to its last)."""
    session = v.index.problem.sessions[i]
    earliest = max((busy.ends.get(j, -1) for j in busy.follows.get(i, ())), default=-1)
    placed = (busy.first[j] for j in busy.followers.get(i, ()) if j in busy.first)
    latest = min((busy.deadline.get(i, math.inf), *placed)) - session.length
    if window is not None:
        earliest, latest = max(earliest, window[0]), min(latest, window[1])
    return [t for t in v.starts(i) if earliest < t <= latest]


def deadlines(v: Vars) -> dict[int, int]:
    """Per session that others follow (``after``), the slot number by which all its occurrences
    must end: the least, over its followers, of the latest start a follower's first occurrence
    can have among the starts its own followers leave it (its occurrences never overlap, so the
    first starts no later than the ``occurrences``-th last of those, nor, when its n-th
    occurrence is pinned alone, n - 1 lengths before the last start that pin allows). Placing a
    session later would leave a follower nowhere to go: a follower pinned early in the event
    failed the greedy when what it follows took the days before the pin first."""
    sessions = v.index.problem.sessions
    position = {s.id: i for i, s in enumerate(sessions)}
    waiting = Counter[int]()  # followers not yet given their latest start
    for session in sessions:
        for before in dict.fromkeys(session.after):
            waiting[position[before]] += 1
    found: dict[int, int] = {}
    last = [i for i in range(len(sessions)) if not waiting[i]]  # followed by nothing left to do
    while last:
        j = last.pop()
        session = sessions[j]
        usable = [t for t in v.starts(j) if t + session.length <= found.get(j, math.inf)]
        first = usable[-session.occurrences] if len(usable) >= session.occurrences else None
        for n, starts, _ in _pins(v, j) if session.after else []:  # the n-th pinned: n - 1 before it
            if starts:
                latest = max(starts) - (n - 1) * session.length
                first = latest if first is None else min(first, latest)
        for before in dict.fromkeys(session.after):
            i = position[before]
            if first is not None:
                found[i] = min(found.get(i, first), first)
            waiting[i] -= 1
            if not waiting[i]:
                last.append(i)
    return found


def _place(
    v: Vars, busy: _Busy, i: int, days: set[int], target: float, window: tuple[int, int] | None = None
) -> Placement | None:
    """The free start nearest the ``target`` day on a day and in a week the session does not use yet."""
    index = v.index
    weeks = {index.grid.weeks[d] for d in days}

    groups = index.problem.sessions[i].groups
    length = index.problem.sessions[i].length
    candidates = index.problem.sessions[i].candidates
    planned = [k for k in candidates.from_ if busy.quota[i, k] > 0] if candidates is not None else []
    teaching = [*planned, *index.problem.sessions[i].speakers] if busy.days_first else []

    def unplanned(t: int) -> bool:
        """No candidate with lectures of this session still to give is free at ``t``."""
        covered = list(index.covers(i, t))
        return not any((i, t, k) in v.z and _free(v, busy, k, t, covered) for k in planned)

    def preference(t: int) -> tuple[bool, bool, bool, int, bool, bool, bool, float, int]:
        day, pattern = index.day(t), index.pattern(t)
        if not busy.spread:
            return (day in days, False, False, 0, False, False, False, 0.0, t)
        near = [u for u in (t - 1, t + length) if u >= 0 and index.day(u) == day]
        alone = not any(("group", g, u) in busy.taken for g in groups for u in near)
        other_slot = busy.pattern_of.get(i, pattern) != pattern
        distance = abs(day - target)
        return (
            day in days,
            index.grid.weeks[day] in weeks,
            bool(planned) and unplanned(t),
            int(distance) // 5,
            other_slot,
            bool(teaching) and not any(busy.per_day[k, day] for k in teaching),  # a new day for them
            alone,
            distance,
            t,
        )

    snug = _snug_rooms(v, busy, i) if busy.spread else set()

    def too_large(t: int) -> bool:
        """Only rooms that cost ``room_fit`` are free at ``t``, though the session has others."""
        if not snug:
            return False
        free = set(snug)
        for u in index.covers(i, t):
            free -= busy.rooms_in_use[u]
        return not any((i, t, r) in v.y for r in free)

    minding = [k for k in index.problem.sessions[i].speakers if _minds(index.speakers[k])]
    choosy = planned if all(_minds(index.speakers[k]) for k in planned) else []

    def dislike(t: int) -> int:
        """What the speakers' preferences cost at ``t``: the given speakers', and the candidates'
        with lectures still to give who minds it least (0 when one of them minds no time)."""
        if not minding and not choosy:
            return 0
        cost = sum(_dislike(v, busy, k, i, t) for k in minding)
        return cost + min((_dislike(v, busy, k, i, t) for k in choosy), default=0)

    ranked = sorted((preference(t), t) for t in _ready_starts(v, busy, i, window))
    # among starts alike but for their distance, those that cost the speakers' preferences least
    # first, then those where a room of the session's size is free (only computed for the starts
    # tried: the greedy of the 5,000 event took 6.8 s, not 4.1 s, with the room in every start's
    # preference)
    for _, alike in itertools.groupby(ranked, key=lambda ranked_start: ranked_start[0][:-2]):
        for _, t in sorted(
            alike,
            key=lambda ranked_start: (
                dislike(ranked_start[1]),
                too_large(ranked_start[1]),
                ranked_start[0],
            ),
        ):
            placement = _try(v, busy, i, t)
            if placement is not None:
                return placement
    return None


def _minds(speaker: Speaker) -> bool:
    """Whether the speaker has preferred or undesired times (``preferences``)."""
    return bool(speaker.preferred or speaker.undesired)


def _dislike(v: Vars, busy: _Busy, k: str, i: int, t: int) -> int:
    """``preferences`` of speaker ``k`` for an occurrence of session ``i`` at ``t``."""
    key = (k, t, v.index.problem.sessions[i].length)
    if key not in busy.dislikes:
        index = v.index
        busy.dislikes[key] = preference_penalty(index.grid, index.speakers[k], index.cover_slots(i, t))
    return busy.dislikes[key]


def _snug_rooms(v: Vars, busy: _Busy, i: int) -> set[int]:
    """The rooms of session ``i`` where it costs no ``room_fit``; none when it costs that in none of
    its rooms (nothing to wait for)."""
    if i not in busy.snug:
        problem = v.index.problem
        oversized = oversized_rooms(problem, problem.sessions[i])
        mine = {r for r in v.index.rooms[i] if problem.rooms[r].id not in oversized}
        busy.snug[i] = mine if len(mine) < len(v.index.rooms[i]) else set()
    return busy.snug[i]


def _try(v: Vars, busy: _Busy, i: int, t: int, pinned: int | None = None) -> Placement | None:
    """The occurrence at ``t`` in the smallest free room (the ``pinned`` one, when given) with its
    speakers, or None when something there is taken."""
    index = v.index
    covered = list(index.covers(i, t))
    if not _clear(v, busy, i, t, covered):
        return None
    used = busy.rooms_of.get(i, set())
    rooms = sorted(v.rooms_at(i, t), key=lambda r: (r not in used, index.problem.rooms[r].capacity))
    if pinned is not None:
        rooms = [r for r in rooms if r == pinned]
    free = (r for r in rooms if all(r not in busy.rooms_in_use[u] for u in covered))
    given = index.problem.sessions[i].speakers
    for room in itertools.islice(free, None if busy.travel else 1):  # rooms differ only by building
        if all(_travels(busy, k, covered, room, index.n_periods) for k in given):
            picked = _pick(v, busy, i, t, covered, room)
            if picked is not None:
                return (i, t, room, picked)
    return None


def _clear(v: Vars, busy: _Busy, i: int, t: int, covered: list[int]) -> bool:
    """Whether the session, its groups, its given speakers and any exclusive session leave ``t`` free."""
    session = v.index.problem.sessions[i]
    if any(("session", session.id, u) in busy.taken for u in covered):
        return False
    if session.exclusive and any(busy.running[u] for u in covered):
        return False
    if any(u in busy.exclusive for u in covered):
        return False
    if any(("group", g, u) in busy.taken for g in session.groups for u in covered):
        return False
    return all(_free(v, busy, k, t, covered) for k in session.speakers)


def complete(v: Vars, kept: list[Placement]) -> list[Placement]:
    """A start's placements that still fit together (taken in time order, those that lost a
    picked candidate last: ``_complete``), and the greedy's for the
    occurrences they leave out (added by an edit, or no longer where they were): solving again
    after an edit goes on from the plan instead of starting afresh.

    A weekly session keeps its weekday and period: its occurrences left out go to other weeks of
    that slot, and only a session that finds no room there is placed anew whole (a lecturer away
    on one Tuesday of a weekly Tuesday lecture moved all six of its occurrences to Wednesdays,
    where one week's move would do)."""
    sessions = v.index.problem.sessions
    count = Counter(i for i, *_ in kept)
    keep = set(range(len(sessions)))
    while True:
        found = _complete(v, kept, keep)
        placed = Counter(i for i, *_ in found)
        short = {
            i for i in keep if sessions[i].weekly and count[i] > 0 and placed[i] < sessions[i].occurrences
        }
        if not short:
            return found
        keep -= short


def _complete(v: Vars, kept: list[Placement], keep: set[int]) -> list[Placement]:
    """``complete`` keeping only the placements of the sessions in ``keep``: first those whose
    picked candidates can all still come, then those that need another candidate, so a candidate
    brought in never takes the time or the limits of a speaker kept elsewhere (one brought in at
    the very period of a lecture of their own moved that lecture)."""
    sessions = v.index.problem.sessions
    busy, found = _Busy.of(v), []
    placed: Counter[int] = Counter()
    weeks: set[tuple[int, int]] = set()
    # ``placements_of`` left out the picks no longer allowed: those occurrences come second
    in_order = sorted(kept, key=lambda p: (len(p[3]) < sessions[p[0]].picks, p[1], p[0]))
    for i, t, room, picked in in_order:
        covered, week = list(v.index.covers(i, t)), v.index.grid.weeks[v.index.day(t)]
        fits = i in keep and placed[i] < sessions[i].occurrences and _clear(v, busy, i, t, covered)
        if sessions[i].weekly:  # one a week, all at the slot of the first kept
            pattern = v.index.pattern(t)
            fits = fits and (i, week) not in weeks and busy.pattern_of.get(i, pattern) == pattern
        fits = fits and all(_travels(busy, k, covered, room, v.index.n_periods) for k in sessions[i].speakers)
        fits = fits and all(room not in busy.rooms_in_use[u] for u in covered)
        now = _pick(v, busy, i, t, covered, room, keep=picked) if fits else None  # another if one is away
        if now is not None:
            _commit(v, busy, (i, t, room, now))
            found.append((i, t, room, now))
            placed[i] += 1
            weeks.add((i, week))
    return _fill(v, busy, found)


def _free(v: Vars, busy: _Busy, k: str, t: int, covered: list[int]) -> bool:
    limits = v.index.speakers[k].limits
    day, week = v.index.day(t), v.index.grid.weeks[v.index.day(t)]
    if limits.per_day is not None and busy.per_day[k, day] >= limits.per_day:
        return False
    if limits.per_week is not None and busy.per_week[k, week] >= limits.per_week:
        return False
    return all(("speaker", k, u) not in busy.taken for u in covered)


def _travels(busy: _Busy, k: str, covered: list[int], room: int, periods: int) -> bool:
    """Whether speaker ``k`` has the travel time to and from ``room`` around ``covered``: no session
    of theirs in another building ends or starts too close to it."""
    travel = busy.travel
    if travel is None:
        return True
    first, last = covered[0], covered[-1]
    near = [first - first % periods + p for p in travel.before.get(first % periods, ())]
    near += [last - last % periods + q for q in travel.after.get(last % periods, ())]
    building = travel.buildings[room]
    return all(busy.building_of.get((k, u), building) == building for u in near)


def _pick(
    v: Vars, busy: _Busy, i: int, t: int, covered: list[int], room: int, keep: tuple[str, ...] = ()
) -> tuple[str, ...] | None:
    """The candidates the occurrence at ``t`` in ``room`` picks, None when too few are free: those
    of ``keep`` who are (a start's picks), then the least used."""
    candidates = v.index.problem.sessions[i].candidates
    if candidates is None:
        return ()
    periods = v.index.n_periods
    pool = [
        k
        for k in dict.fromkeys(candidates.from_)
        if (i, t, k) in v.z and _free(v, busy, k, t, covered) and _travels(busy, k, covered, room, periods)
    ]
    if len(pool) < candidates.pick:
        return None
    used = busy.speakers_of.get(i, set())
    kept = [k for k in keep if k in pool]
    others = sorted(
        (k for k in pool if k not in kept), key=lambda k: (busy.quota[i, k] <= 0, k not in used, busy.load[k])
    )
    return (*kept, *others)[: candidates.pick]


def _commit(v: Vars, busy: _Busy, placement: Placement) -> None:
    i, t, room, picked = placement
    index, session = v.index, v.index.problem.sessions[i]
    covered = list(index.covers(i, t))
    day, week = index.day(t), index.grid.weeks[index.day(t)]
    for u in covered:
        busy.taken.add(("session", session.id, u))
        busy.rooms_in_use[u].add(room)
        busy.taken.update(("group", g, u) for g in session.groups)
        busy.running[u] += 1
        if session.exclusive:
            busy.exclusive.add(u)
    for k in (*session.speakers, *picked):
        busy.taken.update(("speaker", k, u) for u in covered)
        busy.per_day[k, day] += 1
        busy.per_week[k, week] += 1
        busy.load[k] += 1
        busy.quota[i, k] -= 1
        if busy.travel is not None:
            busy.building_of.update(((k, u), busy.travel.buildings[room]) for u in covered)
    busy.ends[i] = max(busy.ends.get(i, -1), covered[-1])
    busy.first[i] = min(busy.first.get(i, t), t)
    busy.rooms_of.setdefault(i, set()).add(room)
    busy.speakers_of.setdefault(i, set()).update(picked)
    busy.pattern_of.setdefault(i, v.index.pattern(t))


def best_start(
    v: Vars, seconds: float = math.inf, found: Callable[[Schedule], None] | None = None
) -> tuple[list[Placement], Schedule | None]:
    """The spread greedy's placements with their schedule (None unless they place everything and
    keep every hard rule), or the packed greedy's when the spread one leaves some out, mended
    (``mend``, within ``seconds``) when they leave some out too.

    When lecturers' days cost (``speaker_days``), the spread greedy runs twice, with the group's
    neighbours or the lecturers' days first, and the cheaper schedule is the start. Neither order
    wins everywhere: lecturers' days first made the office sample's 10 s solve cost 86 instead of
    98 on average and the generated 1,000 event's 60 s solve 1710 instead of 1779, but the
    generated 500 event's 873 instead of 813; the cheaper start picked the better order on four
    of the five events measured (bench/RESULTS.md, 2026-12-04). The greedy takes a fraction of
    the model's build time, but 20 s on the 5,000-occurrence event, whose greedy schedule is the
    answer: the second order runs only when the first took less than ``seconds``. ``found`` is
    told each valid schedule cheaper than the ones before, as soon as it is made (the first
    progress report of a large event comes after one order, not both).
    """
    needed = sum(s.occurrences for s in v.index.problem.sessions)
    orders = (False, True) if v.index.problem.rules.weights.speaker_days else (False,)
    tried: list[list[Placement]] = []
    valid: list[tuple[int, bool, list[Placement], Schedule]] = []
    began = time.monotonic()
    for days_first in orders:
        if tried and time.monotonic() - began >= seconds:
            break
        placements = greedy_placements(v, days_first=days_first)
        schedule = greedy_schedule(v, placements)
        tried.append(placements)
        if schedule is not None:
            if found is not None and all(schedule.objective < cost for cost, *_ in valid):
                found(schedule)
            valid.append((schedule.objective, days_first, placements, schedule))
    if valid:
        _, _, placements, schedule = min(valid, key=lambda start: start[:2])
        return placements, schedule
    placements = tried[0]
    if len(placements) < needed:
        placements = max(placements, greedy_placements(v, spread=False), key=len)
    return mended(v, placements, seconds) or (placements, greedy_schedule(v, placements))


def mended(v: Vars, placements: list[Placement], seconds: float) -> tuple[list[Placement], Schedule] | None:
    """``placements`` that leave occurrences out, ``mend``-ed within ``seconds`` (at most
    ``MEND_SECONDS``), with their schedule; None when they place everything already, or still
    leave some out or break a hard rule once mended."""
    if len(placements) == sum(s.occurrences for s in v.index.problem.sessions):
        return None
    found = mend(v, placements, time.monotonic() + min(seconds, MEND_SECONDS))
    schedule = greedy_schedule(v, found)
    return None if schedule is None else (found, schedule)


MEND_TRIES = 40
"""Ways in tried per session with occurrences left out, in each round of ``mend``."""
MEND_SECONDS = 2.0
"""Most time ``mended`` gives ``mend`` (each way in tried runs the greedy again); when it fails,
the search places what the greedy left out."""


def mend(v: Vars, placements: list[Placement], deadline: float) -> list[Placement]:
    """``placements`` with the occurrences they leave out placed by moving what stands in their
    way: an occurrence takes a start where few placements are in its way, those leave, and the
    greedy places them anew (``complete``); kept when more occurrences end up placed and the
    occurrences pinned alone are still where their pins put them. Round after round, until every
    occurrence is placed, no way in helps, or ``deadline``. (A crowded event, one room for 201
    occurrences, had 1-3 left out by the greedy and no schedule in 5 s.)"""
    sessions = v.index.problem.sessions
    pins = {i: these for i in range(len(sessions)) if (these := _pins(v, i))}
    pinned = {(i, t) for i, these in pins.items() for _, starts, _ in these for t in starts}
    while (better := _one_more(v, placements, pins, pinned, deadline)) is not None:
        placements = better
    return placements


def _one_more(
    v: Vars,
    placements: list[Placement],
    pins: dict[int, list[Pinned]],
    pinned: set[tuple[int, int]],
    deadline: float,
) -> list[Placement] | None:
    """``mend``'s round: the first way in for an occurrence left out after which more are placed
    and the ``pins`` kept (``pinned``: the starts they allow), or None."""
    sessions = v.index.problem.sessions
    placed = Counter(i for i, *_ in placements)
    held = {n for n, (i, t, *_) in enumerate(placements) if (i, t) in pinned}  # where pins put them
    for i in (i for i, session in enumerate(sessions) if placed[i] < session.occurrences):
        for way, in_way in _ways_in(v, placements, i, held)[:MEND_TRIES]:
            if time.monotonic() >= deadline:
                return None
            found = complete(v, [way, *(p for n, p in enumerate(placements) if n not in in_way)])
            if len(found) > len(placements) and _keeps_pins(v, found, pins):
                return found
    return None


def _keeps_pins(v: Vars, placements: list[Placement], pins: dict[int, list[Pinned]]) -> bool:
    """Whether each session with ``pins`` of one occurrence, once all placed, has its n-th
    occurrence in time order where the pin of occurrence n puts it."""
    sessions = v.index.problem.sessions
    mine: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, t, room, _ in placements:
        if i in pins:
            mine[i].append((t, room))
    for i, pinned in pins.items():
        if len(mine[i]) < sessions[i].occurrences:
            continue  # its rank of each occurrence is not known yet
        ranked = sorted(mine[i])
        if any(
            ranked[n - 1][0] not in starts or room not in (None, ranked[n - 1][1])
            for n, starts, room in pinned
        ):
            return False
    return True


def _ways_in(
    v: Vars, placements: list[Placement], i: int, held: set[int]
) -> list[tuple[Placement, set[int]]]:
    """Each start and room of session ``i`` (with the candidates least in the way) and the
    positions in ``placements`` of what is in its way there, fewest first: what it collides with,
    and the occurrences of the sessions it follows that end after it starts or of those following
    it that start before it ends; none where a ``held`` position is in the way."""
    index, sessions = v.index, v.index.problem.sessions
    at: dict[int, list[int]] = defaultdict(list)
    for n, (j, t, _, _) in enumerate(placements):
        for u in index.covers(j, t):
            at[u].append(n)
    follows = set(sessions[i].after)
    before = [
        (n, t + sessions[j].length) for n, (j, t, *_) in enumerate(placements) if sessions[j].id in follows
    ]
    after = [(n, t) for n, (j, t, *_) in enumerate(placements) if sessions[i].id in sessions[j].after]
    ways = []
    for t in v.starts(i):
        here = {n for u in index.covers(i, t) for n in at[u]}
        picked = _least_in_way(v, placements, here, i, t)
        if picked is None:
            continue
        end = t + sessions[i].length
        order = {n for n, ends in before if ends > t} | {n for n, starts in after if starts < end}
        for r in v.rooms_at(i, t):
            way = (i, t, r, picked)
            in_way = order | {n for n in here if _collides(v, placements[n], way)}
            if not in_way & held:
                ways.append((way, in_way))
    return sorted(ways, key=lambda way: len(way[1]))


def _least_in_way(
    v: Vars, placements: list[Placement], here: set[int], i: int, t: int
) -> tuple[str, ...] | None:
    """The candidates of session ``i`` at ``t`` who teach the fewest of the placements ``here``."""
    candidates = v.index.problem.sessions[i].candidates
    if candidates is None:
        return ()
    sessions = v.index.problem.sessions
    busy = Counter(k for n in here for k in (*sessions[placements[n][0]].speakers, *placements[n][3]))
    pool = [k for k in dict.fromkeys(candidates.from_) if (i, t, k) in v.z]
    return (
        tuple(sorted(pool, key=lambda k: busy[k])[: candidates.pick])
        if len(pool) >= candidates.pick
        else None
    )


def _collides(v: Vars, placed: Placement, way: Placement) -> bool:
    """Whether two placements that overlap in time cannot both stand: the same room, session, group
    or speaker, or an exclusive session."""
    sessions = v.index.problem.sessions
    (j, _, room, picked), (i, _, other_room, other_picked) = placed, way
    a, b = sessions[j], sessions[i]
    return (
        room == other_room
        or i == j
        or a.exclusive
        or b.exclusive
        or bool(set(a.groups) & set(b.groups))
        or bool({*a.speakers, *picked} & {*b.speakers, *other_picked})
    )


def hint_greedy(v: Vars, placements: list[Placement], time_limit: float = 5.0, presolve: bool = True) -> None:
    """Hint the greedy placements to the model.

    When they place every occurrence, a copy of the model with every decision
    fixed to them is solved (pure propagation) to fill in the auxiliary
    variables, so CP-SAT starts from a complete, feasible schedule; otherwise
    the ones are fixed and the copy searches for the rest. (Fixing by the
    variables' domains in the copy's proto, not ``fix_variables_to_their_hinted_value``:
    that parameter crashed 9.15 in such filler solves, or-tools issue 5025; nor by one
    equality constraint per decision, which took a second on the generated 1,000 event.)
    """
    complete = len(placements) == sum(s.occurrences for s in v.index.problem.sessions)
    decisions = _hint_decisions(v, placements)
    copy = v.model.clone()
    copy.clear_hints()  # type: ignore[no-untyped-call]
    for literal, value in decisions:
        if value or complete:
            domain = copy.proto.variables[literal.index].domain
            domain[0] = domain[1] = int(value)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, time_limit)
    solver.parameters.num_workers = 1
    solver.parameters.cp_model_presolve = presolve
    solver.parameters.symmetry_level = 0
    if solver.solve(copy) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        hint_all(v.model, solver.response_proto.solution)  # the copy's variables are the model's


def _hint_decisions(v: Vars, placements: list[Placement]) -> list[tuple[cp_model.IntVar, bool]]:
    """Hint x, y and z from the greedy placements; returns each decision literal with its value."""
    chosen = {(i, t) for i, t, _, _ in placements}
    rooms = {(i, t, r) for i, t, r, _ in placements}
    picks = {(i, t, k) for i, t, _, picked in placements for k in picked}
    values: dict[int, tuple[cp_model.IntVar, bool]] = {}
    for start, literal in v.x.items():
        values[literal.index] = (literal, start in chosen)
    for room, literal in v.y.items():
        if literal is not v.x[room[0], room[1]]:
            values[literal.index] = (literal, room in rooms)
    for pick, literal in v.z.items():
        values[literal.index] = (literal, pick in picks)
    v.model.proto.solution_hint.vars.extend(list(values))
    v.model.proto.solution_hint.values.extend([int(value) for _, value in values.values()])
    return list(values.values())


def placements_of(v: Vars, schedule: Schedule, short: bool = False) -> list[Placement]:
    """A schedule's assignments as placements of this model, leaving out any the model cannot take
    (a session, slot, room or speaker that is gone or no longer allowed). With ``short``, an
    occurrence whose picked speakers are not all allowed any more (one away then) keeps its time
    and room with those that are, and ``complete`` picks the others."""
    index = v.index
    position = {s.id: i for i, s in enumerate(index.problem.sessions)}
    rooms = {room.id: r for r, room in enumerate(index.problem.rooms)}
    found = []
    for a in schedule.assignments:
        i, t = position.get(a.session), index.grid.number_at(a.start)
        if i is None or t is None:
            continue
        r = rooms.get(a.room, -1)
        picked = tuple(k for k in a.speakers if k not in index.problem.sessions[i].speakers)
        allowed = tuple(k for k in picked if (i, t, k) in v.z)
        if (i, t, r) in v.y and (short or allowed == picked):
            found.append((i, t, r, allowed))
    return found


def greedy_schedule(v: Vars, placements: list[Placement]) -> Schedule | None:
    """Placements (the greedy's, or those of a schedule to start from) as a schedule, if they
    place everything and break no hard rule.

    The fallback when the search ends before CP-SAT reports any schedule (a
    very short time limit on a busy machine): its score comes from the oracle,
    which defines every cost.
    """
    problem, index = v.index.problem, v.index
    if len(placements) != sum(s.occurrences for s in problem.sessions):
        return None
    assignments = []
    for i, session in enumerate(problem.sessions):
        mine = sorted((p for p in placements if p[0] == i), key=lambda p: p[1])
        for number, (_, t, r, picked) in enumerate(mine, start=1):
            slot = index.slot(t)
            assignments.append(
                Assignment(
                    session=session.id,
                    occurrence=number,
                    title=session.title,
                    start=index.grid.start(slot),
                    end=index.grid.end(slot, session.length),
                    room=problem.rooms[r].id,
                    speakers=(*session.speakers, *picked),
                    groups=session.groups,
                )
            )
    draft = Schedule(event=problem.event.id, status="feasible", objective=0, assignments=tuple(assignments))
    report = check_schedule(problem, draft, v.reference, v.freeze_before)  # a repair's moves cost
    if not report.ok:
        return None
    return draft.model_copy(update={"objective": report.objective, "score": report.score})
