"""Speakers page: the table, and the weekly availability grid with other rules."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.domain.model import Rule
from tests.ui.conftest import MINIMAL, edit_table, problem_of, texts, upload


def speakers_page(app: AppTest) -> AppTest:
    upload(app, MINIMAL)
    return app.switch_page("pages/speakers.py").run()


def test_speakers_edit_limits_saved(app: AppTest) -> None:
    speakers_page(app)
    edit_table(app, "speakers", edited_rows={1: {"per_week": 3, "organisation": "NPL"}})
    assert app.exception == []
    alan = problem_of(app).speaker("alan")
    assert (alan.limits.per_week, alan.organisation) == (3, "NPL")


def test_speakers_removing_a_teaching_speaker_refused(app: AppTest) -> None:
    speakers_page(app)
    edit_table(app, "speakers", deleted_rows=[1])
    assert app.exception == []
    assert texts(app.error) == [
        "sessions[1].candidates.from[1]: no speaker 'alan'",
        "sessions[2].speakers[0]: no speaker 'alan'",
    ]
    assert [s.id for s in problem_of(app).speakers] == ["ada", "alan"]


def test_speakers_grid_shows_weekly_rules(app: AppTest) -> None:
    speakers_page(app)
    grid = app.dataframe[1].value
    assert list(grid["weekday"]) == ["Mon", "Tue", "Wed", "Thu", "Fri"]
    assert list(grid["am1"]) == [True, True, True, True, False]
    other = next(w for w in app.text_input if w.label.startswith("Other unavailable"))
    assert other.value == "2026-03-25; 2026-03-24 pm1"


def test_speakers_grid_saves_unticked_box_as_rule(app: AppTest) -> None:
    speakers_page(app)
    app.session_state["grid:ada:0"] = {
        "edited_rows": {0: {"pm1": False}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.button(key="FormSubmitter:availability:ada:0-Save the availability").click().run()
    assert app.exception == []
    assert problem_of(app).speaker("ada").unavailable[:2] == (
        Rule(weekdays=("mon",), periods=("pm1",)),
        Rule(weekdays=("fri",)),
    )


def test_speakers_grid_bad_rule_shows_message(app: AppTest) -> None:
    speakers_page(app)
    other = next(w for w in app.text_input if w.label.startswith("Other unavailable"))
    other.set_value("2026-03-25; sometimes")
    app.button(key="FormSubmitter:availability:ada:0-Save the availability").click().run()
    assert app.exception == []
    assert len(app.error) == 1
    assert app.error[0].value.startswith("speakers[0].unavailable: 'sometimes' is not a date (2026-05-20)")


def test_speakers_rules_read_in_chinese_and_save_back_unchanged(app: AppTest) -> None:
    """The Chinese table writes rules as 周五 and 第3周; editing another cell keeps them as they were."""
    speakers_page(app)
    app.session_state["lang"] = "zh"
    app.run()
    table = app.dataframe[0].value
    ada = table[table["id"] == "ada"].iloc[0]
    assert ada["unavailable"] == "2026-03-25；周五；2026-03-24 pm1"
    before = problem_of(app).speaker("ada").unavailable
    edit_table(app, "speakers", edited_rows={0: {"organisation": "分析机学会"}})
    assert app.exception == []
    assert problem_of(app).speaker("ada").organisation == "分析机学会"
    assert problem_of(app).speaker("ada").unavailable == before
    edit_table(app, "speakers", edited_rows={0: {"unavailable": "周一、周五；第2周 am1"}})
    assert problem_of(app).speaker("ada").unavailable == (
        Rule(weekdays=("mon", "fri")),
        Rule(weeks=(2,), periods=("am1",)),
    )
