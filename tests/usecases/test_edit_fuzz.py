"""Whatever is typed into the app's tables, an edit ends in a new valid event or in messages that
name the row (and field) refused, never in an exception; the event saved before is left as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.io.files import problem_from_data, problem_to_data, read_problem
from planner.usecases.edit import (
    EditResult,
    member_rows,
    period_rows,
    update_event,
    update_members,
    update_section,
)
from planner.usecases.edit_rows import Row, section_rows

OFFICE = read_problem(Path(__file__).resolve().parents[2] / "samples" / "office-training-2026.yaml")
SAVED = problem_to_data(OFFICE)
fuzz = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What a cell of st.data_editor can hand back (text, number, checkbox, None), and what staff type.
cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=16),
    st.sampled_from(
        [
            "",
            " ",
            "一班",
            "c1, c2",
            "c1，c9",
            "张立军；王",
            "2026-05-20",
            "2026-02-30",
            "2026-05-01至2026-04-01",
            "周五",
            "第3周",
            "第99周",
            "上午第一节",
            "am9",
            "08:30",
            "25:61",
            "-1",
            "0",
            "1e9",
            "projector, 投影仪",
            "2026-05-20 上午第一节; 周三",
        ]
    ),
)


def _edited(rows: list[Row], data: st.DataObject) -> list[Row]:
    """``rows`` with a few cells changed, maybe a row deleted, maybe a row added."""
    rows = [dict(row) for row in rows]
    columns = sorted({column for row in rows for column in row})
    for _ in range(data.draw(st.integers(1, 3))):
        if rows:
            row = data.draw(st.integers(0, len(rows) - 1))
            rows[row][data.draw(st.sampled_from(columns))] = data.draw(cells)
    if len(rows) > 0 and data.draw(st.booleans()):
        del rows[data.draw(st.integers(0, len(rows) - 1))]
    if data.draw(st.booleans()):
        rows.append({column: data.draw(cells) for column in columns})
    return rows


def _sound(result: EditResult, rows: list[Row]) -> None:
    """A new event that is valid and round-trips, or messages that say which row and what."""
    assert problem_to_data(OFFICE) == SAVED  # the event before the edit is untouched
    if result.problem is not None:
        assert problem_from_data(problem_to_data(result.problem)) == result.problem
        return
    assert all(0 <= index < len(rows) for index in result.rows)
    lines = [line for found in result.rows.values() for line in found] + result.general
    assert lines
    assert all(isinstance(line, str) and line.strip() for line in lines)


@pytest.mark.parametrize("section", ["rooms", "speakers", "groups", "sessions"])
@pytest.mark.parametrize("language", ["zh", "en"])
@fuzz
@given(data=st.data())
def test_edit_fuzz_section(section: str, language: str, data: st.DataObject) -> None:
    rows = _edited(section_rows(OFFICE, section, language), data)
    _sound(update_section(OFFICE, section, rows), rows)


@fuzz
@given(data=st.data())
def test_edit_fuzz_members(data: st.DataObject) -> None:
    rows = _edited(member_rows(OFFICE, "c1", "zh"), data)
    _sound(update_members(OFFICE, "c1", rows), rows)


@fuzz
@given(data=st.data(), fields=st.dictionaries(st.sampled_from(["title", "start", "end", "holidays"]), cells))
def test_edit_fuzz_event(data: st.DataObject, fields: dict[str, Any]) -> None:
    rows = _edited(period_rows(OFFICE), data)
    header = {k: v for k, v in problem_to_data(OFFICE)["event"].items() if k != "periods"}
    _sound(update_event(OFFICE, {**header, **fields}, rows), rows)
