"""The programme booklet: every session and speaker, embedded fonts, stable layout, change marks."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from planner.domain.errors import ExportError
from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.exports.pdf import booklet
from planner.exports.pdf.cells import runs
from planner.exports.pdf.document import frame_size, make_context
from planner.exports.pdf.overview import grid_size, week_grid
from tests.exports.pdf_tools import (
    CONFERENCE,
    GENERATED_AT,
    MINIMAL,
    OFFICE,
    fonts,
    info,
    layout_text,
    load,
    page_texts,
    squeezed,
    text,
)
from tests.factories import chinese_problem, dense_week_problem, greedy_schedule
from tests.golden import assert_golden

SAMPLES = [
    pytest.param(OFFICE, id="office"),
    pytest.param(CONFERENCE, id="conference"),
    pytest.param(MINIMAL, id="minimal"),
]


def _built(path: Path) -> tuple[Problem, Schedule, bytes]:
    problem = load(path)
    schedule = greedy_schedule(problem)
    return problem, schedule, booklet(problem, schedule, generated_at=GENERATED_AT)


@pytest.mark.parametrize("path", SAMPLES)
def test_booklet_has_every_session_title_and_speaker_name(path: Path) -> None:
    """Every session, and every speaker who gives one (candidates the schedule did not pick give none)."""
    problem, schedule, pdf = _built(path)
    speaking = {s for a in schedule.assignments for s in a.speakers}

    found = squeezed(text(pdf))

    missing = [s.title for s in problem.sessions if squeezed(s.title) not in found]
    missing += [s.name for s in problem.speakers if s.id in speaking and squeezed(s.name) not in found]
    assert missing == []


@pytest.mark.parametrize(("path", "language"), [(OFFICE, "zh-CN"), (CONFERENCE, "en")])
def test_booklet_names_its_language(path: Path, language: str) -> None:
    """The catalog's /Lang: screen readers read Chinese as Chinese."""
    assert f"/Lang ({language})".encode() in _built(path)[2]


@pytest.mark.parametrize("path", SAMPLES)
def test_booklet_embeds_every_font(path: Path) -> None:
    pdf = _built(path)[2]

    assert [(f["emb"], f["sub"]) for f in fonts(pdf)] == [("yes", "yes")] * len(fonts(pdf))


def test_booklet_same_inputs_same_bytes() -> None:
    problem = chinese_problem()
    schedule = greedy_schedule(problem)

    first = booklet(problem, schedule, generated_at=GENERATED_AT)

    assert booklet(problem, schedule, generated_at=GENERATED_AT) == first


def test_booklet_chinese_matches_golden_text() -> None:
    problem = chinese_problem()
    schedule = greedy_schedule(problem).model_copy(update={"version": 2})

    assert_golden("pdf/booklet-zh.txt", layout_text(booklet(problem, schedule, generated_at=GENERATED_AT)))


def test_booklet_english_matches_golden_text() -> None:
    pdf = _built(MINIMAL)[2]

    assert_golden("pdf/booklet-en.txt", layout_text(pdf))


def test_booklet_every_page_names_version_and_number() -> None:
    problem = chinese_problem()
    schedule = greedy_schedule(problem).model_copy(update={"version": 2})

    pages = page_texts(booklet(problem, schedule, generated_at=GENERATED_AT))

    total = len(pages)
    footers = [
        f"第2版·印制时间2026-05-0117:00·第{n}页共{total}页" in squeezed(p) for n, p in enumerate(pages, 1)
    ]
    assert footers == [True] * len(pages)


def test_booklet_cover_names_hosts_dates_and_version() -> None:
    problem = chinese_problem()

    cover = page_texts(booklet(problem, greedy_schedule(problem), generated_at=GENERATED_AT))[0]

    assert squeezed(cover) == squeezed(
        "全市办公室工作业务专题培训班 日程安排 主办单位：市委办公室 市政府办公室 市行政学院 "
        "培训时间：2026年5月11日 — 2026年5月15日 培训地点：市行政学院 版本：草稿 印制时间：2026-05-01 17:00"
        "全市办公室工作业务专题培训班 草稿 · 印制时间 2026-05-01 17:00 · 第 1 页 共 5 页"
    )


