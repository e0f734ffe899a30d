"""Reviewing and handing out a plan from the browser: pending changes, publish what was reviewed,
every output file, the subscribe links of the calendar feeds, and a class's attendance to date.

``publish_reviewed`` publishes exactly the schedule the user has looked at
(solved, then perhaps moved by hand), after the oracle confirms it keeps every
hard rule, and only when the draft in the database is still the one the user
edited: a plan saved meanwhile by someone else is never published unseen.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from planner.domain.calendar import local_time
from planner.domain.errors import ConflictError, HuiwuError, StorageError
from planner.domain.model import Problem
from planner.domain.schedule import Schedule, align
from planner.exports.attendance import completion, conditions, has_conditions, tally
from planner.exports.bundle import outputs
from planner.exports.labels import labels
from planner.exports.layout import build_layout
from planner.storage.changes import Changes, diff
from planner.storage.outbox import Notice, Outbox
from planner.storage.repository import Store, Version
from planner.storage.tokens import Tokens
from planner.usecases.publish import Published, feed_targets, publish, reworded


def pending_changes(store: Store, problem: Problem, schedule: Schedule) -> tuple[Version | None, Changes]:
    """The last published version (None: never published) and the changes the schedule would bring."""
    previous = store.latest(problem.event.id)
    return previous, diff(previous.schedule if previous else None, schedule)


def reworded_only(previous: Version | None, problem: Problem, schedule: Schedule, found: Changes) -> int:
    """How many occurrences would go out with other words only (a title, an abstract, a room's or a
    speaker's name edited) beside the ``found`` changes: no move, but the calendars' text changes."""
    if previous is None:
        return 0
    return len(reworded(previous, problem, align(previous.schedule, schedule)) - found.keys())


def publish_reviewed(
    store: Store,
    problem: Problem,
    schedule: Schedule,
    *,
    revision: int | None,
    by: str,
    now: dt.datetime,
    note: str | None = None,
    freeze_before: dt.date | None = None,
) -> Published:
    """Publish ``schedule`` as the next version; refused when it breaks a hard rule, changes what
    started before ``freeze_before`` (the freeze of the repair that made it; while the event runs,
    ``now`` by default) or the draft moved on."""
    _check_revision(store, problem, revision)
    return publish(store, problem, schedule=schedule, by=by, now=now, note=note, freeze_before=freeze_before)


def _check_revision(store: Store, problem: Problem, revision: int | None) -> None:
    try:
        draft = store.draft(problem.event.id)
    except StorageError:
        return  # a new plan: publish stores it
    if revision != draft.revision or draft.problem != problem:
        raise ConflictError(
            f"event '{problem.event.id}': the draft is at revision {draft.revision} "
            f"(saved by {draft.saved_by} at {local_time(draft.problem.event, draft.saved_at)}), "
            f"not the revision {revision} you reviewed. "
            "Nothing was published: reload the plan, check the schedule and publish again."
        )


def notices(store: Store, event_id: str, version: int | None = None) -> list[Notice]:
    """The change notices of an event (of one version when given), oldest first."""
    found = Outbox(store).notices(event_id)
    return [n for n in found if version is None or n.version == version]


def output_files(
    problem: Problem, schedule: Schedule, *, generated_at: dt.datetime, previous: Version | None = None
) -> dict[str, bytes]:
    """Every PDF, calendar, spreadsheet and frab file, by path (as ``huiwu export`` writes them)."""
    return outputs(
        problem,
        schedule,
        generated_at=generated_at,
        previous=previous.schedule if previous else None,
        previous_version=previous.number if previous else None,
    )


def zip_files(files: dict[str, bytes], folder: str) -> bytes:
    """All files in one ZIP archive under ``folder/`` (fixed timestamps: the same files, the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in sorted(files.items()):
            archive.writestr(zipfile.ZipInfo(f"{folder}/{path}", date_time=(2000, 1, 1, 0, 0, 0)), content)
    return buffer.getvalue()


@dataclass(frozen=True)
class FeedLink:
    """One calendar a person can subscribe to: whose, and the secret token of its address."""

    kind: str
    target: str
    name: str
    token: str


def feed_links(store: Store, problem: Problem, now: dt.datetime) -> list[FeedLink]:
    """The feed of the whole event and of each speaker, room, group and track (tokens issued when
    missing; a track's name is its id)."""
    names = {("event", problem.event.id): problem.event.title}
    names |= {("speaker", s.id): s.name for s in problem.speakers}
    names |= {("room", r.id): r.name for r in problem.rooms}
    names |= {("group", g.id): g.name for g in problem.groups}
    feeds = Tokens(store).ensure(problem.event.id, feed_targets(problem), now)
    return [FeedLink(f.kind, f.target, names.get((f.kind, f.target), f.target), f.token) for f in feeds]


def attendance_rows(
    problem: Problem, schedule: Schedule, group_id: str, until: dt.datetime, language: str = "en"
) -> list[dict[str, Any]]:
    """One group's attendance to ``until`` as the app's table shows it: per member the occurrences
    due, on leave, absent, late and attended, and the rate as a percentage ("" before any has
    ended); with the event's completion conditions, the member's standing in ``language``; empty
    when the schedule no longer fits the event."""
    try:
        found = tally(build_layout(problem, schedule), until)
    except HuiwuError:  # a schedule of sessions since removed: solve again first
        return []
    words = labels(language)
    rows = []
    for t in found:
        if t.group.id != group_id:
            continue
        row: dict[str, Any] = {
            "name": t.member.name,
            "due": t.due,
            "leave": t.leave,
            "absent": t.absent,
            "late": t.late,
            "attended": t.attended,
            "rate": f"{t.rate:.1%}" if t.rate is not None else "",
        }
        if has_conditions(problem.event):
            row["completion"] = completion(t, problem.event, words)
        rows.append(row)
    return rows


def completion_terms(
    problem: Problem, schedule: Schedule, group_id: str, language: str = "en"
) -> dict[str, Any]:
    """The event's completion conditions in ``language`` and how many of the group's occurrences
    they are counted over (all in the schedule), for the words above the app's attendance table."""
    total = sum(1 for a in schedule.assignments if group_id in a.groups)
    return {"conditions": conditions(problem.event, labels(language)), "total": total}
