"""The solve use-case: the solve function comes in as a parameter; moves are listed old -> new."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.domain.errors import HuiwuError
from planner.domain.model import Problem
from planner.domain.schedule import Schedule, align
from planner.io.files import read_problem
from planner.io.schedule_file import read_schedule
from planner.storage.changes import diff
from planner.storage.repository import Store, open_store
from planner.usecases.solve import ProvenBounds, compare, solve_event
from tests.factories import greedy_schedule

PROBLEM = read_problem(Path(__file__).resolve().parents[1] / "data" / "minimal.yaml")
OFFICE = Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml"


def test_solve_event_checks_what_the_solve_function_returns() -> None:
    def solve(problem: Problem, reference: Schedule | None, freeze: dt.date | None) -> Schedule:
        return greedy_schedule(problem)

    result = solve_event(PROBLEM, solve)
    assert result.report.violations == []
    assert (result.moves, result.kept) == ([], 0)


def test_solve_event_tidies_the_rooms_at_no_cost() -> None:
    """The best known office schedule holds 15 lectures in the computer lab, free of cost, and each
    class moves between the three classrooms: the use-case moves the lectures into the classrooms
    and gives each class its own, at the same cost."""
    problem = read_problem(OFFICE)
    best = read_schedule(OFFICE.parents[1] / "tests" / "data" / "office-schedule-60.json")

    def solve(problem: Problem, reference: Schedule | None, freeze: dt.date | None) -> Schedule:
        return best

    def rooms(schedule: Schedule) -> set[tuple[str, str]]:
        """(course, room) of every lecture of a class in a classroom or the lab."""
        return {
            (a.session.split("-")[0], a.room)
            for a in schedule.assignments
            if a.room.startswith(("room", "computer")) and len(a.groups) == 1
        }

    assert {course for course, room in rooms(best) if room == "computer-lab"} > {"info"}
    assert {room for course, room in rooms(best)} == {"computer-lab", "room-101", "room-102", "room-103"}
    result = solve_event(problem, solve)
    assert {course for course, room in rooms(result.schedule) if room == "computer-lab"} == {"info"}
    homes = {(a.groups[0], a.room) for a in result.schedule.assignments if a.room.startswith("room")}
    assert homes == {("c1", "room-101"), ("c2", "room-102"), ("c3", "room-103")}
    assert (result.report.violations, result.report.objective, result.schedule.objective) == ([], 60, 60)
    moved = {(a.session, a.occurrence) for a in set(result.schedule.assignments) - set(best.assignments)}
    assert result.tidied == len(moved) > 15  # the lab's 15 lectures and more


def test_solve_event_without_rooms_to_tidy_tells_of_none() -> None:
    problem = read_problem(OFFICE)
    best = read_schedule(OFFICE.parents[1] / "tests" / "data" / "office-schedule-60.json")
    tidy = solve_event(problem, lambda p, r, f: best).schedule
    assert solve_event(problem, lambda p, r, f: tidy).tidied == 0


def test_solve_event_repairs_a_plan_of_the_same_event_only() -> None:
    def solve(problem: Problem, reference: Schedule | None, freeze: dt.date | None) -> Schedule:
        raise AssertionError("never asked")

    other = greedy_schedule(PROBLEM).model_copy(update={"event": "another"})
    with pytest.raises(
        HuiwuError, match=f"the plan to keep: event: 'another' but the event file is '{PROBLEM.event.id}'"
    ):
        solve_event(PROBLEM, solve, other)
    same = greedy_schedule(PROBLEM)
    assert solve_event(PROBLEM, lambda p, r, f: same, same).kept == len(same.assignments)


@pytest.mark.parametrize(
    ("freeze", "frozen"),
    [(None, 0), (dt.date(2026, 3, 24), 2), (dt.datetime(2026, 3, 24, 10, 0), 3), (dt.date(2026, 3, 30), 5)],
)
def test_solve_event_counts_what_a_repair_kept_because_of_its_freeze(
    freeze: dt.date | None, frozen: int
) -> None:
    """The minimal plan: intro and logic#1 on Monday, logic#2 at 09:00 and lab at 11:00 on Tuesday,
    logic#3 on Wednesday."""
    same = greedy_schedule(PROBLEM)
    result = solve_event(PROBLEM, lambda p, r, f: same, same, freeze)
    assert (result.kept, result.frozen) == (5, frozen)


