"""Solving the model and reading the schedule back; the package's public ``solve``.

Order of a solve: quick counting checks (answer at once when the event
cannot work), build the model (variables, hard rules, soft terms, repair
terms), search with the options' limits while reporting progress, read the
schedule and its score by rule, or explain why none exists.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from planner.domain.errors import HuiwuError, InfeasibleProblem
from planner.domain.model import Problem
from planner.domain.past import kept_past, unkept
from planner.domain.schedule import Assignment, Schedule
from solver import bound, lns, narrow
from solver.data import Index, build_index
from solver.greedy import (
    Placement,
    best_start,
    complete,
    greedy_schedule,
    hint_greedy,
    mended,
    placements_of,
)
from solver.hard import add_hard_rules
from solver.model import Vars, create_vars, hint_all
from solver.options import SolveOptions
from solver.repair import add_repair_rules, frozen_slots, keep_in_place, unaffected
from solver.sentences import Words
from solver.soft import add_soft_rules


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports progress on each improving schedule and stops on request."""

    def __init__(self, options: SolveOptions, started: float, v: Vars) -> None:
        super().__init__()
        self.options = options
        self.started = started
        self.v = v
        self.solutions = 0
        self.improved = time.monotonic()

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self.improved = time.monotonic()
        best = round(self.objective_value)
        if self.options.progress is not None:
            bound = event_bound(self.v, self.best_objective_bound, best)
            self.options.progress(time.monotonic() - self.started, best, bound)
        if self.options.stop_event is not None and self.options.stop_event.is_set():
            self.stop_search()
        if best <= self.v.floor:  # no schedule costs less: this one is optimal
            self.stop_search()


ROOM_VARIABLES = 120_000
"""Above this many room variables a session keeps only its best fitting rooms (see ``max_rooms``)."""


