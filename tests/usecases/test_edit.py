"""Editing an event in tables: rows in, a new event or messages per row out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.domain.errors import InvalidEvent
from planner.domain.model import Member, Problem, Rule
from planner.io.files import read_problem
from planner.usecases.edit import (
    event_file,
    member_rows,
    open_event,
    period_rows,
    update_abstract,
    update_event,
    update_members,
    update_rules,
    update_section,
)
from planner.usecases.edit_availability import availability_rows, set_availability
from planner.usecases.edit_rows import section_rows
from planner.usecases.edit_templates import TEMPLATES, new_event

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal.yaml"
OFFICE = Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml"


@pytest.mark.parametrize("section", ["rooms", "speakers", "groups", "sessions"])
def test_edit_unchanged_rows_give_same_event(problem: Problem, section: str) -> None:
    result = update_section(problem, section, section_rows(problem, section))
    assert result.problem == problem


@pytest.mark.parametrize("section", ["rooms", "speakers", "groups", "sessions"])
def test_edit_unchanged_chinese_rows_give_same_event(section: str) -> None:
    office = read_problem(OFFICE)
    assert update_section(office, section, section_rows(office, section, "zh")).problem == office


def test_edit_chinese_rows_name_periods_and_read_names_back() -> None:
    office = read_problem(OFFICE)
    rows = section_rows(office, "speakers", "zh")
    zhang = next(row for row in rows if row["id"] == "zhang-lijun")
    assert zhang["preferred"] == "上午第一节、上午第二节"
    assert zhang["unavailable"] == "周一、周五"
    zhang["undesired"] = "周四 下午第二节"
    speakers = update_section(office, "speakers", rows).problem
    assert speakers is not None
    assert speakers.speaker("zhang-lijun").undesired == (
        Rule.model_validate({"weekdays": ["thu"], "periods": ["pm2"]}),
    )


def test_edit_chinese_lists_read_with_chinese_commas_and_period_names() -> None:
    office = read_problem(OFFICE)
    rows = section_rows(office, "sessions", "zh")
    methods = next(row for row in rows if row["id"] == "methods-c1")
    methods["features"] = "投影仪、音响"
    methods["periods"] = "上午第一节，am2"
    sessions = update_section(office, "sessions", rows).problem
    assert sessions is not None
    assert sessions.session("methods-c1").features == ("投影仪", "音响")
    assert sessions.session("methods-c1").periods == ("am1", "am2")
    shown = next(r for r in section_rows(sessions, "sessions", "zh") if r["id"] == "methods-c1")
    assert shown["periods"] == "上午第一节、上午第二节"


def test_edit_chinese_rows_name_speakers_groups_and_weekdays_and_read_them_back() -> None:
    office = read_problem(OFFICE)
    rows = section_rows(office, "sessions", "zh")
    methods = next(row for row in rows if row["id"] == "methods-c1")
    assert (methods["candidates"], methods["groups"]) == ("张立军、刘建华", "一班")
    methods["candidates"] = "张立军、liu-jianhua，陈志远"  # names and ids, Chinese commas
    methods["groups"] = "一班, 二班"
    methods["weekdays"] = "周二、wed"
    sessions = update_section(office, "sessions", rows).problem
    assert sessions is not None
    changed = sessions.session("methods-c1")
    assert changed.candidates is not None
    assert changed.candidates.from_ == ("zhang-lijun", "liu-jianhua", "chen-zhiyuan")
    assert (changed.groups, changed.weekdays) == (("c1", "c2"), ("tue", "wed"))
    shown = next(r for r in section_rows(sessions, "sessions", "zh") if r["id"] == "methods-c1")
    assert shown["weekdays"] == "周二、周三"
    english = next(r for r in section_rows(sessions, "sessions") if r["id"] == "methods-c1")
    assert english["groups"] == "c1, c2"  # English rows keep ids


def test_edit_an_unknown_name_is_named_in_the_message() -> None:
    office = read_problem(OFFICE)
    rows = section_rows(office, "sessions", "zh")
    next(row for row in rows if row["id"] == "methods-c1")["candidates"] = "张立军, 王小明"
    result = update_section(office, "sessions", rows)
    assert result.problem is None
    assert any("王小明" in line for lines in result.rows.values() for line in lines), result.rows


def test_edit_rooms_changed_capacity(problem: Problem) -> None:
    rows = section_rows(problem, "rooms")
    rows[1]["capacity"] = 16.0  # a table library hands numbers over as floats
    result = update_section(problem, "rooms", rows)
    assert result.problem is not None
    assert result.problem.room("b").capacity == 16


def test_edit_rooms_every_bad_row_reported(problem: Problem) -> None:
    rows = section_rows(problem, "rooms")
    rows[0]["unavailable"] = "x"
    rows[1]["capacity"] = 2.5
    rows.append({"id": "a b", "name": "C", "capacity": 5})
    result = update_section(problem, "rooms", rows)
    assert result.problem is None
    assert sorted(result.rows) == [0, 1, 2]
    assert result.rows[1] == ["capacity: '2.5' is not a whole number"]
    assert result.rows[2][0].startswith("id: must be an id without spaces")


def test_edit_infinite_or_endless_numbers_are_not_numbers(problem: Problem) -> None:
    rows = section_rows(problem, "rooms")
    rows[0]["capacity"] = float("inf")
    rows[1]["capacity"] = "9" * 400  # beyond any float
    result = update_section(problem, "rooms", rows)
    assert result.rows == {
        0: ["capacity: 'inf' is not a number"],
        1: ["capacity: '99999999999999999999…' is not a number"],
    }
    rows[0]["capacity"] = rows[1]["capacity"] = "40"
    assert update_section(problem, "rooms", rows).problem is not None


def test_edit_removed_speaker_reported_where_used(problem: Problem) -> None:
    rows = [r for r in section_rows(problem, "speakers") if r["id"] != "alan"]
    result = update_section(problem, "speakers", rows)
    assert (result.problem, result.rows) == (None, {})
    assert result.general == [
        "sessions[1].candidates.from[1]: no speaker 'alan'",
        "sessions[2].speakers[0]: no speaker 'alan'",
    ]


def test_edit_sessions_keep_pins_and_groups_keep_members(problem: Problem) -> None:
    with_member = update_members(problem, "g1", [{"name": "张三", "unit": "市委办", "role": None}]).problem
    assert with_member is not None
    rows = section_rows(with_member, "groups")
    rows[0]["size"] = 22
    result = update_section(with_member, "groups", rows)
    assert result.problem is not None
    assert result.problem.group("g1").members == (Member(name="张三", unit="市委办"),)
    sessions = update_section(with_member, "sessions", section_rows(with_member, "sessions")).problem
    assert sessions is not None
    assert sessions.session("intro").pinned == problem.session("intro").pinned


def test_edit_members_leave_written_and_read_in_either_language() -> None:
    office = read_problem(OFFICE)
    rows = member_rows(office, "c1", "zh")
    assert rows[0]["leave"] == "2026-05-20"
    c2 = member_rows(office, "c2", "zh")
    assert c2[1]["leave"] == "2026-06-08至2026-06-09 下午第一节、下午第二节"
    assert member_rows(office, "c2")[1]["leave"] == "2026-06-08..2026-06-09 pm1,pm2"
    rows[1]["leave"] = "2026-05-25；第3周 上午第一节"
    result = update_members(office, "c1", rows)
    assert result.problem is not None
    assert result.problem.group("c1").members[1].leave == (
        Rule(date=dt.date(2026, 5, 25)),
        Rule(weeks=(3,), periods=("am1",)),
    )
    rows[1]["leave"] = "someday"
    refused = update_members(office, "c1", rows)
    assert refused.problem is None
    assert refused.rows[1][0].startswith("leave: 'someday' is not a date")


def test_edit_event_header_and_periods(problem: Problem) -> None:
    periods = period_rows(problem)
    periods[0]["start"] = "8:45"
    fields = {"id": "mini", "title": "Mini 2", "start": dt.date(2026, 3, 23), "end": dt.date(2026, 4, 3)}
    result = update_event(problem, fields | {"hosts": "A\nB", "holidays": "2026-03-30"}, periods)
    assert result.problem is not None
    event = result.problem.event
    assert (event.title, event.hosts, event.holidays) == ("Mini 2", ("A", "B"), (dt.date(2026, 3, 30),))
    assert event.periods[0].start == dt.time(8, 45)


def test_edit_event_completion_conditions_saved_or_refused_by_field(problem: Problem) -> None:
    """The header form's completion conditions: saved, cleared when empty, a bad one named."""
    fields = {"id": "mini", "title": "Mini", "start": dt.date(2026, 3, 23), "end": dt.date(2026, 4, 3)}
    saved = update_event(problem, fields | {"min_attendance": 80, "max_absences": 2}, period_rows(problem))
    assert saved.problem is not None
    assert (saved.problem.event.min_attendance, saved.problem.event.max_absences) == (80, 2)
    cleared = update_event(saved.problem, fields | {"min_attendance": None}, period_rows(problem))
    assert cleared.problem is not None
    assert cleared.problem.event.min_attendance is None
    refused = update_event(problem, fields | {"min_attendance": 120}, period_rows(problem))
    assert (refused.problem, refused.general) == (
        None,
        ["event.min_attendance: must be at most 100 (got 120)"],
    )


