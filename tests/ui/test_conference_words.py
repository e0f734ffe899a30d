"""The Chinese screens speak of a conference (报告人, 议程, 会场, 分组) when the open event is one,
as its printed agendas do, and of a training course (授课人, 课程, 教室, 班级) otherwise."""

from __future__ import annotations

import contextlib
import json
import string
from typing import Any

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from planner.io.files import read_problem
from tests.ui.conftest import ROOT, open_sample, problem_of, solved
from ui import i18n
from ui.navigation import PAGES

TRAINING_WORDS = ("授课", "课程", "班级", "学员", "教室", "节次", "讲次", "排课")
KEPT = {  # texts that are not about the event's people, rooms and sessions
    "app.title",  # the product, for every kind of event
    "template.training",  # the new-event template of a training course
    "event.kind.auto",  # the choice between the two kinds names both
    "event.kind.training",
}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_conference_text_replaces_a_text_with_the_same_fields() -> None:
    for key, text in i18n._ZH_CONFERENCE.items():
        assert key in i18n._TEXT, key
        assert fields(text) == fields(i18n._TEXT[key][0]), key


def test_conference_texts_have_no_training_words() -> None:
    assert [key for key, text in i18n._ZH_CONFERENCE.items() if any(w in text for w in TRAINING_WORDS)] == []


def test_every_text_in_training_words_has_a_conference_version() -> None:
    worded = {key for key, (zh, _) in i18n._TEXT.items() if any(w in zh for w in TRAINING_WORDS)}
    assert worded - KEPT - set(i18n._ZH_CONFERENCE) == set()


def test_text_in_takes_conference_words_in_chinese_only() -> None:
    assert i18n.text_in("zh", "page.speakers") == "授课人"
    assert i18n.text_in("zh", "page.speakers", True) == "报告人"
    assert i18n.text_in("en", "page.speakers", True) == "Speakers"
    done = i18n.text_in("zh", "solve.done", True, status="optimal", objective=1)
    assert done == "排程完成：状态 optimal，总代价 1。"


def shown(node: Any, found: list[str]) -> list[str]:
    """Every string of an app's element tree (labels, values, options, help), depth first; a table's
    column settings travel as JSON text (headers, the options of a select column), read as such."""

    def walk(value: object) -> None:
        if isinstance(value, str) and value.startswith("{"):
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.append(value)

    if (proto := getattr(node, "proto", None)) is not None:
        walk(MessageToDict(proto))
    for child in getattr(node, "children", {}).values():
        shown(child, found)
    return found


def every_page_in_chinese(app: AppTest, sample: str) -> dict[str, list[str]]:
    """The strings of each page with ``sample`` open, solved, in Chinese."""
    open_sample(app, sample)
    app.session_state["lang"] = "zh"
    app.session_state["schedule"] = solved(problem_of(app))
    pages = {}
    for page in PAGES:
        app.switch_page(f"pages/{page}.py").run()
        assert app.exception == []
        pages[page] = shown(app.main, []) + shown(app.sidebar, [])
    return pages


@pytest.mark.parametrize(
    ("sample", "conference"), [("tech-conference.yaml", True), ("office-training-2026.yaml", False)]
)
def test_pages_speak_of_the_open_event_kind(app: AppTest, sample: str, conference: bool) -> None:
    assert (ROOT / "samples" / sample).is_file()
    pages = every_page_in_chinese(app, sample)
    kept = {i18n._TEXT[key][0] for key in KEPT}
    training = {
        page: sorted({s for s in strings if any(w in s for w in TRAINING_WORDS)} - kept)
        for page, strings in pages.items()
    }
    if conference:
        assert {page: found for page, found in training.items() if found} == {}
        assert "报告人" in pages["speakers"]
        assert "议程" in pages["sessions"]
        assert "专题讲座" not in pages["sessions"]  # a talk's kind is 报告 (ZH_CONFERENCE)
        assert "报告" in pages["sessions"]
    else:
        assert "授课人" in pages["speakers"]
        assert "课程" in pages["sessions"]
        assert "专题讲座" in pages["sessions"]
        assert "报告人" not in pages["speakers"]


def test_planner_messages_take_the_event_words() -> None:
    tech = read_problem(ROOT / "samples" / "tech-conference.yaml")
    office = read_problem(ROOT / "samples" / "office-training-2026.yaml")
    line = "sessions[0].speakers[0]: no speaker ghost"
    assert i18n.said(line, "zh", problem=tech) == "sessions[0].speakers[0]: 没有报告人 ghost"
    assert i18n.said(line, "zh", problem=office) == "sessions[0].speakers[0]: 没有授课人 ghost"
    assert i18n.said(line, "en", problem=tech) == line


def test_the_words_follow_the_event_when_its_kind_changes(app: AppTest) -> None:
    open_sample(app, "office-training-2026.yaml")
    app.switch_page("pages/speakers.py").run()
    assert app.title[0].value == "授课人"
    app.switch_page("pages/event.py").run()
    kind = next(w for w in app.selectbox if w.label == "活动类型（印制日程的用语）")
    kind.set_value("会议（会议日程、报告人、会场）")
    app.button(key="FormSubmitter:event_header-保存基本信息").click().run()
    assert problem_of(app).event.kind == "conference"
    app.switch_page("pages/speakers.py").run()
    assert app.title[0].value == "报告人"
