"""Every output of ``huiwu export`` as ``{relative path: bytes}``; writes nothing.

``pdf/...`` (printed agendas), ``ics/event.ics`` and ``ics/{speakers,rooms,
groups}/<id>.ics`` (calendars), ``schedule.xlsx``, ``frab/schedule.xml`` and
``frab/schedule.json``. A pure function of (event, schedule, previous version,
generated_at, page size): the layout (day -> room -> sessions) is computed once
and shared by every format.

With a previous version, occurrences that moved get SEQUENCE 1 and occurrences
that are gone are written as cancelled, so a calendar that replaces an older
download shows the change. The full per-occurrence history (SEQUENCE numbers
over many versions) is the calendar feeds' job, from storage.
"""

from __future__ import annotations

import datetime as dt

from planner.domain.errors import ExportError
from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.exports.frab import frab_json, frab_xml
from planner.exports.ics import Calendars, Revision, Revisions, Scope, all_scopes
from planner.exports.ids import file_name
from planner.exports.layout import Layout, build_layout
from planner.exports.pdf import pdf_documents
from planner.exports.xlsx import workbook

PAGE_SIZES = ("A4", "letter")
#: Changes that make a calendar client update an occurrence it already shows.
RESCHEDULING = frozenset({"time", "room", "speakers", "groups", "title"})
_FOLDERS = {"speaker": "speakers", "room": "rooms", "group": "groups", "track": "tracks"}


def outputs(
    problem: Problem,
    schedule: Schedule,
    *,
    generated_at: dt.datetime,
    previous: Schedule | None = None,
    previous_version: int | None = None,
    page_size: str = "A4",
) -> dict[str, bytes]:
    """Every output file, keyed by its path under the output folder, in path order."""
    if page_size not in PAGE_SIZES:
        raise ExportError(f"page_size: '{page_size}' is not one of {', '.join(PAGE_SIZES)}")
    layout = build_layout(problem, schedule, previous, previous_version)
    documents = pdf_documents(
        problem, schedule, generated_at=generated_at, previous=previous,
        previous_version=previous_version, page_size=page_size,
    )  # fmt: skip
    files = {f"pdf/{path}": content for path, content in documents.items()}
    files |= calendar_files(layout, generated_at=generated_at, compared=previous is not None)
    files["schedule.xlsx"] = workbook(layout, generated_at=generated_at, page_size=page_size)
    files["frab/schedule.xml"] = frab_xml(layout)
    files["frab/schedule.json"] = frab_json(layout)
    return dict(sorted(files.items()))


def calendar_files(layout: Layout, *, generated_at: dt.datetime, compared: bool = False) -> dict[str, bytes]:
    """``ics/event.ics`` and one calendar per speaker, room, group and track.

    ``compared``: the layout was built against a previous version, so changed
    occurrences get SEQUENCE 1 and removed ones are written as cancelled.
    """
    revisions = changed_revisions(layout, generated_at) if compared else None
    calendars = Calendars(layout, generated_at=generated_at, revisions=revisions, cancelled=layout.removed)
    return {calendar_path(scope): calendars.render(scope) for scope in all_scopes(layout.problem)}


def calendar_path(scope: Scope) -> str:
    """``ics/event.ics``, ``ics/speakers/<id>.ics``, ``ics/rooms/<id>.ics``, ``ics/groups/<id>.ics``,
    ``ics/tracks/<track>.ics`` (the track's name, percent-encoded where it is not a plain word)."""
    kind, thing = scope
    if kind == "event" or thing is None:
        return "ics/event.ics"
    return f"ics/{_FOLDERS[kind]}/{file_name(thing)}.ics"


def changed_revisions(layout: Layout, generated_at: dt.datetime) -> Revisions:
    """SEQUENCE 1 and LAST-MODIFIED ``generated_at`` for every occurrence changed or removed."""
    bumped = Revision(1, generated_at)
    revisions = {e.identity: bumped for e in layout.entries if RESCHEDULING & set(e.changes)}
    revisions |= {a.identity: bumped for a in layout.removed}
    return revisions
