"""Structural validation item by item, so one bad item does not hide the others.

``split_problem`` validates the event header, each room, speaker, group and
session and the rules on their own. What validated goes on to the checks of
meaning (``planner.domain.validation``); what failed is reported, and the ids
of failed items are remembered so that references to them are not reported a
second time as "no speaker 'x'".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.domain.messages import Location, describe_pydantic_errors
from planner.domain.model import Event, Group, Problem, Room, Session, Settings, Speaker

M = TypeVar("M", bound=BaseModel)
Numbered = tuple[tuple[int, M], ...]
LISTS = ("rooms", "speakers", "groups", "sessions")
_REQUIRED_EVENT = ("start", "end", "periods")


@dataclass
class Parts:
    """What validated of an event, each item with its index in the file.

    ``failed`` holds, per kind (``rooms``, ``periods`` ...), the ids of items
    that failed but named an id. ``whole_event`` is false when any field of
    the header failed: checks of the calendar then wait for the fix.
    """

    event: Event | None = None
    whole_event: bool = False
    rooms: Numbered[Room] = ()
    speakers: Numbered[Speaker] = ()
    groups: Numbered[Group] = ()
    sessions: Numbered[Session] = ()
    rules: Settings | None = None
    failed: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in (*LISTS, "periods")})
    problems: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, problem: Problem) -> Parts:
        """The parts of an event that validated as a whole."""
        return cls(
            event=problem.event,
            whole_event=True,
            rooms=tuple(enumerate(problem.rooms)),
            speakers=tuple(enumerate(problem.speakers)),
            groups=tuple(enumerate(problem.groups)),
            sessions=tuple(enumerate(problem.sessions)),
            rules=problem.rules,
        )

    def ids(self, kind: str) -> set[str]:
        """Ids of the items of a kind, failed ones included (they exist, just broken)."""
        if kind == "periods":
            known = {p.id for p in self.event.periods} if self.event is not None else set()
        else:
            items: Numbered[Any] = getattr(self, kind)
            known = {item.id for _, item in items}
        return known | self.failed[kind]

    def problem(self) -> Problem:
        """The whole ``Problem``; only when nothing failed."""
        assert self.event is not None, "no event header"
        assert self.rules is not None, "no rules"
        return Problem(
            event=self.event,
            rooms=tuple(r for _, r in self.rooms),
            speakers=tuple(s for _, s in self.speakers),
            groups=tuple(g for _, g in self.groups),
            sessions=tuple(s for _, s in self.sessions),
            rules=self.rules,
        )


def split_problem(data: dict[str, Any]) -> Parts:
    """Validate every part of parsed event data on its own; see ``Parts``."""
    parts = Parts()
    allowed = ("event", *LISTS, "rules")
    parts.problems += [f"{key}: unknown field" for key in data if key not in allowed]
    _split_event(parts, data.get("event"))
    parts.rooms = _items(parts, "rooms", data.get("rooms"), Room)
    parts.speakers = _items(parts, "speakers", data.get("speakers"), Speaker)
    parts.groups = _items(parts, "groups", data.get("groups"), Group)
    parts.sessions = _items(parts, "sessions", data.get("sessions"), Session)
    if not parts.rooms and not parts.failed["rooms"] and isinstance(data.get("rooms"), list | tuple | None):
        parts.problems.append("rooms: must have at least 1 item(s)")
    parts.rules = _one(parts, ("rules",), data.get("rules", {}), Settings)
    return parts


def _one(parts: Parts, where: Location, raw: Any, model: type[M]) -> M | None:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        parts.problems += describe_pydantic_errors(error, where)
    except (ValueError, TypeError, RecursionError) as error:
        parts.problems.append(f"{where[0]}: {error}")
    return None


def _items(parts: Parts, kind: str, raw: Any, model: type[M]) -> Numbered[M]:
    """Each item of a list on its own; ``None`` (an empty YAML key) is an empty list."""
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple):
        parts.problems.append(f"{kind}: should be a list")
        return ()
    valid = []
    for index, item in enumerate(raw):
        checked = _one(parts, (kind, index), item, model)
        if checked is not None:
            valid.append((index, checked))
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            parts.failed[kind].add(item["id"])
    return tuple(valid)


def _split_event(parts: Parts, raw: Any) -> None:
    """The header; when it fails, what can still be checked of it (start, end, good periods)."""
    if raw is None:
        parts.problems.append("event: is required")
        return
    try:
        parts.event, parts.whole_event = Event.model_validate(raw), True
        return
    except ValidationError as error:
        parts.problems += describe_pydantic_errors(error, ("event",))
        broken = error.errors(include_url=False)
    except (ValueError, TypeError, RecursionError) as error:
        parts.problems.append(f"event: {error}")
        return
    if isinstance(raw, dict):
        parts.event = _salvage_event(parts, dict(raw), broken)


def _salvage_event(parts: Parts, raw: dict[str, Any], broken: Any) -> Event | None:
    """Drop the failing optional fields and periods; keep start, end and the good periods."""
    bad_periods = {
        item["loc"][1] for item in broken if item["loc"][:1] == ("periods",) and len(item["loc"]) > 1
    }
    bad_fields = {item["loc"][0] for item in broken if item["loc"] and item["loc"][0] != "periods"}
    if bad_fields & set(_REQUIRED_EVENT):
        return None
    periods = raw.get("periods")
    if isinstance(periods, list):
        for index in sorted(bad_periods):
            if isinstance(index, int) and isinstance(periods[index], dict):
                period_id = periods[index].get("id")
                if isinstance(period_id, str):
                    parts.failed["periods"].add(period_id)
        raw["periods"] = [p for i, p in enumerate(periods) if i not in bad_periods]
    for name in bad_fields:
        raw.pop(name, None)
    raw.setdefault("id", "event")
    raw.setdefault("title", "event")
    try:
        return Event.model_validate(raw)
    except (ValidationError, ValueError, TypeError):
        return None
