"""The event model: what office staff describe and the solver plans.

Every model is frozen and refuses unknown fields. The field names are a
contract that other tools read (README, "Event files"). A whole event file is
a ``Problem``: the ``event`` header (calendar grid), ``rooms``, ``speakers``,
``groups``, ``sessions`` and the ``rules`` (weights of the soft rules).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[^\s]+$")]


def _not_yes_no(value: Any) -> Any:
    if isinstance(value, bool):  # pydantic reads true as 1: a YAML `capacity: yes` gave one seat
        raise ValueError("should be a number, not a yes/no value")
    return value


_INVISIBLE: dict[int, str | None] = dict.fromkeys((*range(0x09), *range(0x0E, 0x20), 0x7F))
_INVISIBLE |= {0x0B: " ", 0x0C: " ", 0x0D: "\n"}  # the line and page breaks Word pastes into a cell


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").translate(_INVISIBLE)
    return value


Text = Annotated[str, BeforeValidator(_printable)]
"""Text of the event file (titles, names, places, features) without the control characters no
output can hold (a workbook refuses them, a PDF prints boxes): pasted from Word or a terminal,
they are dropped, and a vertical tab or form feed becomes a space. Tabs and line feeds stay; a
Windows or old Mac line end (CR LF, CR) becomes a line feed."""
Number = Annotated[int, BeforeValidator(_not_yes_no)]
"""A whole number of the event file (seats, occurrences, limits, weights), never a yes/no value."""
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHINESE_WEEKDAYS: dict[str, str] = dict(
    zip(WEEKDAYS, ("周一", "周二", "周三", "周四", "周五", "周六", "周日"), strict=True)
)
"""Each weekday's Chinese short name, as messages and rule texts write it."""


class Model(BaseModel):
    """Base of every model: frozen, unknown fields refused."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
    )


class Kind(StrEnum):
    LECTURE = "lecture"
    WORKSHOP = "workshop"
    DISCUSSION = "discussion"
    SELF_STUDY = "self-study"
    CEREMONY = "ceremony"
    EXAM = "exam"
    VISIT = "visit"


class Period(Model):
    """One teaching period of every day (``am1`` 08:30-10:00). Breaks are the gaps."""

    id: Id
    start: dt.time
    end: dt.time
    name: Text | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Period:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


def _date_or_rule(schema: dict[str, Any]) -> None:
    """JSON Schema of a rule: a bare date or the mapping (what ``Rule._from_date`` accepts)."""
    mapping = dict(schema)
    schema.clear()
    schema.update(title=mapping.pop("title", "Rule"), description=mapping.pop("description", ""))
    schema["anyOf"] = [{"type": "string", "format": "date"}, mapping]


def _one_or_many(schema: dict[str, Any]) -> None:
    """JSON Schema of ``pinned``: one pin or a list of pins (what ``Session._one_pin`` accepts)."""
    items = schema.pop("items")
    schema["anyOf"] = [items, {"type": schema.pop("type"), "items": items}]


class Rule(Model):
    """A set of slots: every field given must match (an empty rule matches nothing).

    Written in files as a date (``2026-05-20``), a date with periods
    (``{date: 2026-05-20, periods: [pm1]}``) or a recurring rule
    (``{weekdays: [fri]}``, ``{weeks: [3]}``, ``{weekdays: [mon], periods: [am1]}``).
    ``from``/``to`` bound a range of dates. Weeks count from 1, the week
    (Monday to Sunday) of the event's first date.
    """

    model_config = ConfigDict(json_schema_extra=_date_or_rule)

    date: dt.date | None = None
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    weekdays: tuple[Weekday, ...] | None = None
    weeks: tuple[Annotated[int, Field(ge=1)], ...] | None = None
    periods: tuple[Id, ...] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_date(cls, value: Any) -> Any:
        if isinstance(value, dt.date | str) and not isinstance(value, dt.datetime):
            return {"date": value}
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Rule:
        if not self.model_fields_set:
            raise ValueError("a rule needs at least one of date, from, to, weekdays, weeks, periods")
        if self.from_ is not None and self.to is not None and self.from_ > self.to:
            raise ValueError(f"from {self.from_} is after to {self.to}: the range holds no day")
        return self

    def matches(self, day: dt.date, week: int, period: str) -> bool:
        """Is the slot (day, period) in this rule? ``week`` is the day's week number."""
        if self.date is not None and day != self.date:
            return False
        if self.from_ is not None and day < self.from_:
            return False
        if self.to is not None and day > self.to:
            return False
        if self.weekdays is not None and WEEKDAYS[day.weekday()] not in self.weekdays:
            return False
        if self.weeks is not None and week not in self.weeks:
            return False
        return self.periods is None or period in self.periods


