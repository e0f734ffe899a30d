"""Solve page: the solver in a background thread, progress polled; the result or the reasons."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from solver import SolveOptions
from tests.ui.conftest import MINIMAL, texts, upload


def solve_and_wait(app: AppTest, seconds: int = 2) -> AppTest:
    app.switch_page("pages/solve.py").run()
    app.number_input(key="time_limit").set_value(seconds)
    app.button(key="solve").click().run()
    return wait(app, seconds)


def wait(app: AppTest, seconds: int) -> AppTest:
    """Poll the page (as the fragment does every half second) until the solve is collected."""
    deadline = time.monotonic() + seconds + 30
    while "solve_job" in app.session_state and time.monotonic() < deadline:
        time.sleep(0.3)
        app.run()
    return app


def test_solve_shows_score_and_schedule(app: AppTest) -> None:
    upload(app, MINIMAL)
    solve_and_wait(app)
    assert app.exception == []
    assert len(app.success) == 1
    assert app.success[0].value.startswith("Done: status ")
    assert app.session_state["schedule"].event == "mini"
    assert len(app.session_state["schedule"].assignments) == 5
    assert [d.value.columns.tolist() for d in app.dataframe] == [
        ["Rule", "Cost"],
        ["Rule", "Cost", "Explanation"],
    ]
    columns = json.loads(app.dataframe[1].proto.columns)
    widths = {name: column.get("width") for name, column in columns.items() if name != "_index"}
    assert widths == {"Rule": 120, "Cost": 50, "Explanation": 440}  # the explanation readable whole


def test_solve_progress_bar_while_running(app: AppTest) -> None:
    upload(app, MINIMAL)
    app.switch_page("pages/solve.py").run()
    app.number_input(key="time_limit").set_value(2)
    app.button(key="solve").click().run()
    assert app.exception == []
    assert [b.label for b in app.button] == ["Stop"]
    wait(app, 2)
    assert len(app.success) == 1


def test_solve_infeasible_shows_reasons(app: AppTest, tmp_path: Path) -> None:
    data = yaml.safe_load(MINIMAL.read_text())
    data["speakers"][1]["unavailable"] = [{"weekdays": ["mon", "tue", "wed", "thu", "fri"]}]
    impossible = tmp_path / "impossible.yaml"
    impossible.write_text(yaml.safe_dump(data))
    upload(app, impossible)
    solve_and_wait(app)
    assert app.exception == []
    assert texts(app.error)[0] == "No plan keeps every hard rule, because:"
    assert app.markdown[-1].value.startswith("- ")
    assert app.session_state["schedule"] is None


def repair_after_publishing(app: AppTest) -> AppTest:
    """The minimal event solved and published as v1, then solved again: a repair of v1."""
    from tests.ui.conftest import minimal, solved
    from tests.ui.test_publish import publish

    upload(app, MINIMAL)
    app.session_state["schedule"] = solved(minimal())
    app.switch_page("pages/publish.py").run()
    publish(app, "v1")
    return solve_and_wait(app)


def test_solve_after_publishing_repairs_the_published_version(app: AppTest) -> None:
    repair_after_publishing(app)
    assert app.exception == []
    assert texts(app.info) == ["Repaired from the last published version: 5 occurrences kept, 0 changed."]
    assert not any("under way" in text for text in texts(app.caption))  # the event is long over


def test_a_repair_while_the_event_runs_keeps_the_sessions_that_started(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.domain.calendar
    import solver
    from planner.domain.calendar import freeze_moment
    from tests.ui.conftest import minimal

    frozen: list[Any] = []

    def spy(problem: Problem, options: SolveOptions, reference: Any, freeze: Any) -> Schedule:
        frozen.append(freeze)
        return solver.solve(problem, options, reference, freeze)

    monkeypatch.setattr(solver, "solve_in_child", spy)
    moment = dt.datetime(2026, 3, 25, 10, 15)
    monkeypatch.setattr(planner.domain.calendar, "under_way", lambda event, now: moment)
    repair_after_publishing(app)
    assert app.exception == []
    assert frozen == [moment]
    assert (
        "The event is under way: a repair keeps every session that started before 2026-03-25 10:15 (now) "
        "where it is and moves none into the past." in texts(app.caption)
    )
    berlin = freeze_moment(minimal().event, moment)
    started = [a for a in app.session_state["schedule"].assignments if a.start < berlin]
    assert 0 < len(started) < 5
    assert texts(app.info) == [
        "Repaired from the last published version: 5 occurrences kept, 0 changed. "
        f"Of those kept, {len(started)} started before the freeze and could not move."
    ]


def test_a_repair_names_what_it_kept_although_now_marked_away(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quarter of an hour into the first session, its speaker is marked away for the whole day: the
    session stays, and the page says why the absence changed nothing there. Published, the repair
    is checked with its own freeze (the app's clock is long past the event), and the version shows it."""
    import planner.domain.calendar
    from planner.io.files import problem_from_data, problem_to_data
    from planner.storage import database_url, open_store
    from tests.ui.conftest import minimal, solved
    from tests.ui.test_publish import publish
    from ui import state

    started = min((a for a in solved(minimal()).assignments if a.speakers), key=lambda a: a.start)
    moment = started.start.replace(tzinfo=None) + dt.timedelta(minutes=15)
    monkeypatch.setattr(planner.domain.calendar, "under_way", lambda event, now: moment)
    repair_after_publishing(app)
    data = problem_to_data(app.session_state[state.PROBLEM])
    speaker = next(k for k in data["speakers"] if k["id"] == started.speakers[0])
    speaker["unavailable"] = [*speaker.get("unavailable", []), moment.date().isoformat()]
    changed = problem_from_data(data)
    db = open_store(database_url())
    app.session_state[state.REVISION] = db.save_draft(
        changed, base=app.session_state[state.REVISION], by="lin", now=dt.datetime.now(dt.UTC)
    )
    app.session_state[state.PROBLEM] = changed
    app.button(key="solve").click().run()
    wait(app, 2)
    assert app.exception == []
    assert [a.start for a in app.session_state["schedule"].assignments if a.key == started.key] == [
        started.start
    ]
    said = [text for text in texts(app.caption) if "before the freeze" in text]
    assert said == [
        f"{started.title} ({started.start:%Y-%m-%d %H:%M}) started before the freeze and stays as it was: "
        f"{speaker['name']}, now marked unavailable then, changes nothing there."
    ]
    app.switch_page("pages/publish.py").run()
    publish(app, "v2")
    assert app.exception == []
    assert texts(app.success) == ["Published version 2."]
    latest = db.latest(changed.event.id)
    assert latest is not None
    assert latest.frozen == moment
    table = app.dataframe[-1].value
    assert list(table["Frozen before"]) == [f"{moment:%Y-%m-%d %H:%M}", ""]


