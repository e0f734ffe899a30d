"""The decomposition bound: independent parts, each solved alone, add up to a valid lower bound."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from ortools.sat.python import cp_model

from planner.domain.errors import InfeasibleProblem, InvalidEvent
from planner.io.files import problem_from_data, problem_to_data, read_problem, write_problem
from solver import SolveOptions, bound, solve
from solver.run import build_model, read_schedule
from tests.solver.events import event
from tests.solver.test_properties import events

SESSIONS: list[dict[str, Any]] = [
    {"id": "s1", "title": "S1", "speakers": ["ada"], "groups": ["g1"], "occurrences": 2},
    {"id": "s2", "title": "S2", "candidates": {"from": ["alan", "grace"], "pick": 1}, "groups": ["g1"]},
    {"id": "s3", "title": "S3", "speakers": ["grace"], "occurrences": 2},
    {"id": "s4", "title": "S4", "groups": ["g1"]},
]


def test_bound_clusters_link_sessions_through_given_and_candidate_speakers() -> None:
    found = [[s.id for s in cluster] for cluster in bound.clusters(event(SESSIONS))]
    assert found == [["s1"], ["s2", "s3"], ["s4"]]


def test_bound_clusters_keep_a_track_whole_but_not_a_course_of_groups() -> None:
    track = {"course": "Security", "attendance": 10}
    talks = [{"id": "s5", "title": "S5", **track}, {"id": "s6", "title": "S6", "speakers": ["ada"], **track}]
    found = [[s.id for s in cluster] for cluster in bound.clusters(event(SESSIONS + talks))]
    assert found == [["s1", "s5", "s6"], ["s2", "s3"], ["s4"]]
    classes = [{**talk, "groups": ["g1"]} for talk in talks]
    found = [[s.id for s in cluster] for cluster in bound.clusters(event(SESSIONS + classes))]
    assert found == [["s1", "s6"], ["s2", "s3"], ["s4"], ["s5"]]


def test_bound_parts_keep_the_group_rules_apart() -> None:
    problem = event(SESSIONS)
    found = bound.parts(problem)
    assert [[s.id for s in part.sessions] for part in found] == [
        ["s1"],
        ["s2", "s3"],
        ["s4"],
        ["s1", "s2", "s4"],
    ]
    *clusters, group = found
    weights = problem.rules.weights
    for part in clusters:
        expected = weights.model_copy(update={"isolated": 0, "group_balance": 0})
        assert part.rules.weights == expected
    only = {k for k, value in group.rules.weights.model_dump().items() if value}
    assert only == {"isolated", "group_balance"}
    assert [s.groups for s in group.sessions] == [("g1",), ("g1",), ("g1",)]


def test_bound_clusters_link_sessions_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """S3 after S1: one cluster with S2 (Grace), its order kept; apart when the cluster would grow
    beyond ``ORDERED_MOST`` sessions (and without the link: ``SESSIONS``, above)."""
    ordered = [*SESSIONS[:2], {**SESSIONS[2], "after": ["s1"]}, SESSIONS[3]]
    found = bound.parts(event(ordered))
    assert [[s.id for s in part.sessions] for part in found] == [
        ["s1", "s2", "s3"],
        ["s4"],
        ["s1", "s2", "s4"],
    ]
    assert [s.after for s in found[0].sessions] == [(), (), ("s1",)]
    monkeypatch.setattr(bound, "ORDERED_MOST", 2)
    found = bound.parts(event(ordered))
    assert [[s.id for s in part.sessions] for part in found] == [
        ["s1"],
        ["s2", "s3"],
        ["s4"],
        ["s1", "s2", "s4"],
    ]
    assert [s.after for s in found[1].sessions] == [(), ()]


def test_bound_parts_drop_after_links_to_other_parts() -> None:
    """A group's part holds its sessions only: S5 of Group 1 comes after S3, which it does not attend."""
    later = {"id": "s5", "title": "S5", "groups": ["g1"], "after": ["s3"]}
    group = bound.parts(event([*SESSIONS, later]))[-1]
    assert [(s.id, s.after) for s in group.sessions] == [("s1", ()), ("s2", ()), ("s4", ()), ("s5", ())]


def test_bound_parts_without_group_rules_are_only_clusters() -> None:
    problem = event(SESSIONS, rules={"weights": {"isolated": 0, "group_balance": 0}})
    assert len(bound.parts(problem)) == 3


