"""Publishing: versions, changes, SEQUENCE, cancelled occurrences, feeds, stale publishes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.errors import ConflictError, HuiwuError, InvalidSchedule
from planner.domain.messages import in_chinese
from planner.domain.model import Problem
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Schedule, align
from planner.exports.ids import occurrence_uuid
from planner.feeds.render import render
from planner.storage.changes import Revision
from planner.storage.repository import Store
from planner.usecases.notices import affected
from planner.usecases.publish import compare, feed_targets, publish
from tests.domain.test_oracle_soft import place
from tests.domain.test_tidy_rooms import lectures
from tests.factories import greedy_schedule
from tests.feeds.calendars import entries
from tests.storage.databases import database_url, postgres_url, store
from tests.storage.plans import T0, edited, greedy_solve, minimal, repair_solve, unavailable_on

__all__ = ["database_url", "postgres_url", "store"]
T1 = T0 + dt.timedelta(days=1)
ADA_OUT = dt.date(2026, 3, 24)


def test_publish_first_version_all_new(store: Store) -> None:
    result = publish(store, minimal(), greedy_solve, by="lin", now=T0, note="first plan")

    assert (result.version.number, result.version.note, result.notices) == (1, "first plan", [])
    assert len(result.changes.new) == len(result.version.schedule.assignments) == 5
    assert {r.sequence for r in result.version.revisions.values()} == {0}
    assert [(f.kind, f.target) for f in result.feeds] == feed_targets(minimal())


def test_publish_repair_raises_sequence_of_changed_only(store: Store) -> None:
    first = publish(store, minimal(), repair_solve, by="lin", now=T0)

    second = publish(store, unavailable_on(minimal(), "ada", ADA_OUT), repair_solve, by="lin", now=T1)

    changed = second.changes.keys()
    assert changed == {("logic", 2)}
    for key, revision in second.version.revisions.items():
        expected = Revision(1, T1) if key in changed else first.version.revisions[key]
        assert revision == expected


def test_publish_notices_only_the_affected(store: Store) -> None:
    publish(store, minimal(), repair_solve, by="lin", now=T0)

    second = publish(store, unavailable_on(minimal(), "ada", ADA_OUT), repair_solve, by="lin", now=T1)

    expected = {target for change in second.changes.items for target in affected(change)}
    assert {(n.kind, n.target) for n in second.notices} == expected
    assert ("speaker", "alan") not in expected
    assert [n.recipient for n in second.notices] == [None] * len(
        second.notices
    )  # minimal.yaml has no e-mails


def test_publish_same_event_again_changes_nothing(store: Store) -> None:
    first = publish(store, minimal(), repair_solve, by="lin", now=T0)

    again = publish(store, minimal(), repair_solve, by="lin", now=T1)

    assert (again.version.number, again.changes.items, again.notices) == (2, (), [])
    assert again.version.revisions == first.version.revisions


def test_publish_reworded_session_new_last_modified_same_sequence(store: Store) -> None:
    first = publish(store, minimal(), repair_solve, by="lin", now=T0)

    renamed = edited(minimal(), "sessions", "logic", title="Logic and proof")
    second = publish(store, renamed, repair_solve, by="lin", now=T1)

    assert (second.changes.items, second.reworded, first.reworded) == ((), 3, 0)
    for key, revision in second.version.revisions.items():
        before = first.version.revisions[key]
        expected = Revision(before.sequence, T1) if key[0] == "logic" else before
        assert revision == expected
    calendar = render(store, second.version, "event", "mini").body.decode()
    assert "SUMMARY:Logic and proof" in calendar
    assert calendar.count("LAST-MODIFIED:20260302T080000Z") == 3  # the three Logic lectures, T1


def test_publish_reviewed_schedule_after_a_rename_goes_out_under_the_new_title(store: Store) -> None:
    schedule = repair_solve(minimal(), reference=None, freeze_before=None)
    publish(store, minimal(), schedule=schedule, by="lin", now=T0)

    renamed = edited(minimal(), "sessions", "logic", title="Logic and proof")
    second = publish(store, renamed, schedule=schedule, by="lin", now=T1)  # the schedule solved before

    titles = {a.session: a.title for a in second.version.schedule.assignments}
    assert titles == {"intro": "Introduction", "logic": "Logic and proof", "lab": "Lab"}
    summaries = [
        line
        for line in render(store, second.version, "event", "mini").body.decode().splitlines()
        if line.startswith("SUMMARY")
    ]
    assert summaries.count("SUMMARY:Logic and proof (1/3)") == 1
    assert not [s for s in summaries if s.startswith("SUMMARY:Logic (")]
    assert second.changes.items == ()  # the same times, rooms and speakers: no SEQUENCE raised


def test_publish_speaker_renamed_rewords_their_occurrences_only(store: Store) -> None:
    first = publish(store, minimal(), repair_solve, by="lin", now=T0)

    renamed = edited(minimal(), "speakers", "alan", name="Alan M. Turing")
    second = publish(store, renamed, repair_solve, by="lin", now=T1)

    alans = {a.identity for a in second.version.schedule.assignments if "alan" in a.speakers}
    modified = {key for key, r in second.version.revisions.items() if r.modified == T1}
    assert 0 < len(alans) < len(second.version.revisions)
    assert modified == alans
    assert all(r.sequence == first.version.revisions[k].sequence for k, r in second.version.revisions.items())


def test_publish_removed_occurrence_stays_cancelled(store: Store) -> None:
    publish(store, minimal(), repair_solve, by="lin", now=T0)

    second = publish(
        store, edited(minimal(), "sessions", "logic", occurrences=2), repair_solve, by="lin", now=T1
    )

    assert [c.key for c in second.changes.cancelled] == [("logic", 3)]
    assert list(second.version.cancelled) == [("logic", 3)]
    assert second.version.revisions[("logic", 3)] == Revision(1, T1)


def test_publish_passes_reference_and_freeze_date(store: Store) -> None:
    seen: list[dict[str, Any]] = []

    def solve(problem: Problem, **kwargs: Any) -> Schedule:
        seen.append(kwargs)
        return greedy_solve(problem)

    first = publish(store, minimal(), solve, by="lin", now=T0)
    publish(store, minimal(), solve, by="lin", now=T1, freeze_before=dt.date(2026, 3, 25))

    assert seen[0] == {"options": None, "reference": None, "freeze_before": None}
    assert seen[1]["reference"] == first.version.schedule
    assert seen[1]["freeze_before"] == dt.date(2026, 3, 25)


def test_publish_refused_when_another_published_meanwhile(store: Store) -> None:
    publish(store, minimal(), greedy_solve, by="lin", now=T0)

    def racing(problem: Problem, **kwargs: Any) -> Schedule:
        publish(store, problem, greedy_solve, by="wang", now=T1)  # someone else, while this one solves
        return greedy_solve(problem)

    with pytest.raises(
        ConflictError, match=r"version 2 was published by wang .* repaired from version 1"
    ) as error:
        publish(store, minimal(), racing, by="lin", now=T1)
    assert in_chinese(str(error.value)) == (
        "活动 'mini'：这次从第 1 版修复期间，wang已于 2026-03-02 09:00 (Europe/Berlin) 发布了第 2 版。"
        "这次没有发布：请重新发布。"
    )
    assert (store.count_versions("mini"), store.latest("mini").published_by) == (2, "wang")  # type: ignore[union-attr]


def test_compare_versions(store: Store) -> None:
    publish(store, minimal(), repair_solve, by="lin", now=T0)
    publish(store, unavailable_on(minimal(), "ada", ADA_OUT), repair_solve, by="lin", now=T1)

    assert [c.key for c in compare(store, "mini", 1, 2).items] == [("logic", 2)]
    assert compare(store, "mini", 2, 2).items == ()


def test_publish_over_unpublished_draft_says_so(store: Store) -> None:
    publish(store, minimal(), repair_solve, by="lin", now=T0)
    store.save_draft(edited(minimal(), "rooms", "b", capacity=14), base=1, by="wang", now=T1)

    result = publish(store, minimal(), repair_solve, by="lin", now=T1)

    assert result.warnings() == [
        "the draft of 'mini' (revision 2, saved by wang at 2026-03-02 09:00 (Europe/Berlin)) differed from "
        "the published event; it stays in the history"
    ]
    assert (store.draft("mini").revision, store.draft("mini", 2).problem.room("b").capacity) == (3, 14)


def test_publish_over_published_draft_warns_nothing(store: Store) -> None:
    publish(store, minimal(), repair_solve, by="lin", now=T0)

    result = publish(store, edited(minimal(), "rooms", "b", capacity=14), repair_solve, by="lin", now=T1)

    assert result.warnings() == []


def _never_solve(problem: Problem, **_: Any) -> Schedule:
    raise AssertionError("a given schedule must not be re-solved")


def test_publish_follows_a_lecture_moved_past_another(store: Store) -> None:
    """Logic's first lecture is moved after its third and the lectures renumbered by time: the
    version, its notices and the calendar feed speak of that one lecture, under its old UID."""
    first = publish(store, minimal(), greedy_solve, by="lin", now=T0).version
    logic = sorted((a for a in first.schedule.assignments if a.session == "logic"), key=lambda a: a.start)
    later = dt.datetime(2026, 4, 2, 9, tzinfo=logic[0].start.tzinfo)
    moved = logic[0].model_copy(update={"start": later, "end": later + (logic[0].end - logic[0].start)})
    renumbered = [a.model_copy(update={"occurrence": n}) for n, a in enumerate([*logic[1:], moved], 1)]
    others = [a for a in first.schedule.assignments if a.session != "logic"]
    reviewed = first.schedule.model_copy(update={"assignments": (*others, *renumbered)})

    second = publish(store, minimal(), schedule=reviewed, by="lin", now=T1)

    assert [(c.key, c.kinds()) for c in second.changes.items] == [(("logic", 1), ("moved",))]
    assert {key for key, r in second.version.revisions.items() if r.sequence} == {("logic", 1)}
    assert {(n.kind, n.target) for n in second.notices} == set(affected(second.changes.items[0]))
    feed = entries(render(store, second.version, "event", "mini").body)
    uid = str(occurrence_uuid("mini", "logic", 1))
    assert (feed[uid].start, feed[uid].sequence) == (later, 1)
    assert [feed[str(occurrence_uuid("mini", "logic", n))].start for n in (2, 3)] == [
        a.start for a in logic[1:]
    ]


def test_publish_given_schedule_published_as_is_not_solved(store: Store) -> None:
    publish(store, minimal(), repair_solve, by="lin", now=T0)
    problem = unavailable_on(minimal(), "ada", ADA_OUT)
    reviewed = greedy_schedule(problem)

    previous = store.latest("mini")
    result = publish(store, problem, schedule=reviewed, by="lin", now=T1)

    assert previous is not None
    assert result.version.schedule.assignments == align(previous.schedule, reviewed).assignments
    assert [a.model_copy(update={"uid": None}) for a in result.version.schedule.assignments] == list(
        reviewed.assignments
    )
    assert result.version.schedule.score == check_schedule(problem, reviewed).score
    assert store.latest("mini") == result.version


def test_publish_given_schedule_breaking_hard_rule_refused_nothing_stored(store: Store) -> None:
    schedule = greedy_schedule(minimal())
    intro = schedule.by_key()[("intro", 1)]
    logic = schedule.by_key()[("logic", 1)].model_copy(update={"start": intro.start, "end": intro.end})
    broken = schedule.model_copy(
        update={"assignments": (*schedule.assignments[:1], logic, *schedule.assignments[2:])}
    )

    with pytest.raises(InvalidSchedule, match=r"^the schedule breaks hard rules:\n"):
        publish(store, minimal(), schedule=broken, by="lin", now=T0)
    assert store.latest("mini") is None


def test_publish_given_schedule_while_the_event_runs_keeps_the_past(store: Store) -> None:
    """A quarter of an hour into Ada's first session she is marked away for the day: the reviewed
    schedule that keeps it goes out, and the version records the freeze; one that moves it is
    refused, nothing stored."""
    first = publish(store, minimal(), repair_solve, by="lin", now=T0).version
    given = min((a for a in first.schedule.assignments if "ada" in a.speakers), key=lambda a: a.start)
    now = given.start + dt.timedelta(minutes=15)
    problem = unavailable_on(minimal(), "ada", given.start.date())
    later = given.model_copy(
        update={"start": given.start + dt.timedelta(days=7), "end": given.end + dt.timedelta(days=7)}
    )
    moved = first.schedule.model_copy(
        update={"assignments": tuple(later if a.key == given.key else a for a in first.schedule.assignments)}
    )
    with pytest.raises(
        InvalidSchedule, match=f"{given.session}#{given.occurrence}: frozen before .* but moved"
    ):
        publish(store, problem, schedule=moved, by="lin", now=now)
    assert store.latest("mini") == first
    taken_over = tuple(  # her lectures later that day go to Alan
        a.model_copy(update={"speakers": ("alan",)}) if a.start.date() == now.date() and a.start > now else a
        for a in first.schedule.assignments
    )
    reviewed = first.schedule.model_copy(update={"assignments": taken_over})
    kept = publish(store, problem, schedule=reviewed, by="lin", now=now)
    assert kept.version.frozen == now.astimezone(problem.event.zone)
    assert kept.version.schedule.by_key()[given.key].speakers == ("ada",)
    assert store.latest("mini") == kept.version
    with pytest.raises(InvalidSchedule, match="speaker 'ada' is unavailable"):  # before the event: no past
        publish(store, problem, schedule=reviewed, by="lin", now=T1)


def test_publish_needs_solve_or_schedule_not_both(store: Store) -> None:
    schedule = greedy_schedule(minimal())
    with pytest.raises(HuiwuError, match="either a solve function or a schedule"):
        publish(store, minimal(), _never_solve, schedule=schedule, by="lin", now=T0)
    with pytest.raises(HuiwuError, match="either a solve function or a schedule"):
        publish(store, minimal(), by="lin", now=T0)


@settings(max_examples=25, deadline=None)
@given(
    sessions=st.sets(st.sampled_from(["intro", "logic", "lab"])),
    speakers=st.sets(st.sampled_from(["ada", "alan"])),
    rooms=st.sets(st.sampled_from(["a", "b"])),
)
def test_publish_renames_reword_exactly_the_entries_that_show_them(
    sessions: set[str], speakers: set[str], rooms: set[str]
) -> None:
    """Any names changed, the same schedule published again: an occurrence takes the new
    LAST-MODIFIED exactly when its title, a speaker's or its room's name changed, and no SEQUENCE
    rises (nothing moved)."""
    from planner.storage.repository import open_store

    store = open_store("sqlite://")
    schedule = repair_solve(minimal(), reference=None, freeze_before=None)
    first = publish(store, minimal(), schedule=schedule, by="lin", now=T0)
    renamed = minimal()
    for section, ids in (("sessions", sessions), ("speakers", speakers), ("rooms", rooms)):
        for item in ids:
            field = "title" if section == "sessions" else "name"
            renamed = edited(renamed, section, item, **{field: f"Renamed {item}"})

    second = publish(store, renamed, schedule=schedule, by="lin", now=T1)

    expected = {
        a.identity
        for a in second.version.schedule.assignments
        if a.session in sessions or a.room in rooms or set(a.speakers) & speakers
    }
    assert {k for k, r in second.version.revisions.items() if r.modified == T1} == expected
    assert second.reworded == len(expected)
    assert {k: r.sequence for k, r in second.version.revisions.items()} == {
        k: r.sequence for k, r in first.version.revisions.items()
    }


def test_publish_tidies_the_rooms_of_what_it_solves_not_of_a_reviewed_schedule(store: Store) -> None:
    """``huiwu publish`` (and ``make run``'s sample) used to publish the solver's rooms untidied: a
    lecture in the computer lab while a classroom stood free, which ``huiwu solve`` and the app
    move. A schedule the user reviewed goes out as it is."""
    problem = lectures("x")
    in_lab = place(problem, ("x", 1, 0, 0, "lab"), ("x", 2, 1, 0, "lab"))

    solved = publish(store, problem, lambda *_, **__: in_lab, by="lin", now=T0)
    assert {a.room for a in solved.version.schedule.assignments} == {"r1"}

    later = problem.model_copy(update={"event": problem.event.model_copy(update={"title": "Later"})})
    reviewed = publish(store, later, schedule=in_lab, by="lin", now=T1)
    assert {a.room for a in reviewed.version.schedule.assignments} == {"lab"}
