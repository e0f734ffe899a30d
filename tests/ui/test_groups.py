"""Groups and participants page: the groups table and one group's members."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from planner.domain.model import Member, Rule
from tests.ui.conftest import MINIMAL, edit_table, problem_of, upload


def groups_page(app: AppTest) -> AppTest:
    upload(app, MINIMAL)
    return app.switch_page("pages/groups.py").run()


def test_groups_edit_size_keeps_members(app: AppTest) -> None:
    groups_page(app)
    edit_table(app, "members-g1", added_rows=[{"name": "张三", "unit": "市委办", "role": "班长"}])
    edit_table(app, "groups", edited_rows={0: {"size": 25}})
    assert app.exception == []
    group = problem_of(app).group("g1")
    assert (group.size, group.members) == (25, (Member(name="张三", unit="市委办", role="班长"),))


def test_groups_member_without_name_gets_message(app: AppTest) -> None:
    groups_page(app)
    edit_table(app, "members-g1", added_rows=[{"unit": "市委办"}])
    assert app.exception == []
    assert list(app.dataframe[1].value["messages"]) == ["name: is required"]
    assert problem_of(app).group("g1").members == ()


def test_groups_too_large_for_rooms_refused(app: AppTest) -> None:
    groups_page(app)
    edit_table(app, "groups", edited_rows={0: {"size": 500}})
    assert app.exception == []
    assert app.error[0].value == "sessions[0]: expects 500 people but the largest room seats 30"
    assert problem_of(app).group("g1").size == 20


def test_groups_member_leave_saved_from_the_table(app: AppTest) -> None:
    groups_page(app)
    edit_table(app, "members-g1", added_rows=[{"name": "张三", "leave": "2026-03-24 am1"}])
    assert app.exception == []
    assert problem_of(app).group("g1").members[0].leave == (
        Rule(date=dt.date(2026, 3, 24), periods=("am1",)),
    )
    assert list(app.dataframe[1].value["leave"]) == ["2026-03-24 am1"]
    edit_table(app, "members-g1", edited_rows={0: {"leave": "soon"}})
    (message,) = app.dataframe[1].value["messages"]
    assert message.startswith("leave: 'soon' is not a date")
    assert problem_of(app).group("g1").members[0].leave[0].periods == ("am1",)  # nothing lost
