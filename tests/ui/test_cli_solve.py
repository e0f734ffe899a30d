"""``huiwu solve`` and ``huiwu check`` end to end on small events."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planner.domain.schedule import Schedule
from planner.io.files import read_problem, write_problem
from solver.bound import floors
from solver.data import build_index
from tests.solver.events import event
from ui.cli import app, register_commands

DATA = Path(__file__).resolve().parents[1] / "data"
register_commands()


def test_cli_solve_then_check_exit_zero(tmp_path: Path) -> None:
    runner = CliRunner()
    solved = runner.invoke(
        app,
        ["solve", str(DATA / "minimal.yaml"), "--out", str(tmp_path), "--time-limit", "5", "--workers", "1"],
    )
    assert solved.exit_code == 0
    assert "status optimal" in solved.stdout
    assert "parts whose cost" not in solved.stdout  # proven optimal: no part can gain
    assert "rooms tidied" not in solved.stdout  # one room
    checked = runner.invoke(app, ["check", str(DATA / "minimal.yaml"), str(tmp_path / "schedule.json")])
    assert checked.exit_code == 0
    assert checked.stdout.splitlines()[-1].startswith("0 hard rule(s) broken, cost ")


def test_cli_solve_infeasible_exit_three(tmp_path: Path) -> None:
    pin = {"date": "2026-03-23", "period": "am1"}
    problem = event(
        [
            {"id": "x", "title": "X", "speakers": ["ada"], "pinned": pin},
            {"id": "y", "title": "Y", "speakers": ["ada"], "pinned": pin},
        ]
    )
    write_problem(problem, tmp_path / "event.yaml")
    result = CliRunner().invoke(app, ["solve", str(tmp_path / "event.yaml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert (
        "- 'X' and 'Y' are both pinned to 2026-03-23 am1 and share speaker Ada Lovelace"
        in result.stderr.splitlines()
    )
    assert not (tmp_path / "out").exists()  # no schedule: no empty folder left behind


def test_cli_solve_names_an_output_folder_it_cannot_write_before_solving(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "file" / "out"
    args = ["solve", str(DATA / "minimal.yaml"), "--out", str(out), "--workers", "1", "--time-limit", "3"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr == f"{out}: cannot write in this folder (Not a directory)\n"  # no progress: no solve


def test_cli_solve_out_naming_a_file_says_so_before_solving(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    args = ["solve", str(DATA / "minimal.yaml"), "--out", str(tmp_path / "file"), "--time-limit", "3"]
    result = CliRunner().invoke(app, args)
    assert (result.exit_code, result.stderr) == (1, f"{tmp_path / 'file'}: is a file, not a folder\n")
    assert (tmp_path / "file").read_text(encoding="utf-8") == "not a folder"


def test_cli_check_reports_a_broken_rule(tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(
        app,
        ["solve", str(DATA / "minimal.yaml"), "--out", str(tmp_path), "--time-limit", "5", "--workers", "1"],
    )
    path = tmp_path / "schedule.json"
    path.write_text(
        path.read_text().replace('"room": "b"', '"room": "a"').replace('"room": "a"', '"room": "b"', 1)
    )
    result = runner.invoke(app, ["check", str(DATA / "minimal.yaml"), str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("BROKEN: ")


def test_cli_solve_from_old_schedule_lists_moves(tmp_path: Path) -> None:
    runner = CliRunner()
    sessions = [{"id": "c", "title": "Course", "occurrences": 3, "speakers": ["ada"]}]
    write_problem(event(sessions), tmp_path / "old.yaml")
    runner.invoke(
        app,
        [
            "solve",
            str(tmp_path / "old.yaml"),
            "--out",
            str(tmp_path / "old"),
            "--workers",
            "1",
            "--time-limit",
            "5",
        ],
    )
    old = (tmp_path / "old" / "schedule.json").read_text()
    first_day = old.split('"start": "')[1][:10]
    speakers = [{"id": "ada", "name": "Ada Lovelace", "unavailable": [first_day]}]
    write_problem(event(sessions, speakers=speakers), tmp_path / "new.yaml")
    args = [
        "solve",
        str(tmp_path / "new.yaml"),
        "--out",
        str(tmp_path / "new"),
        "--from",
        str(tmp_path / "old" / "schedule.json"),
    ]
    result = runner.invoke(app, [*args, "--workers", "1", "--time-limit", "5"])
    assert result.exit_code == 0
    assert "2 occurrences stayed, 1 changed (time, room or speakers):" in result.stdout.splitlines()


def test_cli_solve_from_old_schedule_counts_what_its_freeze_kept(tmp_path: Path) -> None:
    """Ada away on the day of her second lecture, the plan repaired from that lecture's start on:
    the first has started and stays, the second moves, later."""
    runner = CliRunner()
    sessions = [{"id": "c", "title": "Course", "occurrences": 3, "speakers": ["ada"]}]
    write_problem(event(sessions), tmp_path / "old.yaml")
    runner.invoke(
        app, ["solve", str(tmp_path / "old.yaml"), "--out", str(tmp_path / "old"), "--workers", "1"]
    )
    text = (tmp_path / "old" / "schedule.json").read_text()
    second = sorted(part[:16] for part in text.split('"start": "')[1:])[1].replace("T", " ")
    speakers = [{"id": "ada", "name": "Ada Lovelace", "unavailable": [second[:10]]}]
    write_problem(event(sessions, speakers=speakers), tmp_path / "new.yaml")
    args = ["solve", str(tmp_path / "new.yaml"), "--out", str(tmp_path / "new")]
    args += ["--from", str(tmp_path / "old" / "schedule.json"), "--workers", "1", "--time-limit", "5"]
    assert runner.invoke(app, [*args, "--freeze-before", f"{second}:00"]).exit_code == 2  # HH:MM only
    result = runner.invoke(app, [*args, "--freeze-before", second])
    assert result.exit_code == 0
    stayed = "2 occurrences stayed (1 of them started before the freeze), 1 changed (time, room or speakers):"
    assert stayed in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1].split(" -> ")[1] > second
    held = runner.invoke(app, [*args, "--freeze-before", f"{second[:-1]}1"])  # a minute after it started
    assert held.exit_code == 0
    assert held.stdout.splitlines()[-2:] == [
        "started before the freeze, so kept as they were, though now marked away or closed then:",
        f"  c #2 'Course' {second}: speaker ada",
    ]


@pytest.mark.parametrize("given", [None, "2026-03-23"])
def test_cli_solve_from_while_the_event_runs_freezes_at_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str | None
) -> None:
    """Repaired on Tuesday at 10:30 in Berlin with no --freeze-before, what started stays, as in
    publish and the app; a freeze given replaces it, and nothing is said."""
    from planner.usecases.solve import write_schedule
    from tests.factories import greedy_schedule
    from ui import cli_solve

    monkeypatch.setattr(cli_solve, "now", lambda: dt.datetime(2026, 3, 24, 9, 30, tzinfo=dt.UTC))
    old = write_schedule(greedy_schedule(read_problem(DATA / "minimal.yaml")), tmp_path / "old")
    args = ["solve", str(DATA / "minimal.yaml"), "--out", str(tmp_path / "new"), "--from", str(old)]
    args += ["--workers", "1", "--time-limit", "5", *(["--freeze-before", given] if given else [])]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    note = (
        "the event is under way: every session that started before 2026-03-24 10:30 (now) stays where it "
        "is (--freeze-before names another day or moment)"
    )
    assert (note in result.stderr.splitlines()) == (given is None)
    kept = "5 occurrences stayed (3 of them started before the freeze), 0 changed (time, room or speakers):"
    assert (kept in result.stdout.splitlines()) == (given is None)


def test_cli_freeze_needs_from(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["solve", str(DATA / "minimal.yaml"), "--freeze-before", "2026-03-25"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "--freeze-before needs --from OLD/schedule.json (the plan to keep)"


@pytest.mark.parametrize(("freeze", "broken"), [("2026-03-25", 0), ("2026-03-25 10:00", 1)])
def test_cli_check_freezes_from_a_day_or_a_moment(tmp_path: Path, freeze: str, broken: int) -> None:
    """logic#3 is at 09:00 on 2026-03-25; moved to 11:00 that day, it breaks a freeze at 10:00 (it
    had started), not one from the day's midnight."""
    from planner.usecases.solve import write_schedule
    from tests.factories import greedy_schedule

    old = greedy_schedule(read_problem(DATA / "minimal.yaml"))
    moved = [
        a.model_copy(update={"start": a.start.replace(hour=11), "end": a.end.replace(hour=12, minute=30)})
        if a.key == ("logic", 3)
        else a
        for a in old.assignments
    ]
    reference = write_schedule(old, tmp_path / "old")
    checked = write_schedule(old.model_copy(update={"assignments": tuple(moved)}), tmp_path / "new")
    args = [
        "check",
        str(DATA / "minimal.yaml"),
        str(checked),
        "--from",
        str(reference),
        "--freeze-before",
        freeze,
    ]
    result = CliRunner().invoke(app, args)
    frozen = [line for line in result.stdout.splitlines() if "frozen" in line]
    assert frozen == ["BROKEN: logic#3: frozen before 2026-03-25 10:00 but moved"][:broken]


