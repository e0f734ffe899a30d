"""The app's pages in navigation order, one list for the app, its tests and the browser benchmark."""

from __future__ import annotations

#: (page name, icon) of the section that describes the event.
PLAN: tuple[tuple[str, str], ...] = (
    ("event", ":material/event_note:"),
    ("rooms", ":material/meeting_room:"),
    ("speakers", ":material/record_voice_over:"),
    ("groups", ":material/groups:"),
    ("sessions", ":material/menu_book:"),
    ("rules", ":material/tune:"),
)
#: (page name, icon) of the section that solves, publishes and hands out the plan.
RUN: tuple[tuple[str, str], ...] = (
    ("solve", ":material/calculate:"),
    ("schedule", ":material/calendar_month:"),
    ("publish", ":material/campaign:"),
    ("outputs", ":material/download:"),
)
#: Every page name, in order; the first is the default page.
PAGES: tuple[str, ...] = tuple(name for name, _ in PLAN + RUN)
