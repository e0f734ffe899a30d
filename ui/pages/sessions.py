"""Sessions page: every session (lecture, workshop, ceremony, ...) in an editable table."""

from __future__ import annotations

import streamlit as st

from planner.domain.model import MAX_ABSTRACT, MAX_PEOPLE, Kind, Problem
from planner.exports.labels import labels
from planner.usecases.edit import update_abstract, update_section
from planner.usecases.edit_rows import section_rows
from ui.i18n import conference_words, lang, t
from ui.widgets import check_col, choose, edit_table, number_col, page_header, require_problem, save, text_col


def abstract_form(problem: Problem) -> None:
    """One session's abstract in a box of its own: the table's cell holds one line, an abstract
    has paragraphs."""
    st.subheader(t("sessions.abstract"))
    options = {s.id: f"{s.title} ({s.id})" for s in problem.sessions}
    chosen = choose(st.selectbox, t("sessions.abstract_of"), options, "abstract_session")
    session = next((s for s in problem.sessions if s.id == chosen), None)
    if session is None:
        return
    with st.form(f"abstract:{session.id}:{hash(session.abstract)}"):  # a new form once it is saved
        text = st.text_area(
            t("col.abstract"),
            session.abstract or "",
            height=180,
            max_chars=MAX_ABSTRACT,
            help=t("sessions.abstract_help"),
        )
        if st.form_submit_button(t("sessions.abstract_save")):
            save(update_abstract(problem, session.id, text))


page_header("sessions")
problem = require_problem()
if problem is not None:
    st.caption(t("table.help"))
    words = labels(lang(), conference_words())  # a conference's talks are 报告, a course's 专题讲座
    columns = {
        "id": text_col("id", required=True),
        "title": text_col("title", required=True),
        "kind": st.column_config.SelectboxColumn(
            t("col.kind"),
            options=[k.value for k in Kind],
            required=True,
            format_func=lambda kind: words.kinds.get(Kind(str(kind)), str(kind)),
        ),
        "course": text_col("course"),
        "length": number_col("length", min_value=1),
        "occurrences": number_col("occurrences", min_value=1),
        "speakers": text_col("speakers"),
        "candidates": text_col("candidates"),
        "pick": number_col("pick", min_value=1),
        "groups": text_col("groups"),
        "attendance": number_col("attendance", min_value=1, max_value=MAX_PEOPLE),
        "features": text_col("features"),
        "weekdays": text_col("weekdays"),
        "periods": text_col("periods"),
        "weekly": check_col("weekly"),
        "min_days": number_col("min_days", min_value=0),
        "after": text_col("after"),
        "exclusive": check_col("exclusive"),
        "unavailable": text_col("unavailable"),
        "abstract": text_col("abstract", width="large"),
    }
    current = problem
    edit_table(
        "sessions",
        section_rows(current, "sessions", lang()),
        columns,
        lambda rows: update_section(current, "sessions", rows),
    )
    abstract_form(current)