@pytest.mark.parametrize("option", ["--from", "--start"])
def test_cli_solve_refuses_a_schedule_of_another_event(tmp_path: Path, option: str) -> None:
    """A plan to keep or to go on from that belongs to another event is a mistake said at once,
    naming the file and both events, before any search (it was once ignored, or repaired against)."""
    from planner.usecases.solve import write_schedule

    poor, _ = _poor_start(tmp_path)
    other = write_schedule(poor.model_copy(update={"event": "office-training-2026"}), tmp_path / "old")
    args = ["solve", str(tmp_path / "event.yaml"), "--out", str(tmp_path / "new"), option, str(other)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{option} {other}: event: 'office-training-2026' but the event file is '{poor.event}': "
        "a schedule of another event?"
    )
    assert not (tmp_path / "new").exists()  # nothing written


@pytest.mark.parametrize("where", ["schedule", "--from"])
def test_cli_check_of_another_events_schedule_says_so_once(tmp_path: Path, where: str) -> None:
    """One line naming both events, not one line per occurrence the event lacks (110 for the office
    schedule against the minimal event)."""
    from planner.usecases.solve import write_schedule

    poor, _ = _poor_start(tmp_path)
    own = write_schedule(poor, tmp_path / "own")
    other = write_schedule(poor.model_copy(update={"event": "office-training-2026"}), tmp_path / "other")
    checked, reference = (other, own) if where == "schedule" else (own, other)
    result = CliRunner().invoke(
        app, ["check", str(tmp_path / "event.yaml"), str(checked), "--from", str(reference)]
    )
    assert result.exit_code == 1
    label = str(other) if where == "schedule" else f"--from {other}"
    assert result.stderr.strip() == (
        f"{label}: event: 'office-training-2026' but the event file is '{poor.event}': "
        "a schedule of another event?"
    )
    assert result.stdout == ""


