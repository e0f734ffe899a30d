"""All printed documents of an event, keyed by their path under DIR/pdf/."""

from __future__ import annotations

import pytest

from planner.domain.model import Problem
from planner.domain.schedule import Schedule
from planner.exports.pdf import pdf_documents
from tests.exports.pdf_tools import CONFERENCE, GENERATED_AT, OFFICE, fonts, load, page_texts, squeezed
from tests.factories import greedy_schedule

Built = tuple[Problem, Schedule, dict[str, bytes]]


@pytest.fixture(scope="module")
def office() -> Built:
    problem = load(OFFICE)
    schedule = greedy_schedule(problem).model_copy(update={"version": 3})
    return problem, schedule, pdf_documents(problem, schedule, generated_at=GENERATED_AT)


def test_pdf_documents_office_paths(office: Built) -> None:
    problem, schedule, documents = office

    expected = {"booklet.pdf"} | {f"groups/{g.id}.pdf" for g in problem.groups}
    expected |= {f"speakers/{s}.pdf" for a in schedule.assignments for s in a.speakers}
    expected |= {f"rooms/{a.room}.pdf" for a in schedule.assignments}
    expected |= {f"sign-in/{a.session}.pdf" for a in schedule.assignments}
    assert set(documents) == expected


def test_pdf_documents_every_page_names_version_and_fonts_embedded(office: Built) -> None:
    documents = office[2]

    unversioned = [
        p for p, pdf in documents.items() if any("第3版" not in squeezed(t) for t in page_texts(pdf))
    ]
    unembedded = [p for p, pdf in documents.items() if any(f["emb"] != "yes" for f in fonts(pdf))]
    assert (unversioned, unembedded) == ([], [])


def test_pdf_documents_repeat_byte_for_byte(office: Built) -> None:
    problem, schedule, documents = office

    assert pdf_documents(problem, schedule, generated_at=GENERATED_AT) == documents


def test_pdf_documents_conference_has_no_sign_in_sheets() -> None:
    problem = load(CONFERENCE)

    documents = pdf_documents(problem, greedy_schedule(problem), generated_at=GENERATED_AT)

    assert [path for path in documents if path.startswith("sign-in/")] == []