def test_booklet_letter_paper() -> None:
    problem = load(MINIMAL)

    pdf = booklet(problem, greedy_schedule(problem), generated_at=GENERATED_AT, page_size="Letter")

    assert info(pdf)["Page size"] == "612 x 792 pts (letter)"


def test_booklet_unknown_paper_raises_export_error() -> None:
    problem = load(MINIMAL)

    with pytest.raises(ExportError) as error:
        booklet(problem, greedy_schedule(problem), generated_at=GENERATED_AT, page_size="A5")

    assert str(error.value) == "page_size: unknown paper size 'A5' (expected A4 or Letter)"


def test_booklet_marks_sessions_changed_since_previous_version() -> None:
    problem = chinese_problem()
    before = greedy_schedule(problem).model_copy(update={"version": 3})
    moved = before.assignments[1].model_copy(update={"room": "r102"})
    after = before.model_copy(
        update={"version": 4, "assignments": (before.assignments[0], moved, *before.assignments[2:])}
    )

    found = text(booklet(problem, after, generated_at=GENERATED_AT, previous=before, previous_version=3))

    assert found.count("自第3版以来有变动（地点）") == 1


def test_booklet_unchanged_schedule_has_no_change_marks() -> None:
    problem = chinese_problem()
    schedule = greedy_schedule(problem)

    found = text(booklet(problem, schedule, generated_at=GENERATED_AT, previous=schedule, previous_version=3))

    assert "有变动" not in found


def test_booklet_session_never_splits_across_pages() -> None:
    problem, _, pdf = _built(CONFERENCE)

    pages = [squeezed(page) for page in page_texts(pdf)]

    split = [s.title for s in problem.sessions if not any(squeezed(s.title) in page for page in pages)]
    assert split == []


def test_booklet_week_of_sixty_sessions_fits_one_page_in_readable_type() -> None:
    problem = dense_week_problem()
    schedule = greedy_schedule(problem)
    context = make_context(problem, schedule, generated_at=GENERATED_AT)
    width, height = frame_size(context)

    size = grid_size(partial(week_grid, context, context.layout.weeks()[0]), width, height - 40)
    overview = squeezed(page_texts(booklet(problem, schedule, generated_at=GENERATED_AT))[1])

    assert size >= 8
    assert [a.title for a in schedule.assignments if squeezed(a.title) not in overview] == []


def test_booklet_day_overview_draws_a_two_period_workshop_as_one_cell() -> None:
    """A conference day's grid (rooms across): a workshop over two periods is one merged cell with
    its title once, not the same cell twice."""
    problem, schedule, pdf = _built(CONFERENCE)
    context = make_context(problem, schedule, generated_at=GENERATED_AT)
    workshop = next(e for e in context.layout.entries if len(e.period_ids) == 2)
    heading = squeezed(f"{context.labels.overview}{context.labels.day_text(workshop.day)}")
    page = next(p for p in map(squeezed, page_texts(pdf)) if p.startswith(heading))
    assert page.count(squeezed(workshop.title)) == 1


def test_grid_runs_merge_only_the_same_sessions_in_consecutive_periods() -> None:
    entries = make_context(*_built(CONFERENCE)[:2], generated_at=GENERATED_AT).layout.entries
    workshop = next(e for e in entries if len(e.period_ids) == 2)
    talk, other = [e for e in entries if len(e.period_ids) == 1][:2]
    cells = [(talk,), (workshop,), (workshop,), (other,), (other,), (), ()]
    assert runs(cells) == [(0, 0), (1, 2), (3, 4), (5, 5), (6, 6)]  # never two empty cells
    assert runs([(talk,), (other,), (talk, other), (talk,)]) == [(0, 0), (1, 1), (2, 2), (3, 3)]
