"""frab schedule.xml / schedule.json: valid against the c3voc schemas, stable identifiers."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema

from planner.domain.model import Problem
from planner.exports import frab_data
from planner.exports.frab import frab_json, frab_xml
from planner.exports.frab_data import acronym, talk_ids, timeslot
from planner.exports.ids import occurrence_uuid
from planner.exports.layout import Layout, build_layout
from planner.io.files import read_problem
from tests.exports.calendar_data import dst_problem, dst_schedule
from tests.factories import greedy_schedule

SCHEMAS = Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas" / "c3voc"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@cache
def json_validator() -> jsonschema.Draft6Validator:
    schema = json.loads((SCHEMAS / "schedule.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


@cache
def xml_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))


def json_errors(content: bytes) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in json_validator().iter_errors(json.loads(content))]


def xml_errors(content: bytes) -> list[str]:
    return [str(error.reason) for error in xml_schema().iter_errors(content.decode("utf-8"))]


def english_layout() -> Layout:
    return build_layout(dst_problem(), dst_schedule())


def chinese_layout() -> Layout:
    problem = read_problem(SAMPLES / "office-training-2026.yaml")
    return build_layout(problem, greedy_schedule(problem))


def frab_events(content: bytes) -> list[dict[str, Any]]:
    days = json.loads(content)["schedule"]["conference"]["days"]
    return [event for day in days for events in day["rooms"].values() for event in events]


def test_frab_json_is_valid_against_the_c3voc_schema() -> None:
    assert (json_errors(frab_json(english_layout())), json_errors(frab_json(chinese_layout()))) == ([], [])


def test_frab_xml_is_valid_against_the_c3voc_xsd() -> None:
    assert (xml_errors(frab_xml(english_layout())), xml_errors(frab_xml(chinese_layout()))) == ([], [])


def test_frab_json_with_base_url_is_valid_and_links_sessions() -> None:
    content = frab_json(english_layout(), base_url="https://example.org/mini/")

    assert json_errors(content) == []
    assert frab_events(content)[0]["url"] == "https://example.org/mini/sessions/intro/1"


def test_frab_xml_with_base_url_is_valid() -> None:
    assert xml_errors(frab_xml(english_layout(), base_url="https://example.org/mini")) == []


def test_frab_guids_are_the_occurrence_uuids() -> None:
    events = frab_events(frab_json(english_layout()))

    keys = [("intro", 1), ("logic", 1), ("logic", 2), ("lab", 1)]
    assert [e["guid"] for e in events] == [str(occurrence_uuid("mini", s, n)) for s, n in keys]


def test_frab_conference_names_zone_and_days_carry_offsets() -> None:
    conference = json.loads(frab_json(english_layout()))["schedule"]["conference"]
    days = conference["days"]

    assert (conference["time_zone_name"], conference["acronym"], conference["daysCount"]) == (
        "Europe/Berlin", "mini", 10,
    )  # fmt: skip
    assert (days[0]["day_start"], days[0]["day_end"]) == (
        "2026-03-23T09:00:00+01:00",
        "2026-03-23T15:30:00+01:00",
    )
    assert (days[5]["date"], days[5]["day_start"]) == ("2026-03-30", "2026-03-30T09:00:00+02:00")


def test_frab_event_fields_for_a_course_occurrence() -> None:
    logic = frab_events(frab_json(english_layout()))[1]

    picked = {
        k: logic[k] for k in ("date", "start", "duration", "room", "title", "subtitle", "track", "type")
    }
    assert picked == {
        "date": "2026-03-27T11:00:00+01:00",
        "start": "11:00",
        "duration": "01:30",
        "room": "Room B",
        "title": "Logic, sets; proofs",
        "subtitle": "1/3",
        "track": "Foundations",
        "type": "lecture",
    }
    assert [p["name"] for p in logic["persons"]] == ["Alan Turing"]


def test_frab_has_no_email_addresses() -> None:
    layout = english_layout()

    assert (b"ada@example.org" in frab_json(layout), b"ada@example.org" in frab_xml(layout)) == (False, False)


def test_frab_same_inputs_give_same_bytes() -> None:
    assert (frab_json(english_layout()), frab_xml(english_layout())) == (
        frab_json(english_layout()), frab_xml(english_layout()),
    )  # fmt: skip


def test_talk_ids_come_from_the_occurrence_uuids_and_stay_when_lectures_are_added() -> None:
    layout = english_layout()
    ids = talk_ids(layout.problem, layout)
    problem = layout.problem
    first = problem.session("lab").model_copy(update={"id": "welcome", "title": "Welcome", "length": 1})
    more = {"occurrences": problem.session("logic").occurrences + 1}
    sessions = tuple(s.model_copy(update=more) if s.id == "logic" else s for s in problem.sessions)
    grown = problem.model_copy(update={"sessions": (first, *sessions)})
    grown_ids = talk_ids(grown, build_layout(grown, greedy_schedule(grown)))

    assert ids == {key: occurrence_uuid("mini", *key).int >> 97 for key in ids}
    assert {key: grown_ids[key] for key in ids} == ids  # one more lecture, one more session before: same ids
    assert len(set(grown_ids.values())) == len(grown_ids) == sum(s.occurrences for s in grown.sessions)


def test_talk_ids_that_clash_get_the_next_free_number(monkeypatch: pytest.MonkeyPatch) -> None:
    same = occurrence_uuid("mini", "logic", 1)
    monkeypatch.setattr(frab_data, "occurrence_uuid", lambda *_: same)
    layout = english_layout()

    ids = talk_ids(layout.problem, layout)

    first = same.int >> 97
    assert sorted(ids.values()) == list(range(first, first + len(ids)))
    assert ids[min(ids)] == first  # the first in (session, number) order keeps the number


def test_acronym_fits_the_schema_pattern_for_any_event_id() -> None:
    ids = ["office-training-2026", "ab", "培训班", "Mini.Event"]

    assert [acronym(i) for i in ids] == [
        "office_training_2026",
        "ab__",
        "event_" + occurrence_uuid("培训班", "", 0).hex[:8],
        "mini_event",
    ]


def test_timeslot_is_the_largest_step_dividing_every_period() -> None:
    problem: Problem = read_problem(SAMPLES / "office-training-2026.yaml")

    assert (timeslot(dst_problem()), timeslot(problem)) == (30, 10)
