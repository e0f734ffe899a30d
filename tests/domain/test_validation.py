"""Every validation problem has its exact message: the item, the field, plain words."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from planner.domain.errors import InvalidEvent
from planner.domain.validation import calendar_notes, event_notes
from planner.io.files import problem_from_data, read_problem

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal.yaml"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def data() -> dict[str, Any]:
    """tests/data/minimal.yaml as plain data, to break one piece at a time."""
    loaded: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    return copy.deepcopy(loaded)


def problems(data: Any) -> list[str]:
    with pytest.raises(InvalidEvent) as caught:
        problem_from_data(data)
    return list(caught.value.problems)


def test_validation_minimal_valid(data: dict[str, Any]) -> None:
    assert problem_from_data(data).event.id == "mini"


def test_validation_unknown_speaker(data: dict[str, Any]) -> None:
    data["sessions"][0]["speakers"] = ["li-wei"]
    assert problems(data) == ["sessions[0].speakers[0]: no speaker 'li-wei'"]


def test_validation_unknown_references_everywhere(data: dict[str, Any]) -> None:
    data["sessions"][1]["groups"] = ["g1", "g9"]
    data["sessions"][1]["after"] = ["nothing"]
    data["sessions"][1]["candidates"]["from"] = ["ada", "bob"]
    data["sessions"][2]["periods"] = ["am1", "night"]
    data["sessions"][0]["pinned"]["room"] = "z"
    data["speakers"][1]["unavailable"] = [{"weekdays": ["mon"], "periods": ["pm7"]}]
    assert problems(data) == [
        "speakers[1].unavailable[0].periods[0]: no period 'pm7'",
        "sessions[0].pinned[0].room: no room 'z'",
        "sessions[1].groups[1]: no group 'g9'",
        "sessions[1].after[0]: no session 'nothing'",
        "sessions[1].candidates.from[1]: no speaker 'bob'",
        "sessions[2].periods[1]: no period 'night'",
    ]


def test_validation_duplicate_ids(data: dict[str, Any]) -> None:
    data["rooms"].append({"id": "a", "name": "Room A again", "capacity": 5})
    data["speakers"].append({"id": "ada", "name": "Ada again"})
    data["event"]["periods"].append({"id": "am1", "start": "16:00", "end": "17:00"})
    assert problems(data) == [
        "event.periods[3].id: duplicate period id 'am1'",
        "rooms[2].id: duplicate room id 'a'",
        "speakers[2].id: duplicate speaker id 'ada'",
    ]


def test_validation_capacity_not_positive(data: dict[str, Any]) -> None:
    data["rooms"][1]["capacity"] = 0
    assert problems(data) == ["rooms[1].capacity: must be greater than 0 (got 0)"]


def test_validation_periods_overlap(data: dict[str, Any]) -> None:
    data["event"]["periods"][1]["start"] = "10:00"
    assert problems(data) == [
        "event.periods[1]: 'am2' starts at 10:00, before 'am1' ends at 10:30"
        " (periods must be in order and must not overlap)"
    ]


def test_validation_periods_out_of_order(data: dict[str, Any]) -> None:
    periods = data["event"]["periods"]
    periods[0], periods[2] = periods[2], periods[0]
    assert problems(data) == [
        "event.periods[1]: 'am2' starts at 11:00, before 'pm1' ends at 15:30"
        " (periods must be in order and must not overlap)",
        "event.periods[2]: 'am1' starts at 09:00, before 'am2' ends at 12:30"
        " (periods must be in order and must not overlap)",
    ]


def test_validation_period_ends_before_it_starts(data: dict[str, Any]) -> None:
    data["event"]["periods"][2]["end"] = "13:00"
    assert problems(data) == ["event.periods[2]: end must be after start"]


def test_validation_end_before_start(data: dict[str, Any]) -> None:
    data["event"]["end"] = "2026-03-20"
    assert problems(data) == ["event.end: the last date 2026-03-20 is before the first date 2026-03-23"]


def test_validation_event_too_long(data: dict[str, Any]) -> None:
    data["event"]["end"] = "2029-12-31"
    assert problems(data) == ["event.end: the event lasts 1380 days; Huiwu plans events of at most 1096 days"]


def test_validation_event_years_out_of_range(data: dict[str, Any]) -> None:
    data["event"]["start"] = "9999-12-30"
    data["event"]["end"] = "9999-12-31"
    assert problems(data) == [
        "event.start: 9999-12-30 is outside the years 1900 to 2999",
        "event.end: 9999-12-31 is outside the years 1900 to 2999",
    ]


def test_validation_no_working_day(data: dict[str, Any]) -> None:
    data["event"]["weekdays"] = ["sun"]
    data["event"]["end"] = "2026-03-28"
    data["sessions"][0].pop("pinned")
    assert problems(data) == ["event: no working day between event.start and event.end"]


def test_validation_unknown_time_zone(data: dict[str, Any]) -> None:
    data["event"]["timezone"] = "Europe/Atlantis"
    assert problems(data) == ["event.timezone: unknown time zone 'Europe/Atlantis'"]


def test_validation_session_longer_than_a_day(data: dict[str, Any]) -> None:
    data["sessions"][2]["length"] = 4
    assert problems(data) == ["sessions[2].length: 4 periods is longer than a day (3 periods)"]


def test_validation_pin_outside_event(data: dict[str, Any]) -> None:
    data["sessions"][0]["pinned"]["date"] = "2026-04-10"
    assert problems(data) == [
        "sessions[0].pinned[0].date: 2026-04-10 is outside the event (2026-03-23 to 2026-04-03)"
    ]


def test_validation_pin_on_holiday(data: dict[str, Any]) -> None:
    data["event"]["holidays"] = ["2026-03-23"]
    assert problems(data) == ["sessions[0].pinned[0].date: 2026-03-23 is a holiday"]


def test_validation_pin_on_weekend(data: dict[str, Any]) -> None:
    data["sessions"][0]["pinned"]["date"] = "2026-03-28"
    assert problems(data) == ["sessions[0].pinned[0].date: 2026-03-28 is not a working day"]


def test_validation_pin_runs_past_last_period(data: dict[str, Any]) -> None:
    data["sessions"][2]["pinned"] = {"period": "pm1"}
    assert problems(data) == [
        "sessions[2].pinned[0].period: a session of 2 periods starting at 'pm1' ends after the last period"
    ]


def test_validation_pin_occurrence_and_room_unfit(data: dict[str, Any]) -> None:
    data["sessions"][0]["pinned"] = {"occurrence": 2, "room": "b"}
    assert problems(data) == [
        "sessions[0].pinned[0].occurrence: the session has only 1 occurrence(s)",
        "sessions[0].pinned[0].room: room 'b' has no 'projector'",
        "sessions[0].pinned[0].room: room 'b' seats 12 but the session expects 20 people",
    ]


def test_validation_feature_no_room_has(data: dict[str, Any]) -> None:
    data["sessions"][2]["features"] = ["computers"]
    assert problems(data) == ["sessions[2].features: no room has 'computers'"]


def test_validation_features_not_in_one_room(data: dict[str, Any]) -> None:
    data["rooms"][1]["features"] = ["computers"]
    data["sessions"][2]["features"] = ["projector", "computers"]
    assert problems(data) == ["sessions[2].features: no room has all of projector, computers"]


def test_validation_more_seats_than_any_room(data: dict[str, Any]) -> None:
    data["sessions"][2]["attendance"] = 31
    assert problems(data) == ["sessions[2]: expects 31 people but the largest room seats 30"]


def test_validation_more_seats_allowed_when_capacity_soft(data: dict[str, Any]) -> None:
    data["sessions"][2]["attendance"] = 31
    data["rules"] = {"capacity": "soft"}
    assert problem_from_data(data).sessions[2].attendance == 31


def test_validation_group_booked_beyond_calendar(data: dict[str, Any]) -> None:
    data["sessions"][1]["occurrences"] = 28
    assert problems(data) == ["groups[0]: 'Group 1' is booked for 31 periods but the calendar holds only 30"]


def test_validation_candidates_pick_too_many(data: dict[str, Any]) -> None:
    data["sessions"][1]["candidates"]["pick"] = 3
    assert problems(data) == ["sessions[1].candidates.pick: picks 3 speakers from only 2"]


def test_validation_candidate_already_fixed_speaker(data: dict[str, Any]) -> None:
    data["sessions"][1]["speakers"] = ["alan"]
    assert problems(data) == [
        "sessions[1].candidates.from[1]: 'alan' is already a fixed speaker of the session"
    ]


def test_validation_candidates_distinct_from_fixed_speakers_pass(data: dict[str, Any]) -> None:
    data["sessions"][1]["speakers"] = []
    assert problem_from_data(data).sessions[1].candidates is not None


def test_validation_after_itself_and_cycle(data: dict[str, Any]) -> None:
    data["sessions"][0]["after"] = ["intro", "lab"]
    data["sessions"][2]["after"] = ["logic"]
    assert problems(data) == [
        "sessions[0].after[0]: a session cannot follow itself",
        "sessions[0].after: goes round in a circle: intro -> lab -> logic -> intro",
    ]


def test_validation_empty_allowed_lists(data: dict[str, Any]) -> None:
    data["sessions"][2]["weekdays"] = []
    data["sessions"][2]["periods"] = []
    assert problems(data) == [
        "sessions[2].weekdays: an empty list allows no weekday at all (leave it out to allow every weekday)",
        "sessions[2].periods: an empty list allows no period at all (leave it out to allow every period)",
    ]


def test_validation_event_kind(data: dict[str, Any]) -> None:
    data["event"]["kind"] = "party"
    assert problems(data) == ["event.kind: should be 'training' or 'conference' (got 'party')"]
    data["event"]["kind"] = "conference"
    assert problem_from_data(data).event.kind == "conference"


def test_validation_more_occurrences_than_the_calendar_holds(data: dict[str, Any]) -> None:
    data["sessions"].append({"id": "fair", "title": "Fair", "occurrences": 31})
    assert problems(data) == [
        "sessions[3].occurrences: 31 occurrences but the calendar holds only 30 periods"
    ]
    data["sessions"][3]["occurrences"] = 30
    assert problem_from_data(data).sessions[3].occurrences == 30


def test_validation_more_distinct_days_than_the_event_has(data: dict[str, Any]) -> None:
    data["sessions"][1]["min_days"] = 11
    assert problems(data) == [
        "sessions[1].min_days: asks for 11 distinct days but the event has only 10 working days"
    ]
    data["sessions"][1]["min_days"] = 10
    assert problem_from_data(data).sessions[1].min_days == 10


def test_validation_numbers_too_large_for_the_solver(data: dict[str, Any]) -> None:
    """Larger numbers are typing errors, and their costs would overflow CP-SAT's 64-bit integers."""
    data["rules"] = {"weights": {"capacity": 10_001}, "travel_minutes": 1441}
    data["groups"][0]["size"] = 100_001
    data["rooms"][0]["capacity"] = 100_001
    data["sessions"][0]["attendance"] = 100_001
    assert problems(data) == [
        "rooms[0].capacity: must be at most 100000 (got 100001)",
        "groups[0].size: must be at most 100000 (got 100001)",
        "sessions[0].attendance: must be at most 100000 (got 100001)",
        "rules.weights.capacity: must be at most 10000 (got 10001)",
        "rules.travel_minutes: must be at most 1440 (got 1441)",
    ]
    data["rules"] = {"weights": {"capacity": 10_000}, "travel_minutes": 1440, "capacity": "soft"}
    data["groups"][0]["size"] = data["rooms"][0]["capacity"] = data["sessions"][0]["attendance"] = 100_000
    assert problem_from_data(data).rules.weights.capacity == 10_000


