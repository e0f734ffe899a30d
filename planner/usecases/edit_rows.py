"""Rows of the editable tables: one flat mapping per room, speaker, group, member, session or period.

Lists are written as comma-separated text (``、`` in Chinese, where periods,
speakers, groups and weekdays also go by name: ``planner.io.wording``) and availability
rules in the notation of ``planner.io.rule_text``, so that every cell is a plain
string, number or flag; cells are read back by id or by name (``Vocabulary``).
``to_<thing>`` turns a row back into the model's data (a mapping) and
raises ``ValueError`` naming the column that cannot be read; the models
themselves check the rest.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.domain.model import (
    RECORDS,
    Group,
    Member,
    Period,
    Problem,
    Room,
    Session,
    Speaker,
)
from planner.io.rule_text import WEEKDAY_NAMES, parse_rules, period_words, words_for
from planner.io.wording import Wording

Row = dict[str, Any]
_SEPARATORS = re.compile(r"[\s,，、;；]+")


@dataclass(frozen=True)
class Vocabulary:
    """The words rows may use for the event's periods, speakers and groups -> their ids: each id,
    and each name that reads back as that one thing (``planner.io.rule_text.words_for``)."""

    periods: Mapping[str, str] = field(default_factory=dict)
    speakers: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)

    def ids(self, value: Any, kind: Mapping[str, str]) -> list[str]:
        """The ids a list cell names (words not known are kept, for the model to name)."""
        return [kind.get(word, word) for word in words(value)]


def vocabulary(problem: Problem) -> Vocabulary:
    """Every word the event's rows may use for its periods, speakers and groups."""
    return Vocabulary(
        period_words(problem.event.periods),
        words_for([(k.id, k.name) for k in problem.speakers]),
        words_for([(g.id, g.name) for g in problem.groups]),
    )


def is_blank(value: Any) -> bool:
    """Empty cell: None, blank text or a NaN that a table library put in an empty cell."""
    return value is None or (isinstance(value, str) and not value.strip()) or value != value


def text(value: Any) -> str | None:
    return None if is_blank(value) else str(value).strip()


def words(value: Any) -> list[str]:
    """``"a, b c，d、e"`` -> ``["a", "b", "c", "d", "e"]`` (Chinese commas too)."""
    if is_blank(value):
        return []
    return [w for w in _SEPARATORS.split(str(value)) if w]


def number(value: Any, column: str) -> int | None:
    if is_blank(value):
        return None
    try:
        as_float = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{column}: '{value}' is not a number") from None
    if not math.isfinite(as_float):  # "inf", or digits beyond any float
        raise ValueError(f"{column}: '{_short(value)}' is not a number")
    if as_float != int(as_float):
        raise ValueError(f"{column}: '{value}' is not a whole number")
    return int(as_float)


def _short(value: Any) -> str:
    shown = str(value)
    return shown if len(shown) <= 20 else shown[:20] + "…"


def flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y", "x", "是")
    return not is_blank(value) and bool(value)


def rules(row: Row, column: str, known: Vocabulary) -> list[Any]:
    try:
        return [
            r.model_dump(by_alias=True, exclude_none=True)
            for r in parse_rules(text(row.get(column)), known.periods)
        ]
    except ValueError as error:
        raise ValueError(f"{column}: {error}") from None


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values so the model's defaults apply."""
    return {k: v for k, v in data.items() if v is not None and v != [] and v != ""}


# ---- rooms -------------------------------------------------------------------------------------


def room_row(room: Room, wording: Wording) -> Row:
    return {
        "id": room.id,
        "name": room.name,
        "capacity": room.capacity,
        "features": wording.listed(room.features),
        "building": room.building or "",
        "unavailable": wording.rules(room.unavailable),
    }


def to_room(row: Row, known: Vocabulary) -> dict[str, Any]:
    return compact(
        {
            "id": text(row.get("id")),
            "name": text(row.get("name")),
            "capacity": number(row.get("capacity"), "capacity"),
            "features": words(row.get("features")),
            "building": text(row.get("building")),
            "unavailable": rules(row, "unavailable", known),
        }
    )


# ---- speakers ----------------------------------------------------------------------------------


def speaker_row(speaker: Speaker, wording: Wording) -> Row:
    return {
        "id": speaker.id,
        "name": speaker.name,
        "organisation": speaker.organisation or "",
        "email": speaker.email or "",
        "per_day": speaker.limits.per_day,
        "per_week": speaker.limits.per_week,
        "unavailable": wording.rules(speaker.unavailable),
        "preferred": wording.rules(speaker.preferred),
        "undesired": wording.rules(speaker.undesired),
    }


def to_speaker(row: Row, known: Vocabulary) -> dict[str, Any]:
    limits = compact(
        {
            "per_day": number(row.get("per_day"), "per_day"),
            "per_week": number(row.get("per_week"), "per_week"),
        }
    )
    return compact(
        {
            "id": text(row.get("id")),
            "name": text(row.get("name")),
            "organisation": text(row.get("organisation")),
            "email": text(row.get("email")),
            "limits": limits or None,
            "unavailable": rules(row, "unavailable", known),
            "preferred": rules(row, "preferred", known),
            "undesired": rules(row, "undesired", known),
        }
    )


