"""The typed container of the CP-SAT model's variables, and the rule guards.

Variables (``i`` a session's index, ``t`` a slot number, ``r`` a room's
index, ``k`` a speaker id):

- ``x[i, t]``: an occurrence of session i starts at t. The occurrences of a
  session are interchangeable, so they are counted, not numbered: occurrence
  numbers follow time order when the schedule is read back. No symmetry.
- ``y[i, t, r]``: that occurrence is in room r (sum over r equals x).
- ``z[i, t, k]``: candidate speaker k teaches it (sum over k equals pick * x).

``terms`` holds one objective expression per soft rule, so the breakdown of
the objective can be read per rule and compared with the oracle.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.domain.schedule import Schedule
from solver.data import Index, Reason

Expr = cp_model.LinearExprT


@dataclass
class Guards:
    """One assumption literal per (rule, entity) in explanation mode; none otherwise."""

    model: cp_model.CpModel
    active: bool
    literals: dict[Reason, cp_model.IntVar] = field(default_factory=dict)

    def __call__(self, reason: Reason) -> list[cp_model.IntVar]:
        """Literals to ``only_enforce_if`` a constraint of ``reason`` (empty: always enforced)."""
        if not self.active:
            return []
        if reason not in self.literals:
            self.literals[reason] = self.model.new_bool_var(f"rule:{reason[0]}:{reason[1]}")
        return [self.literals[reason]]


Pending = tuple[str, list[int]]
"""A part of the event to count further (``solver.bound``): its key and its sessions."""


@dataclass
class Vars:
    """Every decision variable, indexed as described in the module docstring."""

    index: Index
    model: cp_model.CpModel
    guard: Guards
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    y: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    z: dict[tuple[int, int, str], cp_model.IntVar] = field(default_factory=dict)
    terms: dict[str, list[Expr]] = field(default_factory=lambda: defaultdict(list))
    shared: dict[tuple[object, ...], cp_model.IntVar] = field(default_factory=dict)
    flag_lists: dict[tuple[object, ...], list[cp_model.IntVar]] = field(default_factory=dict)
    floor: int = 0
    """A lower bound on the cost proven outside this model (``solver.bound``); 0 when none."""
    floors: dict[str, int] = field(default_factory=dict)
    """The bounds of the event's parts (``solver.bound.floors``) that ``floor`` adds up, by part key."""
    ordered: list[Pending] = field(default_factory=list)
    """Parts with sessions in order (key, sessions) still to be counted by weeks (``bound.by_weeks``)."""
    unfinished: list[Pending] = field(default_factory=list)
    """Parts (key, sessions) whose counting was cut short, to count again if no search follows
    (``bound.recount``)."""
    bare: bool = False
    """Variables only, no rules yet (``solver.run.add_rules``): the greedy needs no more, and a
    model too large to search, or with too little time left to, never gets them."""
    reference: Schedule | None = None
    """A repair's reference schedule (``build_model``; ``add_rules`` adds its moves' costs)."""
    freeze_before: dt.date | None = None
    partial: bool = False
    """Some decisions fixed beyond the event's rules (a repair's first, nearby search): CP-SAT's
    bound holds for that restriction only, so no schedule shows it."""
    variables_seconds: float = 0.0
    """How long creating the variables took: the rules take up to 2.5 times as long (RULES_PER_VARIABLES)."""

    def starts(self, i: int) -> list[int]:
        return self.index.starts[i]

    def rooms_at(self, i: int, t: int) -> list[int]:
        return [r for r in self.index.rooms[i] if (i, t, r) in self.y]

    def add_term(self, rule: str, weight: int, expr: Expr) -> None:
        """Add ``weight * expr`` to the soft rule's objective term (skipped at weight 0)."""
        if weight:
            self.terms[rule].append(weight * expr)

    def term(self, rule: str) -> Expr:
        return sum(self.terms.get(rule, []), 0)

    def teaching(self) -> dict[str, list[tuple[int, int, cp_model.IntVar]]]:
        """Per speaker: (session, start, literal) of every occurrence they may teach."""
        found: dict[str, list[tuple[int, int, cp_model.IntVar]]] = defaultdict(list)
        for i, session in enumerate(self.index.problem.sessions):
            for k in dict.fromkeys(session.speakers):
                found[k] += [(i, t, self.x[i, t]) for t in self.starts(i)]
        for (i, t, k), literal in self.z.items():
            found[k].append((i, t, literal))
        return found


def create_vars(index: Index, explain: bool = False) -> Vars:
    """The model with its start, room and speaker variables and their linking constraints."""
    model = cp_model.CpModel()
    v = Vars(index, model, Guards(model, explain))
    for i, session in enumerate(index.problem.sessions):
        for t in index.starts[i]:
            v.x[i, t] = model.new_bool_var(f"x[{session.id},{t}]")
            for reason in index.start_reasons[i].get(t, []):
                model.add(v.x[i, t] == 0).only_enforce_if(v.guard(reason))
            _rooms(v, i, t)
            _speakers(v, i, t)
        model.add(sum(v.x[i, t] for t in index.starts[i]) == session.occurrences)
    return v


def _rooms(v: Vars, i: int, t: int) -> None:
    index, model = v.index, v.model
    rooms = [r for r in index.rooms[i] if v.guard.active or index.room_open(r, i, t)]
    for r in rooms:
        v.y[i, t, r] = v.x[i, t] if len(rooms) == 1 else model.new_bool_var(f"y[{i},{t},{r}]")
        if not index.room_open(r, i, t):
            model.add(v.y[i, t, r] == 0).only_enforce_if(v.guard(("room_closed", index.problem.rooms[r].id)))
    if len(rooms) != 1:
        model.add(sum(v.y[i, t, r] for r in rooms) == v.x[i, t])


def _speakers(v: Vars, i: int, t: int) -> None:
    index, model = v.index, v.model
    session = index.problem.sessions[i]
    if session.candidates is None:
        return
    pool = [k for k in dict.fromkeys(session.candidates.from_) if k not in session.speakers]
    usable = []
    for k in pool:
        away = index.is_blocked(index.speakers[k].unavailable, i, t)
        if away and not v.guard.active:
            continue
        v.z[i, t, k] = model.new_bool_var(f"z[{i},{t},{k}]")
        usable.append(k)
        if away:
            model.add(v.z[i, t, k] == 0).only_enforce_if(v.guard(("speaker_unavailable", k)))
    model.add(sum(v.z[i, t, k] for k in usable) == session.candidates.pick * v.x[i, t])


def hint_all(model: cp_model.CpModel, values: Sequence[int]) -> None:
    """Hint every variable of ``model`` to ``values`` (in the proto's order, as a response's
    ``solution``), replacing any hint: written into the proto at once, as one ``add_hint`` call per
    variable took 2-3 s on the generated 1,000-occurrence event (380,000 variables)."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    model.proto.solution_hint.vars.extend(list(range(len(values))))
    model.proto.solution_hint.values.extend(list(values))
