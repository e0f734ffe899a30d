"""Validation messages in Chinese: every message the validation tests expect has Chinese words,
keeps its location (the item and the field), and the values it quotes."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from planner.domain.errors import InvalidEvent
from planner.domain.messages import in_chinese, parse_location, with_names
from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from planner.io.files import problem_from_data, read_problem
from tests.factories import greedy_schedule
from tests.strategies import broken_schedules

HERE = Path(__file__).resolve().parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"\b(is|are|must|should|no|not|has|have|the|of|only|but|at|a|an|to)\b")


def _expected_messages() -> list[str]:
    """The ``location: text`` strings the validation tests assert."""
    found = []
    for path in sorted(HERE.glob("test_validation*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                location, text = parse_location(node.value)
                if location and text and " " in text:
                    found.append(node.value)
    return sorted(set(found))


MESSAGES = _expected_messages()


def test_the_validation_tests_give_enough_messages_to_check() -> None:
    assert len(MESSAGES) >= 30


@pytest.mark.parametrize("line", MESSAGES)
def test_every_validation_message_reads_in_chinese(line: str) -> None:
    chinese = in_chinese(line)
    _, english = parse_location(line)
    assert chinese != line
    where = line.split(": ", 1)[0]
    if where == "file":  # the whole file, said in Chinese
        assert chinese.startswith("文件：")
        chinese = chinese.replace("文件：", "file: ", 1)
    assert chinese.startswith(where + ": ")  # the item and the field stay
    text = chinese.split(": ", 1)[1]
    assert CHINESE.search(text), chinese
    outside_quotes = re.sub(r"'[^']*'|“[^”]*”", "", text)
    assert not ENGLISH.search(outside_quotes), chinese
    for quoted in re.findall(r"'[^']*'", english):
        assert quoted in text, (quoted, chinese)


def test_examples_read_as_written() -> None:
    assert (
        in_chinese("sessions[4].speakers[0]: no speaker 'li-wei'")
        == "sessions[4].speakers[0]: 没有授课人 'li-wei'"
    )
    assert (
        in_chinese("rooms[2].capacity: must be greater than 0 (got 0)")
        == "rooms[2].capacity: 必须大于 0（填的是 0）"
    )
    assert (
        in_chinese("sessions[1].features: no room has '圆桌'") == "sessions[1].features: 没有场地具备 '圆桌'"
    )
    assert in_chinese("size: 'abc' is not a number") == "size: 'abc' 不是数字"
    assert in_chinese("event.language: should be 'zh' or 'en' (got 'fr')") == (
        "event.language: 应是 'zh' 或 'en' 之一（填的是 'fr'）"
    )
    assert in_chinese("a line no pattern knows") == "a line no pattern knows"
    assert in_chinese("file: not an Excel workbook (.xlsx): File is not a zip file") == (
        "文件：不是 Excel 工作簿（.xlsx）：File is not a zip file"
    )
    assert in_chinese("line 2: malformed JSON: Expecting value") == "第 2 行：JSON 格式有误：Expecting value"
    assert in_chinese(
        "file: malformed JSON: lists or mappings nested too deeply (no event or schedule nests so)"
    ) == ("文件：JSON 格式有误：列表或映射嵌套过深（活动文件和日程文件都不会这样嵌套）")
    assert in_chinese("file: malformed JSON: Expecting value") == "文件：JSON 格式有误：Expecting value"
    assert in_chinese("line 2: the file is not UTF-8 text: save it again as UTF-8") == (
        "第 2 行：文件不是 UTF-8 编码：请另存为 UTF-8 编码"
    )
    assert in_chinese("x#1: on a sat, allowed fri, thu") == "x#1：排在周六，但只允许周五、周四"
    stale = (
        "event 'e': your edit started from revision 3, but revision 4 was saved meanwhile by wang at "
        "2026-05-01 16:00 (Asia/Shanghai) (changed: event: the header (dates, periods, title or time zone) "
        "changed; sessions: changed a, b; added c; rules: the weights or switches changed). Nothing was "
        "saved: reload the plan, apply your edit again and save."
    )
    assert in_chinese(stale) == (
        "活动 'e'：您是在第 3 版草稿上修改的，但wang已在 2026-05-01 16:00 (Asia/Shanghai) 保存了第 4 版"
        "（改动：活动基本信息（日期、节次、名称或时区）；课程：修改 a、b；新增 c；规则的权重或开关）。"
        "这次没有保存：请重新载入，再改一遍后保存。"
    )


def test_a_schedule_or_its_workbook_given_as_the_event_reads_in_chinese() -> None:
    assert in_chinese("file: a schedule (schedule.json), not an event: give the event's own file here") == (
        "文件：这是日程文件（schedule.json），不是活动文件：请改用活动本身的文件"
    )
    workbook = (
        "workbook: none of an event's sheets (Event, Periods, Rooms): a schedule exported by huiwu export "
        "(schedule.xlsx) or another workbook? Give the event's own workbook"
    )
    assert in_chinese(workbook) == (
        "工作簿：没有活动文件应有的工作表（Event, Periods, Rooms）："
        "是导出的日程表（schedule.xlsx）或别的工作簿吗？请改用活动本身的工作簿"
    )
    assert in_chinese("workbook: no sheet 'Rooms'") == "工作簿：缺少工作表 'Rooms'"
    assert in_chinese("Sesions: unknown sheet (the sheets are Event, Rooms, Notes)") == (
        "Sesions: 无法识别的工作表（应为 Event, Rooms, Notes）"
    )


def test_a_real_invalid_event_reads_in_chinese() -> None:
    data = {
        "event": {"id": "e", "title": "培训", "start": "2026-05-11", "end": "2026-05-15", "language": "zh"},
        "rooms": [{"id": "r", "name": "教室", "capacity": 0}],
        "sessions": [{"id": "s", "title": "课", "speakers": ["nobody"]}],
    }
    with pytest.raises(InvalidEvent) as caught:
        problem_from_data(data)
    lines = [in_chinese(line) for line in caught.value.problems]
    assert lines
    assert all(CHINESE.search(line) for line in lines), lines


def test_a_workbook_s_cells_read_in_chinese() -> None:
    """Excel imports name the sheet and cell instead of the field (``planner.io.excel``)."""
    assert in_chinese("Rooms!C3: must be greater than 0 (got 0)") == "Rooms!C3: 必须大于 0（填的是 0）"
    assert in_chinese("场地!C3: is required") == "场地!C3: 必须填写"
    backwards = "from 2026-05-15 is after to 2026-05-11: the range holds no day"
    assert in_chinese(f"Speakers!E3: '2026-05-15至2026-05-11': {backwards}") == (
        "Speakers!E3: '2026-05-15至2026-05-11': "
        "开始日期 2026-05-15 晚于结束日期 2026-05-11，这段日期一天也不包含"
    )
    unsaved = "whose result was never saved: open and save the workbook in Excel or WPS, or type the value"
    assert in_chinese(f"Rooms!C3: holds a formula (=10*3) {unsaved}") == (
        "Rooms!C3: 是公式 (=10*3)，但文件里没有保存它的计算结果："
        "请用 Excel 或 WPS 打开并保存一次，或直接填写数值"
    )
    yes_no = "holds TRUE, a yes/no value: this column takes"
    assert in_chinese(f"Rooms!C3: {yes_no} a number") == "Rooms!C3: 是逻辑值 TRUE（是/否），这一列应填数字"
    assert in_chinese(f"Speakers!B2: {yes_no} text") == "Speakers!B2: 是逻辑值 TRUE（是/否），这一列应填文字"
    assert in_chinese("Rooms!C3: a sentence no pattern knows") == "Rooms!C3: a sentence no pattern knows"


def _without_ids(text: str) -> str:
    """The words of a message with what it quotes and its occurrence labels (``logic#2``) left out."""
    return re.sub(r"'[^']*'|“[^”]*”|\S+#\d+", "", text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_schedules())
def test_every_hard_rule_the_oracle_finds_broken_reads_in_chinese(
    case: tuple[Problem, Schedule, tuple[str, int], Schedule],
) -> None:
    """Random schedules break the hard rules at will; each line the oracle writes has Chinese words."""
    problem, schedule, _, _ = case
    for line in check_schedule(problem, schedule).violations:
        chinese = in_chinese(line)
        assert CHINESE.search(chinese), line
        assert not ENGLISH.search(_without_ids(chinese)), chinese
        for quoted in re.findall(r"'[^']*'", line):
            assert quoted in chinese, (quoted, chinese)


OFFICE = read_problem(HERE.parents[1] / "samples" / "office-training-2026.yaml")


@pytest.mark.parametrize(
    ("line", "zh", "en"),
    [
        (
            "meetings-c1#1: pinned to room 'room-101', placed in 'computer-lab'",
            "会务管理（一班）第1讲：固定在场地“第一教室”，却排在“计算机教室”",
            "会务管理 (一班) #1: pinned to room '第一教室', placed in '计算机教室'",
        ),
        (
            "room 'hall' double-booked: sessions opening#1 and methods-c2#2 at 2026-05-11 am1",
            "场地“大礼堂”同时排了 开班仪式 和 办公室工作基本方法原则（二班）第2讲（2026-05-11 上午第一节）",
            "room '大礼堂' double-booked: sessions 开班仪式 and 办公室工作基本方法原则 (二班) #2 "
            "at 2026-05-11 上午第一节",
        ),
        (
            "writing-c1#1 starts before docs-c1#3 ends ('writing-c1' comes after)",
            "公文写作规范（一班）第1讲 在 公文处理规范（一班）第3讲 结束之前开始"
            "（“公文写作规范（一班）”应排在其后）",
            "公文写作规范 (一班) #1 starts before 公文处理规范 (一班) #3 ends "
            "('公文写作规范 (一班)' comes after)",
        ),
    ],
)
def test_messages_name_rooms_people_and_lectures(line: str, zh: str, en: str) -> None:
    """What the app shows: the event's names for its ids and periods."""
    assert with_names(OFFICE, in_chinese(line), "zh") == zh
    assert with_names(OFFICE, line) == en


def test_names_leave_unknown_ids_and_shared_ids_alone() -> None:
    shared = OFFICE.model_copy(
        update={"groups": (*OFFICE.groups[:2], OFFICE.groups[2].model_copy(update={"id": "hall"}))}
    )
    assert with_names(OFFICE, "speaker 'nobody' has logic#2 at 2026-05-11 noon") == (
        "speaker 'nobody' has logic#2 at 2026-05-11 noon"
    )
    assert with_names(shared, "room 'hall' is closed") == "room 'hall' is closed"


def test_a_schedule_left_behind_by_the_event_reads_in_chinese() -> None:
    """A schedule solved before the event changed (a room, a session or a period gone, one
    occurrence too many, a start between periods): every line the oracle writes is in Chinese."""
    problem = read_problem(HERE.parents[0] / "data" / "minimal.yaml")
    schedule = greedy_schedule(problem)
    first, second, third = schedule.assignments[:3]
    stale = (
        first.model_copy(update={"room": "gone"}),
        second.model_copy(update={"session": "dropped"}),
        third.model_copy(update={"start": third.start + dt.timedelta(minutes=10)}),
        *schedule.assignments[3:],
        schedule.assignments[-1].model_copy(update={"occurrence": 9}),
    )
    lines = check_schedule(problem, schedule.model_copy(update={"assignments": stale})).violations
    assert len(lines) >= 4
    for line in lines:
        chinese = in_chinese(line)
        assert CHINESE.search(chinese), line
        assert not ENGLISH.search(_without_ids(chinese)), chinese


def test_messages_zh_web_address() -> None:
    english = "'abc' is not a web address such as https://plan.example.org or http://127.0.0.1:8765"
    assert in_chinese(english) == "'abc' 不是网址，应形如 https://plan.example.org 或 http://127.0.0.1:8765"
    assert in_chinese(f"HUIWU_FEEDS_URL: {english}").startswith("HUIWU_FEEDS_URL: 'abc' 不是网址")


def test_messages_zh_date_with_a_time_and_a_huge_number() -> None:
    assert in_chinese("event.start: should be a date without a time of day (got '2026-03-23T08:30:00')") == (
        "event.start: 应是日期，不带时刻（如 2026-05-11）（填的是 '2026-03-23T08:30:00'）"
    )
    assert in_chinese("Rooms!C2: should be a whole number of a sensible size (got 1e+20)") == (
        "Rooms!C2: 应是大小合理的整数（填的是 1e+20）"
    )


def test_messages_zh_a_key_written_twice() -> None:
    english = (
        "line 28: malformed YAML: 'sessions' appears twice in one mapping (first on line 24): "
        "keep one, or merge the two"
    )
    assert in_chinese(english) == (
        "第 28 行：YAML 格式有误：'sessions' 在同一层出现了两次（第一次在第 24 行）：只保留一处，或把两处合并"
    )
    assert in_chinese(
        "file: malformed JSON: 'id' appears twice in one object: keep one, or merge the two"
    ) == ("文件：JSON 格式有误：'id' 在同一个对象中出现了两次：只保留一处，或把两处合并")
