"""Large neighbourhood search around the solver's model, after the first search.

CP-SAT's own neighbourhoods know nothing of days or groups; on timetables the
cost lies in how a day or a group's week is arranged (compactness, spread). So,
once the first search has a schedule, repeatedly: pick a neighbourhood (every
occurrence on a few random days, or every session of a few random groups —
speakers, then sessions, for events without groups), copy the model with every
start, room and speaker decision outside it fixed to the incumbent's value, hint
the incumbent, solve a few seconds and keep the result when it is not worse.
Neighbourhoods grow while their sub-solves prove optimal quickly and shrink when
they run out of time. The bound shown stays the first search's (a sub-solve's
bound holds for its neighbourhood only). On a course of several weeks the
sub-solves may rule out the weekdays the schedule hardly uses (``solver.narrow``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from planner.domain.schedule import Schedule
from solver.model import Vars, hint_all
from solver.options import SolveOptions, round_seed

MIN_LIMIT = 20.0
"""Time limits below this many seconds leave the whole time to the first search."""
FIRST_SHARE = 1 / 3
"""Share of the remaining time given to the first search when the LNS follows it."""
MAX_SECONDS = 20.0
"""Longest sub-solve (reached only when shorter ones found nothing)."""
START_SIZES = {"days": 2, "groups": 6, "speakers": 2}
EVACUATION_ROUNDS = 4
"""The sub-solve that moves the incumbent off closed starts (``evacuate``) may take this many
rounds' time: on the office sample it frees the whole event."""
SUB_SOLVERS = ("core", "default_lp")
"""CP-SAT's workers for a sub-solve on two workers (see ``sub_solve``)."""

Free = set[tuple[int, int]]
"""(session index, start slot) pairs whose decisions the sub-solve may change."""


@dataclass
class Incumbent:
    """The best solution so far: every model variable's value and the solve that found it."""

    values: list[int]
    objective: int
    solver: cp_model.CpSolver


@dataclass
class _State:
    rng: random.Random
    seconds: float
    sizes: dict[str, int] = field(default_factory=lambda: dict(START_SIZES))
    rounds: int = 0
    closed: Free = field(default_factory=set)
    """Starts ruled out in every sub-solve (``improve``)."""
    fixed: Fixed | None = None
    """The sub-solves' model, made at the first round (``closed`` is settled by then)."""


def planned(options: SolveOptions) -> bool:
    """Whether the LNS follows the first search: asked for and enough time for both."""
    return options.lns and options.time_limit >= MIN_LIMIT


SHORT_LIMIT = 8.0
"""The neighbourhoods alone (``neighbourhoods_only``) from this time limit up to ``MIN_LIMIT``."""
STALL_SHARE = 0.05
"""The full search gives way to the neighbourhoods alone after this share of the time limit
without a better schedule."""
MIN_REST_SECONDS = 2.0
"""The neighbourhoods alone run only when at least this much time is left."""


def time_for_neighbourhoods(deadline: float) -> bool:
    """Whether the neighbourhoods alone would still have ``MIN_REST_SECONDS`` before ``deadline``."""
    return deadline - time.monotonic() >= MIN_REST_SECONDS


def neighbourhoods_only(options: SolveOptions, started_complete: bool) -> bool:
    """Whether CP-SAT's full search (one worker, the other interleaving neighbourhoods and local
    search) gives way, once it goes ``STALL_SHARE`` of the time limit without a better schedule,
    to its neighbourhood searches alone on every worker (``use_lns_only``) from its best schedule:
    in a solve too short for this module's LNS, from a complete start (the neighbourhoods need a
    schedule to search around). Small events are proven optimal before the full search stalls
    (the tests' minimal event in 0.1 s) or by the neighbourhoods, which grow to the whole event
    (the tech conference in 2-4 s); the office sample spends its presolve there, then improves
    faster: at 10 s 80 instead of 86 on average over eight seeds, run back to back, at the price of
    the full search's LP bound (12-16, far below its optimum; bench/RESULTS.md, 2026-12-04,
    "neighbourhoods only")."""
    return options.lns and started_complete and SHORT_LIMIT <= options.time_limit < MIN_LIMIT


