"""Solve page: the solver runs in its own process, watched from a background thread; progress, stop,
and the result or the reasons."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from planner.domain.calendar import freeze_text, under_way
from planner.domain.errors import InfeasibleProblem
from planner.domain.model import Problem
from planner.domain.names import Names
from planner.domain.schedule import Schedule
from planner.usecases.solve import ProvenBounds, SolveResult, solve_event
from solver import BOUND_SECONDS, LNS_SECONDS, MODEL_VERSION, SolveOptions, solve_in_child
from solver.bound import GROUP_RULES
from solver.gaps import PartCost, above_least, names, part_costs
from ui import state
from ui.i18n import explain, lang, rule_name, solve_progress, t
from ui.widgets import fixed_widths, page_header, require_problem

RESULT, ERROR, PARTS = "solve_result", "solve_error", "solve_parts"
# Rows of the parts' table in view at once; more scroll (a generated 2,000 event has 236 parts).
PARTS_IN_VIEW = 15


def runner(
    problem: Problem,
    time_limit: float,
    reference: Schedule | None,
    begin: Schedule | None = None,
    bounds: ProvenBounds | None = None,
    freeze: dt.date | None = None,
) -> state.Run:
    """What the background thread runs: the solve use-case with the solver and its options bound.

    With a published version (``reference``) the solver repairs it, moving as little as it can
    and nothing that starts before ``freeze`` (the sessions that have started, while the event runs);
    otherwise it goes on from ``begin`` (the draft's last schedule) when given and still valid.
    The search itself runs in a child process (``solver.process``): the app's process keeps none
    of its memory and survives a crash of the solver. ``bounds`` holds what earlier solves of this
    very event proved: the solve starts from that bound and adds what it proves; and what they
    proved for its parts, which still holds for the parts an edit since has not touched.
    """

    def run(report: Callable[[dict[str, Any]], None], stop: threading.Event) -> SolveResult:
        def progress(seconds: float, objective: int, bound: int) -> None:
            report({"seconds": seconds, "objective": objective, "bound": bound})

        known = bounds if bounds is not None and reference is None else None  # a repair's costs differ
        options = SolveOptions(
            time_limit=time_limit, workers=2, stop_event=stop, progress=progress, start=begin
        )
        if known is not None:  # the bounds proven before, and those this solve proves, kept for the next
            options.floor, options.parts, options.part_proven = known.for_solve(problem, MODEL_VERSION)

        def solve(p: Problem, ref: Schedule | None, freeze: dt.date | None) -> Schedule:
            return solve_in_child(p, options, ref, freeze)

        result = solve_event(problem, solve, reference, freeze, stopped=stop.is_set)
        if known is not None:
            known.learn(problem, result.schedule, version=MODEL_VERSION)
        return result

    return run


def _short(result: SolveResult, seconds: float = BOUND_SECONDS) -> bool:
    """A solve shorter than ``seconds`` (by default too short for the parts' bound), and not a
    repair (which never proves them, and goes on from its reference anyway)."""
    return not result.repair and float(st.session_state.get("solve_limit", 10.0)) < seconds


def start(problem: Problem) -> None:
    last = int(st.session_state.get("solve_limit", 10))  # the widget is gone while a solve runs
    time_limit = st.number_input(
        t("solve.time_limit"), min_value=1, max_value=600, value=last, key="time_limit"
    )
    reference, current = state.published_schedule(problem), state.schedule()
    frozen = under_way(problem.event, dt.datetime.now(dt.UTC)) if reference is not None else None
    chosen = freeze_choice(problem, frozen) if reference is not None else None
    if frozen is not None and chosen is None:  # a repair while the course runs: what has started stays
        st.caption(t("solve.frozen", date=freeze_text(problem.event, frozen)))
    go_on = reference is None and current is not None and current.event == problem.event.id
    if go_on:  # solving again improves on the last schedule instead of starting afresh
        go_on = st.checkbox(t("solve.continue"), value=True, key="solve_continue")
    if st.button(t("solve.start"), type="primary", key="solve"):
        for key in (RESULT, ERROR, PARTS):
            st.session_state.pop(key, None)
        st.session_state["solve_limit"] = float(time_limit)
        begin = current if go_on else None
        if chosen is not None:
            frozen = chosen
        elif frozen is not None:  # the moment of the click, not of the page's drawing
            frozen = under_way(problem.event, dt.datetime.now(dt.UTC))
        state.start_solve(runner(problem, float(time_limit), reference, begin, state.proven_bounds(), frozen))
        st.rerun()


def freeze_choice(problem: Problem, running: dt.datetime | None) -> dt.datetime | None:
    """A repair's freeze chosen by hand, a day and a time on the event's clock (say tomorrow
    00:00, so that the rest of today stays as announced), or None for the default: now while the
    event runs (``running``), else nothing frozen."""
    if not st.checkbox(t("solve.freeze_choose"), key="freeze_choose"):
        return None
    event = problem.event
    start = running or dt.datetime.combine(event.start, dt.time())
    left, right = st.columns(2)
    last = event.end + dt.timedelta(days=1)
    day = left.date_input(
        t("solve.freeze_day"), value=start.date(), min_value=event.start, max_value=last, key="freeze_day"
    )
    when = right.time_input(t("solve.freeze_time"), value=start.time(), key="freeze_time")
    moment = dt.datetime.combine(day, when)
    st.caption(t("solve.frozen_chosen", date=freeze_text(event, moment)))
    return moment


def watch() -> None:
    """Polled every half second while a solve runs: the progress bar, the stop button, the collection."""
    job = state.job()
    if job is None:
        return
    job.poll()
    if job.done:
        collect(job)
        st.rerun()
    limit = st.session_state.get("solve_limit", 10.0)
    st.progress(min(job.seconds / limit, 1.0), text=solve_progress(job.progress, job.seconds))
    if st.button(t("solve.stop"), key="stop"):
        job.stop.set()


def collect(job: state.SolveJob) -> None:
    st.session_state.pop(state.JOB, None)
    if job.crash is not None:
        raise job.crash  # a bug in the solver: surface it, never hide it
    if job.error is not None:
        st.session_state[ERROR] = job.error
        return
    result = job.result
    if isinstance(result, SolveResult):
        st.session_state[RESULT] = result
        st.session_state[state.FROZEN] = result.freeze
        state.save_schedule(result.schedule)  # kept with the draft: closing the tab loses nothing


def show_result(problem: Problem) -> None:
    error = st.session_state.get(ERROR)
    if isinstance(error, InfeasibleProblem):
        st.error(t("solve.infeasible"))
        st.markdown("\n".join(f"- {reason}" for reason in error.reasons))
    elif error is not None:
        st.error(t("solve.error", error=error))
    result = st.session_state.get(RESULT)
    if not isinstance(result, SolveResult):
        return
    schedule, report = result.schedule, result.report
    done = t("solve.done", status=t(f"status.{schedule.status}"), objective=report.objective)
    if schedule.status == "feasible" and schedule.bound and report.objective:
        gap = 100 * (report.objective - schedule.bound) / report.objective
        done += t("solve.bound", bound=schedule.bound, gap=gap)  # the English text begins with its space
        if result.repair:  # a repair starts from the published version, never goes on
            done += t("solve.bound_end")
        else:  # below LNS_SECONDS the solver's LNS never ran: one long solve gains more than many short
            go_on = "solve.go_on_longer" if _short(result, LNS_SECONDS) else "solve.go_on"
            done += t(go_on, seconds=round(LNS_SECONDS))
    elif schedule.status == "feasible" and _short(result):
        done += t("solve.no_bound", seconds=round(BOUND_SECONDS))
    st.success(done)
    if result.tidied:
        st.caption(t("solve.tidied", n=result.tidied))
    if result.repair:
        repaired = t("solve.repaired", kept=result.kept, moved=len(result.moves))
        st.info(repaired + (t("solve.repaired_frozen", n=result.frozen) if result.frozen else ""))
    lectures = Names(problem, lang())
    for held in result.held:
        when = f"{held.assignment.start:%Y-%m-%d %H:%M}"
        st.caption(t("solve.held", lecture=lectures.of(held.assignment), when=when, who=held.name(problem)))
    for line in report.violations:
        st.error(line)
    left, right = st.columns([2, 5])
    left.subheader(t("solve.score"))
    score = [
        {t("col.rule"): rule_name(rule), t("col.cost"): cost} for rule, cost in report.score.items() if cost
    ]
    left.dataframe(pd.DataFrame(score), hide_index=True, width="stretch")
    right.subheader(t("solve.costs"))
    costs = [
        {t("col.rule"): rule_name(c.rule), t("col.cost"): c.cost, t("col.message"): explain(c)}
        for c in report.largest(10)
    ]
    widths = {t("col.rule"): 120, t("col.cost"): 50, t("col.message"): 440}  # the sentence whole
    right.dataframe(pd.DataFrame(costs), hide_index=True, width="stretch", column_config=fixed_widths(widths))
    show_parts(problem, result)


def show_parts(problem: Problem, result: SolveResult) -> None:
    """The event's parts whose cost is above the least proven for them (``solver.gaps``): where a
    longer solve, or a change to the event, could still gain. Computed once per result (counting
    each part takes milliseconds, but the page reruns often); none for a proven optimum or a
    repair, whose costs include its moves."""
    schedule, report = result.schedule, result.report
    if schedule.status != "feasible" or result.repair or not report.ok:
        return
    if PARTS not in st.session_state:
        known = state.proven_bounds().parts_of(problem)
        st.session_state[PARTS] = above_least(part_costs(problem, report.costs, known))
    above: list[PartCost] = st.session_state[PARTS]
    if not above:
        return
    st.subheader(t("solve.parts"))
    st.caption(t("solve.parts_hint", cost=sum(p.cost for p in above), least=sum(p.least for p in above)))
    rows = [
        {t("col.part"): _part_words(problem, part), t("col.cost"): part.cost, t("col.least"): part.least}
        for part in above
    ]
    height = 35 * (min(len(rows), PARTS_IN_VIEW) + 1) + 3  # up to PARTS_IN_VIEW without a scroll bar
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=height)


def _part_words(problem: Problem, part: PartCost) -> str:
    """A part as the page's language writes it: 公文写作规范（马文博、林志刚、许静）, or a group with
    its rules: 三班（避免零散课、每天课量均衡）."""
    what, who = names(problem, part)
    if part.group is not None:
        who = tuple(rule_name(rule) for rule in GROUP_RULES)
    if lang() == "zh":
        return "、".join(what) + (f"（{'、'.join(who)}）" if who else "")
    return ", ".join(what) + (f" ({', '.join(who)})" if who else "")


page_header("solve")
current = require_problem()
if current is not None:
    running = state.job() is not None
    if not running:
        start(current)
    st.fragment(watch, run_every=0.5 if running else None)()
    if not running:
        show_result(current)
