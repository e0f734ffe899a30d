"""Sign-in sheets (签到表): every member of the groups with a place to sign."""

from __future__ import annotations

from planner.exports.pdf import sign_in_sheets
from tests.exports.pdf_tools import GENERATED_AT, OFFICE, info, layout_text, load, squeezed, text
from tests.factories import chinese_problem, greedy_schedule
from tests.golden import assert_golden


def test_sign_in_sheets_list_every_member_of_the_group() -> None:
    problem = load(OFFICE)

    found = squeezed(
        text(sign_in_sheets(problem, greedy_schedule(problem), "methods-c1", generated_at=GENERATED_AT))
    )

    assert [m.name for m in problem.group("c1").members if squeezed(m.name) not in found] == []


def test_sign_in_sheets_class_of_fifty_one_page_per_occurrence() -> None:
    problem = load(OFFICE)
    session = problem.session("methods-c1")

    pdf = sign_in_sheets(problem, greedy_schedule(problem), "methods-c1", generated_at=GENERATED_AT)

    assert (len(problem.group("c1").members), int(info(pdf)["Pages"])) == (50, session.occurrences)


def test_sign_in_sheets_group_without_members_gets_numbered_lines() -> None:
    problem = chinese_problem()

    found = text(sign_in_sheets(problem, greedy_schedule(problem), "study", generated_at=GENERATED_AT))

    numbers = [
        int(word) for line in found.splitlines() if line.replace(" ", "").isdigit() for word in line.split()
    ]
    assert sorted(numbers) == list(range(1, 31))


def test_sign_in_sheets_chinese_matches_golden_text() -> None:
    problem = chinese_problem()

    pdf = sign_in_sheets(problem, greedy_schedule(problem), "opening", generated_at=GENERATED_AT)

    assert_golden("pdf/sign-in-zh-opening.txt", layout_text(pdf))
