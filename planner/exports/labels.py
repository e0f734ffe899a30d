"""Words and date formats of printed and calendar exports, in the event's language.

``labels(language)`` returns a frozen ``Labels`` for ``"zh"`` (Chinese, as a
training office prints it: 2026年5月11日 星期一) or ``"en"``; ``for_event(problem)`` picks
the Chinese of a conference (会议日程, 报告人, 会场) for an event whose sessions meet once. Other exports
(calendars, spreadsheets) import it; keep the API small and stable: add
fields, never rename them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from planner.domain.model import Kind, Problem

_ZH_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")  # fmt: skip

_ZH_KINDS = {
    Kind.LECTURE: "专题讲座",
    Kind.WORKSHOP: "实践研讨",
    Kind.DISCUSSION: "分组讨论",
    Kind.SELF_STUDY: "自学",
    Kind.CEREMONY: "仪式",
    Kind.EXAM: "考核",
    Kind.VISIT: "现场教学",
}
_EN_KINDS = {
    Kind.LECTURE: "Lecture",
    Kind.WORKSHOP: "Workshop",
    Kind.DISCUSSION: "Discussion",
    Kind.SELF_STUDY: "Self-study",
    Kind.CEREMONY: "Ceremony",
    Kind.EXAM: "Exam",
    Kind.VISIT: "Visit",
}


@dataclass(frozen=True)
class Labels:
    """Every fixed word of an export in one language, and its date formats."""

    language: str
    programme: str
    hosts: str
    dates: str
    venue: str
    version: str
    draft: str
    printed_at: str
    overview: str
    day_programme: str
    time: str
    title: str
    kind: str
    speaker: str
    speakers: str
    room: str
    rooms: str
    building: str
    capacity: str
    group: str
    groups: str
    track: str
    organisation: str
    sessions: str
    timetable: str
    run_sheet: str
    door_sign: str
    sign_in: str
    number: str
    name: str
    unit: str
    role: str
    signature: str
    remarks: str
    attendance: str
    on_leave: str
    absent: str
    late: str
    due: str
    attended: str
    rate: str
    tally: str
    completion: str
    period: str
    date: str
    no_sessions: str
    changed_mark: str
    cancelled: str
    abstracts: str
    weekdays: tuple[str, ...]
    kinds: dict[Kind, str] = field(default_factory=dict)
    change_words: dict[str, str] = field(default_factory=dict)

    def weekday(self, day: dt.date) -> str:
        return self.weekdays[day.weekday()]

    def date_text(self, day: dt.date) -> str:
        """``2026年5月11日`` / ``11 May 2026``."""
        if self.language == "zh":
            return f"{day.year}年{day.month}月{day.day}日"
        return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"

    def short_date(self, day: dt.date) -> str:
        """``5月11日`` / ``11 May``."""
        if self.language == "zh":
            return f"{day.month}月{day.day}日"
        return f"{day.day} {_EN_MONTHS[day.month - 1][:3]}"

    def day_text(self, day: dt.date) -> str:
        """``2026年5月11日 星期一`` / ``Monday 11 May 2026``."""
        if self.language == "zh":
            return f"{self.date_text(day)} {self.weekday(day)}"
        return f"{self.weekday(day)} {self.date_text(day)}"

    def date_range(self, first: dt.date, last: dt.date) -> str:
        return f"{self.date_text(first)} — {self.date_text(last)}"

    def week(self, number: int) -> str:
        return f"第{number}周" if self.language == "zh" else f"Week {number}"

    def page(self, number: int, total: int | None = None) -> str:
        """``第 2 页 共 5 页`` / ``Page 2 of 5`` (without the total when not given)."""
        if self.language == "zh":
            return f"第 {number} 页" + (f" 共 {total} 页" if total is not None else "")
        return f"Page {number}" + (f" of {total}" if total is not None else "")

    def version_text(self, version: int | None) -> str:
        if version is None:
            return self.draft
        return f"第{version}版" if self.language == "zh" else f"Version {version}"

    def changed_since(self, version: int | None) -> str:
        """``changed since version 3`` (or since the previous version when unnumbered)."""
        if self.language == "zh":
            return f"自第{version}版以来有变动" if version is not None else "较上一版有变动"
        return (
            f"changed since version {version}"
            if version is not None
            else "changed since the previous version"
        )

    def change_note(self, version: int | None, changes: tuple[str, ...]) -> str:
        """``changed since version 3 (time, room)``; ``changes`` are ``layout.CHANGE_KINDS``."""
        detail = self.separator.join(self.change_words.get(c, c) for c in changes)
        return self.changed_since(version) + self.bracket(detail)

    @property
    def colon(self) -> str:
        return "：" if self.language == "zh" else ": "

    @property
    def separator(self) -> str:
        """Between items of a list: ``、`` / ``, ``."""
        return "、" if self.language == "zh" else ", "

    def bracket(self, text: str) -> str:
        """``（text）`` / `` (text)``; empty text gives an empty string."""
        if not text:
            return ""
        return f"（{text}）" if self.language == "zh" else f" ({text})"

    def kind_name(self, kind: Kind) -> str:
        return self.kinds.get(kind, str(kind))


ZH = Labels(
    language="zh", programme="日程安排", hosts="主办单位", dates="培训时间", venue="培训地点",
    version="版本", draft="草稿", printed_at="印制时间", overview="总体安排", day_programme="每日安排",
    time="时间", title="内容", kind="形式", speaker="授课人", speakers="授课人", room="地点",
    rooms="教室", building="楼宇", capacity="座位", group="班组", groups="班组", track="专题",
    organisation="单位",
    sessions="课程", timetable="课程表", run_sheet="授课安排", door_sign="教室使用安排",
    sign_in="签到表", number="序号", name="姓名", unit="单位", role="职务", signature="签名",
    remarks="备注", attendance="应到人数", on_leave="请假", absent="缺勤", late="迟到早退", due="应出勤",
    attended="实出勤", rate="出勤率", tally="出勤统计", completion="结业", period="节次", date="日期",
    no_sessions="无安排",
    changed_mark="有变动", cancelled="已取消", abstracts="课程简介", weekdays=_ZH_WEEKDAYS, kinds=_ZH_KINDS,
    change_words={"new": "新增", "time": "时间", "room": "地点", "speakers": "授课人", "groups": "班组",
                  "title": "内容"},
)  # fmt: skip

EN = Labels(
    language="en", programme="Programme", hosts="Hosted by", dates="Dates", venue="Venue",
    version="Version", draft="Draft", printed_at="Printed", overview="Overview",
    day_programme="Daily programme",
    time="Time", title="Session", kind="Kind", speaker="Speaker", speakers="Speakers", room="Room",
    rooms="Rooms", building="Building", capacity="Seats", group="Group", groups="Groups",
    track="Track", organisation="Organisation", sessions="Sessions", timetable="Timetable",
    run_sheet="Run sheet",
    door_sign="Room schedule", sign_in="Sign-in sheet", number="No.", name="Name", unit="Unit",
    role="Role", signature="Signature", remarks="Remarks", attendance="Expected", on_leave="On leave",
    absent="Absent", late="Late or left early", due="Due", attended="Attended", rate="Rate",
    tally="Attendance", completion="Completion",
    period="Period",
    date="Date", no_sessions="No sessions", changed_mark="changed", cancelled="Cancelled",
    abstracts="Abstracts",
    weekdays=_EN_WEEKDAYS, kinds=_EN_KINDS,
    change_words={"new": "new", "time": "time", "room": "room", "speakers": "speakers", "groups": "groups",
                  "title": "title"},
)  # fmt: skip


ZH_CONFERENCE = replace(
    ZH, programme="会议日程", dates="会议时间", venue="会议地点", speaker="报告人", speakers="报告人",
    rooms="会场", group="分组", groups="分组", sessions="议程", timetable="日程表", run_sheet="报告安排",
    door_sign="会场使用安排", period="时段", abstracts="报告简介",
    kinds={**_ZH_KINDS, Kind.LECTURE: "报告", Kind.WORKSHOP: "工作坊", Kind.VISIT: "参观考察"},
    change_words={**ZH.change_words, "speakers": "报告人", "groups": "分组"},
)  # fmt: skip
"""Chinese for a conference or meeting (会议): its sessions are talks in 会场, not a training
course's lectures in 教室."""

EN_CONFERENCE = replace(EN, kinds={**_EN_KINDS, Kind.LECTURE: "Talk"})
"""English for a conference: a lecture there is a talk; the other words fit both."""


def labels(language: str, conference: bool = False) -> Labels:
    """The labels of a language: ``"zh"`` gives Chinese, anything else English (each in a
    conference's words when ``conference``)."""
    if language != "zh":
        return EN_CONFERENCE if conference else EN
    return ZH_CONFERENCE if conference else ZH


def for_event(problem: Problem) -> Labels:
    """The labels of an event: its language, and a conference's words when it is one."""
    return labels(problem.event.language, problem.is_conference())