@pytest.mark.parametrize("running", [None, dt.datetime(2026, 3, 25, 10, 15)])
def test_a_repair_keeps_what_starts_before_the_freeze_chosen_by_hand(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, running: dt.datetime | None
) -> None:
    """Before or during the event, the freeze chosen on the page (the next morning at 00:00: the rest
    of today stays as announced) replaces the default, and its caption the default's."""
    import planner.domain.calendar
    import solver

    frozen: list[Any] = []

    def spy(problem: Problem, options: SolveOptions, reference: Any, freeze: Any) -> Schedule:
        frozen.append(freeze)
        return solver.solve(problem, options, reference, freeze)

    monkeypatch.setattr(solver, "solve_in_child", spy)
    monkeypatch.setattr(planner.domain.calendar, "under_way", lambda event, now: running)
    repair_after_publishing(app)
    assert frozen == [running]
    app.checkbox(key="freeze_choose").check().run()
    assert app.date_input(key="freeze_day").value == (running.date() if running else dt.date(2026, 3, 23))
    app.date_input(key="freeze_day").set_value(dt.date(2026, 3, 26))
    app.time_input(key="freeze_time").set_value(dt.time(0, 0)).run()
    assert not any("under way" in text for text in texts(app.caption))
    assert (
        "A repair keeps every session that starts before 2026-03-26 where it is and moves none before it."
        in texts(app.caption)
    )
    app.button(key="solve").click().run()
    wait(app, 2)
    assert app.exception == []
    assert frozen == [running, dt.datetime(2026, 3, 26, 0, 0)]


