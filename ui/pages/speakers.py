"""Speakers page: the speakers in an editable table, and one speaker's weekly availability grid."""

from __future__ import annotations

from typing import Any

import streamlit as st

from planner.domain.model import WEEKDAYS, Problem
from planner.usecases.edit import update_section
from planner.usecases.edit_availability import availability_rows, set_availability
from planner.usecases.edit_rows import section_rows
from ui.i18n import lang, t
from ui.widgets import edit_table, number_col, page_header, require_problem, save, text_col


def speakers_table(problem: Problem) -> None:
    st.caption(t("table.help"))
    columns = {
        "id": text_col("id", required=True),
        "name": text_col("name", required=True),
        "organisation": text_col("organisation"),
        "email": text_col("email"),
        "per_day": number_col("per_day", min_value=1),
        "per_week": number_col("per_week", min_value=1),
        "unavailable": text_col("unavailable", width="large"),
        "preferred": text_col("preferred"),
        "undesired": text_col("undesired"),
    }
    rows = section_rows(problem, "speakers", lang())
    edit_table("speakers", rows, columns, lambda edited: update_section(problem, "speakers", edited))


def availability(problem: Problem) -> None:
    st.subheader(t("speakers.availability"))
    names = {s.id: f"{s.name} ({s.id})" for s in problem.speakers}
    speaker_id = st.selectbox(
        t("speakers.which"), list(names), format_func=names.__getitem__, key="grid_speaker"
    )
    if speaker_id is None:
        return
    rows, others = availability_rows(problem, speaker_id, lang())
    days = {day: t(f"weekday.{day}") for day in WEEKDAYS}
    shown = [row | {"weekday": days[row["weekday"]]} for row in rows]
    st.caption(t("speakers.grid_help"))
    version = st.session_state.get("ver:grid", 0)
    with st.form(f"availability:{speaker_id}:{version}"):
        columns = {"weekday": st.column_config.TextColumn(t("col.weekday"), disabled=True)}
        columns |= {p.id: check_col_label(p.id, p.name) for p in problem.event.periods}
        grid = st.data_editor(
            shown, column_config=columns, hide_index=True, key=f"grid:{speaker_id}:{version}"
        )
        grid = [edited | {"weekday": row["weekday"]} for edited, row in zip(grid, rows, strict=True)]
        other = st.text_input(t("speakers.other_rules"), others, key=f"other:{speaker_id}:{version}")
        if st.form_submit_button(t("speakers.save_availability")):
            result = set_availability(problem, speaker_id, list(grid), other)
            save(result, lambda: st.session_state.update({"ver:grid": version + 1}))


def check_col_label(period_id: str, name: str | None) -> Any:
    return st.column_config.CheckboxColumn(f"{period_id} {name or ''}".strip())


page_header("speakers")
current = require_problem()
if current is not None:
    speakers_table(current)
    if current.speakers:
        availability(current)
