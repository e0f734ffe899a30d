"""Editing an event in tables: the use-cases behind the browser's Event, Rooms, Speakers,
Groups, Sessions and Rules pages.

Each edit takes the current ``Problem`` and the rows as the user left them and
returns an ``EditResult``: the new problem when the whole event is still valid,
otherwise ``None`` and the messages, attached to the rows they concern (row
index -> messages) or to the event as a whole. Nothing is changed by a refused
edit, so the user fixes the rows and tries again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.domain.errors import InvalidEvent
from planner.domain.model import Group, Member, Period, Problem, Room, Session, Speaker
from planner.domain.validation import describe_pydantic_errors, validate_problem
from planner.io.files import dump_json, dump_yaml, parse_text, problem_from_data, problem_to_data
from planner.io.wording import Wording
from planner.usecases.edit_rows import (
    SECTIONS,
    Row,
    Vocabulary,
    member_row,
    period_row,
    to_member,
    to_period,
    vocabulary,
    words,
)

EVENT_KINDS = ("yaml", "json", "xlsx")
MODELS: dict[str, type[BaseModel]] = {
    "to_room": Room,
    "to_speaker": Speaker,
    "to_group": Group,
    "to_session": Session,
    "to_member": Member,
    "to_period": Period,
}


@dataclass(frozen=True)
class EditResult:
    """The outcome of an edit: the new problem, or the messages that refuse it."""

    problem: Problem | None
    rows: dict[int, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is not None


def update_section(problem: Problem, section: str, rows: Sequence[Row]) -> EditResult:
    """Replace the rooms, speakers, groups or sessions of an event with the edited rows.

    Fields the table does not show (a group's members, a session's pins) are
    kept from the item with the same id.
    """
    if section not in SECTIONS:
        raise InvalidEvent([f"{section}: not an editable section"])
    items, messages = _read_rows(rows, vocabulary(problem), SECTIONS[section][1])
    if messages:
        return EditResult(None, messages)
    hidden = {"groups": ("members",), "sessions": ("pinned",)}.get(section, ())
    old = {item["id"]: item for item in problem_to_data(problem).get(section, [])}
    for item in items:
        for name in hidden:
            if name in old.get(item.get("id"), {}):
                item[name] = old[item["id"]][name]
    data = problem_to_data(problem)
    data[section] = items
    return validate(data, section)


def update_abstract(problem: Problem, session_id: str, text: str) -> EditResult:
    """Set one session's abstract (blank text removes it), validated as every edit is: one too
    long is refused with the session's row named."""
    data = problem_to_data(problem)
    for item in data.get("sessions", []):
        if item["id"] == session_id:
            item.pop("abstract", None)
            if text.strip():
                item["abstract"] = text.strip()
            return validate(data, "sessions")
    return EditResult(None, general=[f"sessions: no session '{session_id}'"])


def update_members(problem: Problem, group_id: str, rows: Sequence[Row]) -> EditResult:
    """Replace the members (participants) of one group."""
    data = problem_to_data(problem)
    index = next((i for i, g in enumerate(data.get("groups", [])) if g["id"] == group_id), None)
    if index is None:
        raise InvalidEvent([f"groups: no group '{group_id}'"])
    members, messages = _read_rows(rows, vocabulary(problem), to_member)
    if messages:
        return EditResult(None, messages)
    data["groups"][index]["members"] = members
    return validate(data, f"groups[{index}].members")


def member_rows(problem: Problem, group_id: str, language: str = "en") -> list[Row]:
    """The members of one group as the table shows them (leave written in ``language``)."""
    wording = Wording.of(problem, language)
    return [member_row(m, wording) for m in problem.group(group_id).members]


