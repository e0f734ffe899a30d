"""The one text notation of availability rules, shared by workbook cells and the app's tables.

Rules are separated by ``;`` (also ``；`` or a new line); the words of one rule
are separated by spaces or commas (``,`` ``，`` ``、``) and every word given must
match (as in ``Rule``):

- ``2026-05-20`` a date (also ``2026/5/20``, ``2026年5月20日``); several dates in
  one rule make one rule per date (``2026-05-20, 2026-05-21 pm1``);
- ``2026-05-11..2026-05-15`` a range (also ``~`` or ``至``; either end may be left out);
- ``fri``, ``friday``, ``周五``, ``星期五`` weekdays;
- ``w3``, ``week 3``, ``week 3,4``, ``第3周`` weeks (counted from 1);
- any period of the event, by id (``pm1``) or by name (``下午第一节``) when the
  name is one word that reads as nothing else (``period_words``).

``2026-03-25; fri; 2026-03-24 pm1; mon w3`` reads "not on 25 March, not on
Fridays, not on the afternoon of 24 March, not on Monday of week 3".
``format_rules`` writes the canonical form (``mon,wed w3,w4 am1,pm1``) that
``parse_rules`` reads back to the same rules; its Chinese form (``周一、周三 第3周、第4周
上午第一节、下午第一节``, rules separated by ``；``, periods by name) reads back the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from planner.domain.messages import describe_pydantic_errors
from planner.domain.model import CHINESE_WEEKDAYS, WEEKDAYS, Period, Rule

_RULES = re.compile(r"[;；\n]")
_WORDS = re.compile(r"[\s,，、]+")
_RANGE = re.compile(r"\s*(\.\.|~|至)\s*")
_WEEK_LIST = re.compile(r"(?i)\bweeks?\s*(\d+(?:\s*[,，、]\s*\d+)*)")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
WEEK = re.compile(r"^(?:w|week|第)(\d+)周?$", re.IGNORECASE)
_ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES: dict[str, str] = {
    **{w: w for w in WEEKDAYS},
    **dict(zip(_ENGLISH_DAYS, WEEKDAYS, strict=True)),
    **{name: w for w, name in CHINESE_WEEKDAYS.items()},
    **{name.replace("周", "星期"): w for w, name in CHINESE_WEEKDAYS.items()},
    "周天": "sun",
    "星期天": "sun",
}


def reads_as_other_word(word: str) -> bool:
    """Whether a period's id or name would read as something else in a rule (a date, a range,
    a weekday, a week) or split into several words."""
    lower = word.lower()
    return (
        lower in WEEKDAY_NAMES
        or lower.startswith("week")
        or WEEK.match(lower) is not None
        or bool(re.match(r"^\d{4}[-/.年]", word))
        or _WORDS.search(word) is not None
        or any(sep in word for sep in ("..", "~", "至", ";", "；"))
    )


def period_words(periods: Sequence[Period]) -> dict[str, str]:
    """Each word a rule may use for a period -> the period's id: every id, and every name that is
    one word reading as nothing else and naming one period only (``下午第一节`` -> ``pm1``)."""
    return words_for([(p.id, p.name) for p in periods])


def words_for(things: Sequence[tuple[str, str | None]]) -> dict[str, str]:
    """Each word that names one of ``things`` ((id, name) pairs) -> its id: every id, and every
    name that is one word (no space nor list separator), reads as nothing else in a rule, is no
    other thing's id and names one thing only (``张立军`` -> ``zhang-lijun``)."""
    words = {thing_id: thing_id for thing_id, _ in things}
    names = [name for _, name in things if name]
    for thing_id, name in things:
        if name and name not in words and names.count(name) == 1 and not reads_as_other_word(name):
            words[name] = thing_id
    return words


def shown_names(things: Sequence[tuple[str, str | None]]) -> dict[str, str]:
    """Id -> the word a table writes for it: its name where ``words_for`` reads the name back,
    else the id."""
    shown = {thing_id: thing_id for thing_id, _ in things}
    for word, thing_id in words_for(things).items():
        if word != thing_id:
            shown[thing_id] = word
    return shown


def period_names(periods: Sequence[Period]) -> dict[str, str]:
    """Period id -> the word the rule text writes for it (``shown_names``)."""
    return shown_names([(p.id, p.name) for p in periods])