def test_validation_leave_names_an_unknown_period(data: dict[str, Any]) -> None:
    data["groups"][0]["members"] = [{"name": "张三", "leave": [{"date": "2026-03-24", "periods": ["pm9"]}]}]
    assert problems(data) == ["groups[0].members[0].leave[0].periods[0]: no period 'pm9'"]
    data["groups"][0]["members"][0]["leave"][0]["periods"] = ["pm1"]
    assert problem_from_data(data).groups[0].members[0].leave[0].periods == ("pm1",)


def test_validation_leave_wholly_outside_the_event_is_named(data: dict[str, Any]) -> None:
    """The minimal event runs 2026-03-23 to 2026-04-03: a leave in 2025 is a slip of the pen; a
    leave running on past the event's start is kept."""
    data["groups"][0]["members"] = [
        {"name": "张三", "leave": ["2025-03-24", {"from": "2026-04-04", "to": "2026-04-10"}]},
        {"name": "李四", "leave": [{"from": "2026-03-16", "to": "2026-03-24"}, {"to": "2026-03-20"}]},
    ]
    assert problems(data) == [
        "groups[0].members[0].leave[0].date: 2025-03-24 is outside the event (2026-03-23 to 2026-04-03)",
        "groups[0].members[0].leave[1].from: 2026-04-04 is outside the event (2026-03-23 to 2026-04-03)",
        "groups[0].members[1].leave[1].to: 2026-03-20 is outside the event (2026-03-23 to 2026-04-03)",
    ]
    data["groups"][0]["members"][0]["leave"] = ["2026-03-24"]
    data["groups"][0]["members"][1]["leave"] = [{"from": "2026-03-16", "to": "2026-03-24"}]
    assert len(problem_from_data(data).groups[0].members) == 2