def _poor_start(tmp_path: Path) -> tuple[Schedule, int]:
    """A three-occurrence event written to ``tmp_path/event.yaml``, a valid but poor schedule of it
    and that schedule's cost: a start a solve can only improve on."""
    from planner.domain.oracle import check_schedule
    from tests.domain.test_oracle_soft import place

    sessions: list[dict[str, Any]] = [
        {"id": "x", "title": "X", "groups": ["g1"], "occurrences": 2},
        {"id": "y", "title": "Y", "groups": ["g1"]},
    ]
    problem = event(sessions)
    write_problem(problem, tmp_path / "event.yaml")
    poor = place(problem, ("x", 1, 0, 0, "a"), ("x", 2, 0, 2, "a"), ("y", 1, 3, 1, "a"))
    return poor, check_schedule(problem, poor).objective


def test_cli_start_goes_on_from_an_earlier_schedule(tmp_path: Path) -> None:
    from planner.usecases.solve import write_schedule

    poor, cost = _poor_start(tmp_path)
    start = write_schedule(poor, tmp_path / "old")
    args = ["solve", str(tmp_path / "event.yaml"), "--out", str(tmp_path / "new"), "--workers", "1"]
    fresh = CliRunner().invoke(app, [*args, "--time-limit", "2"])
    again = CliRunner().invoke(app, [*args, "--time-limit", "2", "--start", str(start)])
    assert (fresh.exit_code, again.exit_code) == (0, 0)
    first = again.stderr.split("best ")[1].split()[0]
    assert first == str(cost) != fresh.stderr.split("best ")[1].split()[0]