def _unavoidable() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Two sessions of three lectures whose speakers come on two days only: each misses a day
    (min_days 5) and its speaker comes on a second day (speaker_days 1), whatever the other does."""
    away = [{"weekdays": ["wed", "thu", "fri"]}]
    return [
        {"id": "a", "title": "A", "speakers": ["ada"], "occurrences": 3},
        {"id": "b", "title": "B", "speakers": ["grace"], "occurrences": 3},
    ], away


def test_bound_equals_the_optimum_of_independent_parts() -> None:
    sessions, away = _unavoidable()
    speakers = [
        {"id": "ada", "name": "Ada", "unavailable": away},
        {"id": "grace", "name": "Grace", "unavailable": away},
    ]
    problem = event(sessions, speakers=speakers, groups=[])
    found = bound.decomposition_bound(problem, SolveOptions(workers=1), time.monotonic() + 20)
    schedule = solve(problem, SolveOptions(time_limit=10, workers=1))
    assert schedule.status == "optimal"
    assert found == schedule.objective == 12


def test_bound_of_an_event_in_one_part_is_zero() -> None:
    sessions, away = _unavoidable()
    problem = event(sessions[:1], speakers=[{"id": "ada", "name": "Ada", "unavailable": away}], groups=[])
    assert bound.decomposition_bound(problem, SolveOptions(workers=1), time.monotonic() + 20) == 0


def test_bound_floor_makes_a_schedule_at_it_optimal() -> None:
    v = build_model(event(SESSIONS))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.stop_after_first_solution = True
    assert solver.solve(v.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    cost = read_schedule(v, solver, False).objective
    v.floor = cost
    floored = read_schedule(v, solver, False)
    assert (floored.status, floored.bound) == ("optimal", cost)
    v.floor = cost + 5  # never shown above the cost
    assert read_schedule(v, solver, False).bound == cost


OFFICE = Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml"


def test_bound_a_floor_proven_before_is_shown_from_the_first_schedule() -> None:
    """A bound an earlier solve proved for the same event is shown at once, where a short solve
    proves less (55: the office sample's 公文处理规范 and 公文写作规范 pools solved together, their
    `after` links kept, cost one more than apart; bench/RESULTS.md, twenty-first session)."""
    office = read_problem(OFFICE)
    seen: list[int] = []
    floored = solve(office, SolveOptions(time_limit=3, floor=55, progress=lambda _s, _o, b: seen.append(b)))
    alone = solve(office, SolveOptions(time_limit=3))

    assert (floored.status, floored.bound) == ("feasible", 55)
    assert seen
    assert min(seen) == 55
    assert (alone.bound or 0) < 55 < alone.objective


def test_bound_a_schedule_at_the_floor_ends_the_search_as_optimal() -> None:
    problem = event(SESSIONS)
    cost = solve(problem, SolveOptions(time_limit=10, workers=1)).objective
    started = time.monotonic()
    floored = solve(problem, SolveOptions(time_limit=30, workers=1, floor=cost))
    assert (floored.status, floored.objective, floored.bound) == ("optimal", cost, cost)
    assert time.monotonic() - started < 10


def test_bound_planned_only_when_asked_and_time_allows() -> None:
    assert bound.planned(SolveOptions(time_limit=60))
    assert not bound.planned(SolveOptions(time_limit=60, decompose=False))
    assert not bound.planned(SolveOptions(time_limit=10))


def test_a_counted_event_leaves_a_minute_to_the_search() -> None:
    """Where counting bounds the event, the parts' timetables wait for a long limit."""
    assert not bound.planned(SolveOptions(time_limit=60), counted=True)
    assert bound.planned(SolveOptions(time_limit=bound.COUNTED_LIMIT), counted=True)
    assert not bound.planned(SolveOptions(time_limit=bound.COUNTED_LIMIT, decompose=False), counted=True)


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_bound_never_exceeds_the_cost_of_a_schedule(data: dict[str, Any]) -> None:
    try:
        problem = problem_from_data(data)
    except InvalidEvent:
        reject()
    try:
        schedule = solve(problem, SolveOptions(time_limit=5, workers=1, explain=False))
    except InfeasibleProblem:
        reject()
    found = bound.decomposition_bound(problem, SolveOptions(workers=1), time.monotonic() + 30)
    assert found <= schedule.objective
    started = bound.decomposition_bound(problem, SolveOptions(workers=1), time.monotonic() + 30, schedule)
    assert started <= schedule.objective  # each part hinted by the schedule: a start, never a claim


