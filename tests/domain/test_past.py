"""A repair's past: the frozen occurrences' people and rooms stay available at their own periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.domain.calendar import Grid
from planner.domain.model import Rule
from planner.domain.oracle import check_schedule
from planner.domain.past import carve, kept_past, unkept
from planner.io.files import problem_from_data, problem_to_data, read_problem
from planner.io.schedule_file import read_schedule

ROOT = Path(__file__).resolve().parents[2]
OFFICE = read_problem(ROOT / "samples" / "office-training-2026.yaml")
BEST = read_schedule(ROOT / "bench" / "best" / "office-training-2026" / "schedule.json")
GRID = Grid(OFFICE.event)
NOON = dt.datetime(2026, 5, 27, 12, 0)


@pytest.mark.parametrize(
    "rule",
    [
        {"weekdays": ["wed"]},
        {"weekdays": ["wed", "thu"], "periods": ["am2", "pm1"]},
        {"from": "2026-05-20", "to": "2026-06-03"},
        {"from": "2026-05-27"},
        {"to": "2026-05-27", "weeks": [3]},
        {"date": "2026-05-27"},
        {"date": "2026-05-27", "periods": ["am2"]},
        {"periods": ["am2"]},
        {"weeks": [4]},
    ],
)
def test_carve_takes_out_exactly_the_given_periods(rule: dict[str, object]) -> None:
    rules = (Rule.model_validate(rule), Rule(date=dt.date(2026, 6, 1)))
    taken = {dt.date(2026, 5, 27): {"am2"}, dt.date(2026, 6, 3): {"am1", "am2"}}
    carved = carve(rules, GRID, taken)
    for slot in GRID.slots():
        day, period = GRID.days[slot.day], GRID.period_ids[slot.period]
        expected = GRID.matches(rules, slot) and period not in taken.get(day, set())
        assert GRID.matches(carved, slot) == expected, (rule, day, period)


def test_carve_keeps_rules_that_match_none_of_the_periods() -> None:
    rules = (Rule.model_validate({"weekdays": ["mon"]}), Rule(date=dt.date(2026, 5, 27), periods=("pm1",)))
    assert carve(rules, GRID, {dt.date(2026, 5, 27): {"am2"}}) == rules


def ill(day: str) -> dict[str, object]:
    """The office sample with 吴国强 away for the whole of ``day``."""
    data = problem_to_data(OFFICE)
    for speaker in data["speakers"]:
        if speaker["id"] == "wu-guoqiang":
            speaker["unavailable"] = [*speaker["unavailable"], day]
    return data


def test_a_lecture_given_before_the_freeze_stays_when_its_lecturer_is_marked_away_that_day() -> None:
    """吴国强 taught 二班 at 10:20 on 2026-05-27 and falls ill at lunch; the office marks the day."""
    changed = problem_from_data(ill("2026-05-27"))
    held_problem, held = kept_past(changed, BEST, NOON)
    assert [(h.assignment.key, h.kind, h.who) for h in held] == [
        (("coordination-c2", 3), "speaker", "wu-guoqiang")
    ]
    assert held[0].name(changed) == "吴国强"
    wu = next(k for k in held_problem.speakers if k.id == "wu-guoqiang")
    at = {
        GRID.period_ids[s.period]
        for s in GRID.slots()
        if GRID.days[s.day] == NOON.date() and GRID.matches(wu.unavailable, s)
    }
    assert at == {"am1", "pm1", "pm2"}  # away but at the lecture he gave
    lines = check_schedule(changed, BEST, BEST, NOON).violations
    assert lines == ["coordination-c1#2: speaker 'wu-guoqiang' is unavailable at 2026-05-27 14:30"]
    unheld = check_schedule(changed, BEST).violations
    assert "coordination-c2#3: speaker 'wu-guoqiang' is unavailable at 2026-05-27 10:20" in unheld


def test_nothing_is_held_without_a_freeze_or_before_the_absence() -> None:
    changed = problem_from_data(ill("2026-05-27"))
    assert kept_past(changed, BEST, None) == (changed, [])
    assert kept_past(changed, None, NOON) == (changed, [])
    assert kept_past(changed, BEST, dt.date(2026, 5, 27)) == (changed, [])  # from its midnight: none started
    assert kept_past(OFFICE, BEST, NOON) == (OFFICE, [])  # no one marked away at a frozen lecture


def test_a_repair_refuses_to_keep_what_started_with_a_room_or_lecturer_taken_out() -> None:
    """刘建华 gave 一班's first lecture on 2026-05-18 in 第一教室; then 第一教室 is renamed ``r101``
    and 刘建华 taken off the course: neither can stay as it was."""
    data = problem_to_data(OFFICE)
    data["rooms"] = [{**r, "id": "r101"} if r["id"] == "room-101" else r for r in data["rooms"]]
    for session in data["sessions"]:
        if session["id"] == "methods-c1":
            session["candidates"]["from"] = ["zhang-lijun"]
    changed = problem_from_data(data)
    lines = unkept(changed, BEST, dt.date(2026, 5, 19))
    assert "methods-c1#1: no room 'room-101' in the event" in lines
    assert "docs-c1#1: no room 'room-101' in the event" in lines
    assert all("room-101" in line for line in lines)  # the lecturer's is a room's too: one line each
    assert unkept(changed, BEST, dt.date(2026, 5, 11)) == []  # nothing had started
    data["rooms"] = [{**r, "id": "room-101"} if r["id"] == "r101" else r for r in data["rooms"]]
    only_lecturer = unkept(problem_from_data(data), BEST, dt.date(2026, 5, 19))
    assert only_lecturer == ["methods-c1#1: needs 1 speaker(s) from ['zhang-lijun'], has ['liu-jianhua']"]
    assert unkept(OFFICE, BEST, dt.date(2026, 6, 20)) == []
    data["sessions"] = [s for s in data["sessions"] if s["id"] != "etiquette-c1"]  # 公务礼仪 cancelled
    assert unkept(problem_from_data(data), BEST, dt.date(2026, 6, 1)) == [
        *(f"etiquette-c1#{n}: no session 'etiquette-c1' in the event" for n in (1, 2)),
        "methods-c1#1: needs 1 speaker(s) from ['zhang-lijun'], has ['liu-jianhua']",
    ]
    assert unkept(changed, None, dt.date(2026, 6, 20)) == []
