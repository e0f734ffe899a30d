"""Printed agendas (PDF): programme booklet, group timetables, run sheets, door signs, sign-in sheets.

Every document is a pure function of ``(problem, schedule, *, generated_at,
previous, previous_version, page_size, font)`` returning PDF bytes, the same
bytes for the same inputs. ``pdf_documents`` builds them all for the export
command, keyed by their path under ``DIR/pdf/``. Font choice and its fallback
warning: ``planner.exports.pdf.fonts``.
"""

from __future__ import annotations

import datetime as dt
from typing import Unpack

from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.exports.pdf.booklet import booklet, booklet_pdf
from planner.exports.pdf.document import ContextOptions, make_context
from planner.exports.pdf.fonts import FontWarning, find_font
from planner.exports.pdf.group import group_timetable, group_timetable_pdf
from planner.exports.pdf.room import room_door_signs, room_door_signs_pdf
from planner.exports.pdf.signin import sign_in_sheets, sign_in_sheets_pdf
from planner.exports.pdf.speaker import speaker_run_sheet, speaker_run_sheet_pdf

__all__ = [
    "FontWarning",
    "booklet",
    "find_font",
    "group_timetable",
    "pdf_documents",
    "room_door_signs",
    "sign_in_sheets",
    "speaker_run_sheet",
]


def pdf_documents(
    problem: Problem,
    schedule: Schedule,
    *,
    generated_at: dt.datetime,
    **options: Unpack[ContextOptions],
) -> dict[str, bytes]:
    """Every printed document, keyed by relative path.

    ``booklet.pdf``, ``groups/<group>.pdf``, ``speakers/<speaker>.pdf`` (speakers
    with sessions), ``rooms/<room>.pdf`` (rooms in use) and ``sign-in/<session>.pdf``
    (sessions attended by groups, one sheet per occurrence; a conference's open
    talks get none). The caller writes them under ``DIR/pdf/``.
    """
    context = make_context(problem, schedule, generated_at=generated_at, **options)
    documents = {"booklet.pdf": booklet_pdf(context)}
    for group in problem.groups:
        documents[f"groups/{group.id}.pdf"] = group_timetable_pdf(context, group.id)
    for speaker in problem.speakers:
        if context.layout_of("speakers", speaker.id).entries:
            documents[f"speakers/{speaker.id}.pdf"] = speaker_run_sheet_pdf(context, speaker.id)
    for room in problem.rooms:
        if context.layout_of("rooms", room.id).entries:
            documents[f"rooms/{room.id}.pdf"] = room_door_signs_pdf(context, room.id)
    for session in problem.sessions:
        if session.groups and context.layout_of("sessions", session.id).entries:
            documents[f"sign-in/{session.id}.pdf"] = sign_in_sheets_pdf(context, session.id)
    return documents
