"""The context every printed document shares: per-item layouts, sized styles, things made once."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest
from reportlab.platypus import Spacer

from planner.domain.model import Problem
from planner.exports.pdf.document import Context, frame_size, make_context
from planner.exports.pdf.overview import SIZES, grid_size, week_grid
from tests.exports.pdf_tools import CONFERENCE, GENERATED_AT, OFFICE, load
from tests.factories import dense_week_problem, greedy_schedule


def _context(problem: Problem) -> Context:
    return make_context(problem, greedy_schedule(problem), generated_at=GENERATED_AT)


@pytest.fixture(scope="module")
def office() -> Context:
    return _context(load(OFFICE))


def test_layout_of_matches_the_layout_filters(office: Context) -> None:
    layout, problem = office.layout, office.problem

    differing = [g.id for g in problem.groups if office.layout_of("groups", g.id) != layout.for_group(g.id)]
    differing += [
        s.id for s in problem.speakers if office.layout_of("speakers", s.id) != layout.for_speaker(s.id)
    ]
    differing += [r.id for r in problem.rooms if office.layout_of("rooms", r.id) != layout.for_room(r.id)]
    differing += [
        s.id
        for s in problem.sessions
        if office.layout_of("sessions", s.id).entries
        != tuple(e for e in layout.entries if e.session.id == s.id)
    ]
    assert differing == []


def test_layout_of_unknown_item_has_no_entries(office: Context) -> None:
    assert office.layout_of("speakers", "nobody").entries == ()


def test_sized_styles_made_once_per_size(office: Context) -> None:
    assert (office.sized(8) is office.sized(8), office.sized(8).cell.fontSize) == (True, 8)


def test_once_makes_a_flowable_once_per_key(office: Context) -> None:
    made = [office.once("spacer", partial(Spacer, 1, n)) for n in (1, 2)]

    assert (made[0] is made[1], office.once("other", partial(Spacer, 1, 3)) is made[0]) == (True, False)


@pytest.mark.parametrize(
    "build",
    [partial(load, OFFICE), partial(load, CONFERENCE), dense_week_problem],
    ids=["office", "conf", "dense"],
)
def test_grid_size_same_as_trying_every_size_largest_first(build: Callable[[], Problem]) -> None:
    """Trying the smallest size first relies on a grid never getting shorter in larger type."""
    context = _context(build())
    width, height = frame_size(context)
    chosen, tried = [], []
    for week in context.layout.weeks():
        grid = partial(week_grid, context, week)
        heights = [grid(size).wrap(width, height)[1] for size in SIZES]
        tried.append(next((s for s, h in zip(SIZES, heights, strict=True) if h <= height), SIZES[-1]))
        chosen.append(grid_size(grid, width, height))

    assert chosen == tried
