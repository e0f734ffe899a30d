"""The calendar grid: slot numbers and the slot a start falls on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.domain.calendar import Grid, Slot, freeze_moment, freeze_text, local_time, under_way
from planner.io.files import read_problem

GRID = Grid(read_problem(Path(__file__).resolve().parents[1] / "data" / "minimal.yaml").event)


def test_slot_numbers_count_every_period_of_every_working_day() -> None:
    assert [GRID.number(Slot(d, p)) for d, p in ((0, 0), (0, 2), (1, 0), (2, 1))] == [0, 2, 3, 7]
    assert [GRID.number(s) for s in GRID.slots()] == list(range(GRID.n_days * GRID.n_periods))


def test_number_at_a_start_and_between_periods() -> None:
    second_day_pm1 = GRID.start(Slot(1, 2))
    assert GRID.number_at(second_day_pm1) == 5
    assert GRID.number_at(second_day_pm1 + dt.timedelta(minutes=10)) is None


def test_local_time_is_the_events_clock() -> None:
    event = read_problem(Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml").event
    saved = dt.datetime(2026, 5, 20, 2, 30, tzinfo=dt.UTC)
    assert local_time(event, saved) == "2026-05-20 10:30 (Asia/Shanghai)"


def test_member_on_leave_only_in_the_periods_of_the_leave() -> None:
    import datetime as dt

    from planner.domain.model import Member, Rule

    member = Member(
        name="王磊",
        leave=(Rule(from_=dt.date(2026, 6, 8), to=dt.date(2026, 6, 9), periods=("pm1", "pm2")),),
    )
    assert member.on_leave(dt.date(2026, 6, 8), 5, ["pm1"])
    assert member.on_leave(dt.date(2026, 6, 9), 5, ["am2", "pm1"])  # a lecture across noon
    assert not member.on_leave(dt.date(2026, 6, 8), 5, ["am1", "am2"])
    assert not member.on_leave(dt.date(2026, 6, 10), 5, ["pm1"])
    assert not Member(name="曹杰").on_leave(dt.date(2026, 6, 8), 5, ["pm1"])


def test_under_way_is_now_on_the_events_clock_from_its_first_to_its_last_date() -> None:
    """A repair's default freeze: the minimal event runs 2026-03-23 to 2026-04-03 in Berlin."""
    event = GRID.event
    berlin = dt.timezone(dt.timedelta(hours=1))  # CET, before the change to summer time on 03-29
    local = [
        under_way(event, dt.datetime(2026, 3, 25, 15, 0, 42, 7, tzinfo=dt.UTC)),
        under_way(event, dt.datetime(2026, 3, 23, 0, 30, tzinfo=berlin)),
        under_way(event, dt.datetime(2026, 3, 22, 23, 30, tzinfo=dt.UTC)),
        under_way(event, dt.datetime(2026, 4, 3, 21, 0, tzinfo=dt.UTC)),
    ]
    assert [f"{t:%Y-%m-%d %H:%M:%S.%f}" for t in local if t is not None] == [
        "2026-03-25 16:00:00.000000",  # to the minute
        "2026-03-23 00:30:00.000000",
        "2026-03-23 00:30:00.000000",
        "2026-04-03 23:00:00.000000",  # CEST
    ]
    assert all(t is not None and t.utcoffset() is not None for t in local)


def test_a_freeze_is_a_days_midnight_or_a_moment_on_the_events_clock() -> None:
    """``freeze_moment`` and ``freeze_text``: a date freezes from its midnight in Berlin; a naive
    moment is read on Berlin's clocks; an aware one stays the moment it is."""
    event = GRID.event
    cet = dt.timezone(dt.timedelta(hours=1))
    midnight = freeze_moment(event, dt.date(2026, 3, 25))
    assert midnight == dt.datetime(2026, 3, 25, 0, 0, tzinfo=cet)
    assert freeze_text(event, dt.date(2026, 3, 25)) == "2026-03-25"
    naive = freeze_moment(event, dt.datetime(2026, 3, 25, 10, 15))
    assert naive == dt.datetime(2026, 3, 25, 9, 15, tzinfo=dt.UTC)
    assert freeze_text(event, dt.datetime(2026, 3, 25, 10, 15)) == "2026-03-25 10:15"
    assert freeze_text(event, dt.datetime(2026, 3, 25, 9, 15, tzinfo=dt.UTC)) == "2026-03-25 10:15"
    assert freeze_text(event, dt.datetime(2026, 3, 25)) == "2026-03-25"


def test_first_from_is_the_first_slot_starting_at_or_after_a_moment() -> None:
    """Slot 5 is the second day's pm1: a moment at its start keeps it open; a minute later, not."""
    second_day_pm1 = GRID.start(Slot(1, 2))
    assert GRID.first_from(second_day_pm1) == 5
    assert GRID.first_from(second_day_pm1 + dt.timedelta(minutes=1)) == 6
    assert GRID.first_from(GRID.start(Slot(0, 0)) - dt.timedelta(days=3)) == 0
    assert (
        GRID.first_from(GRID.end(Slot(GRID.n_days - 1, GRID.n_periods - 1))) == GRID.n_days * GRID.n_periods
    )


def test_under_way_is_none_before_the_event_and_after_it() -> None:
    event = GRID.event
    assert under_way(event, dt.datetime(2026, 3, 22, 22, 30, tzinfo=dt.UTC)) is None  # 23:30 in Berlin
    assert under_way(event, dt.datetime(2026, 4, 3, 22, 30, tzinfo=dt.UTC)) is None  # 04-04 00:30 CEST


def test_messages_name_a_period_by_its_start() -> None:
    """``describe`` and ``clock``: the minimal event's pm1 starts at 14:00; an id the event lacks stays."""
    assert GRID.describe(Slot(1, 2)) == "2026-03-24 14:00"
    assert GRID.clock("pm1") == "14:00"
    assert GRID.clock("ev9") == "ev9"
