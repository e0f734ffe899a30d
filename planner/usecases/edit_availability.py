"""A speaker's availability as a week grid (weekday x period) plus the other rules.

The grid shows one row per working weekday and one tick box per period:
ticked means available. Weekly rules (only weekdays, optionally periods) are
what the grid shows; every other rule (dates, ranges, weeks) stays in the
"other rules" text in the notation of ``planner.io.rule_text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.domain.errors import InvalidEvent
from planner.domain.model import WEEKDAYS, Problem, Rule, Speaker
from planner.io.files import problem_to_data
from planner.io.rule_text import parse_rules, period_words
from planner.io.wording import Wording
from planner.usecases.edit import EditResult, validate

Row = dict[str, Any]


def is_weekly(rule: Rule) -> bool:
    """A rule the grid can show: weekdays, optionally periods, nothing else."""
    return rule.weekdays is not None and rule.model_fields_set <= {"weekdays", "periods"}


def grid_weekdays(problem: Problem) -> list[str]:
    extra = {WEEKDAYS[d.weekday()] for d in problem.event.extra_days}
    return [w for w in WEEKDAYS if w in problem.event.weekdays or w in extra]


def availability_rows(problem: Problem, speaker_id: str, language: str = "en") -> tuple[list[Row], str]:
    """The grid rows (``weekday`` and one flag per period) and the other rules as text (in ``language``)."""
    speaker = _speaker(problem, speaker_id)
    weekly = [r for r in speaker.unavailable if is_weekly(r)]
    others = tuple(r for r in speaker.unavailable if not is_weekly(r))
    periods = [p.id for p in problem.event.periods]
    rows = []
    for weekday in grid_weekdays(problem):
        row: Row = {"weekday": weekday}
        for period in periods:
            row[period] = not any(_blocks(r, weekday, period) for r in weekly)
        rows.append(row)
    return rows, Wording.of(problem, language).rules(others)


def set_availability(problem: Problem, speaker_id: str, rows: Sequence[Row], other_rules: str) -> EditResult:
    """Replace a speaker's unavailability with the grid's unticked boxes plus the other rules."""
    index = _index(problem, speaker_id)
    periods = tuple(p.id for p in problem.event.periods)
    try:
        others = parse_rules(other_rules, period_words(problem.event.periods))
    except ValueError as error:
        return EditResult(None, general=[f"speakers[{index}].unavailable: {error}"])
    weekly = [_weekly_rule(row, periods) for row in rows]
    rules = [r for r in weekly if r is not None] + [
        r.model_dump(by_alias=True, exclude_none=True) for r in others
    ]
    data = problem_to_data(problem)
    data["speakers"][index]["unavailable"] = rules
    return validate(data, "speakers")


def _blocks(rule: Rule, weekday: str, period: str) -> bool:
    return weekday in (rule.weekdays or ()) and (rule.periods is None or period in rule.periods)


def _weekly_rule(row: Row, periods: tuple[str, ...]) -> dict[str, Any] | None:
    blocked = [p for p in periods if not bool(row.get(p, True))]
    if not blocked:
        return None
    if len(blocked) == len(periods):
        return {"weekdays": [row["weekday"]]}
    return {"weekdays": [row["weekday"]], "periods": blocked}


def _speaker_index(problem: Problem, speaker_id: str) -> int | None:
    return next((i for i, s in enumerate(problem.speakers) if s.id == speaker_id), None)


def _index(problem: Problem, speaker_id: str) -> int:
    index = _speaker_index(problem, speaker_id)
    if index is None:
        raise InvalidEvent([f"speakers: no speaker '{speaker_id}'"])
    return index


def _speaker(problem: Problem, speaker_id: str) -> Speaker:
    return problem.speakers[_index(problem, speaker_id)]