def test_cli_solve_says_what_the_bound_proves() -> None:
    from ui.cli_solve import bound_words

    def schedule(objective: int, bound: int | None) -> Schedule:
        return Schedule(event="mini", status="feasible", objective=objective, bound=bound)

    assert bound_words(schedule(78, 54)) == "bound 54"
    assert bound_words(schedule(78, 0)) == "no bound proven"  # 0 proves nothing when the cost is more
    assert bound_words(schedule(78, 0), 10) == "no bound proven: a time limit of 20 s or more proves one"
    assert bound_words(schedule(78, 0), 60) == "no bound proven"
    assert bound_words(schedule(0, 0)) == "bound 0"
    assert bound_words(schedule(10941, None)) == "not searched: the greedy schedule, no bound"


def test_cli_solve_says_a_longer_solve_goes_further() -> None:
    """Below 20 s the solver's LNS never runs: one longer solve going on from the schedule gains
    more than several short ones (bench/RESULTS.md, nineteenth session); nothing to say of a
    schedule proven optimal or of a solve of 20 s or more."""
    from ui.cli_solve import longer_words

    feasible = Schedule(event="mini", status="feasible", objective=78, bound=53)
    said = longer_words(feasible, 10)
    assert said is not None
    assert said.startswith("below 20 s the solver searches the plan as a whole only: solving again")
    assert "--time-limit 60" in said
    assert longer_words(feasible, 20) is None
    assert longer_words(feasible, None) is None
    assert longer_words(feasible.model_copy(update={"status": "optimal", "bound": 78}), 10) is None


