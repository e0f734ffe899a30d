"""Templates for a new event: a small valid event to start from, in Chinese or English.

``new_event(template, language, first_day)`` returns a ``Problem`` whose dates
start on ``first_day`` (the caller passes today's date; no clock is read here).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.domain.errors import InvalidEvent
from planner.domain.model import Problem
from planner.io.files import problem_from_data

TEMPLATES = ("training", "conference", "meeting")

_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "training": "业务培训班",
        "conference": "学术会议",
        "meeting": "工作会议",
        "host": "主办单位",
        "room": "第一教室",
        "hall": "报告厅",
        "small": "小会议室",
        "class": "一班",
        "opening": "开班仪式",
        "lecture": "专题讲座",
        "keynote": "主旨报告",
        "talk": "分会报告",
        "agenda": "会议议程",
        "am": "上午",
        "pm": "下午",
        "participants": "与会人员",
    },
    "en": {
        "training": "Training course",
        "conference": "Conference",
        "meeting": "Working meeting",
        "host": "Host office",
        "room": "Classroom 1",
        "hall": "Main hall",
        "small": "Small meeting room",
        "class": "Class 1",
        "opening": "Opening ceremony",
        "lecture": "Lecture",
        "keynote": "Keynote",
        "talk": "Track talk",
        "agenda": "Agenda",
        "am": "Morning",
        "pm": "Afternoon",
        "participants": "Participants",
    },
}


def new_event(template: str, language: str, first_day: dt.date) -> Problem:
    """A new event from a template (``training``, ``conference`` or ``meeting``)."""
    if template not in TEMPLATES:
        raise InvalidEvent([f"template: no template '{template}' (choose {', '.join(TEMPLATES)})"])
    if language not in _TEXT:
        raise InvalidEvent([f"event.language: '{language}' is not zh or en"])
    words = _TEXT[language]
    monday = first_day + dt.timedelta(days=(7 - first_day.weekday()) % 7)
    build = {"training": _training, "conference": _conference, "meeting": _meeting}[template]
    data = build(words, monday)
    data["event"] |= {"language": language, "title": words[template], "hosts": [words["host"]]}
    data["event"].setdefault("timezone", "Asia/Shanghai" if language == "zh" else "UTC")
    return problem_from_data(data)


def _periods(count: int, words: dict[str, str]) -> list[dict[str, str]]:
    times = [("08:30", "10:00"), ("10:20", "11:50"), ("14:00", "15:30"), ("15:50", "17:20")]
    names = [words["am"], words["am"], words["pm"], words["pm"]]
    ids = ["am1", "am2", "pm1", "pm2"]
    return [{"id": ids[i], "start": times[i][0], "end": times[i][1], "name": names[i]} for i in range(count)]


def _training(words: dict[str, str], monday: dt.date) -> dict[str, Any]:
    return {
        "event": {
            "id": "training",
            "start": monday,
            "end": monday + dt.timedelta(days=25),
            "periods": _periods(4, words),
        },
        "rooms": [{"id": "room-1", "name": words["room"], "capacity": 60, "features": ["projector"]}],
        "groups": [{"id": "class-1", "name": words["class"], "size": 50}],
        "sessions": [
            {"id": "opening", "title": words["opening"], "kind": "ceremony", "groups": ["class-1"]},
            {
                "id": "lecture",
                "title": words["lecture"],
                "occurrences": 4,
                "groups": ["class-1"],
                "after": ["opening"],
            },
        ],
    }


def _conference(words: dict[str, str], monday: dt.date) -> dict[str, Any]:
    return {
        "event": {
            "id": "conference",
            "start": monday,
            "end": monday + dt.timedelta(days=2),
            "periods": _periods(4, words),
        },
        "rooms": [
            {"id": "hall", "name": words["hall"], "capacity": 300, "features": ["projector"]},
            {"id": "room-b", "name": words["small"], "capacity": 60, "features": ["projector"]},
        ],
        "groups": [{"id": "all", "name": words["participants"], "size": 200}],
        "sessions": [
            {"id": "keynote", "title": words["keynote"], "groups": ["all"], "exclusive": True},
            {"id": "talk", "title": words["talk"], "attendance": 50, "occurrences": 3},
        ],
    }


def _meeting(words: dict[str, str], monday: dt.date) -> dict[str, Any]:
    return {
        "event": {"id": "meeting", "start": monday, "end": monday, "periods": _periods(2, words)},
        "rooms": [{"id": "room-1", "name": words["small"], "capacity": 20}],
        "groups": [{"id": "all", "name": words["participants"], "size": 12}],
        "sessions": [{"id": "agenda", "title": words["agenda"], "kind": "discussion", "groups": ["all"]}],
    }
