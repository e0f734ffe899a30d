"""A speaker's one-page run sheet."""

from __future__ import annotations

import pytest

from planner.domain.errors import ExportError
from planner.exports.pdf import speaker_run_sheet
from tests.exports.pdf_tools import GENERATED_AT, OFFICE, info, layout_text, load, squeezed, text
from tests.factories import chinese_problem, greedy_schedule
from tests.golden import assert_golden


def test_speaker_run_sheet_busiest_speaker_fits_one_page() -> None:
    problem = load(OFFICE)
    schedule = greedy_schedule(problem)
    counts = {s.id: sum(s.id in a.speakers for a in schedule.assignments) for s in problem.speakers}
    busiest = max(counts, key=lambda speaker: counts[speaker])

    pdf = speaker_run_sheet(problem, schedule, busiest, generated_at=GENERATED_AT)

    assert int(info(pdf)["Pages"]) == 1
    assert counts[busiest] >= 8


def test_speaker_run_sheet_lists_each_session_with_date_time_room() -> None:
    problem = chinese_problem()
    schedule = greedy_schedule(problem)

    found = squeezed(text(speaker_run_sheet(problem, schedule, "zhang", generated_at=GENERATED_AT)))

    rows = [f"{a.start:%H:%M}–{a.end:%H:%M}{a.title}" for a in schedule.assignments if "zhang" in a.speakers]
    assert [squeezed(row) in found for row in rows] == [True] * 4


def test_speaker_run_sheet_chinese_matches_golden_text() -> None:
    problem = chinese_problem()

    pdf = speaker_run_sheet(problem, greedy_schedule(problem), "zhang", generated_at=GENERATED_AT)

    assert_golden("pdf/speaker-zh-zhang.txt", layout_text(pdf))


def test_speaker_run_sheet_unknown_speaker_raises_export_error() -> None:
    problem = chinese_problem()

    with pytest.raises(ExportError) as error:
        speaker_run_sheet(problem, greedy_schedule(problem), "nobody", generated_at=GENERATED_AT)

    assert str(error.value) == "speakers: event 'peixun' has no speaker 'nobody'"
