"""The VEVENTs of a calendar: each occurrence joined with its session, room,
speakers and groups, worded in the event's language, then written as text.

Cancelled occurrences (no longer in the schedule) are joined leniently: the
session, room or speaker they name may be gone from the event too, and the
calendar must still say that the occurrence is cancelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.domain.errors import ExportError
from planner.domain.model import Event, Problem, Room, Session
from planner.domain.oracle_soft import track_of
from planner.domain.schedule import Assignment
from planner.exports.ics_text import CRLF, content_line, escape_text, local_text, utc_text
from planner.exports.ids import occurrence_uuid
from planner.exports.labels import Labels
from planner.exports.layout import Entry, Layout


@dataclass(frozen=True)
class Revision:
    """What storage knows about one occurrence: its SEQUENCE and when it last changed."""

    sequence: int
    modified: dt.datetime


Revisions = Mapping[tuple[str, int], Revision]


@dataclass(frozen=True)
class Occurrence:
    """One VEVENT's facts: ids to choose calendars by, and the words to show."""

    key: tuple[str, int]
    uid: str
    tzid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str
    description: str
    categories: tuple[str, ...]
    room: str
    speakers: tuple[str, ...]
    groups: tuple[str, ...]
    cancelled: bool = False
    track: str | None = None
    """The conference track (``oracle_soft.tracks``) the session belongs to, if any."""
    audience: str = ""
    """``·一班`` when only some of the event's groups attend: added to SUMMARY outside the groups'
    own calendars, so a lecturer teaching one course to three classes sees which class is next."""


def occurrences(
    layout: Layout,
    cancelled: Sequence[Assignment],
    words: Labels,
    cancelled_tracks: Mapping[tuple[str, int], str] | None = None,
) -> list[Occurrence]:
    """Live occurrences in the layout's order, then the cancelled ones by time (each in the track
    ``cancelled_tracks`` names for it, else its session's track now).

    A cancelled occurrence may still be live elsewhere (given to another
    speaker or room): each calendar then shows whichever of the two is in its
    scope, the live one when both are (see ``Calendars.render``).
    """
    problem = layout.problem
    in_track = track_of(problem)
    live = [
        _from_entry(problem.event, entry, words, len(problem.groups), in_track.get(entry.session.id))
        for entry in layout.entries
    ]
    gone = [
        _from_cancelled(problem, a, words, (cancelled_tracks or {}).get(a.identity, in_track.get(a.session)))
        for a in {a.identity: a for a in cancelled}.values()
    ]
    gone.sort(key=lambda item: (item.start, item.room, item.key))
    return live + gone


def vevent(item: Occurrence, generated_at: dt.datetime, revision: Revision, audience: bool = True) -> str:
    """The VEVENT text of one occurrence, each line folded and ended by CRLF (SUMMARY naming the
    attending groups when ``audience``)."""
    if revision.modified.utcoffset() is None:
        raise ExportError(f"revisions[{item.key[0]} #{item.key[1]}].modified: needs a time zone")
    zone = {"TZID": item.tzid}
    lines = [
        "BEGIN:VEVENT" + CRLF,
        content_line("UID", item.uid),
        content_line("DTSTAMP", utc_text(generated_at)),
        content_line("DTSTART", local_text(item.start), zone),
        content_line("DTEND", local_text(item.end), zone),
        content_line("SEQUENCE", str(revision.sequence)),
        content_line("LAST-MODIFIED", utc_text(revision.modified)),
        content_line("SUMMARY", escape_text(item.summary + (item.audience if audience else ""))),
        content_line("LOCATION", escape_text(item.location)),
    ]
    if item.description:
        lines.append(content_line("DESCRIPTION", escape_text(item.description)))
    if item.categories:
        lines.append(content_line("CATEGORIES", ",".join(escape_text(c) for c in item.categories)))
    lines += [
        content_line("STATUS", "CANCELLED" if item.cancelled else "CONFIRMED"),
        content_line("TRANSP", "OPAQUE"),
        "END:VEVENT" + CRLF,
    ]
    return "".join(lines)


