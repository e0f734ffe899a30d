"""The browser app: ``streamlit run ui/app.py`` (or ``huiwu serve``).

Office staff describe the event, solve, check and move sessions, publish and
download every output, in Chinese or English. Each page in ``ui/pages`` reads
its widgets, calls one use-case of ``planner.usecases`` and shows the result
or the error.
"""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.i18n import t
from ui.navigation import PAGES, PLAN, RUN

st.set_page_config(page_title="Huiwu 会务", page_icon=":material/calendar_month:", layout="wide")
state.language_switch()
st.sidebar.text_input(t("user"), key="user", placeholder="browser")


def _page(name: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(f"pages/{name}.py", title=t(f"page.{name}"), icon=icon, url_path=name, default=default)


pages = {
    t("nav.plan"): [_page(name, icon, default=name == PAGES[0]) for name, icon in PLAN],
    t("nav.run"): [_page(name, icon) for name, icon in RUN],
}
current = state.problem()
if current is not None:
    st.sidebar.caption(
        t("draft_of", revision=st.session_state.get(state.REVISION) or "–", event=current.event.title)
    )
    if st.sidebar.button(t("reload")):
        state.reload()
navigation = st.navigation(pages)
state.show_notice()
navigation.run()
