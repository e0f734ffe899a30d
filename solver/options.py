"""How to run the solver: time limit, workers, seed, stop request and progress callback."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from planner.domain.errors import InvalidOptions
from planner.domain.schedule import Schedule

Progress = Callable[[float, int, int], None]
"""Called with (seconds elapsed, objective of the best schedule so far, proven bound)."""
PartProven = Callable[[str, int], None]
"""Called with (a part's key, its proven optimum) for each part the decomposition bound proves."""

MOST_SECONDS = 86_400
"""The longest time limit: a day (CP-SAT takes any, but every share of the limit must end)."""
MOST_WORKERS = 64
"""The most search workers: CP-SAT's threads (two suit two cores; more than cores only slow it)."""
MOST_SEED = 2**31 - 1
"""The largest seed: CP-SAT's ``random_seed`` is a 32-bit integer."""


@dataclass
class SolveOptions:
    """Options of one solve; safe to share with another thread through ``stop_event``.

    ``progress`` is called from the solver's own thread: hand the numbers over
    through a queue before touching a user interface (Streamlit crashes otherwise).
    Setting ``stop_event`` ends the search and returns the best schedule found so far (raises
    ``HuiwuError`` "the search was stopped before any schedule was found" when there is none).
    ``lns`` runs the large neighbourhood search of ``solver.lns`` after the first search when the
    time limit is at least 20 s and the schedule is not proven optimal.
    ``decompose`` bounds the event's independent parts (``solver.bound``): by counting alone
    before the search (``solver.counting``, milliseconds a part), and by solving each alone after
    the first search when the time limit is at least 20 s; a stronger bound than CP-SAT's.
    ``start`` is a schedule to go on from (the last one found for this event): when it still places
    every occurrence and keeps every hard rule, the search starts there instead of from the greedy
    schedule, so solving again improves on it. It is ignored otherwise, and by a repair (whose
    reference schedule is the start).
    ``floor`` is a lower bound on the cost already proven for this very event (an earlier solve's
    ``bound``, same event and weights): the search shows it from the start and stops as soon as a
    schedule reaches it, which is then optimal. Ignored by a repair, whose costs differ. A floor
    above the true optimum would make the search stop too early and call a schedule optimal that
    is not: give only a bound proven for the same event.
    ``parts`` are optima proven before for parts of an event (``solver.bound.part_key`` -> cost),
    of this event or of any other: a part is the same problem wherever it comes from. Their sum over
    this event's parts is a floor from the start, at any time limit, and those parts are not
    solved again. ``part_proven`` hears of each part proven here, to keep for later solves.
    """

    time_limit: float = 10.0
    workers: int = 2
    seed: int = 0
    stop_event: threading.Event | None = None
    progress: Progress | None = None
    explain: bool = True
    explain_time_limit: float = 20.0
    log: bool = False
    lns: bool = True
    decompose: bool = True
    start: Schedule | None = None
    floor: int = 0
    parts: Mapping[str, int] = field(default_factory=dict)
    part_proven: PartProven | None = None

    def __post_init__(self) -> None:
        """Refuse what no search can run with, one line per option, instead of a clamped value or
        CP-SAT's traceback (``InvalidOptions``: the command line exits 2 with its lines)."""
        problems = [
            *_seconds("time_limit", self.time_limit),
            *_seconds("explain_time_limit", self.explain_time_limit),
            *_whole("workers", self.workers, 1, MOST_WORKERS),
            *_whole("seed", self.seed, 0, MOST_SEED),
            *_whole("floor", self.floor, 0, None),
        ]
        if problems:
            raise InvalidOptions(problems)


def _seconds(name: str, value: float) -> list[str]:
    if isinstance(value, int | float) and math.isfinite(value) and 0 <= value <= MOST_SECONDS:
        return []
    return [f"{name}: must be a number of seconds from 0 to {MOST_SECONDS} (got {value!r})"]


def _whole(name: str, value: int, least: int, most: int | None) -> list[str]:
    whole = isinstance(value, int) and not isinstance(value, bool)
    if whole and least <= value and (most is None or value <= most):
        return []
    span = f"from {least} to {most}" if most is not None else f"of at least {least}"
    return [f"{name}: must be a whole number {span} (got {value!r})"]


def round_seed(seed: int, round_: int) -> int:
    """The seed of an LNS round's sub-solve: the solve's seed moved on by the round, kept within
    CP-SAT's range (seed ``MOST_SEED`` wraps to 0 in its first round)."""
    return (seed + round_) % (MOST_SEED + 1)
