"""Reused flowables: a table every sheet repeats is drawn once per PDF and shown by reference."""

from __future__ import annotations

from reportlab.platypus import PageBreak, Table

from planner.exports.pdf import sign_in_sheets
from planner.exports.pdf.document import Context, make_context, render
from planner.exports.pdf.forms import Reused
from tests.exports.pdf_tools import GENERATED_AT, OFFICE, load, page_texts, squeezed
from tests.factories import chinese_problem, greedy_schedule


def _context() -> Context:
    problem = chinese_problem()
    return make_context(problem, greedy_schedule(problem), generated_at=GENERATED_AT)


def _table(context: Context, label: str, rows: int) -> Table:
    return Table([[context.styles.cell_text(f"{label}{i:03d}")] for i in range(rows)])


def _forms(pdf: bytes) -> int:
    return pdf.count(b"/Subtype /Form")


def test_sign_in_sheets_member_table_is_one_form_on_every_page() -> None:
    problem = load(OFFICE)
    members = [squeezed(m.name) for m in problem.group("c1").members]

    pdf = sign_in_sheets(problem, greedy_schedule(problem), "methods-c1", generated_at=GENERATED_AT)

    missing = [[m for m in members if m not in squeezed(page)] for page in page_texts(pdf)]
    assert (_forms(pdf), missing) == (1, [[]] * problem.session("methods-c1").occurrences)


def test_reused_one_form_per_key() -> None:
    context = _context()
    first, second = _table(context, "甲", 3), _table(context, "乙", 3)
    story = [Reused(first, "a"), PageBreak(), Reused(first, "a"), PageBreak(), Reused(second, "b")]

    pdf = render(context, story, title="forms")

    shown = [
        [row for row in ("甲000甲001甲002", "乙000乙001乙002") if row in squeezed(page)]
        for page in page_texts(pdf)
    ]
    assert (_forms(pdf), shown) == (2, [["甲000甲001甲002"], ["甲000甲001甲002"], ["乙000乙001乙002"]])


def test_reused_too_long_for_a_page_splits_into_plain_tables() -> None:
    context = _context()

    pdf = render(context, [Reused(_table(context, "行", 120), "long")], title="forms")

    found = [squeezed(page) for page in page_texts(pdf)]
    missing = [i for i in range(120) if not any(f"行{i:03d}" in page for page in found)]
    assert (_forms(pdf), len(found) > 1, missing) == (0, True, [])
