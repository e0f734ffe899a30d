"""A short text notation for availability rules, for one cell of an editable table.

Rules are separated by ``;``; the words of one rule by spaces, and every word
given must match (as in ``Rule``):

- ``2026-05-20`` a date; ``2026-05-01..2026-05-05`` a range (either end may be left out);
- ``mon`` ... ``sun`` weekdays; ``w3`` week 3 (weeks count from 1);
- any period id of the event (``am1``).

``2026-03-25; fri; 2026-03-24 pm1`` reads "not on 25 March, not on Fridays,
not on the afternoon of 24 March".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from planner.domain.model import WEEKDAYS, Rule

_WEEK = re.compile(r"^w(?:eek)?(\d+)$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def format_rules(rules: tuple[Rule, ...]) -> str:
    """The notation of a list of rules (inverse of ``parse_rules``)."""
    return "; ".join(format_rule(rule) for rule in rules)


def format_rule(rule: Rule) -> str:
    words: list[str] = []
    if rule.date is not None:
        words.append(rule.date.isoformat())
    if rule.from_ is not None or rule.to is not None:
        start = rule.from_.isoformat() if rule.from_ else ""
        words.append(f"{start}..{rule.to.isoformat() if rule.to else ''}")
    words += list(rule.weekdays or ())
    words += [f"w{week}" for week in rule.weeks or ()]
    words += list(rule.periods or ())
    return " ".join(words)


def parse_rules(text: str | None, periods: tuple[str, ...]) -> tuple[Rule, ...]:
    """Read the notation; raise ``ValueError`` naming the first word that is not understood."""
    if text is None or not text.strip():
        return ()
    return tuple(parse_rule(part, periods) for part in text.split(";") if part.strip())


def parse_rule(text: str, periods: tuple[str, ...]) -> Rule:
    fields: dict[str, Any] = {}
    for word in text.replace(",", " ").split():
        _read_word(word, periods, fields)
    try:
        return Rule.model_validate(fields)
    except ValidationError:
        raise ValueError(f"'{text.strip()}' is not a rule") from None


def _read_word(word: str, periods: tuple[str, ...], fields: dict[str, Any]) -> None:
    lower = word.lower()
    if word in periods:
        fields.setdefault("periods", []).append(word)
    elif lower in WEEKDAYS:
        fields.setdefault("weekdays", []).append(lower)
    elif (week := _WEEK.match(word)) is not None:
        fields.setdefault("weeks", []).append(int(week.group(1)))
    elif ".." in word:
        start, _, end = word.partition("..")
        if start:
            fields["from"] = _date(start)
        if end:
            fields["to"] = _date(end)
    elif _DATE.match(word):
        fields["date"] = _date(word)
    else:
        raise ValueError(
            f"'{word}' is neither a date (2026-05-20), a range (2026-05-01..2026-05-05), "
            f"a weekday (mon), a week (w3) nor a period ({', '.join(periods)})"
        )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date (write 2026-05-20)") from None