def test_bound_bench_prints_every_part_and_their_sum(tmp_path: Path) -> None:
    sessions, away = _unavoidable()
    speakers = [{"id": k, "name": k.title(), "unavailable": away} for k in ("ada", "grace")]
    path = tmp_path / "two.yaml"
    write_problem(event(sessions, speakers=speakers, groups=[]), path)
    bench = Path(__file__).resolve().parents[2] / "bench" / "parts.py"
    result = subprocess.run(
        [sys.executable, str(bench), str(path), "--seconds", "5", "--workers", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line for line in result.stdout.splitlines() if line.startswith("| speakers of")]
    assert [row.split(" | ")[2:5] for row in rows] == [["OPTIMAL", "6", "6"], ["OPTIMAL", "6", "6"]]
    assert [row.split(" | ")[6] for row in rows] == ["6 |", "6 |"]  # counted alone: each part exact
    sums = ["sum of the counted bounds: 12", "sum of the proven bounds: 12"]
    assert result.stdout.splitlines()[-2:] == sums


def test_bound_of_the_office_sample_adds_up_its_pools_and_classes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's 14 speaker clusters and 3 classes, each proven alone (``bench/parts.py`` prints
    them): pools 7 + 7 + 6 + 6 + 6 + 6 + 7, one-lecturer courses 4 + 2, self-study and ceremonies
    0, each class 1 (its group rules). CP-SAT's bound on the whole model stays near 16. Without
    the order of 公文写作规范 after 公文处理规范, which makes the two pools one part, proven in about
    a minute (13; counting by weeks proves it in a second or two, ``test_counting``)."""
    monkeypatch.setattr(bound, "PART_SECONDS", 60.0)  # every part to its proof, however loaded
    office = read_problem(Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml")
    problem = office.model_copy(
        update={"sessions": tuple(s.model_copy(update={"after": ()}) for s in office.sessions)}
    )
    found = bound.decomposition_bound(problem, SolveOptions(workers=2), time.monotonic() + 600)
    assert found == 7 + 7 + 6 + 6 + 6 + 6 + 7 + 4 + 2 + 3 * 1


def test_bound_parts_start_from_the_search_schedule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each part is hinted with the whole schedule restricted to it (every one of its occurrences),
    and proves the same bound as without."""
    from solver import greedy

    hinted: list[int] = []
    real = greedy.hint_greedy

    def spy(v: Any, placements: list[greedy.Placement], *rest: Any, **options: Any) -> None:
        hinted.append(len(placements))
        real(v, placements, *rest, **options)

    monkeypatch.setattr(bound, "hint_greedy", spy)
    sessions, away = _unavoidable()
    speakers = [{"id": k, "name": k.title(), "unavailable": away} for k in ("ada", "grace")]
    problem = event(sessions, speakers=speakers, groups=[])
    schedule = solve(problem, SolveOptions(time_limit=5, workers=1, explain=False, decompose=False))
    found = bound.decomposition_bound(problem, SolveOptions(workers=1), time.monotonic() + 30, schedule)
    assert found == bound.decomposition_bound(problem, SolveOptions(workers=1), time.monotonic() + 30) == 12
    assert hinted == [sum(s.occurrences for s in part.sessions) for part in bound.parts(problem)]


def test_bound_skips_a_part_too_large_for_every_room(monkeypatch: pytest.MonkeyPatch) -> None:
    """A part above the room-variable limit would keep only some rooms (a restriction, whose optimum
    may exceed the part's): it counts 0 instead, and the bound stays valid."""
    sessions, away = _unavoidable()
    speakers = [{"id": k, "name": k.title(), "unavailable": away} for k in ("ada", "grace")]
    problem = event(sessions, speakers=speakers, groups=[])
    part = bound.parts(problem)[0]
    assert bound.part_bound(part, SolveOptions(workers=1), 10) == (6, True)
    monkeypatch.setattr("solver.run.ROOM_VARIABLES", 1)
    assert bound.part_bound(part, SolveOptions(workers=1), 10) == (0, False)


def test_bound_stops_with_the_search() -> None:
    sessions, away = _unavoidable()
    speakers = [{"id": k, "name": k.title(), "unavailable": away} for k in ("ada", "grace")]
    problem = event(sessions, speakers=speakers, groups=[])
    stop = threading.Event()
    stop.set()
    began = time.monotonic()
    found = bound.decomposition_bound(problem, SolveOptions(workers=1, stop_event=stop), began + 60)
    assert (found, time.monotonic() - began < 1) == (0, True)


