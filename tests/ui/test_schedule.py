"""Schedule page: week grid, filters, paged list, moves checked by the oracle, pin and unpin."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from planner.domain.calendar import Grid
from planner.domain.schedule import Schedule
from planner.usecases.edit_schedule import check_move
from tests.factories import greedy_schedule
from tests.ui.conftest import MINIMAL, minimal, open_sample, problem_of, solved, texts, upload


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    return solved(minimal())


def schedule_page(app: AppTest, schedule: Schedule) -> AppTest:
    upload(app, MINIMAL)
    app.session_state["schedule"] = schedule
    return app.switch_page("pages/schedule.py").run()


def test_schedule_grid_shows_week_one(app: AppTest, schedule: Schedule) -> None:
    schedule_page(app, schedule)
    assert app.exception == []
    grid = app.dataframe[0].value
    assert list(grid.columns) == ["Period", "03-23 Mon", "03-24 Tue", "03-25 Wed", "03-26 Thu", "03-27 Fri"]
    assert grid.iloc[0]["03-23 Mon"] == "Introduction · Room A"


def test_schedule_grid_wraps_long_cells_in_fixed_columns(app: AppTest, schedule: Schedule) -> None:
    schedule_page(app, schedule)
    proto = app.dataframe[0].proto
    widths = {
        name: column.get("width") for name, column in json.loads(proto.columns).items() if name != "_index"
    }
    assert widths == {"Period": 120} | dict.fromkeys(
        ("03-23 Mon", "03-24 Tue", "03-25 Wed", "03-26 Thu", "03-27 Fri"), 150
    )
    assert proto.row_height > 64  # Streamlit wraps a cell's text only in rows taller than 4rem


def test_schedule_list_in_chinese_names_rooms_and_people(app: AppTest, schedule: Schedule) -> None:
    schedule_page(app, schedule)
    app.session_state["lang"] = "zh"
    app.run()
    rows = app.dataframe[1].value
    assert list(rows.columns) == ["讲次", "课程", "日期", "时间", "场地", "授课人", "班级", "已固定"]
    intro = rows[rows["讲次"] == "intro#1"].iloc[0]
    assert (intro["场地"], intro["授课人"], intro["班级"], intro["已固定"]) == (
        "Room A",
        "Ada Lovelace",
        "Group 1",
        True,
    )


def test_schedule_day_view_shows_the_rooms_side_by_side(app: AppTest, schedule: Schedule) -> None:
    schedule_page(app, schedule)
    app.radio(key="view_en").set_value("Day (all rooms)").run()
    app.selectbox(key="which_day_en").set_value("2026-03-23 Mon").run()
    assert app.exception == []
    grid = app.dataframe[0].value
    used = {a.room for a in schedule.assignments if a.start.date() == dt.date(2026, 3, 23)}
    assert list(grid.columns) == ["Period", *(r.name for r in minimal().rooms if r.id in used)]
    assert grid.iloc[0]["Room A"] == "Introduction · Ada Lovelace"
    assert "week" not in [box.key for box in app.selectbox]  # the day sets the week


def test_schedule_track_view_only_for_an_event_with_tracks(app: AppTest) -> None:
    schedule_page(app, solved(minimal()))
    assert "Track" not in app.radio(key="view_en").options
    open_sample(app, "tech-conference.yaml")
    conference = problem_of(app)
    app.session_state["schedule"] = greedy_schedule(conference)
    app.switch_page("pages/schedule.py").run()
    app.radio(key="view_en").set_value("Track").run()
    app.selectbox(key="which_track_en").set_value("Security (Security)").run()
    assert app.exception == []
    titles = {s.title for s in conference.sessions if s.course == "Security"}
    cells = {
        cell.split(" · ")[0]
        for column in app.dataframe[0].value.columns[1:]
        for cell in app.dataframe[0].value[column]
        if cell
    }
    assert cells
    assert cells <= titles


def test_schedule_filter_by_title(app: AppTest, schedule: Schedule) -> None:
    schedule_page(app, schedule)
    app.text_input(key="filter").set_value("logic").run()
    cells = [c for c in app.dataframe[0].value.drop(columns="Period").to_numpy().ravel() if c]
    assert len(cells) >= 1
    assert [c for c in cells if not c.startswith("Logic #")] == []


def test_schedule_filter_names_the_weeks_when_this_week_has_none(app: AppTest, schedule: Schedule) -> None:
    lab = schedule.by_key()[("lab", 1)]
    its_week = 2 if lab.start.date() >= dt.date(2026, 3, 30) else 1
    schedule_page(app, schedule)
    app.text_input(key="filter").set_value("lab").run()
    app.selectbox(key="week").set_value(3 - its_week).run()
    assert app.exception == []
    assert f"Nothing here this week; see week {its_week}." in texts(app.caption)
    app.selectbox(key="week").set_value(its_week).run()
    assert not [c for c in texts(app.caption) if c.startswith("Nothing here")]


def pick_occurrence(app: AppTest, label: str) -> None:
    """Choose the occurrence whose words in the picker start with ``label`` (``Logic #2``)."""
    box = app.selectbox(key="move_what_en")
    box.set_value(next(o for o in box.options if o.startswith(f"{label} · "))).run()


def free_slot(schedule: Schedule, key: tuple[str, int]) -> tuple[dt.date, str]:
    """A (day, period) the oracle accepts for the occurrence, other than its own."""
    problem, current = minimal(), schedule.by_key()[key]
    grid = Grid(problem.event)
    for day in grid.days:
        for period in grid.period_ids:
            check = check_move(problem, schedule, key, day, period, current.room)
            if check.ok and check.schedule.by_key()[key].start != current.start:
                return day, period
    raise AssertionError("no free slot")


def choose_free_slot_for_logic_2(app: AppTest, schedule: Schedule) -> tuple[dt.date, str]:
    """On the schedule page: find logic#2 (filter, its week), pick it and choose a free slot for it;
    the (day, period) chosen."""
    day, period = free_slot(schedule, ("logic", 2))
    app.text_input(key="filter").set_value("logic").run()
    current = schedule.by_key()[("logic", 2)].start.date()
    app.selectbox(key="week").set_value(2 if current >= dt.date(2026, 3, 30) else 1).run()
    pick_occurrence(app, "Logic #2")
    box = app.selectbox(key="move_day_logic#2_en")
    box.set_value(next(o for o in box.options if o.startswith(day.isoformat()))).run()
    app.selectbox(key="move_period_logic#2").set_value(period).run()
    return day, period


def test_schedule_move_breaking_rule_is_shown_and_refused(app: AppTest, schedule: Schedule) -> None:
    schedule_page(app, schedule)
    pick_occurrence(app, "Introduction")
    app.selectbox(key="move_period_intro#1").set_value("am2").run()
    assert app.exception == []
    assert len(app.error) == 1
    assert app.error[0].value.startswith("This move breaks:")
    assert app.button(key="apply_move").disabled


def test_schedule_move_refused_in_chinese_names_the_lecture(app: AppTest, schedule: Schedule) -> None:
    """The Chinese page words the broken rule in Chinese, with the session's title, and lists pins so."""
    schedule_page(app, schedule)
    app.session_state["lang"] = "zh"
    app.run()
    box = app.selectbox(key="move_what_zh")
    box.set_value(next(o for o in box.options if o.startswith("Introduction · 03-23 09:00 · "))).run()
    app.selectbox(key="move_period_intro#1").set_value("am2").run()
    assert app.exception == []
    lines = app.error[0].value.split("\n")
    assert lines[0] == "这样调整会违反："
    assert "- Introduction：固定在 09:00，却从 11:00 开始" in lines
    assert "- 授课人“Ada Lovelace”同时排了 Introduction 和 Logic第1讲（2026-03-23 11:00）" in lines
    assert "Introduction：2026-03-23 am1" in [m.value for m in app.markdown]


def test_schedule_valid_move_saved_and_pinned(app: AppTest, schedule: Schedule) -> None:
    schedule_page(app, schedule)
    day, period = choose_free_slot_for_logic_2(app, schedule)
    assert texts(app.success) == ["This move breaks no hard rule."]
    assert not any("under way" in text for text in texts(app.caption))  # the event is long over
    app.button(key="apply_move").click().run()
    assert app.exception == []
    moved = app.session_state["schedule"].by_key()[("logic", 2)]
    assert moved.start.date() == day
    assert [(p.occurrence, p.date, p.period) for p in problem_of(app).session("logic").pinned] == [
        (2, day, period)
    ]
    assert texts(app.success)[0] == "Moved and pinned."


def test_schedule_unpin(app: AppTest, schedule: Schedule) -> None:
    schedule_page(app, schedule)
    app.button(key="unpin_0").click().run()
    assert app.exception == []
    assert problem_of(app).session("intro").pinned == ()


def test_schedule_without_schedule_says_solve_first(app: AppTest) -> None:
    upload(app, MINIMAL)
    app.switch_page("pages/schedule.py").run()
    assert texts(app.info) == ["No schedule yet: solve first."]


def test_schedule_move_of_a_lecture_that_took_place_is_refused_while_the_event_runs(
    app: AppTest, schedule: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Published, and the event under way: a lecture that started an hour ago stays, and the page
    says so before any move is tried."""
    import planner.domain.calendar
    from tests.ui.test_publish import publish

    schedule_page(app, schedule)
    app.switch_page("pages/publish.py").run()
    publish(app, "v1")
    now = schedule.by_key()[("logic", 2)].start.replace(tzinfo=None) + dt.timedelta(hours=1)
    monkeypatch.setattr(planner.domain.calendar, "under_way", lambda event, now_: now)
    app.switch_page("pages/schedule.py").run()
    said = f"{now:%Y-%m-%d %H:%M}"
    assert (
        f"The event is under way: sessions that started before {said} (now) stay, and none moves before it."
        in texts(app.caption)
    )
    choose_free_slot_for_logic_2(app, schedule)
    assert app.exception == []
    assert f"- Logic #2: frozen before {said} but moved" in app.error[0].value
    assert app.button(key="apply_move").disabled