def parse_rules(text: str | None, periods: Sequence[str] | Mapping[str, str] | None) -> tuple[Rule, ...]:
    """Read the notation; ``ValueError`` names the word that is not understood.

    ``periods`` are the event's period ids, or the words for them of ``period_words``; ``None``
    when unknown (any other word is then a period).
    """
    if text is None:
        return ()
    known = None if periods is None else periods if isinstance(periods, Mapping) else {p: p for p in periods}
    rules: list[Rule] = []
    for part in _RULES.split(text):
        if part.strip():
            rules += parse_rule(part.strip(), known)
    return tuple(rules)


def parse_rule(text: str, periods: Mapping[str, str] | None) -> list[Rule]:
    """The rules of one part (one per date when it names several dates, else one)."""
    fields: dict[str, Any] = {}
    dates: list[str] = []
    for word in _words(text):
        dates += _read_word(word, periods, fields)
    try:
        if not dates:
            return [Rule.model_validate(fields)]
        return [Rule.model_validate({**fields, "date": day}) for day in dates]
    except ValidationError as error:
        lines = describe_pydantic_errors(error, root="")  # an error of the whole rule: its text says where
        raise ValueError(f"'{text}': {'; '.join(lines)}") from None


def _words(text: str) -> list[str]:
    """``week 3, 4 周五、2026-05-01 .. 2026-05-03`` -> ``[w3, w4, 周五, 2026-05-01..2026-05-03]``."""
    text = _WEEK_LIST.sub(lambda m: " ".join(f"w{n}" for n in re.split(r"\D+", m.group(1)) if n), text)
    text = _RANGE.sub(lambda m: m.group(1), text)
    return [word for word in _WORDS.split(text) if word]


def _read_word(word: str, periods: Mapping[str, str] | None, fields: dict[str, Any]) -> list[str]:
    """Put one word of a rule into ``fields``; return the date it names, if it is one."""
    lower = word.lower()
    if periods is not None and word in periods:
        fields.setdefault("periods", []).append(periods[word])
    elif _DATE.match(word):
        return [_checked_date(word)]
    elif (found := re.search(r"\.\.|~|至", word)) is not None:
        start, end = word[: found.start()], word[found.end() :]
        if start:
            fields["from"] = _checked_date(start)
        if end:
            fields["to"] = _checked_date(end)
    elif lower in WEEKDAY_NAMES:
        fields.setdefault("weekdays", []).append(WEEKDAY_NAMES[lower])
    elif (week := WEEK.match(word)) is not None:
        fields.setdefault("weeks", []).append(int(week.group(1)))
    elif periods is None:
        fields.setdefault("periods", []).append(word)
    else:
        raise ValueError(
            f"'{word}' is not a date (2026-05-20), a range (2026-05-11..2026-05-15), "
            f"a weekday (fri), a week (week 3) nor a period ({', '.join(periods)})"
        )
    return []


def _checked_date(text: str) -> str:
    match = _DATE.match(text)
    try:
        if match is None:
            raise ValueError
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        raise ValueError(f"'{text}' is not a date (write 2026-05-20)") from None


def format_rules(
    rules: Sequence[Rule], language: str = "en", periods: Mapping[str, str] | None = None
) -> str:
    """The canonical text of rules (``2026-03-25; fri; 2026-03-24 pm1``), read back by ``parse_rules``;
    in Chinese (``language="zh"``) ``2026-03-25；周五；2026-03-24 pm1``, read back the same.
    ``periods`` (``period_names``) writes periods by name: ``2026-03-24 下午第一节``."""
    return ("；" if language == "zh" else "; ").join(format_rule(rule, language, periods) for rule in rules)


def format_rule(rule: Rule, language: str = "en", periods: Mapping[str, str] | None = None) -> str:
    """One rule: date, range, weekdays, weeks, periods, each list joined by commas (``、`` in Chinese,
    with weekdays as ``周五`` and weeks as ``第3周``), periods as ``periods`` words them."""
    zh = language == "zh"
    comma = "、" if zh else ","
    words = []
    if rule.date is not None:
        words.append(rule.date.isoformat())
    if rule.from_ is not None or rule.to is not None:
        start = rule.from_.isoformat() if rule.from_ else ""
        words.append(f"{start}{'至' if zh else '..'}{rule.to.isoformat() if rule.to else ''}")
    if rule.weekdays:
        days = [CHINESE_WEEKDAYS[w] if zh else w for w in rule.weekdays]
        words.append(comma.join(days))
    if rule.weeks:
        words.append(comma.join(f"第{week}周" if zh else f"w{week}" for week in rule.weeks))
    if rule.periods:
        words.append(comma.join((periods or {}).get(p, p) for p in rule.periods))
    return " ".join(words)
