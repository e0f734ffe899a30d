"""What changed between two schedules, and the revision (SEQUENCE) of every occurrence.

``diff(old, new)`` is a pure function: occurrences that are new, moved in
time, moved to another room, given other speakers, or cancelled, each with the
old and the new assignment. ``next_revisions`` turns a diff into the
SEQUENCE / LAST-MODIFIED that calendar feeds carry: the SEQUENCE of an
occurrence rises only when that occurrence changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planner.domain.schedule import Assignment, Schedule, align, pair_occurrences

Key = tuple[str, int]


@dataclass(frozen=True)
class Revision:
    """How often an occurrence changed since it was first published, and when it last did."""

    sequence: int
    modified: dt.datetime


@dataclass(frozen=True)
class Change:
    """One occurrence that changed: ``old`` is None when new, ``new`` is None when cancelled."""

    old: Assignment | None
    new: Assignment | None

    @property
    def key(self) -> Key:
        """The occurrence's identity: (session, the number it was published under)."""
        either = self.new or self.old
        assert either is not None
        return either.identity

    @property
    def moved_time(self) -> bool:
        return (
            self.old is not None
            and self.new is not None
            and (self.old.start, self.old.end)
            != (
                self.new.start,
                self.new.end,
            )
        )

    @property
    def moved_room(self) -> bool:
        return self.old is not None and self.new is not None and self.old.room != self.new.room

    @property
    def reassigned(self) -> bool:
        return self.old is not None and self.new is not None and self.old.speakers != self.new.speakers

    def kinds(self) -> tuple[str, ...]:
        """``new``, ``cancelled``, or some of ``moved``, ``room``, ``speakers``."""
        if self.old is None:
            return ("new",)
        if self.new is None:
            return ("cancelled",)
        flags = (("moved", self.moved_time), ("room", self.moved_room), ("speakers", self.reassigned))
        return tuple(name for name, flag in flags if flag)

    def describe(self) -> str:
        """One line: ``moved lecture-1#2 Title: 2026-05-20 08:30 r1 -> 2026-05-21 14:00 r1``."""
        either = self.new or self.old
        assert either is not None
        session, occurrence = either.key
        title = either.title
        label = "/".join(self.kinds())
        return f"{label} {session}#{occurrence} {title}: {_where(self.old)} -> {_where(self.new)}"


def _where(assignment: Assignment | None) -> str:
    if assignment is None:
        return "-"
    start = assignment.start.strftime("%Y-%m-%d %H:%M")
    who = f" ({', '.join(assignment.speakers)})" if assignment.speakers else ""
    return f"{start}-{assignment.end:%H:%M} {assignment.room}{who}"


@dataclass(frozen=True)
class Changes:
    """Every changed occurrence between two schedules, in session / occurrence order."""

    items: tuple[Change, ...] = ()

    @property
    def new(self) -> list[Change]:
        return [c for c in self.items if c.old is None]

    @property
    def moved_time(self) -> list[Change]:
        return [c for c in self.items if c.moved_time]

    @property
    def moved_room(self) -> list[Change]:
        return [c for c in self.items if c.moved_room]

    @property
    def reassigned(self) -> list[Change]:
        return [c for c in self.items if c.reassigned]

    @property
    def cancelled(self) -> list[Change]:
        return [c for c in self.items if c.new is None]

    def keys(self) -> set[Key]:
        return {c.key for c in self.items}

    def summary(self) -> str:
        """``2 new, 3 moved in time, 1 moved room, 0 new speakers, 1 cancelled``."""
        return (
            f"{len(self.new)} new, {len(self.moved_time)} moved in time, {len(self.moved_room)} moved room, "
            f"{len(self.reassigned)} new speakers, {len(self.cancelled)} cancelled"
        )

    def to_data(self) -> list[dict[str, Any]]:
        return [
            {
                "old": c.old.model_dump(mode="json") if c.old else None,
                "new": c.new.model_dump(mode="json") if c.new else None,
            }
            for c in self.items
        ]

    @classmethod
    def from_data(cls, data: Iterable[Mapping[str, Any]]) -> Changes:
        def load(item: Any) -> Assignment | None:
            return Assignment.model_validate(item) if item is not None else None

        return cls(tuple(Change(load(d["old"]), load(d["new"])) for d in data))


def is_same(old: Assignment, new: Assignment) -> bool:
    """Unchanged for a subscriber: same time, room and speakers."""
    return (old.start, old.end, old.room, old.speakers) == (new.start, new.end, new.room, new.speakers)


def diff(old: Schedule | None, new: Schedule) -> Changes:
    """The occurrences that are new, moved, reassigned or cancelled from ``old`` to ``new``.

    Occurrences are followed by their published number (``align``): a lecture
    that moves past another of its course is one change, not two.
    """
    return changes_of(old, align(old, new))


def changes_of(old: Schedule | None, aligned: Schedule) -> Changes:
    """``diff`` of a schedule already aligned with ``old`` (as a version stores it)."""
    if old is None:
        changed = [Change(None, b) for b in aligned.assignments]
    else:
        pairs = pair_occurrences(old.assignments, aligned.assignments)
        changed = [Change(a, b) for a, b in pairs if a is None or b is None or not is_same(a, b)]
    return Changes(tuple(sorted(changed, key=lambda change: change.key)))


def next_revisions(
    previous: Mapping[Key, Revision], changes: Changes, now: dt.datetime, reworded: Iterable[Key] = ()
) -> dict[Key, Revision]:
    """SEQUENCE 0 for a first publication, +1 for each occurrence that changed, kept otherwise.

    An occurrence ``reworded`` (its time, room and speakers the same, but what its calendar entry
    says changed: a title, an abstract, a room's name) keeps its SEQUENCE, which RFC 5546 raises for
    changes of time and status, and takes ``now`` as its LAST-MODIFIED: calendar stores and caches
    that keep an entry while its LAST-MODIFIED stays would otherwise show the old words.
    """
    revisions = dict(previous)
    for key in sorted(set(reworded) - changes.keys()):
        if key in previous:
            revisions[key] = Revision(previous[key].sequence, now)
    for key in sorted(changes.keys()):
        before = previous.get(key)
        revisions[key] = Revision(before.sequence + 1 if before else 0, now)
    return revisions


def next_cancelled(
    previous: Mapping[Key, Assignment], changes: Changes, new: Schedule
) -> dict[Key, Assignment]:
    """The last assignment of every occurrence no longer in the plan (shown as cancelled)."""
    present = {a.identity for a in new.assignments}
    cancelled = {key: a for key, a in previous.items() if key not in present}
    for change in changes.cancelled:
        assert change.old is not None
        cancelled[change.key] = change.old
    return dict(sorted(cancelled.items()))


def revisions_to_data(revisions: Mapping[Key, Revision]) -> list[dict[str, Any]]:
    return [
        {"session": s, "occurrence": o, "sequence": r.sequence, "modified": r.modified.isoformat()}
        for (s, o), r in sorted(revisions.items())
    ]


def revisions_from_data(data: Iterable[Mapping[str, Any]]) -> dict[Key, Revision]:
    return {
        (d["session"], int(d["occurrence"])): Revision(
            int(d["sequence"]), dt.datetime.fromisoformat(d["modified"])
        )
        for d in data
    }
