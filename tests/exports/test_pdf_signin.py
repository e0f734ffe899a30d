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


def test_sign_in_sheets_mark_a_member_on_leave_only_when_the_leave_covers_the_lecture() -> None:
    """曹杰 (一班) is on leave on 2026-05-20 in the sample: 请假 where he would sign on that day's
    sheets and in the class's count, never on another day's."""
    problem = load(OFFICE)
    schedule = greedy_schedule(problem)
    that_day = [
        a for a in schedule.assignments if "c1" in a.groups and a.start.date().isoformat() == "2026-05-20"
    ]
    other = next(
        a for a in schedule.assignments if "c1" in a.groups and a not in that_day and a.session != "opening"
    )
    assert that_day

    def sheet(session: str, day: str) -> str:
        pdf = sign_in_sheets(problem, schedule, session, generated_at=GENERATED_AT)
        pages = text(pdf).split("\f")
        return squeezed(next(page for page in pages if day in squeezed(page)))

    on_leave = sheet(that_day[0].session, "2026年5月20日")
    assert "一班（应到人数：50，请假：1）" in on_leave
    assert "曹杰班长市纪委监委机关请假" in on_leave
    day = other.start.date()
    elsewhere = sheet(other.session, f"{day.year}年{day.month}月{day.day}日")
    assert "请假" not in elsewhere
    assert "一班（应到人数：50）" in elsewhere
