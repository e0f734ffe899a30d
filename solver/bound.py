"""A lower bound on the cost from the event's independent parts (a decomposition bound).

CP-SAT's own bound on a whole timetable stays far below its best schedule (16
against 72 on the office training): the costs are counts over days and people
that the LP relaxation spreads thin, and proving them takes branching the whole
model cannot afford. Yet the soft rules fall apart into parts that share no
cost:

- a *speaker cluster*: sessions linked by a given or candidate speaker, by a
  conference's track or by an ``after`` link (so that counting sees their
  order), with every rule except the groups' (days and weeks,
  weekly slot, rooms, tracks, fair load, same speaker, preferences, speaker
  days);
- a *group*: its sessions, seen as attended by that group alone, with the
  group rules (isolated sessions, balanced days).

Each part is solved alone on a relaxed event: only its sessions, the others
gone, ``after`` links to them dropped. The restriction of any schedule of the
whole event keeps every hard rule of each part and costs there exactly what the
part's rules cost in it, so the sum of the parts' minima — or of their proven
bounds when their time runs out — is a lower bound on every schedule's cost.
Small parts prove quickly (three sessions and two candidate lecturers in about
a second), and the parts' sum is the bound the user is shown.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ortools.sat.python import cp_model

from planner.domain.model import Problem, Session, Weights
from planner.domain.oracle_soft import track_of
from planner.domain.schedule import Schedule
from solver import counting
from solver.data import Index
from solver.greedy import hint_greedy, placements_of
from solver.model import Pending
from solver.options import SolveOptions

GROUP_RULES = ("isolated", "group_balance")
SHARE = 0.3
"""Share of the time limit the parts may take, after the first search (0.2 until 2026-12-04: on a
slow machine the office sample's parts were left unproven in 12 of 60 s; bench/RESULTS.md)."""
MAX_SECONDS = 30.0
"""Most time the parts take, however long the limit: their work does not grow with it."""
MIN_LIMIT = 20.0
"""Time limits below this many seconds leave the whole time to the search."""
COUNTED_LIMIT = 300.0
"""When counting bounds the event already (``floors``), the parts' timetables are solved only from
this time limit, where their at most ``MAX_SECONDS`` are a tenth of it. At 60 s they took three
tenths of the search's time for a bound a little above the counted one (the office sample 54
against 53, the generated 200 event 121-122 against 115, the 1,000 event nothing more), and the
search ended dearer each time (office 73-79 against 70-76, 200: 235-257 against 223-228, 500:
817-827 against 757-760, 1,000: 1,744-1,774 against 1,664-1,731; bench/RESULTS.md, fifteenth
session); at 120 s on the office sample, even."""
PART_SECONDS = 3.0
"""Longest sub-solve of one part."""


def planned(options: SolveOptions, counted: bool = False) -> bool:
    """Whether the parts' timetables are solved: asked for, and a time limit long enough to share
    (as the LNS), or long enough to spare when the event is ``counted`` (bounded by ``floors``)."""
    return options.decompose and options.time_limit >= (COUNTED_LIMIT if counted else MIN_LIMIT)


def deadline(options: SolveOptions, search_deadline: float) -> float:
    """When the parts must be done: a share of the time limit from now, within the search's deadline."""
    return min(search_deadline, time.monotonic() + min(MAX_SECONDS, SHARE * options.time_limit))


def clusters(problem: Problem) -> list[list[Session]]:
    """Sessions linked through given or candidate speakers or a track (union-find), in the event's
    order: a track's rooms of a day are counted once for the whole track, not once per part.
    Clusters linked by an ``after`` link join too while they stay small (``ORDERED_MOST``), so
    that counting sees their order (``counting.ordered``)."""
    parent = list(range(len(problem.sessions)))
    size = [1] * len(problem.sessions)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        i, j = root(i), root(j)
        if i != j:
            parent[i] = j
            size[j] += size[i]

    first: dict[tuple[str, str], int] = {}
    in_track = track_of(problem)
    for i, session in enumerate(problem.sessions):
        links = [("speaker", k) for k in session.named_speakers]
        if session.id in in_track:
            links.append(("track", in_track[session.id]))
        for k in links:
            join(i, first.setdefault(k, i))
    position = {s.id: i for i, s in enumerate(problem.sessions)}
    for i, session in enumerate(problem.sessions):
        for j in (position[a] for a in session.after):
            if root(i) != root(j) and size[root(i)] + size[root(j)] <= ORDERED_MOST:
                join(i, j)
    found: dict[int, list[Session]] = defaultdict(list)
    for i, session in enumerate(problem.sessions):
        found[root(i)].append(session)
    return list(found.values())


ORDERED_MOST = 30
"""Most sessions of a cluster joined through ``after`` links: the office sample's two ordered pools
are 6; the generated events' ordered parts that counting by weeks proved more of were 2-18 sessions,
while joining every order made parts of up to 316 sessions, which neither count (plain or by weeks)
proves within its time."""


def _part(problem: Problem, sessions: list[Session], weights: Weights) -> Problem:
    """The relaxed event of ``sessions``: ``after`` links to other sessions dropped, and only the
    speakers and groups they name (groups without their members, which the solver never reads),
    so that a part is the same problem, with the same ``part_key``, whatever else the event holds."""
    ids = {s.id for s in sessions}
    kept = tuple(s.model_copy(update={"after": tuple(a for a in s.after if a in ids)}) for s in sessions)
    rules = problem.rules.model_copy(update={"weights": weights})
    named = {k for s in sessions for k in s.named_speakers}
    speakers = tuple(k for k in problem.speakers if k.id in named)
    attending = {g for s in sessions for g in s.groups}
    groups = tuple(g.model_copy(update={"members": ()}) for g in problem.groups if g.id in attending)
    return problem.model_copy(
        update={"sessions": kept, "rules": rules, "speakers": speakers, "groups": groups}
    )


def model_version(sources: Path = Path(__file__).parent) -> str:
    """A digest of the solver's sources (this package's): the model, and so the optimum it proves
    for an event or a part, may change with any of them."""
    digest = hashlib.sha256()
    for path in sorted(sources.glob("*.py")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


MODEL_VERSION = model_version()
"""The solver's version as far as its bounds go: a bound kept by an earlier solver (in the app's
database, in ``huiwu solve``'s ``bounds.json``) counts only under the same version, so an upgrade
whose model costs an event differently never claims optimal a schedule that is not."""


def part_key(part: Problem) -> str:
    """A digest of everything in a part (SHA-256 of its JSON, after ``MODEL_VERSION``): equal keys,
    equal problems solved by the same model."""
    return hashlib.sha256((MODEL_VERSION + part.model_dump_json()).encode("utf-8")).hexdigest()


def known_bound(problem: Problem, known: Mapping[str, int]) -> int:
    """The sum of the optima ``known`` (by ``part_key``) for the event's parts, the others counting 0:
    a lower bound on every schedule, proven before. 0 for an event that does not fall apart."""
    found = parts(problem) if known else []
    return sum(known.get(part_key(part), 0) for part in found) if len(found) > 1 else 0


def parts(problem: Problem) -> list[Problem]:
    """The relaxed events whose minimum costs add up to a lower bound (see the module docstring)."""
    return [part for part, _ in grouped_parts(problem)]


def grouped_parts(problem: Problem) -> list[tuple[Problem, str | None]]:
    """``parts`` each with the group whose rules it holds (None for a speaker cluster)."""
    weights = problem.rules.weights
    rules = type(weights).model_fields
    others = weights.model_copy(update=dict.fromkeys(GROUP_RULES, 0))
    found: list[tuple[Problem, str | None]] = [
        (_part(problem, sessions, others), None) for sessions in clusters(problem)
    ]
    if any(getattr(weights, rule) for rule in GROUP_RULES):
        only_groups = weights.model_copy(update={r: 0 for r in rules if r not in GROUP_RULES})
        for group in problem.groups:
            alone = {"groups": (group.id,)}
            sessions = [s.model_copy(update=alone) for s in problem.sessions if group.id in s.groups]
            found.append((_part(problem, sessions, only_groups), group.id))
    return [(part, group) for part, group in found if part.sessions]


def part_solver(options: SolveOptions, seconds: float) -> cp_model.CpSolver:
    """CP-SAT as the parts want it: its default portfolio (small models: presolve, probing and
    the default workers prove them two to three times faster than the search's `max_lp` setup)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = options.workers
    solver.parameters.random_seed = options.seed
    return solver


def part_bound(
    part: Problem, options: SolveOptions, seconds: float, start: Schedule | None = None
) -> tuple[int, bool]:
    """The proven lower bound of one part's cost after at most ``seconds`` (0 when nothing is
    proven), and whether it is the part's optimum.

    ``start`` (a schedule of the whole event) restricted to the part is a schedule of the part:
    hinted, the sub-solve starts near the part's optimum, and the proof follows the first
    schedule that reaches it.
    """
    from solver.run import _stop_when_asked, build_model

    v = build_model(part)
    if v.index.max_rooms is not None:
        return 0, False  # too large to keep every room: fewer rooms would restrict the part, not relax it
    if start is not None:
        hint_greedy(v, placements_of(v, start), seconds)
    solver = part_solver(options, seconds)
    stopper = _stop_when_asked(options, solver)
    try:
        status = solver.solve(v.model)
    finally:
        if stopper is not None:
            stopper.set()
    if status == cp_model.OPTIMAL:
        return round(solver.objective_value), True
    if status == cp_model.FEASIBLE:
        return max(0, math.ceil(solver.best_objective_bound - 1e-6)), False
    return 0, False  # unknown: no claim (an infeasible part would make the whole event infeasible)


@dataclass
class Counted:
    """The parts' bounds counted at once (``counted_floors``), and the parts to count further."""

    found: dict[str, int]
    """Per part key, its bound."""
    ordered: list[Pending] = field(default_factory=list)
    """Parts with sessions in order (``counting.ordered``), for ``by_weeks``."""
    unfinished: list[Pending] = field(default_factory=list)
    """Parts whose counting was cut short or never reached by the deadline, for ``recount``."""


def floors(problem: Problem, index: Index, known: Mapping[str, int], deadline: float) -> dict[str, int]:
    """Per part (by ``part_key``), a bound had at once (``counted_floors``), the parts in order
    counted by weeks too (``by_weeks``) when the time left allows. Their sum is a lower bound on
    every schedule of the event of ``index`` (the parts not reached count 0)."""
    counted = counted_floors(problem, index, known, deadline)
    by_weeks(index, counted.found, counted.ordered, deadline)
    return counted.found


def counted_floors(problem: Problem, index: Index, known: Mapping[str, int], deadline: float) -> Counted:
    """Per part (by ``part_key``), its optimum proven before (``known``), else the bound of its
    counting model (``solver.counting``: milliseconds a part), smallest parts first until
    ``deadline`` (a group's rules are counted in closed form, whatever the time)."""
    position = {s.id: i for i, s in enumerate(problem.sessions)}
    counted = Counted({})
    for part in sorted(parts(problem), key=lambda part: len(part.sessions)):
        key = part_key(part)
        left = deadline - time.monotonic()
        members = [position[s.id] for s in part.sessions]
        if key in known:
            counted.found[key] = known[key]
        elif any(getattr(part.rules.weights, rule) for rule in counting.RULES):
            value, optimal = (
                counting.counted(index, members, min(counting.SECONDS, left)) if left > 0 else (0, False)
            )
            counted.found[key] = value
            if not optimal:
                counted.unfinished.append((key, members))
            if counting.ordered(index, members):
                counted.ordered.append((key, members))
        elif any(getattr(part.rules.weights, rule) for rule in GROUP_RULES):
            counted.found[key] = counting.grouped(index, members)
    return counted


def recount(index: Index, found: dict[str, int], unfinished: list[Pending], deadline: float) -> None:
    """``found`` raised where the ``unfinished`` parts, counted again (the smallest first, each
    within ``RECOUNT_SECONDS``, until ``deadline``), prove more."""
    for key, members in unfinished:
        left = min(RECOUNT_SECONDS, deadline - time.monotonic())
        if left < 0.1:
            break
        found[key] = max(found[key], counting.counted(index, members, left)[0])


RECOUNT_SECONDS = 5.0
"""Most time a part's counting takes again when no search follows (``solver.run``): the generated
5,000-occurrence event's largest cluster (414 sessions) counts 821 after 0.5 s, 849 after 6 s,
and decided whether its bound at 60 s was 2,037 or 2,858 (cut short or not reached by the first
tenth of the limit, after the event's index)."""


def by_weeks(index: Index, found: dict[str, int], ordered: list[Pending], deadline: float) -> None:
    """``found`` raised where the ``ordered`` parts (the smallest first) counted by weeks prove
    more, each within ``counting.WEEKS_PART``, all within ``counting.WEEKS_SECONDS`` and by
    ``deadline``; nothing when less than ``counting.WEEKS_LEAST`` is left."""
    end = min(deadline, time.monotonic() + counting.WEEKS_SECONDS)
    if end - time.monotonic() < counting.WEEKS_LEAST:
        return
    for key, members in ordered:
        left = min(counting.WEEKS_PART, end - time.monotonic())
        if left < counting.WEEKS_LEAST / 10:
            break
        found[key] = counting.counted_by_weeks(index, members, found[key], left)


def decomposition_bound(
    problem: Problem,
    options: SolveOptions,
    deadline: float,
    start: Schedule | None = None,
    floors: Mapping[str, int] | None = None,
) -> int:
    """The sum of the parts' proven bounds, smallest parts first, until ``deadline``; each part
    starts from ``start`` (the search's best schedule) when given.

    Parts proven before (``options.parts``) count their optimum without a solve; each part
    proven here is told to ``options.part_proven``. Parts left when the time is up count their
    ``floors`` (else 0), so the sum stays a valid bound.
    An event that does not fall apart (a single part) gives 0: the search's own
    bound covers it.
    """
    found = sorted(parts(problem), key=lambda part: len(part.sessions))
    if len(found) < 2:
        return 0
    floors = floors or {}
    keys = [part_key(part) for part in found]
    total = sum(options.parts.get(key, floors.get(key, 0)) for key in keys)  # proven before: not solved again
    todo = [(key, part) for key, part in zip(keys, found, strict=True) if key not in options.parts]
    for n, (key, part) in enumerate(todo):
        left = deadline - time.monotonic()
        if left < 0.2 or (options.stop_event is not None and options.stop_event.is_set()):
            break
        seconds = min(PART_SECONDS, left / (len(todo) - n) * 2, left)
        proven, optimal = part_bound(part, options, seconds, start)
        total += max(0, proven - floors.get(key, 0))
        if optimal and options.part_proven is not None:
            options.part_proven(key, proven)
    return total