Rules = tuple[Rule, ...]


MAX_ABSENCES = 10_000
"""Most absences a completion rule may allow (a larger number is a typing error, not a rule)."""


class Event(Model):
    """The event header: who hosts it, when, and the daily grid of periods."""

    id: Id
    title: Text = Field(min_length=1)
    hosts: tuple[Text, ...] = ()
    language: Literal["zh", "en"] = "en"
    timezone: str = "UTC"
    start: dt.date
    end: dt.date
    weekdays: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri")
    holidays: tuple[dt.date, ...] = ()
    blackout: tuple[dt.date, ...] = ()
    extra_days: tuple[dt.date, ...] = ()
    periods: tuple[Period, ...] = Field(min_length=1)
    venue: Text | None = None
    kind: Literal["training", "conference"] | None = None
    """How the event is worded in Chinese (培训: 课程表, 授课人; 会议: 会议日程, 报告人); left out,
    a conference is an event where most occurrences are of sessions that meet once."""
    min_attendance: Number | None = Field(default=None, ge=1, le=100)
    """Completion (结业), part one: the least share of a group's occurrences, in percent, a member
    must attend (leave and absence both count as missed). Left out: no such condition."""
    max_absences: Number | None = Field(default=None, ge=0, le=MAX_ABSENCES)
    """Completion, part two: the most occurrences a member may miss without leave (缺勤)."""

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
            raise ValueError(f"unknown time zone '{value}'") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


MAX_PEOPLE = 100_000
"""Most seats, group members or attendees one number may give: costs per missing seat stay well
inside CP-SAT's 64-bit integers (a larger number is a typing error, not an event)."""
MAX_TRAVEL_MINUTES = 24 * 60
"""Longest pause between buildings: a day (a larger number is a typing error, not a journey)."""
MAX_WEIGHT = 10_000
"""Largest weight of a soft rule (the defaults are 1 to 10), for the same reason."""
Weight = Annotated[Number, Field(ge=0, le=MAX_WEIGHT)]
"""A soft rule's weight: 0 switches the rule off."""


class Room(Model):
    """A place where sessions happen."""

    id: Id
    name: Text = Field(min_length=1)
    capacity: Number = Field(gt=0, le=MAX_PEOPLE)
    features: tuple[Text, ...] = ()
    building: Text | None = None
    unavailable: Rules = ()


class Limits(Model):
    """How much a speaker may teach: sessions (occurrences) per day and per week."""

    per_day: Number | None = Field(default=None, gt=0)
    per_week: Number | None = Field(default=None, gt=0)


class Speaker(Model):
    """A lecturer, trainer or conference speaker."""

    id: Id
    name: Text = Field(min_length=1)
    organisation: Text | None = None
    email: Text | None = None
    unavailable: Rules = ()
    preferred: Rules = ()
    undesired: Rules = ()
    limits: Limits = Limits()


Record = Literal["leave", "absent", "late"]
RECORDS: tuple[Record, ...] = ("leave", "absent", "late")
"""A member's attendance records, in the order one occurrence's status is read."""


