"""Reading ITC-2007 ``.ctt`` instances into events and ``.sol`` solutions in and out."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain import Grid, HuiwuError, InvalidEvent, InvalidSchedule, Rule
from planner.domain.validation import check_problem
from planner.io.ctt import (
    UD2_WEIGHTS,
    format_solution,
    lectures_from_schedule,
    parse_ctt,
    parse_solution,
    read_ctt,
    read_solution,
    schedule_from_lectures,
    to_problem,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "ctt"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "itc2007-ctt"
COMPS = sorted(SHARED.glob("comp*.ctt")) if SHARED.exists() else []


def test_read_ctt_four_courses_rooms_curricula() -> None:
    ctt = read_ctt(DATA / "four.ctt")
    assert [c.id for c in ctt.courses] == ["c1", "c2", "c3", "c4"]
    assert ctt.rooms == {"rA": 10, "rB": 10, "rC": 10}
    assert [(q.id, q.courses) for q in ctt.curricula] == [("q1", ("c1", "c2")), ("q2", ("c3",))]
    assert ctt.unavailable == frozenset({("c3", 1, 0)})


def test_to_problem_maps_course_to_session() -> None:
    problem = to_problem(read_ctt(DATA / "four.ctt"))
    c3 = problem.session("c3")
    assert (c3.occurrences, c3.min_days, c3.attendance) == (1, 1, 11)
    assert (c3.speakers, c3.groups) == (("t3",), ("q2",))
    assert c3.unavailable == (Rule(date=dt.date(2007, 1, 2), periods=("p0",)),)
    assert [r.id for r in problem.rooms] == ["rA", "rB", "rC"]
    assert problem.rules.weights == UD2_WEIGHTS
    assert problem.rules.capacity == "soft"


def test_to_problem_six_days_uses_every_weekday() -> None:
    text = (DATA / "four.ctt").read_text().replace("Days: 2", "Days: 6")
    grid = Grid(to_problem(parse_ctt(text)).event)
    assert grid.days == tuple(dt.date(2007, 1, 1) + dt.timedelta(days=d) for d in range(6))
    assert grid.period_ids == ("p0", "p1")


@pytest.mark.parametrize("path", COMPS, ids=lambda p: p.stem)
def test_to_problem_competition_instance_is_valid(path: Path) -> None:
    ctt = read_ctt(path)
    problem = to_problem(ctt)
    assert check_problem(problem) == []
    assert sum(s.occurrences for s in problem.sessions) == sum(c.lectures for c in ctt.courses)


def test_parse_ctt_missing_header_names_it() -> None:
    with pytest.raises(InvalidEvent) as error:
        parse_ctt("Name: x\nCourses: 0\n\nEND.\n")
    assert error.value.problems == ("header: missing Rooms, Days, Periods_per_day, Curricula, Constraints",)


def test_parse_ctt_bad_number_names_the_line() -> None:
    text = (DATA / "four.ctt").read_text().replace("c2 t2 2 1 10", "c2 t2 two 1 10")
    with pytest.raises(InvalidEvent) as error:
        parse_ctt(text)
    assert error.value.problems == ("line 11: expected whole numbers, got 'two 1 10'",)


def test_parse_ctt_without_end_is_refused_as_cut_short() -> None:
    text = (DATA / "four.ctt").read_text()
    with pytest.raises(InvalidEvent) as error:
        parse_ctt(text[: text.index("END.")])
    assert error.value.problems == ("the file ends without its closing END. line: is it complete?",)


def test_parse_ctt_constraints_counted_against_the_header() -> None:
    text = (DATA / "four.ctt").read_text().replace("Constraints: 1", "Constraints: 2")
    with pytest.raises(InvalidEvent) as error:
        parse_ctt(text)
    assert error.value.problems == ("header: Constraints says 2 but the file lists 1",)


def test_parse_ctt_curriculum_count_against_its_courses() -> None:
    text = (DATA / "four.ctt").read_text().replace("q1 2 c1 c2", "q1 3 c1 c2")
    with pytest.raises(InvalidEvent) as error:
        parse_ctt(text)
    assert error.value.problems == ("line 21: curriculum q1 says 3 courses but lists 2",)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("rB 10", "rB 999999", "room rB: capacity: must be at most 100000 (got 999999)"),
        ("c1 t1 2 2 10", "c1 t1 2 2 999999", "course c1: attendance: must be at most 100000 (got 999999)"),
        ("c1 t1 2 2 10", "c1 t1 5 2 10", "course c1: 5 lectures but the calendar holds only 4 periods"),
        ("c1 t1 2 2 10", "c1 t1 -2 2 10", "line 10: expected whole numbers, got '-2 2 10'"),
        ("Days: 2", "Days: -3", "header: Days should be a whole number, got '-3'"),
        (
            "Days: 2",
            "Days: 999999999999",
            "header: Days must be at most 3660 and Periods_per_day at most 1439 (periods of a minute)",
        ),
    ],
)
def test_numbers_out_of_range_name_the_item_and_field(old: str, new: str, problem: str) -> None:
    text = (DATA / "four.ctt").read_text().replace(old, new)
    with pytest.raises(InvalidEvent) as error:
        to_problem(parse_ctt(text))
    assert error.value.problems == (problem,)


WORDS = st.sampled_from(["-1", "0", "7", "999999999999", "x", "END.", "COURSES:", "c1", "٣"])


@settings(max_examples=400, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, 26), st.integers(0, 4), WORDS), min_size=1, max_size=3))
def test_any_edit_of_an_instance_reads_or_is_refused_clearly(edits: list[tuple[int, int, str]]) -> None:
    """A word of the file replaced by another, anywhere: it reads, or ``InvalidEvent`` says why."""
    lines = [line.split() for line in (DATA / "four.ctt").read_text().splitlines()]
    for number, position, word in edits:
        words = lines[number] or [""]
        words[min(position, len(words) - 1)] = word
        lines[number] = words
    with contextlib.suppress(HuiwuError):
        to_problem(parse_ctt("\n".join(" ".join(words) for words in lines)))


def test_parse_ctt_unknown_course_in_curriculum() -> None:
    text = (DATA / "four.ctt").read_text().replace("q2 1 c3", "q2 1 c9")
    with pytest.raises(InvalidEvent) as error:
        parse_ctt(text)
    assert error.value.problems == ("curriculum q2: no course 'c9'",)


def test_solution_round_trip_through_schedule() -> None:
    ctt = read_ctt(DATA / "four.ctt")
    problem = to_problem(ctt)
    lectures = read_solution(DATA / "four.sol", ctt)
    schedule = schedule_from_lectures(problem, lectures)
    assert format_solution(lectures_from_schedule(problem, schedule)) == (DATA / "four.sol").read_text()
    second = schedule.by_key()[("c1", 2)]
    assert (second.start, second.room) == (dt.datetime(2007, 1, 2, 8, 0, tzinfo=dt.UTC), "rB")


def test_parse_solution_unknown_room_names_the_line() -> None:
    ctt = read_ctt(DATA / "four.ctt")
    with pytest.raises(InvalidSchedule) as error:
        parse_solution("c1 rA 0 0\nc1 rZ 1 0\n", ctt)
    assert str(error.value) == "line 2: no room 'rZ'"


def test_parse_solution_period_out_of_range() -> None:
    ctt = read_ctt(DATA / "four.ctt")
    with pytest.raises(InvalidSchedule) as error:
        parse_solution("c1 rA 2 0\n", ctt)
    assert str(error.value) == "line 1: no period (day 2, period 0)"
