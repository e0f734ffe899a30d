"""The layout of an event workbook: one sheet per kind of thing, one row per item.

Office staff pass lists around as spreadsheets, so the workbook reads like
one: the ``Event`` sheet holds the header as field/value rows; ``Periods``,
``Rooms``, ``Speakers``, ``Groups``, ``Members``, ``Sessions`` and ``Pins``
hold one item per row; ``Rules`` holds the weights of the soft rules. Headers
are bilingual (``名称 name``): the reader finds a column by its English key or
its Chinese label, in any order. Lists are comma-separated cells (``,`` ``，``
``、``); availability rules use the text of ``rule_text.format_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CellKind = Literal[
    "text",
    "int",
    "percent",
    "bool",
    "date",
    "time",
    "list",
    "dates",
    "weekdays",
    "rules",
    "kind",
    "language",
    "event_kind",
]


@dataclass(frozen=True)
class Column:
    """One column of a sheet (or one row of the field/value sheets ``Event`` and ``Rules``)."""

    key: str
    label: str
    kind: CellKind = "text"

    @property
    def header(self) -> str:
        return f"{self.label} {self.key}"


@dataclass(frozen=True)
class Sheet:
    """A sheet: its name, Chinese name (accepted when reading) and columns."""

    name: str
    label: str
    columns: tuple[Column, ...]


EVENT = Sheet(
    "Event",
    "活动",
    (
        Column("id", "编号"),
        Column("title", "名称"),
        Column("hosts", "主办单位", "list"),
        Column("language", "语言", "language"),
        Column("timezone", "时区"),
        Column("start", "开始日期", "date"),
        Column("end", "结束日期", "date"),
        Column("weekdays", "上课日", "weekdays"),
        Column("holidays", "节假日", "dates"),
        Column("blackout", "停课日", "dates"),
        Column("extra_days", "调休上课日", "dates"),
        Column("venue", "地点"),
        Column("kind", "活动类型", "event_kind"),
        Column("min_attendance", "结业最低出勤率（%）", "percent"),
        Column("max_absences", "结业最多缺勤（次）", "int"),
    ),
)
EVENT_HEADER = (Column("field", "字段"), Column("value", "值"))

PERIODS = Sheet(
    "Periods",
    "节次",
    (
        Column("id", "编号"),
        Column("start", "开始", "time"),
        Column("end", "结束", "time"),
        Column("name", "名称"),
    ),
)
ROOMS = Sheet(
    "Rooms",
    "场地",
    (
        Column("id", "编号"),
        Column("name", "名称"),
        Column("capacity", "座位数", "int"),
        Column("features", "设施", "list"),
        Column("building", "楼宇"),
        Column("unavailable", "不可用", "rules"),
    ),
)
SPEAKERS = Sheet(
    "Speakers",
    "讲师",
    (
        Column("id", "编号"),
        Column("name", "姓名"),
        Column("organisation", "单位"),
        Column("email", "邮箱"),
        Column("unavailable", "没空", "rules"),
        Column("preferred", "希望", "rules"),
        Column("undesired", "尽量避免", "rules"),
        Column("per_day", "每天最多", "int"),
        Column("per_week", "每周最多", "int"),
    ),
)
GROUPS = Sheet(
    "Groups",
    "班组",
    (
        Column("id", "编号"),
        Column("name", "名称"),
        Column("size", "人数", "int"),
        Column("unavailable", "不可用", "rules"),
    ),
)
MEMBERS = Sheet(
    "Members",
    "学员",
    (
        Column("group", "班组"),
        Column("name", "姓名"),
        Column("unit", "单位"),
        Column("role", "职务"),
        Column("leave", "请假", "rules"),
        Column("absent", "缺勤", "rules"),
        Column("late", "迟到早退", "rules"),
    ),
)
SESSIONS = Sheet(
    "Sessions",
    "课程",
    (
        Column("id", "编号"),
        Column("title", "名称"),
        Column("kind", "类型", "kind"),
        Column("course", "专题"),
        Column("length", "节数", "int"),
        Column("occurrences", "讲次", "int"),
        Column("speakers", "讲师", "list"),
        Column("candidates", "候选讲师", "list"),
        Column("pick", "选派人数", "int"),
        Column("groups", "班组", "list"),
        Column("attendance", "人数", "int"),
        Column("features", "设施", "list"),
        Column("weekdays", "星期", "weekdays"),
        Column("periods", "节次", "list"),
        Column("unavailable", "不可用", "rules"),
        Column("weekly", "每周同一时间", "bool"),
        Column("min_days", "至少分几天", "int"),
        Column("after", "前置课程", "list"),
        Column("exclusive", "独占", "bool"),
        Column("abstract", "简介"),
    ),
)
PINS = Sheet(
    "Pins",
    "固定安排",
    (
        Column("session", "课程"),
        Column("occurrence", "第几讲", "int"),
        Column("date", "日期", "date"),
        Column("period", "节次"),
        Column("room", "场地"),
    ),
)
RULES_HEADER = (Column("setting", "设置"), Column("value", "值"), Column("about", "说明"))
SETTINGS = (
    ("capacity", "座位硬约束 hard / 软约束 soft"),
    ("travel_minutes", "换楼宇所需分钟"),
)
WEIGHTS = (
    ("min_days", "一门课分散到至少几天"),
    ("spread_weeks", "一门课分散到各周"),
    ("weekly_slot", "每周同一时间"),
    ("fair_load", "讲师工作量均衡"),
    ("same_speaker", "同一门课同一讲师"),
    ("isolated", "避免孤立的一节"),
    ("room_stability", "同一门课同一场地"),
    ("track_overlap", "同一专题（无班组）不同时进行"),
    ("track_room", "同一专题每天同一场地"),
    ("preferences", "讲师的希望与回避"),
    ("speaker_days", "讲师到场天数少"),
    ("group_balance", "班组每天课量均衡"),
    ("room_fit", "场地大小合适"),
    ("capacity", "超出座位（软约束时）"),
    ("stability", "修改时少挪动"),
)
ITEM_SHEETS = (PERIODS, ROOMS, SPEAKERS, GROUPS, MEMBERS, SESSIONS, PINS)

KINDS = {
    "讲座": "lecture",
    "讲课": "lecture",
    "工作坊": "workshop",
    "研讨": "discussion",
    "讨论": "discussion",
    "自学": "self-study",
    "仪式": "ceremony",
    "考试": "exam",
    "参观": "visit",
    "考察": "visit",
}
LANGUAGES = {"中文": "zh", "汉语": "zh", "英文": "en", "english": "en", "chinese": "zh"}
EVENT_KINDS = {"培训": "training", "培训班": "training", "会议": "conference"}
"""``Event.kind`` as a Chinese workbook may write it (the English values read as they are)."""