def test_compare_lists_a_moved_occurrence_and_counts_the_rest() -> None:
    old = greedy_schedule(PROBLEM)
    first = old.assignments[-1]
    later = first.model_copy(
        update={"start": first.start + dt.timedelta(days=1), "end": first.end + dt.timedelta(days=1)}
    )
    new = old.model_copy(update={"assignments": (*old.assignments[:-1], later)})
    moves, kept = compare(old, new)
    assert kept == len(old.assignments) - 1
    assert [(m.session, m.old_start, m.new_start) for m in moves] == [
        (first.session, first.start, later.start)
    ]


def test_compare_lists_an_occurrence_given_other_speakers_as_publishing_would() -> None:
    old = greedy_schedule(PROBLEM)
    first = next(a for a in old.assignments if a.speakers)
    others = tuple(k.id for k in PROBLEM.speakers if k.id not in first.speakers)[:1]
    taught = first.model_copy(update={"speakers": others})
    new = old.model_copy(update={"assignments": tuple(taught if a is first else a for a in old.assignments)})
    moves, kept = compare(old, new)
    assert kept == len(old.assignments) - 1
    assert [(m.session, m.old_speakers, m.new_speakers) for m in moves] == [
        (first.session, first.speakers, others)
    ]
    assert f"({', '.join(first.speakers)}) -> " in moves[0].describe()
    assert len(diff(align(None, old), new).items) == len(moves)  # the notices publishing would send
    assert compare(old, old) == ([], len(old.assignments))


def test_proven_bounds_serve_the_same_event_only() -> None:
    problem = read_problem(OFFICE)
    schedule = greedy_schedule(problem).model_copy(update={"bound": 54})
    bounds = ProvenBounds()
    assert bounds.of(problem) == 0
    bounds.learn(problem, schedule)
    bounds.learn(problem, schedule.model_copy(update={"bound": 11}))  # a weaker bound proves nothing new
    bounds.learn(problem, schedule.model_copy(update={"bound": None}))
    assert bounds.of(problem) == 54
    assert bounds.of(read_problem(OFFICE)) == 54  # the same content, read again
    weights = problem.rules.weights.model_copy(update={"isolated": 3})
    reweighted = problem.model_copy(update={"rules": problem.rules.model_copy(update={"weights": weights})})
    assert bounds.of(reweighted) == 0


def test_proven_bounds_outlive_the_process_in_the_store(tmp_path: Path) -> None:
    problem = read_problem(OFFICE)
    url = f"sqlite:///{tmp_path / 'huiwu.db'}"
    proven = greedy_schedule(problem).model_copy(update={"bound": 54})
    ProvenBounds(store=open_store(url)).learn(problem, proven)
    assert ProvenBounds(store=open_store(url)).of(problem) == 54  # a new app process, the same database
    assert ProvenBounds().of(problem) == 0


