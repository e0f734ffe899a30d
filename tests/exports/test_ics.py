"""iCalendar export: read back by libical (strict) and vobject, never by the writer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.domain.errors import ExportError
from planner.exports.ics import EVENT, Calendars, Revision, all_scopes, calendar
from planner.exports.ids import occurrence_uuid
from planner.exports.layout import build_layout
from planner.io.files import read_problem
from tests.exports.calendar_data import (
    EMAIL,
    GENERATED_AT,
    cancelled_occurrence,
    dst_problem,
    dst_schedule,
)
from tests.exports.readers import libical_reports, vobject_events
from tests.factories import greedy_schedule
from tests.golden import assert_golden

MODIFIED = dt.datetime(2026, 3, 18, 9, 30, tzinfo=dt.UTC)
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def every_calendar() -> dict[str, bytes]:
    """Every scope of the test event, with one revision and one cancelled occurrence."""
    layout = build_layout(dst_problem(), dst_schedule())
    calendars = Calendars(
        layout,
        generated_at=GENERATED_AT,
        revisions={("logic", 2): Revision(3, MODIFIED)},
        cancelled=[cancelled_occurrence()],
    )
    return {
        f"{kind}-{thing}.ics": calendars.render((kind, thing)) for kind, thing in all_scopes(layout.problem)
    }


def test_calendar_every_scope_passes_libical_strict_checks(tmp_path: Path) -> None:
    reports = libical_reports(tmp_path, every_calendar())

    assert {name: report["errors"] for name, report in reports.items()} == {name: [] for name in reports}
    assert all(report["restriction_ok"] for report in reports.values())
    assert len(reports) == 1 + 2 + 2 + 1


def test_calendar_times_cross_daylight_saving_in_libical(tmp_path: Path) -> None:
    content = calendar(dst_problem(), dst_schedule(), generated_at=GENERATED_AT)

    events = libical_reports(tmp_path, {"event.ics": content})["event.ics"]["events"]

    starts = [e["start"] for e in events]
    assert starts == [
        "2026-03-23T08:00:00+00:00",  # 09:00 CET
        "2026-03-27T10:00:00+00:00",  # 11:00 CET
        "2026-03-30T07:00:00+00:00",  # 09:00 CEST, after the change
        "2026-04-01T09:00:00+00:00",  # 11:00 CEST
    ]


def test_calendar_read_by_vobject_keeps_local_times_and_text() -> None:
    content = calendar(dst_problem(), dst_schedule(), generated_at=GENERATED_AT)

    events = vobject_events(content)

    logic = events[1]
    assert logic.summary.value == "Logic, sets; proofs (1/3)"
    assert logic.dtstart.value == dt.datetime(2026, 3, 27, 11, 0, tzinfo=logic.dtstart.value.tzinfo)
    assert str(logic.dtstart.value.tzinfo) == "<tzicalvtz 'Europe/Berlin'>"  # read from our VTIMEZONE
    assert logic.dtstart.value.utcoffset() == dt.timedelta(hours=1)
    assert events[2].dtstart.value.utcoffset() == dt.timedelta(hours=2)
    assert logic.location.value == "Room B, East, City College"
    assert logic.categories.value == ["Foundations"]
    assert events[0].description.value == (
        "Kind: Lecture\nSpeakers: Ada Lovelace (Analytical Engine Society, London)\nGroups: Group 1"
    )


def test_calendar_event_scope_has_every_occurrence_with_stable_uids() -> None:
    content = calendar(dst_problem(), dst_schedule(), generated_at=GENERATED_AT)

    uids = [e.uid.value for e in vobject_events(content)]

    keys = [("intro", 1), ("logic", 1), ("logic", 2), ("lab", 1)]
    assert uids == [str(occurrence_uuid("mini", session, number)) for session, number in keys]


def test_calendar_uid_is_kept_when_an_occurrence_moves() -> None:
    schedule = dst_schedule()
    moved = schedule.assignments[1].model_copy(
        update={"start": schedule.assignments[1].start + dt.timedelta(days=3), "room": "a"}
    )
    later = schedule.model_copy(
        update={"assignments": (*schedule.assignments[:1], moved, *schedule.assignments[2:])}
    )

    before = vobject_events(calendar(dst_problem(), schedule, generated_at=GENERATED_AT))
    after = vobject_events(calendar(dst_problem(), later, generated_at=GENERATED_AT))

    assert sorted(e.uid.value for e in before) == sorted(e.uid.value for e in after)


def test_calendar_speaker_scope_holds_only_their_occurrences() -> None:
    content = calendar(dst_problem(), dst_schedule(), scope=("speaker", "alan"), generated_at=GENERATED_AT)

    events = vobject_events(content)

    assert [e.summary.value for e in events] == ["Logic, sets; proofs (1/3)", "Lab"]
    assert b"X-WR-CALNAME:Mini workshop \xe2\x80\x94 Alan Turing\r\n" in content


def test_calendar_track_scope_holds_only_the_tracks_talks(tmp_path: Path) -> None:
    """The conference's five tracks and its keynotes each get a calendar, named by the track; the
    office course (every session has its classes) has none."""
    problem = read_problem(SAMPLES / "tech-conference.yaml")
    schedule = greedy_schedule(problem)
    scopes = [scope for scope in all_scopes(problem) if scope[0] == "track"]
    assert [thing for _, thing in scopes] == [
        "Keynotes", "Cloud & Infrastructure", "Data & AI", "Security", "Web & Mobile", "Languages & Tooling",
    ]  # fmt: skip
    content = calendar(problem, schedule, scope=("track", "Security"), generated_at=GENERATED_AT)
    security = {s.title for s in problem.sessions if s.course == "Security"}
    assert sorted(e.summary.value for e in vobject_events(content)) == sorted(security)
    assert b"X-WR-CALNAME:Spree Tech Conference 2026 \xe2\x80\x94 Security\r\n" in content
    assert libical_reports(tmp_path, {"security.ics": content})["security.ics"]["errors"] == []
    office = read_problem(SAMPLES / "office-training-2026.yaml")
    assert not [scope for scope in all_scopes(office) if scope[0] == "track"]


def test_calendar_room_scope_holds_only_that_room() -> None:
    content = calendar(dst_problem(), dst_schedule(), scope=("room", "b"), generated_at=GENERATED_AT)

    assert [e.location.value for e in vobject_events(content)] == ["Room B, East, City College"] * 2


def test_calendar_cancelled_occurrence_is_status_cancelled(tmp_path: Path) -> None:
    layout = build_layout(dst_problem(), dst_schedule())
    bumped = {("logic", 3): Revision(2, MODIFIED)}
    content = Calendars(
        layout, generated_at=GENERATED_AT, revisions=bumped, cancelled=[cancelled_occurrence()]
    ).render(("speaker", "ada"))

    events = libical_reports(tmp_path, {"ada.ics": content})["ada.ics"]["events"]

    assert [(e["summary"], e["status"], e["sequence"]) for e in events] == [
        ("Introduction", "CONFIRMED", 0),
        ("Logic, sets; proofs (2/3)", "CONFIRMED", 0),
        ("Cancelled: Logic, sets; proofs (3/3)", "CANCELLED", 2),
    ]


def test_calendar_cancelled_occurrence_still_in_schedule_is_not_repeated() -> None:
    layout = build_layout(dst_problem(), dst_schedule())
    still_there = dst_schedule().assignments[0]

    content = Calendars(layout, generated_at=GENERATED_AT, cancelled=[still_there]).render()

    assert [e.status.value for e in vobject_events(content)] == ["CONFIRMED"] * 4


def test_calendar_occurrence_given_to_another_speaker_is_cancelled_for_the_first() -> None:
    before = dst_schedule().assignments[2]  # logic #2, Ada's
    after = before.model_copy(update={"speakers": ("alan",)})
    schedule = dst_schedule().model_copy(update={"assignments": (*dst_schedule().assignments[:2], after)})
    calendars = Calendars(
        build_layout(dst_problem(), schedule),
        generated_at=GENERATED_AT,
        revisions={("logic", 2): Revision(1, MODIFIED)},
        cancelled=[before],
    )

    ada, alan, event = (
        vobject_events(calendars.render(s)) for s in (("speaker", "ada"), ("speaker", "alan"), EVENT)
    )

    assert [(e.summary.value, e.status.value, e.sequence.value) for e in ada] == [
        ("Introduction", "CONFIRMED", "0"),
        ("Cancelled: Logic, sets; proofs (2/3)", "CANCELLED", "1"),
    ]
    assert [(e.summary.value, e.status.value) for e in alan][-1] == ("Logic, sets; proofs (2/3)", "CONFIRMED")
    assert [e.status.value for e in event] == ["CONFIRMED"] * 3


def test_calendar_revisions_set_sequence_and_last_modified() -> None:
    revisions = {("logic", 2): Revision(3, MODIFIED)}
    content = calendar(dst_problem(), dst_schedule(), generated_at=GENERATED_AT, revisions=revisions)

    events = vobject_events(content)

    assert [e.sequence.value for e in events] == ["0", "0", "3", "0"]
    assert events[2].last_modified.value == MODIFIED
    assert events[0].last_modified.value == GENERATED_AT
    assert events[0].dtstamp.value == GENERATED_AT


def test_calendar_header_has_refresh_hints_and_no_method() -> None:
    content = calendar(
        dst_problem(), dst_schedule(), generated_at=GENERATED_AT, base_url="https://example.org/f.ics"
    )

    lines = content.decode("utf-8").split("\r\n")

    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in lines
    assert "X-PUBLISHED-TTL:PT1H" in lines
    assert "SOURCE;VALUE=URI:https://example.org/f.ics" in lines
    assert [line for line in lines if line.startswith(("METHOD", "ATTENDEE", "ORGANIZER"))] == []


def test_calendar_shows_no_email_address() -> None:
    contents = every_calendar()

    assert [
        name for name, content in contents.items() if EMAIL.encode() in content or b"MAILTO" in content
    ] == []


def test_calendar_lines_are_crlf_and_at_most_75_octets() -> None:
    content = calendar(dst_problem(), dst_schedule(), generated_at=GENERATED_AT)

    lines = content.split(b"\r\n")

    assert lines[-1] == b""
    assert [line for line in lines if b"\n" in line or len(line) > 75] == []


def test_calendar_same_inputs_give_same_bytes() -> None:
    assert every_calendar() == every_calendar()


def test_calendar_unknown_scope_raises_export_error() -> None:
    with pytest.raises(ExportError) as error:
        calendar(dst_problem(), dst_schedule(), scope=("speaker", "grace"), generated_at=GENERATED_AT)

    assert str(error.value) == "scope: no speaker 'grace' in event 'mini'"


def test_calendar_naive_generated_at_raises_export_error() -> None:
    with pytest.raises(ExportError) as error:
        calendar(dst_problem(), dst_schedule(), generated_at=dt.datetime(2026, 3, 20, 12))

    assert str(error.value) == "generated_at: needs a time zone (an offset such as +08:00 or Z)"


@pytest.mark.parametrize("name", ["event-None", "speaker-ada", "room-b", "group-g1"])
def test_calendar_matches_golden_file(name: str) -> None:
    assert_golden(f"ics/{name.removesuffix('-None')}.ics", every_calendar()[f"{name}.ics"])


def test_calendar_chinese_sample_passes_libical_and_vobject(tmp_path: Path) -> None:
    problem = read_problem(SAMPLES / "office-training-2026.yaml")
    schedule = greedy_schedule(problem)
    layout = build_layout(problem, schedule)
    calendars = Calendars(layout, generated_at=GENERATED_AT)
    contents = {f"{kind}-{thing}.ics": calendars.render((kind, thing)) for kind, thing in all_scopes(problem)}

    reports = libical_reports(tmp_path, contents)

    assert {name: report["errors"] for name, report in reports.items()} == {name: [] for name in contents}
    assert len(reports["event-None.ics"]["events"]) == len(schedule.assignments)
    assert [len(vobject_events(content)) for content in contents.values()] == [
        len(report["events"]) for report in reports.values()
    ]
    first = vobject_events(contents["event-None.ics"])[0]
    assert first.summary.value == "开班仪式"
    assert first.description.value.split("\n")[0] == "形式：仪式"


def test_calendar_summary_names_the_class_outside_its_own_calendar() -> None:
    """A lecturer teaching one course to three classes sees which class each lecture is for; the
    class's own calendar does not repeat its name; a session of every class names none."""
    problem = read_problem(SAMPLES / "office-training-2026.yaml")
    calendars = Calendars(build_layout(problem, greedy_schedule(problem)), generated_at=GENERATED_AT)
    wu = sorted(e.summary.value for e in vobject_events(calendars.render(("speaker", "wu-guoqiang"))))
    assert wu[:3] == ["综合协调（1/3）·一班", "综合协调（1/3）·三班", "综合协调（1/3）·二班"]
    c1 = {e.summary.value for e in vobject_events(calendars.render(("group", "c1")))}
    assert {"综合协调（1/3）", "开班仪式", "结业总结"} <= c1
    assert all("一班" not in summary for summary in c1)
    room = {e.summary.value for e in vobject_events(calendars.render(("room", "hall")))}
    assert "开班仪式" in room
