"""Cells of an event workbook: what a cell holds <-> what the event file holds.

Office staff type dates as dates or text (``2026-05-20``, ``2026/5/20``,
``2026年5月20日``), numbers as numbers or text, lists with any comma
(``,`` ``，`` ``、``). Reading is lenient about those forms; anything it
cannot read is passed on unchanged so that validation names the cell.

Availability rules are written one per ``;`` in a cell, each rule a few words
that must all match: ``2026-05-20`` (a date), ``2026-05-11..2026-05-15`` (a
range, either end may be left out), ``fri`` or ``mon,wed`` (weekdays, also
``周五``), ``week 3`` or ``week 3,4`` (also ``w3``, ``第3周``) and period ids
(``pm1,pm2``). ``2026-05-20 pm1,pm2`` is the afternoon of 20 May;
``2026-05-20, 2026-05-21`` (several dates) is one rule per date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from planner.domain.messages import describe_pydantic_errors
from planner.domain.model import WEEKDAYS, Rule
from planner.io.excel_layout import KINDS, LANGUAGES, CellKind

_LIST = re.compile(r"[,，、;；\n]")
_ITEMS = re.compile(r"[,，、]")
_RULES = re.compile(r"[;；\n]")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
WEEK = re.compile(r"^(?:w|week|第)(\d+)周?$", re.IGNORECASE)
_CN_DAYS = "一二三四五六日"
WEEKDAY_NAMES: dict[str, str] = {
    **{w: w for w in WEEKDAYS},
    **dict(
        zip(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
            WEEKDAYS,
            strict=True,
        )
    ),
    **{f"周{c}": w for c, w in zip(_CN_DAYS, WEEKDAYS, strict=True)},
    **{f"星期{c}": w for c, w in zip(_CN_DAYS, WEEKDAYS, strict=True)},
    "周天": "sun",
    "星期天": "sun",
}
_TRUE = {"true", "yes", "y", "1", "是", "√", "✓", "x"}
_FALSE = {"false", "no", "n", "0", "否", ""}


def read_cell(value: Any, kind: CellKind, periods: Sequence[str] | None = ()) -> Any:
    """The event-file value of a cell (``None`` when blank); raises ``ValueError`` for unreadable rules."""
    text = as_text(value)
    if text is None:
        return None
    match kind:
        case "int":
            return _int(value, text)
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
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    text = as_text(value) or ""
    match = re.fullmatch(r"(\d{1,2})[:：.](\d{2})", text)
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else text


def parse_rules(text: str, periods: Sequence[str] | None) -> list[Rule]:
    """Rules of a cell (``2026-05-20; fri; 2026-05-24 pm1``); ``ValueError`` names the word not understood.

    ``periods`` are the event's period ids; ``None`` when unknown (any other word is then a period).
    """
    rules: list[Rule] = []
    for part in _RULES.split(text):
        if part.strip():
            rules += _parse_rule(part.strip(), periods)
    return rules


def _parse_rule(text: str, periods: Sequence[str] | None) -> list[Rule]:
    words = re.sub(r"(?i)\b(weeks?)\s+", r"\1", _ITEMS.sub(",", text))
    words = re.sub(r"\s*,\s*", ",", words)
    fields: dict[str, Any] = {}
    dates: list[str] = []
    for word in words.split():
        dates += _read_word(word.removesuffix(",").replace("weeks", "week"), periods, fields)
    try:
        if not dates:
            return [Rule.model_validate(fields)]
        return [Rule.model_validate({**fields, "date": day}) for day in dates]
    except ValidationError as error:
        raise ValueError(f"'{text}': {'; '.join(describe_pydantic_errors(error))}") from None


def _read_word(word: str, periods: Sequence[str] | None, fields: dict[str, Any]) -> list[str]:
    """Put one word of a rule into ``fields``; return the dates it names."""
    items = [item for item in word.split(",") if item]
    if items and all(_DATE.match(item) for item in items):
        return [_checked_date(item) for item in items]
    if any(sep in word for sep in ("..", "~", "至")):
        start, _, end = re.split(r"(\.\.|~|至)", word, maxsplit=1)
        if start:
            fields["from"] = _checked_date(start)
        if end:
            fields["to"] = _checked_date(end)
        return []
    if word.lower().startswith("week") and word[4:].replace(",", "").isdigit():
        items = [f"w{item}" for item in word[4:].split(",") if item]
    if items and all(item in (periods or ()) for item in items):
        fields.setdefault("periods", []).extend(items)
    elif items and all(item.lower() in WEEKDAY_NAMES for item in items):
        fields.setdefault("weekdays", []).extend(WEEKDAY_NAMES[item.lower()] for item in items)
    elif items and all(WEEK.match(item) for item in items):
        fields.setdefault("weeks", []).extend(int(WEEK.match(item).group(1)) for item in items)  # type: ignore[union-attr]
    elif items and periods is None:
        fields.setdefault("periods", []).extend(items)
    else:
        raise ValueError(_not_understood(word, items, periods or ()))
    return []


def _not_understood(word: str, items: list[str], periods: Sequence[str]) -> str:
    """Name the first item of a word that is no date, weekday, week or period."""
    known = [item in periods or item.lower() in WEEKDAY_NAMES or WEEK.match(item) for item in items]
    shown = next((item for item, ok in zip(items, known, strict=True) if not ok), word)
    return (
        f"'{shown}' is not a date (2026-05-20), a range (2026-05-11..2026-05-15), "
        f"a weekday (fri), a week (week 3) nor a period ({', '.join(periods)})"
    )


def _checked_date(text: str) -> str:
    match = _DATE.match(text)
    try:
        if match is None:
            raise ValueError
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        raise ValueError(f"'{text}' is not a date (write 2026-05-20)") from None


def format_rules(rules: Sequence[Rule]) -> str:
    """The text of rules for one cell, read back by ``parse_rules``."""
    return "; ".join(format_rule(rule) for rule in rules)


def format_rule(rule: Rule) -> str:
    words = []
    if rule.date is not None:
        words.append(rule.date.isoformat())
    if rule.from_ is not None or rule.to is not None:
        words.append(
            f"{rule.from_.isoformat() if rule.from_ else ''}..{rule.to.isoformat() if rule.to else ''}"
        )
    if rule.weekdays:
        words.append(",".join(rule.weekdays))
    if rule.weeks:
        words.append("week " + ",".join(str(week) for week in rule.weeks))
    if rule.periods:
        words.append(",".join(rule.periods))
    return " ".join(words)
