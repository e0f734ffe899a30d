"""Pydantic's structural errors as one line each, naming the item and the field.

``rooms[2].capacity: must be greater than 0 (got 0)``: the location is written
the way the event file reads (``sessions[4].candidates.from[0]``), the text in
plain words, and the offending value shown when it is short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

Location = tuple[int | str, ...]

_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "unknown field",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "too_short": "must have at least {min_length} item(s)",
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most {max_length} characters",
    "string_pattern_mismatch": "must be an id without spaces",
    "tuple_type": "should be a list",
    "list_type": "should be a list",
    "model_type": "should be a mapping of fields",
    "model_attributes_type": "should be a mapping of fields",
    "dict_type": "should be a mapping of fields",
}
_PATH = re.compile(r"^([A-Za-z_]\w*(?:\[\d+\])*(?:\.[A-Za-z_]\w*(?:\[\d+\])*)*): (.*)$", re.DOTALL)
_PART = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")


def describe_pydantic_errors(error: ValidationError, prefix: Location = ()) -> list[str]:
    """One line per pydantic error: ``rooms[2].capacity: must be greater than 0 (got 0)``."""
    errors = error.errors(include_url=False)
    inner = {tuple(item["loc"][:-1]) for item in errors if len(item["loc"]) > 1}
    lines = []
    for item in errors:
        if item["type"] == "too_short" and any(
            loc[: len(item["loc"])] == tuple(item["loc"]) for loc in inner
        ):
            continue  # a list emptied by its own invalid items: those items are reported
        where = format_location((*prefix, *item["loc"])) or "file"
        lines.append(f"{where}: {_message(item)}")
    return list(dict.fromkeys(lines))


def format_location(loc: Sequence[int | str]) -> str:
    """``("sessions", 4, "speakers", 0)`` -> ``sessions[4].speakers[0]``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif "[" in part or part.startswith("function-"):
            continue  # union / validator branches pydantic adds to the path
        else:
            text += f".{part}" if text else part
    return text.replace(".from_", ".from")


def parse_location(line: str) -> tuple[Location, str]:
    """Split ``sessions[4].speakers[0]: no speaker 'x'`` into the location tuple and the text.

    A line without a location gives ``()`` and the whole line.
    """
    match = _PATH.match(line)
    if match is None:
        return (), line
    parts: list[int | str] = []
    for name, index in _PART.findall(match.group(1)):
        parts.append(int(index) if index else name)
    return tuple(parts), match.group(2)


def _message(item: Any) -> str:
    template = _MESSAGES.get(item["type"])
    ctx = item.get("ctx") or {}
    if template is not None:
        text = template.format(**ctx)
    else:
        text = str(item["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            text = text.removeprefix(prefix)
        text = text.replace("Input should be", "should be")
        text = text[:1].lower() + text[1:]
    value = item.get("input")
    if item["type"] not in ("missing", "extra_forbidden") and isinstance(value, str | int | float):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "...'"
        if not (isinstance(value, str) and (not value or repr(value) in text)):
            text += f" (got {shown})"
    return text
