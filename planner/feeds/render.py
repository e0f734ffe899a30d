"""The bytes of one calendar feed at one published version, and their cache.

A feed shows the latest published version of its scope (never the draft).
Occurrences that left the scope (removed from the plan, or given to another
speaker, room or group) stay in it as STATUS:CANCELLED with a raised SEQUENCE.
Rendered bytes are cached per (feed token, version): the ETag is a hash of exactly
those bytes, so every worker and every restart answers with the same ETag.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.utils import format_datetime

from planner.domain.model import Problem
from planner.domain.oracle_soft import track_of
from planner.domain.schedule import Assignment, Schedule
from planner.exports.ics import Scope, calendar
from planner.exports.ics_events import Revision as IcsRevision
from planner.storage.changes import Key
from planner.storage.repository import Store, Version, schedules

FeedKey = tuple[str, str, str, int]  # token, kind, target, version


@dataclass(frozen=True)
class Rendered:
    """A feed's bytes at one version with the validators HTTP needs.

    ``gzipped`` is the same calendar compressed once, so a poll that accepts gzip costs no
    compression; ``etag`` names the uncompressed bytes.
    """

    body: bytes
    etag: str
    last_modified: str
    published_at: float
    gzipped: bytes


def in_scope(
    assignment: Assignment, kind: str, target: str, in_track: Mapping[str, str] | None = None
) -> bool:
    """Is the assignment in the feed's scope? ``in_track``: each session's track, for a track's feed."""
    if kind == "event":
        return True
    if kind == "room":
        return assignment.room == target
    if kind == "track":
        return in_track is not None and in_track.get(assignment.session) == target
    return target in (assignment.speakers if kind == "speaker" else assignment.groups)


def left_scope(
    history: Sequence[Schedule],
    kind: str,
    target: str,
    in_track: Sequence[Mapping[str, str]] | None = None,
) -> list[Assignment]:
    """The last assignment of every occurrence that was in the scope once and is not now.

    ``in_track``: for a track's feed, each version's sessions' tracks (one mapping per schedule of
    ``history``), so a session that moved to another track has left this one.
    """
    last: dict[Key, Assignment] = {}
    current: set[Key] = set()
    for n, schedule in enumerate(history):
        tracks = in_track[n] if in_track is not None else None
        now = {a.identity: a for a in schedule.assignments if in_scope(a, kind, target, tracks)}
        last.update(now)
        current = set(now)
    return [a for key, a in sorted(last.items()) if key not in current]


def put_back(problem: Problem, older: Sequence[Version], target: str) -> Problem:
    """The event with the sessions of track ``target`` removed since put back from the ``older``
    versions (oldest first), so their occurrences show as cancelled, named. A session keeps the
    track of the latest version that has it."""
    known = {s.id for s in problem.sessions}
    for old in reversed(older):
        gone = [s for s in old.problem.sessions if s.id not in known and s.course == target and not s.groups]
        problem = problem.model_copy(update={"sessions": (*problem.sessions, *gone)})
        known |= {s.id for s in old.problem.sessions}
    return problem


def track_scopes(versions: Sequence[Version], target: str) -> tuple[Problem, list[dict[str, str]]]:
    """For the feed of track ``target`` at the last of ``versions`` (oldest first): that version's
    event with the track's removed sessions put back, and each version's tracks as the feed showed
    them then (a session in the track then, and in another track or none now, has left it)."""
    problems = [put_back(version.problem, versions[:n], target) for n, version in enumerate(versions)]
    return problems[-1], [track_of(problem) for problem in problems]


SECTIONS = {"speaker": "speakers", "room": "rooms", "group": "groups"}


def with_target(problem: Problem, kind: str, target: str, store: Store, event_id: str) -> Problem:
    """The event, with the feed's speaker, room or group put back from an older version when it
    was removed since: its subscribers then see their sessions cancelled instead of an error."""
    section = SECTIONS.get(kind)
    if section is None or any(item.id == target for item in getattr(problem, section)):
        return problem
    for old in reversed(store.versions(event_id)):
        found = [item for item in getattr(old.problem, section) if item.id == target]
        if found:
            return problem.model_copy(update={section: (*getattr(problem, section), found[0])})
    return problem


def render(store: Store, version: Version, kind: str, target: str, base_url: str | None = None) -> Rendered:
    """Render one feed of a version (the scope's cancellations come from the version history).

    Raises ``ExportError`` when the feed's speaker, room or group was never in the event.
    """
    in_track = None
    if kind == "track":
        versions = [v for v in store.versions(version.event_id) if v.number <= version.number]
        problem, in_track = track_scopes(versions, target)
        history = [v.schedule for v in versions]
    else:
        problem = with_target(version.problem, kind, target, store, version.event_id)
        history = schedules(store, version.event_id, version.number)
    cancelled = left_scope(history, kind, target, in_track)
    revisions = {key: IcsRevision(r.sequence, r.modified) for key, r in version.revisions.items()}
    scope: Scope = ("event", None) if kind == "event" else (kind, target)  # type: ignore[assignment]
    body = calendar(
        problem,
        version.schedule,
        scope=scope,
        generated_at=version.published_at,
        revisions=revisions,
        cancelled=cancelled,
        cancelled_tracks={a.identity: target for a in cancelled} if kind == "track" else None,
        base_url=base_url,
    )
    etag = '"' + hashlib.sha256(body).hexdigest()[:40] + '"'
    modified = format_datetime(version.published_at, usegmt=True)
    gzipped = gzip.compress(body, compresslevel=6, mtime=0)  # mtime 0: the same bytes on every worker
    return Rendered(body, etag, modified, version.published_at.timestamp(), gzipped)


class FeedCache:
    """Rendered feeds by (token, kind, target, version); the least recently used go first."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._items: OrderedDict[FeedKey, Rendered] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: FeedKey) -> Rendered | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: FeedKey, rendered: Rendered) -> None:
        with self._lock:
            self._items[key] = rendered
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
