"""A group's weekly timetable: one landscape page per week it has sessions."""

from __future__ import annotations

import pytest

from planner.domain.errors import ExportError
from planner.domain.model import Problem
from planner.exports.layout import build_layout
from planner.exports.pdf import group_timetable
from planner.exports.pdf.document import make_context
from planner.exports.pdf.group import SIZES, timetable_size
from tests.exports.pdf_tools import GENERATED_AT, OFFICE, fonts, info, layout_text, load, page_texts, squeezed
from tests.factories import chinese_problem, dense_week_problem, greedy_schedule
from tests.golden import assert_golden


def test_group_timetable_one_landscape_page_per_week_with_sessions() -> None:
    problem = load(OFFICE)
    schedule = greedy_schedule(problem)
    weeks = [w for w in build_layout(problem, schedule).for_group("c1").weeks() if w.entries]

    pdf = group_timetable(problem, schedule, "c1", generated_at=GENERATED_AT)

    assert (int(info(pdf)["Pages"]), info(pdf)["Page size"]) == (len(weeks), "841.89 x 595.276 pts (A4)")
    assert [f["emb"] for f in fonts(pdf)] == ["yes"]


def test_group_timetable_lists_every_session_of_the_group() -> None:
    problem = load(OFFICE)
    schedule = greedy_schedule(problem)

    found = squeezed("".join(page_texts(group_timetable(problem, schedule, "c2", generated_at=GENERATED_AT))))

    titles = {a.title for a in schedule.assignments if "c2" in a.groups}
    assert sorted(t for t in titles if squeezed(t) not in found) == []


def test_group_timetable_week_of_twenty_sessions_stays_on_one_page() -> None:
    problem = dense_week_problem()

    pdf = group_timetable(problem, greedy_schedule(problem), "c1", generated_at=GENERATED_AT)

    assert int(info(pdf)["Pages"]) == 1


def test_group_timetable_chinese_matches_golden_text() -> None:
    problem = chinese_problem()

    pdf = group_timetable(problem, greedy_schedule(problem), "c1", generated_at=GENERATED_AT)

    assert_golden("pdf/group-zh-c1.txt", layout_text(pdf))


def test_group_timetable_two_period_session_shown_once() -> None:
    problem = chinese_problem()

    page = squeezed(
        page_texts(group_timetable(problem, greedy_schedule(problem), "c1", generated_at=GENERATED_AT))[0]
    )

    assert page.count(squeezed("以近年来全市机关公文质量检查为例")) == 1


def test_group_timetable_unknown_group_raises_export_error() -> None:
    problem = chinese_problem()

    with pytest.raises(ExportError) as error:
        group_timetable(problem, greedy_schedule(problem), "c9", generated_at=GENERATED_AT)

    assert str(error.value) == "groups: event 'peixun' has no group 'c9'"


def _size(problem: Problem, group_id: str) -> float:
    context = make_context(problem, greedy_schedule(problem), generated_at=GENERATED_AT)
    weeks = [w for w in context.layout_of("groups", group_id).weeks() if w.entries]
    return timetable_size(context, problem.group(group_id).name, weeks)


def test_group_timetable_takes_the_largest_type_that_every_week_fits() -> None:
    """A timetable to pin on the wall fills its page: the office classes' weeks (a few sessions a
    day) in larger type than the smallest; one week of lectures with titles four times as long in
    the smallest (and shrunk to the page)."""
    assert _size(load(OFFICE), "c1") > SIZES[-1]
    dense = dense_week_problem()
    wordy = [s.model_copy(update={"title": s.title * 4}) for s in dense.sessions]
    assert _size(dense.model_copy(update={"sessions": wordy}), "c1") == SIZES[-1]
