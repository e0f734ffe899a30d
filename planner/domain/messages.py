"""Pydantic's structural errors as one line each, naming the item and the field.

``rooms[2].capacity: must be greater than 0 (got 0)``: the location is written
the way the event file reads (``sessions[4].candidates.from[0]``), the text in
plain words, and the offending value shown when it is short.

``in_chinese(line)`` words any message of the planner (validation, refused edits)
in Chinese for the browser app, keeping its location: each English message has a
pattern and a Chinese template in ``_CHINESE``; a message without one is kept as
written (``tests/domain/test_messages_zh.py`` checks every message the validation
tests expect). ``with_names(problem, line)`` then puts names where a message
has ids: rooms, speakers and groups by name, ``methods-c1#2`` as the course's
title, class and lecture, ``2026-05-20 am1`` with the period's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from planner.domain.model import CHINESE_WEEKDAYS, Problem
from planner.domain.names import Names
from planner.domain.wording import conference_template

Location = tuple[int | str, ...]

_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "unknown field",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "too_short": "must have at least {min_length} item(s)",
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most {max_length} characters",
    "string_pattern_mismatch": "must be an id without spaces",
    "tuple_type": "should be a list",
    "list_type": "should be a list",
    "model_type": "should be a mapping of fields",
    "model_attributes_type": "should be a mapping of fields",
    "dict_type": "should be a mapping of fields",
    "date_from_datetime_inexact": "should be a date without a time of day",
    "int_parsing_size": "should be a whole number of a sensible size",
}
_PATH = re.compile(r"^([A-Za-z_]\w*(?:\[\d+\])*(?:\.[A-Za-z_]\w*(?:\[\d+\])*)*): (.*)$", re.DOTALL)
_PART = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")
_CELL = re.compile(r"^(?P<ref>[^\s:!][^:!\n]*![A-Z]{1,3}[0-9]+): (?P<text>.+)$", re.DOTALL)
"""A workbook's location (``Rooms!C3: ...``, ``场地!C3: ...``), as ``planner.io.excel`` gives it."""
_QUOTED_RULE = re.compile(r"^(?P<rule>'[^']*': )(?P<text>.+)$", re.DOTALL)


def describe_pydantic_errors(error: ValidationError, prefix: Location = (), root: str = "file") -> list[str]:
    """One line per pydantic error: ``rooms[2].capacity: must be greater than 0 (got 0)``; an error
    of the whole validated value is located at ``root`` (none when empty: the text alone)."""
    errors = error.errors(include_url=False)
    inner = {tuple(item["loc"][:-1]) for item in errors if len(item["loc"]) > 1}
    lines = []
    for item in errors:
        if item["type"] == "too_short" and any(
            loc[: len(item["loc"])] == tuple(item["loc"]) for loc in inner
        ):
            continue  # a list emptied by its own invalid items: those items are reported
        where = format_location((*prefix, *item["loc"])) or root
        lines.append(f"{where}: {_message(item)}" if where else _message(item))
    return list(dict.fromkeys(lines))


