"""Publish page: the changes since the last version, a note, publish, the change notices."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planner.domain.schedule import Schedule
from planner.storage import database_url, open_store
from planner.usecases.edit_schedule import check_move
from tests.storage.plans import edited
from tests.ui.conftest import MINIMAL, minimal, solved, texts, upload
from tests.ui.test_schedule import free_slot


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    return solved(minimal())


def publish_page(app: AppTest, schedule: Schedule) -> AppTest:
    upload(app, MINIMAL)
    app.session_state["schedule"] = schedule
    return app.switch_page("pages/publish.py").run()


def publish(app: AppTest, note: str) -> AppTest:
    app.text_area(key="publish_note").set_value(note)
    return app.button(key="FormSubmitter:publish-Publish").click().run()


def test_publish_first_version(app: AppTest, schedule: Schedule) -> None:
    publish_page(app, schedule)
    assert texts(app.info) == ["Never published; this will be version 1."]
    publish(app, "first plan")
    assert app.exception == []
    assert texts(app.success) == ["Published version 1."]
    version = open_store(database_url()).latest("mini")
    assert version is not None
    assert (version.number, version.note, len(version.schedule.assignments)) == (1, "first plan", 5)


def test_publish_second_version_lists_changes_and_notices(app: AppTest, schedule: Schedule) -> None:
    publish_page(app, schedule)
    publish(app, "first")
    day, period = free_slot(schedule, ("logic", 2))
    app.session_state["schedule"] = check_move(minimal(), schedule, ("logic", 2), day, period, "a").schedule
    app.run()
    assert app.caption[0].value.startswith("v1 · 0 new, 1 moved in time")
    publish(app, "room change")
    assert texts(app.success) == ["Published version 2."]
    moved = app.session_state["schedule"].by_key()[("logic", 2)]
    problem = minimal()
    expected = [problem.speaker(s).name for s in moved.speakers] + ["Group 1", "Room A"]
    assert sorted(app.dataframe[0].value["Name"].tolist()) == sorted(expected)


def test_publish_page_in_chinese_lists_changes_in_words(app: AppTest, schedule: Schedule) -> None:
    """The pending changes and the versions read as the notices do, in the app's language."""
    publish_page(app, schedule)
    publish(app, "first")
    day, period = free_slot(schedule, ("logic", 2))
    moved = check_move(minimal(), schedule, ("logic", 2), day, period, "a").schedule
    app.session_state["schedule"] = moved
    app.session_state["lang"] = "zh"
    app.run()
    assert app.caption[0].value == "v1 · 新增 0 项，调整时间 1 项，更换教室 0 项，更换授课人 0 项，取消 0 项"
    table = app.dataframe[0].value
    assert list(table.columns) == ["变动", "课程", "原安排", "新安排"]
    old, new = schedule.by_key()[("logic", 2)], moved.by_key()[("logic", 2)]
    assert table.iloc[0]["变动"] == "调整时间"
    zone, weekdays = minimal().event.zone, "一二三四五六日"
    start, end = new.start.astimezone(zone), new.end.astimezone(zone)
    assert table.iloc[0]["新安排"] == (
        f"{start:%Y-%m-%d} 星期{weekdays[start.weekday()]} {start:%H:%M}-{end:%H:%M} Room A"
    )
    assert table.iloc[0]["原安排"].startswith(f"{old.start.astimezone(zone):%Y-%m-%d} 星期")
    versions = app.dataframe[-1].value
    assert list(versions.columns)[1] == "发布时间（Europe/Berlin）"
    assert versions.iloc[0]["与上次发布相比的变化"].startswith("新增 5 项")


def test_publish_page_says_when_only_words_changed(app: AppTest, schedule: Schedule) -> None:
    """A session renamed after the last version moves nothing, yet every calendar shows the new
    title: the page says so instead of "No changes"."""
    publish_page(app, schedule)
    publish(app, "first")
    app.session_state["problem"] = edited(minimal(), "sessions", "logic", title="Logic and proof")
    app.run()
    assert app.caption[0].value.startswith("v1 · 0 new, 0 moved in time")
    assert texts(app.markdown)[:1] == [
        "3 more occurrences changed only in words (a title, an abstract, a room's or speaker's "
        "name): subscribed calendars will show the new words."
    ]
    assert "No changes." not in texts(app.markdown)


def test_publish_schedule_breaking_hard_rule_refused(app: AppTest, schedule: Schedule) -> None:
    intro = schedule.by_key()[("intro", 1)]
    clash = next(a for a in schedule.assignments if a.session == "logic")
    broken = clash.model_copy(update={"start": intro.start, "end": intro.end})
    publish_page(app, schedule.model_copy(update={"assignments": (*schedule.assignments[:0], *(
        broken if a.key == clash.key else a for a in schedule.assignments))}))  # fmt: skip
    publish(app, "bad")
    assert app.exception == []
    assert len(app.error) == 1
    assert app.error[0].value.startswith("the schedule breaks hard rules:")
    assert open_store(database_url()).latest("mini") is None
