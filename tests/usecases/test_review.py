"""Publishing what the user reviewed, the outputs as one archive, the subscribe links."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from planner.domain.errors import ConflictError, InvalidSchedule
from planner.domain.messages import in_chinese
from planner.domain.model import Problem
from planner.domain.schedule import Schedule, align
from planner.storage import Store, open_store
from planner.usecases.review import feed_links, pending_changes, publish_reviewed, zip_files

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal.yaml"
NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'huiwu.db'}")


def test_review_publishes_exactly_the_reviewed_schedule(
    store: Store, problem: Problem, schedule: Schedule
) -> None:
    revision = store.save_draft(problem, base=None, by="tab", now=NOW)
    published = publish_reviewed(store, problem, schedule, revision=revision, by="tab", now=NOW, note="v1")
    assert published.version.number == 1
    assert published.version.schedule.assignments == align(None, schedule).assignments
    assert pending_changes(store, problem, schedule)[1].items == ()


def test_review_refuses_schedule_breaking_hard_rules(
    store: Store, problem: Problem, schedule: Schedule
) -> None:
    intro = schedule.by_key()[("intro", 1)]
    logic = schedule.by_key()[("logic", 1)].model_copy(update={"start": intro.start, "end": intro.end})
    broken = schedule.model_copy(
        update={"assignments": (*schedule.assignments[:1], logic, *schedule.assignments[2:])}
    )
    with pytest.raises(InvalidSchedule, match="the schedule breaks hard rules"):
        publish_reviewed(store, problem, broken, revision=None, by="tab", now=NOW)
    assert store.latest("mini") is None


def test_review_refuses_when_draft_moved_on(store: Store, problem: Problem, schedule: Schedule) -> None:
    first = store.save_draft(problem, base=None, by="tab 1", now=NOW)
    changed = problem.model_copy(update={"rules": problem.rules.model_copy(update={"travel_minutes": 30})})
    store.save_draft(changed, base=first, by="tab 2", now=NOW)
    with pytest.raises(ConflictError, match="not the revision 1 you reviewed") as error:
        publish_reviewed(store, problem, schedule, revision=first, by="tab 1", now=NOW)
    assert in_chinese(str(error.value)).startswith("活动 'mini'：草稿已是第 2 版（tab 2于 ")
    assert in_chinese(str(error.value)).endswith(
        "不是您检查过的第 1 版。这次没有发布：请重新载入，检查日程后再发布。"
    )


def test_review_zip_is_repeatable() -> None:
    files = {"pdf/a.pdf": b"%PDF-1", "ics/event.ics": b"BEGIN:VCALENDAR"}
    archive = zip_files(files, "mini-v1")
    assert archive == zip_files(files, "mini-v1")
    assert zipfile.ZipFile(io.BytesIO(archive)).namelist() == ["mini-v1/ics/event.ics", "mini-v1/pdf/a.pdf"]


def test_review_feed_links_for_every_calendar(store: Store, problem: Problem, schedule: Schedule) -> None:
    publish_reviewed(store, problem, schedule, revision=None, by="tab", now=NOW)
    links = feed_links(store, problem, NOW)
    assert [(f.kind, f.name) for f in links] == [
        ("event", "Mini workshop"),
        ("speaker", "Ada Lovelace"),
        ("speaker", "Alan Turing"),
        ("room", "Room A"),
        ("room", "Room B"),
        ("group", "Group 1"),
    ]
    assert feed_links(store, problem, NOW) == links
