"""diff, revisions (SEQUENCE) and cancelled occurrences between schedules."""

from __future__ import annotations

import datetime as dt

from planner.domain.schedule import Assignment, Schedule, align
from planner.storage.changes import (
    Changes,
    Revision,
    diff,
    next_cancelled,
    next_revisions,
    revisions_from_data,
    revisions_to_data,
)

ZONE = dt.timezone(dt.timedelta(hours=8))
T0 = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 5, 2, tzinfo=dt.UTC)


def at(
    day: int, hour: int, room: str = "r1", speakers: tuple[str, ...] = ("li",), session: str = "s", n: int = 1
) -> Assignment:
    start = dt.datetime(2026, 5, day, hour, tzinfo=ZONE)
    return Assignment(
        session=session,
        occurrence=n,
        title=session.upper(),
        start=start,
        end=start + dt.timedelta(minutes=90),
        room=room,
        speakers=speakers,
        groups=("c1",),
    )


def schedule(*assignments: Assignment) -> Schedule:
    return Schedule(event="e", status="feasible", objective=0, assignments=assignments)


def test_diff_first_publication_all_new() -> None:
    changes = diff(None, schedule(at(11, 8), at(12, 8, n=2)))

    assert [c.key for c in changes.new] == [("s", 1), ("s", 2)]
    assert changes.summary() == "2 new, 0 moved in time, 0 moved room, 0 new speakers, 0 cancelled"


def test_diff_unchanged_is_empty() -> None:
    old = schedule(at(11, 8), at(12, 8, n=2))

    assert diff(old, old) == Changes(())


def test_diff_classifies_each_kind_of_change() -> None:
    old = schedule(at(11, 8, n=1), at(12, 8, n=2), at(13, 8, n=3), at(14, 8, n=4))
    new = schedule(
        at(11, 14, n=1), at(12, 8, room="r2", n=2), at(13, 8, speakers=("wang",), n=3), at(15, 8, session="t")
    )

    changes = diff(old, new)

    assert [c.key for c in changes.moved_time] == [("s", 1)]
    assert [c.key for c in changes.moved_room] == [("s", 2)]
    assert [c.key for c in changes.reassigned] == [("s", 3)]
    assert [c.key for c in changes.cancelled] == [("s", 4)]
    assert [c.key for c in changes.new] == [("t", 1)]


def test_diff_follows_a_lecture_moved_past_another() -> None:
    """Lectures on the 11th, 18th and 25th; the first moves to June: one change, not three.

    Time order renumbers all three (the 18th becomes #1), but each keeps the
    number it was published under, so calendars and notices speak of one move.
    """
    old = align(None, schedule(at(11, 8, n=1), at(18, 8, n=2), at(25, 8, n=3)))
    new = schedule(at(18, 8, n=1), at(25, 8, n=2), at(29, 8, n=3))

    changes = diff(old, new)

    assert [(c.key, c.kinds()) for c in changes.items] == [(("s", 1), ("moved",))]
    assert changes.items[0].new == align(old, new).assignments[2]
    assert [a.identity for a in align(old, new).assignments] == [("s", 2), ("s", 3), ("s", 1)]


def test_diff_without_published_numbers_matches_by_time() -> None:
    old = schedule(at(11, 8, n=1), at(18, 8, n=2), at(25, 8, n=3))
    new = schedule(at(18, 8, n=1), at(25, 8, n=2), at(29, 8, n=3))

    assert [c.describe() for c in diff(old, new).items] == [
        "moved s#3 S: 2026-05-11 08:00-09:30 r1 (li) -> 2026-05-29 08:00-09:30 r1 (li)"
    ]


def test_align_numbers_new_occurrences_after_the_published_ones() -> None:
    old = align(None, schedule(at(11, 8, n=1), at(18, 8, n=2)))
    new = schedule(at(11, 8, n=1), at(12, 8, n=2), at(18, 8, n=3))

    aligned = align(old, new)

    assert [a.identity for a in aligned.assignments] == [("s", 1), ("s", 3), ("s", 2)]
    assert [c.key for c in diff(old, new).new] == [("s", 3)]
    assert align(old, aligned) == aligned


def test_change_describe_shows_old_and_new() -> None:
    change = diff(schedule(at(11, 8)), schedule(at(12, 14, room="r2"))).items[0]

    assert (
        change.describe()
        == "moved/room s#1 S: 2026-05-11 08:00-09:30 r1 (li) -> 2026-05-12 14:00-15:30 r2 (li)"
    )


def test_next_revisions_raise_only_changed_occurrences() -> None:
    first = next_revisions({}, diff(None, schedule(at(11, 8), at(12, 8, n=2))), T0)
    changes = diff(schedule(at(11, 8), at(12, 8, n=2)), schedule(at(11, 8), at(13, 8, n=2)))

    second = next_revisions(first, changes, T1)

    assert second == {("s", 1): Revision(0, T0), ("s", 2): Revision(1, T1)}


def test_next_revisions_reworded_keep_sequence_take_new_last_modified() -> None:
    first = next_revisions({}, diff(None, schedule(at(11, 8), at(12, 8, n=2))), T0)
    moved = diff(schedule(at(11, 8), at(12, 8, n=2)), schedule(at(11, 8), at(13, 8, n=2)))

    second = next_revisions(first, moved, T1, reworded=[("s", 1), ("s", 2), ("gone", 1)])

    assert second == {("s", 1): Revision(0, T1), ("s", 2): Revision(1, T1)}


def test_next_revisions_raise_cancelled_and_returning_occurrences() -> None:
    revisions = {("s", 1): Revision(0, T0), ("s", 2): Revision(0, T0)}
    cancelled = next_revisions(revisions, diff(schedule(at(11, 8), at(12, 8, n=2)), schedule(at(11, 8))), T1)

    back = next_revisions(cancelled, diff(schedule(at(11, 8)), schedule(at(11, 8), at(12, 8, n=2))), T1)

    assert (cancelled[("s", 2)].sequence, back[("s", 2)].sequence) == (1, 2)


def test_next_cancelled_keeps_removed_until_they_return() -> None:
    old, new = schedule(at(11, 8), at(12, 8, n=2)), schedule(at(11, 8))
    gone = next_cancelled({}, diff(old, new), new)

    again = next_cancelled(gone, diff(new, old), old)

    assert (list(gone), list(again)) == ([("s", 2)], [])


def test_revisions_round_trip_through_data() -> None:
    revisions = {("s", 1): Revision(3, T1), ("t", 2): Revision(0, T0)}

    assert revisions_from_data(revisions_to_data(revisions)) == revisions


def test_changes_round_trip_through_data() -> None:
    changes = diff(schedule(at(11, 8), at(12, 8, n=2)), schedule(at(11, 9), at(13, 8, n=3)))

    assert Changes.from_data(changes.to_data()) == changes
