"""Session state of the browser app: the open event, its draft revision, the schedule, the solve job.

The current ``Problem`` lives in ``st.session_state`` and every accepted edit
is saved as the next draft revision in the database (``planner.storage``,
``HUIWU_DATABASE_URL``) with the revision it started from: when another tab or
person saved meanwhile, the store refuses the edit with ``ConflictError`` and
the page shows who changed what; nothing is overwritten silently. The working
schedule (solved, or moved by hand) is saved with the draft the same way
(``planner.usecases.working``), so a closed tab loses nothing.

The solver runs in a ``threading.Thread``; its progress and result travel
through a ``queue.Queue`` that the Solve page polls (``st.*`` must not be
called from the solver's thread).
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from planner.domain.calendar import local_time
from planner.domain.errors import HuiwuError
from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.storage import Store, database_url, open_store
from planner.usecases.publish import store_event
from planner.usecases.solve import ProvenBounds
from planner.usecases.working import open_plan, save_working
from ui.i18n import LANGUAGES, t

PROBLEM, REVISION, SCHEDULE, LANG, JOB = "problem", "revision", "schedule", "lang", "solve_job"
NOTICE, CONFLICT = "notice", "conflict"
FROZEN = "frozen"
"""The freeze of the repair that made the working schedule: publishing it checks the same."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def user() -> str:
    return str(st.session_state.get("user") or "browser")


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return open_store(url)


@st.cache_resource(show_spinner=False)
def _proven_bounds(url: str) -> ProvenBounds:
    try:
        kept: Store | None = _store(url)
    except HuiwuError:
        kept = None  # the reason is shown by ``store()``; the bounds then live as long as the app
    return ProvenBounds(store=kept)


def proven_bounds() -> ProvenBounds:
    """Lower bounds proven for events, shared by the app's users and kept in the database: a bound
    is a fact about an event's exact content, whoever solved it and whenever."""
    return _proven_bounds(database_url())


def store() -> Store | None:
    """The plan store, or None (with the reason shown once) when the database cannot be opened."""
    try:
        return _store(database_url())
    except HuiwuError as error:
        st.session_state[NOTICE] = ("warning", t("not_saved_db", error=error))
        return None


def problem() -> Problem | None:
    value = st.session_state.get(PROBLEM)
    return value if isinstance(value, Problem) else None


def schedule() -> Schedule | None:
    value = st.session_state.get(SCHEDULE)
    return value if isinstance(value, Schedule) else None


def published_schedule(value: Problem) -> Schedule | None:
    """The schedule of the event's latest published version (None: never published or no database)."""
    db = store()
    if db is None:
        return None
    try:
        latest = db.latest(value.event.id)
    except HuiwuError:
        return None
    return latest.schedule if latest else None


def set_schedule(value: Schedule | None) -> None:
    st.session_state[SCHEDULE] = value


def frozen() -> dt.date | None:
    value = st.session_state.get(FROZEN)
    return value if isinstance(value, dt.date) else None


def open_problem(value: Problem) -> None:
    """Make ``value`` the open event: saved as the next draft of its plan, language switched to its own."""
    clear_edits()
    st.session_state[PROBLEM] = value
    st.session_state[SCHEDULE] = None
    st.session_state[FROZEN] = None
    st.session_state[LANG] = value.event.language
    db = store()
    if db is None:
        st.session_state[REVISION] = None
        return
    try:
        revision, replaced = store_event(db, value, by=user(), now=now())
    except HuiwuError as error:
        st.session_state[REVISION] = None
        st.session_state[NOTICE] = ("error", t("not_saved_db", error=error))
        return
    st.session_state[REVISION] = revision
    st.session_state[SCHEDULE] = _working_if_unchanged(db, value, revision)
    if replaced is not None:
        when = local_time(replaced.problem.event, replaced.saved_at)
        st.session_state[NOTICE] = (
            "warning",
            t("replaced", revision=replaced.revision, by=replaced.saved_by, at=when),
        )


def _working_if_unchanged(db: Store, value: Problem, revision: int) -> Schedule | None:
    """The draft's working schedule when the opened file is that very draft (nothing new saved)."""
    try:
        opened = open_plan(db, value.event.id)
    except HuiwuError:
        return None
    same = opened.working and opened.draft.revision == revision and opened.draft.problem == value
    return opened.schedule if same else None


def open_stored(event_id: str) -> None:
    """Open the latest draft of a plan from the database, with its working schedule when it still fits.

    Else the latest published schedule; a working schedule that no longer fits
    the event is dropped and the reasons are shown once.
    """
    db = store()
    if db is None:
        return
    opened = open_plan(db, event_id)
    clear_edits()
    st.session_state[PROBLEM] = opened.draft.problem
    st.session_state[REVISION] = opened.draft.revision
    st.session_state[SCHEDULE] = opened.schedule
    st.session_state[LANG] = opened.draft.problem.event.language
    if opened.dropped:
        reasons = "\n".join(f"- {line}" for line in opened.dropped[:10])
        st.session_state[NOTICE] = ("info", f"{t('working_dropped')}\n\n{reasons}")


