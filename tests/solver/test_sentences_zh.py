"""The reasons for a Chinese event are in Chinese: every rule of the explanation model, every
counting check, and the office sample made impossible end to end."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from planner.domain.errors import InfeasibleProblem
from planner.domain.model import Pin, Rule
from planner.io.files import read_problem
from solver import SolveOptions, solve
from solver.explain import _no_room, quick_reasons
from solver.sentences import SENTENCES, Words, describe
from tests.solver.events import BASE, event

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
"""An English word of three letters or more: none belongs in a Chinese sentence."""

SPEAKERS = [
    {
        "id": "wang",
        "name": "王海燕",
        "limits": {"per_day": 1, "per_week": 2},
        "unavailable": [{"weekdays": ["mon"]}],
    },
    {"id": "li", "name": "李春梅"},
]
GROUPS = [{"id": "c1", "name": "一班", "size": 40, "unavailable": [{"weekdays": ["fri"]}]}]
ROOMS = [
    {"id": "a", "name": "第一教室", "capacity": 60, "features": ["投影仪"], "unavailable": ["2026-03-24"]},
    {"id": "b", "name": "研讨室", "capacity": 12, "features": ["圆桌"], "building": "教学楼"},
]
SESSIONS: list[dict[str, Any]] = [
    {
        "id": "m",
        "title": "会务管理",
        "occurrences": 3,
        "speakers": ["wang"],
        "groups": ["c1"],
        "weekly": True,
    },
    {
        "id": "r",
        "title": "调查研究",
        "candidates": {"from": ["wang", "li"], "pick": 1},
        "groups": ["c1"],
        "after": ["m"],
        "weekdays": ["tue", "wed"],
        "periods": ["am1"],
        "pinned": {"date": "2026-03-25", "room": "a"},
        "exclusive": True,
    },
]


def _chinese(**changes: Any) -> Any:
    sections: dict[str, Any] = {"speakers": SPEAKERS, "groups": GROUPS, "rooms": ROOMS} | changes
    sessions = sections.pop("sessions", SESSIONS)
    names = {"am1": "上午第一节", "am2": "上午第二节", "pm1": "下午第一节"}
    periods = [{**period, "name": names[period["id"]]} for period in BASE["event"]["periods"]]
    return event(sessions, event={**BASE["event"], "language": "zh", "periods": periods}, **sections)


def _assert_chinese(sentence: str, *names: str) -> None:
    assert CHINESE.search(sentence), sentence
    assert not ENGLISH_WORD.search(sentence), sentence
    for name in names:
        assert name in sentence, (name, sentence)


RULES = [
    (("speaker_unavailable", "wang"), ["王海燕", "在 2026-03-23 至 2026-03-27 期间"]),
    (("speaker_unavailable", "li"), ["李春梅", "候选授课人"]),
    (("speaker_clash", "wang"), ["王海燕", "“会务管理”"]),
    (("speaker_per_day", "wang"), ["王海燕每天最多 1 讲，却要讲 3 讲（“会务管理”）"]),
    (("speaker_per_week", "wang"), ["王海燕每周最多 2 讲，1 周内却要讲 3 讲（“会务管理”）"]),
    (("travel", "wang"), ["王海燕", "分钟"]),
    (("group_unavailable", "c1"), ["一班要上 4 节课"]),
    (("group_clash", "c1"), ["一班", "“会务管理”、“调查研究”"]),
    (("room_closed", "a"), ["第一教室在 15 节中有 3 节不开放"]),
    (("room_clash", "a"), ["第一教室"]),
    (("session_times", "r"), ["“调查研究”（1 讲）", "只能安排在周二、周三上午第一节"]),
    (("pin", "r"), ["“调查研究”固定在 2026-03-25 第一教室"]),
    (("after", "r"), ["“调查研究”必须排在“会务管理”的全部讲次之后"]),
    (("weekly", "m"), ["“会务管理”", "1 周内 3 讲"]),
    (("exclusive", "r"), ["“调查研究”进行时不能同时安排其他活动"]),
]


@pytest.mark.parametrize(("reason", "parts"), RULES, ids=[f"{r[0]}-{r[1]}" for r, _ in RULES])
def test_every_rule_is_worded_in_chinese(reason: tuple[str, str], parts: list[str]) -> None:
    _assert_chinese(describe(_chinese(), reason), *parts)


def test_the_english_sentences_are_unchanged_for_an_english_event() -> None:
    english = event(SESSIONS, speakers=SPEAKERS, groups=GROUPS, rooms=ROOMS)
    assert describe(english, ("speaker_per_day", "wang")) == (
        "王海燕 may teach at most 1 session a day and has 3 to teach ('会务管理')"
    )
    assert set(SENTENCES) >= {"speaker_free", "no_room", "pins_collide"}


def test_counting_checks_are_worded_in_chinese() -> None:
    pin = {"date": "2026-03-23", "period": "am1"}
    sessions = [
        {"id": "m", "title": "会务管理", "occurrences": 13, "speakers": ["wang"], "groups": ["c1"]},
        {"id": "round", "title": "分组研讨", "attendance": 10, "features": ["圆桌"]},
        {"id": "x", "title": "信息处理", "speakers": ["li"], "pinned": pin},
        {"id": "z", "title": "公文写作", "speakers": ["li"], "pinned": pin},
    ]
    closed = {**ROOMS[1], "unavailable": [{"weekdays": ["mon", "tue", "wed", "thu", "fri"]}]}
    problem = _chinese(sessions=sessions, rooms=[ROOMS[0], closed])
    found = quick_reasons(problem)
    for sentence in found:
        _assert_chinese(sentence)
    assert found == [
        "王海燕要讲 13 节，但在 2026-03-23 至 2026-03-27 期间只有 12 节有空",
        "一班要上 13 节课，但在 2026-03-23 至 2026-03-27 期间只有 12 节有空",
        "“分组研讨”只能用研讨室，而在它可以安排的时间都不开放",
        "“信息处理”和“公文写作”都固定在 2026-03-23 上午第一节，且共用授课人李春梅",
    ]
    words, session = Words(problem), problem.session("round")
    assert _no_room(words, session) == "没有场地能容纳“分组研讨”：它需要10 个座位和圆桌"
    pinned = session.model_copy(update={"pinned": (Pin(room="a"),)})
    assert _no_room(words, pinned) == "“分组研讨”固定在第一教室，但那里没有10 个座位和圆桌"


def test_candidates_short_of_a_course_are_worded_in_chinese() -> None:
    """Each free on one day, one lecture a day: two of the three lectures of 调查研究."""
    weekdays = ["mon", "tue", "wed", "thu", "fri"]
    speakers = [
        {
            "id": k,
            "name": name,
            "limits": {"per_day": 1},
            "unavailable": [{"weekdays": weekdays[:n] + weekdays[n + 1 :]}],
        }
        for n, (k, name) in enumerate([("wang", "王海燕"), ("li", "李春梅")])
    ]
    pool = {"from": ["wang", "li"], "pick": 1}
    problem = _chinese(
        speakers=speakers, sessions=[{"id": "r", "title": "调查研究", "occurrences": 3, "candidates": pool}]
    )
    assert quick_reasons(problem) == [
        "“调查研究”（3 讲）须由王海燕或李春梅讲授，但在 2026-03-23 至 2026-03-27 期间最多只能讲授 2 讲"
        "（王海燕 1 讲、李春梅 1 讲）"
    ]
    limit = describe(problem, ("speaker_per_day", "li"))
    _assert_chinese(limit, "李春梅（“调查研究”的候选授课人）每天最多 1 讲")


def test_the_office_sample_made_impossible_says_why_in_chinese() -> None:
    problem = read_problem(ROOT / "samples" / "office-training-2026.yaml")
    wu = next(k for k in problem.speakers if k.id == "wu-guoqiang")
    away = wu.model_copy(update={"unavailable": (*wu.unavailable, Rule(weeks=(1, 2, 3, 4, 5, 6)))})
    problem = problem.model_copy(update={"speakers": tuple(away if k is wu else k for k in problem.speakers)})
    with pytest.raises(InfeasibleProblem) as caught:
        solve(problem, SolveOptions(time_limit=5, workers=1))
    assert caught.value.reasons == ("吴国强要讲 9 节，但在 2026-05-11 至 2026-06-26 期间只有 8 节有空",)


CONFERENCE_RULES = [
    (("speaker_unavailable", "li"), ["李春梅（“调查研究”的候选报告人）"]),
    (("speaker_per_day", "wang"), ["王海燕每天最多 1 场，却要做 3 场报告（“会务管理”）"]),
    (("group_unavailable", "c1"), ["一班要参加 4 个时段"]),
    (("room_closed", "a"), ["第一教室在 15 个时段中有 3 个时段不开放"]),
    (("after", "r"), ["“调查研究”必须排在“会务管理”的全部场次之后"]),
    (("weekly", "m"), ["“会务管理”须每周同一天同一时段", "1 周内 3 场"]),
]


@pytest.mark.parametrize(
    ("reason", "parts"), CONFERENCE_RULES, ids=[f"{r[0]}-{r[1]}" for r, _ in CONFERENCE_RULES]
)
def test_a_chinese_conference_is_worded_as_one(reason: tuple[str, str], parts: list[str]) -> None:
    training = _chinese()
    conference = training.model_copy(
        update={"event": training.event.model_copy(update={"kind": "conference"})}
    )
    sentence = describe(conference, reason)
    _assert_chinese(sentence, *parts)
    assert not re.search(r"授课|课|讲次|\d 讲|\d 节", sentence), sentence
    assert describe(training, reason) != sentence