def test_calendar_notes_name_dates_that_change_nothing(data: dict[str, Any]) -> None:
    """A year's holidays pasted in, a working Saturday a year off and one that is also a holiday:
    the event is valid (they are notes, not problems), each list with a note of its own."""
    data["event"]["holidays"] = ["2026-10-01", "2026-01-01", "2026-03-27", "2026-03-28"]
    data["event"]["blackout"] = ["2026-03-24"]
    data["event"]["extra_days"] = ["2026-03-21", "2025-03-28", "2026-03-28"]
    assert calendar_notes(problem_from_data(data).event) == [
        "event.holidays: outside the event (2026-03-23 to 2026-04-03), changing nothing: "
        "2026-01-01, 2026-10-01",
        "event.extra_days: outside the event (2026-03-23 to 2026-04-03), changing nothing: "
        "2025-03-28, 2026-03-21",
        "event.extra_days[2]: 2026-03-28 is also a day off (holidays or blackout), "
        "so nothing takes place on it",
    ]


def test_calendar_notes_none_when_every_date_counts(data: dict[str, Any]) -> None:
    """Days off within the event and a working Saturday that is no holiday: nothing to note, nor in
    any sample."""
    data["event"]["holidays"] = ["2026-03-27"]
    data["event"]["blackout"] = ["2026-03-25", "2026-04-03"]
    data["event"]["extra_days"] = ["2026-03-28"]
    assert calendar_notes(problem_from_data(data).event) == []
    for path in sorted(SAMPLES.glob("*.yaml")):
        assert event_notes(read_problem(path)) == [], path.name