def test_proven_bounds_live_in_memory_when_the_database_fails(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    problem = read_problem(OFFICE)
    bounds = ProvenBounds(store=Store(create_engine(f"sqlite:///{tmp_path / 'empty.db'}")))  # no schema
    assert bounds.of(problem) == 0
    bounds.learn(problem, greedy_schedule(problem).model_copy(update={"bound": 54}))
    assert bounds.of(problem) == 54


def test_proven_bounds_keep_the_parts_of_an_event_by_their_keys(tmp_path: Path) -> None:
    """The parts' optima come back for the same event (by id), in this process and from the
    database; the bigger of two optima told for one key is kept; another event gets none."""
    problem = read_problem(OFFICE)
    url = f"sqlite:///{tmp_path / 'huiwu.db'}"
    bounds = ProvenBounds(store=open_store(url))
    bounds.learn_part(problem.event.id, "a" * 64, 7)
    bounds.learn_part(problem.event.id, "a" * 64, 6)
    bounds.learn_part(problem.event.id, "b" * 64, 4)
    assert bounds.parts_of(problem) == {"a" * 64: 7, "b" * 64: 4}
    assert ProvenBounds(store=open_store(url)).parts_of(problem) == {"a" * 64: 7, "b" * 64: 4}
    other = problem.model_copy(update={"event": problem.event.model_copy(update={"id": "other"})})
    assert ProvenBounds(store=open_store(url)).parts_of(other) == {}
    memory = ProvenBounds()
    memory.learn_part(problem.event.id, "c" * 64, 2)
    assert (memory.parts_of(problem), memory.parts_of(other)) == ({"c" * 64: 2}, {})


def test_proven_bounds_kept_in_a_folder_come_back(tmp_path: Path) -> None:
    """``huiwu solve``'s memory: the event's bound and its parts' optima, written and read back;
    a folder without the file, or with a file that is not ours, gives none."""
    from planner.usecases.solve import read_bounds, write_bounds

    problem = read_problem(OFFICE)
    assert (read_bounds(tmp_path).of(problem), read_bounds(tmp_path).parts_of(problem)) == (0, {})
    bounds = ProvenBounds()
    bounds.learn(problem, greedy_schedule(problem).model_copy(update={"bound": 54}))
    bounds.learn_part(problem.event.id, "a" * 64, 7)
    write_bounds(bounds, tmp_path / "out")
    again = read_bounds(tmp_path / "out")
    assert (again.of(problem), again.parts_of(problem)) == (54, {"a" * 64: 7})
    deep = "[" * 100_000 + "]" * 100_000  # Python's JSON reader gives up with a RecursionError
    for text in ("[]", '{"events": {"k": "many"}, "parts": {}}', '{"events": {}}', "\u00ff", deep):
        (tmp_path / "out" / "bounds.json").write_text(text, encoding="utf-8")
        assert read_bounds(tmp_path / "out").of(problem) == 0


def test_proven_bounds_serve_the_solver_version_that_proved_them() -> None:
    problem = read_problem(OFFICE)
    bounds = ProvenBounds()
    bounds.learn(problem, greedy_schedule(problem).model_copy(update={"bound": 54}), version="v1")
    assert (bounds.of(problem, "v1"), bounds.of(problem, "v2"), bounds.of(problem)) == (54, 0, 0)


def test_proven_bounds_merge_keeps_the_larger_of_each() -> None:
    """What a ``--fresh`` solve proved joins what its folder kept."""
    kept = ProvenBounds(found={"e1": 54, "e2": 10}, parts={"office": {"a": 7, "b": 4}})
    new = ProvenBounds(found={"e1": 50, "e3": 3}, parts={"office": {"a": 6, "c": 2}, "conf": {"d": 1}})
    kept.merge(new)
    assert kept.found == {"e1": 54, "e2": 10, "e3": 3}
    assert kept.parts == {"office": {"a": 7, "b": 4, "c": 2}, "conf": {"d": 1}}


@pytest.mark.parametrize(("stopped", "seconds"), [(True, 0.5), (False, 2.0)])
def test_solve_event_tidies_briefly_after_a_stop(
    monkeypatch: pytest.MonkeyPatch, stopped: bool, seconds: float
) -> None:
    """A solve the user stopped wants its schedule now: the rooms' tidy gets half a second, not 2."""
    import planner.usecases.solve as use_case
    from planner.domain.tidy_rooms import tidy_rooms as real

    problem = read_problem(OFFICE)
    best = read_schedule(OFFICE.parents[1] / "tests" / "data" / "office-schedule-60.json")
    given: list[float] = []

    def tidy(*args: object) -> tuple[Schedule, object]:
        given.append(args[-1])  # type: ignore[arg-type]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(use_case, "tidy_rooms", tidy)
    result = solve_event(problem, lambda p, r, f: best, stopped=lambda: stopped)
    assert given == [seconds]
    assert result.report.ok
