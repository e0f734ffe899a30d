"""A conference or meeting in Chinese is worded as one (会议日程, 报告人, 会场), a training course as
a training office words it (课程表, 授课人, 教室); English words fit both."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from planner.domain.model import Kind, Problem
from planner.domain.schedule import Schedule
from planner.exports.ics import Calendars
from planner.exports.labels import EN, EN_CONFERENCE, ZH, ZH_CONFERENCE, for_event
from planner.exports.layout import build_layout
from planner.exports.pdf import speaker_run_sheet
from planner.exports.xlsx import workbook
from planner.storage.changes import Change
from planner.usecases.notices import label
from tests.conftest import ROOT
from tests.exports.pdf_tools import GENERATED_AT, OFFICE, load, squeezed, text
from tests.factories import greedy_schedule

TECH = ROOT / "samples" / "tech-conference.yaml"


def _in_chinese(problem: Problem) -> Problem:
    return problem.model_copy(update={"event": problem.event.model_copy(update={"language": "zh"})})


def _speaker(schedule: Schedule) -> str:
    return next(a.speakers[0] for a in schedule.assignments if a.speakers)


def test_an_event_whose_sessions_meet_once_is_a_conference() -> None:
    office, tech = load(OFFICE), load(TECH)
    assert (office.is_conference(), tech.is_conference()) == (False, True)
    assert (for_event(office), for_event(_in_chinese(tech)), for_event(tech)) == (
        ZH,
        ZH_CONFERENCE,
        EN_CONFERENCE,
    )
    assert (EN.kind_name(Kind.LECTURE), EN_CONFERENCE.kind_name(Kind.LECTURE)) == ("Lecture", "Talk")
    words = ZH_CONFERENCE
    assert (words.programme, words.speaker, words.rooms) == ("会议日程", "报告人", "会场")


def test_a_conference_with_a_workshop_held_twice_is_still_a_conference() -> None:
    """Most occurrences decide: one repeated workshop does not make a conference a course, most
    sessions meeting once do not make a training course a conference."""
    tech, office = load(TECH), load(OFFICE)
    twice = tech.model_copy(
        update={"sessions": (tech.sessions[0].model_copy(update={"occurrences": 2}), *tech.sessions[1:])}
    )
    assert twice.is_conference()
    half = len(tech.sessions) // 2 + 1
    courses = tuple(s.model_copy(update={"occurrences": 3}) for s in tech.sessions[:half])
    assert not tech.model_copy(update={"sessions": (*courses, *tech.sessions[half:])}).is_conference()
    assert not office.model_copy(update={"sessions": ()}).is_conference()  # a new event: a course


def test_the_event_kind_says_it_when_given() -> None:
    office, tech = load(OFFICE), _in_chinese(load(TECH))

    def kind(problem: Problem, value: str) -> Problem:
        return problem.model_copy(update={"event": problem.event.model_copy(update={"kind": value})})

    assert (for_event(kind(office, "conference")), for_event(kind(tech, "training"))) == (ZH_CONFERENCE, ZH)
    assert (for_event(kind(office, "training")), for_event(kind(tech, "conference"))) == (ZH, ZH_CONFERENCE)


def test_a_chinese_conference_prints_its_own_words_and_a_training_keeps_its_own() -> None:
    tech = _in_chinese(load(TECH))
    schedule = greedy_schedule(tech)
    printed = squeezed(text(speaker_run_sheet(tech, schedule, _speaker(schedule), generated_at=GENERATED_AT)))
    assert ("报告安排" in printed, "授课安排" in printed) == (True, False)
    office = load(OFFICE)
    taught = greedy_schedule(office)
    printed = squeezed(text(speaker_run_sheet(office, taught, _speaker(taught), generated_at=GENERATED_AT)))
    assert ("授课安排" in printed, "报告安排" in printed) == (True, False)


def test_a_chinese_conference_calendar_workbook_and_notices_use_its_words() -> None:
    tech = _in_chinese(load(TECH))
    schedule = greedy_schedule(tech)
    layout = build_layout(tech, schedule)
    calendar = Calendars(layout, generated_at=GENERATED_AT).render().decode("utf-8")
    assert ("报告人" in calendar, "授课人" in calendar) == (True, False)
    book = load_workbook(io.BytesIO(workbook(layout, generated_at=GENERATED_AT)))
    assert book.sheetnames == ["按日期", "按会场", "按报告人", "按分组"]
    first = schedule.assignments[0]
    other = next(r.id for r in tech.rooms if r.id != first.room)
    assert label(tech, Change(first, first.model_copy(update={"room": other}))) == "更换会场"
    office = load(OFFICE)
    lecture = greedy_schedule(office).assignments[-1]
    moved = lecture.model_copy(update={"room": next(r.id for r in office.rooms if r.id != lecture.room)})
    assert label(office, Change(lecture, moved)) == "更换教室"
    english = office.model_copy(update={"event": office.event.model_copy(update={"language": "en"})})
    assert label(english, Change(lecture, moved), "zh") == "更换教室"  # the app in Chinese, the event not