LARGE_STALL = 1.0
"""On a large model (searched without presolve) bounded by the parts' counting, the first search
gives way to this module's neighbourhoods once it goes this many seconds without a better schedule."""


def first_stall(options: SolveOptions, only: bool, large: bool, counted: bool) -> float | None:
    """How long the first search may go without a better schedule before it gives way to the
    neighbourhoods (``neighbourhoods_only``, or this module's when ``planned``); None: no limit.

    A large model's full search, without presolve, hardly moves from the greedy's schedule: on the
    generated 2,000-occurrence event at 60 s it gained 2 points in 14 s, where the neighbourhoods
    gain 20-30 points a round. When the parts' counting (``counted``) bounds the event, the first
    search's own bound is not needed either. Without counted parts (the ITC-2007 instances) it is
    the event's only bound, and its schedules come fast: comp07 (60,000 variables) at 60 s cost
    112-129 when it gave way, 96-111 when it kept its share (bench/RESULTS.md, twenty-sixth session)."""
    if only:
        return options.time_limit * STALL_SHARE
    return LARGE_STALL if large and counted and planned(options) else None


def first_deadline(options: SolveOptions, deadline: float) -> float:
    """When the first search ends: a share of the remaining time if the LNS follows, else ``deadline``."""
    if not planned(options):
        return deadline
    now = time.monotonic()
    return now + max(0.0, deadline - now) * FIRST_SHARE


def day_neighbourhood(v: Vars, rng: random.Random, size: int) -> Free:
    """Every start on ``size`` random days."""
    n_days = v.index.grid.n_days
    days = set(rng.sample(range(n_days), max(1, min(size, n_days - 1))))
    return {(i, t) for (i, t) in v.x if v.index.day(t) in days}


def owners(v: Vars, by: str = "groups") -> list[tuple[str, ...]]:
    """Per session, who it belongs to: its groups (``by="groups"``, when the event has groups)
    or its given and candidate speakers; a session with neither belongs to itself."""
    problem = v.index.problem
    found = []
    for session in problem.sessions:
        people = tuple(f"speaker:{k}" for k in session.named_speakers)
        groups = tuple(f"group:{g}" for g in session.groups)
        found.append((groups if by == "groups" and problem.groups else people) or (f"session:{session.id}",))
    return found


def _owned_by(v: Vars, rng: random.Random, size: int, by: str) -> Free:
    of_session = owners(v, by)
    everyone = sorted({o for keys in of_session for o in keys})
    return starts_of(v, of_session, set(rng.sample(everyone, max(1, min(size, len(everyone) - 1)))))


def starts_of(v: Vars, of_session: list[tuple[str, ...]], chosen: set[str]) -> Free:
    """Every start of the sessions that belong (``of_session``: ``owners``) to one of ``chosen``."""
    sessions = {i for i, keys in enumerate(of_session) if chosen & set(keys)}
    return {(i, t) for (i, t) in v.x if i in sessions}


def group_neighbourhood(v: Vars, rng: random.Random, size: int) -> Free:
    """Every start of the sessions of ``size`` random owners (groups, else speakers or sessions)."""
    return _owned_by(v, rng, size, "groups")


def speaker_neighbourhood(v: Vars, rng: random.Random, size: int) -> Free:
    """Every start of the sessions ``size`` random speakers give or may be picked for: a whole
    candidate pool at once, so who teaches which class can be traded against days and load."""
    return _owned_by(v, rng, size, "speakers")


NEIGHBOURHOODS = {"days": day_neighbourhood, "groups": group_neighbourhood, "speakers": speaker_neighbourhood}


def kinds(v: Vars) -> list[str]:
    """The neighbourhoods that differ on this event: speakers only when some session picks candidates
    and the event has groups (without groups, the group neighbourhood already goes by speakers)."""
    picks = any(s.candidates is not None for s in v.index.problem.sessions)
    return ["days", "groups", "speakers"] if picks and v.index.problem.groups else ["days", "groups"]