def _from_entry(
    event: Event, entry: Entry, words: Labels, event_groups: int, track: str | None
) -> Occurrence:
    speakers = [_person(words, s.name, s.organisation) for s in entry.speakers]
    groups = [g.name for g in entry.groups]
    return Occurrence(
        audience=_audience(words, event_groups, groups),
        key=entry.identity,
        uid=str(occurrence_uuid(event.id, *entry.identity)),
        tzid=event.timezone,
        start=entry.start,
        end=entry.end,
        summary=_summary(words, entry.title, entry.key[1], entry.session),
        location=location(words, event, entry.room, entry.room.id),
        description=_description(words, entry.session, speakers, groups, cancelled=False),
        categories=_categories(words, entry.session),
        room=entry.room.id,
        speakers=tuple(s.id for s in entry.speakers),
        groups=tuple(g.id for g in entry.groups),
        track=track,
    )


def _from_cancelled(problem: Problem, assignment: Assignment, words: Labels, track: str | None) -> Occurrence:
    event = problem.event
    session = next((s for s in problem.sessions if s.id == assignment.session), None)
    room = next((r for r in problem.rooms if r.id == assignment.room), None)
    people = {s.id: s for s in problem.speakers}
    speakers = [
        _person(words, people[s].name, people[s].organisation) if s in people else s
        for s in assignment.speakers
    ]
    group_names = {g.id: g.name for g in problem.groups}
    groups = [group_names.get(g, g) for g in assignment.groups]
    summary = _summary(words, assignment.title, assignment.occurrence, session)
    return Occurrence(
        audience=_audience(words, len(problem.groups), groups),
        key=assignment.identity,
        uid=str(occurrence_uuid(event.id, *assignment.identity)),
        tzid=event.timezone,
        start=assignment.start.astimezone(event.zone),
        end=assignment.end.astimezone(event.zone),
        summary=_cancelled_summary(words, summary),
        location=location(words, event, room, assignment.room),
        description=_description(words, session, speakers, groups, cancelled=True),
        categories=_categories(words, session),
        room=assignment.room,
        speakers=assignment.speakers,
        groups=assignment.groups,
        cancelled=True,
        track=track,
    )


def location(words: Labels, event: Event, room: Room | None, room_id: str) -> str:
    """Where: ``Room A, East building, City College`` / ``市行政学院 东楼 301教室``."""
    parts = [room.name if room is not None else room_id]
    if room is not None and room.building:
        parts.append(room.building)
    if event.venue:
        parts.append(event.venue)
    return " ".join(reversed(parts)) if words.language == "zh" else ", ".join(parts)


def _summary(words: Labels, title: str, occurrence: int, session: Session | None) -> str:
    """The title, with ``(2/6)`` for a course of several occurrences."""
    if session is None or session.occurrences <= 1:
        return title
    count = f"{occurrence}/{session.occurrences}"
    return f"{title}（{count}）" if words.language == "zh" else f"{title} ({count})"


def _description(
    words: Labels, session: Session | None, speakers: Sequence[str], groups: Sequence[str], *, cancelled: bool
) -> str:
    """Kind, speakers and groups, one line each (``形式：专题讲座`` / ``Kind: Lecture``), then the
    session's abstract after a blank line."""
    colon, comma = ("：", "、") if words.language == "zh" else (": ", ", ")
    lines = [words.cancelled] if cancelled else []
    if session is not None:
        lines.append(f"{words.kind}{colon}{words.kind_name(session.kind)}")
    if speakers:
        lines.append(f"{words.speakers}{colon}{comma.join(speakers)}")
    if groups:
        lines.append(f"{words.groups}{colon}{comma.join(groups)}")
    if session is not None and session.abstract:
        lines += ["", session.abstract]
    return "\n".join(lines)


def _audience(words: Labels, event_groups: int, groups: Sequence[str]) -> str:
    """``·一班、二班`` / `` · Class 1, Class 2`` when some but not all of the event's groups attend."""
    if not groups or len(groups) >= event_groups:
        return ""
    return "·" + "、".join(groups) if words.language == "zh" else " · " + ", ".join(groups)


def _cancelled_summary(words: Labels, summary: str) -> str:
    """``【已取消】逻辑`` / ``Cancelled: Logic``, for clients that ignore STATUS."""
    return f"【{words.cancelled}】{summary}" if words.language == "zh" else f"{words.cancelled}: {summary}"


def _person(words: Labels, name: str, organisation: str | None) -> str:
    if not organisation:
        return name
    return f"{name}（{organisation}）" if words.language == "zh" else f"{name} ({organisation})"


def _categories(words: Labels, session: Session | None) -> tuple[str, ...]:
    """The course or track; the kind of session when it belongs to none."""
    if session is None:
        return ()
    return (session.course or words.kind_name(session.kind),)
