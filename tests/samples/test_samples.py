"""The sample events in ``samples/``: they load, validate, keep their promises and fit their calendars.

Solving them is the solver's tests' business; here the counting checks of
``planner.generate.load`` show each is plausibly feasible with slack, and a
greedy pass (speaker limits and weekly patterns lifted, the counting checks
cover those) gives a schedule that the oracle finds no broken hard rule in.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from planner.domain.calendar import Grid
from planner.domain.model import Kind, Limits, Problem
from planner.domain.oracle import check_schedule
from planner.domain.validation import check_problem
from planner.generate import load_warnings
from planner.io.files import read_problem
from tests.factories import greedy_schedule

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
COURSES = (
    "办公室工作基本方法原则",
    "调查研究",
    "会务管理",
    "信息处理",
    "综合协调",
    "公文处理规范",
    "公务礼仪",
    "公文写作规范",
)


@pytest.fixture(scope="module")
def office() -> Problem:
    return read_problem(SAMPLES / "office-training-2026.yaml")


@pytest.fixture(scope="module")
def conference() -> Problem:
    return read_problem(SAMPLES / "tech-conference.yaml")


def occurrences(problem: Problem) -> int:
    return sum(s.occurrences for s in problem.sessions)


def relaxed(problem: Problem) -> Problem:
    """The event without speaker limits and weekly patterns, which the greedy pass does not keep."""
    speakers = tuple(s.model_copy(update={"limits": Limits()}) for s in problem.speakers)
    sessions = tuple(s.model_copy(update={"weekly": False}) for s in problem.sessions)
    return problem.model_copy(update={"speakers": speakers, "sessions": sessions})


def test_samples_both_present() -> None:
    assert [p.name for p in SAMPLE_FILES] == ["office-training-2026.yaml", "tech-conference.yaml"]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_samples_file_validates(path: Path) -> None:
    problem = read_problem(path)
    assert check_problem(problem) == []


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_samples_file_fits_its_calendar_with_slack(path: Path) -> None:
    problem = read_problem(path)
    assert load_warnings(problem) == []
    assert load_warnings(problem, share=0.8) == []


def test_samples_office_calendar(office: Problem) -> None:
    event, grid = office.event, Grid(office.event)
    assert (event.language, event.timezone, event.venue) == ("zh", "Asia/Shanghai", "市行政学院")
    assert event.hosts == ("市委办公室", "市政府办公室", "市行政学院")
    assert (event.start, event.end, event.holidays) == (
        dt.date(2026, 5, 11),
        dt.date(2026, 6, 26),
        (dt.date(2026, 6, 19),),
    )
    assert (grid.days[0], grid.days[-1], grid.n_days, grid.n_weeks, grid.n_periods) == (
        dt.date(2026, 5, 11),
        dt.date(2026, 6, 26),
        34,
        7,
        4,
    )
    assert dt.date(2026, 6, 19) not in grid.days


def test_samples_office_classes_and_committees(office: Problem) -> None:
    assert [g.name for g in office.groups] == ["一班", "二班", "三班"]
    for group in office.groups:
        roles = [m.role for m in group.members if m.role is not None]
        assert 45 <= group.size <= 55
        assert len(group.members) == group.size
        assert {"班长", "副班长", "学习委员", "组织委员", "生活委员"} <= set(roles)
        assert all(m.unit for m in group.members)
    names = [m.name for g in office.groups for m in g.members]
    assert len(names) == len(set(names)) == 150


def test_samples_office_rooms(office: Problem) -> None:
    largest_class = max(g.size for g in office.groups)
    by_feature = {f: [r for r in office.rooms if f in r.features] for f in ("投影仪", "圆桌", "计算机")}
    assert office.room("hall").capacity == 300
    assert office.room("hall").name == "大礼堂"
    assert len([r for r in office.rooms if r.id.startswith("room-")]) == 3
    assert [r.capacity >= largest_class for r in by_feature["圆桌"]] == [True, True]
    assert [r.capacity >= largest_class for r in by_feature["计算机"]] == [True]


def test_samples_office_every_class_attends_every_course(office: Problem) -> None:
    attended = {(s.course, g) for s in office.sessions for g in s.groups}
    assert {(c, g.id) for c in COURSES for g in office.groups} <= attended
    assert {s.course for s in office.sessions if s.kind == Kind.LECTURE} == set(COURSES)
    assert {s.kind for s in office.sessions} == {
        Kind.LECTURE,
        Kind.SELF_STUDY,
        Kind.DISCUSSION,
        Kind.CEREMONY,
    }
    assert 100 <= occurrences(office) <= 200
    assert occurrences(office) == 104


def test_samples_office_rooms_needed_by_kind(office: Problem) -> None:
    assert {s.features for s in office.sessions if s.course == "信息处理"} == {("计算机",)}
    assert {s.features for s in office.sessions if s.kind == Kind.DISCUSSION} == {("圆桌",)}


def test_samples_office_opening_and_closing(office: Problem) -> None:
    everyone = tuple(g.id for g in office.groups)
    opening, closing = office.session("opening"), office.session("closing")
    assert (opening.title, opening.groups, opening.exclusive) == ("开班仪式", everyone, True)
    assert [(p.date, p.period, p.room) for p in opening.pinned] == [(dt.date(2026, 5, 11), "am1", "hall")]
    assert (closing.title, closing.groups) == ("结业总结", everyone)
    assert [p.date for p in closing.pinned] == [dt.date(2026, 6, 26)]


def test_samples_office_rules_of_the_course(office: Problem) -> None:
    weekly = [s.id for s in office.sessions if s.weekly]
    assert weekly == ["etiquette-c1", "etiquette-c2", "etiquette-c3"]
    assert [office.session(f"writing-{g.id}").after for g in office.groups] == [
        ("docs-c1",),
        ("docs-c2",),
        ("docs-c3",),
    ]
    pools = Counter(len(s.candidates.from_) for s in office.sessions if s.candidates is not None)
    assert pools == Counter({2: 18, 3: 3})


def test_samples_office_lecturers_have_day_jobs(office: Problem) -> None:
    lecturers = {
        s
        for session in office.sessions
        for s in (*session.speakers, *(session.candidates.from_ if session.candidates else ()))
    }
    recurring = [
        s.id for s in office.speakers if any(r.weekdays or r.weeks or r.periods for r in s.unavailable)
    ]
    assert len(lecturers) == len(office.speakers) == 19
    assert len(recurring) >= 12
    assert any(s.preferred for s in office.speakers)
    assert all(s.limits.per_day == 2 for s in office.speakers if s.id in recurring)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_samples_file_greedy_schedule_keeps_hard_rules(path: Path) -> None:
    problem = relaxed(read_problem(path))
    schedule = greedy_schedule(problem)
    assert len(schedule.assignments) == occurrences(problem)
    assert check_schedule(problem, schedule).violations == []


def test_samples_conference_calendar(conference: Problem) -> None:
    grid = Grid(conference.event)
    assert (conference.event.language, conference.event.timezone) == ("en", "Europe/Berlin")
    assert (grid.n_days, grid.n_periods) == (3, 11)


def test_samples_conference_rooms(conference: Problem) -> None:
    capacities = sorted((r.capacity for r in conference.rooms), reverse=True)
    assert len(conference.rooms) == 6
    assert len(set(capacities)) == 6
    assert conference.room("main-hall").capacity == capacities[0]
    assert len([r for r in conference.rooms if "tables" in r.features]) == 2


def test_samples_conference_talks_tracks_and_speakers(conference: Problem) -> None:
    talks = [s for s in conference.sessions if s.course != "Keynotes"]  # 23 talks and a workshop per track
    tracks = Counter(s.course for s in talks)
    talks_per_speaker = Counter(x for s in conference.sessions for x in s.speakers)
    one_day = [
        s for s in conference.speakers if len(s.unavailable) == 2 and all(r.date for r in s.unavailable)
    ]
    assert (len(talks), len(tracks), len(conference.speakers)) == (120, 5, 100)
    assert set(tracks.values()) == {24}
    assert len([n for n in talks_per_speaker.values() if n >= 2]) >= 10
    assert len(one_day) >= 10
    assert conference.groups == ()


def test_samples_conference_workshops_need_tables(conference: Problem) -> None:
    workshops = [s for s in conference.sessions if s.kind == Kind.WORKSHOP]
    assert len(workshops) == 5
    assert {(s.length, s.features) for s in workshops} == {(2, ("tables",))}


def test_samples_conference_keynotes_exclusive_in_main_hall(conference: Problem) -> None:
    keynotes = [s for s in conference.sessions if s.course == "Keynotes"]
    assert len(keynotes) == 4
    assert all(s.exclusive for s in keynotes)
    assert {p.room for s in keynotes for p in s.pinned} == {"main-hall"}
    assert [s.id for s in conference.sessions if s.exclusive] == [s.id for s in keynotes]


def test_samples_conference_file_is_what_its_script_writes() -> None:
    script = load_script(SAMPLES / "make_tech_conference.py")
    assert script.render(script.build()) == (SAMPLES / "tech-conference.yaml").read_text(encoding="utf-8")


def load_script(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_tech_conference", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
