"""Rooms page: edits are validated per row and saved as the next draft revision."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.storage import open_store
from tests.ui.conftest import MINIMAL, edit_table, problem_of, texts, upload


def rooms_page(app: AppTest) -> AppTest:
    upload(app, MINIMAL)
    return app.switch_page("pages/rooms.py").run()


def test_rooms_edit_capacity_saved(app: AppTest, tmp_path: Path) -> None:
    rooms_page(app)
    edit_table(app, "rooms", edited_rows={1: {"capacity": 16}})
    assert app.exception == []
    assert problem_of(app).room("b").capacity == 16
    assert texts(app.success) == ["Saved (draft revision 2)."]
    stored = open_store(f"sqlite:///{tmp_path / 'huiwu.db'}").draft("mini")
    assert (stored.revision, stored.problem.room("b").capacity) == (2, 16)


def test_rooms_add_row_saved(app: AppTest) -> None:
    rooms_page(app)
    edit_table(
        app, "rooms", added_rows=[{"id": "c", "name": "Room C", "capacity": 8, "unavailable": "fri; w2"}]
    )
    assert app.exception == []
    room = problem_of(app).room("c")
    assert (room.capacity, len(room.unavailable)) == (8, 2)


def test_rooms_bad_rows_get_messages_beside_them(app: AppTest) -> None:
    rooms_page(app)
    edit_table(app, "rooms", edited_rows={0: {"unavailable": "someday"}, 1: {"capacity": 0}})
    assert app.exception == []
    messages = list(app.dataframe[0].value["messages"])
    assert messages[1].startswith("capacity: must be greater than 0")
    assert messages[0].startswith("unavailable: 'someday' is not a date (2026-05-20)")
    assert problem_of(app).room("b").capacity == 12


REFUSED = {
    "en": [
        "sessions[0].features: no room has 'projector'",
        "sessions[0]: expects 20 people but the largest room seats 12",
        "sessions[1]: expects 20 people but the largest room seats 12",
        "sessions[2]: expects 20 people but the largest room seats 12",
    ],
    "zh": [
        "sessions[0].features: 没有场地具备 'projector'",
        "sessions[0]: 预计 20 人，但最大的场地只有 12 座",
        "sessions[1]: 预计 20 人，但最大的场地只有 12 座",
        "sessions[2]: 预计 20 人，但最大的场地只有 12 座",
    ],
}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_rooms_removing_needed_room_refused_with_reason(app: AppTest, language: str) -> None:
    rooms_page(app)
    if language == "zh":  # the Chinese app words the planner's reasons in Chinese
        app.session_state["lang"] = "zh"
        app.run()
    edit_table(app, "rooms", deleted_rows=[0])
    assert app.exception == []
    assert texts(app.error) == REFUSED[language]
    assert [r.id for r in problem_of(app).rooms] == ["a", "b"]


def test_rooms_discard_pending_rows(app: AppTest) -> None:
    rooms_page(app)
    edit_table(app, "rooms", edited_rows={1: {"capacity": 0}})
    app.button(key="discard:rooms").click().run()
    assert list(app.dataframe[0].value["messages"]) == ["", ""]
    assert texts(app.warning) == []


def test_rooms_two_tabs_never_lose_an_edit(app: AppTest, tmp_path: Path) -> None:
    rooms_page(app)
    other = AppTest.from_file(app._script_path, default_timeout=60).run()
    other.selectbox(key="stored").select("mini")
    other.button(key="open_stored").click().run()
    other.switch_page("pages/rooms.py").run()
    edit_table(app, "rooms", edited_rows={1: {"capacity": 16}})
    edit_table(other, "rooms", edited_rows={1: {"capacity": 20}})
    assert other.exception == []
    assert len(other.error) == 1
    assert "your edit started from revision 1, but revision 2 was saved meanwhile" in other.error[0].value
    assert problem_of(other).room("b").capacity == 12
    other.button(key="reload").click().run()
    assert (problem_of(other).room("b").capacity, other.session_state["revision"]) == (16, 2)


def test_rooms_messages_read_in_chinese_in_the_chinese_app(app: AppTest) -> None:
    rooms_page(app)
    app.session_state["lang"] = "zh"
    app.run()
    edit_table(app, "rooms", edited_rows={0: {"unavailable": "someday"}, 1: {"capacity": 0}})
    assert app.exception == []
    messages = list(app.dataframe[0].value["messages"])
    assert messages[1] == "capacity: 必须大于 0（填的是 0）"
    assert messages[0].startswith("unavailable: 'someday' 既不是日期（2026-05-20）")
