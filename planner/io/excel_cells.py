"""Cells of an event workbook: what a cell holds <-> what the event file holds.

Office staff type dates as dates or text (``2026-05-20``, ``2026/5/20``,
``2026年5月20日``), numbers as numbers or text, lists with any comma
(``,`` ``，`` ``、``). Reading is lenient about those forms; anything it
cannot read is passed on unchanged so that validation names the cell.

Availability rules use the notation of ``planner.io.rule_text`` (``2026-05-20;
fri; week 3 am1,am2``), shared with the app's tables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from planner.io.excel_layout import EVENT_KINDS, KINDS, LANGUAGES, CellKind
from planner.io.rule_text import WEEKDAY_NAMES, parse_rules

_LIST = re.compile(r"[,，、;；\n]")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_TRUE = {"true", "yes", "y", "1", "是", "√", "✓", "x"}
_FALSE = {"false", "no", "n", "0", "否", ""}
_TAKES: dict[CellKind, str] = {
    "int": "a number",
    "percent": "a number",
    "date": "a date",
    "dates": "dates",
    "time": "a time",
}
"""What a column of each kind takes, for a yes/no cell where it does not belong; else text."""


def read_cell(value: Any, kind: CellKind, periods: Sequence[str] | Mapping[str, str] | None = ()) -> Any:
    """The event-file value of a cell (``None`` when blank); raises ``ValueError`` for unreadable rules."""
    text = as_text(value)
    if text is None:
        return None
    if isinstance(value, bool) and kind != "bool":  # Excel turns a typed TRUE into a yes/no value
        raise ValueError(
            f"holds {text.upper()}, a yes/no value: this column takes {_TAKES.get(kind, 'text')}"
        )
    match kind:
        case "int":
            return _int(value, text)
        case "percent":
            return _percent(value, text)
        case "bool":
            return _bool(value, text)
        case "date":
            return _date(value, text)
        case "time":
            return _time(value)
        case "list":
            return split_list(text)
        case "dates":
            return [_date(item, item) for item in split_list(text)]
        case "weekdays":
            return [WEEKDAY_NAMES.get(item.lower(), item) for item in split_list(text)]
        case "rules":
            return [
                rule.model_dump(mode="json", by_alias=True, exclude_none=True)
                for rule in parse_rules(text, periods)
            ]
        case "kind":
            return KINDS.get(text, text.lower())
        case "language":
            return LANGUAGES.get(text.lower(), text.lower())
        case "event_kind":
            return EVENT_KINDS.get(text, text.lower())
    return text


def as_text(value: Any) -> str | None:
    """A cell as stripped text; ``None`` when blank. Whole numbers lose their ``.0``."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def split_list(text: str) -> list[str]:
    """``a, b，c、d`` -> ``["a", "b", "c", "d"]``."""
    return [item.strip() for item in _LIST.split(text) if item.strip()]


def _int(value: Any, text: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(text) if re.fullmatch(r"[-+]?\d{1,18}", text) else value


def _percent(value: Any, text: str) -> Any:
    """A whole percentage: ``80``, ``80%`` (or ``80％``), or 0.8 from a cell formatted as a percentage."""
    if isinstance(value, float) and 0 < value <= 1:
        value = round(value * 100, 6)
        text = as_text(value) or text
    return _int(value, text.rstrip("%％").rstrip())


def _bool(value: Any, text: str) -> Any:
    if isinstance(value, bool):
        return value
    lower = text.lower()
    return True if lower in _TRUE else False if lower in _FALSE else value


def _date(value: Any, text: str) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return text  # as_text gave the ISO date (or date and time, which validation refuses)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    match = _DATE.match(text)
    if match is None:
        return text
    try:
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return text


def _from_serial(number: float) -> Any:
    """An Excel day number (a date cell that lost its format) as a date."""
    if not 1 <= number < 2958466:
        return number
    return (dt.date(1899, 12, 30) + dt.timedelta(days=int(number))).isoformat()


def _time(value: Any) -> Any:
    if isinstance(value, dt.datetime):  # a number of 1 or more (or below 0) in a time cell: a date
        # 9 typed in a cell formatted as a time shows as 00:00 in Excel too, and was read as midnight
        raise ValueError(f"holds {value:%Y-%m-%d %H:%M}, a date and not a time of day: type it as 08:30")
    if isinstance(value, dt.time):  # to the nearest minute: 08:29:59.994 is Excel's 08:30
        return _clock(value.hour * 60 + value.minute + (value.second + value.microsecond / 1e6) / 60)
    if isinstance(value, float) and 0 <= value < 1:
        return _clock(value * 24 * 60)
    text = as_text(value) or ""
    match = re.fullmatch(r"(\d{1,2})[:：.](\d{2})", text)
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else text


def _clock(minutes: float) -> dt.time:
    whole = min(round(minutes), 24 * 60 - 1)  # 23:59:59.9 is the day's last minute, not 24:00
    return dt.time(whole // 60, whole % 60)