def commit(value: Problem, working: Schedule | None = None) -> bool:
    """Save an accepted edit as the next draft revision; False (and the reason shown) when refused.

    The working schedule (``working``, else the one open) is saved with it, so
    it survives the tab; it is checked against the event when reopened.
    """
    db = store()
    if db is None:
        st.session_state[PROBLEM] = value
        return True
    kept = working if working is not None else schedule()
    try:
        revision = db.save_draft(
            value, base=st.session_state.get(REVISION), by=user(), now=now(), schedule=kept
        )
    except HuiwuError as error:
        st.session_state[NOTICE] = ("error", f"{error}\n\n{t('conflict_help')}")
        st.session_state[CONFLICT] = True
        return False
    st.session_state[PROBLEM] = value
    st.session_state[REVISION] = revision
    st.session_state[NOTICE] = ("success", t("saved", revision=revision))
    return True


def save_schedule(value: Schedule) -> None:
    """Show ``value`` and keep it with the draft (the next revision); a conflict is shown, never hidden."""
    set_schedule(value)
    db, current, revision = store(), problem(), st.session_state.get(REVISION)
    if db is None or current is None or revision is None:
        return
    try:
        revision = save_working(db, current, value, revision=revision, by=user(), now=now())
    except HuiwuError as error:
        st.session_state[NOTICE] = ("error", f"{error}\n\n{t('conflict_help')}")
        st.session_state[CONFLICT] = True
        return
    st.session_state[REVISION] = revision


def reload() -> None:
    """Replace the open event with the latest draft in the database (after a conflict)."""
    current = problem()
    if current is None:
        return
    try:
        open_stored(current.event.id)
    except HuiwuError as error:
        st.session_state[NOTICE] = ("error", str(error))
        return
    st.session_state[CONFLICT] = False
    st.session_state[NOTICE] = ("info", t("reloaded", revision=st.session_state.get(REVISION)))


def clear_edits() -> None:
    """Forget pending table edits (their rows belong to the event being replaced)."""
    for key in [k for k in st.session_state if str(k).startswith("rows:")]:
        del st.session_state[key]
    for key in [k for k in st.session_state if str(k).startswith("ver:")]:
        st.session_state[key] += 1  # a fresh editor: the old one's cell edits refer to other rows


def show_notice() -> None:
    """Show (once) the message the last action left."""
    notice = st.session_state.pop(NOTICE, None)
    if notice is not None:
        kind, text = notice
        getattr(st, kind)(text)


def language_switch() -> None:
    """The 中文 / English switch in the sidebar; defaults to the open event's language.

    The language itself is a plain session value (set when an event is opened);
    the radio only changes it, so nothing else ever writes a widget's state.
    """
    current = settle_language()
    st.sidebar.radio(
        t("language"),
        list(LANGUAGES),
        index=list(LANGUAGES).index(current),
        format_func=LANGUAGES.__getitem__,
        key=f"lang_switch_{current}",
        on_change=lambda: st.session_state.update({LANG: st.session_state[f"lang_switch_{current}"]}),
        horizontal=True,
    )


def settle_language() -> str:
    """The session's language: chosen, else the open event's, else Chinese."""
    if st.session_state.get(LANG) not in LANGUAGES:
        current = problem()
        st.session_state[LANG] = current.event.language if current else "zh"
    return str(st.session_state[LANG])


# ---- the background solve ----------------------------------------------------------------------


@dataclass
class SolveJob:
    """A solve watched from its own thread (the search runs in a child process, see ``ui.pages.solve``);
    ``poll`` collects what it has sent so far."""

    stop: threading.Event
    updates: queue.Queue[tuple[str, Any]]
    started: float
    thread: threading.Thread | None = None
    progress: dict[str, Any] = field(default_factory=dict)
    result: Any = None
    error: HuiwuError | None = None
    crash: BaseException | None = None
    done: bool = False

    def poll(self) -> None:
        while True:
            try:
                kind, value = self.updates.get_nowait()
            except queue.Empty:
                return
            if kind == "progress":
                self.progress = dict(value)
            elif kind == "done":
                self.result, self.done = value, True
            elif kind == "error":
                self.error, self.done = value, True
            else:
                self.crash, self.done = value, True

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


Run = Callable[[Callable[[dict[str, Any]], None], threading.Event], Any]


def start_solve(run: Run) -> SolveJob:
    """Start ``run(report, stop)`` in a thread; ``report`` puts progress dicts on the job's queue."""
    job = SolveJob(stop=threading.Event(), updates=queue.Queue(), started=time.monotonic())

    def target() -> None:
        try:
            job.updates.put(("done", run(lambda info: job.updates.put(("progress", info)), job.stop)))
        except HuiwuError as error:
            job.updates.put(("error", error))
        except BaseException as error:  # a bug: shown on the page, not lost in the thread
            job.updates.put(("crash", error))

    job.thread = threading.Thread(target=target, name="huiwu-solve", daemon=True)
    st.session_state[JOB] = job
    job.thread.start()
    return job


def job() -> SolveJob | None:
    value = st.session_state.get(JOB)
    return value if isinstance(value, SolveJob) else None