def format_location(loc: Sequence[int | str]) -> str:
    """``("sessions", 4, "speakers", 0)`` -> ``sessions[4].speakers[0]``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif "[" in part or part.startswith("function-"):
            continue  # union / validator branches pydantic adds to the path
        else:
            text += f".{part}" if text else part
    return text.replace(".from_", ".from")


def parse_location(line: str) -> tuple[Location, str]:
    """Split ``sessions[4].speakers[0]: no speaker 'x'`` into the location tuple and the text.

    A line without a location gives ``()`` and the whole line.
    """
    match = _PATH.match(line)
    if match is None:
        return (), line
    parts: list[int | str] = []
    for name, index in _PART.findall(match.group(1)):
        parts.append(int(index) if index else name)
    return tuple(parts), match.group(2)


YES_NO_TEXT = (
    "should be text, not a yes/no value (YAML reads an unquoted yes, no, on, off, true or false so: "
    "put it in quotes)"
)


def _message(item: Any) -> str:
    template = _MESSAGES.get(item["type"])
    ctx = item.get("ctx") or {}
    if item["type"] == "string_type" and isinstance(item.get("input"), bool):
        return YES_NO_TEXT  # a name written `no`: the file says no, not False
    if template is not None:
        text = template.format(**ctx)
    else:
        text = str(item["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            text = text.removeprefix(prefix)
        text = text.replace("Input should be", "should be")
        text = text[:1].lower() + text[1:]
    value = item.get("input")
    if item["type"] not in ("missing", "extra_forbidden") and isinstance(value, str | int | float):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "...'"
        if not (isinstance(value, str) and (not value or repr(value) in text)):
            text += f" (got {shown})"
    return text


_GOT = re.compile(r" \(got (?P<value>.+)\)$", re.DOTALL)
_THINGS = {
    "room": "场地",
    "speaker": "授课人",
    "group": "班级",
    "session": "课程",
    "period": "节次",
    "weekday": "星期",
    "template": "模板",
}
_TAKES = {"a number": "数字", "a date": "日期", "dates": "日期", "a time": "时刻", "text": "文字"}
"""What a workbook's column takes (``planner.io.excel_cells``), in Chinese."""
_CHINESE: list[tuple[str, str]] = [  # the specific before the general: the first that fits wins
    ("is required", "必须填写"),
    ("unknown field", "没有这个字段"),
    ("unknown field {name}", "没有这个字段：{name}"),
    ("unknown column {name}", "没有这一列：{name}"),
    ("second column for {name}", "{name} 这一列重复了"),
    ("second row for {name} (first on row {n})", "{name} 这一行重复了（第一次在第 {n} 行）"),
    ("must be greater than {n}", "必须大于 {n}"),
    ("must be at least {n}", "不能小于 {n}"),
    ("must have at least {n} item(s)", "至少要有 {n} 项"),
    ("must not be empty", "不能为空"),
    ("must be at most {n} characters", "最多 {n} 个字符"),
    ("must be an id without spaces", "必须是不含空格的编号"),
    ("should be a list", "应是一个列表"),
    ("should be a mapping of fields", "应是若干字段"),
    ("should be a number, not a yes/no value", "应是数字，而不是“是/否”"),
    (
        YES_NO_TEXT,
        "应是文字，而不是“是/否”（YAML 把不加引号的“yes”“no”“on”“off”“true”“false”读作是/否：请加上引号）",
    ),
    ("should be a valid integer{rest}", "应是整数"),
    ("should be a whole number of a sensible size", "应是大小合理的整数"),
    ("should be a date without a time of day", "应是日期，不带时刻（如 2026-05-11）"),
    ("should be in a valid time format{rest}", "应是时刻（如 08:30）"),
    ("should be in a valid date format{rest}", "应是日期（如 2026-05-11）"),
    ("expected a mapping with {fields}", "应包含 {fields} 这几部分"),
    ("should be a valid number{rest}", "应是数字"),
    ("should be a valid date{rest}", "应是日期（如 2026-05-11）"),
    ("should be a valid time{rest}", "应是时刻（如 08:30）"),
    ("should be a valid boolean{rest}", "应是“是”或“否”"),
    ("should be a valid string{rest}", "应是文字"),
    ("end must be after start", "结束时间必须晚于开始时间"),
    (
        "a rule needs at least one of date, from, to, weekdays, weeks, periods",
        "一条时间规则至少要有 date、from、to、weekdays、weeks、periods 中的一项",
    ),
    (
        "from {start} is after to {end}: the range holds no day",
        "开始日期 {start} 晚于结束日期 {end}，这段日期一天也不包含",
    ),
    (
        "holds a formula {formula} whose result was never saved: open and save the workbook in "
        "Excel or WPS, or type the value",
        "是公式 {formula}，但文件里没有保存它的计算结果：请用 Excel 或 WPS 打开并保存一次，或直接填写数值",
    ),
    (
        "holds {value}, a date and not a time of day: type it as 08:30",
        "是日期时间 {value}，不是一天中的时刻：请按 08:30 的格式填写",
    ),
    (
        "holds {value}, a yes/no value: this column takes {takes}",
        "是逻辑值 {value}（是/否），这一列应填{takes}",
    ),
    ("unknown time zone {zone}", "未知的时区 {zone}"),
    ("{day} is outside the years {a} to {b}", "{day} 不在 {a} 年至 {b} 年之间"),
    ("the last date {end} is before the first date {start}", "最后一天 {end} 早于第一天 {start}"),
    (
        "the event lasts {days} days; Huiwu plans events of at most {most} days",
        "活动持续 {days} 天；会务最多安排 {most} 天的活动",
    ),
    ("no working day between event.start and event.end", "开始日期和结束日期之间没有上课日"),
    (
        "{b} starts at {t1}, before {a} ends at {t2} (periods must be in order and must not overlap)",
        "{b} 在 {t1} 开始，早于 {a} 结束的 {t2}（各节必须按时间顺序且不能重叠）",
    ),
    ("duplicate {thing} id {id}", "{thing}编号 {id} 重复"),
    ("a session cannot follow itself", "课程不能排在自己之后"),
    ("{id} is already a fixed speaker of the session", "{id} 已是这门课的固定授课人"),
    ("picks {pick} speakers from only {pool}", "要选 {pick} 位授课人，但候选人只有 {pool} 位"),
    (
        "an empty list allows no {thing} at all (leave it out to allow every {thing2})",
        "空列表表示任何{thing}都不允许（不填则全部允许）",
    ),
    ("{length} periods is longer than a day ({day} periods)", "{length} 节比一天的 {day} 节还长"),
    (
        "{n} occurrences but the calendar holds only {capacity} periods",
        "要上 {n} 次，但日历只有 {capacity} 节",
    ),
    (
        "asks for {days} distinct days but the event has only {working} working days",
        "要求分布在 {days} 个不同的日子，但整个活动只有 {working} 个工作日",
    ),
    ("no room has all of {features}", "没有场地同时具备 {features}"),
    ("no room has {feature}", "没有场地具备 {feature}"),
    (
        "expects {seats} people but the largest room seats {largest}",
        "预计 {seats} 人，但最大的场地只有 {largest} 座",
    ),
    ("the session has only {n} occurrence(s)", "这门课只有 {n} 讲"),
    ("room {room} has no {feature}", "场地 {room} 没有 {feature}"),
    (
        "room {room} seats {capacity} but the session expects {seats} people",
        "场地 {room} 只有 {capacity} 座，但这门课预计 {seats} 人",
    ),
    (
        "a session of {length} periods starting at {period} ends after the last period",
        "从 {period} 开始的 {length} 节课会超出当天最后一节",
    ),
    ("{date} is outside the event ({start} to {end})", "{date} 不在活动日期（{start} 至 {end}）之内"),
    (
        "outside the event ({start} to {end}), changing nothing: {dates}",
        "不在活动日期（{start} 至 {end}）之内，不起作用：{dates}",
    ),
    (
        "{date} is also a day off (holidays or blackout), so nothing takes place on it",
        "{date} 同时是休息日（节假日或不可用日期），这一天什么都不安排",
    ),
    ("no session names {id}", "没有任何课程用到 {id}"),
    ("{date} is a holiday", "{date} 是节假日"),
    ("{date} is not a working day", "{date} 不是上课日"),
    ("goes round in a circle: {cycle}", "先后顺序绕成了一个圈：{cycle}"),
    (
        "{name} is booked for {load} periods but the calendar holds only {capacity}",
        "{name}要上 {load} 节，但日历只有 {capacity} 节",
    ),
    ("not an editable section", "不是可以编辑的部分"),
    (
        "unknown kind of file (expected {kinds})",
        "无法识别的文件类型（应为 {kinds}）",
    ),
    ("not an Excel workbook (.xlsx): {reason}", "不是 Excel 工作簿（.xlsx）：{reason}"),
    (
        "a schedule (schedule.json), not an event: give the event's own file here",
        "这是日程文件（schedule.json），不是活动文件：请改用活动本身的文件",
    ),
    (
        "none of an event's sheets ({names}): a schedule exported by huiwu export (schedule.xlsx) or "
        "another workbook? Give the event's own workbook",
        "没有活动文件应有的工作表（{names}）：是导出的日程表（schedule.xlsx）或别的工作簿吗？"
        "请改用活动本身的工作簿",
    ),
    ("no sheet '{name}'", "缺少工作表 '{name}'"),
    ("unknown sheet (the sheets are {names})", "无法识别的工作表（应为 {names}）"),
    (
        "'{text}' is not a web address such as https://plan.example.org or http://127.0.0.1:8765",
        "'{text}' 不是网址，应形如 https://plan.example.org 或 http://127.0.0.1:8765",
    ),
    (
        "line {n}: malformed YAML: '{key}' appears twice in one mapping (first on line {m}): "
        "keep one, or merge the two",
        "第 {n} 行：YAML 格式有误：'{key}' 在同一层出现了两次（第一次在第 {m} 行）：只保留一处，或把两处合并",
    ),
    (
        "malformed JSON: '{key}' appears twice in one object: keep one, or merge the two",
        "JSON 格式有误：'{key}' 在同一个对象中出现了两次：只保留一处，或把两处合并",
    ),
    ("line {n}: malformed YAML: {why}", "第 {n} 行：YAML 格式有误：{why}"),
    ("line {n}: malformed JSON: {why}", "第 {n} 行：JSON 格式有误：{why}"),
    (
        "malformed {format}: lists or mappings nested too deeply (no event or schedule nests so)",
        "{format} 格式有误：列表或映射嵌套过深（活动文件和日程文件都不会这样嵌套）",
    ),
    ("malformed YAML: {why}", "YAML 格式有误：{why}"),
    ("malformed JSON: {why}", "JSON 格式有误：{why}"),
    (
        "line {n}: the file is not UTF-8 text (perhaps GBK, as older Chinese Windows programs save): "
        "save it again as UTF-8",
        "第 {n} 行：文件不是 UTF-8 编码（可能是较早的中文 Windows 程序保存的 GBK 编码）：请另存为 UTF-8 编码",
    ),
    (
        "line {n}: the file is not UTF-8 text: save it again as UTF-8",
        "第 {n} 行：文件不是 UTF-8 编码：请另存为 UTF-8 编码",
    ),
    ("{value} is not zh or en", "{value} 不是 zh 或 en"),
    ("{value} is not a number", "{value} 不是数字"),
    ("{value} is not a whole number", "{value} 不是整数"),
    ("{value} is not a date (write 2026-05-20)", "{value} 不是日期（请写成 2026-05-20）"),
    (
        "{value} is not a date (2026-05-20), a range (2026-05-11..2026-05-15), a weekday (fri), "
        "a week (week 3) nor a period ({periods})",
        "{value} 既不是日期（2026-05-20）、日期范围（2026-05-11..2026-05-15）、星期（fri）、"
        "周次（week 3），也不是节次（{periods}）",
    ),
    ("no template {name} (choose {choices})", "没有模板 {name}（可选 {choices}）"),
    ("{value} is not one of {choices}", "{value} 不是 {choices} 之一"),
    ("no {thing} {id}", "没有{thing} {id}"),
    ("should be {choices}", "应是 {choices} 之一"),
    ("must be at most {n}", "不能大于 {n}"),
    # the oracle's hard rules (planner.domain.oracle, oracle_hard): a label such as methods-c1#2 first
    (
        "{what} {owner} double-booked: sessions {a} and {b} at {when}",
        "{what} {owner} 同时排了 {a} 和 {b}（{when}）",
    ),
    ("{label}: room {room} lacks {features}", "{label}：场地 {room} 没有 {features}"),
    (
        "{label}: {seats} people in room {room} that seats {capacity}",
        "{label}：{seats} 人，场地 {room} 只有 {capacity} 座",
    ),
    ("{label}: room {room} is closed at {when}", "{label}：场地 {room} 在 {when} 不开放"),
    ("{label}: speakers {ids} missing", "{label}：缺少授课人 {ids}"),
    (
        "{label}: needs {pick} speaker(s) from {pool}, has {picked}",
        "{label}：要从 {pool} 中选 {pick} 位授课人，现在是 {picked}",
    ),
    ("{label}: speaker {speaker} is unavailable at {when}", "{label}：授课人 {speaker} 在 {when} 没空"),
    ("{label}: groups {given} instead of {wanted}", "{label}：班级应为 {wanted}，不是 {given}"),
    (
        "speaker {speaker} teaches {n} sessions on {day} (limit {limit} a day)",
        "授课人 {speaker} 在 {day} 讲 {n} 次（每天最多 {limit} 次）",
    ),
    (
        "speaker {speaker} teaches {n} sessions in week {week} (limit {limit} a week)",
        "授课人 {speaker} 第 {week} 周讲 {n} 次（每周最多 {limit} 次）",
    ),
    (
        "speaker {speaker} has {gap} minutes between {a} in room {r1} and {b} in room {r2} "
        "(another building, {travel} needed)",
        "授课人 {speaker} 从 {a}（{r1}）到 {b}（{r2}）只有 {gap} 分钟，换楼需要 {travel} 分钟",
    ),
    ("{label}: group {group} is unavailable at {when}", "{label}：班级 {group} 在 {when} 没空"),
    ("{label}: on a {weekday}, allowed {weekdays}", "{label}：排在{weekday}，但只允许{weekdays}"),
    ("{label}: starts at {period}, allowed {periods}", "{label}：从 {period} 开始，但只允许 {periods}"),
    ("{label}: the session is unavailable at {when}", "{label}：这门课在 {when} 不能上"),
    ("{label}: pinned to room {room}, placed in {placed}", "{label}：固定在场地 {room}，却排在 {placed}"),
    ("{label}: pinned to {pin}, placed on {day}", "{label}：固定在 {pin}，却排在 {day}"),
    ("{label}: pinned to {pin}, starts at {period}", "{label}：固定在 {pin}，却从 {period} 开始"),
    ("{b} starts before {a} ends ({session} comes after)", "{b} 在 {a} 结束之前开始（{session} 应排在其后）"),
    ("{b} starts before {a} ends", "{b} 在 {a} 结束之前开始"),
    (
        "weekly session {session} meets at {n} different weekday/period pairs",
        "每周课程 {session} 分散在 {n} 个不同的星期和节次",
    ),
    ("weekly session {session} meets {n} times in week {week}", "每周课程 {session} 第 {week} 周上了 {n} 次"),
    ("{a} runs in parallel with exclusive {b} at {when}", "{a} 与独占时段的 {b} 同时进行（{when}）"),
    ("{label}: frozen before {date} but moved", "{label}：{date} 之前的安排已冻结，却被移动"),
    (
        "{label}: frozen before {date} but given by other speakers",
        "{label}：{date} 之前的安排已冻结，却换了授课人",
    ),
    ("{label}: placed at {when}, before the freeze ({date})", "{label}：排在 {when}，早于冻结时间（{date}）"),
    ("{label}: placed {n} times", "{label}：排了 {n} 次"),
    ("{label}: not placed", "{label}：没有排上"),
    ("{label}: no session {id} in the event", "{label}：活动里没有课程 {id}"),
    ("{label}: no room {id} in the event", "{label}：活动里没有场地 {id}"),
    ("{label}: no speaker {id} in the event", "{label}：活动里没有授课人 {id}"),
    ("{label}: the session has only {n} occurrence(s)", "{label}：这门课只有 {n} 讲"),
    (
        "{label}: starts at {when}, not at a period of a working day",
        "{label}：{when} 开始，不在任何上课日的节次上",
    ),
    (
        "{label}: {n} periods from {when} run past the last period",
        "{label}：从 {when} 开始的 {n} 节会超出当天最后一节",
    ),
    ("{label}: ends at {when}, not after {n} period(s)", "{label}：{when} 结束，与 {n} 节的长度不符"),
    ("{label}: no such occurrence in the schedule", "{label}：日程里没有这一讲"),
    ("{label}: {day} {period} is not a slot of the event", "{label}：{day} {period} 不是活动的上课时段"),
    (
        "{label}: {n} periods from {period} end after the last period",
        "{label}：从 {period} 开始的 {n} 节会超出当天最后一节",
    ),
    ("the schedule breaks hard rules:", "这个日程违反了硬性规则："),
    # two people at work on one plan (planner.storage.repository, planner.usecases.review)
    (
        "event {id}: your edit started from revision {base}, but revision {current} was saved meanwhile "
        "by {who} at {when} (changed: {edits}). Nothing was saved: reload the plan, apply your edit "
        "again and save.",
        "活动 {id}：您是在第 {base} 版草稿上修改的，但{who}已在 {when} 保存了第 {current} 版"
        "（改动：{edits}）。这次没有保存：请重新载入，再改一遍后保存。",
    ),
    (
        "event {id}: the draft is at revision {current} (saved by {who} at {when}), not the revision "
        "{mine} you reviewed. Nothing was published: reload the plan, check the schedule and publish again.",
        "活动 {id}：草稿已是第 {current} 版（{who}于 {when} 保存），不是您检查过的第 {mine} 版。"
        "这次没有发布：请重新载入，检查日程后再发布。",
    ),
    (
        "event {id}: version {current} was published by {who} at {when} while this publish was repaired "
        "from version {previous}. Nothing was published: publish again.",
        "活动 {id}：这次从第 {previous} 版修复期间，{who}已于 {when} 发布了第 {current} 版。"
        "这次没有发布：请重新发布。",
    ),
    (
        "event {id}: version {current} was published while this publish was repaired from version "
        "{previous}. Nothing was published: publish again.",
        "活动 {id}：这次从第 {previous} 版修复期间，第 {current} 版已经发布。这次没有发布：请重新发布。",
    ),
    (
        "event {id} already exists (revision {current}, saved by {who} at {when}); load it and edit "
        "that revision",
        "活动 {id} 已经存在（第 {current} 版，{who}于 {when} 保存）；请载入后在那一版上修改",
    ),
    ("event {id} was created meanwhile by someone else; load it", "活动 {id} 刚被别人创建；请载入"),
    ("event {id}: version {n} was published meanwhile", "活动 {id}：第 {n} 版刚被别人发布"),
    (
        "event {id}: there is no such plan to update (revision {n})",
        "活动 {id}：没有可以更新的计划（第 {n} 版）",
    ),
    ("no plan {id} in the database", "数据库里没有计划 {id}"),
]