def test_edit_event_bad_period_time_on_its_row(problem: Problem) -> None:
    periods = period_rows(problem)
    periods[2]["end"] = "noon"
    fields = {"id": "mini", "title": "Mini", "start": dt.date(2026, 3, 23), "end": dt.date(2026, 4, 3)}
    assert update_event(problem, fields, periods).rows == {2: ["end: 'noon' is not a time (write 08:30)"]}


def test_edit_rules_weights(problem: Problem) -> None:
    weights = problem.rules.weights.model_dump() | {"isolated": 9}
    result = update_rules(problem, weights, "soft", 20)
    assert result.problem is not None
    rules = result.problem.rules
    assert (rules.weights.isolated, rules.capacity, rules.travel_minutes) == (9, "soft", 20)


def test_edit_availability_grid_round_trip(problem: Problem) -> None:
    rows, others = availability_rows(problem, "ada")
    assert [r["am1"] for r in rows] == [True, True, True, True, False]
    rows[0]["pm1"] = False
    result = set_availability(problem, "ada", rows, others)
    assert result.problem is not None
    assert result.problem.speaker("ada").unavailable == (
        Rule(weekdays=("mon",), periods=("pm1",)),
        Rule(weekdays=("fri",)),
        Rule(date=dt.date(2026, 3, 25)),
        Rule(date=dt.date(2026, 3, 24), periods=("pm1",)),
    )


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_edit_templates_are_valid_events(template: str, language: str) -> None:
    problem = new_event(template, language, dt.date(2026, 5, 6))
    assert problem.event.language == language
    assert problem.event.start == dt.date(2026, 5, 11)


def test_edit_open_and_download_round_trip(problem: Problem) -> None:
    for kind in ("yaml", "json", "xlsx"):
        assert open_event(f"mini.{kind}", event_file(problem, kind)) == problem


def test_edit_open_unknown_kind_refused() -> None:
    with pytest.raises(InvalidEvent, match=r"mini.txt: unknown kind of file"):
        open_event("mini.txt", b"")


def test_edit_abstract_set_refused_when_too_long_and_removed_when_blank(problem: Problem) -> None:
    from planner.domain.model import MAX_ABSTRACT

    saved = update_abstract(problem, "logic", "  What logic is.\n\nAnd is not.  ").problem
    too_long = update_abstract(problem, "logic", "x" * (MAX_ABSTRACT + 1))
    unknown = update_abstract(problem, "ethics", "Ethics.")

    assert saved is not None
    assert saved.session("logic").abstract == "What logic is.\n\nAnd is not."
    assert too_long.problem is None
    assert [line.split(":")[0] for lines in too_long.rows.values() for line in lines] == ["abstract"]
    assert unknown.general == ["sessions: no session 'ethics'"]
    cleared = update_abstract(saved, "logic", " ").problem
    assert cleared is not None
    assert cleared.session("logic").abstract is None
