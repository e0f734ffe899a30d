"""Conference-app schedules: frab ``schedule.json`` and ``schedule.xml``, the
format that Giggity, EventFahrplan and other c3voc clients read.

Both are rendered from one plain structure (``schedule_data``) and validate
against the c3voc schemas (``schedule.schema.json``, ``schedule.xml.xsd``).
Each occurrence is one frab event: its ``guid`` is the occurrence's stable
UUID (the iCalendar UID too) and its numeric ``id`` comes from that UUID, so
both stay the same across versions, whatever is added or removed around it. Days carry
their start and end with the UTC offset, the conference its IANA zone name.
Pure functions of (event, schedule): no clock, no files.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from planner.exports.frab_data import schedule_data
from planner.exports.layout import Layout

__all__ = ["frab_json", "frab_xml", "schedule_data"]

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
#: Conference fields written as XML elements, in this order (the XSD allows any order).
_CONFERENCE_FIELDS = ("title", "acronym", "start", "end", "daysCount", "timeslot_duration", "time_zone_name")
#: Event fields written as XML elements, in this order.
_EVENT_FIELDS = (
    "room", "title", "subtitle", "type", "date", "start", "duration", "abstract", "slug", "track",
    "language", "description",
)  # fmt: skip


def frab_json(layout: Layout, *, base_url: str | None = None) -> bytes:
    """``schedule.json`` as UTF-8 bytes (two-space indents, keys in a fixed order)."""
    data = {
        "$schema": SCHEMA_URL,
        "generator": {"name": "huiwu"},
        "schedule": schedule_data(layout, base_url),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def frab_xml(layout: Layout, *, base_url: str | None = None) -> bytes:
    """``schedule.xml`` as UTF-8 bytes, from the same data as the JSON."""
    data = schedule_data(layout, base_url)
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name="huiwu")
    _text(root, "version", data["version"])
    _conference(root, data["conference"], base_url)
    guids = {room["name"]: room["guid"] for room in data["conference"]["rooms"]}
    for day in data["conference"]["days"]:
        _day(root, day, guids)
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _conference(root: ET.Element, conference: dict[str, Any], base_url: str | None) -> None:
    element = ET.SubElement(root, "conference")
    for name in _CONFERENCE_FIELDS:
        _text(element, "days" if name == "daysCount" else name, conference[name])
    if base_url and base_url.startswith(("http://", "https://")):
        _text(element, "base_url", base_url)
    for track in conference["tracks"]:
        ET.SubElement(element, "track", name=track["name"], color=track["color"])


def _day(root: ET.Element, day: dict[str, Any], guids: dict[str, str]) -> None:
    attributes = {
        "index": str(day["index"]),
        "date": day["date"],
        "start": day["day_start"],
        "end": day["day_end"],
    }
    element = ET.SubElement(root, "day", attributes)
    for room_name, events in day["rooms"].items():
        room = ET.SubElement(element, "room", name=room_name, guid=guids[room_name])
        for event in events:
            _event(room, event)


def _event(room: ET.Element, event: dict[str, Any]) -> None:
    element = ET.SubElement(room, "event", id=str(event["id"]), guid=event["guid"])
    for name in _EVENT_FIELDS:
        _text(element, name, event[name])
    persons = ET.SubElement(element, "persons")
    for person in event["persons"]:
        _text(persons, "person", person["name"]).set("guid", person["guid"])
    if event["url"].startswith(("http://", "https://")):
        _text(element, "url", event["url"])


def _text(parent: ET.Element, tag: str, value: object) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = "" if value is None else str(value)
    return element
