"""Rooms page: the rooms of the event in an editable table."""

from __future__ import annotations

import streamlit as st

from planner.domain.model import MAX_PEOPLE
from planner.usecases.edit import update_section
from planner.usecases.edit_rows import section_rows
from ui.i18n import lang, t
from ui.widgets import edit_table, number_col, page_header, require_problem, text_col

page_header("rooms")
problem = require_problem()
if problem is not None:
    st.caption(t("table.help"))
    columns = {
        "id": text_col("id", required=True),
        "name": text_col("name", required=True),
        "capacity": number_col("capacity", min_value=1, max_value=MAX_PEOPLE, required=True),
        "features": text_col("features"),
        "building": text_col("building"),
        "unavailable": text_col("unavailable", width="large"),
    }
    current = problem
    edit_table(
        "rooms",
        section_rows(current, "rooms", lang()),
        columns,
        lambda rows: update_section(current, "rooms", rows),
    )