def test_solve_keeps_the_time_limit_chosen_for_the_next_solve(app: AppTest) -> None:
    upload(app, MINIMAL)
    solve_and_wait(app, seconds=3)
    assert app.exception == []
    assert app.number_input(key="time_limit").value == 3


def test_solve_in_chinese_shows_status_rules_and_costs_in_chinese(app: AppTest) -> None:
    upload(app, MINIMAL)
    app.session_state["lang"] = "zh"
    solve_and_wait(app)
    assert app.exception == []
    assert app.success[0].value.startswith("排课完成：状态 最优（已证明）")
    assert "下界" not in app.success[0].value  # a proven optimum needs no bound
    score, costs = (d.value for d in app.dataframe)
    assert score.columns.tolist() == ["规则", "代价"]
    names = set(score["规则"])
    assert names
    assert all(re.search(r"[\u4e00-\u9fff]", name) for name in names)
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in costs["说明"])


def test_solving_again_goes_on_from_the_last_schedule_unless_unticked(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import solver

    starts: list[Schedule | None] = []

    def spy(problem: Problem, options: SolveOptions, *rest: Any) -> Schedule:
        starts.append(options.start)
        return solver.solve(problem, options, *rest)

    monkeypatch.setattr(solver, "solve_in_child", spy)
    upload(app, MINIMAL)
    app.switch_page("pages/solve.py").run()
    assert [c.key for c in app.checkbox] == []  # nothing to go on from yet
    solve_and_wait(app)
    first = app.session_state["schedule"]
    assert app.checkbox(key="solve_continue").value is True
    solve_and_wait(app)
    assert app.session_state["schedule"].objective <= first.objective
    app.checkbox(key="solve_continue").uncheck().run()
    solve_and_wait(app)
    assert app.exception == []
    assert starts == [None, first, None]


@pytest.mark.parametrize("seconds", [2, 20])
def test_solve_unproven_result_says_its_bound_and_gap(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, seconds: int
) -> None:
    """From 20 s the page says to go on from the schedule; below, that a solve of a minute going on
    from it gains more than short ones: only from 20 s does the solver's LNS run (bench/RESULTS.md,
    nineteenth session: six solves of 10 s in a row 71.75 on the office sample, one of 60 s from
    the first 64.75)."""
    import solver

    def unproven(problem: Problem, options: SolveOptions, *rest: Any) -> Schedule:
        found = solver.solve(problem, options, *rest)
        return found.model_copy(update={"status": "feasible", "bound": found.objective // 2})

    monkeypatch.setattr(solver, "solve_in_child", unproven)
    upload(app, MINIMAL)
    app.session_state["lang"] = "zh"
    solve_and_wait(app, seconds)
    assert app.exception == []
    schedule = app.session_state["schedule"]
    gap = 100 * (schedule.objective - schedule.bound) / schedule.objective
    assert schedule.bound > 0
    go_on = {
        2: "。计算时间不到 20 秒时只做整体搜索：勾选“在当前日程的基础上继续优化”，把最长计算时间设为 60 秒"
        "再点“开始排课”，还会逐天、逐班、逐位授课人反复调整，通常比多次短时间续排更省。",
        20: "；勾选“在当前日程的基础上继续优化”后再点“开始排课”，可接着优化。",
    }
    assert app.success[0].value == (
        f"排课完成：状态 可行（未证明是最优），总代价 {schedule.objective}。"
        f"已证明任何日程的代价都不低于 {schedule.bound}（与此下界相差 {gap:.0f}%）" + go_on[seconds]
    )


@pytest.mark.parametrize(("seconds", "hinted"), [(10, True), (20, False)])
def test_solve_without_a_bound_says_a_longer_solve_proves_one(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, seconds: int, hinted: bool
) -> None:
    """Below 20 s the parts' bound is not proven, and the page says so; from 20 s it says nothing
    more (a solve that ended there without a bound has no such excuse)."""
    import solver

    def unproven(problem: Problem, options: SolveOptions, *rest: Any) -> Schedule:
        found = solver.solve(problem, options, *rest)
        return found.model_copy(update={"status": "feasible", "bound": 0})

    monkeypatch.setattr(solver, "solve_in_child", unproven)
    upload(app, MINIMAL)
    app.session_state["lang"] = "zh"
    solve_and_wait(app, seconds)
    assert app.exception == []
    shown = app.success[0].value
    assert shown.startswith("排课完成：状态 可行（未证明是最优），总代价 ")
    assert ("计算时间设为 20 秒以上时，还会证明代价的下界" in shown) is hinted


def repair_shown_with_bound(app: AppTest, monkeypatch: pytest.MonkeyPatch, half: bool) -> Schedule:
    """Publish the minimal event, then solve it (a repair of the published version) by a stand-in
    that reports the schedule unproven: with half its cost as bound, or none; the page is shown."""
    import solver
    from tests.ui.conftest import minimal, solved
    from tests.ui.test_publish import publish

    def unproven(problem: Problem, options: SolveOptions, *rest: Any) -> Schedule:
        found = solver.solve(problem, options, *rest)
        bound = max(1, found.objective // 2) if half else 0
        return found.model_copy(update={"status": "feasible", "bound": bound})

    upload(app, MINIMAL)
    app.session_state["schedule"] = solved(minimal())
    app.switch_page("pages/publish.py").run()
    publish(app, "v1")
    monkeypatch.setattr(solver, "solve_in_child", unproven)
    solve_and_wait(app)
    assert app.exception == []
    assert texts(app.info)[0].startswith("Repaired from the last published version")
    schedule = app.session_state["schedule"]
    assert isinstance(schedule, Schedule)
    return schedule


def test_solve_a_repair_without_a_bound_says_nothing_of_longer_solves(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repair never proves the parts' bound, however long: no word of 20 s there."""
    repair_shown_with_bound(app, monkeypatch, half=False)
    assert app.success[0].value.startswith("Done: status feasible")
    assert "20 s" not in app.success[0].value


def test_solve_a_repair_with_a_bound_says_nothing_of_going_on(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a publication each solve repairs the published version: there is no box to tick to
    go on from the last schedule, so a repair's bound ends its sentence without that advice."""
    schedule = repair_shown_with_bound(app, monkeypatch, half=True)
    assert schedule.bound is not None
    assert not [box for box in app.checkbox if box.key == "solve_continue"]
    gap = 100 * (schedule.objective - schedule.bound) / schedule.objective
    assert app.success[0].value == (
        f"Done: status feasible, cost {schedule.objective}. "
        f"No schedule can cost less than {schedule.bound} (a gap of {gap:.0f} %)."
    )


def _floors_asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Spy on the app's solves (in this process): the floor each one was given, in order."""
    import solver

    floors: list[int] = []

    def spy(problem: Problem, options: SolveOptions, *rest: Any) -> Schedule:
        floors.append(options.floor)
        return solver.solve(problem, options, *rest)

    monkeypatch.setattr(solver, "solve_in_child", spy)
    return floors


def test_solving_the_same_event_again_starts_from_the_bound_proven_before(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import state

    state.proven_bounds().found.clear()  # shared by the app's sessions: start from none
    floors = _floors_asked(monkeypatch)
    upload(app, MINIMAL)
    solve_and_wait(app)
    first = app.session_state["schedule"]
    solve_and_wait(app)
    assert app.exception == []
    assert first.bound
    assert floors == [0, first.bound]
    from tests.ui.test_publish import publish

    app.switch_page("pages/publish.py").run()
    publish(app, "v1")
    solve_and_wait(app)  # a repair of v1: its costs include the moves, so no floor
    assert app.exception == []
    assert floors == [0, first.bound, 0]


def test_the_bound_proven_before_outlives_the_app_process(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import state

    floors = _floors_asked(monkeypatch)
    upload(app, MINIMAL)
    solve_and_wait(app)
    first = app.session_state["schedule"]
    state.proven_bounds().found.clear()  # what a restart of the app forgets; the database keeps it
    solve_and_wait(app)
    assert app.exception == []
    assert first.bound
    assert floors == [0, first.bound]


@pytest.mark.parametrize(
    ("info", "words"),
    [
        (None, "正在排课……"),
        ({"objective": 78, "bound": 0, "seconds": 3.0}, "当前最低代价 78 · 已用 3 秒"),  # 0 proves nothing
        ({"objective": 78, "bound": 54, "seconds": 3.0}, "当前最低代价 78 · 下界 54 · 已用 3 秒"),
    ],
)
def test_progress_names_the_bound_once_one_is_proven(info: dict[str, Any] | None, words: str) -> None:
    from ui.i18n import solve_progress

    assert solve_progress(info, 3.0) == words


def test_the_parts_proven_by_one_solve_are_given_to_the_next(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the solver proves for the event's parts (here told by a stand-in solve) is kept by the
    app and handed to the next solve of the event, edited or not; a repair gets none."""
    import solver
    from ui import state

    state.proven_bounds().parts.clear()
    given: list[dict[str, int]] = []

    def spy(problem: Problem, options: SolveOptions, *rest: Any) -> Schedule:
        given.append(dict(options.parts))
        if options.part_proven is not None:
            options.part_proven("p" * 64, 5)
        return solver.solve(problem, options, *rest)

    monkeypatch.setattr(solver, "solve_in_child", spy)
    upload(app, MINIMAL)
    solve_and_wait(app)
    solve_and_wait(app)
    assert app.exception == []
    assert [g.get("p" * 64) for g in given] == [None, 5]
    from tests.ui.test_publish import publish

    app.switch_page("pages/publish.py").run()
    publish(app, "v1")
    solve_and_wait(app)  # a repair: its costs include the moves
    assert given[-1] == {}


def test_an_unproven_result_names_the_parts_above_their_least(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The minimal event's schedule taken as unproven: its group's part costs 4 where no schedule
    can cost less than 1 there, its lecturers' part is at its least. (A proven optimum shows no
    such table: ``test_solve_shows_score_and_schedule``.)"""
    import solver

    def unproven(problem: Problem, options: SolveOptions, *rest: Any) -> Schedule:
        return solver.solve(problem, options, *rest).model_copy(update={"status": "feasible"})

    monkeypatch.setattr(solver, "solve_in_child", unproven)
    upload(app, MINIMAL)
    solve_and_wait(app)
    assert app.exception == []
    assert [s.value for s in app.subheader][-1] == "Where the cost could still fall"
    assert app.caption[-1].value.startswith("The event falls into parts that share no cost")
    assert app.dataframe[-1].value.to_dict("records") == [
        {"Part": "Group 1 (No isolated periods, Balanced days)", "Cost": 4, "At least": 1}
    ]
    app.session_state["lang"] = "zh"
    app.run()
    assert app.dataframe[-1].value.to_dict("records") == [
        {"部分": "Group 1（避免零散课、每天课量均衡）", "代价": 4, "至少": 1}
    ]
