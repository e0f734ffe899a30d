"""Schedule page: week grid by group, room or speaker, a day's grid by room; filters; paged list;
pin, unpin; move by hand."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

import pandas as pd
import streamlit as st

from planner.domain.calendar import Grid, freeze_text, under_way, week_of
from planner.domain.errors import HuiwuError
from planner.domain.model import WEEKDAYS, Problem
from planner.domain.oracle import Report, check_schedule
from planner.domain.schedule import Assignment, Schedule
from planner.usecases.edit import EditResult
from planner.usecases.edit_schedule import (
    assignment_rows,
    check_move,
    day_grid,
    occurrence_choices,
    pin,
    pinned,
    select,
    targets,
    unpin,
    views,
    week_grid,
)
from ui import state
from ui.i18n import lang, said, t
from ui.widgets import choose, fixed_widths, page_header, require_problem, save, show_result_messages

PAGE_SIZE = 50
# The week grid's columns (pixels) and rows: five days and the periods fit the page, a cell's
# text wraps onto up to three lines (Streamlit wraps only in rows taller than 4rem). A comment, not
# a docstring: Streamlit's magic would print a bare string on the page.
PERIOD_WIDTH, DAY_WIDTH, ROW_HEIGHT = 120, 150, 84


def filters(problem: Problem) -> tuple[str, str | None, int, str]:
    grid = Grid(problem.event)
    view_col, which_col, week_col, text_col = st.columns([1, 2, 1, 2])
    with view_col:
        shown = {v: t(f"schedule.view.{v}") for v in views(problem)}
        view = choose(st.radio, t("schedule.view"), shown, "view")
    names = targets(problem, view)
    if view == "day":  # 2026-05-11 周一
        labels = {day: f"{day} {t('weekday.' + weekday)}" for day, weekday in names.items()}
    else:
        labels = {k: f"{n} ({k})" for k, n in names.items()}
    with which_col:
        target = choose(st.selectbox, t("schedule.which"), labels, f"which_{view}")
    if view == "day" and target is not None:  # the day's week; the day's grid needs no other
        week = week_of(problem.event, dt.date.fromisoformat(target))
    else:
        week = week_col.selectbox(t("schedule.week"), list(range(1, grid.n_weeks + 1)), key="week")
    text = text_col.text_input(t("schedule.filter"), key="filter")
    return view, target, week or 1, text


def grid_view(problem: Problem, chosen: list[Assignment], week: int, day: str | None = None) -> None:
    """The week's grid by day, or with ``day`` that day's grid by room."""
    names = {"period": t("schedule.period")}
    if day is None:
        frame = pd.DataFrame(week_grid(problem, chosen, week, lang()))
        for column in frame.columns[1:]:
            date = dt.date.fromisoformat(column)
            names[column] = f"{date:%m-%d} {t('weekday.' + WEEKDAYS[date.weekday()])}"
    else:
        frame = pd.DataFrame(day_grid(problem, chosen, dt.date.fromisoformat(day), lang()))
        rooms = [r for r in problem.rooms if f"@{r.id}" in frame.columns]
        shared = {name for name, n in Counter(r.name for r in rooms).items() if n > 1}
        names |= {f"@{r.id}": f"{r.name} ({r.id})" if r.name in shared else r.name for r in rooms}
    frame = frame.rename(columns=names)
    # fixed widths and rows taller than 4rem: Streamlit then wraps a cell's text instead of cutting
    # it at the column's edge (``调查研究（一班）第1讲 · 第一教室`` whole, on three lines)
    widths = {label: PERIOD_WIDTH if column == "period" else DAY_WIDTH for column, label in names.items()}
    st.dataframe(
        frame, hide_index=True, width="stretch", row_height=ROW_HEIGHT, column_config=fixed_widths(widths)
    )


def list_view(problem: Problem, chosen: list[Assignment]) -> None:
    with st.expander(f"{t('schedule.list')} · {len(chosen)}"):
        pages = max(1, math.ceil(len(chosen) / PAGE_SIZE))
        page = st.number_input(t("schedule.page"), 1, pages, 1, key="list_page") if pages > 1 else 1
        rows = assignment_rows(problem, chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
        frame = pd.DataFrame(rows).rename(columns=lambda column: t(f"schedule.col.{column}"))
        st.dataframe(frame, hide_index=True, width="stretch")


def move_form(problem: Problem, schedule: Schedule, chosen: list[Assignment]) -> None:
    st.subheader(t("schedule.move"))
    if not chosen:
        return
    running = under_way(problem.event, dt.datetime.now(dt.UTC))  # what has started stays
    published = state.published_schedule(problem) if running is not None else None
    if running is not None and published is not None:
        st.caption(t("schedule.frozen", date=freeze_text(problem.event, running)))
    grid = Grid(problem.event)
    labels = {f"{a.session}#{a.occurrence}": a for a in chosen}
    pick, day_col, period_col, room_col = st.columns([3, 2, 2, 2])
    with pick:
        key = choose(
            st.selectbox, t("schedule.occurrence"), occurrence_choices(problem, chosen, lang()), "move_what"
        )
    current = labels.get(key or "")
    if current is None:
        return
    slot = grid.slot_at(current.start)
    days = {d: f"{d.isoformat()} {t('weekday.' + WEEKDAYS[d.weekday()])}" for d in grid.days}
    with day_col:
        day = choose(
            st.selectbox,
            t("schedule.date"),
            days,
            f"move_day_{key}",
            index=grid.days[slot.day if slot else 0],
        )
    period_names = {p.id: p.name or p.id for p in problem.event.periods}
    period = period_col.selectbox(
        t("schedule.period"),
        list(grid.period_ids),
        format_func=lambda period_id: period_names.get(period_id, period_id),
        index=slot.period if slot else 0,
        key=f"move_period_{key}",
    )
    rooms = [r.id for r in problem.rooms]
    room_names = {r.id: r.name for r in problem.rooms}
    room = room_col.selectbox(
        t("schedule.room"),
        rooms,
        index=rooms.index(current.room),
        format_func=lambda room_id: room_names.get(room_id, room_id),
        key=f"move_room_{key}",
    )
    target = (day, period, room)
    if slot is None or target == (grid.days[slot.day], grid.period_ids[slot.period], current.room):
        st.caption(t("schedule.choose"))
        if st.button(t("schedule.pin"), key="pin"):
            save(pin(problem, current))
        return
    try:
        before = base_report(problem, schedule)
        check = check_move(problem, schedule, current.key, day, period, room, before, published, running)
    except HuiwuError as error:
        st.error(said(str(error), problem=problem))
        return
    st.caption(f"{t('solve.score')}: {check.objective_before} → {check.objective_after}")
    if check.broken:
        lines = said("\n".join(check.broken), problem=problem).split("\n")
        st.error(t("schedule.breaks") + "\n\n" + "\n".join(f"- {line}" for line in lines))
    else:
        st.success(t("schedule.ok"))
    if st.button(t("schedule.apply"), key="apply_move", disabled=not check.ok, type="primary"):
        keep_move(pin(problem, check.schedule.by_key()[current.key]), check.schedule)


def keep_move(result: EditResult, moved: Schedule) -> None:
    """Save the pin and the moved schedule as one draft revision, then show the moved schedule."""
    if result.problem is None:
        show_result_messages(result)
        return
    if state.commit(result.problem, moved):
        state.set_schedule(moved)
        st.session_state[state.NOTICE] = ("success", t("schedule.moved"))
    st.rerun()


def base_report(problem: Problem, schedule: Schedule) -> Report:
    """The oracle's report on the schedule as it stands, computed once per schedule and event."""
    cached = st.session_state.get("oracle_base")
    if cached is not None and cached[0] is schedule and cached[1] is problem:
        found: Report = cached[2]
        return found
    report = check_schedule(problem, schedule)
    st.session_state["oracle_base"] = (schedule, problem, report)
    return report


def pins(problem: Problem) -> None:
    found = pinned(problem, lang())
    if not found:
        return
    st.subheader(t("schedule.pinned"))
    for index, (session_id, occurrence, text) in enumerate(found):
        left, right = st.columns([5, 1])
        left.write(text)
        if right.button(t("schedule.unpin"), key=f"unpin_{index}"):
            save(unpin(problem, session_id, occurrence))


page_header("schedule")
problem = require_problem()
schedule = state.schedule()
if problem is not None and schedule is None:
    st.info(t("schedule.none"))
elif problem is not None and schedule is not None:
    view, target, week, text = filters(problem)
    chosen = select(problem, schedule, view, target, text)
    in_week = select(problem, schedule, view, target, text, week)
    grid_view(problem, in_week, week, target if view == "day" else None)
    if chosen and not in_week:
        weeks = sorted(
            {week_of(problem.event, a.start.astimezone(problem.event.zone).date()) for a in chosen}
        )
        st.caption(t("schedule.other_weeks", weeks=", ".join(map(str, weeks))))
    list_view(problem, chosen)
    move_form(problem, schedule, in_week or chosen)
    pins(problem)
