"""Validation messages in Chinese: every message the validation tests expect has Chinese words,
keeps its location (the item and the field), and the values it quotes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from planner.domain.errors import InvalidEvent
from planner.domain.messages import in_chinese, parse_location
from planner.io.files import problem_from_data

HERE = Path(__file__).resolve().parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"\b(is|are|must|should|no|not|has|have|the|of|only|but|at|a|an|to)\b")


def _expected_messages() -> list[str]:
    """The ``location: text`` strings the validation tests assert."""
    found = []
    for path in sorted(HERE.glob("test_validation*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                location, text = parse_location(node.value)
                if location and text and " " in text:
                    found.append(node.value)
    return sorted(set(found))


MESSAGES = _expected_messages()


def test_the_validation_tests_give_enough_messages_to_check() -> None:
    assert len(MESSAGES) >= 30


@pytest.mark.parametrize("line", MESSAGES)
def test_every_validation_message_reads_in_chinese(line: str) -> None:
    chinese = in_chinese(line)
    _, english = parse_location(line)
    assert chinese != line
    assert chinese.startswith(line.split(": ", 1)[0] + ": ")  # the item and the field stay
    text = chinese.split(": ", 1)[1]
    assert CHINESE.search(text), chinese
    outside_quotes = re.sub(r"'[^']*'|“[^”]*”", "", text)
    assert not ENGLISH.search(outside_quotes), chinese
    for quoted in re.findall(r"'[^']*'", english):
        assert quoted in text, (quoted, chinese)


def test_examples_read_as_written() -> None:
    assert (
        in_chinese("sessions[4].speakers[0]: no speaker 'li-wei'")
        == "sessions[4].speakers[0]: 没有授课人 'li-wei'"
    )
    assert (
        in_chinese("rooms[2].capacity: must be greater than 0 (got 0)")
        == "rooms[2].capacity: 必须大于 0（填的是 0）"
    )
    assert (
        in_chinese("sessions[1].features: no room has '圆桌'") == "sessions[1].features: 没有场地具备 '圆桌'"
    )
    assert in_chinese("size: 'abc' is not a number") == "size: 'abc' 不是数字"
    assert in_chinese("event.language: should be 'zh' or 'en' (got 'fr')") == (
        "event.language: 应是 'zh' 或 'en' 之一（填的是 'fr'）"
    )
    assert in_chinese("a line no pattern knows") == "a line no pattern knows"


def test_a_real_invalid_event_reads_in_chinese() -> None:
    data = {
        "event": {"id": "e", "title": "培训", "start": "2026-05-11", "end": "2026-05-15", "language": "zh"},
        "rooms": [{"id": "r", "name": "教室", "capacity": 0}],
        "sessions": [{"id": "s", "title": "课", "speakers": ["nobody"]}],
    }
    with pytest.raises(InvalidEvent) as caught:
        problem_from_data(data)
    lines = [in_chinese(line) for line in caught.value.problems]
    assert lines
    assert all(CHINESE.search(line) for line in lines), lines
