"""Strict check of iCalendar files with libical, run by Debian's own /usr/bin/python3.

Usage: ``/usr/bin/python3 tests/exports/libical_check.py FILE.ics [...]``; prints one
JSON object per file (a JSON list) and exits 0. Needs Debian's ``python3-gi`` and
``gir1.2-ical-3.0`` (the virtualenv cannot load them, so tests run this by subprocess).

For each file it reports:
- ``errors``: every X-LIC-ERROR property libical adds while parsing and during
  ``restriction_check``, plus the RFC 5545 cardinality rules of VCALENDAR and
  VEVENT that libical's check leaves out when no METHOD is given, plus every TZID
  that does not resolve to a VTIMEZONE of the same file;
- ``restriction_ok``: what ``restriction_check`` returned;
- ``events``: per VEVENT its UID, STATUS, SUMMARY, SEQUENCE, and DTSTART/DTEND
  converted to UTC by libical through the file's own VTIMEZONE, so a test can
  compare them with the instants it expects.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

ONCE = {
    "VCALENDAR": ("PRODID", "VERSION"),
    "VEVENT": ("UID", "DTSTAMP", "DTSTART"),
}
AT_MOST_ONCE = {
    "VCALENDAR": ("CALSCALE", "METHOD", "NAME", "REFRESH-INTERVAL", "SOURCE", "URL"),
    "VEVENT": (
        "CLASS", "CREATED", "DESCRIPTION", "DTEND", "DURATION", "GEO", "LAST-MODIFIED", "LOCATION",
        "ORGANIZER", "PRIORITY", "SEQUENCE", "STATUS", "SUMMARY", "TRANSP", "URL", "RECURRENCE-ID",
    ),
}  # fmt: skip


def property_names(component: ICalGLib.Component) -> list[str]:
    names = []
    prop = component.get_first_property(ICalGLib.PropertyKind.ANY_PROPERTY)
    while prop is not None:
        names.append(prop.get_property_name())
        prop = component.get_next_property(ICalGLib.PropertyKind.ANY_PROPERTY)
    return names


def components(component: ICalGLib.Component, kind: ICalGLib.ComponentKind) -> list[ICalGLib.Component]:
    found = []
    inner = component.get_first_component(kind)
    while inner is not None:
        found.append(inner)
        inner = component.get_next_component(kind)
    return found


def lic_errors(component: ICalGLib.Component, where: str) -> list[str]:
    """Every X-LIC-ERROR in the component and the components inside it."""
    errors = []
    prop = component.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        errors.append(f"{where}: {prop.get_value_as_string()}")
        prop = component.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    for index, inner in enumerate(components(component, ICalGLib.ComponentKind.ANY_COMPONENT)):
        errors += lic_errors(inner, f"{where}/{ICalGLib.Component.kind_to_string(inner.isa())}[{index}]")
    return errors


def cardinality(component: ICalGLib.Component, kind: str, where: str) -> list[str]:
    names = property_names(component)
    errors = [f"{where}: {name} must appear once" for name in ONCE[kind] if names.count(name) != 1]
    errors += [f"{where}: {name} more than once" for name in AT_MOST_ONCE[kind] if names.count(name) > 1]
    if "DTEND" in names and "DURATION" in names:
        errors.append(f"{where}: DTEND and DURATION together")
    return errors


def utc(when: ICalGLib.Time) -> str | None:
    """The instant as ISO text in UTC, or None when its TZID resolves to no VTIMEZONE."""
    zone = when.get_timezone()
    if zone is None and not when.is_utc():
        return None
    seconds = when.as_timet_with_zone(zone if zone is not None else ICalGLib.Timezone.get_utc_timezone())
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat()


def describe_event(event: ICalGLib.Component, where: str) -> tuple[dict[str, object], list[str]]:
    start, end = utc(event.get_dtstart()), utc(event.get_dtend())
    errors = [f"{where}: DTSTART/DTEND TZID resolves to no VTIMEZONE" for t in (start, end) if t is None]
    sequence = event.get_first_property(ICalGLib.PropertyKind.SEQUENCE_PROPERTY)
    status = event.get_first_property(ICalGLib.PropertyKind.STATUS_PROPERTY)
    facts = {
        "uid": event.get_uid(),
        "summary": event.get_summary(),
        "status": status.get_value_as_string() if status is not None else None,
        "sequence": sequence.get_sequence() if sequence is not None else None,
        "start": start,
        "end": end,
    }
    return facts, errors


def check(path: str) -> dict[str, object]:
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    root = ICalGLib.Component.new_from_string(text)
    if root is None or root.isa() != ICalGLib.ComponentKind.VCALENDAR_COMPONENT:
        return {"path": path, "restriction_ok": False, "errors": ["not a VCALENDAR"], "events": []}
    restriction_ok = bool(ICalGLib.restriction_check(root))
    errors = lic_errors(root, "VCALENDAR") + cardinality(root, "VCALENDAR", "VCALENDAR")
    events = []
    for index, event in enumerate(components(root, ICalGLib.ComponentKind.VEVENT_COMPONENT)):
        where = f"VEVENT[{index}]"
        facts, problems = describe_event(event, where)
        events.append(facts)
        errors += problems + cardinality(event, "VEVENT", where)
    return {"path": path, "restriction_ok": restriction_ok, "errors": errors, "events": events}


def main(paths: list[str]) -> int:
    json.dump([check(path) for path in paths], sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
