"""Sessions page: the sessions table; references are checked against speakers and groups."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import MINIMAL, edit_table, problem_of, upload


def sessions_page(app: AppTest) -> AppTest:
    upload(app, MINIMAL)
    return app.switch_page("pages/sessions.py").run()


def test_sessions_add_course_saved(app: AppTest) -> None:
    sessions_page(app)
    row = {
        "id": "ethics",
        "title": "Ethics",
        "kind": "discussion",
        "occurrences": 2,
        "groups": "g1",
        "speakers": "ada",
    }
    edit_table(app, "sessions", added_rows=[row])
    assert app.exception == []
    session = problem_of(app).session("ethics")
    assert (session.occurrences, session.groups, session.speakers) == (2, ("g1",), ("ada",))


def test_sessions_edit_keeps_pins(app: AppTest) -> None:
    sessions_page(app)
    edit_table(app, "sessions", edited_rows={0: {"title": "Welcome"}})
    intro = problem_of(app).session("intro")
    assert (intro.title, len(intro.pinned)) == ("Welcome", 1)


def test_sessions_unknown_speaker_shown_beside_row(app: AppTest) -> None:
    sessions_page(app)
    edit_table(app, "sessions", edited_rows={2: {"speakers": "grace"}})
    assert app.exception == []
    assert list(app.dataframe[0].value["messages"]) == ["", "", "speakers[0]: no speaker 'grace'"]
    assert problem_of(app).session("lab").speakers == ("alan",)


def test_sessions_bad_number_shown_beside_row(app: AppTest) -> None:
    sessions_page(app)
    edit_table(app, "sessions", edited_rows={1: {"occurrences": 2.5}})
    assert list(app.dataframe[0].value["messages"]) == ["", "occurrences: '2.5' is not a whole number", ""]


def test_sessions_abstract_saved_in_its_own_box_with_paragraphs(app: AppTest) -> None:
    sessions_page(app)
    app.selectbox(key="abstract_session_en").set_value("Logic (logic)").run()
    app.text_area[0].input("What logic is.\n\nAnd what it is not.")
    app.button[-1].click().run()  # the form's save button sends what was typed
    assert app.exception == []
    assert problem_of(app).session("logic").abstract == "What logic is.\n\nAnd what it is not."

    app.text_area[0].input("   ")
    app.button[-1].click().run()
    assert problem_of(app).session("logic").abstract is None  # left empty: none