def _two_parts(**ada: Any) -> Any:
    """The two one-lecturer parts of ``_unavoidable`` (6 each), Ada's record changed by ``ada``."""
    sessions, away = _unavoidable()
    speakers = [{"id": "ada", "name": "Ada", "unavailable": away, **ada}]
    speakers.append({"id": "grace", "name": "Grace", "unavailable": away})
    return event(sessions, speakers=speakers, groups=[])


def test_bound_parts_proven_before_are_not_solved_again(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = _two_parts()
    learned: dict[str, int] = {}
    options = SolveOptions(workers=1, part_proven=learned.__setitem__)
    assert bound.decomposition_bound(problem, options, time.monotonic() + 30) == 12
    assert sorted(learned.values()) == [6, 6]

    solved: list[str] = []
    real = bound.part_bound

    def spy(part: Any, *rest: Any) -> tuple[int, bool]:
        solved.append(part.sessions[0].id)
        return real(part, *rest)

    monkeypatch.setattr(bound, "part_bound", spy)
    again = bound.decomposition_bound(problem, SolveOptions(workers=1, parts=learned), time.monotonic() + 30)
    assert (again, solved) == (12, [])
    edited = _two_parts(unavailable=[{"weekdays": ["mon", "wed", "thu", "fri"]}])  # Ada on Tuesdays only
    key = {bound.part_key(part): part.sessions[0].id for part in bound.parts(edited)}
    assert [key.get(k) for k in learned] == [None, "b"]  # Ada's part is another problem now
    bound.decomposition_bound(edited, SolveOptions(workers=1, parts=learned), time.monotonic() + 30)
    assert solved == ["a"]


def test_bound_part_keys_ignore_what_a_part_does_not_read() -> None:
    """Another speaker, or a member's leave in a class: the parts' keys stay (the solver reads
    neither there); the class's size is read, and changes the keys of the parts it attends."""
    problem = event(SESSIONS)
    keys = [bound.part_key(part) for part in bound.parts(problem)]
    data = problem_to_data(problem)
    data["speakers"].append({"id": "zoe", "name": "Zoe"})
    data["groups"][0]["members"] = [{"name": "Li", "leave": ["2026-03-24"]}]
    assert [bound.part_key(part) for part in bound.parts(problem_from_data(data))] == keys
    data["groups"][0]["size"] += 1
    changed = [bound.part_key(part) for part in bound.parts(problem_from_data(data))]
    assert [a == b for a, b in zip(changed, keys, strict=True)] == [False, False, False, False]


def test_bound_parts_proven_before_are_the_floor_of_a_short_solve() -> None:
    """At 2 s no part is solved (they wait for 20 s), yet the optima kept from an earlier solve
    prove the schedule optimal; after an edit of Ada, Grace's part alone still counts."""
    problem = _two_parts()
    learned: dict[str, int] = {}
    bound.decomposition_bound(
        problem, SolveOptions(workers=1, part_proven=learned.__setitem__), time.monotonic() + 30
    )
    assert bound.known_bound(problem, learned) == 12
    short = solve(problem, SolveOptions(time_limit=2, workers=1, parts=learned))
    assert (short.status, short.objective, short.bound) == ("optimal", 12, 12)
    edited = _two_parts(name="Ada Lovelace")  # a name is part of the part: its key changes
    assert bound.known_bound(edited, learned) == 6
    assert bound.known_bound(problem, {}) == 0


def test_bound_part_keys_belong_to_the_model_that_proved_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed solver source is another model version, and a part's key changes with the
    version: an optimum kept by an older solver is never taken for a newer one's."""
    sources = Path(bound.__file__).parent
    for path in sources.glob("*.py"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert bound.model_version(tmp_path) == bound.model_version(sources) == bound.MODEL_VERSION
    with (tmp_path / "soft.py").open("a", encoding="utf-8") as changed:
        changed.write("\n# isolated now counts twice\n")
    assert bound.model_version(tmp_path) != bound.MODEL_VERSION
    part = bound.parts(read_problem(OFFICE))[2]
    key = bound.part_key(part)
    assert bound.part_key(part) == key
    monkeypatch.setattr(bound, "MODEL_VERSION", bound.model_version(tmp_path))
    assert bound.part_key(part) != key
