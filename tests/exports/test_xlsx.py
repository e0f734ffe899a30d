"""schedule.xlsx: sheets, headers, print setup and repeatable bytes, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import math
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planner.domain.errors import ExportError
from planner.exports.layout import build_layout
from planner.exports.xlsx import workbook
from planner.io.files import read_problem
from tests.exports.calendar_data import GENERATED_AT, dst_problem, dst_schedule
from tests.factories import greedy_schedule

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def english_book(**options: str) -> openpyxl.Workbook:
    content = workbook(build_layout(dst_problem(), dst_schedule()), generated_at=GENERATED_AT, **options)
    return openpyxl.load_workbook(io.BytesIO(content))


def chinese_book(generated_at: dt.datetime = GENERATED_AT) -> openpyxl.Workbook:
    problem = read_problem(SAMPLES / "office-training-2026.yaml")
    content = workbook(build_layout(problem, greedy_schedule(problem)), generated_at=generated_at)
    return openpyxl.load_workbook(io.BytesIO(content))


def test_workbook_has_four_sheets_by_day_room_speaker_group() -> None:
    assert english_book().sheetnames == ["By day", "By room", "By speaker", "By group"]


def test_workbook_by_day_lists_every_occurrence_in_time_order() -> None:
    rows = list(english_book()["By day"].iter_rows(values_only=True))

    assert rows[0] == (
        "Date", "Weekday", "Time", "Period", "Session", "Kind", "Speakers", "Groups", "Room", "Expected",
        "Remarks",
    )  # fmt: skip
    assert rows[1] == (
        dt.datetime(2026, 3, 23), "Monday", "09:00–10:30", "am1", "Introduction", "Lecture", "Ada Lovelace",
        "Group 1", "Room A", 20, None,
    )  # fmt: skip
    assert [row[4] for row in rows[1:]] == [
        "Introduction",
        "Logic, sets; proofs (1/3)",
        "Logic, sets; proofs (2/3)",
        "Lab",
    ]


def test_workbook_by_room_groups_rows_by_room_in_event_order() -> None:
    rows = list(english_book()["By room"].iter_rows(values_only=True))

    assert [(row[0], row[5]) for row in rows[1:]] == [
        ("Room A", "Introduction"),
        ("Room A", "Logic, sets; proofs (2/3)"),
        ("Room B, East", "Logic, sets; proofs (1/3)"),
        ("Room B, East", "Lab"),
    ]


def test_workbook_by_speaker_repeats_rows_per_speaker_with_organisation() -> None:
    rows = list(english_book()["By speaker"].iter_rows(values_only=True))

    assert [(row[0], row[1], row[6]) for row in rows[1:]] == [
        ("Ada Lovelace", "Analytical Engine Society, London", "Introduction"),
        ("Ada Lovelace", "Analytical Engine Society, London", "Logic, sets; proofs (2/3)"),
        ("Alan Turing", None, "Logic, sets; proofs (1/3)"),
        ("Alan Turing", None, "Lab"),
    ]


def test_workbook_sheets_freeze_header_and_print_landscape_fit_to_width() -> None:
    book = english_book(page_size="letter")

    setups = {
        (s.freeze_panes, s.print_title_rows, s.page_setup.orientation, s.page_setup.paperSize,
         s.page_setup.fitToWidth, s.page_setup.fitToHeight, s.sheet_properties.pageSetUpPr.fitToPage)
        for s in book.worksheets
    }  # fmt: skip

    assert setups == {("A2", "$1:$1", "landscape", 1, 1, 0, True)}  # paper size 1: letter


def test_workbook_column_widths_fit_the_longest_text() -> None:
    sheet = english_book()["By day"]

    widths = {column: sheet.column_dimensions[column].width for column in "ABEG"}

    # two characters beyond the widest text: "2026年12月31日", "Wednesday", "Logic, sets; proofs (2/3)"
    assert widths == {"A": 16.0, "B": 11.0, "E": 27.0, "G": 14.0}


def test_workbook_chinese_event_has_chinese_sheets_and_headers() -> None:
    book = chinese_book()
    sheet = book["按日期"]

    assert book.sheetnames == ["按日期", "按教室", "按授课人", "按班组", "请假"]  # the sample has leave
    assert next(sheet.iter_rows(values_only=True))[:6] == ("日期", "星期", "时间", "节次", "内容", "形式")
    assert sheet["A2"].number_format == "yyyy年m月d日"
    assert [cell.value for cell in sheet[2]][1:9] == [
        "星期一", "08:30–10:00", "上午第一节", "开班仪式", "仪式", "高建国", "一班、二班、三班",
        "综合楼 大礼堂",
    ]  # fmt: skip
    titles = {str(row[4]) for row in sheet.iter_rows(values_only=True)}
    assert "办公室工作基本方法原则（1/4）" in titles  # the longest: 13 wide characters, 3 narrow
    assert sheet.column_dimensions["E"].width == 13 * 2 + 3 + 2


def test_workbook_leave_sheet_lists_each_member_and_occurrence_the_leave_covers() -> None:
    """The office sample: 曹杰 (一班) on leave on 2026-05-20, 王磊 (二班) on the afternoons of
    2026-06-08 and 06-09; one row per occurrence of their class then, by class and member."""
    problem = read_problem(SAMPLES / "office-training-2026.yaml")
    schedule = greedy_schedule(problem)
    rows = list(chinese_book()["请假"].iter_rows(values_only=True))
    assert rows[0] == ("班组", "姓名", "单位", "日期", "星期", "时间", "节次", "内容", "地点")

    def excused(group: str, days: set[dt.date], afternoon: bool) -> int:
        return sum(
            1
            for a in schedule.assignments
            if group in a.groups and a.start.date() in days and (not afternoon or a.start.hour >= 12)
        )

    expected = [("一班", "曹杰")] * excused("c1", {dt.date(2026, 5, 20)}, False)
    expected += [("二班", "王磊")] * excused("c2", {dt.date(2026, 6, 8), dt.date(2026, 6, 9)}, True)
    assert [row[:2] for row in rows[1:]] == expected
    assert len(expected) > 2
    assert {row[3] for row in rows[1:] if row[1] == "曹杰"} == {dt.datetime(2026, 5, 20)}


def test_workbook_attendance_sheet_tallies_each_member_once_occurrences_have_ended() -> None:
    """Exported on 2026-06-05 (Beijing), after 郑振宇's absence of 2026-05-21 and 黎伟东's late
    arrival of 2026-05-13: one row per member of the three classes, the rate a percentage; before
    the course (the other tests) no sheet."""
    problem = read_problem(SAMPLES / "office-training-2026.yaml")
    schedule = greedy_schedule(problem)
    until = dt.datetime(2026, 6, 5, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    sheet = chinese_book(until)["出勤统计"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "班组", "姓名", "单位", "应出勤", "请假", "缺勤", "迟到早退", "实出勤",
        "出勤率（截至2026年6月5日 08:00）", "结业（出勤率不低于 80%，缺勤不超过 2 次）",
    )  # fmt: skip
    assert len(rows) - 1 == sum(len(g.members) for g in problem.groups)
    due = sum(1 for a in schedule.assignments if "c2" in a.groups and a.end <= until)
    missed = sum(
        1 for a in schedule.assignments if "c2" in a.groups and a.start.date() == dt.date(2026, 5, 21)
    )
    total = sum(1 for a in schedule.assignments if "c2" in a.groups)
    (row,) = [r for r in rows if r[1] == "郑振宇"]
    assert row[3:9] == (due, 0, missed, 0, due - missed, pytest.approx((due - missed) / due))
    spare = total - math.ceil(0.8 * total) - missed  # leave and absence alike count against 80 %
    assert row[9] == (f"不予结业：缺勤 {missed} 次，至多 2 次" if missed > 2 else f"尚可缺 {spare} 次")
    assert missed > 0
    (late,) = [r for r in rows if r[1] == "黎伟东"]
    assert late[6] == 1
    assert sheet["I2"].number_format == "0.0%"


def test_workbook_without_leave_has_no_leave_sheet() -> None:
    assert "On leave" not in english_book().sheetnames


def test_workbook_same_inputs_give_same_bytes() -> None:
    layout = build_layout(dst_problem(), dst_schedule())

    first = workbook(layout, generated_at=GENERATED_AT)
    time.sleep(1.1)  # openpyxl stamps the clock into zip members and properties unless told
    second = workbook(layout, generated_at=GENERATED_AT)

    assert first == second


def test_workbook_properties_and_members_carry_generated_at() -> None:
    content = workbook(build_layout(dst_problem(), dst_schedule()), generated_at=GENERATED_AT)

    book = openpyxl.load_workbook(io.BytesIO(content))
    times = {info.date_time for info in zipfile.ZipFile(io.BytesIO(content)).infolist()}

    assert (book.properties.created, book.properties.modified) == (
        dt.datetime(2026, 3, 20, 12),
        dt.datetime(2026, 3, 20, 12),
    )
    assert times == {(2026, 3, 20, 12, 0, 0)}


def test_workbook_unknown_page_size_raises_export_error() -> None:
    with pytest.raises(ExportError) as error:
        workbook(build_layout(dst_problem(), dst_schedule()), generated_at=GENERATED_AT, page_size="A3")

    assert str(error.value) == "page_size: 'A3' is not A4 or letter"


def test_workbook_remarks_name_changes_since_the_previous_version() -> None:
    previous = dst_schedule().model_copy(update={"version": 1})
    moved = dst_schedule().assignments[3].model_copy(update={"room": "a"})
    current = dst_schedule().model_copy(update={"assignments": (*dst_schedule().assignments[:3], moved)})
    content = workbook(build_layout(dst_problem(), current, previous, 1), generated_at=GENERATED_AT)

    rows = list(openpyxl.load_workbook(io.BytesIO(content))["By day"].iter_rows(values_only=True))

    assert [row[10] for row in rows[1:]] == [None, None, None, "changed since version 1 (room)"]


def test_workbook_titles_and_names_that_start_with_equals_stay_text() -> None:
    """openpyxl writes any text starting with '=' as a formula: a course "=1+1" showed as 2, a
    name "=HYPERLINK(…)" as a link. The event workbook kept them as text; the schedule did not."""
    problem = read_problem(Path(__file__).resolve().parents[1] / "data" / "minimal.yaml")
    problem = problem.model_copy(
        update={
            "sessions": [
                s.model_copy(update={"title": "=1+1"}) if s.id == "intro" else s for s in problem.sessions
            ],
            "speakers": [
                p.model_copy(update={"name": '=HYPERLINK("http://x.org","x")'}) if p.id == "ada" else p
                for p in problem.speakers
            ],
        }
    )
    content = workbook(build_layout(problem, greedy_schedule(problem)), generated_at=GENERATED_AT)
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    by_day = next(row for row in book["By day"].iter_rows(values_only=True) if row[4] == "=1+1")
    assert by_day[6] == '=HYPERLINK("http://x.org","x")'