class Member(Model):
    """A participant of a group (a trainee of a class)."""

    name: Text = Field(min_length=1)
    unit: Text | None = None
    role: Text | None = None
    leave: Rules = ()
    """Approved leave (请假): the dates or periods the member is excused from; the sign-in sheets
    mark the member on leave there. The solver does not read it: a class meets all the same."""
    absent: Rules = ()
    """Absent without leave (缺勤): recorded after the fact, from the signed sheets."""
    late: Rules = ()
    """Came late or left early (迟到早退): recorded after the fact, from the signed sheets."""

    def on_leave(self, day: dt.date, week: int, periods: Iterable[str]) -> bool:
        """Is the member on leave for any of ``periods`` of ``day`` (in event week ``week``)?"""
        return self.marked("leave", day, week, periods)

    def marked(self, record: Record, day: dt.date, week: int, periods: Iterable[str]) -> bool:
        """Does the member's ``record`` (leave, absent, late) cover any of ``periods`` of ``day``?"""
        rules: Rules = getattr(self, record)
        return any(rule.matches(day, week, period) for rule in rules for period in periods)

    def status(self, day: dt.date, week: int, periods: Iterable[str]) -> Record | None:
        """The member's record of one occurrence: leave before absent before late (leave excuses an
        absence; an absent member was not late); None when present and on time."""
        periods = tuple(periods)
        return next((record for record in RECORDS if self.marked(record, day, week, periods)), None)


class Group(Model):
    """Participants who attend together: a class, a track's audience."""

    id: Id
    name: Text = Field(min_length=1)
    size: Number = Field(gt=0, le=MAX_PEOPLE)
    members: tuple[Member, ...] = ()
    unavailable: Rules = ()


class Candidates(Model):
    """Speakers qualified for a session, of whom the solver picks ``pick`` per occurrence."""

    from_: tuple[Id, ...] = Field(alias="from", min_length=1)
    pick: Number = Field(default=1, gt=0)


class Pin(Model):
    """Fixes a session's date, period and/or room; without ``occurrence`` it applies to all."""

    occurrence: Number | None = Field(default=None, ge=1)
    date: dt.date | None = None
    period: Id | None = None
    room: Id | None = None


MAX_ABSTRACT = 4000
"""Most characters of a session's abstract: a long talk's abstract is a third of it."""


