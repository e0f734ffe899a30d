"""The one text notation of availability rules (workbook cells and the app's tables)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.calendar import Grid
from planner.domain.model import Event, Period, Rule
from planner.io.rule_text import format_rules, parse_rules, period_names, period_words
from tests.strategies import events, rules

PERIODS = ("am1", "am2", "pm1")


def test_rule_text_parse_every_kind_of_word() -> None:
    rules = parse_rules("2026-03-25; fri; 2026-03-24 pm1; w3 mon; 2026-05-01..2026-05-05", PERIODS)
    assert rules == (
        Rule(date=dt.date(2026, 3, 25)),
        Rule(weekdays=("fri",)),
        Rule(date=dt.date(2026, 3, 24), periods=("pm1",)),
        Rule(weeks=(3,), weekdays=("mon",)),
        Rule.model_validate({"from": "2026-05-01", "to": "2026-05-05"}),
    )


def test_rule_text_office_spellings_read() -> None:
    text = "2026/3/25；星期五\n2026年3月24日 pm1；第2周 am1、am2; week 3, 4 周一; 2026-05-01 至 2026-05-03"
    assert parse_rules(text, PERIODS) == (
        Rule(date=dt.date(2026, 3, 25)),
        Rule(weekdays=("fri",)),
        Rule(date=dt.date(2026, 3, 24), periods=("pm1",)),
        Rule(weeks=(2,), periods=("am1", "am2")),
        Rule(weeks=(3, 4), weekdays=("mon",)),
        Rule.model_validate({"from": "2026-05-01", "to": "2026-05-03"}),
    )


def test_rule_text_several_dates_one_rule_each() -> None:
    assert parse_rules("2026-03-24, 2026-03-26 pm1", PERIODS) == (
        Rule(date=dt.date(2026, 3, 24), periods=("pm1",)),
        Rule(date=dt.date(2026, 3, 26), periods=("pm1",)),
    )


def test_rule_text_format_is_canonical() -> None:
    text = "2026-03-25; fri; 2026-03-24 pm1; mon,wed w3,w4; 2026-05-01..2026-05-05; ..2026-06-01"
    assert format_rules(parse_rules(text, PERIODS)) == text


def test_rule_text_blank_is_no_rule() -> None:
    assert (parse_rules("  ", PERIODS), parse_rules(None, PERIODS)) == ((), ())


def test_rule_text_unknown_word_named() -> None:
    with pytest.raises(ValueError, match=r"^'someday' is not a date \(2026-05-20\), a range"):
        parse_rules("fri; someday", PERIODS)


def test_rule_text_unknown_period_named_among_known_words() -> None:
    with pytest.raises(ValueError, match=r"^'ev9' is not a date .* nor a period \(am1, am2, pm1\)$"):
        parse_rules("2026-03-24 am1, ev9", PERIODS)


def test_rule_text_any_word_is_a_period_when_periods_unknown() -> None:
    assert parse_rules("fri ev9", None) == (Rule(weekdays=("fri",), periods=("ev9",)),)


def test_rule_text_bad_date_named() -> None:
    with pytest.raises(ValueError, match=r"^'2026-13-01' is not a date \(write 2026-05-20\)$"):
        parse_rules("2026-13-01", PERIODS)


def test_rule_text_week_zero_refused_with_the_rule() -> None:
    with pytest.raises(ValueError, match=r"^'w0 fri': "):
        parse_rules("w0 fri", PERIODS)


def test_rule_text_range_backwards_refused_in_the_rule_s_own_words() -> None:
    message = r"^'2026-05-15至2026-05-11': from 2026-05-15 is after to 2026-05-11: the range holds no day$"
    with pytest.raises(ValueError, match=message):
        parse_rules("2026-05-15至2026-05-11", PERIODS)
    assert parse_rules("2026-05-11至2026-05-15", PERIODS)[0].to == dt.date(2026, 5, 15)


@st.composite
def _event_and_rules(draw: st.DrawFn) -> tuple[Event, tuple[Rule, ...]]:
    event = draw(events())
    return event, draw(rules(event, most=4))


@settings(max_examples=60, deadline=None)
@given(_event_and_rules())
def test_rule_text_round_trips_random_rules(case: tuple[Event, tuple[Rule, ...]]) -> None:
    event, drawn = case
    periods = Grid(event).period_ids
    for language in ("en", "zh"):
        text = format_rules(drawn, language)
        assert parse_rules(text, periods) == drawn
        assert format_rules(parse_rules(text, periods), language) == text
        named = format_rules(drawn, language, period_names(event.periods))
        assert parse_rules(named, period_words(event.periods)) == drawn


def test_rule_text_in_chinese() -> None:
    rules = parse_rules(
        "2026-03-25; fri; 2026-03-24 pm1; w3 mon; 2026-05-01..2026-05-05; w1,w2 am1,pm1", PERIODS
    )
    assert format_rules(rules, "zh") == (
        "2026-03-25；周五；2026-03-24 pm1；周一 第3周；2026-05-01至2026-05-05；第1周、第2周 am1、pm1"
    )


def office_periods(*names: str | None) -> list[Period]:
    times = [("08:30", "10:00"), ("10:20", "11:50"), ("14:30", "16:00"), ("16:20", "17:50")]
    ids = ("am1", "am2", "pm1", "pm2")
    return [
        Period.model_validate({"id": i, "start": a, "end": b, "name": n})
        for i, (a, b), n in zip(ids, times, names, strict=False)
    ]


def test_rule_text_reads_and_writes_periods_by_name() -> None:
    periods = office_periods("上午第一节", "上午第二节", "下午第一节", "下午第二节")

    rules = parse_rules("周一、周三 上午第一节、pm2；2026-05-20 下午第一节", period_words(periods))

    assert rules == (
        Rule.model_validate({"weekdays": ["mon", "wed"], "periods": ["am1", "pm2"]}),
        Rule.model_validate({"date": "2026-05-20", "periods": ["pm1"]}),
    )
    named = format_rules(rules, "zh", period_names(periods))
    assert named == "周一、周三 上午第一节、下午第二节；2026-05-20 下午第一节"
    assert format_rules(rules, "zh") == "周一、周三 am1、pm2；2026-05-20 pm1"


def test_rule_text_period_names_that_read_otherwise_or_twice_stay_ids() -> None:
    periods = office_periods("周五", "Late morning", "afternoon", "afternoon")

    assert period_words(periods) == {"am1": "am1", "am2": "am2", "pm1": "pm1", "pm2": "pm2"}
    assert period_names(periods) == {"am1": "am1", "am2": "am2", "pm1": "pm1", "pm2": "pm2"}
    assert parse_rules("周五", period_words(periods))[0].weekdays == ("fri",)  # a weekday, not am1
    with pytest.raises(ValueError, match="'afternoon' is not a date"):
        parse_rules("afternoon", period_words(periods))