def test_event_notes_name_speakers_and_groups_no_session_names(data: dict[str, Any]) -> None:
    """A lecturer entered but given no lecture, a class that attends nothing: valid, with a note
    each; a candidate counts as named."""
    data["speakers"].append({"id": "li-si", "name": "李四"})
    data["speakers"].append({"id": "wang-wu", "name": "王五"})
    data["groups"].append({"id": "c9", "name": "九班", "size": 5})
    data["sessions"][0]["candidates"] = {"from": ["wang-wu"], "pick": 1}
    assert event_notes(problem_from_data(data)) == [
        "speakers[2]: no session names 'li-si'",
        "groups[1]: no session names 'c9'",
    ]


def test_validation_a_range_that_ends_before_it_begins_is_named(data: dict[str, Any]) -> None:
    """``from`` after ``to`` holds no day: the rule would mark nothing, silently."""
    data["speakers"][0]["unavailable"] = [{"from": "2026-03-27", "to": "2026-03-24"}]
    assert problems(data) == [
        "speakers[0].unavailable[0]: from 2026-03-27 is after to 2026-03-24: the range holds no day"
    ]
    data["speakers"][0]["unavailable"] = [{"from": "2026-03-24", "to": "2026-03-24"}]
    assert problem_from_data(data).speakers[0].unavailable[0].to == dt.date(2026, 3, 24)


