"""Validation of an event's meaning, with messages that name the item and the field.

The pydantic models check the shape (types, required fields, ranges);
``check_problem`` checks what only the whole event can tell (references,
duplicates, the calendar, rooms that can host each session). Both report every
problem at once, one line each: ``sessions[4].speakers[0]: no speaker 'li-wei'``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError

from planner.domain.calendar import Grid
from planner.domain.model import Problem, Rule, Session

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
}


def describe_pydantic_errors(error: ValidationError) -> list[str]:
    """One line per pydantic error: ``rooms[2].capacity: must be greater than 0 (got 0)``."""
    errors = error.errors(include_url=False)
    inner = {tuple(item["loc"][:-1]) for item in errors if len(item["loc"]) > 1}
    lines = []
    for item in errors:
        if item["type"] == "too_short" and any(loc[: len(item["loc"])] == tuple(item["loc"]) for loc in inner):
            continue  # a list emptied by its own invalid items: those items are reported
        where = format_location(item["loc"]) or "file"
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
        text += f" (got {shown})"
    return text


def check_problem(problem: Problem) -> list[str]:
    """Every problem of meaning in a structurally valid event, one line each."""
    grid = Grid(problem.event)
    return [
        *check_event(problem, grid),
        *check_unique_ids(problem),
        *check_rules(problem),
        *check_sessions(problem, grid),
        *check_group_load(problem, grid),
    ]


def check_event(problem: Problem, grid: Grid) -> list[str]:
    event = problem.event
    lines = []
    if event.end < event.start:
        lines.append(f"event.end: the last date {event.end} is before the first date {event.start}")
    elif grid.n_days == 0:
        lines.append("event: no working day between event.start and event.end")
    for i, (a, b) in enumerate(zip(event.periods, event.periods[1:], strict=False), start=1):
        if b.start < a.end:
            lines.append(
                f"event.periods[{i}]: '{b.id}' starts at {b.start:%H:%M}, before '{a.id}' ends at {a.end:%H:%M}"
                " (periods must be in order and must not overlap)"
            )
    lines += _duplicates("event.periods", [p.id for p in event.periods], "period")
    return lines


def check_unique_ids(problem: Problem) -> list[str]:
    return [
        *_duplicates("rooms", [r.id for r in problem.rooms], "room"),
        *_duplicates("speakers", [s.id for s in problem.speakers], "speaker"),
        *_duplicates("groups", [g.id for g in problem.groups], "group"),
        *_duplicates("sessions", [s.id for s in problem.sessions], "session"),
    ]


def _duplicates(where: str, ids: Sequence[str], what: str) -> list[str]:
    counts = Counter(ids)
    seen: set[str] = set()
    lines = []
    for index, item in enumerate(ids):
        if counts[item] > 1 and item in seen:
            lines.append(f"{where}[{index}].id: duplicate {what} id '{item}'")
        seen.add(item)
    return lines


def check_rules(problem: Problem) -> list[str]:
    """Periods named in availability rules exist."""
    periods = {p.id for p in problem.event.periods}
    lines = []
    owners: list[tuple[str, Iterable[tuple[str, tuple[Rule, ...]]]]] = [
        ("rooms", [(f"[{i}].unavailable", r.unavailable) for i, r in enumerate(problem.rooms)]),
        ("groups", [(f"[{i}].unavailable", g.unavailable) for i, g in enumerate(problem.groups)]),
        ("sessions", [(f"[{i}].unavailable", s.unavailable) for i, s in enumerate(problem.sessions)]),
        (
            "speakers",
            [
                (f"[{i}].{field}", getattr(s, field))
                for i, s in enumerate(problem.speakers)
                for field in ("unavailable", "preferred", "undesired")
            ],
        ),
    ]
    for kind, entries in owners:
        for where, rules in entries:
            for j, rule in enumerate(rules):
                for k, period in enumerate(rule.periods or ()):
                    if period not in periods:
                        lines.append(f"{kind}{where}[{j}].periods[{k}]: no period '{period}'")
    return lines


def check_sessions(problem: Problem, grid: Grid) -> list[str]:
    lines = []
    for index, session in enumerate(problem.sessions):
        lines += _session_references(problem, session, f"sessions[{index}]")
        lines += _session_fits(problem, grid, session, f"sessions[{index}]")
        lines += _session_pins(problem, grid, session, f"sessions[{index}]")
    return lines


def _session_references(problem: Problem, session: Session, where: str) -> list[str]:
    speakers = {s.id for s in problem.speakers}
    groups = {g.id for g in problem.groups}
    sessions = {s.id for s in problem.sessions}
    periods = {p.id for p in problem.event.periods}
    lines = [f"{where}.speakers[{i}]: no speaker '{s}'" for i, s in enumerate(session.speakers) if s not in speakers]
    lines += [f"{where}.groups[{i}]: no group '{g}'" for i, g in enumerate(session.groups) if g not in groups]
    lines += [f"{where}.after[{i}]: no session '{s}'" for i, s in enumerate(session.after) if s not in sessions]
    lines += [f"{where}.after[{i}]: a session cannot follow itself" for i, s in enumerate(session.after) if s == session.id]
    lines += [
        f"{where}.periods[{i}]: no period '{p}'" for i, p in enumerate(session.periods or ()) if p not in periods
    ]
    if session.candidates is not None:
        pool = session.candidates.from_
        lines += [
            f"{where}.candidates.from[{i}]: no speaker '{s}'" for i, s in enumerate(pool) if s not in speakers
        ]
        if session.candidates.pick > len(set(pool)):
            lines.append(
                f"{where}.candidates.pick: picks {session.candidates.pick} speakers from only {len(set(pool))}"
            )
    return lines


def _session_fits(problem: Problem, grid: Grid, session: Session, where: str) -> list[str]:
    lines = []
    if session.length > grid.n_periods:
        lines.append(f"{where}.length: {session.length} periods is longer than a day ({grid.n_periods} periods)")
    known = {f for room in problem.rooms for f in room.features}
    missing = [f for f in session.features if f not in known]
    lines += [f"{where}.features: no room has '{f}'" for f in missing]
    if not missing and not any(set(session.features) <= set(r.features) for r in problem.rooms):
        lines.append(f"{where}.features: no room has all of {', '.join(session.features)}")
    seats = problem.attendance(session)
    largest = max(r.capacity for r in problem.rooms)
    if problem.rules.capacity == "hard" and seats > largest:
        lines.append(f"{where}: expects {seats} people but the largest room seats {largest}")
    return lines


def _session_pins(problem: Problem, grid: Grid, session: Session, where: str) -> list[str]:
    event = problem.event
    rooms = {r.id for r in problem.rooms}
    lines = []
    for i, pin in enumerate(session.pinned):
        at = f"{where}.pinned[{i}]"
        if pin.occurrence is not None and pin.occurrence > session.occurrences:
            lines.append(f"{at}.occurrence: the session has only {session.occurrences} occurrence(s)")
        if pin.room is not None and pin.room not in rooms:
            lines.append(f"{at}.room: no room '{pin.room}'")
        if pin.period is not None:
            index = grid.period_index(pin.period)
            if index is None:
                lines.append(f"{at}.period: no period '{pin.period}'")
            elif index + session.length > grid.n_periods:
                lines.append(f"{at}.period: a session of {session.length} periods starting at '{pin.period}' ends after the last period")
        if pin.date is not None:
            if not event.start <= pin.date <= event.end:
                lines.append(f"{at}.date: {pin.date} is outside the event ({event.start} to {event.end})")
            elif pin.date in event.holidays:
                lines.append(f"{at}.date: {pin.date} is a holiday")
            elif grid.day_index(pin.date) is None:
                lines.append(f"{at}.date: {pin.date} is not a working day")
    return lines


def check_group_load(problem: Problem, grid: Grid) -> list[str]:
    """A group cannot attend more periods than the calendar holds."""
    capacity = grid.n_days * grid.n_periods
    load: Counter[str] = Counter()
    for session in problem.sessions:
        for group in set(session.groups):
            load[group] += session.length * session.occurrences
    lines = []
    for index, group in enumerate(problem.groups):
        if load[group.id] > capacity:
            lines.append(
                f"groups[{index}]: '{group.name}' is booked for {load[group.id]} periods "
                f"but the calendar holds only {capacity}"
            )
    return lines
