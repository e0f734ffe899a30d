"""Solve and check an event: the use-cases behind ``huiwu solve`` and ``huiwu check``.

``planner`` never imports the solver: ``solve_event`` receives the solve
function (``solver.solve`` with its options bound) as a parameter. Every
schedule it returns has been re-checked by the solver-free oracle; a repair
(a reference schedule given) also lists what moved and how much stayed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import HuiwuError, StorageError
from planner.domain.model import Problem
from planner.domain.oracle import Report, check_schedule
from planner.domain.oracle_soft import frozen_assignments
from planner.domain.past import Held, kept_past
from planner.domain.schedule import Schedule, pair_occurrences
from planner.domain.tidy_rooms import SECONDS as TIDY_SECONDS
from planner.domain.tidy_rooms import tidy_rooms
from planner.io.files import problem_to_data, save_file
from planner.io.schedule_file import another_event
from planner.storage.changes import is_same

if TYPE_CHECKING:  # the store only as a type: the command line solves without a database
    from planner.storage.repository import Store

SolveFunction = Callable[[Problem, Schedule | None, dt.date | None], Schedule]
"""(problem, reference schedule or None, freeze date or None) -> schedule."""


@dataclass(frozen=True)
class Move:
    """One occurrence that changed between a reference schedule and its repair: its time, its room
    or its speakers (each of which sends a change notice when published)."""

    session: str
    title: str
    old_start: dt.datetime | None
    old_room: str | None
    new_start: dt.datetime | None
    new_room: str | None
    old_speakers: tuple[str, ...] = ()
    new_speakers: tuple[str, ...] = ()

    def describe(self) -> str:
        def at(start: dt.datetime | None, room: str | None, speakers: tuple[str, ...]) -> str:
            if start is None:
                return "(none)"
            who = f" ({', '.join(speakers)})" if speakers else ""
            return f"{start:%Y-%m-%d %H:%M} {room}{who}"

        old = at(self.old_start, self.old_room, self.old_speakers)
        new = at(self.new_start, self.new_room, self.new_speakers)
        return f"{self.session} '{self.title}': {old} -> {new}"


@dataclass
class SolveResult:
    """A schedule, the oracle's report on it, the occurrences the tidy moved to another room (at
    no cost: ``tidy_rooms``) and, for a repair, the moves."""

    schedule: Schedule
    report: Report
    moves: list[Move] = field(default_factory=list)
    kept: int = 0
    tidied: int = 0
    frozen: int = 0
    """Of a repair's ``kept``, the occurrences that started before its freeze: they could not move."""
    freeze: dt.date | None = None
    """A repair's freeze (a day, from its midnight, or a moment): publishing the schedule checks it."""
    held: list[Held] = field(default_factory=list)
    """Of those, the ones kept although the event now marks one of their people or their room away
    then (``past.kept_past``): the user should know the absence changed nothing there."""

    @property
    def repair(self) -> bool:
        """Whether this repaired a reference: it kept or moved some of its occurrences."""
        return bool(self.moves or self.kept)


STOPPED_TIDY_SECONDS = 0.5
"""Most time the rooms' tidy takes after a solve the user stopped (2 s otherwise, ``tidy_rooms``):
the office sample's takes 0.05 s, a 2,000-occurrence event's its whole 2 s."""


def solve_event(
    problem: Problem,
    solve: SolveFunction,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
    stopped: Callable[[], bool] | None = None,
) -> SolveResult:
    """Solve, tidy the rooms where that costs nothing (``tidy_rooms``: the computer lab kept for
    those who need it, each class in a room of its own; only ``STOPPED_TIDY_SECONDS`` when
    ``stopped()`` says the user stopped the solve), re-check with the oracle and compare with the
    reference; raises InfeasibleProblem, and HuiwuError for a reference of another event (nothing
    of it could be kept)."""
    if reference is not None and (other := another_event(reference, problem)):
        raise HuiwuError(f"the plan to keep: {other}")
    found = solve(problem, reference, freeze_before)
    seconds = STOPPED_TIDY_SECONDS if stopped is not None and stopped() else TIDY_SECONDS
    schedule, report = tidy_rooms(problem, found, reference, freeze_before, seconds)
    result = SolveResult(schedule, report, tidied=len(compare(found, schedule)[0]))  # rooms only
    if reference is not None:
        result.moves, result.kept = compare(reference, schedule)
        if freeze_before is not None:
            result.freeze = freeze_before
            result.frozen = len(frozen_assignments(problem, reference, freeze_before))
            result.held = kept_past(problem, reference, freeze_before)[1]
    return result


