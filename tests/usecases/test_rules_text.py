"""The short notation of availability rules used in table cells."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.domain.model import Rule
from planner.usecases.rules_text import format_rules, parse_rules

PERIODS = ("am1", "am2", "pm1")


def test_rules_text_parse_every_kind_of_word() -> None:
    rules = parse_rules("2026-03-25; fri; 2026-03-24 pm1; w3 mon; 2026-05-01..2026-05-05", PERIODS)
    assert rules == (
        Rule(date=dt.date(2026, 3, 25)),
        Rule(weekdays=("fri",)),
        Rule(date=dt.date(2026, 3, 24), periods=("pm1",)),
        Rule(weeks=(3,), weekdays=("mon",)),
        Rule.model_validate({"from": "2026-05-01", "to": "2026-05-05"}),
    )


def test_rules_text_format_round_trips() -> None:
    text = "2026-03-25; fri; 2026-03-24 pm1; mon w3; 2026-05-01..2026-05-05; ..2026-06-01"
    assert format_rules(parse_rules(text, PERIODS)) == text


def test_rules_text_blank_is_no_rule() -> None:
    assert parse_rules("  ", PERIODS) == ()


def test_rules_text_unknown_word_named() -> None:
    with pytest.raises(ValueError, match="'someday' is neither a date"):
        parse_rules("fri; someday", PERIODS)


def test_rules_text_bad_date_named() -> None:
    with pytest.raises(ValueError, match=r"'2026-13-01' is not a date \(write 2026-05-20\)"):
        parse_rules("2026-13-01", PERIODS)
