"""Reading ``schedule.json`` (DESIGN.md) and checking that it fits its event.

Every problem is reported at once, one line each, naming the file and the
field: ``schedule.json: assignments[3].room: no room 'hall-9'``. The lines are
raised together as ``InvalidSchedule``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.domain.errors import InvalidEvent, InvalidSchedule
from planner.domain.messages import describe_pydantic_errors
from planner.domain.model import Problem
from planner.domain.schedule import Assignment, Schedule
from planner.io.files import not_utf8, parse_json

#: Problems listed before the rest are only counted.
MAX_LINES = 20


def read_schedule(path: Path, problem: Problem | None = None) -> Schedule:
    """Load a schedule file; with ``problem``, also check that it belongs to that event."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InvalidSchedule(f"{path}: cannot read the file ({error.strerror})") from None
    schedule = schedule_from_data(_parse(path.name, content), path.name)
    if problem is not None:
        lines = check_fits(schedule, problem)
        if len(lines) > MAX_LINES:
            lines = [*lines[:MAX_LINES], f"... and {len(lines) - MAX_LINES} more problems"]
        if lines:
            raise InvalidSchedule("\n".join(f"{path.name}: {line}" for line in lines))
    return schedule


def schedule_from_data(data: Any, name: str = "schedule") -> Schedule:
    """Validate parsed JSON into a ``Schedule``; ``name`` starts every message line."""
    if not isinstance(data, dict):
        raise InvalidSchedule(f"{name}: expected an object with event, status, objective, assignments")
    try:
        return Schedule.model_validate(data)
    except ValidationError as error:
        lines = describe_pydantic_errors(error)
        raise InvalidSchedule("\n".join(f"{name}: {line}" for line in lines)) from None


def another_event(schedule: Schedule, problem: Problem) -> str | None:
    """The line saying that ``schedule`` belongs to another event than ``problem``, if it does."""
    if schedule.event == problem.event.id:
        return None
    return (
        f"event: '{schedule.event}' but the event file is '{problem.event.id}': a schedule of another event?"
    )


def check_fits(schedule: Schedule, problem: Problem) -> list[str]:
    """Every way the schedule does not fit the event: other event, unknown ids, times, repeats."""
    if other := another_event(schedule, problem):  # the rest would only repeat it, id by id
        return [other]
    lines = []
    known = _Known.of(problem)
    seen: set[tuple[str, int]] = set()
    for index, assignment in enumerate(schedule.assignments):
        lines += _check_assignment(known, assignment, f"assignments[{index}]")
        if assignment.key in seen:
            lines.append(
                f"assignments[{index}]: session '{assignment.session}' occurrence "
                f"{assignment.occurrence} appears twice"
            )
        seen.add(assignment.key)
    return lines


@dataclass(frozen=True)
class _Known:
    """The ids an event defines, looked up once per schedule."""

    sessions: frozenset[str]
    rooms: frozenset[str]
    speakers: frozenset[str]
    groups: frozenset[str]

    @staticmethod
    def of(problem: Problem) -> _Known:
        return _Known(
            frozenset(s.id for s in problem.sessions),
            frozenset(r.id for r in problem.rooms),
            frozenset(s.id for s in problem.speakers),
            frozenset(g.id for g in problem.groups),
        )


def _check_assignment(known: _Known, assignment: Assignment, where: str) -> list[str]:
    lines = []
    if assignment.session not in known.sessions:
        lines.append(f"{where}.session: no session '{assignment.session}'")
    if assignment.room not in known.rooms:
        lines.append(f"{where}.room: no room '{assignment.room}'")
    for i, speaker in enumerate(assignment.speakers):
        if speaker not in known.speakers:
            lines.append(f"{where}.speakers[{i}]: no speaker '{speaker}'")
    for i, group in enumerate(assignment.groups):
        if group not in known.groups:
            lines.append(f"{where}.groups[{i}]: no group '{group}'")
    if assignment.end <= assignment.start:
        lines.append(
            f"{where}.end: {assignment.end.isoformat()} is not after start {assignment.start.isoformat()}"
        )
    return lines


def _parse(name: str, content: bytes) -> Any:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidSchedule(f"{name}: {not_utf8(content, error.start)}") from None
    try:
        return parse_json(text)
    except InvalidEvent as error:  # the event reader's words, placed by the schedule's name
        raise InvalidSchedule(
            "\n".join(f"{name}: {line.removeprefix('file: ')}" for line in error.problems)
        ) from None
