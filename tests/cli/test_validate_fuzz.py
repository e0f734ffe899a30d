"""Any bytes given to ``huiwu validate`` end in exit 0 or 2 with a message, never a traceback."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from planner.io.excel import problem_to_workbook
from planner.io.files import read_problem
from ui.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"
MINIMAL_TEXT = (DATA / "minimal.yaml").read_bytes()
MINIMAL = yaml.safe_load(MINIMAL_TEXT)
WORKBOOK = problem_to_workbook(read_problem(DATA / "minimal.yaml"))
runner = CliRunner()
fuzz = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.dates().map(str),
    st.sampled_from(["", "mon", "am1", "ada", "g1", "intro", "2026-03-23", "09:00", "Europe/Berlin", "-1"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def assert_clean_exit(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.stderr.strip() != ""


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """minimal.yaml with a few keys deleted or values replaced, anywhere in the tree."""
    data = json.loads(json.dumps(MINIMAL, default=str))
    for _ in range(draw(st.integers(1, 4))):
        node, key = _pick(draw, data)
        if node is None:
            break
        if draw(st.booleans()) and isinstance(node, dict):
            node.pop(key, None)
        else:
            node[key] = draw(values)
    return data


def _pick(draw: st.DrawFn, data: Any) -> tuple[Any, Any]:
    """A random (container, key) on a path from the root."""
    node, key = None, None
    current = data
    while isinstance(current, dict | list) and current:
        keys = list(current) if isinstance(current, dict) else list(range(len(current)))
        node, key = current, draw(st.sampled_from(keys))
        current = current[key]
        if draw(st.integers(0, 3)) == 0:
            break
    return node, key


@fuzz
@given(st.binary(max_size=300))
def test_validate_fuzz_random_bytes_yaml(tmp_path: Path, content: bytes) -> None:
    assert_clean_exit(tmp_path / "event.yaml", content)


@fuzz
@given(st.binary(max_size=300))
def test_validate_fuzz_random_bytes_json(tmp_path: Path, content: bytes) -> None:
    assert_clean_exit(tmp_path / "event.json", content)


@fuzz
@given(st.binary(max_size=300) | st.binary(max_size=40).map(lambda tail: b"PK\x03\x04" + tail))
def test_validate_fuzz_random_bytes_xlsx(tmp_path: Path, content: bytes) -> None:
    assert_clean_exit(tmp_path / "event.xlsx", content)


@fuzz
@given(st.text(max_size=200))
def test_validate_fuzz_random_yaml_text(tmp_path: Path, text: str) -> None:
    assert_clean_exit(tmp_path / "event.yaml", text.encode("utf-8", "surrogatepass"))


@fuzz
@given(mutated())
def test_validate_fuzz_mutated_minimal_yaml(tmp_path: Path, data: Any) -> None:
    assert_clean_exit(tmp_path / "event.yaml", yaml.safe_dump(data, allow_unicode=True).encode())


@fuzz
@given(mutated())
def test_validate_fuzz_mutated_minimal_json(tmp_path: Path, data: Any) -> None:
    assert_clean_exit(tmp_path / "event.json", json.dumps(data).encode())


@fuzz
@given(st.integers(0, len(MINIMAL_TEXT) - 1), st.integers(0, 40), st.text(max_size=8))
def test_validate_fuzz_spliced_minimal_text(tmp_path: Path, at: int, cut: int, insert: str) -> None:
    text = MINIMAL_TEXT[:at] + insert.encode("utf-8", "surrogatepass") + MINIMAL_TEXT[at + cut :]
    assert_clean_exit(tmp_path / "event.yaml", text)


cells = st.one_of(
    st.none(),
    st.integers(-1000, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=12),
)


@fuzz
@given(
    st.lists(
        st.tuples(st.integers(0, 8), st.integers(1, 8), st.integers(1, 12), cells), min_size=1, max_size=5
    )
)
def test_validate_fuzz_mutated_workbook(tmp_path: Path, edits: list[tuple[int, int, int, Any]]) -> None:
    book = load_workbook(io.BytesIO(WORKBOOK))
    for sheet, row, column, value in edits:
        book.worksheets[sheet].cell(row, column).value = value
    out = io.BytesIO()
    book.save(out)
    assert_clean_exit(tmp_path / "event.xlsx", out.getvalue())


@fuzz
@given(st.integers(0, len(WORKBOOK) - 1), st.binary(min_size=1, max_size=8))
def test_validate_fuzz_corrupted_workbook(tmp_path: Path, at: int, noise: bytes) -> None:
    assert_clean_exit(tmp_path / "event.xlsx", WORKBOOK[:at] + noise + WORKBOOK[at + len(noise) :])


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5000,  # deeper than the parser's recursion
        "a: &a [*a]",  # a self-referencing alias
        "event: !!python/object:os.system {}",
        "event: {start: 0001-01-01, end: 9999-12-31, id: x, title: x,"
        " periods: [{id: a, start: '1', end: '2'}]}",
        "event: {id: x, title: x, start: 2026-01-01, end: 2026-01-02, periods: [{id: a, start: 9, end: 10}]}",
        "rooms: [{id: a, name: a, capacity: 99999999999999999999999999}]",
        "event: {timezone: " + "x" * 300 + "}",
        "event: {id: x, title: x, start: 9999-12-30, end: 9999-12-31, weekdays: [thu, fri],"
        " periods: [{id: a, start: '09:00', end: '10:00'}]}\nrooms: [{id: r, name: r, capacity: 1}]",
    ],
)
def test_validate_fuzz_hostile_yaml(tmp_path: Path, text: str) -> None:
    assert_clean_exit(tmp_path / "event.yaml", text.encode())
