"""The frab/c3voc schedule of a layout as plain data (the ``schedule`` object of
``schedule.json``), shared by the JSON and XML renderers.

Identifiers the schemas constrain are derived so that they always fit: the
``acronym`` from the event id (lower-case letters, digits and ``_``, at least
four), each event's ``slug`` from the acronym, its numeric id and the session
id, and ``url`` from ``base_url`` (or a ``urn:uuid:`` when none is given).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from planner.domain.model import Problem, Session
from planner.exports.ids import occurrence_uuid, thing_uuid
from planner.exports.labels import Labels, for_event
from planner.exports.layout import Entry, Layout

ID_LIMIT = 2**31 - 1
"""Largest frab id: apps read the id into a signed 32-bit integer."""

#: Track colours (frab ``#rrggbb``), given to tracks in order of first appearance.
PALETTE = ("#2f6f9f", "#c0504d", "#4f8f3a", "#8064a2", "#d08a1e", "#2c9c9c", "#a0522d", "#5b6b7b")


def schedule_data(layout: Layout, base_url: str | None = None) -> dict[str, Any]:
    """``{"version", "base_url"?, "conference"}`` for the c3voc JSON schema."""
    version = layout.schedule.version
    data: dict[str, Any] = {"version": "draft" if version is None else str(version)}
    if base_url:
        data["base_url"] = base_url
    data["conference"] = _conference(layout, base_url)
    return data


def acronym(event_id: str) -> str:
    """``office-training-2026`` -> ``office_training_2026``; never shorter than four characters."""
    text = re.sub(r"[^a-z0-9_]", "_", event_id.lower())
    if not re.search(r"[a-z0-9]", text):
        text = "event_" + occurrence_uuid(event_id, "", 0).hex[:8]
    return text.ljust(4, "_")


def room_names(problem: Problem) -> dict[str, str]:
    """Room id -> name shown in apps; a name two rooms share gets the id added."""
    names = [r.name for r in problem.rooms]
    return {r.id: r.name if names.count(r.name) == 1 else f"{r.name} ({r.id})" for r in problem.rooms}


def talk_ids(problem: Problem, layout: Layout) -> dict[tuple[str, int], int]:
    """Numeric frab ids, from each occurrence's UUID (its top 31 bits, at least 1): an occurrence
    keeps its id in every version, whatever sessions or lectures are added or removed around it.
    Two occurrences whose bits clash (about once in a thousand events of 2,000 occurrences) are told
    apart by giving the later one, in (session, number) order, the next free id."""
    taken: set[int] = set()
    ids = {}
    for session_id, occurrence in sorted({entry.identity for entry in layout.entries}):
        number = occurrence_uuid(problem.event.id, session_id, occurrence).int >> 97 or 1
        while number in taken:
            number = number % ID_LIMIT + 1
        taken.add(number)
        ids[(session_id, occurrence)] = number
    return ids


def timeslot(problem: Problem) -> int:
    """The grid step in minutes: the largest that divides every period's start and end."""
    minutes = [t.hour * 60 + t.minute for p in problem.event.periods for t in (p.start, p.end)]
    return max(5, min(60, math.gcd(*minutes) or 60))


def _conference(layout: Layout, base_url: str | None) -> dict[str, Any]:
    problem, event = layout.problem, layout.problem.event
    words = for_event(problem)
    tracks = _tracks(layout, words)
    days = layout.days
    conference: dict[str, Any] = {
        "acronym": acronym(event.id),
        "title": event.title,
        "start": (days[0] if days else event.start).isoformat(),
        "end": (days[-1] if days else event.end).isoformat(),
        "daysCount": len(days),
        "timeslot_duration": _hours(timeslot(problem)),
        "time_zone_name": event.timezone,
        "rooms": [{"name": room_names(problem)[r.id], "guid": str(thing_uuid(event.id, "room", r.id))}
                  for r in problem.rooms],
        "tracks": [{"name": name, "color": color} for name, color in tracks.items()],
        "days": _days(layout, words, base_url),
    }  # fmt: skip
    if base_url:
        conference["url"] = base_url
    return conference