def update_event(problem: Problem, fields: dict[str, Any], periods: Sequence[Row]) -> EditResult:
    """Replace the event header (title, hosts, dates, weekdays, ...) and the daily periods.

    ``hosts`` may be text with one host per line; ``holidays``, ``blackout``
    and ``extra_days`` text with dates separated by commas, spaces or lines.
    """
    items, messages = _read_rows(periods, Vocabulary(), to_period)
    if messages:
        return EditResult(None, messages)
    try:
        header = _event_fields(fields)
    except ValueError as error:
        return EditResult(None, general=[f"event.{error}"])
    data = problem_to_data(problem)
    data["event"] = {**header, "periods": items}
    return validate(data, "event.periods")


def update_rules(problem: Problem, weights: dict[str, int], capacity: str, travel_minutes: int) -> EditResult:
    """Set the weights of the soft rules and the switches of the model."""
    data = problem_to_data(problem)
    data["rules"] = {"weights": dict(weights), "capacity": capacity, "travel_minutes": travel_minutes}
    return validate(data, "rules")


def period_rows(problem: Problem) -> list[Row]:
    return [period_row(p) for p in problem.event.periods]


def validate(data: dict[str, Any], prefix: str) -> EditResult:
    """Validate a whole event; sort the messages into rows of ``prefix`` and the rest."""
    try:
        return EditResult(validate_problem(data))
    except InvalidEvent as error:
        return _sorted(list(error.problems), prefix)


def _sorted(lines: list[str], prefix: str) -> EditResult:
    pattern = re.compile(re.escape(prefix) + r"\[(\d+)\]\.?(.*)$")
    rows: dict[int, list[str]] = {}
    general = []
    for line in lines:
        match = pattern.match(line)
        if match is None:
            general.append(line)
        else:
            rows.setdefault(int(match.group(1)), []).append(match.group(2).lstrip(": ") or line)
    return EditResult(None, rows, general)


def _read_rows(
    rows: Sequence[Row], known: Vocabulary, to_data: Callable[[Row, Vocabulary], dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[int, list[str]]]:
    """Each row as model data; every row's problems at once (cells that cannot be read, then fields)."""
    items, messages = [], {}
    model = MODELS[to_data.__name__]
    for index, row in enumerate(rows):
        try:
            items.append(to_data(row, known))
        except ValueError as error:
            messages[index] = [str(error)]
            continue
        try:
            model.model_validate(items[-1])
        except ValidationError as error:
            messages[index] = describe_pydantic_errors(error)
    return items, messages


def _event_fields(fields: dict[str, Any]) -> dict[str, Any]:
    header = {k: v for k, v in fields.items() if v is not None and v != ""}
    if isinstance(header.get("hosts"), str):
        header["hosts"] = [h.strip() for h in header["hosts"].splitlines() if h.strip()]
    for name in ("holidays", "blackout", "extra_days"):
        if isinstance(header.get(name), str):
            header[name] = [_date(w, name) for w in words(header[name])]
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in header.items()}


def _date(text: str, column: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{column}: '{text}' is not a date (write 2026-05-20)") from None


def open_event(name: str, content: bytes) -> Problem:
    """An uploaded event file (YAML, JSON or Excel), validated."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "xlsx":
        from planner.io.excel import problem_from_workbook

        return problem_from_workbook(content)
    if suffix not in ("yaml", "yml", "json"):
        raise InvalidEvent([f"{name}: unknown kind of file (expected .yaml, .yml, .json or .xlsx)"])
    return problem_from_data(parse_text(content, json_only=suffix == "json"))


def event_file(problem: Problem, kind: str) -> bytes:
    """The event as a file to download: ``yaml``, ``json`` or ``xlsx``."""
    if kind == "yaml":
        return dump_yaml(problem).encode("utf-8")
    if kind == "json":
        return dump_json(problem).encode("utf-8")
    if kind == "xlsx":
        from planner.io.excel import problem_to_workbook

        return problem_to_workbook(problem)
    raise InvalidEvent([f"{kind}: unknown kind of file (expected {', '.join(EVENT_KINDS)})"])
