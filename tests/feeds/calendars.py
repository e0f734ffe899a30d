"""Reading feeds back in tests: the VEVENTs of a calendar by UID."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar


@dataclass(frozen=True)
class Entry:
    uid: str
    sequence: int
    start: dt.datetime
    end: dt.datetime
    location: str
    description: str
    status: str


def entries(body: bytes) -> dict[str, Entry]:
    """Every VEVENT of an iCalendar text, by UID."""
    calendar = icalendar.Calendar.from_ical(body)
    found = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        found[uid] = Entry(
            uid,
            int(event.get("SEQUENCE", 0)),
            event.decoded("DTSTART"),
            event.decoded("DTEND"),
            str(event.get("LOCATION", "")),
            str(event.get("DESCRIPTION", "")),
            str(event.get("STATUS", "")),
        )
    return found