# ---- groups and members ------------------------------------------------------------------------


def group_row(group: Group, wording: Wording) -> Row:
    return {
        "id": group.id,
        "name": group.name,
        "size": group.size,
        "members": len(group.members),
        "unavailable": wording.rules(group.unavailable),
    }


def to_group(row: Row, known: Vocabulary) -> dict[str, Any]:
    return compact(
        {
            "id": text(row.get("id")),
            "name": text(row.get("name")),
            "size": number(row.get("size"), "size"),
            "unavailable": rules(row, "unavailable", known),
        }
    )


def member_row(member: Member, wording: Wording) -> Row:
    return {
        "name": member.name,
        "unit": member.unit or "",
        "role": member.role or "",
        **{record: wording.rules(getattr(member, record)) for record in RECORDS},
    }


def to_member(row: Row, known: Vocabulary) -> dict[str, Any]:
    return compact(
        {
            "name": text(row.get("name")),
            "unit": text(row.get("unit")),
            "role": text(row.get("role")),
            **{record: rules(row, record, known) for record in RECORDS},
        }
    )


# ---- sessions ----------------------------------------------------------------------------------


def session_row(session: Session, wording: Wording) -> Row:
    candidates = session.candidates
    return {
        "id": session.id,
        "title": session.title,
        "kind": session.kind.value,
        "course": session.course or "",
        "length": session.length,
        "occurrences": session.occurrences,
        "speakers": wording.listed(session.speakers, wording.speakers),
        "candidates": wording.listed(candidates.from_, wording.speakers) if candidates else "",
        "pick": candidates.pick if candidates else None,
        "groups": wording.listed(session.groups, wording.groups),
        "attendance": session.attendance,
        "features": wording.listed(session.features),
        "weekdays": wording.listed(session.weekdays, wording.weekdays),
        "periods": wording.listed(session.periods, wording.periods),
        "weekly": session.weekly,
        "min_days": session.min_days,
        "after": wording.listed(session.after),
        "exclusive": session.exclusive,
        "unavailable": wording.rules(session.unavailable),
        "abstract": session.abstract or "",
    }


def to_session(row: Row, known: Vocabulary) -> dict[str, Any]:
    pool = known.ids(row.get("candidates"), known.speakers)
    pick = number(row.get("pick"), "pick")
    return compact(
        {
            "id": text(row.get("id")),
            "title": text(row.get("title")),
            "kind": text(row.get("kind")),
            "course": text(row.get("course")),
            "length": number(row.get("length"), "length"),
            "occurrences": number(row.get("occurrences"), "occurrences"),
            "speakers": known.ids(row.get("speakers"), known.speakers),
            "candidates": compact({"from": pool, "pick": pick}) if pool else None,
            "groups": known.ids(row.get("groups"), known.groups),
            "attendance": number(row.get("attendance"), "attendance"),
            "features": words(row.get("features")),
            "weekdays": [WEEKDAY_NAMES.get(w.lower(), w.lower()) for w in words(row.get("weekdays"))] or None,
            "periods": known.ids(row.get("periods"), known.periods) or None,
            "weekly": flag(row.get("weekly")) or None,
            "min_days": number(row.get("min_days"), "min_days"),
            "after": words(row.get("after")),
            "exclusive": flag(row.get("exclusive")) or None,
            "unavailable": rules(row, "unavailable", known),
            "abstract": text(row.get("abstract")),
        }
    )


# ---- periods of the day ------------------------------------------------------------------------


def period_row(period: Period) -> Row:
    return {
        "id": period.id,
        "start": period.start.strftime("%H:%M"),
        "end": period.end.strftime("%H:%M"),
        "name": period.name or "",
    }


def to_period(row: Row, known: Vocabulary) -> dict[str, Any]:
    return compact(
        {
            "id": text(row.get("id")),
            "start": clock(row.get("start"), "start"),
            "end": clock(row.get("end"), "end"),
            "name": text(row.get("name")),
        }
    )


def clock(value: Any, column: str) -> str | None:
    """``8:30`` or ``08:30`` -> ``08:30``; a time value passes through."""
    if is_blank(value):
        return None
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    try:
        return dt.time.fromisoformat(str(value).strip().zfill(5)).strftime("%H:%M")
    except ValueError:
        raise ValueError(f"{column}: '{value}' is not a time (write 08:30)") from None


ToData = Callable[[Row, Vocabulary], dict[str, Any]]

SECTIONS: dict[str, tuple[Callable[[Any, Wording], Row], ToData]] = {
    "rooms": (room_row, to_room),
    "speakers": (speaker_row, to_speaker),
    "groups": (group_row, to_group),
    "sessions": (session_row, to_session),
}


def section_rows(problem: Problem, section: str, language: str = "en") -> list[Row]:
    """The rows of one section of an event, as the table shows them (availability rules written
    in ``language``: ``周一、周五 上午第一节`` in Chinese, read back either way)."""
    make_row = SECTIONS[section][0]
    items: tuple[Any, ...] = getattr(problem, section)
    words = Wording.of(problem, language)
    return [make_row(item, words) for item in items]
