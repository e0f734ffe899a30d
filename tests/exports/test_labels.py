"""Words and dates of exports in Chinese and English."""

from __future__ import annotations

import datetime as dt

from planner.domain.model import Kind
from planner.exports.labels import labels

MONDAY = dt.date(2026, 5, 11)


def test_labels_zh_dates_as_an_office_prints_them() -> None:
    words = labels("zh")

    assert (words.day_text(MONDAY), words.short_date(MONDAY)) == ("2026年5月11日 星期一", "5月11日")


def test_labels_en_dates() -> None:
    words = labels("en")

    assert (words.day_text(MONDAY), words.short_date(MONDAY)) == ("Monday 11 May 2026", "11 May")


def test_labels_change_note_names_version_and_what_changed() -> None:
    assert labels("zh").change_note(3, ("time", "room")) == "自第3版以来有变动（时间、地点）"
    assert labels("en").change_note(3, ("time", "room")) == "changed since version 3 (time, room)"


def test_labels_unknown_language_falls_back_to_english() -> None:
    assert labels("fr").kind_name(Kind.SELF_STUDY) == "Self-study"


def test_labels_version_text_draft_without_version() -> None:
    assert (labels("zh").version_text(None), labels("zh").version_text(4)) == ("草稿", "第4版")
