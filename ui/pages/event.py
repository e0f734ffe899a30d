"""Event page: open, upload or start an event; edit its title, hosts, dates and daily periods; download it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from planner.domain.calendar import Grid
from planner.domain.errors import HuiwuError
from planner.domain.model import MAX_ABSENCES, WEEKDAYS, Problem
from planner.domain.validation import event_notes
from planner.usecases.edit import event_file, open_event, period_rows, update_event
from planner.usecases.edit_templates import TEMPLATES, new_event
from ui import state
from ui.i18n import LANGUAGES, lang, said, t
from ui.widgets import choose, edit_table, page_header, save, text_col

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def open_section() -> None:
    with st.expander(t("event.open"), expanded=state.problem() is None):
        upload, sample, template, stored = st.tabs(
            [t("event.upload"), t("event.sample"), t("event.template"), t("event.stored")]
        )
        with upload:
            upload_file()
        with sample:
            open_sample()
        with template:
            start_template()
        with stored:
            open_from_database()


def opened(action: str, run: object) -> None:
    """Run an opening action; show its error instead of a traceback."""
    try:
        value = run() if callable(run) else None
    except HuiwuError as error:
        st.error(f"{action}:\n\n" + said(str(error)).replace("\n", "\n\n"))
        return
    if isinstance(value, Problem):
        state.open_problem(value)
        st.session_state.setdefault(state.NOTICE, ("success", t("event.opened", title=value.event.title)))
    st.rerun()


def upload_file() -> None:
    file = st.file_uploader(t("event.upload"), type=["yaml", "yml", "json", "xlsx"], key="upload")
    if file is not None and st.session_state.get("opened_upload") != file.file_id:
        st.session_state["opened_upload"] = file.file_id
        opened(file.name, lambda: open_event(file.name, file.getvalue()))


def open_sample() -> None:
    names = sorted(p.name for p in SAMPLES.glob("*.yaml")) if SAMPLES.is_dir() else []
    name = st.selectbox(t("event.sample"), names, key="sample")
    if name and st.button(t("event.open_sample"), key="open_sample"):
        opened(name, lambda: open_event(name, (SAMPLES / name).read_bytes()))


def start_template() -> None:
    template = choose(
        st.selectbox, t("event.template"), {k: t(f"template.{k}") for k in TEMPLATES}, "template"
    )
    if st.button(t("event.new"), key="new_event"):
        opened(template, lambda: new_event(template, lang(), dt.date.today()))


def open_from_database() -> None:
    db = state.store()
    plans = db.events() if db is not None else []
    if not plans:
        st.caption("–")
        return
    labels = {p[0]: f"{p[1]} ({p[0]}, r{p[2]}, v{p[3]})" for p in plans}
    chosen = st.selectbox(t("event.stored"), list(labels), format_func=labels.__getitem__, key="stored")
    if st.button(t("event.open_stored"), key="open_stored"):
        try:
            state.open_stored(chosen)
        except HuiwuError as error:
            st.error(said(str(error)))
            return
        st.rerun()


# Event.kind's choices and the words that name them ("auto": left out of the file). A comment, not a
# docstring: Streamlit's "magic" would print a bare string on the page.
EVENT_KINDS = {
    "auto": "event.kind.auto",
    "training": "event.kind.training",
    "conference": "event.kind.conference",
}


def header_form(problem: Problem) -> None:
    event = problem.event
    with st.form("event_header"):
        st.subheader(t("event.header"))
        left, right = st.columns(2)
        fields = {
            "id": left.text_input(t("event.id"), event.id),
            "title": right.text_input(t("event.title"), event.title),
            "hosts": left.text_area(t("event.hosts"), "\n".join(event.hosts), height=100),
            "venue": right.text_input(t("event.venue"), event.venue or ""),
            "kind": choose(
                left.selectbox,
                t("event.kind"),
                {kind: t(words) for kind, words in EVENT_KINDS.items()},
                "event_kind",
                index=event.kind or "auto",
            ),
            "language": right.selectbox(
                t("event.event_language"),
                list(LANGUAGES),
                index=list(LANGUAGES).index(event.language),
                format_func=LANGUAGES.__getitem__,
            ),
            "timezone": left.text_input(t("event.timezone"), event.timezone),
            "start": left.date_input(t("event.start"), event.start),
            "end": right.date_input(t("event.end"), event.end),
            "weekdays": choose(
                st.multiselect,
                t("event.weekdays"),
                {d: t(f"weekday.{d}") for d in WEEKDAYS},
                "weekdays",
                default=list(event.weekdays),
            ),
            "holidays": left.text_input(
                t("event.holidays"), ", ".join(d.isoformat() for d in event.holidays)
            ),
            "blackout": right.text_input(
                t("event.blackout"), ", ".join(d.isoformat() for d in event.blackout)
            ),
            "extra_days": left.text_input(
                t("event.extra_days"), ", ".join(d.isoformat() for d in event.extra_days)
            ),
        }
        low, high = st.columns(2)  # the completion conditions side by side, below the weekdays
        fields["min_attendance"] = low.number_input(
            t("event.min_attendance"), min_value=1, max_value=100, value=event.min_attendance, step=1
        )
        fields["max_absences"] = high.number_input(
            t("event.max_absences"), min_value=0, max_value=MAX_ABSENCES, value=event.max_absences, step=1
        )
        if st.form_submit_button(t("event.save")):
            fields["kind"] = None if fields["kind"] == "auto" else fields["kind"]
            save(update_event(problem, fields, period_rows(problem)))


def periods_table(problem: Problem) -> None:
    st.subheader(t("event.periods"))
    header = problem.event.model_dump(mode="json", exclude={"periods"})
    columns = {
        "id": text_col("id", required=True),
        "start": text_col("start", required=True),
        "end": text_col("end", required=True),
        "name": text_col("name"),
    }
    edit_table("periods", period_rows(problem), columns, lambda rows: update_event(problem, header, rows))


def downloads(problem: Problem) -> None:
    st.subheader(t("event.download"))
    for column, kind in zip(st.columns(3), ("yaml", "json", "xlsx"), strict=True):
        try:
            data = event_file(problem, kind)
        except (HuiwuError, ImportError) as error:
            column.caption(t("not_available", what=f"{kind}: {error}"))
            continue
        column.download_button(
            kind.upper(),
            data,
            file_name=f"{problem.event.id}.{kind}",
            key=f"dl_{kind}",
            icon=":material/download:",
        )


page_header("event")
open_section()
current = state.problem()
if current is not None:
    grid = Grid(current.event)
    st.caption(
        t(
            "event.summary",
            days=grid.n_days,
            periods=grid.n_periods,
            rooms=len(current.rooms),
            speakers=len(current.speakers),
            groups=len(current.groups),
            sessions=len(current.sessions),
        )
    )
    for note in event_notes(current):  # worth a word, not an error
        st.info(said(note, problem=current), icon=":material/info:")
    header_form(current)
    periods_table(current)
    downloads(current)
