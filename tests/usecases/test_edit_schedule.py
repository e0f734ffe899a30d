"""The schedule in the browser: views, moves checked by the oracle, pins."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.domain.errors import InvalidSchedule
from planner.domain.model import Pin, Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule
from planner.io.files import read_problem
from planner.usecases.edit_schedule import (
    assignment_rows,
    check_move,
    day_grid,
    occurrence_choices,
    pin,
    select,
    targets,
    unpin,
    views,
    week_grid,
)
from tests.factories import greedy_schedule

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal.yaml"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_edit_schedule_week_grid_of_a_group(problem: Problem, schedule: Schedule) -> None:
    rows = week_grid(problem, select(problem, schedule, "group", "g1", week=1), 1)
    assert [r["period"] for r in rows] == ["am1 09:00-10:30", "am2 11:00-12:30", "pm1 14:00-15:30"]
    assert rows[0]["2026-03-23"] == "Introduction · Room A"
    rows_zh = week_grid(problem, select(problem, schedule, "group", "g1", week=1), 1, "zh")
    cells = [value for row in rows_zh for value in list(row.values())[1:] if value]
    assert rows_zh[0]["2026-03-23"] == "Introduction · Room A"
    assert any(cell.startswith("Logic第1讲 · Room ") for cell in cells), cells


def test_edit_schedule_day_grid_puts_each_room_in_a_column(problem: Problem, schedule: Schedule) -> None:
    """A day's sessions side by side, one column per room used that day, with their speakers: the
    parallel tracks of a conference at a glance."""
    day = dt.date(2026, 3, 23)
    assert targets(problem, "day")["2026-03-23"] == "mon"
    chosen = select(problem, schedule, "day", day.isoformat())
    assert chosen
    assert {a.start.date() for a in chosen} == {day}
    rows = day_grid(problem, chosen, day)
    used = [f"@{r.id}" for r in problem.rooms if r.id in {a.room for a in chosen}]
    assert list(rows[0]) == ["period", *used]
    assert rows[0]["@a"] == "Introduction · Ada Lovelace"
    placed = sum(1 for row in rows for room in used if row[room])
    assert placed == sum(problem.session(a.session).length for a in chosen)
    assert day_grid(problem, select(problem, schedule, "day", "2026-03-24"), day) == [
        {"period": row["period"]} for row in rows
    ]  # another day's sessions stay out of this day's grid


def test_edit_schedule_track_view_of_a_conference_only() -> None:
    """The tech conference's tracks can be viewed, each with its own talks; an event without
    tracks (the minimal one: every session has its group) has no track view."""
    conference = read_problem(SAMPLES / "tech-conference.yaml")
    placed = greedy_schedule(conference)
    assert "track" in views(conference)
    assert "track" not in views(read_problem(MINIMAL))
    assert targets(conference, "track")["Data & AI"] == "Data & AI"
    chosen = select(conference, placed, "track", "Data & AI")
    ids = {s.id for s in conference.sessions if s.course == "Data & AI"}
    assert {a.session for a in chosen} == ids
    assert len(chosen) == len(ids)


def test_edit_schedule_select_by_text(problem: Problem, schedule: Schedule) -> None:
    found = select(problem, schedule, "room", None, "logic")
    assert [a.key for a in found] == [("logic", 1), ("logic", 2), ("logic", 3)]


def test_edit_schedule_move_onto_pinned_slot_breaks_rules(problem: Problem, schedule: Schedule) -> None:
    check = check_move(problem, schedule, ("intro", 1), dt.date(2026, 3, 24), "am1", "a")
    assert check.broken == [
        "room 'a' double-booked: sessions intro#1 and logic#2 at 2026-03-24 09:00",
        "speaker 'ada' double-booked: sessions intro#1 and logic#2 at 2026-03-24 09:00",
        "group 'g1' double-booked: sessions intro#1 and logic#2 at 2026-03-24 09:00",
        "intro#1: pinned to 2026-03-23, placed on 2026-03-24",
        "logic#1 starts before intro#1 ends ('logic' comes after)",
    ]
    assert check.schedule.by_key()[("intro", 1)].start.date() == dt.date(2026, 3, 24)


def test_edit_schedule_move_to_free_slot_breaks_nothing_scored_in_full(
    problem: Problem, schedule: Schedule
) -> None:
    check = check_move(problem, schedule, ("logic", 3), dt.date(2026, 3, 26), "am1", "a")
    full = check_schedule(problem, check.schedule)
    assert (check.ok, full.violations) == (True, [])
    assert (check.objective_after, check.schedule.score) == (full.objective, full.score)


def test_edit_schedule_move_breaking_rules_agrees_with_full_oracle(
    problem: Problem, schedule: Schedule
) -> None:
    check = check_move(problem, schedule, ("lab", 1), dt.date(2026, 3, 23), "am1", "b")
    full = check_schedule(problem, check.schedule)
    assert (
        check.broken
        == full.violations
        == [
            "lab#1: 20 people in room 'b' that seats 12",
            "group 'g1' double-booked: sessions intro#1 and lab#1 at 2026-03-23 09:00",
            "group 'g1' double-booked: sessions logic#1 and lab#1 at 2026-03-23 11:00",
        ]
    )
    assert check.objective_after == full.objective


def test_edit_schedule_move_outside_the_grid_refused(problem: Problem, schedule: Schedule) -> None:
    with pytest.raises(InvalidSchedule, match="2026-03-28 am1 is not a slot of the event"):
        check_move(problem, schedule, ("lab", 1), dt.date(2026, 3, 28), "am1", "a")


def test_edit_schedule_pin_and_unpin(problem: Problem, schedule: Schedule) -> None:
    lab = schedule.by_key()[("lab", 1)]
    pinned = pin(problem, lab).problem
    assert pinned is not None
    assert pinned.session("lab").pinned == (
        Pin(occurrence=1, date=dt.date(2026, 3, 24), period="am2", room="a"),
    )
    unpinned = unpin(pinned, "lab", 1).problem
    assert unpinned is not None
    assert unpinned.session("lab").pinned == ()


def test_edit_schedule_occurrence_choices_read_as_words_and_stay_apart(
    problem: Problem, schedule: Schedule
) -> None:
    logic = next(a for a in schedule.assignments if a.key == ("logic", 2))
    zone = problem.event.zone
    choices = occurrence_choices(problem, list(schedule.assignments), "en")
    assert (
        choices["logic#2"]
        == f"Logic #2 · {logic.start.astimezone(zone):%m-%d %H:%M} · " + problem.room(logic.room).name
    )
    assert occurrence_choices(problem, [logic], "zh")["logic#2"].startswith("Logic第2讲 · ")
    same_title = problem.model_copy(
        update={
            "sessions": (*problem.sessions, problem.session("logic").model_copy(update={"id": "logic-b"}))
        }
    )
    twin = logic.model_copy(update={"session": "logic-b"})
    both = occurrence_choices(same_title, [logic, twin], "en")
    assert both["logic#2"].endswith("(logic#2)")
    assert both["logic-b#2"].endswith("(logic-b#2)")


def test_edit_schedule_day_grid_of_a_room_called_period(problem: Problem, schedule: Schedule) -> None:
    renamed = problem.model_copy(
        update={
            "rooms": tuple(r.model_copy(update={"id": "period"}) if r.id == "a" else r for r in problem.rooms)
        }
    )
    moved = schedule.model_copy(
        update={
            "assignments": tuple(
                a.model_copy(update={"room": "period"}) if a.room == "a" else a for a in schedule.assignments
            )
        }
    )
    day = dt.date(2026, 3, 23)
    rows = day_grid(renamed, select(renamed, moved, "day", day.isoformat()), day)
    assert rows[0]["period"] == "am1 09:00-10:30"
    assert rows[0]["@period"] == "Introduction · Ada Lovelace"


def test_rows_and_filter_use_titles_of_the_event_renamed_after_the_solve() -> None:
    problem = read_problem(MINIMAL)
    schedule = greedy_schedule(problem)
    sessions = tuple(
        s.model_copy(update={"title": "Proofs"}) if s.id == "logic" else s for s in problem.sessions
    )
    renamed = problem.model_copy(update={"sessions": sessions})

    found = select(renamed, schedule, "group", "g1", text="proofs")

    assert [a.session for a in found] == ["logic"] * 3
    assert {row["title"] for row in assignment_rows(renamed, found)} == {"Proofs"}
    assert select(renamed, schedule, "group", "g1", text="logic")  # the session id still finds it


def test_edit_schedule_move_while_the_event_runs_keeps_what_took_place(
    problem: Problem, schedule: Schedule
) -> None:
    """Published, with today 2026-03-25: a lecture of 03-24 has taken place and stays; none moves to
    a day before today; later lectures move freely; without today (before or after the event) the
    freeze says nothing."""
    today = dt.datetime(2026, 3, 25)  # from its midnight

    def freeze_lines(key: tuple[str, int], day: dt.date, period: str, when: dt.datetime | None) -> list[str]:
        check = check_move(problem, schedule, key, day, period, "a", None, schedule, when)
        return [line for line in check.broken if "freeze" in line or "frozen" in line]

    assert freeze_lines(("logic", 2), dt.date(2026, 3, 26), "am1", today) == [
        "logic#2: frozen before 2026-03-25 but moved"
    ]
    assert freeze_lines(("logic", 3), dt.date(2026, 3, 24), "pm1", today) == [
        "logic#3: placed at 2026-03-24 14:00, before the freeze (2026-03-25)"
    ]
    assert freeze_lines(("logic", 3), dt.date(2026, 3, 26), "am1", today) == []
    assert freeze_lines(("logic", 2), dt.date(2026, 3, 26), "am1", None) == []


def test_edit_schedule_move_while_the_event_runs_is_frozen_to_the_minute(
    problem: Problem, schedule: Schedule
) -> None:
    """``now`` a moment (``calendar.under_way``): logic#3 is at 09:00 on 2026-03-25. At 08:00 it has
    not started and may move later that day, but not to 08:00's past; at 10:00 it has started and
    stays."""
    at_eight, at_ten = dt.datetime(2026, 3, 25, 8, 0), dt.datetime(2026, 3, 25, 10, 0)

    def freeze_lines(day: dt.date, period: str, now: dt.datetime) -> list[str]:
        check = check_move(problem, schedule, ("logic", 3), day, period, "a", None, schedule, now)
        return [line for line in check.broken if "freeze" in line or "frozen" in line]

    assert freeze_lines(dt.date(2026, 3, 25), "am2", at_eight) == []
    assert freeze_lines(dt.date(2026, 3, 24), "pm1", at_eight) == [
        "logic#3: placed at 2026-03-24 14:00, before the freeze (2026-03-25 08:00)"
    ]
    assert freeze_lines(dt.date(2026, 3, 25), "am2", at_ten) == [
        "logic#3: frozen before 2026-03-25 10:00 but moved"
    ]