def test_cli_solve_names_the_parts_above_their_least(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The best known office schedule (60, the parts' least 55): the parts a longer solve could
    still improve, the largest gap first; those at their least are left out."""
    from solver import counting, gaps

    monkeypatch.setattr(gaps, "SECONDS", 60.0)  # counting by weeks to its proof, however loaded
    monkeypatch.setattr(counting, "WEEKS_SECONDS", 60.0)
    monkeypatch.setattr(counting, "WEEKS_PART", 60.0)  # a loaded machine cut docs and writing at 12
    from planner.domain.oracle import check_schedule
    from planner.io.schedule_file import read_schedule
    from ui import cli_solve

    root = DATA.parents[1]
    problem = read_problem(root / "samples" / "office-training-2026.yaml")
    report = check_schedule(problem, read_schedule(root / "tests" / "data" / "office-schedule-60.json"))
    cli_solve.print_parts(problem, report, {})
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "parts whose cost is above the least proven for them (32 of the cost, at least 27):",
        "     8  at least 7     办公室工作基本方法原则 (张立军, 刘建华)",
        "     7  at least 6     信息处理 (孙明, 周晓东)",
        "    14  at least 13    公文处理规范, 公文写作规范 (郑丽, 黄伟, 马文博, +2)",
        "     1  at least 0     自学 (二班)",
        "     2  at least 1     一班: isolated, group_balance",
    ]
    monkeypatch.setattr(cli_solve, "PARTS_SHOWN", 4)  # a large event's many parts: the largest gaps
    cli_solve.print_parts(problem, report, {})
    shown = capsys.readouterr().out.splitlines()
    assert shown[0].endswith("(32 of the cost, at least 27):")  # every part still adds up
    assert shown[1:] == [*lines[1:5], "  ... and 1 more"]


def test_cli_solve_progress_one_line_per_report_in_a_log(tmp_path: Path) -> None:
    """Piped (as CliRunner and CI logs are), each better schedule gets a line of its own."""
    args = [
        "solve",
        str(DATA / "minimal.yaml"),
        "--out",
        str(tmp_path),
        "--time-limit",
        "3",
        "--workers",
        "1",
    ]
    result = CliRunner().invoke(app, args)
    reports = [line for line in result.stderr.splitlines() if " s  best " in line]
    assert (result.exit_code, "\r" in result.stderr) == (0, False)
    assert reports
    assert all(line.split()[1:3] == ["s", "best"] for line in reports)


def test_cli_solve_progress_rewrites_one_line_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui import cli_solve

    monkeypatch.setattr(cli_solve, "_on_terminal", lambda: True)
    cli_solve._progress(1.5, 40, 0)
    cli_solve._progress(2.0, 38, 30)
    err = capsys.readouterr().err
    assert err.startswith("\r   1.5 s  best 40 ")
    assert "\r   2.0 s  best 38  bound 30 " in err
    assert "\n" not in err


def _minimal(out: Path, seconds: str = "3") -> list[str]:
    return ["solve", str(DATA / "minimal.yaml"), "--out", str(out), "--time-limit", seconds, "--workers", "1"]


def _first_report(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if " s  best " in line)


def _first_bound(stderr: str) -> int:
    """The bound of the first progress report (0 when it shows none)."""
    report = _first_report(stderr)
    return int(report.split("bound ")[1]) if "bound " in report else 0


def _counted() -> int:
    """What counting proves for the minimal event (``solver.bound.floors``), given all the time."""
    problem = read_problem(DATA / "minimal.yaml")
    return sum(floors(problem, build_index(problem), {}, math.inf).values())


def test_cli_solve_keeps_its_bound_for_the_next_solve_into_the_folder(tmp_path: Path) -> None:
    """A solve proves the minimal event optimal; the next one into the same folder shows that bound
    in its very first report, where a fresh solve's first report carries only what counting proves
    at once (4 of 7)."""
    first = CliRunner().invoke(app, _minimal(tmp_path, "5"))
    assert first.exit_code == 0
    assert "(bound " in first.stdout
    assert (tmp_path / "bounds.json").is_file()
    cost = int(first.stdout.split("cost ")[1].split()[0])
    again = CliRunner().invoke(app, _minimal(tmp_path, "5"))
    assert _first_bound(again.stderr) == cost
    elsewhere = CliRunner().invoke(app, _minimal(tmp_path / "other", "5"))
    assert _first_bound(elsewhere.stderr) < cost


def test_cli_solve_hands_the_parts_proven_before_to_the_next_solve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parts' optima a solve hears of (``SolveOptions.part_proven``) reach the next solve into
    the same folder as ``SolveOptions.parts``; ``--fresh`` uses none (but keeps what it proves);
    a repair neither uses nor keeps them."""
    import solver
    from solver import SolveOptions

    real = solver.solve
    seen: list[dict[str, int]] = []
    floors: list[int] = []

    def solve(problem: object, options: SolveOptions, *rest: object) -> Schedule:
        seen.append(dict(options.parts))
        floors.append(options.floor)
        if options.part_proven is not None:
            options.part_proven("a" * 64, 7)
        return real(problem, options, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(solver, "solve", solve)
    assert CliRunner().invoke(app, _minimal(tmp_path, "2")).exit_code == 0
    assert CliRunner().invoke(app, _minimal(tmp_path, "2")).exit_code == 0
    assert seen == [{}, {"a" * 64: 7}]
    assert floors[-1] > 0  # the minimal event is proven optimal in the first solve
    assert CliRunner().invoke(app, [*_minimal(tmp_path, "2"), "--fresh"]).exit_code == 0
    assert (seen[-1], floors[-1]) == ({}, 0)  # --fresh: nothing from the folder, so a seed repeats it
    assert CliRunner().invoke(app, _minimal(tmp_path, "2")).exit_code == 0
    assert seen[-1] == {"a" * 64: 7}  # and what the folder kept is still there after it
    assert floors[-1] > 0
    old = tmp_path / "schedule.json"
    repair = CliRunner().invoke(app, [*_minimal(tmp_path / "r", "2"), "--from", str(old)])
    assert repair.exit_code == 0
    assert seen[-1] == {}
    assert not (tmp_path / "r" / "bounds.json").exists()


def test_cli_solve_reads_a_broken_bounds_file_as_none(tmp_path: Path) -> None:
    (tmp_path / "bounds.json").write_text('{"events": [1, 2', encoding="utf-8")
    result = CliRunner().invoke(app, _minimal(tmp_path))
    assert result.exit_code == 0
    assert _first_bound(result.stderr) <= _counted()  # nothing read from the file
    assert '"events"' in (tmp_path / "bounds.json").read_text(encoding="utf-8")  # written afresh


def test_cli_solve_goes_on_from_the_schedule_of_the_same_event_in_its_folder(tmp_path: Path) -> None:
    """As the app does by default: the folder's schedule of this event is the start (its cost is
    the first report), so solving again never ends worse; ``--fresh`` starts afresh; another
    event's schedule there, or a file that is no schedule, is not used; one that breaks a rule of the
    event since is gone on from, the occurrence it lost placed anew."""
    from planner.usecases.solve import write_schedule

    poor, objective = _poor_start(tmp_path)
    cost = str(objective)
    out = tmp_path / "out"
    args = ["solve", str(tmp_path / "event.yaml"), "--out", str(out), "--workers", "1", "--time-limit", "2"]

    write_schedule(poor, out)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0
    assert f"going on from {out / 'schedule.json'} (cost {cost}); --fresh starts afresh" in again.stderr
    assert _first_report(again.stderr).split("best ")[1].split()[0] == cost

    write_schedule(poor, out)
    fresh = CliRunner().invoke(app, [*args, "--fresh"])
    assert fresh.exit_code == 0
    assert "going on" not in fresh.stderr
    assert _first_report(fresh.stderr).split("best ")[1].split()[0] != cost

    write_schedule(poor.model_copy(update={"event": "another"}), out)
    other = CliRunner().invoke(app, args)
    assert other.exit_code == 0
    assert "going on" not in other.stderr

    write_schedule(poor.model_copy(update={"assignments": poor.assignments[1:]}), out)  # x#1 lost
    broken_by_an_edit = CliRunner().invoke(app, args)
    assert broken_by_an_edit.exit_code == 0
    assert broken_by_an_edit.stderr.startswith(
        f"going on from {out / 'schedule.json'}, placing anew what breaks 1 hard rule(s) of the event since"
    )
    assert int(_first_report(broken_by_an_edit.stderr).split("best ")[1].split()[0]) <= objective

    (out / "schedule.json").write_text("{", encoding="utf-8")
    broken = CliRunner().invoke(app, args)
    assert broken.exit_code == 0
    assert broken.stderr.startswith(
        f"starting afresh, {out / 'schedule.json'} unreadable: schedule.json: line 1"
    )


def test_cli_solve_fresh_and_start_exclude_each_other(tmp_path: Path) -> None:
    start = str(tmp_path / "schedule.json")
    result = CliRunner().invoke(app, [*_minimal(tmp_path), "--fresh", "--start", start])
    assert result.exit_code == 1
    assert result.stderr.strip() == "--fresh and --start exclude each other: start afresh or from a schedule"


def test_cli_solve_says_it_tidied_the_rooms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The best known office schedule holds lectures in the computer lab: the solve tidies them
    into classrooms after the search, at no cost, and says how many it moved."""
    import solver
    from planner.io.schedule_file import read_schedule

    root = Path(__file__).resolve().parents[2]
    best = read_schedule(root / "tests" / "data" / "office-schedule-60.json")
    monkeypatch.setattr(solver, "solve", lambda *given: best)
    office = root / "samples" / "office-training-2026.yaml"
    result = CliRunner().invoke(app, ["solve", str(office), "--out", str(tmp_path), "--fresh"])
    assert result.exit_code == 0, result.output
    assert "cost 60" in result.stdout
    assert re.search(r"rooms tidied at no cost: \d+ occurrences moved", result.stdout)
