"""Groups and participants page: the groups in an editable table, and one group's members."""

from __future__ import annotations

import streamlit as st

from planner.domain.model import MAX_PEOPLE, Problem
from planner.usecases.edit import member_rows, update_members, update_section
from planner.usecases.edit_rows import section_rows
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


def members_table(problem: Problem) -> None:
    st.subheader(t("groups.members"))
    names = {g.id: f"{g.name} ({g.id})" for g in problem.groups}
    group_id = st.selectbox(
        t("groups.which"), list(names), format_func=names.__getitem__, key="members_group"
    )
    if group_id is None:
        return
    columns = {
        "name": text_col("name", required=True),
        "unit": text_col("unit"),
        "role": text_col("role"),
        "leave": text_col("leave", width="large"),
    }
    edit_table(
        f"members-{group_id}",
        member_rows(problem, group_id, lang()),
        columns,
        lambda edited: update_members(problem, group_id, edited),
    )


page_header("groups")
current = require_problem()
if current is not None:
    groups_table(current)
    if current.groups:
        members_table(current)