@dataclass
class ProvenBounds:
    """The best lower bound proven so far for each event, by the event's exact content.

    Solving the same event again starts from it (``SolveOptions.floor``), so a short solve shows
    the bound a longer one proved, and stops when it reaches it. Any change to the event, a
    weight included, gives another key: a bound is only ever used for the event it was proven for.
    Repairs neither learn nor use it (their costs include the moves). With a ``store`` the bounds
    are kept in the database as well, so they outlive the app's process; a database that fails
    costs only that (the bounds then live in memory), never the solve.
    """

    found: dict[str, int] = field(default_factory=dict)
    store: Store | None = None
    parts: dict[str, dict[str, int]] = field(default_factory=dict)
    """Optima of the event's parts proven here, by event id and then by the solver's part key."""

    def of(self, problem: Problem, version: str = "") -> int:
        """The best bound proven for this content by a solver of ``version`` (``solver.MODEL_VERSION``:
        a solver whose model changed may cost the same event differently, so its bounds are its own)."""
        key = content_key(problem, version)
        kept = 0
        if self.store is not None:
            try:
                kept = self.store.proven_bound(key)
            except StorageError:
                kept = 0
        return max(self.found.get(key, 0), kept)

    def learn(
        self, problem: Problem, schedule: Schedule, now: dt.datetime | None = None, version: str = ""
    ) -> None:
        if schedule.bound:
            key = content_key(problem, version)
            self.found[key] = max(self.found.get(key, 0), schedule.bound)
            self._keep(key, problem.event.id, schedule.bound, now)

    def parts_of(self, problem: Problem) -> dict[str, int]:
        """What earlier solves proved for parts of this event (or of its earlier contents), by the
        solver's part key (``SolveOptions.parts``): the solver takes those of the event's parts
        today, so an edit leaves the proofs of the parts it did not touch standing."""
        known = dict(self.parts.get(problem.event.id, {}))
        if self.store is not None:
            try:
                kept = self.store.bounds_of(problem.event.id)
            except StorageError:
                kept = {}
            known |= {key: max(bound, known.get(key, 0)) for key, bound in kept.items()}
        return known

    def learn_part(self, event_id: str, key: str, cost: int, now: dt.datetime | None = None) -> None:
        """Keep a part's proven optimum (``SolveOptions.part_proven``)."""
        mine = self.parts.setdefault(event_id, {})
        mine[key] = max(mine.get(key, 0), cost)
        self._keep(key, event_id, cost, now)

    def for_solve(
        self, problem: Problem, version: str
    ) -> tuple[int, dict[str, int], Callable[[str, int], None]]:
        """What a solve of ``problem`` by a solver of ``version`` starts from and tells back, as
        ``SolveOptions.floor``, ``.parts`` and ``.part_proven``: the event's bound, its parts'
        optima, and where each part it proves is kept."""
        event_id = problem.event.id

        def proven(key: str, cost: int) -> None:
            self.learn_part(event_id, key, cost)

        return self.of(problem, version), self.parts_of(problem), proven

    def merge(self, other: ProvenBounds) -> None:
        """Add what ``other`` knows (the larger of two bounds told for one key)."""
        for key, bound in other.found.items():
            self.found[key] = max(self.found.get(key, 0), bound)
        for event_id, kept in other.parts.items():
            for key, cost in kept.items():
                self.learn_part(event_id, key, cost)

    def _keep(self, key: str, event_id: str, bound: int, now: dt.datetime | None) -> None:
        """Write a bound to the database too; one that fails keeps it in memory only (the next
        solve in this process still starts from it)."""
        if self.store is not None:
            with contextlib.suppress(StorageError):
                self.store.learn_bound(key, event_id, bound, now=now or dt.datetime.now(dt.UTC))


BOUNDS_FILE = "bounds.json"
"""What ``huiwu solve`` proved, kept beside the schedule in its output folder (``read_bounds``)."""


def read_bounds(folder: Path) -> ProvenBounds:
    """The bounds earlier solves into ``folder`` proved (``write_bounds``): the command line's
    memory, as the database is the app's. A missing, unreadable or foreign file counts as none:
    it only ever saves time, so it never stops a solve."""
    try:
        data = json.loads((folder / BOUNDS_FILE).read_text(encoding="utf-8"))
        found = {str(k): int(v) for k, v in data["events"].items()}
        parts = {str(e): {str(k): int(v) for k, v in kept.items()} for e, kept in data["parts"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return ProvenBounds()
    return ProvenBounds(found=found, parts=parts)


def write_bounds(bounds: ProvenBounds, folder: Path) -> None:
    """Keep ``bounds`` in ``folder/bounds.json`` for the next solve; a folder that cannot be
    written raises ``HuiwuError`` naming it."""
    data = {"events": bounds.found, "parts": bounds.parts}
    text = json.dumps(data, indent=1, sort_keys=True)
    save_file(folder / BOUNDS_FILE, text.encode("utf-8"), make_folder=True)


def content_key(problem: Problem, version: str = "") -> str:
    """A digest of everything in the event (SHA-256 of its canonical JSON), after ``version`` (the
    solver's, for a bound it proved)."""
    text = version + json.dumps(problem_to_data(problem), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compare(old: Schedule, new: Schedule) -> tuple[list[Move], int]:
    """Moves from ``old`` to ``new`` and how many occurrences kept their time, room and speakers.

    Occurrences are matched as publishing matches them (``pair_occurrences``), and an occurrence
    counts as changed exactly when publishing would send a notice for it (``is_same``), so a
    repair reports the changes that its publication's notices will.
    """
    moves, kept = [], 0
    for a, b in pair_occurrences(old.assignments, new.assignments):
        if a is not None and b is not None and is_same(a, b):
            kept += 1
            continue
        either = b or a
        assert either is not None
        moves.append(
            Move(
                either.session,
                either.title,
                a.start if a else None,
                a.room if a else None,
                b.start if b else None,
                b.room if b else None,
                a.speakers if a else (),
                b.speakers if b else (),
            )
        )
    return moves, kept


def write_schedule(schedule: Schedule, directory: Path) -> Path:
    """Write ``directory/schedule.json`` (the folder is created) and return its path; a folder that
    cannot be made or written raises ``HuiwuError`` naming it."""
    path = directory / "schedule.json"
    save_file(path, schedule.to_json().encode("utf-8"), make_folder=True)
    return path


def check_event(
    problem: Problem,
    schedule: Schedule,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
) -> Report:
    """The oracle's report on a schedule (``huiwu check``), against a reference plan if given."""
    return check_schedule(problem, schedule, reference, freeze_before)
