"""The shared export base: day -> room -> sessions, weeks, and changes since a previous version."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.domain.errors import ExportError
from planner.domain.schedule import Schedule
from planner.exports.layout import build_layout, changes_between
from tests.exports.pdf_tools import MINIMAL, load
from tests.factories import chinese_problem, greedy_schedule


def _moved(schedule: Schedule, index: int, **update: object) -> Schedule:
    assignments = list(schedule.assignments)
    assignments[index] = assignments[index].model_copy(update=update)
    return schedule.model_copy(update={"assignments": tuple(assignments)})


def test_build_layout_entries_sorted_by_start_then_room() -> None:
    problem = load(MINIMAL)
    schedule = greedy_schedule(problem)
    reversed_schedule = schedule.model_copy(update={"assignments": schedule.assignments[::-1]})

    layout = build_layout(problem, reversed_schedule)

    starts = [(e.start, e.room.id) for e in layout.entries]
    assert starts == sorted(starts)
    assert [e.key for e in layout.entries] == [e.key for e in build_layout(problem, schedule).entries]


def test_build_layout_times_in_the_event_zone() -> None:
    problem = load(MINIMAL)
    schedule = greedy_schedule(problem)
    in_utc = schedule.model_copy(
        update={"assignments": tuple(a.model_copy(update={"start": a.start.astimezone(dt.UTC),
                                                           "end": a.end.astimezone(dt.UTC)})
                                     for a in schedule.assignments)}
    )  # fmt: skip

    first = build_layout(problem, in_utc).entries[0]

    assert (first.start.isoformat(), first.period_ids) == ("2026-03-23T09:00:00+01:00", ("am1",))


def test_build_layout_by_day_room_lists_rooms_in_event_order() -> None:
    problem = chinese_problem()
    layout = build_layout(problem, greedy_schedule(problem))

    first_day = layout.by_day_room()[dt.date(2026, 5, 11)]

    assert list(first_day) == ["hall", "r101", "r102"]
    assert [e.session.id for e in first_day["hall"]] == ["opening"]


def test_week_cell_two_period_session_fills_both_cells() -> None:
    problem = chinese_problem()
    layout = build_layout(problem, greedy_schedule(problem))
    week = layout.weeks()[0]
    workshop = next(e for e in layout.entries if e.session.id == "docs-c1")

    cells = [week.cell(workshop.day, p) for p in ("am1", "am2", "pm1")]

    assert [workshop in cell for cell in cells] == [False, True, True]


def test_build_layout_weeks_hold_every_working_day() -> None:
    problem = load(MINIMAL)

    weeks = build_layout(problem, greedy_schedule(problem)).weeks()

    assert [(w.number, len(w.days), len(w.entries)) for w in weeks] == [(1, 5, 5), (2, 5, 0)]


def test_build_layout_for_group_speaker_room_filter_entries() -> None:
    problem = chinese_problem()
    layout = build_layout(problem, greedy_schedule(problem))

    assert {e.session.id for e in layout.for_group("c2").entries} == {"opening", "methods-c2", "study"}
    assert {e.session.id for e in layout.for_speaker("liu").entries} == {"docs-c1"}
    assert {e.session.id for e in layout.for_room("hall").entries} == {"opening"}


def test_build_layout_with_previous_marks_changes_and_removals() -> None:
    problem = chinese_problem()
    before = greedy_schedule(problem)
    after = _moved(before, 1, room="r102")
    after = after.model_copy(update={"assignments": after.assignments[:-1]})

    layout = build_layout(problem, after, before, previous_version=3)

    changed = {e.key: e.changes for e in layout.changed}
    assert changed == {before.assignments[1].key: ("room",)}
    assert [a.key for a in layout.removed] == [before.assignments[-1].key]
    assert layout.previous_version == 3


def test_build_layout_titles_from_the_event_not_the_schedule() -> None:
    problem = load(MINIMAL)
    schedule = greedy_schedule(problem)  # solved, then the session renamed
    sessions = tuple(
        s.model_copy(update={"title": "Logic and proof"}) if s.id == "logic" else s for s in problem.sessions
    )
    renamed = problem.model_copy(update={"sessions": sessions})

    titles = {e.session.id: e.title for e in build_layout(renamed, schedule).entries}

    assert titles == {"intro": "Introduction", "logic": "Logic and proof", "lab": "Lab"}


def test_changes_between_absent_before_is_new() -> None:
    schedule = greedy_schedule(load(MINIMAL))

    assert changes_between(schedule.assignments[0], None) == ("new",)


def test_changes_between_moved_and_respoken() -> None:
    schedule = greedy_schedule(load(MINIMAL))
    first, other = schedule.assignments[0], schedule.assignments[2]
    moved = first.model_copy(update={"start": other.start, "end": other.end, "speakers": ("alan",)})

    assert changes_between(moved, first) == ("time", "speakers")


def test_build_layout_unknown_room_raises_export_error() -> None:
    problem = load(MINIMAL)
    schedule = _moved(greedy_schedule(problem), 0, room="attic")

    with pytest.raises(ExportError) as error:
        build_layout(problem, schedule)

    assert str(error.value) == "assignments[0] (intro #1).room: no room 'attic'"


def test_build_layout_entry_off_the_grid_goes_to_the_period_before() -> None:
    problem = load(MINIMAL)
    schedule = greedy_schedule(problem)
    lunch = schedule.assignments[0].start.replace(hour=12, minute=45)
    schedule = _moved(schedule, 0, start=lunch, end=lunch + dt.timedelta(minutes=30))

    entry = next(e for e in build_layout(problem, schedule).entries if e.key == ("intro", 1))

    assert entry.period_ids == ("am2",)


def test_build_layout_entry_across_two_periods_overlaps_both() -> None:
    problem = load(MINIMAL)
    schedule = greedy_schedule(problem)
    first = schedule.assignments[0].start
    schedule = _moved(schedule, 0, start=first.replace(hour=10), end=first.replace(hour=11, minute=30))

    entry = next(e for e in build_layout(problem, schedule).entries if e.key == ("intro", 1))

    assert entry.period_ids == ("am1", "am2")