class Fixed:
    """A copy of the model whose start, room and speaker decisions outside a neighbourhood are
    fixed (by their domains) to an incumbent's values, hinted with it, and whose ``closed`` starts
    are ruled out: kept from one round of the LNS to the next, as only the domains that change are
    written again (the last neighbourhood's and the new one's, and any decision whose incumbent
    value changed). Copying the model and writing every fixed domain took 1.0-1.3 s a round on the
    generated 2,000-occurrence event, 0.85-1.0 s of it the domains (bench/RESULTS.md)."""

    def __init__(self, v: Vars, closed: Free | None = None) -> None:
        self.model = v.model.clone()
        self._base = v.model.proto.variables
        self._closed = closed or set()
        self._of: dict[tuple[int, int], list[int]] = {start: [x.index] for start, x in v.x.items()}
        """Proto indexes of each start's decisions: the start, its rooms and its speakers."""
        for (i, t, _), literal in (*v.y.items(), *v.z.items()):
            self._of[i, t].append(literal.index)
        for start in self._closed:
            _write(self.model.proto.variables[v.x[start].index].domain, [0, 0])
        self._decisions = sorted(k for start, of in self._of.items() if start not in self._closed for k in of)
        self._free: Free | None = None
        """The neighbourhood left open last (None: nothing fixed yet)."""
        self._values: list[int] = []
        """The incumbent values written."""

    def fix(self, incumbent: Incumbent, free: Free) -> cp_model.CpModel:
        """The model with every decision outside ``free`` fixed to ``incumbent``'s value."""
        values, variables = incumbent.values, self.model.proto.variables
        opened = {k for start in free - self._closed for k in self._of[start]}
        if self._free is None:
            fixed: Iterable[int] = self._decisions
        else:
            for start in free - self._free - self._closed:
                for k in self._of[start]:
                    _write(variables[k].domain, list(self._base[k].domain))
            fixed = {k for k in self._decisions if values[k] != self._values[k]}
            fixed |= {k for start in self._free - free - self._closed for k in self._of[start]}
        for k in fixed:
            if k not in opened:
                _write(variables[k].domain, [values[k], values[k]])
        hint_all(self.model, values)
        self._free, self._values = set(free), list(values)
        return self.model


def _write(domain: Any, bounds: list[int]) -> None:
    """Replace a variable's domain in a model's proto (its repeated field takes no slices)."""
    domain.clear()
    domain.extend(bounds)


def fixed_copy(v: Vars, incumbent: Incumbent, free: Free, closed: Free | None = None) -> cp_model.CpModel:
    """A copy of the model with every decision outside ``free`` fixed (by its domain), hinted,
    and the starts in ``closed`` ruled out."""
    return Fixed(v, closed).fix(incumbent, free)


def sub_seconds(options: SolveOptions) -> float:
    """Time of one sub-solve: a thirtieth of the limit, between 1 and 5 seconds."""
    return min(5.0, max(1.0, options.time_limit / 30))


def stopped(options: SolveOptions) -> bool:
    return options.stop_event is not None and options.stop_event.is_set()


def improve(
    v: Vars,
    solver: cp_model.CpSolver,
    schedule: Schedule,
    options: SolveOptions,
    deadline: float,
    started: float,
    closed: Free | None = None,
) -> Schedule:
    """The schedule after the LNS until ``deadline`` (or a stop), never worse than ``schedule``.

    ``closed`` (``solver.narrow``): starts the LNS rules out, once the incumbent's occurrences
    there are placed anew (``evacuate``); when that fails, the LNS goes on without it. A schedule
    it finds keeps every rule of the event, but the event's optimum may lie on a closed start: the
    bound stays the first search's."""
    from solver.run import read_schedule

    best = Incumbent(list(solver.response_proto.solution), round(solver.objective_value), solver)
    state = _State(random.Random(options.seed), sub_seconds(options))
    shown = [schedule.objective]

    def report(found: Incumbent) -> None:
        if found.objective < shown[-1] and options.progress is not None:
            shown.append(found.objective)
            options.progress(time.monotonic() - started, found.objective, schedule.bound or 0)

    if closed and time_left(deadline):  # no evacuation past the deadline: the answer would wait for it
        moved = evacuate(v, best, options, state, deadline, closed)
        if moved is not None:
            best, state.closed = moved, closed
            report(best)
    while time_left(deadline) and not stopped(options) and best.objective > v.floor:
        found = step(v, best, options, state, deadline)
        if found is not None and found.objective <= best.objective:
            best = found
            report(best)
    if best.objective >= schedule.objective:
        return schedule  # nothing cheaper (moving off closed weekdays may cost more than it gains)
    return read_schedule(v, best.solver, False).model_copy(update={"bound": schedule.bound})


