"""``huiwu schema``: valid JSON Schema naming the contract fields, and event files that pass it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from ui.cli import app

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = [
    "event.id",
    "event.timezone",
    "event.start",
    "event.end",
    "event.periods[].id",
    "event.periods[].start",
    "event.periods[].end",
    "rooms[].id",
    "rooms[].name",
    "rooms[].capacity",
    "rooms[].features",
    "speakers[].id",
    "speakers[].name",
    "speakers[].unavailable",
    "speakers[].preferred",
    "groups[].id",
    "groups[].name",
    "groups[].size",
    *(
        f"sessions[].{name}"
        for name in (
            "id",
            "title",
            "kind",
            "length",
            "occurrences",
            "speakers",
            "candidates",
            "groups",
            "features",
            "pinned",
        )
    ),
    "sessions[].candidates.from",
    "sessions[].candidates.pick",
]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and optional (``anyOf`` with null) wrappers to the object or array schema."""
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node and "properties" not in node:
            node = next(n for n in node["anyOf"] if n.get("type") != "null")
        else:
            return node


def field_schema(schema: dict[str, Any], path: str) -> dict[str, Any]:
    node = resolve(schema, schema)
    for part in path.split("."):
        name = part.removesuffix("[]")
        node = resolve(schema, node["properties"][name])
        if part.endswith("[]"):
            node = resolve(schema, node["items"])
    return node


def test_schema_is_a_valid_json_schema(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "Problem"


@pytest.mark.parametrize("path", CONTRACT)
def test_schema_contract_field_exists(schema: dict[str, Any], path: str) -> None:
    assert isinstance(field_schema(schema, path), dict)


def test_schema_required_fields(schema: dict[str, Any]) -> None:
    assert resolve(schema, schema)["required"] == ["event", "rooms"]
    assert field_schema(schema, "rooms[]")["required"] == ["id", "name", "capacity"]


@pytest.mark.parametrize(
    "name", ["tests/data/minimal.yaml", "samples/office-training-2026.yaml", "samples/tech-conference.yaml"]
)
def test_schema_accepts_event_files(schema: dict[str, Any], name: str) -> None:
    if not (ROOT / name).exists():
        pytest.skip(f"{name} not written yet")
    data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    as_json = json.loads(json.dumps(data, default=lambda value: value.isoformat()))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(as_json)]
    assert errors == []


def test_schema_refuses_bad_capacity(schema: dict[str, Any]) -> None:
    data = {
        "event": {
            "id": "x",
            "title": "x",
            "start": str(dt.date(2026, 1, 5)),
            "end": "2026-01-09",
            "periods": [{"id": "a", "start": "09:00", "end": "10:00"}],
        },
        "rooms": [{"id": "r", "name": "R", "capacity": 0}],
    }
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == ["0 is less than or equal to the minimum of 0"]
