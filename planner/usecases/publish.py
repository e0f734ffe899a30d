"""Publishing a plan: store the event, repair its schedule, store the next version, notify.

``publish`` takes the solve function as a parameter (``planner`` never imports
``solver``): ``solve(problem, reference=last_schedule, freeze_before=when)``
repairs from the last published version with as few moves as possible (the
command line), and the rooms of what it finds are tidied where that costs
nothing (``tidy_rooms``), as after any solve. Given ``schedule`` instead, it
publishes exactly that schedule (the one reviewed in the browser) once the
oracle confirms it keeps every hard rule, and solves nothing. The new version,
the SEQUENCE of every changed occurrence and the change notices are committed
in one transaction; the feeds then show the new version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planner.domain.calendar import local_time, under_way
from planner.domain.errors import HuiwuError, InvalidSchedule, StorageError
from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.oracle_soft import tracks
from planner.domain.schedule import Schedule, align, retitled
from planner.domain.tidy_rooms import tidy_rooms
from planner.exports.ics import wording
from planner.storage.changes import Changes, changes_of, diff, next_cancelled, next_revisions
from planner.storage.outbox import Notice
from planner.storage.repository import Draft, Store, Version
from planner.storage.tokens import Feed, Tokens
from planner.usecases.notices import build_notices

Solve = Callable[..., Schedule]


@dataclass(frozen=True)
class Published:
    """The outcome of one publish: the new version, every feed of the event, the notices written."""

    version: Version
    feeds: list[Feed]
    notices: list[Notice]
    replaced: Draft | None = None
    reworded: int = 0
    """How many occurrences changed in words only (``reworded``): their calendar entries took this
    version's LAST-MODIFIED without a move."""
    frozen: dt.date | None = None
    """The freeze of the repair that made this version (a date, or a moment): the one given, else
    the publication's minute while the event runs (``calendar.under_way``); None when nothing was
    frozen."""

    def warnings(self) -> list[str]:
        """What the user should know: a different draft that this publish replaced (kept in the history)."""
        if self.replaced is None:
            return []
        d = self.replaced
        return [
            f"the draft of '{d.event_id}' (revision {d.revision}, saved by {d.saved_by} at "
            f"{local_time(d.problem.event, d.saved_at)}) differed from the published event; "
            "it stays in the history"
        ]

    @property
    def changes(self) -> Changes:
        return self.version.changes


def store_event(store: Store, problem: Problem, *, by: str, now: dt.datetime) -> tuple[int, Draft | None]:
    """Save the event as the next draft revision (nothing when the draft is already identical).

    Returns the revision and, when the draft held something else that was not
    published yet, that draft (it stays in the history; the caller says so).
    """
    try:
        draft = store.draft(problem.event.id)
    except StorageError:
        return store.save_draft(problem, base=None, by=by, now=now), None
    if draft.problem == problem:
        return draft.revision, None
    latest = store.latest(problem.event.id)
    unpublished = latest is None or latest.revision != draft.revision
    return store.save_draft(problem, base=draft.revision, by=by, now=now), draft if unpublished else None


def publish(
    store: Store,
    problem: Problem,
    solve: Solve | None = None,
    *,
    schedule: Schedule | None = None,
    by: str,
    now: dt.datetime,
    note: str | None = None,
    freeze_before: dt.date | None = None,
    options: Any = None,
) -> Published:
    """Store the event and publish ``schedule`` (checked, not re-solved) or, without one, a solve of it.

    The solve repairs from the last version, keeping every session that starts before
    ``freeze_before`` (a date, from its midnight, or a moment; by default, while the event runs,
    ``now``: nothing that has started moves, and nothing moves into the past); a given schedule
    that breaks a hard rule, or changes what started before that freeze, is refused with
    ``InvalidSchedule`` before anything is stored. The version records the freeze.
    """
    if (solve is None) == (schedule is None):
        raise HuiwuError("publish needs either a solve function or a schedule, not both or neither")
    previous = store.latest(problem.event.id)
    reference = previous.schedule if previous else None
    if freeze_before is None and previous is not None:  # while the event runs, the past stays
        freeze_before = under_way(problem.event, now)
    kept = freeze_before if previous is not None else None  # what started before it is as last published
    if schedule is not None:  # a repair made elsewhere (the app's, ``huiwu solve --from``) kept it too
        schedule = checked(problem, schedule, reference if kept else None, kept)
    revision, replaced = store_event(store, problem, by=by, now=now)
    if solve is not None:  # the rooms tidied as ``huiwu solve`` and the app do (``solve_event``)
        found = solve(problem, options=options, reference=reference, freeze_before=freeze_before)
        schedule, _ = tidy_rooms(problem, found, reference, freeze_before)
    assert schedule is not None  # one of the two was given
    at = later_second(previous, now)
    version, words = next_version(
        previous, problem, schedule, revision=revision, by=by, now=at, note=note, frozen=kept
    )
    notices = build_notices(previous, version)
    store.add_version(version, [n.row() for n in notices], previous=previous.number if previous else 0)
    feeds = Tokens(store).ensure(problem.event.id, feed_targets(problem), now)
    reworded = len(words - version.changes.keys())
    return Published(version, feeds, notices, replaced, reworded=reworded, frozen=freeze_before)


