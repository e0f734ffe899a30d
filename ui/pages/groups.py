"""Groups and participants page: the groups in an editable table, one group's members with their
leave, absences and late arrivals, and that group's attendance to date (出勤统计)."""

from __future__ import annotations

import streamlit as st

from planner.domain.model import MAX_PEOPLE, Problem
from planner.usecases.edit import member_rows, update_members, update_section
from planner.usecases.edit_rows import section_rows
from planner.usecases.review import attendance_rows, completion_terms
from ui import state
from ui.i18n import lang, t
from ui.widgets import edit_table, number_col, page_header, require_problem, text_col


def groups_table(problem: Problem) -> None:
    st.caption(t("table.help"))
    columns = {
        "id": text_col("id", required=True),
        "name": text_col("name", required=True),
        "size": number_col("size", min_value=1, max_value=MAX_PEOPLE, required=True),
        "members": number_col("members", disabled=True),
        "unavailable": text_col("unavailable", width="large"),
    }
    rows = section_rows(problem, "groups", lang())
    edit_table("groups", rows, columns, lambda edited: update_section(problem, "groups", edited))


def members_table(problem: Problem) -> str | None:
    st.subheader(t("groups.members"))
    names = {g.id: f"{g.name} ({g.id})" for g in problem.groups}
    group_id = st.selectbox(
        t("groups.which"), list(names), format_func=names.__getitem__, key="members_group"
    )
    if group_id is None:
        return None
    columns = {
        "name": text_col("person", required=True),
        "unit": text_col("unit"),
        "role": text_col("role"),
        "leave": text_col("leave", width="medium"),
        "absent": text_col("absent", width="medium"),
        "late": text_col("late", width="medium"),
    }
    edit_table(
        f"members-{group_id}",
        member_rows(problem, group_id, lang()),
        columns,
        lambda edited: update_members(problem, group_id, edited),
    )
    return str(group_id)


def attendance_table(problem: Problem, group_id: str) -> None:
    """The group's tally of the schedule's occurrences ended so far, from the records above."""
    schedule = state.schedule()
    if schedule is None or not problem.group(group_id).members:
        return
    st.subheader(t("groups.attendance"))
    rows = attendance_rows(problem, schedule, group_id, state.now(), lang())
    if not rows:
        st.caption(t("groups.attendance.none"))
        return
    st.caption(t("groups.attendance.help"))
    if "completion" in rows[0]:
        st.caption(t("groups.attendance.conditions", **completion_terms(problem, schedule, group_id, lang())))
    st.dataframe(rows, column_config={key: t(f"tally.{key}") for key in rows[0]}, hide_index=True)


page_header("groups")
current = require_problem()
if current is not None:
    groups_table(current)
    if current.groups and (chosen := members_table(current)) is not None:
        attendance_table(current, chosen)
