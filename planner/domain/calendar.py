"""The calendar grid of an event: working days x periods = slots.

A ``Slot`` is (day index, period index). Days are the event's working dates
in order (weekdays plus extra working days, minus holidays and blackout
dates). Week numbers count from 1, the Monday-to-Sunday week holding the
event's first date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from planner.domain.model import WEEKDAYS, Event, Rule


@dataclass(frozen=True, order=True)
class Slot:
    """One period of one working day, as indexes into ``Grid.days`` and ``Grid.periods``."""

    day: int
    period: int


class Grid:
    """The slots of an event and the conversions between dates, times and slots."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.periods = event.periods
        self.period_ids: tuple[str, ...] = tuple(p.id for p in event.periods)
        self.days: tuple[dt.date, ...] = tuple(working_days(event))
        self._day_index = {d: i for i, d in enumerate(self.days)}
        self._period_index = {p: i for i, p in enumerate(self.period_ids)}

    @property
    def n_days(self) -> int:
        return len(self.days)

    @property
    def n_periods(self) -> int:
        return len(self.periods)

    @cached_property
    def weeks(self) -> tuple[int, ...]:
        """Week number of each working day."""
        return tuple(week_of(self.event, d) for d in self.days)

    @property
    def n_weeks(self) -> int:
        return max(self.weeks, default=0)

    def slots(self) -> list[Slot]:
        return [Slot(d, p) for d in range(self.n_days) for p in range(self.n_periods)]

    def day_index(self, day: dt.date) -> int | None:
        return self._day_index.get(day)

    def period_index(self, period_id: str) -> int | None:
        return self._period_index.get(period_id)

    def matches(self, rules: tuple[Rule, ...], slot: Slot) -> bool:
        """Is the slot in any of the rules?"""
        day = self.days[slot.day]
        week = self.weeks[slot.day]
        period = self.period_ids[slot.period]
        return any(rule.matches(day, week, period) for rule in rules)

    def is_contiguous(self, period: int, length: int) -> bool:
        """Does a session of ``length`` periods fit from ``period`` on within one day?"""
        return period + length <= self.n_periods

    def start(self, slot: Slot) -> dt.datetime:
        """Aware start of a slot in the event's time zone."""
        return dt.datetime.combine(self.days[slot.day], self.periods[slot.period].start, self.event.zone)

    def end(self, slot: Slot, length: int = 1) -> dt.datetime:
        """Aware end of a session of ``length`` periods starting at the slot."""
        last = self.periods[slot.period + length - 1]
        return dt.datetime.combine(self.days[slot.day], last.end, self.event.zone)

    def slot_at(self, start: dt.datetime) -> Slot | None:
        """The slot a session starting at ``start`` (any offset) occupies first, or None."""
        local = start.astimezone(self.event.zone) if start.tzinfo else start
        day = self._day_index.get(local.date())
        if day is None:
            return None
        for index, period in enumerate(self.periods):
            if period.start == local.time().replace(tzinfo=None):
                return Slot(day, index)
        return None

    def number(self, slot: Slot) -> int:
        """The slot's number counting every period of every working day: ``day * n_periods + period``
        (the solver's start ``t``)."""
        return slot.day * self.n_periods + slot.period

    def first_from(self, moment: dt.datetime) -> int:
        """The number of the first slot that starts at or after ``moment`` (the number of slots when
        none does): a freeze at ``moment`` holds every slot numbered below it."""
        starts = (self.number(s) for s in self.slots() if self.start(s) >= moment)
        return next(starts, self.n_days * self.n_periods)

    def number_at(self, start: dt.datetime) -> int | None:
        """The number of the slot starting at ``start`` (None when no period starts then)."""
        slot = self.slot_at(start)
        return None if slot is None else self.number(slot)

    def clock(self, period_id: str) -> str:
        """``08:30``: when the period starts (its id when the event has no such period)."""
        index = self._period_index.get(period_id)
        return period_id if index is None else f"{self.periods[index].start:%H:%M}"

    def describe(self, slot: Slot) -> str:
        """``2026-05-20 08:30``, the day and the period's start: for messages, which people read
        beside their printed timetables (a period's id is the event file's word, not theirs)."""
        return f"{self.days[slot.day].isoformat()} {self.clock(self.period_ids[slot.period])}"


def under_way(event: Event, now: dt.datetime) -> dt.datetime | None:
    """``now`` on the event's clocks (to the minute) while the event runs (its first to its last
    date), else None.

    A repair's freeze when the user gives none: what has started stays where it is and nothing
    moves into the past, while the rest of today may still change (a lecturer taken ill in the
    morning, the afternoon repaired). Before the event nothing has taken place; after it a repair
    is a what-if on a past plan, where every date is past.
    """
    local = now.astimezone(event.zone).replace(second=0, microsecond=0)
    return local if event.start <= local.date() <= event.end else None


def freeze_moment(event: Event, freeze: dt.date) -> dt.datetime:
    """When a freeze begins: a date's midnight on the event's clocks, or a moment (a naive one read
    on those clocks). Whatever starts before it is frozen, and nothing new may start before it."""
    if isinstance(freeze, dt.datetime):
        return freeze if freeze.tzinfo is not None else freeze.replace(tzinfo=event.zone)
    return dt.datetime.combine(freeze, dt.time(), event.zone)


def freeze_text(event: Event, freeze: dt.date) -> str:
    """A freeze as people give it: ``2026-05-27`` from a midnight, ``2026-05-27 10:15`` otherwise."""
    moment = freeze_moment(event, freeze).astimezone(event.zone)
    return moment.date().isoformat() if moment.time() == dt.time() else f"{moment:%Y-%m-%d %H:%M}"


def local_time(event: Event, when: dt.datetime) -> str:
    """``2026-05-20 10:30 (Asia/Shanghai)``: a moment (a save, a publication) as the event's people
    read their clocks."""
    return f"{when.astimezone(event.zone):%Y-%m-%d %H:%M} ({event.timezone})"


def week_of(event: Event, day: dt.date) -> int:
    """Week number of a date: 1 for the Monday-to-Sunday week of the first date."""
    first_monday = event.start - dt.timedelta(days=event.start.weekday())
    return (day - first_monday).days // 7 + 1


def working_days(event: Event) -> list[dt.date]:
    """The event's working dates in order."""
    off = set(event.holidays) | set(event.blackout)
    extra = set(event.extra_days)
    days = []
    day = event.start
    while day <= event.end:
        weekday = WEEKDAYS[day.weekday()]
        if (weekday in event.weekdays or day in extra) and day not in off:
            days.append(day)
        day += dt.timedelta(days=1)
    return days