def test_validation_a_yes_no_value_is_no_number(data: dict[str, Any]) -> None:
    """YAML reads an unquoted ``yes`` as true, and pydantic true as 1: a room of one seat, silently.
    A name written ``no`` is refused either way, but in the file's words, not as False."""
    data["rooms"][0]["capacity"] = True
    data["speakers"][0]["name"] = False  # `name: no`
    data["sessions"][0]["occurrences"] = False
    data.setdefault("rules", {})["weights"] = {"isolated": True}
    assert problems(data) == [
        "rooms[0].capacity: should be a number, not a yes/no value (got True)",
        "speakers[0].name: should be text, not a yes/no value (YAML reads an unquoted yes, no, on, off, "
        "true or false so: put it in quotes)",
        "sessions[0].occurrences: should be a number, not a yes/no value (got False)",
        "rules.weights.isolated: should be a number, not a yes/no value (got True)",
    ]
    data["rooms"][0]["capacity"], data["sessions"][0]["occurrences"] = 40, 2
    data["speakers"][0]["name"] = "no"
    data["rules"]["weights"] = {"isolated": 0}
    problem = problem_from_data(data)
    assert (problem.rooms[0].capacity, problem.sessions[0].occurrences, problem.rules.weights.isolated) == (
        40,
        2,
        0,
    )


def test_validation_absences_and_late_arrivals_are_checked_as_leave_is(data: dict[str, Any]) -> None:
    data["groups"][0]["members"] = [
        {"name": "张三", "absent": [{"date": "2026-03-24", "periods": ["pm9"]}], "late": ["2025-03-24"]}
    ]
    assert problems(data) == [
        "groups[0].members[0].absent[0].periods[0]: no period 'pm9'",
        "groups[0].members[0].late[0].date: 2025-03-24 is outside the event (2026-03-23 to 2026-04-03)",
    ]
    data["groups"][0]["members"] = [{"name": "张三", "absent": ["2026-03-24"], "late": ["2026-03-25"]}]
    member = problem_from_data(data).groups[0].members[0]
    assert (member.absent[0].date, member.late[0].date) == (dt.date(2026, 3, 24), dt.date(2026, 3, 25))


def test_validation_course_names_a_track_feed_so_is_at_most_80_characters(data: dict[str, Any]) -> None:
    data["sessions"][0]["course"] = "长" * 81
    assert problems(data) == [f"sessions[0].course: must be at most 80 characters (got '{'长' * 36}...')"]
    data["sessions"][0]["course"] = "长" * 80
    assert problem_from_data(data).sessions[0].course == "长" * 80


def test_validation_drops_control_characters_no_output_can_hold(data: dict[str, Any]) -> None:
    """A room named with a pasted BEL broke schedule.xlsx (openpyxl's IllegalCharacterError);
    Word's line break in a cell (a vertical tab) is a space."""
    data["rooms"][0]["name"] = "Room\x07 A"
    data["rooms"][0]["features"] = ["pro\x00jector"]
    data["sessions"][0]["title"] = "Intro\x0bduction"
    data["speakers"][0]["organisation"] = "\x1bMath\x7f"
    problem = problem_from_data(data)
    assert (problem.rooms[0].name, problem.rooms[0].features) == ("Room A", ("projector",))
    assert (problem.sessions[0].title, problem.speakers[0].organisation) == ("Intro duction", "Math")


def test_validation_keeps_tabs_line_feeds_and_chinese(data: dict[str, Any]) -> None:
    data["sessions"][0]["title"] = "开班仪式\n（全体学员）\t上午"
    assert problem_from_data(data).sessions[0].title == "开班仪式\n（全体学员）\t上午"


def test_validation_name_of_control_characters_only_is_empty(data: dict[str, Any]) -> None:
    data["groups"][0]["name"] = "\x07\x08"
    with pytest.raises(InvalidEvent) as caught:
        problem_from_data(data)
    assert caught.value.problems[0].startswith("groups[0].name: ")


def test_validation_date_with_a_time_of_day_and_a_huge_number_in_words(data: dict[str, Any]) -> None:
    """Two of pydantic's own sentences ("datetimes provided to dates should have zero time - e.g.
    be exact dates", "unable to parse input string as an integer, exceeded maximum size") were
    shown as they were, in English in the Chinese app too."""
    data["event"]["start"] = dt.datetime(2026, 3, 23, 8, 30)
    data["rooms"][0]["capacity"] = 1e20  # a float too large for a whole number
    assert problems(data) == [
        "event.start: should be a date without a time of day",
        "rooms[0].capacity: should be a whole number of a sensible size (got 1e+20)",
    ]