def build_model(
    problem: Problem,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
    all_rooms: bool = False,
    index: Index | None = None,
    bare: bool = False,
    start: Schedule | None = None,
) -> Vars:
    """The model of ``problem`` (with repair terms against ``reference``).

    On a large event each session keeps only a few fitting rooms unless
    ``all_rooms``, and those ``reference`` and ``start`` hold it in; ``v.index.max_rooms`` tells
    whether that happened.
    ``index``: the event's index (without a reference or freeze), when built already.
    ``bare``: variables only (``Vars.bare``), the rules added by ``add_rules`` when the search
    needs them; a model over ``HUGE`` variables is always bare (repairs never are).
    """
    if index is None:
        frozen = frozen_slots(problem, reference, freeze_before)
        index = build_index(problem, freeze_before=freeze_before, frozen=frozen)
    if not all_rooms and index.size() > ROOM_VARIABLES:
        starts = sum(len(s) for s in index.starts)
        limit = max(2, ROOM_VARIABLES // max(1, starts))
        used: dict[str, set[str]] = defaultdict(set)
        for schedule in (reference, start):
            for a in schedule.assignments if schedule is not None else ():
                used[a.session].add(a.room)
        index.limit_rooms(limit, used)
    began = time.monotonic()
    v = create_vars(index)
    v.variables_seconds = time.monotonic() - began
    v.reference, v.freeze_before = reference, freeze_before
    if (reference is None and bare) or len(v.model.proto.variables) > HUGE:
        v.bare = True  # the greedy needs the variables only (``add_rules``)
        return v
    add_rules(v)
    return v


def add_rules(v: Vars) -> None:
    """The hard rules, the soft rules' terms (and the repair's, against ``v.reference``) and the
    objective, on ``v``'s variables. A bare model (``Vars.bare``, over ``HUGE`` variables) gets
    them only if the greedy fails and the model must be searched after all: building them took 33
    of the 5,000-occurrence event's 83 s (profiled), for a model never searched; a repair's then
    answers with its reference, what the change broke placed anew."""
    add_hard_rules(v)
    add_soft_rules(v)
    if v.reference is not None:
        add_repair_rules(v, v.reference, v.freeze_before)
    v.model.minimize(sum(v.term(rule) for rule in v.terms))
    v.bare = False


def configure(
    solver: cp_model.CpSolver, options: SolveOptions, time_limit: float, large: bool = False
) -> None:
    """Limits and the settings measured best on two cores (see bench/RESULTS.md)."""
    params = solver.parameters
    params.cp_model_presolve = not large
    params.max_time_in_seconds = time_limit
    params.num_workers = options.workers
    params.random_seed = options.seed
    params.cp_model_probing_level = 0
    params.log_search_progress = options.log
    params.repair_hint = False  # True crashed 9.15 on large models (or-tools issue 5025)
    if options.workers <= 1:
        params.interleave_search = False
    elif options.workers == 2 and not large:
        # the full-problem worker is max_lp (LP with every constraint linearized, cuts) instead of
        # default_lp; the other worker still interleaves the LNS and local search subsolvers.
        # Measured: a positive bound on the office sample, comp04 cost 49 instead of 141 in 25 s.
        params.subsolvers.append("max_lp")


def solve(
    problem: Problem,
    options: SolveOptions | None = None,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
) -> Schedule:
    """A schedule keeping every hard rule, at the least cost found within the time limit.

    Raises ``InfeasibleProblem`` with sentences naming the people, rooms and
    dates in conflict when no such schedule exists; ``HuiwuError`` when the
    time limit passes before any schedule is found.
    """
    from solver.explain import explain, quick_reasons

    options = options or SolveOptions()
    started = time.monotonic()
    problem, _ = kept_past(problem, reference, freeze_before)  # what started stays, even if now away
    if (
        reference is not None
        and freeze_before is not None
        and (lines := unkept(problem, reference, freeze_before))
    ):
        raise InfeasibleProblem(Words(problem).unkept(lines, freeze_before))
    deadline = started + options.time_limit
    index = build_index(problem) if reference is None and freeze_before is None else None
    if reasons := quick_reasons(problem, index):  # the index is built once for both (5 s at 5,000)
        raise InfeasibleProblem(reasons)
    if reference is not None:
        nearby = build_model(problem, reference, freeze_before)
        keep_in_place(nearby, reference, unaffected(problem, reference))
        half = time.monotonic() + options.time_limit / 2
        status, schedule = _run(nearby, options, half, started, optimal=False)
        if schedule is not None:
            return schedule
        _raise_if_stopped(options)
    floor = 0  # a repair's costs include its moves: no bound of the event itself holds for it
    counted = bound.Counted({})  # counted further once the first schedule is out (``_run``)
    if index is not None and options.decompose:
        counted = bound.counted_floors(
            problem, index, options.parts, started + COUNTING_SHARE * options.time_limit
        )
        floor = max(options.floor, sum(counted.found.values()))
    elif reference is None:
        floor = max(options.floor, bound.known_bound(problem, options.parts))
    # bare: the rules come after the greedy; the start's rooms stay in the model (large events)
    v = build_model(problem, reference, freeze_before, index=index, bare=True, start=options.start)
    v.floor, v.floors, v.ordered, v.unfinished = floor, counted.found, counted.ordered, counted.unfinished
    status, schedule = _run(v, options, deadline, started)
    if status == cp_model.INFEASIBLE and v.index.max_rooms is not None:
        floor = v.floor  # counted by weeks in the first run, if at all
        v = build_model(problem, reference, freeze_before, all_rooms=True)
        v.floor, v.floors = floor, counted.found
        status, schedule = _run(v, options, deadline, started)
    if schedule is not None:
        return at_least(schedule, v.floor)
    _raise_if_stopped(options)
    if status == cp_model.INFEASIBLE:
        if not options.explain:
            raise InfeasibleProblem([Words(problem).say("not_explained")])
        raise InfeasibleProblem(explain(problem, options, freeze_before, reference))
    if status == cp_model.MODEL_INVALID:
        raise RuntimeError(f"invalid CP-SAT model: {v.model.validate()}")
    raise HuiwuError(f"no schedule found within {options.time_limit:g} s: allow more time (--time-limit)")


def at_least(schedule: Schedule, floor: int) -> Schedule:
    """``schedule`` with a bound of at least ``floor`` (never above its cost), optimal when it costs
    no more: a greedy schedule returned when the search found none has no bound of its own."""
    if floor <= (schedule.bound or 0):
        return schedule
    bound = min(floor, schedule.objective)
    return schedule.model_copy(
        update={"bound": bound, "status": "optimal" if bound == schedule.objective else schedule.status}
    )


def _raise_if_stopped(options: SolveOptions) -> None:
    """A stop requested before any schedule was found ends the solve with a clear error."""
    if options.stop_event is not None and options.stop_event.is_set():
        raise HuiwuError("the search was stopped before any schedule was found")


COUNTING_SHARE = 0.1
"""Share of the time limit, from the start, by which the parts' counting bounds (``bound.floors``)
must be done: 0.07 s for the office sample, 1.9 s for the generated 2,000-occurrence event's 236
parts, 4.5 s for the 5,000 event's 633 (at 60 s, 0.05 left it 3 s with its index and a bound of
382 of 2,562)."""
LARGE = 50_000
"""Models with more variables than this skip CP-SAT's presolve: it took longer than it saved."""
MIN_SEARCH = 1.0
"""A valid greedy schedule is the answer when less than this many seconds of the limit are left
after it: hinting it to CP-SAT alone takes seconds on large events (the generated 2,000 event at
10 s ended after 21.3 s instead of 15.3 s)."""
HUGE = 1_000_000
"""Models with more variables than this are not searched (memory): the greedy schedule is the answer."""
RULES_PER_VARIABLES = 2.5
"""Building the rules takes this many times as long as the variables did, at most (measured 0.8-2.2
on the samples and generated events of 200-2,000 occurrences): when less time than that and
``MIN_SEARCH`` is left after the greedy, its schedule is the answer and the rules are never built
(a 10 s solve of the generated 2,000 event ended after 12.7 s)."""


def _run(
    v: Vars, options: SolveOptions, deadline: float, started: float, optimal: bool = True
) -> tuple[cp_model.CpSolverStatus, Schedule | None]:
    """Search ``v`` (from the greedy schedule unless a reference hint is there) until ``deadline``;
    a repair that finds nothing answers with its reference, what the change broke placed anew."""
    fallback: Schedule | None = None
    placements: list[Placement] | None = None  # the greedy's, unless a reference hint is there
    if not v.model.proto.solution_hint.vars:
        placements, fallback, search = _first_schedule(v, options, deadline, started)
        if not search:
            return cp_model.UNKNOWN, fallback
    elif v.reference is not None and (going := _going_on(v, v.reference, options)) is not None:
        fallback = going[1].model_copy(update={"bound": 0})  # searched, no bound proven
    large = len(v.model.proto.variables) > LARGE
    if placements is not None:
        hint_greedy(v, placements, max(5.0, (deadline - time.monotonic()) / 3), presolve=not large)
    solver = cp_model.CpSolver()
    configure(solver, options, max(1.0, lns.first_deadline(options, deadline) - time.monotonic()), large)
    only = lns.neighbourhoods_only(options, fallback is not None)
    stall = lns.first_stall(options, only, large, counted=any(v.floors.values()))
    # this module's LNS needs the first search's schedule; CP-SAT's neighbourhoods (``only``) do not
    status = _search(v, solver, options, started, stall, deadline, from_first=not only)
    if only and status in (cp_model.UNKNOWN, cp_model.FEASIBLE) and not lns.stopped(options):
        solver, status = _neighbourhoods(v, solver, status, options, deadline, started, large)
    if status == cp_model.UNKNOWN and (lns.planned(options) or only) and not lns.stopped(options):
        configure(solver, options, max(1.0, deadline - time.monotonic()), large)  # no schedule yet
        status = _search(v, solver, options, started)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, _polish(v, solver, status, optimal, options, deadline, started)
    return status, fallback if status == cp_model.UNKNOWN else None


def _first_schedule(
    v: Vars, options: SolveOptions, deadline: float, started: float
) -> tuple[list[Placement], Schedule | None, bool]:
    """The greedy's placements and the schedule they make when it keeps every hard rule (both
    reported as progress), and whether a search is to follow: not when a stop was asked for, nor
    when the greedy's schedule is the answer because too little time is left for the rules and a
    search, or the model is too large to search. The rules of a bare model are added here when a
    search follows."""
    reported: list[int] = []

    def found(schedule: Schedule) -> None:
        reported.append(schedule.objective)
        if options.progress is not None:
            options.progress(time.monotonic() - started, schedule.objective, min(v.floor, schedule.objective))

    placements, fallback = _start(v, options, found)
    if fallback is not None and reported[-1:] != [fallback.objective]:
        found(fallback)
    stop = options.stop_event is not None and options.stop_event.is_set()
    rules = RULES_PER_VARIABLES * v.variables_seconds if v.bare else 0.0
    searchable = len(v.model.proto.variables) <= HUGE
    if v.bare and searchable and not stop and deadline - time.monotonic() >= MIN_SEARCH + rules:
        add_rules(v)
        searchable = len(v.model.proto.variables) <= HUGE  # the rules add variables too
    late = deadline - time.monotonic() < MIN_SEARCH  # the build and the greedy took the time
    if stop or (fallback is not None and (late or v.bare or not searchable)):
        if not stop:  # no search: the time left counts the parts further
            bound.recount(v.index, v.floors, v.unfinished, deadline)
            _counted_further(v, options, deadline)
        return placements, fallback, False
    if v.bare:
        add_rules(v)  # no valid greedy schedule: the search must run however late
    if _counted_further(v, options, deadline) and fallback is not None:
        found(fallback)  # the first schedule again, with the higher bound
    return placements, fallback, True


def _counted_further(v: Vars, options: SolveOptions, deadline: float) -> bool:
    """The parts with sessions in order counted by weeks (``bound.by_weeks``), within a share of
    the time limit (``COUNTING_SHARE``) and by ``deadline``, once the first schedule is out:
    before it, the first report of the office sample came after 1.6-2.0 s instead of 0.3 s.
    Whether the floor rose (with the parts ``bound.recount`` raised before, when no search
    follows)."""
    before = v.floor
    if v.ordered:
        until = min(deadline, time.monotonic() + COUNTING_SHARE * options.time_limit)
        bound.by_weeks(v.index, v.floors, v.ordered, until)
    v.ordered, v.unfinished = [], []
    v.floor = max(v.floor, sum(v.floors.values()))
    return v.floor > before


def _search(
    v: Vars,
    solver: cp_model.CpSolver,
    options: SolveOptions,
    started: float,
    stall: float | None = None,
    deadline: float = 0.0,
    from_first: bool = False,
) -> cp_model.CpSolverStatus:
    """``solver`` on ``v``'s model, reporting progress and stopping when asked, or after ``stall``
    seconds without a better schedule (counted from its first one when ``from_first``, else from
    the start) while the neighbourhoods that follow would still have their time before
    ``deadline`` (else the stalled search goes on: it may still improve or prove, and stopping it
    would leave the rest of the time unused)."""
    watcher = _Watcher(options, started, v)

    def stalled() -> bool:
        begun = watcher.solutions > 0 or not from_first
        late = stall is not None and begun and time.monotonic() - watcher.improved > stall
        return late and lns.time_for_neighbourhoods(deadline)

    stopper = _stop_when_asked(options, solver, None if stall is None else stalled)
    try:
        return solver.solve(v.model, watcher)
    finally:
        if stopper is not None:
            stopper.set()


def _neighbourhoods(
    v: Vars,
    first: cp_model.CpSolver,
    status: cp_model.CpSolverStatus,
    options: SolveOptions,
    deadline: float,
    started: float,
    large: bool,
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    """After the full search stalled (``lns.neighbourhoods_only``): CP-SAT's neighbourhood
    searches alone on every worker, from the full search's best schedule (else the start), for
    the time left. Returns the solver holding the better schedule with its status."""
    best = round(first.objective_value) if status == cp_model.FEASIBLE else None
    if (best is not None and best <= v.floor) or not lns.time_for_neighbourhoods(deadline):
        return first, status
    if best is not None:
        if not v.partial:  # the neighbourhoods prove none: keep the full search's bound
            v.floor = max(v.floor, shown_bound(first.best_objective_bound, best))
        hint_all(v.model, first.response_proto.solution)
    second = cp_model.CpSolver()
    configure(second, options, deadline - time.monotonic(), large)
    second.parameters.use_lns_only = True  # "experimental" in sat_parameters.proto; measured here
    # one round of presolve, for the model and each neighbourhood: office sample at 10 s, seeds
    # 1-10, 76.5 on average instead of 78.6 (bench/RESULTS.md, twenty-seventh session)
    second.parameters.max_presolve_iterations = 1
    found = _search(v, second, options, started)
    if found in (cp_model.OPTIMAL, cp_model.FEASIBLE) and (
        best is None or round(second.objective_value) <= best
    ):
        return second, found
    return first, status


def _polish(
    v: Vars,
    solver: cp_model.CpSolver,
    status: cp_model.CpSolverStatus,
    optimal: bool,
    options: SolveOptions,
    deadline: float,
    started: float,
) -> Schedule:
    """The first search's schedule, then the parts' bound and the LNS when planned and not proven
    (``optimal`` False: a partial search whose bound says nothing about the whole event)."""
    unfinished = status == cp_model.FEASIBLE and round(solver.objective_value) > v.floor  # not proven
    began = time.monotonic()
    schedule = read_schedule(v, solver, optimal and status == cp_model.OPTIMAL)
    reading = time.monotonic() - began  # the LNS ends in time to read its own schedule by the deadline
    counted = any(v.floors.values())
    if unfinished and optimal and bound.planned(options, counted) and "stability" not in v.terms:
        when = bound.deadline(options, deadline)
        v.floor = max(v.floor, bound.decomposition_bound(v.index.problem, options, when, schedule, v.floors))
        schedule = at_least(schedule, v.floor)
    if v.floor and options.progress is not None:  # the parts' bound, shown at once
        options.progress(time.monotonic() - started, schedule.objective, schedule.bound or 0)
    if unfinished and schedule.status == "feasible" and lns.planned(options):
        closed = narrow.closed_starts(v, schedule)  # the LNS on the weekdays the schedule uses
        schedule = lns.improve(v, solver, schedule, options, deadline - reading, started, closed)
    return schedule


GREEDY_SHARE = 0.1
"""The greedy's second order of preferences runs only when its first took less than this share of
the time limit (see ``greedy.best_start``)."""


def _start(
    v: Vars, options: SolveOptions, found: Callable[[Schedule], None] | None = None
) -> tuple[list[Placement], Schedule | None]:
    """Where the search starts: ``options.start`` (a repair's reference) when it places everything
    and keeps every hard rule, or once the greedy has placed what an edit left out of it
    (``greedy.complete``), else the greedy placements; with the schedule they make when it keeps
    every hard rule.
    ``found`` hears of the greedy's schedules as they come (``greedy.best_start``)."""
    start = options.start if v.reference is None else v.reference  # a repair stays near its reference
    going = None if start is None else _going_on(v, start, options)
    return going or best_start(v, options.time_limit * GREEDY_SHARE, found)


def _going_on(v: Vars, schedule: Schedule, options: SolveOptions) -> tuple[list[Placement], Schedule] | None:
    """``schedule``'s placements in ``v`` with the schedule they make, as they are if that keeps
    every hard rule, else once the greedy has placed what an edit left out (``greedy.complete``),
    else once what it could not place has been given a start by moving others (``greedy.mend``);
    None when none does."""
    kept = placements_of(v, schedule, short=True)
    for placements in (kept, done := complete(v, kept)):
        made = greedy_schedule(v, placements)
        if made is not None:
            return placements, made
    return mended(v, done, options.time_limit * GREEDY_SHARE)


def _stop_when_asked(
    options: SolveOptions, solver: cp_model.CpSolver, stalled: Callable[[], bool] | None = None
) -> threading.Event | None:
    """Watch ``stop_event`` (and ``stalled``, when given) from a small thread, so a stop works
    before the first schedule too. Returns the event that ends the watch, if one started."""
    asked = options.stop_event
    if asked is None and stalled is None:
        return None
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            if (asked is not None and asked.is_set()) or (stalled is not None and stalled()):
                solver.stop_search()
                return

    threading.Thread(target=watch, daemon=True).start()
    return done


def read_schedule(v: Vars, solver: cp_model.CpSolver, optimal: bool) -> Schedule:
    """The assignments of the solution; occurrences numbered in time order; score by rule."""
    index, problem = v.index, v.index.problem
    picks: dict[tuple[int, int], list[str]] = defaultdict(list)
    for (i, t, k), literal in v.z.items():
        if solver.boolean_value(literal):
            picks[i, t].append(k)
    assignments = []
    for i, session in enumerate(problem.sessions):
        chosen = [t for t in index.starts[i] if solver.boolean_value(v.x[i, t])]
        for number, t in enumerate(chosen, start=1):
            room = next(r for r in v.rooms_at(i, t) if solver.boolean_value(v.y[i, t, r]))
            assignments.append(
                Assignment(
                    session=session.id,
                    occurrence=number,
                    title=session.title,
                    start=index.grid.start(index.slot(t)),
                    end=index.grid.end(index.slot(t), session.length),
                    room=problem.rooms[room].id,
                    speakers=(*session.speakers, *picks[i, t]),
                    groups=session.groups,
                )
            )
    score = dict.fromkeys(type(problem.rules.weights).model_fields, 0)
    score.update({rule: int(solver.value(v.term(rule))) for rule in v.terms})
    cost = sum(score.values())  # the cost is the score by rule, exactly what ``huiwu check`` recomputes
    return Schedule(
        event=problem.event.id,
        status="optimal" if optimal or cost <= v.floor else "feasible",
        objective=cost,
        score=score,
        bound=event_bound(v, solver.best_objective_bound, cost),
        assignments=tuple(assignments),
    )


def event_bound(v: Vars, bound: float, best: int) -> int:
    """The bound a schedule of ``v`` costing ``best`` shows: CP-SAT's ``bound`` (none from a
    partial model: it holds for the restriction only) or the floor proven outside, within [0, best]."""
    return max(0 if v.partial else shown_bound(bound, best), min(v.floor, best))


def shown_bound(bound: float, best: int) -> int:
    """CP-SAT's proven bound on the cost's scale: every rule costs 0 or more and costs are
    whole numbers, so the bound is rounded up and kept within [0, best]."""
    return max(0, min(best, math.ceil(bound - 1e-6)))
