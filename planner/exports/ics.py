"""iCalendar (RFC 5545) calendars of a schedule: the whole event, each speaker,
each room, each group, each conference track; one VEVENT per occurrence.

Pure functions of (event, schedule, generated_at, revisions, cancelled): the
same inputs give the same bytes. Times carry the event's IANA TZID with its
VTIMEZONE (never floating, never converted to UTC), so a course that crosses a
change to daylight time keeps its 09:00 on both sides. UIDs come from event,
session and occurrence (``planner.exports.ids``), so an occurrence that moves
keeps its UID. The calendar feeds pass what storage knows about each
occurrence: ``revisions`` (SEQUENCE and LAST-MODIFIED) and ``cancelled``
occurrences (written with STATUS:CANCELLED). No e-mail address, ORGANIZER,
ATTENDEE or METHOD is written: these calendars are read by many people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal, get_args

from planner.domain.errors import ExportError
from planner.domain.model import Problem
from planner.domain.oracle_soft import tracks
from planner.domain.schedule import Assignment, Schedule
from planner.exports.ics_events import Occurrence, Revision, Revisions, occurrences, vevent
from planner.exports.ics_text import CRLF, content_line, escape_text, vtimezone
from planner.exports.labels import for_event
from planner.exports.layout import Layout, build_layout

ScopeKind = Literal["event", "speaker", "room", "group", "track"]
#: Whose calendar: ``("event", None)`` for everything, ``("speaker", "li-wei")`` for one speaker.
Scope = tuple[ScopeKind, str | None]
EVENT: Scope = ("event", None)
#: How often subscribers should fetch the calendar again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
REFRESH = "PT1H"
PRODID = "-//Huiwu//Huiwu planner//EN"

__all__ = ["EVENT", "Calendars", "Revision", "Revisions", "Scope", "all_scopes", "calendar", "wording"]


def calendar(
    problem: Problem,
    schedule: Schedule,
    *,
    scope: Scope = EVENT,
    generated_at: dt.datetime,
    revisions: Revisions | None = None,
    cancelled: Sequence[Assignment] = (),
    cancelled_tracks: Mapping[tuple[str, int], str] | None = None,
    base_url: str | None = None,
) -> bytes:
    """One calendar (``scope``) of a schedule as iCalendar bytes (UTF-8, CRLF).

    ``revisions`` maps (session, occurrence) to its SEQUENCE and LAST-MODIFIED
    (default 0 and ``generated_at``); ``cancelled`` are occurrences gone from
    the schedule or from this scope (given to another speaker, say), written
    with STATUS:CANCELLED unless the scope still holds them; ``cancelled_tracks`` the track each
    of them had when it left (by identity; default: its session's track now); ``base_url`` is where the
    calendar is published (SOURCE and URL). Raises ``ExportError`` for an
    unknown scope or a schedule that names things the event lacks.
    """
    layout = build_layout(problem, schedule)
    calendars = Calendars(
        layout,
        generated_at=generated_at,
        revisions=revisions,
        cancelled=cancelled,
        cancelled_tracks=cancelled_tracks,
    )
    return calendars.render(scope, base_url=base_url)


def wording(problem: Problem, schedule: Schedule) -> dict[tuple[str, int], tuple[object, ...]]:
    """What each occurrence's VEVENT says in words (SUMMARY, LOCATION, DESCRIPTION, CATEGORIES), by
    (session, occurrence): where two versions' wordings differ, an edit of the event (a title, an
    abstract, a room's or a speaker's name) changed what subscribers read."""
    items = occurrences(build_layout(problem, schedule), (), for_event(problem))
    return {
        item.key: (item.summary, item.audience, item.location, item.description, item.categories)
        for item in items
    }


def all_scopes(problem: Problem) -> list[Scope]:
    """Every calendar of an event: the whole event, then each speaker, room, group and track
    (a conference's: the sessions of one course that no group attends, ``oracle_soft.tracks``)."""
    scopes: list[Scope] = [EVENT]
    scopes += [("speaker", s.id) for s in problem.speakers]
    scopes += [("room", r.id) for r in problem.rooms]
    scopes += [("group", g.id) for g in problem.groups]
    scopes += [("track", track) for track in tracks(problem)]
    return scopes


class Calendars:
    """Every calendar of one schedule: each VEVENT is written once and shared by all scopes."""

    def __init__(
        self,
        layout: Layout,
        *,
        generated_at: dt.datetime,
        revisions: Revisions | None = None,
        cancelled: Sequence[Assignment] = (),
        cancelled_tracks: Mapping[tuple[str, int], str] | None = None,
    ) -> None:
        if generated_at.tzinfo is None or generated_at.utcoffset() is None:
            raise ExportError("generated_at: needs a time zone (an offset such as +08:00 or Z)")
        self.problem = layout.problem
        self.version = layout.schedule.version
        self.generated_at = generated_at
        self.items = occurrences(layout, cancelled, for_event(self.problem), cancelled_tracks)
        self.revisions = [_revision(revisions, item, generated_at) for item in self.items]
        self.texts = [vevent(i, generated_at, r) for i, r in zip(self.items, self.revisions, strict=True)]
        self._group_texts: list[str] | None = None
        self.timezone = vtimezone(self.problem.event.timezone, *self._date_range())

    def render(self, scope: Scope = EVENT, *, base_url: str | None = None) -> bytes:
        """The calendar of one scope as bytes."""
        name = self._scope_name(scope)
        texts = self._texts_for_groups() if scope[0] == "group" else self.texts
        pairs = [(item, text) for item, text in zip(self.items, texts, strict=True) if _in_scope(item, scope)]
        live = {item.key for item, _ in pairs if not item.cancelled}
        chosen = [text for item, text in pairs if not (item.cancelled and item.key in live)]
        parts = [self._header(name, base_url), self.timezone, *chosen, "END:VCALENDAR" + CRLF]
        return "".join(parts).encode("utf-8")

    def _texts_for_groups(self) -> list[str]:
        """The VEVENTs as a group's own calendar shows them: SUMMARY without the group's name
        (written on first need; the texts of items without an audience are shared)."""
        if self._group_texts is None:
            self._group_texts = [
                vevent(item, self.generated_at, revision, audience=False) if item.audience else text
                for item, text, revision in zip(self.items, self.texts, self.revisions, strict=True)
            ]
        return self._group_texts

    def _header(self, name: str, base_url: str | None) -> str:
        event = self.problem.event
        words = for_event(self.problem)
        about = f"{event.title} · {words.version_text(self.version)}"
        lines = [
            "BEGIN:VCALENDAR" + CRLF,
            content_line("VERSION", "2.0"),
            content_line("PRODID", PRODID),
            content_line("CALSCALE", "GREGORIAN"),
            content_line("NAME", escape_text(name)),
            content_line("X-WR-CALNAME", escape_text(name)),
            content_line("DESCRIPTION", escape_text(about)),
            content_line("X-WR-CALDESC", escape_text(about)),
            content_line("X-WR-TIMEZONE", escape_text(event.timezone)),
            content_line("REFRESH-INTERVAL", REFRESH, {"VALUE": "DURATION"}),
            content_line("X-PUBLISHED-TTL", REFRESH),
        ]
        if base_url:
            lines += [content_line("SOURCE", base_url, {"VALUE": "URI"}), content_line("URL", base_url)]
        return "".join(lines)

    def _scope_name(self, scope: Scope) -> str:
        """The calendar's name: the event's title, with whose calendar it is."""
        kind, thing = scope
        title = self.problem.event.title
        if kind not in get_args(ScopeKind):
            raise ExportError(
                f"scope: unknown kind of calendar '{kind}' (event, speaker, room, group or track)"
            )
        if kind == "event":
            return title
        names = {
            "speaker": {s.id: s.name for s in self.problem.speakers},
            "room": {r.id: r.name for r in self.problem.rooms},
            "group": {g.id: g.name for g in self.problem.groups},
            "track": {item.track: item.track for item in self.items if item.track is not None},
        }[kind]
        if thing is None or thing not in names:
            raise ExportError(f"scope: no {kind} '{thing}' in event '{self.problem.event.id}'")
        return f"{title} — {names[thing]}"

    def _date_range(self) -> tuple[dt.date, dt.date]:
        event = self.problem.event
        first = min([event.start, *(item.start.date() for item in self.items)])
        last = max([event.end, *(item.end.date() for item in self.items)])
        return first, last


def _in_scope(item: Occurrence, scope: Scope) -> bool:
    kind, thing = scope
    if kind == "event":
        return True
    if kind == "room":
        return item.room == thing
    if kind == "track":
        return item.track == thing
    ids: tuple[str, ...] = item.speakers if kind == "speaker" else item.groups
    return thing is not None and thing in ids


def _revision(revisions: Revisions | None, item: Occurrence, generated_at: dt.datetime) -> Revision:
    if revisions is not None and item.key in revisions:
        return revisions[item.key]
    return Revision(0, generated_at)