def _tracks(layout: Layout, words: Labels) -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in layout.entries:
        name = track_name(words, entry.session)
        names.setdefault(name, PALETTE[len(names) % len(PALETTE)])
    return names


def track_name(words: Labels, session: Session) -> str:
    """The course or track; the kind of session when it belongs to none."""
    return session.course or words.kind_name(session.kind)


@dataclass(frozen=True)
class _Context:
    """What every frab event needs, computed once per schedule."""

    layout: Layout
    words: Labels
    rooms: dict[str, str]
    ids: dict[tuple[str, int], int]
    base_url: str | None


def _days(layout: Layout, words: Labels, base_url: str | None) -> list[dict[str, Any]]:
    problem = layout.problem
    context = _Context(layout, words, room_names(problem), talk_ids(problem, layout), base_url)
    per_day = layout.by_day_room()
    days = []
    for index, day in enumerate(layout.days, start=1):
        rooms = per_day.get(day, {})
        start, end = _day_bounds(layout, day, [e for entries in rooms.values() for e in entries])
        events = {
            context.rooms[room]: [_event(context, e) for e in entries] for room, entries in rooms.items()
        }
        days.append(
            {"index": index, "date": day.isoformat(), "day_start": start, "day_end": end, "rooms": events}
        )
    return days


def _day_bounds(layout: Layout, day: dt.date, entries: list[Entry]) -> tuple[str, str]:
    """The day's first period start and last period end (or its sessions', if wider)."""
    event = layout.problem.event
    starts = [dt.datetime.combine(day, event.periods[0].start, event.zone), *(e.start for e in entries)]
    ends = [dt.datetime.combine(day, event.periods[-1].end, event.zone), *(e.end for e in entries)]
    return min(starts).isoformat(), max(ends).isoformat()


def _event(context: _Context, entry: Entry) -> dict[str, Any]:
    event, words = context.layout.problem.event, context.words
    session, (session_id, occurrence) = entry.session, entry.identity
    talk_id = context.ids[entry.identity]
    guid = str(occurrence_uuid(event.id, session_id, occurrence))
    colon, comma = ("：", "、") if words.language == "zh" else (": ", ", ")
    groups = comma.join(g.name for g in entry.groups)
    return {
        "guid": guid,
        "id": talk_id,
        "date": entry.start.isoformat(),
        "start": entry.start.strftime("%H:%M"),
        "end": entry.end.isoformat(),
        "duration": _hours(int((entry.end - entry.start).total_seconds() // 60)),
        "room": context.rooms[entry.room.id],
        "slug": _slug(event.id, talk_id, session_id),
        "url": _url(context.base_url, session_id, occurrence, guid),
        "title": entry.title,
        "subtitle": f"{entry.key[1]}/{session.occurrences}" if session.occurrences > 1 else "",
        "track": track_name(words, session),
        "type": str(session.kind),
        "language": event.language,
        "abstract": session.abstract or "",
        "description": f"{words.groups}{colon}{groups}" if groups else "",
        "persons": [
            {"guid": str(thing_uuid(event.id, "speaker", s.id)), "name": s.name, "public_name": s.name}
            for s in entry.speakers
        ],
        "links": [],
    }


def _slug(event_id: str, talk_id: int, session_id: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", session_id.lower()).strip("-")
    return f"{acronym(event_id)}-{talk_id:04d}" + (f"-{words}" if words else "")


def _url(base_url: str | None, session_id: str, occurrence: int, guid: str) -> str:
    if not base_url:
        return f"urn:uuid:{guid}"
    return f"{base_url.rstrip('/')}/sessions/{urllib.parse.quote(session_id, safe='')}/{occurrence}"


def _hours(minutes: int) -> str:
    """``90`` -> ``01:30``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
