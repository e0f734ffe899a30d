"""iCalendar text: escaping, folding, offsets and VTIMEZONE, checked against vobject and libical."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.exports.ics_text import (
    CRLF,
    content_line,
    escape_text,
    fold,
    offset_text,
    param_value,
    vtimezone,
)
from tests.exports.readers import libical_reports, vobject_calendar

# Text a calendar may carry: any character but controls (dropped) and lone surrogates.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n,;\\:\"'"), max_size=200)


def one_event(summary_line: str) -> bytes:
    """A minimal calendar whose only VEVENT carries ``summary_line``."""
    lines = [
        "BEGIN:VCALENDAR" + CRLF,
        "VERSION:2.0" + CRLF,
        "PRODID:-//test//test//EN" + CRLF,
        "BEGIN:VEVENT" + CRLF,
        "UID:x" + CRLF,
        "DTSTAMP:20260101T000000Z" + CRLF,
        "DTSTART:20260101T090000Z" + CRLF,
        summary_line,
        "END:VEVENT" + CRLF,
        "END:VCALENDAR" + CRLF,
    ]
    return "".join(lines).encode("utf-8")


def test_escape_text_escapes_backslash_semicolon_comma_newline() -> None:
    assert escape_text("a\\b;c,d\ne\r\x07f") == "a\\\\b\\;c\\,d\\ne" + "f"


def test_param_value_is_quoted_when_it_holds_separators() -> None:
    assert (param_value("Europe/Berlin"), param_value('a:b "c"')) == ("Europe/Berlin", "\"a:b 'c'\"")


def test_fold_keeps_lines_within_75_octets_without_splitting_characters() -> None:
    line = "DESCRIPTION:" + "授课人：张立军（市委办公室秘书科）" * 6

    folded = fold(line).split(CRLF)

    assert [len(part.encode("utf-8")) <= 75 for part in folded] == [True] * len(folded)
    assert folded[0] + "".join(part[1:] for part in folded[1:]) == line


def test_fold_leaves_short_ascii_lines_alone() -> None:
    assert fold("SUMMARY:Lab") == "SUMMARY:Lab"


@settings(deadline=None, max_examples=150)
@given(TEXT)
def test_content_line_round_trips_through_vobject(text: str) -> None:
    content = one_event(content_line("SUMMARY", escape_text(text)))

    summary = vobject_calendar(content).vevent.summary.value

    assert summary == text.replace("\r", "")


def test_offset_text_writes_sign_hours_minutes_and_seconds() -> None:
    offsets = [
        dt.timedelta(hours=8),
        dt.timedelta(hours=-3, minutes=-30),
        dt.timedelta(0),
        dt.timedelta(seconds=3661),
    ]

    assert [offset_text(o) for o in offsets] == ["+0800", "-0330", "+0000", "+010101"]


def test_vtimezone_berlin_onset_is_wall_clock_time_before_the_change() -> None:
    text = vtimezone("Europe/Berlin", dt.date(2026, 3, 23), dt.date(2026, 4, 3))

    assert text.split(CRLF)[8:14] == [
        "BEGIN:DAYLIGHT",
        "DTSTART:20260329T020000",
        "TZNAME:CEST",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
    ]


def test_vtimezone_new_york_autumn_has_standard_onset_at_0200() -> None:
    text = vtimezone("America/New_York", dt.date(2026, 10, 1), dt.date(2026, 11, 30))

    assert text.split(CRLF)[8:14] == [
        "BEGIN:STANDARD",
        "DTSTART:20261101T020000",
        "TZNAME:EST",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0500",
        "END:STANDARD",
    ]


def test_vtimezone_shanghai_has_one_standard_observance() -> None:
    text = vtimezone("Asia/Shanghai", dt.date(2026, 5, 11), dt.date(2026, 6, 26))

    assert text.split(CRLF) == [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Shanghai",
        "BEGIN:STANDARD",
        "DTSTART:20260511T000000",
        "TZNAME:CST",
        "TZOFFSETFROM:+0800",
        "TZOFFSETTO:+0800",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]


def test_vtimezone_whole_year_is_read_by_libical_with_both_changes(tmp_path: Path) -> None:
    zone = vtimezone("Europe/London", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    starts = ["20260328T120000", "20260401T120000", "20261026T120000"]
    events = "".join(
        f"BEGIN:VEVENT{CRLF}UID:{i}{CRLF}DTSTAMP:20260101T000000Z{CRLF}"
        f"DTSTART;TZID=Europe/London:{start}{CRLF}END:VEVENT{CRLF}"
        for i, start in enumerate(starts)
    )
    content = (
        f"BEGIN:VCALENDAR{CRLF}VERSION:2.0{CRLF}PRODID:-//t//t//EN{CRLF}{zone}{events}END:VCALENDAR{CRLF}"
    )

    report = libical_reports(tmp_path, {"london.ics": content.encode()})["london.ics"]

    assert report["errors"] == []
    assert [e["start"] for e in report["events"]] == [
        "2026-03-28T12:00:00+00:00",
        "2026-04-01T11:00:00+00:00",
        "2026-10-26T12:00:00+00:00",
    ]
