"""Event workbooks: the layout, reading back, and problems reported at their cells."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from planner.domain.errors import ExportError, InvalidEvent
from planner.domain.messages import in_chinese
from planner.domain.model import Problem
from planner.io import excel_cells
from planner.io.excel import problem_from_workbook, problem_to_workbook
from planner.io.files import read_problem
from tests.golden import assert_golden

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def minimal() -> Problem:
    return read_problem(DATA / "minimal.yaml")


def edited(problem: Problem, edit: Callable[[Any], None]) -> bytes:
    """The problem's workbook after ``edit(book)``, saved the way Excel would."""
    book = load_workbook(io.BytesIO(problem_to_workbook(problem)))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems(content: bytes) -> list[str]:
    with pytest.raises(InvalidEvent) as caught:
        problem_from_workbook(content)
    return list(caught.value.problems)


def test_excel_sheets_and_headers(minimal: Problem) -> None:
    book = load_workbook(io.BytesIO(problem_to_workbook(minimal)))
    headers = {sheet.title: [c.value for c in sheet[1]] for sheet in book.worksheets}
    assert list(headers) == [
        "Event",
        "Periods",
        "Rooms",
        "Speakers",
        "Groups",
        "Members",
        "Sessions",
        "Pins",
        "Rules",
    ]
    assert headers["Rooms"] == [
        "编号 id",
        "名称 name",
        "座位数 capacity",
        "设施 features",
        "楼宇 building",
        "不可用 unavailable",
    ]


def test_excel_speaker_rules_as_text(minimal: Problem) -> None:
    book = load_workbook(io.BytesIO(problem_to_workbook(minimal)))
    row = [c.value for c in book["Speakers"][2]]
    assert row == [
        "ada",
        "Ada Lovelace",
        None,
        None,
        "2026-03-25; fri; 2026-03-24 pm1",
        "am1,am2",
        None,
        2,
        None,
    ]


def test_excel_properties_fixed_by_event_start(minimal: Problem) -> None:
    book = load_workbook(io.BytesIO(problem_to_workbook(minimal)))
    assert (book.properties.created, book.properties.modified) == (
        dt.datetime(2026, 3, 23),
        dt.datetime(2026, 3, 23),
    )


@pytest.mark.parametrize("name", ["office-training-2026.yaml", "tech-conference.yaml"])
def test_excel_samples_roundtrip(name: str) -> None:
    if not (SAMPLES / name).exists():
        pytest.skip(f"samples/{name} not written yet")
    problem = read_problem(SAMPLES / name)
    assert problem_from_workbook(problem_to_workbook(problem)) == problem


