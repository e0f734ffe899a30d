"""The working schedule of a draft: checked against the event, reopened, or dropped with the reasons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.domain.model import Problem
from planner.io.files import problem_from_data, problem_to_data, read_problem
from planner.storage import Store, open_store
from planner.usecases.review import publish_reviewed
from planner.usecases.working import misfits, open_plan, save_working
from tests.factories import greedy_schedule

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal.yaml"
NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'huiwu.db'}")


def minimal() -> Problem:
    return read_problem(MINIMAL)


def without_lab(problem: Problem) -> Problem:
    data = problem_to_data(problem)
    data["sessions"] = [s for s in data["sessions"] if s["id"] != "lab"]
    return problem_from_data(data)


def test_misfits_empty_for_its_own_event() -> None:
    assert misfits(minimal(), greedy_schedule(minimal())) == []


def test_misfits_names_removed_sessions_and_rooms() -> None:
    schedule = greedy_schedule(minimal())
    data = problem_to_data(without_lab(minimal()))
    used = schedule.by_key()[("logic", 1)].room
    for room in data["rooms"]:
        if room["id"] == used:
            room["id"] = "renamed"
    smaller = problem_from_data(data)

    reasons = misfits(smaller, schedule)

    assert reasons[0] == "lab#1: no longer in the event"
    assert f"logic#1: room '{used}' no longer exists" in reasons


def test_open_plan_prefers_the_working_schedule(store: Store) -> None:
    problem = minimal()
    revision = store.save_draft(problem, base=None, by="lin", now=NOW)
    published = publish_reviewed(
        store, problem, greedy_schedule(problem), revision=revision, by="lin", now=NOW
    )
    working = greedy_schedule(problem).model_copy(update={"status": "manual"})
    save_working(store, problem, working, revision=revision, by="lin", now=NOW)

    opened = open_plan(store, "mini")

    assert (opened.schedule, opened.working, opened.dropped) == (working, True, [])
    assert published.version.schedule != working


def test_open_plan_drops_a_working_schedule_that_no_longer_fits(store: Store) -> None:
    first = store.save_draft(minimal(), base=None, by="lin", now=NOW)
    second = save_working(store, minimal(), greedy_schedule(minimal()), revision=first, by="lin", now=NOW)
    store.save_draft(
        without_lab(minimal()), base=second, by="wang", now=NOW, schedule=greedy_schedule(minimal())
    )

    opened = open_plan(store, "mini")

    assert (opened.schedule, opened.working, opened.dropped) == (
        None,
        False,
        ["lab#1: no longer in the event"],
    )
    assert opened.draft.revision == 3
