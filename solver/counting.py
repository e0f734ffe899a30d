"""A lower bound by counting: who teaches how many occurrences, on how many days, in no time.

The parts of ``solver.bound`` are proven by searching each one's timetable, which
takes seconds per part (the office sample's 17 parts about 10 s in all; a
5,000-occurrence event's 633 parts not at all within a minute). Much of what
they prove is counting: a lecturer with 9 lectures and at most 2 a day comes on
5 days or more; a pool's lectures shared unevenly cost ``fair_load``, shared
evenly they split a class between lecturers (``same_speaker``) or add days. This
module keeps only those counts, without any time slot:

- ``taught(i, k)``: occurrences of session i that candidate k teaches (given
  speakers teach all of them), ``pick`` x occurrences in all;
- ``teaches(i, k)``: whether k teaches any of them;
- ``days(i)``: distinct days of session i, at most its possible days;
- ``days(k)``: teaching days of speaker k, at least their occurrences over the
  per-day limit, their periods over the periods of a day, and
  ``taught(i, k) - occurrences(i) + days(i)`` for each session;

with the soft rules that are counts of those (``speaker_days``, ``min_days``,
``fair_load``, ``same_speaker``, ``preferences``), the rooms' costs no allowed room avoids
(``room_fit`` in a pinned room, soft ``capacity``), and ``weekly_slot`` where a session is shared
by two speakers with no weekday and period both could teach it at without a preference cost
(``_shared``); with ``weeks`` (sessions in order, ``ordered``), the same counts week by week,
``spread_weeks`` and the order too (``_weeks``). Every schedule gives these
variables values that keep every constraint and cost at most what the schedule
costs, so the model's optimum is a lower bound. It is built per speaker cluster
(a part of ``solver.bound``), and CP-SAT proves most in milliseconds (one
cluster of the generated 5,000 event took 5 s: ``SECONDS`` cuts it short, its
bound then counts). A group's own rules are bounded from its periods alone
(``grouped``).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence

from ortools.sat.python import cp_model

from planner.domain.model import Session
from planner.domain.oracle_soft import (
    candidate_pools,
    ideal_daily_load,
    keeps_weekly_slot,
    over_capacity,
    oversized_rooms,
    preference_penalty,
    required_days,
    required_weeks,
)
from solver.data import Index

RULES = (
    "min_days",
    "spread_weeks",
    "same_speaker",
    "speaker_days",
    "fair_load",
    "preferences",
    "room_fit",
    "capacity",
    "weekly_slot",
)
"""The soft rules the counting model bounds (the others count 0 in it)."""
NAME = "counting"
"""The name of every counting model (``CpModel.name``)."""
SECONDS = 1.0
"""Longest the counting model of one part may take; its bound then, if not proven optimal."""


def _possible_days(index: Index, i: int, k: str | None) -> set[int]:
    """Days on which session i can start (taught by candidate ``k`` when given)."""
    if k is None:
        return {index.day(t) for t in index.starts[i]}
    away = index.speakers[k].unavailable
    return {index.day(t) for t in index.starts[i] if not index.is_blocked(away, i, t)}


def _room_cost(index: Index, session: Session) -> int:
    """What each occurrence of ``session`` costs in the cheapest room that may hold it (the
    index's own list may be cut short on large events: the rules decide here)."""
    problem = index.problem
    weights = problem.rules.weights
    oversized = oversized_rooms(problem, session)  # once, not once a room
    return min(
        (
            weights.room_fit * (problem.rooms[r].id in oversized)
            + weights.capacity * over_capacity(problem, session, problem.rooms[r])
            for r in index.allowed_rooms(session)
        ),
        default=0,
    )


IntVar = cp_model.IntVar
Weekly = dict[tuple[int, int], IntVar]
"""A variable per (session, week)."""


def ordered(index: Index, members: Sequence[int]) -> bool:
    """Whether some of ``members`` come after others of them (``after``) in an event of several
    weeks: where counting by weeks (``Counts(weeks=True)``) may prove more."""
    ids = {index.problem.sessions[i].id for i in members}
    linked = any(a in ids for i in members for a in index.problem.sessions[i].after)
    return linked and len(set(index.grid.weeks)) > 1


class Counts:
    """The counting model of some whole speaker clusters of an event (``members``: their sessions);
    with ``weeks``, counted week by week too (``_weeks``)."""

    def __init__(self, index: Index, members: Sequence[int], weeks: bool = False) -> None:
        self.index = index
        self.members = [i for i in members if index.problem.sessions[i].occurrences and index.starts[i]]
        self.model = cp_model.CpModel()
        self.model.name = NAME
        self.costs: list[cp_model.LinearExprT] = []
        self.taught: dict[tuple[int, str], cp_model.IntVar | int] = {}
        self.teaches: dict[tuple[int, str], cp_model.IntVar | int] = {}
        self.days: dict[int, cp_model.IntVar] = {}
        self.speaker_days: dict[str, cp_model.IntVar] = {}
        self.outside: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        """Per speaker, their occurrences outside their preferred periods and in their undesired ones."""
        self._weekly_days: dict[tuple[int, str | None], dict[int, set[int]]] = {}
        for i in self.members:
            self._session(i, index.problem.sessions[i])
        self._speakers()
        self._pools()
        self._shared()
        if weeks:
            self._weeks()
        self.model.minimize(sum(self.costs, 0))

    def _session(self, i: int, session: Session) -> None:
        index, model = self.index, self.model
        weights = index.problem.rules.weights
        n, per_day = session.occurrences, max(1, index.n_periods // session.length)
        fewest = math.ceil(n / per_day)  # occurrences never overlap
        days = model.new_int_var(fewest, max(fewest, min(n, len(_possible_days(index, i, None)))), "")
        self.days[i] = days
        need = required_days(index.grid, session)
        if need > 1 and weights.min_days:
            missing = model.new_int_var(0, need, "")
            model.add(missing >= need - days)
            self.costs.append(weights.min_days * missing)
        self.costs.append(n * _room_cost(index, session))
        for k in dict.fromkeys(session.speakers):
            self.taught[i, k], self.teaches[i, k] = n, 1
        if session.candidates is None:
            return
        pool = [k for k in dict.fromkeys(session.candidates.from_) if k not in session.speakers]
        for k in pool:  # the days k may teach on bound their share (``_speakers``)
            taught, flag = model.new_int_var(0, n, ""), model.new_bool_var("")
            model.add(taught <= n * flag)
            model.add(taught >= flag)
            self.taught[i, k], self.teaches[i, k] = taught, flag
        pick = session.candidates.pick
        model.add(sum(self.taught[i, k] for k in pool) == pick * n)
        if weights.same_speaker and len(pool) > pick:
            self.costs.append(weights.same_speaker * (sum(self.teaches[i, k] for k in pool) - pick))

    def _speakers(self) -> None:
        index, model = self.index, self.model
        weight = index.problem.rules.weights.speaker_days
        sessions = index.problem.sessions
        teaching: dict[str, list[int]] = defaultdict(list)
        for i, k in self.taught:
            teaching[k].append(i)
        for k, mine in teaching.items():
            limits = index.speakers[k].limits
            per_day = min(limits.per_day or index.n_periods, index.n_periods)
            possible = set().union(*(_possible_days(index, i, k) for i in mine))
            days = self.speaker_days[k] = model.new_int_var(0, len(possible), "")
            occurrences = sum((self.taught[i, k] for i in mine), 0)
            model.add(per_day * days >= occurrences)
            periods = sum((sessions[i].length * self.taught[i, k] for i in mine), 0)
            model.add(index.n_periods * days >= periods)  # one place at a time
            if limits.per_week is not None:
                model.add(occurrences <= limits.per_week * len({index.grid.weeks[d] for d in possible}))
            for i in mine:
                model.add(days >= self.teaches[i, k])
                if sessions[i].occurrences > 1:  # occurrences of i on one day are its collisions
                    model.add(days + sessions[i].occurrences >= self.taught[i, k] + self.days[i])
            if weight:
                extra = model.new_int_var(0, len(possible), "")
                model.add(extra >= days - 1)
                self.costs.append(weight * extra)
            self._preferences(k, possible, days, occurrences)

    def _preferences(
        self, k: str, possible: set[int], days: cp_model.IntVar, occurrences: cp_model.LinearExprT
    ) -> None:
        """``preferences``: on a day a speaker gives at most as many occurrences within their
        preferred periods (outside their undesired ones) as there are such periods free; the rest
        cost one each."""
        index, model = self.index, self.model
        weight = index.problem.rules.weights.preferences
        if not weight:
            return
        speaker = index.speakers[k]
        away = index.blocked(speaker.unavailable)
        for rules, wanted in ((speaker.preferred, True), (speaker.undesired, False)):
            if not rules:
                continue
            matched = index.blocked(rules)
            good = max(
                (
                    sum(
                        1
                        for t in range(d * index.n_periods, (d + 1) * index.n_periods)
                        if t not in away and (t in matched) == wanted
                    )
                    for d in possible
                ),
                default=0,  # a candidate who can come on no day teaches nothing (``_speakers``)
            )
            outside = model.new_int_var(0, len(possible) * index.n_periods, "")
            model.add(outside + good * days >= occurrences)
            self.costs.append(weight * outside)
            self.outside[k].append(outside)

    def _content(self, i: int, k: str) -> set[tuple[int, int]]:
        """The weekday/period pairs at which k may start an occurrence of session i at no cost of
        their preferences (when the rule counts)."""
        index = self.index
        speaker, grid = index.speakers[k], index.grid
        minded = bool(index.problem.rules.weights.preferences)
        found = set()
        for t in index.starts[i]:
            if index.is_blocked(speaker.unavailable, i, t):
                continue
            if minded and preference_penalty(grid, speaker, index.cover_slots(i, t)):
                continue
            found.add(index.pattern(t))
        return found

    def _shared(self) -> None:
        """``weekly_slot``: a session that meets at one weekday and period, shared by two speakers
        with no such pair both may teach it at without a preference cost, costs one of them a
        preference (an occurrence of it they teach, ``bad``) or a second pair (``weekly``):
        ``weekly + bad(k1) + bad(k2) >= teaches(k1) + teaches(k2) - 1``; a speaker's ``bad``
        occurrences are among those their preferences cost (``outside``). The office sample's
        调查研究: 陈志远 teaches on Thursday and Friday mornings, 李春梅 on afternoons from Monday to
        Thursday; a class of both costs one more (7, as its timetable proves, not 6)."""
        index, model = self.index, self.model
        weight = index.problem.rules.weights.weekly_slot
        if not weight:
            return
        bad: dict[tuple[int, str], cp_model.IntVar] = {}
        teachers: dict[int, list[str]] = defaultdict(list)
        for i, k in self.teaches:
            teachers[i].append(k)
        for i in self.members:
            teaching = teachers[i]
            if len(teaching) < 2 or not keeps_weekly_slot(index.grid, index.problem.sessions[i]):
                continue
            content = {k: self._content(i, k) for k in teaching}
            apart = [(a, b) for a, b in itertools.combinations(teaching, 2) if not content[a] & content[b]]
            if not apart:
                continue
            weekly = model.new_bool_var("")
            self.costs.append(weight * weekly)
            for a, b in apart:
                costly = [self._bad(bad, i, k) for k in (a, b) if self.outside.get(k)]
                model.add(weekly + sum(costly, 0) >= self.teaches[i, a] + self.teaches[i, b] - 1)
        mine: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for (_, k), count in bad.items():
            mine[k].append(count)
        for k, counts in mine.items():
            model.add(sum(counts) <= sum(self.outside[k]))

    def _bad(self, bad: dict[tuple[int, str], cp_model.IntVar], i: int, k: str) -> cp_model.IntVar:
        """Occurrences of session i that k teaches at a cost of their preferences."""
        if (i, k) not in bad:
            bad[i, k] = self.model.new_int_var(0, self.index.problem.sessions[i].occurrences, "")
        return bad[i, k]

    def _weeks(self) -> None:
        """The same counts week by week, with ``spread_weeks`` and the order of sessions that come
        after others: per session and week its occurrences (``held``), whether it meets
        (``used``), its distinct days (``spread``, adding up to ``days(i)``); per speaker and week
        what they teach of each session (adding up to ``taught``) and their days (adding up to
        their ``days``, at least the occurrences over the per-day limit, at most the per-week
        limit); no week of a session before a week of one it comes after. The office sample's
        公文处理规范 and 公文写作规范, each class's writing after its documents: 13, where the two
        pools counted apart prove 6 + 6 (their timetables together took 83 s to prove it)."""
        weeks = sorted(set(self.index.grid.weeks))
        held, used, spread = self._session_weeks(weeks)
        self._speaker_weeks(self._shares_by_week(weeks, held), held, spread)
        sessions = self.index.problem.sessions
        position = {s.id: i for i, s in enumerate(sessions)}
        for i in self.members:
            for j in (position[a] for a in sessions[i].after):
                if j in self.members:  # no week of i before a week of j
                    for w, later in itertools.product(weeks, weeks):
                        if w < later:
                            self.model.add(used[i, w] + used[j, later] <= 1)

    def _days_by_week(self, i: int, k: str | None) -> dict[int, set[int]]:
        """``_possible_days`` of session i (taught by ``k`` when given) by week, once per pair: each
        speaker's weeks ask for it again for every session they teach."""
        if (i, k) not in self._weekly_days:
            found: dict[int, set[int]] = defaultdict(set)
            for d in _possible_days(self.index, i, k):
                found[self.index.grid.weeks[d]].add(d)
            self._weekly_days[i, k] = found
        return self._weekly_days[i, k]

    def _session_weeks(self, weeks: list[int]) -> tuple[Weekly, Weekly, Weekly]:
        """Per session and week: its occurrences, whether it meets, its distinct days; with the
        cost of the weeks it misses (``spread_weeks``)."""
        index, model = self.index, self.model
        sessions, weights = index.problem.sessions, index.problem.rules.weights
        held: Weekly = {}
        used: Weekly = {}
        spread: Weekly = {}
        for i in self.members:
            n, free = sessions[i].occurrences, self._days_by_week(i, None)
            for w in weeks:
                days = len(free.get(w, ()))
                held[i, w] = model.new_int_var(0, min(n, days * index.n_periods), "")
                used[i, w] = model.new_bool_var("")
                model.add(held[i, w] <= n * used[i, w])
                model.add(held[i, w] >= used[i, w])
                spread[i, w] = model.new_int_var(0, min(n, days), "")
                model.add(spread[i, w] <= held[i, w])
                model.add(spread[i, w] >= used[i, w])
            model.add(sum(held[i, w] for w in weeks) == n)
            model.add(sum(spread[i, w] for w in weeks) == self.days[i])
            need = required_weeks(index.grid, sessions[i])
            if need > 1 and weights.spread_weeks:
                missing = model.new_int_var(0, need, "")
                model.add(missing >= need - sum(used[i, w] for w in weeks))
                self.costs.append(weights.spread_weeks * missing)
        return held, used, spread

    def _shares_by_week(
        self, weeks: list[int], held: Weekly
    ) -> dict[str, dict[int, list[tuple[int, IntVar]]]]:
        """Per speaker and week, what they teach of each session that week: a given speaker all of
        it, candidates shares adding up to ``taught`` and, per week, to the occurrences times ``pick``."""
        index, model, sessions = self.index, self.model, self.index.problem.sessions
        gives: dict[str, dict[int, list[tuple[int, IntVar]]]] = defaultdict(lambda: defaultdict(list))
        pools: dict[tuple[int, int], list[IntVar]] = defaultdict(list)
        for (i, k), taught in self.taught.items():
            if k in sessions[i].speakers:
                for w in weeks:
                    gives[k][w].append((i, held[i, w]))
                continue
            n, hers = sessions[i].occurrences, self._days_by_week(i, k)
            split = {
                w: model.new_int_var(0, min(n, len(hers.get(w, ())) * index.n_periods), "") for w in weeks
            }
            model.add(sum(split.values()) == taught)
            for w in weeks:
                gives[k][w].append((i, split[w]))
                pools[i, w].append(split[w])
        for (i, w), shares in pools.items():
            candidates = sessions[i].candidates
            assert candidates is not None  # only candidates have shares
            model.add(sum(shares) == candidates.pick * held[i, w])
        return gives

    def _speaker_weeks(
        self, gives: dict[str, dict[int, list[tuple[int, IntVar]]]], held: Weekly, spread: Weekly
    ) -> None:
        """Per speaker and week, their teaching days: adding up to their ``days``, at least their
        occurrences over the per-day limit and those of each session less its collisions that
        week; their occurrences at most the per-week limit."""
        index, model, sessions = self.index, self.model, self.index.problem.sessions
        for k, by_week in gives.items():
            limits = index.speakers[k].limits
            per_day = min(limits.per_day or index.n_periods, index.n_periods)
            total = []
            for w, given in by_week.items():
                able = set().union(*(self._days_by_week(i, k).get(w, set()) for i, _ in given))
                teaching = model.new_int_var(0, len(able), "")
                load = sum(share for _, share in given)
                model.add(per_day * teaching >= load)
                if limits.per_week is not None:
                    model.add(load <= limits.per_week)
                for i, share in given:  # occurrences of i on one day are its collisions that week
                    model.add(teaching + held[i, w] >= share + spread[i, w])
                    model.add(teaching * sessions[i].occurrences >= share)
                total.append(teaching)
            model.add(sum(total) == self.speaker_days[k])

    def _pools(self) -> None:
        problem, model = self.index.problem, self.model
        weight = problem.rules.weights.fair_load
        mine = {problem.sessions[i].id: i for i in self.members}
        for pool, sessions in candidate_pools(problem).items():
            members = [mine[s.id] for s in sessions if s.id in mine]
            if len(pool) < 2 or not weight or not members:
                continue
            total = sum(problem.sessions[i].occurrences for i in members)  # each taught once at most
            top, low = model.new_int_var(0, total, ""), model.new_int_var(0, total, "")
            for k in pool:
                load = sum((self.taught.get((i, k), 0) for i in members), 0)
                model.add(top >= load)
                model.add(low <= load)
            self.costs.append(weight * (top - low))


def counted(index: Index, members: Sequence[int], seconds: float = SECONDS) -> tuple[int, bool]:
    """The counting model's proven bound on the cost of ``members`` (whole speaker clusters of the
    event of ``index``) in every schedule, and whether it is the model's optimum."""
    return _counted(Counts(index, members), seconds)  # a model of counts: milliseconds


def counted_by_weeks(index: Index, members: Sequence[int], floor: int, seconds: float) -> int:
    """``counted`` by weeks (``Counts(weeks=True)``) from a bound ``floor`` proven already: the
    larger of the two after at most ``seconds``."""
    weekly = Counts(index, members, weeks=True)
    weekly.model.add(sum(weekly.costs, 0) >= floor)
    solver = cp_model.CpSolver()
    solver.parameters.linearization_level = 0  # a search without the LP, and no symmetry detection:
    solver.parameters.symmetry_level = 0  # the office sample's two ordered pools 0.3 s, not 1.4-2.3 s
    return max(floor, _counted(weekly, seconds, solver)[0])


WEEKS_SECONDS = 2.0
"""Most time counting by weeks takes, all parts in order together (``bound.by_weeks``)."""
WEEKS_PART = 1.0
"""Most time counting one part by weeks takes: the office sample's two ordered pools prove 13 in
0.3 s; of the generated events' ordered parts most prove in milliseconds, a few of 30-240 sessions
not in 5 s, so a part that takes longer is left at its plain count (``counted``)."""
WEEKS_LEAST = 0.5
"""Counting by weeks is left out when less time than this is left for it (``bound.by_weeks``)."""


def _counted(counts: Counts, seconds: float, solver: cp_model.CpSolver | None = None) -> tuple[int, bool]:
    solver = solver or cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    solver.parameters.num_workers = 1
    status = solver.solve(counts.model)
    if status == cp_model.OPTIMAL:
        return round(solver.objective_value), True
    if status == cp_model.FEASIBLE:
        return max(0, math.ceil(solver.best_objective_bound - 1e-6)), False
    return 0, False


def grouped(index: Index, members: Sequence[int]) -> int:
    """A bound on a group's own rules (``isolated``, ``group_balance``) from its periods alone;
    ``members`` are the group's sessions. With at most ``b`` periods on its busiest day, a day
    of one period holds one occurrence alone (isolated): every period when ``b`` is 1, one when
    ``b`` is 2 and the periods are odd; and a single occurrence is always alone. The least cost
    over the ``b`` that fit the group's days."""
    weights = index.problem.rules.weights
    sessions = [index.problem.sessions[i] for i in members if index.problem.sessions[i].occurrences]
    periods = sum(s.length * s.occurrences for s in sessions)
    if not periods:
        return 0
    days = len(set().union(*(_possible_days(index, i, None) for i in members)))
    ideal = ideal_daily_load(index.grid, periods)
    alone_always = sum(s.occurrences for s in sessions) == 1
    costs = []
    for busiest in range(max(s.length for s in sessions), index.n_periods + 1):
        if busiest * days < periods:
            continue
        alone = periods if busiest == 1 else periods % 2 if busiest == 2 else 0
        alone = max(alone, int(alone_always))
        costs.append(weights.group_balance * max(0, busiest - ideal) + weights.isolated * alone)
    return min(costs, default=0)