def test_excel_bad_cells_named(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Rooms"]["C3"] = 0
        book["Sessions"]["G2"] = "li-wei"
        book["Event"]["B8"] = dt.date(2026, 3, 1)
        book["Speakers"]["B3"] = None

    assert problems(edited(minimal, edit)) == [
        "Rooms!C3: must be greater than 0 (got 0)",
        "Speakers!B3: is required",
        "Event!B8: the last date 2026-03-01 is before the first date 2026-03-23",
        "Sessions!G2: no speaker 'li-wei'",
    ]


def test_excel_formula_without_its_result_named(minimal: Problem) -> None:
    """A workbook written by a program keeps formulas without their results (Excel and WPS save
    both): read for its values such a cell is empty, which would lose a speaker's dates silently."""
    unsaved = "whose result was never saved: open and save the workbook in Excel or WPS, or type the value"

    def edit(book: Any) -> None:
        book["Rooms"]["C3"] = "=10*3"  # a required number
        book["Speakers"]["E3"] = '="fri"'  # an optional rule

    assert problems(edited(minimal, edit)) == [
        f"Rooms!C3: holds a formula (=10*3) {unsaved}",
        f'Speakers!E3: holds a formula (="fri") {unsaved}',
    ]
    assert problem_from_workbook(edited(minimal, lambda book: None)) == minimal


def test_excel_yes_no_value_outside_a_yes_no_column_named(minimal: Problem) -> None:
    """Excel turns a typed TRUE into a yes/no value: read as 1 or 'True' it gave a room one seat
    and a speaker the name 'True' (then every session naming them by name failed) without a word.
    The cell is named once, for what it holds, not again as empty."""

    def edit(book: Any) -> None:
        book["Rooms"]["C3"] = True  # seats
        book["Speakers"]["B2"] = False  # a name
        book["Event"]["B2"] = True  # the event's id

    assert problems(edited(minimal, edit)) == [
        "Event!B2: holds TRUE, a yes/no value: this column takes text",
        "Rooms!C3: holds TRUE, a yes/no value: this column takes a number",
        "Speakers!B2: holds FALSE, a yes/no value: this column takes text",
    ]
    weekly = problem_from_workbook(edited(minimal, lambda book: book["Sessions"].cell(3, 16, True)))
    assert weekly.sessions[1].weekly  # in a yes/no column it is what it says


def test_excel_a_number_in_a_time_cell_is_named_not_read_as_midnight(minimal: Problem) -> None:
    """9 typed in a cell formatted as a time is day 9 at 00:00 to Excel (it shows 00:00 too): it
    was read as a period starting at midnight, without a word."""

    def edit(book: Any) -> None:
        book["Periods"]["B2"] = 9  # the written workbook formats the column as hh:mm
        book["Periods"]["C3"] = dt.datetime(2026, 5, 11, 12, 30)  # a date and time typed

    assert problems(edited(minimal, edit)) == [
        "Periods!B2: holds 1900-01-09 00:00, a date and not a time of day: type it as 08:30",
        "Periods!C3: holds 2026-05-11 12:30, a date and not a time of day: type it as 08:30",
    ]
    assert in_chinese(problems(edited(minimal, edit))[0]) == (
        "Periods!B2: 是日期时间 1900-01-09 00:00，不是一天中的时刻：请按 08:30 的格式填写"
    )


def test_excel_a_time_a_hair_short_of_its_minute_is_that_minute(minimal: Problem) -> None:
    """A time stored to fewer digits than Excel keeps reads as 08:29:59.994: 08:30, not 08:29."""
    read = problem_from_workbook(edited(minimal, lambda book: book["Periods"].cell(2, 2, 0.3541666)))
    assert read.event.periods[0].start == dt.time(8, 30)


@pytest.mark.parametrize("takes", sorted({*excel_cells._TAKES.values(), "text"}))
def test_excel_what_a_column_takes_said_in_chinese(takes: str) -> None:
    """``planner.domain.messages`` words each thing a column takes in Chinese: its table mirrors
    ``excel_cells``' (the domain cannot import ``planner.io``), so a new kind of column needs both."""
    chinese = in_chinese(f"Rooms!C3: holds TRUE, a yes/no value: this column takes {takes}")
    assert chinese.startswith("Rooms!C3: 是逻辑值 TRUE")
    assert takes not in chinese


def test_excel_unreadable_rule_named(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Speakers"]["E3"] = "fri; someday"

    assert problems(edited(minimal, edit)) == [
        "Speakers!E3: 'someday' is not a date (2026-05-20), a range (2026-05-11..2026-05-15), "
        "a weekday (fri), a week (week 3) nor a period (am1, am2, pm1)"
    ]


def test_excel_rule_naming_unknown_period(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Rooms"]["F2"] = "2026-03-24 am1, ev9"

    assert problems(edited(minimal, edit)) == [
        "Rooms!F2: 'ev9' is not a date (2026-05-20), a range (2026-05-11..2026-05-15), "
        "a weekday (fri), a week (week 3) nor a period (am1, am2, pm1)"
    ]


def test_excel_office_spellings_read(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Rooms"]["D2"] = "projector，whiteboard"
        book["Speakers"]["E2"] = "2026/3/25；周五；2026年3月24日 pm1；第2周 am1、am2"
        book["Sessions"]["C4"] = "工作坊"
        book["Rooms"]["A3"] = 101
        book["Pins"]["A2"] = "intro"
        book["Periods"]["B2"] = "9:00"
        book["Periods"]["C2"] = "10：30"
        book["Event"]["B3"] = "=SUM(A1:A2)"
        book["Event"]["B3"].data_type = "s"  # typed as text, as Excel does after a leading apostrophe

    problem = problem_from_workbook(edited(minimal, edit))
    rules = problem.speakers[0].unavailable
    assert problem.rooms[0].features == ("projector", "whiteboard")
    assert problem.rooms[1].id == "101"
    assert [r.model_dump(mode="json", exclude_none=True) for r in rules] == [
        {"date": "2026-03-25"},
        {"weekdays": ["fri"]},
        {"date": "2026-03-24", "periods": ["pm1"]},
        {"weeks": [2], "periods": ["am1", "am2"]},
    ]
    assert problem.sessions[2].kind == "workshop"
    assert problem.event.periods[0] == minimal.event.periods[0]
    assert problem.event.title == "=SUM(A1:A2)"


def test_excel_rule_names_a_period_by_its_name(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Periods"]["D2"] = "上午第一节"
        book["Groups"]["D2"] = "周五 上午第一节、pm1"

    problem = problem_from_workbook(edited(minimal, edit))
    assert problem.event.periods[0].name == "上午第一节"
    assert [r.model_dump(mode="json", exclude_none=True) for r in problem.groups[0].unavailable] == [
        {"weekdays": ["fri"], "periods": ["am1", "pm1"]}
    ]


def test_excel_sessions_name_speakers_and_groups_by_name(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Speakers"]["B3"] = "图灵"  # alan's name, one word
        book["Sessions"]["H3"] = "图灵、ada"  # candidates of logic: a name and an id
        book["Sessions"]["G4"] = "图灵"  # the speaker of lab

    problem = problem_from_workbook(edited(minimal, edit))
    logic = problem.session("logic")
    assert logic.candidates is not None
    assert logic.candidates.from_ == ("alan", "ada")
    assert problem.session("lab").speakers == ("alan",)


def test_excel_pins_name_period_and_room_by_name(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Periods"]["D2"] = "上午第一节"
        book["Rooms"]["B2"] = "第一教室"
        book["Pins"]["D2"] = "上午第一节"
        book["Pins"]["E2"] = "第一教室"

    pin = problem_from_workbook(edited(minimal, edit)).session("intro").pinned[0]
    assert (pin.period, pin.room) == ("am1", "a")


def test_excel_members_name_their_group_by_name(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Groups"]["B2"] = "一班"
        book["Members"].append(["一班", "张三", "市委办公室"])

    members = problem_from_workbook(edited(minimal, edit)).group("g1").members
    assert [(m.name, m.unit) for m in members][-1] == ("张三", "市委办公室")


def test_excel_several_dates_one_rule_each(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Groups"]["D2"] = "2026-03-24, 2026-03-26 pm1; 2026-03-30..2026-04-01"

    rules = problem_from_workbook(edited(minimal, edit)).groups[0].unavailable
    assert [r.model_dump(mode="json", by_alias=True, exclude_none=True) for r in rules] == [
        {"date": "2026-03-24", "periods": ["pm1"]},
        {"date": "2026-03-26", "periods": ["pm1"]},
        {"from": "2026-03-30", "to": "2026-04-01"},
    ]


def test_excel_chinese_headers_and_sheet_names(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Rooms"].title = "场地"
        for cell in book["场地"][1]:
            cell.value = str(cell.value).split()[0]

    assert problem_from_workbook(edited(minimal, edit)) == minimal


def test_excel_unknown_column_sheet_and_rows(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Rooms"]["G1"] = "colour"
        book.create_sheet("Sesions")
        book["Members"].append(["g9", "Wang Fang"])
        book["Pins"].append(["nothing", 1])
        book["Sessions"]["I3"] = None
        book["Sessions"]["I2"] = 2

    assert problems(edited(minimal, edit)) == [
        "Sesions: unknown sheet (the sheets are Event, Periods, Rooms, Speakers, Groups, Members, "
        "Sessions, Pins, Rules, Notes)",
        "Rooms!G1: unknown column 'colour'",
        "Sessions!I2: pick needs candidates",
        "Members!A2: no group 'g9'",
        "Pins!A3: no session 'nothing'",
    ]


def test_excel_a_field_written_twice_is_named_not_the_last_kept(minimal: Problem) -> None:
    """A second title row on the Event sheet replaced the first without a word; a second column
    of one kind was already named."""

    def edit(book: Any) -> None:
        book["Event"].append(["名称 title", "Second title"])
        book["Rooms"]["G1"] = "名称 name"

    found = problems(edited(minimal, edit))
    last = load_workbook(io.BytesIO(problem_to_workbook(minimal)))["Event"].max_row + 1  # the appended row
    assert found == [
        f"Event!A{last}: second row for '名称 title' (first on row 3)",
        "Rooms!G1: second column for '名称 name'",
    ]
    assert [in_chinese(line) for line in found] == [
        f"Event!A{last}: '名称 title' 这一行重复了（第一次在第 3 行）",
        "Rooms!G1: '名称 name' 这一列重复了",
    ]


def test_excel_unknown_names_said_in_chinese() -> None:
    assert in_chinese("Rooms!G1: unknown column 'colour'") == "Rooms!G1: 没有这一列：'colour'"
    assert in_chinese("Event!A18: unknown field 'colour'") == "Event!A18: 没有这个字段：'colour'"


def test_excel_missing_sheets(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        del book["Rooms"]
        del book["Periods"]

    assert problems(edited(minimal, edit)) == [
        "workbook: no sheet 'Periods'",
        "workbook: no sheet 'Rooms'",
    ]


def test_excel_exported_schedule_given_as_the_event_says_so_once() -> None:
    from planner.exports.layout import build_layout
    from planner.exports.xlsx import workbook
    from tests.factories import chinese_problem, greedy_schedule

    problem = chinese_problem()
    layout = build_layout(problem, greedy_schedule(problem))
    content = workbook(layout, generated_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))

    assert problems(content) == [
        "workbook: none of an event's sheets (Event, Periods, Rooms, Speakers, Groups, Members, Sessions, "
        "Pins, Rules): a schedule exported by huiwu export (schedule.xlsx) or another workbook? Give the "
        "event's own workbook"
    ]


def test_excel_date_cell_out_of_range_is_a_problem_not_a_python_warning(minimal: Problem) -> None:
    """openpyxl warns of a date cell it cannot read (a UserWarning a command line would print
    with its file and line); the cell is named as a problem of the workbook instead."""

    def edit(book: Any) -> None:
        book["Rooms"]["C2"] = 2.08e109
        book["Rooms"]["C2"].number_format = "yyyy-mm-dd"

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = problems(edited(minimal, edit))
    assert found == [
        "Rooms!C2: should be a valid integer, unable to parse string as an integer (got '#VALUE!')"
    ]


def test_excel_not_a_workbook() -> None:
    assert problems(b"\x00\x01 not a zip") == ["file: not an Excel workbook (.xlsx): File is not a zip file"]


def test_excel_empty_workbook() -> None:
    out = io.BytesIO()
    Workbook().save(out)
    assert problems(out.getvalue()) == [
        "workbook: none of an event's sheets (Event, Periods, Rooms, Speakers, Groups, Members, Sessions, "
        "Pins, Rules): a schedule exported by huiwu export (schedule.xlsx) or another workbook? Give the "
        "event's own workbook"
    ]


def test_excel_refuses_list_item_with_separator(minimal: Problem) -> None:
    room = minimal.rooms[0].model_copy(update={"features": ("projector, big",)})
    problem = minimal.model_copy(update={"rooms": (room, *minimal.rooms[1:])})
    with pytest.raises(ExportError) as caught:
        problem_to_workbook(problem)
    assert str(caught.value) == (
        "cannot write the workbook:\nrooms[0].features: 'projector, big' holds a list separator (, ; 、)"
    )


def test_excel_period_row_and_rules_sheet_named(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Periods"]["C3"] = dt.time(8, 0)
        book["Rules"]["B2"] = "strict"
        book["Rules"]["B5"] = -1

    assert problems(edited(minimal, edit)) == [
        "Periods!A3: end must be after start",
        "Rules!B5: must be at least 0 (got -1)",
        "Rules!B2: should be 'hard' or 'soft' (got 'strict')",
    ]


def workbook_text(content: bytes) -> str:
    """Every non-blank cell of every sheet, one line each: ``Rooms!C2 = 30``."""
    book = load_workbook(io.BytesIO(content))
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            lines += [f"{sheet.title}!{c.coordinate} = {c.value!r}" for c in row if c.value is not None]
    return "\n".join(lines) + "\n"


def test_excel_layout_golden(minimal: Problem) -> None:
    assert_golden("io/minimal-workbook.txt", workbook_text(problem_to_workbook(minimal)))


def test_excel_a_chinese_event_is_written_in_the_office_s_words() -> None:
    office = read_problem(SAMPLES / "office-training-2026.yaml")
    content = problem_to_workbook(office)
    book = load_workbook(io.BytesIO(content))

    def row(sheet: str, first: str) -> dict[str, Any]:
        rows = list(book[sheet].iter_rows(values_only=True))
        keys = [str(header).split()[-1] for header in rows[0]]
        return dict(zip(keys, next(r for r in rows[1:] if r[0] == first), strict=True))

    methods = row("Sessions", "methods-c1")
    assert (methods["kind"], methods["candidates"], methods["groups"]) == ("讲座", "张立军, 刘建华", "一班")
    zhang = row("Speakers", "zhang-lijun")
    assert (zhang["unavailable"], zhang["preferred"]) == ("周一、周五", "上午第一节、上午第二节")
    assert (row("Pins", "opening")["period"], row("Pins", "opening")["room"]) == ("上午第一节", "大礼堂")
    assert row("Members", "一班")["name"] == "曹杰"
    assert row("Event", "上课日 weekdays")["value"] == "周一, 周二, 周三, 周四, 周五"
    assert problem_from_workbook(content) == office


def test_excel_an_english_event_keeps_ids() -> None:
    conference = read_problem(SAMPLES / "tech-conference.yaml")
    book = load_workbook(io.BytesIO(problem_to_workbook(conference)))
    rows = list(book["Sessions"].iter_rows(values_only=True))
    first = dict(zip([str(h).split()[-1] for h in rows[0]], rows[1], strict=True))
    session = conference.sessions[0]
    assert first["kind"] == session.kind.value
    assert first["speakers"] == ", ".join(session.speakers) == "felix-okafor"


def test_excel_event_kind_written_and_read_in_either_language(minimal: Problem) -> None:
    book = load_workbook(io.BytesIO(problem_to_workbook(minimal)))
    assert (book["Event"]["A14"].value, book["Event"]["B14"].value) == ("活动类型 kind", None)
    assert problem_from_workbook(problem_to_workbook(minimal)).event.kind is None
    training = minimal.model_copy(update={"event": minimal.event.model_copy(update={"kind": "training"})})
    assert problem_from_workbook(problem_to_workbook(training)).event.kind == "training"

    def edit(book: Any) -> None:
        book["Event"]["B14"] = "会议"

    assert problem_from_workbook(edited(minimal, edit)).event.kind == "conference"


@pytest.mark.parametrize(("typed", "read"), [(80, 80), ("80%", 80), ("80 ％", 80), (0.8, 80), (None, None)])
def test_excel_completion_rate_as_office_staff_type_it(
    minimal: Problem, typed: object, read: int | None
) -> None:
    """80, 80%, or 0.8 from a cell formatted as a percentage: all 80 (Event rows 15 and 16)."""

    def edit(book: Any) -> None:
        book["Event"]["B15"] = typed
        book["Event"]["B16"] = "2"

    event = problem_from_workbook(edited(minimal, edit)).event
    assert (event.min_attendance, event.max_absences) == (read, 2)


def test_excel_bad_completion_conditions_named(minimal: Problem) -> None:
    def edit(book: Any) -> None:
        book["Event"]["B15"] = "120%"
        book["Event"]["B16"] = "two"

    assert problems(edited(minimal, edit)) == [
        "Event!B15: must be at most 100 (got 120)",
        "Event!B16: should be a valid integer, unable to parse string as an integer (got 'two')",
    ]
