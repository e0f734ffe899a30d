"""A session's abstract (简介): in the booklet, the calendars and the conference-app files."""

from __future__ import annotations

import json

import pytest

from planner.domain.errors import InvalidEvent
from planner.domain.model import MAX_ABSTRACT, Problem
from planner.exports.frab import frab_json
from planner.exports.ics import calendar
from planner.exports.layout import build_layout
from planner.exports.pdf import booklet
from planner.io.files import problem_from_data, problem_to_data
from tests.exports.pdf_tools import CONFERENCE, GENERATED_AT, MINIMAL, OFFICE, load, squeezed, text
from tests.factories import greedy_schedule

KEYNOTE = "Most software is rewritten long before it wears out."


def _pages(problem: Problem) -> list[str]:
    return text(booklet(problem, greedy_schedule(problem), generated_at=GENERATED_AT)).split("\f")


def test_booklet_prints_each_abstract_with_who_gives_it_and_when() -> None:
    pages = _pages(load(CONFERENCE))

    found = [page for page in pages if page.lstrip().startswith("Abstracts")]
    assert len(found) == 1
    page = squeezed(found[0])
    assert squeezed("Opening keynote: software that lasts") in page
    assert squeezed("Felix Okafor · Wednesday 23 September 2026 09:00–10:00 Main Hall") in page
    assert squeezed(KEYNOTE) in page
    assert squeezed("A tour of long-lived code bases") in page  # the second paragraph
    assert squeezed("Inside LLM evaluation") not in page  # a talk without an abstract


def test_booklet_prints_a_course_taught_to_each_class_once() -> None:
    """调查研究 is three sessions (one a class) with one abstract: one entry, its nine lectures."""
    pages = _pages(load(OFFICE))

    page = squeezed(next(page for page in pages if page.lstrip().startswith("课程简介")))
    assert page.count(squeezed("深入实际、深入基层、深入群众")) == 1
    assert page.count("调查研究") == 1
    assert "（9）" in page


def test_booklet_without_abstracts_has_no_such_page() -> None:
    assert not any(page.lstrip().startswith("Abstracts") for page in _pages(load(MINIMAL)))


def test_calendar_description_ends_with_the_abstract() -> None:
    problem = load(CONFERENCE)
    content = calendar(problem, greedy_schedule(problem), generated_at=GENERATED_AT).decode()
    unfolded = content.replace("\r\n ", "")

    description = next(
        line for line in unfolded.splitlines() if line.startswith("DESCRIPTION:Kind: Talk\\nSpeakers: Felix")
    )
    assert description.endswith("what to copy from them on Monday.")
    assert "\\n\\nMost software is rewritten" in description


def test_frab_talk_carries_the_abstract() -> None:
    problem = load(CONFERENCE)
    data = json.loads(frab_json(build_layout(problem, greedy_schedule(problem))))
    talks = [t for day in data["schedule"]["conference"]["days"] for ts in day["rooms"].values() for t in ts]

    by_title = {t["title"]: t["abstract"] for t in talks}
    assert by_title["Opening keynote: software that lasts"].startswith(KEYNOTE)
    assert by_title["Inside LLM evaluation"] == ""


@pytest.mark.parametrize(
    ("abstract", "message"),
    [
        ("x" * (MAX_ABSTRACT + 1), f"sessions[0].abstract: must be at most {MAX_ABSTRACT} characters"),
        ("", "sessions[0].abstract: must not be empty"),
    ],
)
def test_an_abstract_too_long_or_empty_is_named(abstract: str, message: str) -> None:
    data = problem_to_data(load(MINIMAL))
    data["sessions"][0]["abstract"] = abstract

    with pytest.raises(InvalidEvent) as error:
        problem_from_data(data)

    assert any(line.startswith(message) for line in error.value.problems)


def test_an_abstract_keeps_its_paragraphs_and_loses_control_characters() -> None:
    data = problem_to_data(load(MINIMAL))
    data["sessions"][0]["abstract"] = "First paragraph.\r\n\r\nSecond\x07 one."

    assert problem_from_data(data).sessions[0].abstract == "First paragraph.\n\nSecond one."
