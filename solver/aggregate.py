"""Counts the soft rules share, built once per model: who teaches how much, on how many days.

The soft rules cost counts (a speaker's teaching days, a session's distinct
days, a speaker's share of a session). Written only through the 0/1 start and
speaker literals, those counts leave the LP relaxation nearly blind: half a
literal on every day costs half a day everywhere, and the bound stays far below
the best schedule even on three sessions and two speakers. So each count is
also an integer variable of its own, with the valid inequalities that tie the
counts together:

- ``taught(i, k)``: occurrences of session i that speaker k teaches;
- ``teaches(i, k)``: whether k teaches any of them (``taught <= occurrences * teaches``);
- ``session_days(i)``: distinct days of session i's occurrences;
- ``speaker_days(k)``: days k teaches, at least ``load / per-day limit`` and at
  least ``taught(i, k) - (occurrences(i) - session_days(i))`` for each session i
  (occurrences of i on one day are the collisions the latter subtracts).

Every inequality holds in every schedule, so the costs stay exact; they only
cut fractional points away and give CP-SAT integer quantities to branch on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from solver.model import Vars

Literal = cp_model.IntVar


def any_of(v: Vars, literals: list[Literal], cap: int | None = None) -> Literal:
    """A literal equal to the OR of ``literals``: terms stay exact in every solution, not only the best.

    When the hard rules let at most ``cap`` of them be true together, ``sum <= cap * flag`` is
    added too: redundant for whole numbers, it makes the LP relaxation count at least
    sum / cap buckets (a speaker teaching n with at most d a day comes on n / d days or more).
    """
    if len(literals) == 1:
        return literals[0]
    flag = v.model.new_bool_var("")
    v.model.add_max_equality(flag, literals)
    if cap is not None and cap < len(literals):
        v.model.add(sum(literals) <= cap * flag)
    return flag


def count(v: Vars, terms: list[cp_model.LinearExprT], upper: int, name: str) -> cp_model.IntVar:
    """An integer variable in [0, upper] equal to the sum of ``terms``."""
    total = v.model.new_int_var(0, max(0, upper), name)
    v.model.add(total == sum(terms, 0))
    return total


def _memo(v: Vars, key: tuple[object, ...], build: Callable[[], cp_model.IntVar]) -> cp_model.IntVar:
    """The variable stored under ``key``, built on first use (each aggregate exists once per model)."""
    found = v.shared.get(key)
    if found is None:
        found = v.shared[key] = build()
    return found


def speaker_literals(v: Vars, i: int, k: str) -> list[Literal]:
    """The literals of the occurrences of session i that k teaches (given speakers: its starts)."""
    if k in v.index.problem.sessions[i].speakers:
        return [v.x[i, t] for t in v.starts(i)]
    return [literal for t in v.starts(i) if (literal := v.z.get((i, t, k))) is not None]


def taught(v: Vars, i: int, k: str) -> cp_model.IntVar:
    """Occurrences of session i that k teaches."""
    upper = v.index.problem.sessions[i].occurrences
    name = f"taught[{i},{k}]"
    return _memo(v, ("taught", i, k), lambda: count(v, list(speaker_literals(v, i, k)), upper, name))


def teaches(v: Vars, i: int, k: str) -> Literal:
    """Whether k teaches some occurrence of session i."""

    def build() -> Literal:
        flag = any_of(v, speaker_literals(v, i, k))
        v.model.add(taught(v, i, k) <= v.index.problem.sessions[i].occurrences * flag)
        return flag

    return _memo(v, ("teaches", i, k), build)


def day_flags(v: Vars, i: int) -> list[Literal]:
    """Per day with a possible start of session i, whether one of its occurrences starts then."""
    key = ("day_flags", i)
    if key not in v.flag_lists:
        session, index = v.index.problem.sessions[i], v.index
        days: dict[int, list[Literal]] = defaultdict(list)
        for t in v.starts(i):
            days[index.day(t)].append(v.x[i, t])
        cap = min(session.occurrences, index.n_periods // session.length)  # occurrences never overlap
        v.flag_lists[key] = [any_of(v, literals, cap) for literals in days.values()]
    return v.flag_lists[key]


def session_days(v: Vars, i: int) -> cp_model.IntVar:
    """Distinct days of session i's occurrences."""
    occurrences = v.index.problem.sessions[i].occurrences
    return _memo(v, ("session_days", i), lambda: count(v, list(day_flags(v, i)), occurrences, f"days[{i}]"))


def speaker_days(v: Vars, k: str, teaching: list[tuple[int, int, Literal]]) -> cp_model.IntVar:
    """Days k teaches (``teaching`` as ``Vars.teaching()[k]``), with the cuts of the module docstring."""

    def build() -> cp_model.IntVar:
        index = v.index
        days: dict[int, list[Literal]] = defaultdict(list)
        for _, t, literal in teaching:
            days[index.day(t)].append(literal)
        cap = min(index.speakers[k].limits.per_day or index.n_periods, index.n_periods)  # one place at a time
        total = count(v, [any_of(v, literals, cap) for literals in days.values()], len(days), f"days[{k}]")
        v.model.add(cap * total >= sum(literal for _, _, literal in teaching))
        for i in dict.fromkeys(i for i, _, _ in teaching):
            occurrences = index.problem.sessions[i].occurrences
            if occurrences > 1:
                v.model.add(total >= taught(v, i, k) - occurrences + session_days(v, i))
        return total

    return _memo(v, ("speaker_days", k), build)
