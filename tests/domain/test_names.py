"""Courses and lectures named the same on every page and notice (``planner.domain.names``)."""

from __future__ import annotations

from pathlib import Path

from planner.domain.names import Names
from planner.domain.schedule import Assignment
from planner.io.files import read_problem
from tests.factories import greedy_schedule

OFFICE = Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml"


def test_a_lecture_of_one_class_names_the_class_and_its_number() -> None:
    problem = read_problem(OFFICE)

    assert Names(problem, "zh").lecture("methods-c2", 2) == "办公室工作基本方法原则（二班）第2讲"
    assert Names(problem, "en").lecture("methods-c2", 2) == "办公室工作基本方法原则 (二班) #2"


def test_in_chinese_only_a_lecture_counts_jiang() -> None:
    problem = read_problem(OFFICE)

    assert Names(problem, "zh").lecture("study-c1", 2) == "自学（一班）第2次"
    assert Names(problem, "zh").lecture("exchange-c3", 4) == "分组交流（三班）第4次"
    assert Names(problem, "en").lecture("study-c1", 2) == "自学 (一班) #2"


def test_a_session_all_classes_attend_or_held_once_has_no_class_and_no_number() -> None:
    problem = read_problem(OFFICE)
    names = Names(problem)

    assert names.course("closing") == "结业总结"  # all three classes attend
    assert names.lecture("closing", 1) == "结业总结"  # held once
    assert names.lecture("closing", 2) == "结业总结第2次"  # a number the event does not expect is kept


def test_a_cancelled_lecture_is_named_from_its_assignment() -> None:
    problem = read_problem(OFFICE)
    gone = next(a for a in greedy_schedule(problem).assignments if a.session == "research-c3")
    kept = tuple(s for s in problem.sessions if s.id != "research-c3")
    without = problem.model_copy(update={"sessions": kept})

    assert Names(without).of(gone) == f"调查研究（三班）第{gone.occurrence}讲"
    assert Names(without).of(Assignment.model_validate({**gone.model_dump(), "groups": ()})) == (
        f"调查研究第{gone.occurrence}讲"
    )
