"""Outputs page: every PDF, calendar, spreadsheet and frab file; subscribe links with QR codes."""

from __future__ import annotations

import io

import pandas as pd
import qrcode
import streamlit as st

from planner.domain.errors import HuiwuError
from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.feeds.links import DEFAULT_URL, feed_url, public_url, web_address, webcal_url
from planner.storage import Store, Version
from planner.usecases.review import feed_links, output_files, zip_files
from ui import state
from ui.i18n import said, t
from ui.widgets import page_header, require_problem

CURRENT = 0  # the working schedule (not a published version)


def choose_version(db: Store | None, problem: Problem) -> int:
    numbers = list(range(db.published_number(problem.event.id), 0, -1)) if db is not None else []
    options = numbers + ([CURRENT] if state.schedule() is not None else [])
    if not options:
        st.info(t("schedule.none"))
        return -1
    if not numbers:
        st.caption(t("outputs.none"))
    return int(
        st.selectbox(
            t("outputs.version"), options, format_func=lambda n: f"v{n}" if n else "—", key="out_version"
        )
    )


def source(db: Store | None, problem: Problem, number: int) -> tuple[Problem, Schedule, Version | None]:
    """The event, schedule and previous version of the chosen output."""
    if number == CURRENT or db is None:
        schedule = state.schedule()
        assert schedule is not None
        latest = db.latest(problem.event.id) if db is not None else None
        return problem, schedule, latest
    version = db.version(problem.event.id, number)
    previous = db.version(problem.event.id, number - 1) if number > 1 else None
    return version.problem, version.schedule, previous


def downloads(db: Store | None, problem: Problem, number: int) -> None:
    st.subheader(t("outputs.files"))
    key = ("outputs", problem.event.id, number, st.session_state.get(state.REVISION))
    files = st.session_state.get("outputs") if st.session_state.get("outputs_key") == key else None
    if files is None and st.button(t("outputs.build"), type="primary", key="build"):
        try:
            with st.spinner(t("outputs.building")):
                event, schedule, previous = source(db, problem, number)
                files = output_files(event, schedule, generated_at=state.now(), previous=previous)
        except HuiwuError as error:
            st.error(said(str(error)))
            return
        st.session_state["outputs"], st.session_state["outputs_key"] = files, key
    if not files:
        return
    folder = f"{problem.event.id}-v{number}" if number else f"{problem.event.id}-draft"
    st.download_button(
        f"ZIP ({len(files)})",
        zip_files(files, folder),
        file_name=f"{folder}.zip",
        key="zip",
        icon=":material/folder_zip:",
        type="primary",
    )
    path = st.selectbox(t("outputs.file"), list(files), key="out_file")
    if path:
        st.download_button(
            path, files[path], file_name=path.replace("/", "-"), key="one_file", icon=":material/download:"
        )


def feeds(db: Store | None, problem: Problem) -> None:
    st.subheader(t("outputs.feeds"))
    if db is None or not db.published_number(problem.event.id):
        st.info(t("outputs.publish_first"))
        return
    try:
        default = public_url()
    except HuiwuError as error:  # HUIWU_FEEDS_URL set wrong: shown, and the address typed here instead
        st.warning(said(str(error)))
        default = DEFAULT_URL
    typed = st.text_input(t("outputs.feed_base"), default, key="feed_base")
    try:
        base = web_address(typed)
        links = feed_links(db, problem, state.now())
    except HuiwuError as error:
        st.error(said(str(error)))
        return
    rows = [
        {
            "kind": t(f"kind.{f.kind}"),
            "name": f.name,
            "webcal": webcal_url(feed_url(base, f.token)),
            "url": feed_url(base, f.token),
        }
        for f in links
    ]
    st.dataframe(
        pd.DataFrame(rows), hide_index=True, width="stretch",
        # the addresses are long: each link shows a word (its whole address is under the QR code)
        column_config={
            "kind": st.column_config.TextColumn(t("col.kind"), width=90),
            "name": st.column_config.TextColumn(t("col.name"), width=260),
            "webcal": st.column_config.LinkColumn(
                t("outputs.subscribe"), width=140, display_text=t("outputs.subscribe_link")
            ),
            "url": st.column_config.LinkColumn(
                t("outputs.download"), width=140, display_text=t("outputs.download_link")
            ),
        },
    )  # fmt: skip
    labels = {i: f"{row['kind']} · {row['name']}" for i, row in enumerate(rows)}
    chosen = st.selectbox(t("outputs.scan"), list(labels), format_func=labels.__getitem__, key="qr_for")
    if chosen is not None:
        row = rows[chosen]
        left, right = st.columns([1, 3])
        left.image(qr_png(row["webcal"]), caption=t("outputs.scan"), width=200)
        for label, link in ((t("outputs.subscribe"), row["webcal"]), (t("outputs.download"), row["url"])):
            right.caption(label)
            right.code(link, language=None, wrap_lines=True)  # with a copy button, to send on


def qr_png(text: str) -> bytes:
    buffer = io.BytesIO()
    qrcode.make(text).save(buffer)
    return buffer.getvalue()


page_header("outputs")
problem = require_problem()
if problem is not None:
    db = state.store()
    number = choose_version(db, problem)
    if number >= 0:
        downloads(db, problem, number)
    feeds(db, problem)
