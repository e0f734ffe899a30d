"""A Chinese conference's words (报告人, 分组, 议程, 场, 时段) for the messages and sentences
written for a training course (授课人, 班级, 课程, 讲, 节): every template, every rewriting rule."""

from __future__ import annotations

import re
import string

from planner.domain import messages
from planner.domain.messages import in_chinese
from planner.domain.wording import _RULES, conference_template
from solver import sentences

TRAINING = re.compile(r"授课|课|班|讲|节(?!假)")
"""A training course's words; 节假日 (holidays) is everybody's word."""
TEMPLATES = sorted(
    {chinese for _, chinese in messages._CHINESE}
    | {chinese for _, chinese in sentences.SENTENCES.values()}
    | set(messages._EDITS.values())
    | set(messages._SECTIONS.values())
    | set(messages._THINGS.values())
    | {f"{{n}} {unit}" for unit in sentences._UNITS.values()}
    | {"等 {n} 门课", "第 {n} 讲：", "授课人", "班级"}  # written in solver.sentences.Words
)


def fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def test_no_template_keeps_a_training_word_at_a_conference() -> None:
    left = [conference_template(t) for t in TEMPLATES if TRAINING.search(conference_template(t))]
    assert left == []


def test_every_template_keeps_its_fields() -> None:
    assert [t for t in TEMPLATES if fields(conference_template(t)) != fields(t)] == []


def test_every_rewriting_rule_rewrites_some_template() -> None:
    """A rule no template needs is dead; each one binds somewhere, in the order they are applied."""
    unused = []
    for index, (pattern, _) in enumerate(_RULES):
        before = list(TEMPLATES)
        for earlier, replacement in _RULES[:index]:
            before = [earlier.sub(replacement, t) for t in before]
        if not any(pattern.search(t) for t in before):
            unused.append(pattern.pattern)
    assert unused == []


def test_a_conference_message_keeps_the_values_of_the_event() -> None:
    """Only Huiwu's words change: an id or a value that holds 班级 or 讲 is quoted as it is."""
    line = "sessions[0].speakers[0]: no speaker 授课人-班级"
    assert in_chinese(line) == "sessions[0].speakers[0]: 没有授课人 授课人-班级"
    assert in_chinese(line, conference=True) == "sessions[0].speakers[0]: 没有报告人 授课人-班级"
    edits = "event x: version 3 was published meanwhile"
    assert in_chinese(edits, conference=True) == in_chinese(edits)


def test_a_training_message_is_unchanged() -> None:
    line = "sessions[2]: 5 occurrences but the calendar holds only 4 periods"
    assert in_chinese(line) == "sessions[2]: 要上 5 次，但日历只有 4 节"
    assert in_chinese(line, conference=True) == "sessions[2]: 要安排 5 次，但日历只有 4 个时段"
