"""Random valid events survive YAML, JSON and Excel unchanged."""

from __future__ import annotations

from hypothesis import given, settings

from planner.domain.model import Problem
from planner.io.excel import problem_from_workbook, problem_to_workbook
from planner.io.files import dump_json, dump_yaml, parse_text, problem_from_data
from tests.strategies import large_problems, problems


@settings(max_examples=40, deadline=None)
@given(problems())
def test_roundtrip_yaml_unchanged(problem: Problem) -> None:
    assert problem_from_data(parse_text(dump_yaml(problem).encode())) == problem


@settings(max_examples=40, deadline=None)
@given(problems())
def test_roundtrip_json_unchanged(problem: Problem) -> None:
    assert problem_from_data(parse_text(dump_json(problem).encode(), json_only=True)) == problem


@settings(max_examples=40, deadline=None)
@given(problems())
def test_roundtrip_excel_unchanged(problem: Problem) -> None:
    assert problem_from_workbook(problem_to_workbook(problem)) == problem


@settings(max_examples=5, deadline=None)
@given(large_problems())
def test_roundtrip_excel_large_unchanged(problem: Problem) -> None:
    assert problem_from_workbook(problem_to_workbook(problem)) == problem


@settings(max_examples=10, deadline=None)
@given(problems())
def test_roundtrip_excel_bytes_repeat(problem: Problem) -> None:
    assert problem_to_workbook(problem) == problem_to_workbook(problem)
