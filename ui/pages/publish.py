"""Publish page: the changes since the last version, a note, publish, the change notices."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.domain.calendar import freeze_text
from planner.domain.errors import HuiwuError
from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.storage import Store
from planner.storage.changes import Changes
from planner.usecases.notices import change_rows
from planner.usecases.review import notices, pending_changes, publish_reviewed, reworded_only
from ui import state
from ui.i18n import lang, said, t
from ui.widgets import page_header, require_problem


def changes(db: Store, problem: Problem, schedule: Schedule) -> None:
    st.subheader(t("publish.changes"))
    previous, found = pending_changes(db, problem, schedule)
    if previous is None:
        st.info(t("publish.first"))
        return
    st.caption(f"v{previous.number} · {summary(found)}")
    words = reworded_only(previous, problem, schedule, found)
    if words:  # no move, but what the calendars say: a title, an abstract, a name
        st.write(t("publish.reworded", n=words))
    if not found.items:
        if not words:
            st.write(t("publish.no_changes"))
        return
    rows = [
        {
            t("change.what"): r.what,
            t("change.session"): r.session,
            t("change.before"): r.before,
            t("change.after"): r.after,
        }
        for r in change_rows(problem, found.items, lang())
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def summary(found: Changes) -> str:
    """How many occurrences are new, moved, in another room, with other speakers, cancelled."""
    return t(
        "publish.summary",
        new=len(found.new),
        moved=len(found.moved_time),
        room=len(found.moved_room),
        speakers=len(found.reassigned),
        cancelled=len(found.cancelled),
    )


def publish_form(db: Store, problem: Problem, schedule: Schedule) -> None:
    with st.form("publish"):
        note = st.text_area(t("publish.note"), key="publish_note")
        if not st.form_submit_button(t("publish.go"), type="primary"):
            return
    try:
        published = publish_reviewed(
            db, problem, schedule, revision=st.session_state.get(state.REVISION), by=state.user(),
            now=state.now(), note=note or None, freeze_before=state.frozen(),
        )  # fmt: skip
    except HuiwuError as error:
        st.error(said(str(error), problem=problem))
        return
    state.set_schedule(published.version.schedule)
    st.session_state[state.FROZEN] = None  # the next repair is of this version
    st.session_state[state.NOTICE] = ("success", t("publish.done", number=published.version.number))
    st.rerun()


def notice_list(db: Store, problem: Problem) -> None:
    latest = db.published_number(problem.event.id)
    if not latest:
        return
    st.subheader(f"{t('publish.notices')} · v{latest}")
    found = notices(db, problem.event.id, latest)
    if not found:
        st.caption(t("publish.no_notices"))
        return
    rows = [
        {
            t("col.kind"): t(f"kind.{n.kind}"),
            t("col.name"): n.name,
            t("col.email"): n.recipient or "",
            t("col.title"): n.subject,
            t("col.status"): t(f"notice.{n.status}"),
        }
        for n in found
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    for index, notice in enumerate(found[:50]):
        with st.expander(notice.subject):
            st.text(notice.body)
            name = f"notice-{notice.kind}-{notice.target}.pdf"
            st.download_button(
                "PDF", notice.pdf, file_name=name, key=f"notice_{index}", icon=":material/download:"
            )


def versions(db: Store, problem: Problem) -> None:
    found, zone = db.versions(problem.event.id), problem.event.zone
    if found:
        st.subheader(t("publish.versions"))
        published = t("col.published_at", zone=problem.event.timezone)
        rows = [
            {
                t("outputs.version"): f"v{v.number}",
                published: f"{v.published_at.astimezone(zone):%Y-%m-%d %H:%M}",
                t("publish.by"): v.published_by,
                t("publish.frozen"): freeze_text(v.problem.event, v.frozen) if v.frozen else "",
                t("publish.note"): v.note or "",
                t("publish.changes"): summary(v.changes),
            }
            for v in reversed(found)
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


page_header("publish")
problem = require_problem()
schedule = state.schedule()
db = state.store()
if problem is not None and db is None:
    st.info(t("not_available", what="database"))
elif problem is not None and schedule is None:
    st.info(t("publish.need_schedule"))
elif problem is not None and schedule is not None and db is not None:
    changes(db, problem, schedule)
    publish_form(db, problem, schedule)
    notice_list(db, problem)
    versions(db, problem)
