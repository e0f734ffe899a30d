"""Groups and participants page: the groups table and one group's members."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from planner.domain.model import Member, Rule
from tests.factories import greedy_schedule
from tests.ui.conftest import MINIMAL, edit_table, open_sample, problem_of, upload
from ui.i18n import text_in


def t_zh(key: str) -> str:
    return text_in("zh", key)


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


def test_groups_member_absences_and_late_arrivals_saved_from_the_table(app: AppTest) -> None:
    groups_page(app)
    row = {"name": "张三", "absent": "2026-03-24", "late": "2026-03-25 am1"}
    edit_table(app, "members-g1", added_rows=[row])
    assert app.exception == []
    member = problem_of(app).group("g1").members[0]
    assert (member.absent, member.late) == (
        (Rule(date=dt.date(2026, 3, 24)),),
        (Rule(date=dt.date(2026, 3, 25), periods=("am1",)),),
    )
    assert list(app.dataframe[1].value["late"]) == ["2026-03-25 am1"]
    edit_table(app, "members-g1", edited_rows={0: {"absent": "often"}})
    (message,) = app.dataframe[1].value["messages"]
    assert message.startswith("absent: 'often' is not a date")
    assert problem_of(app).group("g1").members[0].absent == (Rule(date=dt.date(2026, 3, 24)),)  # nothing lost


def test_groups_attendance_to_date_of_the_chosen_group(app: AppTest) -> None:
    """The office sample's course is over (the app's clock is later than June 2026): 曹杰 of 一班
    missed the occurrences of 2026-05-20 on leave; before a schedule exists, no table."""
    open_sample(app, "office-training-2026.yaml")
    app.switch_page("pages/groups.py").run()
    assert [s.value for s in app.subheader] == [t_zh("groups.members")]
    problem = problem_of(app)
    schedule = greedy_schedule(problem)
    app.session_state["schedule"] = schedule
    app.run()
    assert app.exception == []
    assert [s.value for s in app.subheader][-1] == "出勤统计"
    table = app.dataframe[-1].value
    c1 = [a for a in schedule.assignments if "c1" in a.groups]
    leave = sum(1 for a in c1 if a.start.astimezone(problem.event.zone).date() == dt.date(2026, 5, 20))
    row = table[table["name"] == "曹杰"].iloc[0]
    assert (row["due"], row["leave"], row["attended"]) == (len(c1), leave, len(c1) - leave)
    assert row["rate"] == f"{(len(c1) - leave) / len(c1):.1%}"
    assert len(table) == len(problem.group("c1").members)
    # the sample's completion conditions (80 %, at most 2 absences): the course is over, so each
    # member completes or does not; 曹杰's one day of leave is within the 20 % to miss
    assert row["completion"] == "结业"
    assert (
        f"出勤率不低于 80%，缺勤不超过 2 次。请假和缺勤都算缺课，按日程中本班的全部 {len(c1)} 次课计算"
        in (app.caption[-1].value)
    )
