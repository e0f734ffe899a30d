"""The working schedule survives the tab: saved with the draft when solved, loaded when reopened."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import MINIMAL, edit_table, minimal, problem_of, solved, upload
from tests.ui.test_schedule import choose_free_slot_for_logic_2, schedule_page
from tests.ui.test_solve import solve_and_wait


def reopen(app: AppTest) -> AppTest:
    """A fresh tab (a new AppTest on the same database) opening the plan from the database."""
    other = AppTest.from_file(app._script_path, default_timeout=60).run()
    other.switch_page("pages/event.py").run()
    other.selectbox(key="stored").select("mini")
    return other.button(key="open_stored").click().run()


def test_solved_schedule_reopens_in_a_fresh_tab(app: AppTest) -> None:
    upload(app, MINIMAL)
    solve_and_wait(app)
    solved = app.session_state["schedule"]

    other = reopen(app)

    assert not app.exception
    assert not other.exception
    assert (other.session_state["schedule"], other.session_state["revision"]) == (solved, 2)
    assert app.session_state["revision"] == 2


def test_edit_after_solve_keeps_the_schedule_with_the_draft(app: AppTest) -> None:
    upload(app, MINIMAL)
    solve_and_wait(app)
    app.switch_page("pages/rooms.py").run()
    edit_table(app, "rooms", edited_rows={1: {"capacity": 16}})

    other = reopen(app)

    assert (other.session_state["revision"], problem_of(other).room("b").capacity) == (3, 16)
    assert other.session_state["schedule"] == app.session_state["schedule"]


def test_schedule_that_no_longer_fits_is_dropped_with_a_message(app: AppTest) -> None:
    upload(app, MINIMAL)
    solve_and_wait(app)
    app.switch_page("pages/sessions.py").run()
    edit_table(app, "sessions", deleted_rows=[2])
    assert [s.id for s in problem_of(app).sessions] == ["intro", "logic"]

    other = reopen(app)

    assert other.exception == []
    assert other.session_state["schedule"] is None
    assert [i.value for i in other.info] == [
        "The working schedule saved with the draft no longer fits the event and was dropped:\n\n"
        "- lab#1: no longer in the event"
    ]


def test_hand_move_reopens_in_a_fresh_tab(app: AppTest) -> None:
    schedule = solved(minimal())
    schedule_page(app, schedule)
    day, _ = choose_free_slot_for_logic_2(app, schedule)
    app.button(key="apply_move").click().run()

    other = reopen(app)

    moved = other.session_state["schedule"]
    assert not app.exception
    assert not other.exception
    assert (moved, moved.by_key()[("logic", 2)].start.date()) == (app.session_state["schedule"], day)
    assert other.session_state["revision"] == 2


def test_uploading_the_same_file_again_keeps_the_working_schedule(app: AppTest) -> None:
    upload(app, MINIMAL)
    solve_and_wait(app)
    other = AppTest.from_file(app._script_path, default_timeout=60).run()

    upload(other, MINIMAL)

    assert other.exception == []
    assert (other.session_state["schedule"], other.session_state["revision"]) == (
        app.session_state["schedule"],
        2,
    )