class Session(Model):
    """Something to place: a lecture, a course of N lectures, a talk, a ceremony."""

    id: Id
    title: Text = Field(min_length=1)
    kind: Kind = Kind.LECTURE
    # ``Text`` spelled out: its lengths checked after ``_printable``, on the text (as ``Text`` with
    # Field(max_length=80) would check a generic length, and say "items" instead of characters)
    course: Annotated[str, Field(min_length=1, max_length=80), BeforeValidator(_printable)] | None = None
    """The course (training) or track (conference) the session belongs to; a track's feed is
    named by it, so it is as long as an id at most."""
    abstract: (
        Annotated[str, Field(min_length=1, max_length=MAX_ABSTRACT), BeforeValidator(_printable)] | None
    ) = None
    """What the session is about (简介), in paragraphs: printed in the programme booklet, written into
    its calendar events and the conference-app files. The planner does not read it."""
    length: Number = Field(default=1, gt=0)
    occurrences: Number = Field(default=1, gt=0)
    speakers: tuple[Id, ...] = ()
    candidates: Candidates | None = None
    groups: tuple[Id, ...] = ()
    attendance: Number | None = Field(default=None, gt=0, le=MAX_PEOPLE)
    features: tuple[Text, ...] = ()
    weekdays: tuple[Weekday, ...] | None = None
    periods: tuple[Id, ...] | None = None
    unavailable: Rules = ()
    weekly: bool = False
    min_days: Number | None = Field(default=None, ge=0)
    after: tuple[Id, ...] = ()
    exclusive: bool = False
    pinned: tuple[Pin, ...] = Field(default=(), json_schema_extra=_one_or_many)

    @field_validator("pinned", mode="before")
    @classmethod
    def _one_pin(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    @property
    def track(self) -> str:
        """The course (training) or track (conference); the session's own id when none."""
        return self.course or self.id

    @property
    def named_speakers(self) -> tuple[str, ...]:
        """Every speaker the session names: those given and its candidates."""
        return (*self.speakers, *(self.candidates.from_ if self.candidates is not None else ()))

    @property
    def picks(self) -> int:
        """How many candidates each occurrence picks (0 without candidates)."""
        return 0 if self.candidates is None else self.candidates.pick

    def pinned_at(self, occurrence: int) -> Pin:
        """What the pins fix for one occurrence: its own pins over those of every occurrence."""
        date = period = room = None
        for pin in sorted(self.pinned, key=lambda p: p.occurrence is not None):
            if pin.occurrence in (None, occurrence):
                date, period, room = pin.date or date, pin.period or period, pin.room or room
        return Pin(occurrence=occurrence, date=date, period=period, room=room)


class Weights(Model):
    """Weights of the soft rules; 0 switches a rule off. README explains each."""

    min_days: Weight = 5
    spread_weeks: Weight = 2
    weekly_slot: Weight = 1
    fair_load: Weight = 1
    same_speaker: Weight = 1
    isolated: Weight = 2
    room_stability: Weight = 1
    track_overlap: Weight = 2
    track_room: Weight = 0
    preferences: Weight = 1
    speaker_days: Weight = 1
    group_balance: Weight = 1
    room_fit: Weight = 1
    capacity: Weight = 1
    stability: Weight = 10


class Settings(Model):
    """Soft-rule weights and the switches of the model."""

    weights: Weights = Weights()
    capacity: Literal["hard", "soft"] = "hard"
    travel_minutes: Number = Field(default=15, ge=0, le=MAX_TRAVEL_MINUTES)


class Problem(Model):
    """A whole event file: everything the solver needs."""

    event: Event
    rooms: tuple[Room, ...] = Field(min_length=1)
    speakers: tuple[Speaker, ...] = ()
    groups: tuple[Group, ...] = ()
    sessions: tuple[Session, ...] = ()
    rules: Settings = Settings()

    def room(self, room_id: str) -> Room:
        return next(r for r in self.rooms if r.id == room_id)

    def speaker(self, speaker_id: str) -> Speaker:
        return next(s for s in self.speakers if s.id == speaker_id)

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def session(self, session_id: str) -> Session:
        return next(s for s in self.sessions if s.id == session_id)

    def is_conference(self) -> bool:
        """Worded as a conference or meeting (报告人, 议程, 会场 in Chinese): ``event.kind`` when
        given, else when most occurrences are of sessions that meet once. A training course is
        made of courses of several lectures; a conference's talks meet once, and a workshop held
        twice does not make it a course. An event without sessions is a training course, the
        founding users' kind."""
        if self.event.kind is not None:
            return self.event.kind == "conference"
        total = sum(session.occurrences for session in self.sessions)
        repeated = sum(session.occurrences for session in self.sessions if session.occurrences > 1)
        return 2 * repeated < total

    def attendance(self, session: Session) -> int:
        """Expected attendance: given, else the sum of the groups' sizes (0 without groups)."""
        if session.attendance is not None:
            return session.attendance
        sizes = {g.id: g.size for g in self.groups}
        return sum(sizes.get(g, 0) for g in session.groups)


def booked_periods(sessions: Iterable[Session], field: Literal["speakers", "groups"]) -> Counter[str]:
    """Periods each fixed speaker or group must attend: length x occurrences of their sessions."""
    load: Counter[str] = Counter()
    for session in sessions:
        for owner in dict.fromkeys(getattr(session, field)):
            load[owner] += session.length * session.occurrences
    return load