def time_left(deadline: float) -> bool:
    """Whether a sub-solve (at least half a second: ``step``, ``evacuate``) still fits before ``deadline``."""
    return deadline - time.monotonic() > 0.5


def step(v: Vars, best: Incumbent, options: SolveOptions, state: _State, deadline: float) -> Incumbent | None:
    """One sub-solve on the next neighbourhood; its solution, or None when it found none."""
    order = kinds(v)
    kind = order[state.rounds % len(order)]
    state.rounds += 1
    free = NEIGHBOURHOODS[kind](v, state.rng, state.sizes[kind])
    if state.fixed is None:
        state.fixed = Fixed(v, state.closed)
    copy = state.fixed.fix(best, free)  # 0.1-0.2 s on the generated 2,000 event (1.3 s the first time)
    seconds = max(0.5, min(state.seconds, deadline - time.monotonic()))
    began = time.monotonic()
    status, sub = sub_solve(copy, options, seconds, state.rounds)
    adapt(state, kind, status, (time.monotonic() - began) / seconds)
    return _incumbent(status, sub)


def evacuate(
    v: Vars, best: Incumbent, options: SolveOptions, state: _State, deadline: float, closed: Free
) -> Incumbent | None:
    """The incumbent with none of its occurrences on a ``closed`` start: those it has there are
    placed anew in a sub-solve freeing every session of their groups (or speakers); None when that
    sub-solve finds nothing in its time."""
    used = {i for (i, t) in closed if best.values[v.x[i, t].index]}
    if not used:
        return best
    of_session = owners(v)
    free = starts_of(v, of_session, {o for i in used for o in of_session[i]})
    seconds = max(0.5, min(EVACUATION_ROUNDS * state.seconds, deadline - time.monotonic()))
    return _incumbent(*sub_solve(fixed_copy(v, best, free, closed), options, seconds, 0))


def _incumbent(status: cp_model.CpSolverStatus, sub: cp_model.CpSolver) -> Incumbent | None:
    """A sub-solve's solution, or None when it found none."""
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return Incumbent(list(sub.response_proto.solution), round(sub.objective_value), sub)


def adapt(state: _State, kind: str, status: cp_model.CpSolverStatus, used: float) -> None:
    """Grow the neighbourhood after a proof of optimality in under half the time, shrink it after
    a sub-solve that ran out of time without one; give more time when no solution came at all
    (large models spend seconds in presolve)."""
    if status == cp_model.OPTIMAL and used < 0.5:
        state.sizes[kind] += 1
    elif status != cp_model.OPTIMAL:
        state.sizes[kind] = max(1, state.sizes[kind] - 1)
    if status == cp_model.UNKNOWN:
        state.seconds = min(MAX_SECONDS, state.seconds * 2)


def sub_solve(
    model: cp_model.CpModel, options: SolveOptions, seconds: float, round_: int
) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
    """Solve the fixed copy with the options' workers, stopping on request."""
    from solver.run import _stop_when_asked, configure

    solver = cp_model.CpSolver()
    configure(solver, options, seconds)
    solver.parameters.random_seed = round_seed(options.seed, round_)
    solver.parameters.log_search_progress = False
    # one round of presolve: most of the model is fixed, and the first round removes it (on the
    # generated 2,000 event, 2.0-2.2 s of a 4 s sub-solve went to three rounds, 1.0-1.1 s to one)
    solver.parameters.max_presolve_iterations = 1
    if options.workers == 2:
        # a neighbourhood is small: proving it optimal fast matters more than a first solution.
        # The core-based worker (objective lower bound from unsat cores) beside default_lp proved
        # 9 of 10 fixed neighbourhoods optimal on comp06 in 14 s where max_lp + interleave proved
        # 5 in 52 s (comp07: 7 in 53 s against 1 in 80 s); bench/RESULTS.md, "sub-solves".
        solver.parameters.subsolvers.clear()
        solver.parameters.subsolvers.extend(SUB_SOLVERS)
    stopper = _stop_when_asked(options, solver)
    try:
        return solver.solve(model), solver
    finally:
        if stopper is not None:
            stopper.set()