def _pattern(english: str) -> re.Pattern[str]:
    """``no {thing} {id}`` -> a regular expression with a named group per placeholder
    (``{rest}``: whatever follows, possibly nothing)."""
    parts = re.split(r"\{(\w+)\}", english)
    regex = "".join(
        (f"(?P<{part}>.*)" if part == "rest" else f"(?P<{part}>.+?)") if i % 2 else re.escape(part)
        for i, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


_EDITS = {  # planner.storage.edits.describe_edits, and what a conflict says when it finds nothing
    "event: the header (dates, periods, title or time zone) changed": (
        "活动基本信息（日期、节次、名称或时区）"
    ),
    "rules: the weights or switches changed": "规则的权重或开关",
    "the working schedule": "日程",
    "nothing in the event itself": "活动本身没有改动",
}
_SECTIONS = {"rooms": "场地", "speakers": "授课人", "groups": "班级", "sessions": "课程"}
_VERBS = {"changed": "修改", "added": "新增", "removed": "删除"}
_EDIT = re.compile(r"(?:(rooms|speakers|groups|sessions): )?(changed|added|removed) (.+)")


def _edits_in_chinese(text: str, words: Callable[[str], str]) -> str:
    """``sessions: changed lab; added x; rules: ...`` -> ``课程：修改 lab；新增 x；规则的权重或开关``."""
    parts = []
    for part in text.split("; "):
        found = _EDIT.fullmatch(part)
        if part in _EDITS:
            parts.append(words(_EDITS[part]))
        elif found is not None:
            section, verb, ids = found.groups()
            where = f"{words(_SECTIONS[section])}：" if section else ""
            parts.append(f"{where}{_VERBS[verb]} {ids.replace(', ', '、')}")
        else:
            parts.append(part)
    return "；".join(parts)


_CHINESE_PATTERNS = [(_pattern(english), chinese) for english, chinese in _CHINESE]


def in_chinese(line: str, conference: bool = False) -> str:
    """A message of the planner (``location: text``) with its text in Chinese, in a conference's
    words when ``conference`` (``planner.domain.wording``); the location, which names the item and
    the field in the event file, stays as it is. A text no pattern knows is kept."""
    words = conference_template if conference else str
    location, text = parse_location(line)
    cell = None if location else _CELL.match(line)
    if cell is not None:  # a workbook's cell: the sheet and cell stay, the text is reworded
        quoted = _QUOTED_RULE.match(cell["text"])  # a rule's text, then what is wrong with it
        if quoted is not None:
            return f"{cell['ref']}: {quoted['rule']}{in_chinese(quoted['text'], conference)}"
        return f"{cell['ref']}: {in_chinese(cell['text'], conference)}"
    got = _GOT.search(text)
    value = ""
    if got is not None:
        text, value = text[: got.start()], f"（填的是 {got.group('value')}）"
    for pattern, chinese in _CHINESE_PATTERNS:
        found = pattern.fullmatch(text)
        if found is not None:
            found_parts = found.groupdict().items()  # only Huiwu's own words are reworded, not the event's
            parts = {name: words(_THINGS[part]) if part in _THINGS else part for name, part in found_parts}
            if "choices" in parts:  # 'a', 'b' or 'c'
                parts["choices"] = parts["choices"].replace(" or ", " 或 ").replace(", ", "、")
            if "takes" in parts:
                parts["takes"] = _TAKES.get(parts["takes"], parts["takes"])
            if "edits" in parts:
                parts["edits"] = _edits_in_chinese(parts["edits"], words)
            for name in ("weekday", "weekdays"):
                if name in parts:
                    parts[name] = "、".join(CHINESE_WEEKDAYS.get(day, day) for day in parts[name].split(", "))
            text = words(chinese).format(**parts) + value
            break
    else:
        return line
    where = format_location(location)
    if where in ("file", "workbook"):  # the whole file (``describe_pydantic_errors``' root), not a field
        return f"{'文件' if where == 'file' else '工作簿'}：{text}"
    return f"{where}: {text}" if where else text


_QUOTED = re.compile(r"'([^'\s]+)'")
_LABEL = re.compile(r"(?<![\w#-])([A-Za-z0-9_][\w.-]*)#(\d+)(?![\w#])")
_WHEN = re.compile(r"\b(\d{4}-\d{2}-\d{2}) ([A-Za-z_][\w-]*)\b")


def with_names(problem: Problem, text: str, language: str = "en") -> str:
    """``text`` (one or more lines) with names for the ids it quotes, for occurrence labels and for
    period ids after a date (``'room-101'`` -> ``“第一教室”``, ``methods-c1#2`` ->
    ``办公室工作基本方法原则（一班）第2讲``). An id two kinds of thing share is left as it is."""
    zh = language == "zh"
    names = Names(problem, language)
    things: dict[str, list[str]] = {}
    for items in (problem.rooms, problem.speakers, problem.groups):
        for item in items:
            things.setdefault(item.id, []).append(item.name)
    for session_id in names.sessions:
        things.setdefault(session_id, []).append(names.course(session_id))
    periods = {p.id: p.name for p in problem.event.periods if p.name}

    def quoted(found: re.Match[str]) -> str:
        names = things.get(found.group(1), [])
        if len(names) != 1:
            return found.group(0)
        return f"“{names[0]}”" if zh else f"'{names[0]}'"

    def label(found: re.Match[str]) -> str:
        session_id, number = found.groups()
        if session_id not in names.sessions:
            return found.group(0)
        return names.lecture(session_id, int(number))

    def when(found: re.Match[str]) -> str:
        return f"{found.group(1)} {periods.get(found.group(2), found.group(2))}"

    named = _WHEN.sub(when, _QUOTED.sub(quoted, _LABEL.sub(label, text)))
    return re.sub(r" ?(“[^”]*”) ?", r"\1", named) if zh else named