def later_second(previous: Version | None, now: dt.datetime) -> dt.datetime:
    """``now``, or the second after ``previous`` was published when ``now`` falls within that same
    second: HTTP dates (Last-Modified, If-Modified-Since) count whole seconds, and a calendar client
    that only sends If-Modified-Since would be told 304 for a second version published within the
    second of the first."""
    if previous is None or int(now.timestamp()) > int(previous.published_at.timestamp()):
        return now
    return previous.published_at.replace(microsecond=0) + dt.timedelta(seconds=1)


def checked(
    problem: Problem,
    schedule: Schedule,
    reference: Schedule | None = None,
    freeze_before: dt.date | None = None,
) -> Schedule:
    """The schedule with the oracle's score; ``InvalidSchedule`` listing every broken hard rule (with
    a reference and a freeze, what started before it must be as the reference has it, and an
    absence entered since over it is no reason: ``past.kept_past``)."""
    report = check_schedule(problem, schedule, reference, freeze_before)
    if not report.ok:
        raise InvalidSchedule("the schedule breaks hard rules:\n" + "\n".join(report.violations))
    return schedule.model_copy(update={"objective": report.objective, "score": report.score})


def next_version(
    previous: Version | None,
    problem: Problem,
    schedule: Schedule,
    *,
    revision: int,
    by: str,
    now: dt.datetime,
    note: str | None,
    frozen: dt.date | None = None,
) -> tuple[Version, set[tuple[str, int]]]:
    """The version that follows ``previous`` (its changes, revisions and cancelled occurrences), and
    the occurrences whose calendar entries say something else (``reworded``; moved ones among them)."""
    number = previous.number + 1 if previous else 1
    schedule = retitled(schedule, {s.id: s.title for s in problem.sessions})
    schedule = align(previous.schedule if previous else None, schedule.model_copy(update={"version": number}))
    changes = changes_of(previous.schedule if previous else None, schedule)
    changed_words = reworded(previous, problem, schedule)
    version = Version(
        event_id=problem.event.id,
        number=number,
        revision=revision,
        problem=problem,
        schedule=schedule,
        revisions=next_revisions(previous.revisions if previous else {}, changes, now, changed_words),
        cancelled=next_cancelled(previous.cancelled if previous else {}, changes, schedule),
        changes=changes,
        published_at=now,
        published_by=by,
        note=note,
        frozen=frozen,
    )
    return version, changed_words


def reworded(previous: Version | None, problem: Problem, schedule: Schedule) -> set[tuple[str, int]]:
    """The occurrences (by identity: ``schedule`` aligned with ``previous``) whose calendar entries
    say something else than in ``previous`` (none when the event is the same: the words come from
    the event; what moved is ``changes``)."""
    if previous is None or previous.problem == problem:
        return set()
    before, after = wording(previous.problem, previous.schedule), wording(problem, schedule)
    return {key for key, words in after.items() if key in before and before[key] != words}


def feed_targets(problem: Problem) -> list[tuple[str, str]]:
    """(kind, id) of every feed of an event: the whole event, each speaker, room and group, and each
    conference track (by its name)."""
    return [
        ("event", problem.event.id),
        *(("speaker", s.id) for s in problem.speakers),
        *(("room", r.id) for r in problem.rooms),
        *(("group", g.id) for g in problem.groups),
        *(("track", track) for track in tracks(problem)),
    ]


def compare(store: Store, event_id: str, a: int, b: int) -> Changes:
    """The changes from version ``a`` to version ``b`` of an event."""
    return diff(store.version(event_id, a).schedule, store.version(event_id, b).schedule)
