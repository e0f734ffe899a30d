"""Door signs: one landscape page per day a room is used."""

from __future__ import annotations

from planner.exports.pdf import room_door_signs
from tests.exports.pdf_tools import (
    GENERATED_AT,
    MINIMAL,
    OFFICE,
    info,
    layout_text,
    load,
    page_texts,
    squeezed,
)
from tests.factories import greedy_schedule
from tests.golden import assert_golden


def test_room_door_signs_one_page_per_day_in_use() -> None:
    problem = load(OFFICE)
    schedule = greedy_schedule(problem)
    days = sorted({a.start.date() for a in schedule.assignments if a.room == "hall"})

    pdf = room_door_signs(problem, schedule, "hall", generated_at=GENERATED_AT)

    assert int(info(pdf)["Pages"]) == len(days)
    assert [squeezed("大礼堂（综合楼）") in page for page in map(squeezed, page_texts(pdf))] == [True] * len(
        days
    )


def test_room_door_signs_unused_room_says_no_sessions() -> None:
    problem = load(MINIMAL)

    pages = page_texts(room_door_signs(problem, greedy_schedule(problem), "b", generated_at=GENERATED_AT))

    assert len(pages) == 1
    assert "No sessions" in pages[0]


def test_room_door_signs_english_matches_golden_text() -> None:
    problem = load(MINIMAL)

    pdf = room_door_signs(problem, greedy_schedule(problem), "a", generated_at=GENERATED_AT)

    assert_golden("pdf/room-en-a.txt", layout_text(pdf))
