"""Feed bytes at a version: cancellations per scope, SEQUENCE, repeatable ETag."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.domain.errors import ExportError
from planner.domain.model import Problem
from planner.feeds.render import FeedCache, left_scope, render
from planner.io.files import problem_from_data, problem_to_data
from planner.storage.repository import Store
from planner.usecases.publish import feed_targets, publish
from tests.feeds.calendars import entries
from tests.storage.plans import T0, edited, minimal, repair_solve
from tests.storage.test_changes import at, schedule

T1 = T0 + dt.timedelta(days=1)


def test_left_scope_speaker_replaced_counts_as_left() -> None:
    first = schedule(at(11, 8, speakers=("li",)), at(12, 8, speakers=("li",), n=2))
    second = schedule(at(11, 8, speakers=("wang",)), at(12, 8, speakers=("li",), n=2))

    assert [a.key for a in left_scope([first, second], "speaker", "li")] == [("s", 1)]
    assert left_scope([first, second], "speaker", "wang") == []
    assert left_scope([first, second], "event", "e") == []


def test_left_scope_keeps_last_assignment_in_scope() -> None:
    first = schedule(at(11, 8, room="r1"))
    second = schedule(at(12, 8, room="r1"))
    third = schedule(at(12, 8, room="r2"))

    assert left_scope([first, second, third], "room", "r1") == [at(12, 8, room="r1")]


def test_render_removed_occurrence_cancelled_with_higher_sequence(store: Store) -> None:
    publish(store, minimal(), repair_solve, by="lin", now=T0)
    second = publish(
        store, edited(minimal(), "sessions", "logic", occurrences=2), repair_solve, by="lin", now=T1
    )

    body = render(store, second.version, "event", "mini").body

    found = entries(body)
    cancelled = [e for e in found.values() if e.status == "CANCELLED"]
    assert (len(found), [e.sequence for e in cancelled]) == (5, [1])
    assert {e.sequence for e in found.values() if e.status == "CONFIRMED"} == {0}


def test_render_same_version_same_bytes_and_etag(store: Store) -> None:
    result = publish(store, minimal(), repair_solve, by="lin", now=T0)

    one, two = (render(store, result.version, "speaker", "ada", "http://x/f.ics") for _ in range(2))

    assert (one.body, one.etag, one.last_modified) == (two.body, two.etag, "Sun, 01 Mar 2026 08:00:00 GMT")


def test_feed_cache_drops_least_recently_used(store: Store) -> None:
    result = publish(store, minimal(), repair_solve, by="lin", now=T0)
    rendered = render(store, result.version, "event", "mini")
    cache = FeedCache(size=2)

    cache.put(("a", "event", "mini", 1), rendered)
    cache.put(("b", "event", "mini", 1), rendered)
    cache.get(("a", "event", "mini", 1))
    cache.put(("c", "event", "mini", 1), rendered)

    kept = [key[0] for key in (("a",), ("b",), ("c",)) if cache.get((key[0], "event", "mini", 1))]
    assert kept == ["a", "c"]


def without_alan() -> Problem:
    data = problem_to_data(minimal())
    data["speakers"] = [s for s in data["speakers"] if s["id"] != "alan"]
    for session in data["sessions"]:
        if session["id"] == "lab":
            session["speakers"] = ["ada"]
        if session["id"] == "logic":
            session["candidates"] = {"from": ["ada"], "pick": 1}
    return problem_from_data(data)


def test_render_removed_speaker_sees_own_sessions_cancelled(store: Store) -> None:
    first = publish(store, minimal(), repair_solve, by="lin", now=T0)
    alans = {a.key for a in first.version.schedule.assignments if "alan" in a.speakers}
    second = publish(store, without_alan(), repair_solve, by="lin", now=T1)

    found = entries(render(store, second.version, "speaker", "alan").body)

    assert (len(found), {e.status for e in found.values()}) == (len(alans), {"CANCELLED"})
    assert {e.sequence for e in found.values()} == {1}


def test_render_never_known_target_is_export_error(store: Store) -> None:
    result = publish(store, minimal(), repair_solve, by="lin", now=T0)

    with pytest.raises(ExportError):
        render(store, result.version, "speaker", "nobody")


def with_track(*talks: str) -> Problem:
    """The minimal event with talks of the track 'Security' (no group attends them), by ada."""
    data = problem_to_data(minimal())
    data["sessions"] += [
        {"id": talk, "title": talk.title(), "course": "Security", "speakers": ["ada"], "attendance": 10}
        for talk in talks
    ]
    return problem_from_data(data)


def test_render_track_feed_holds_the_tracks_talks_and_cancels_a_withdrawn_one(store: Store) -> None:
    first = publish(store, with_track("xss", "tls", "fuzz"), repair_solve, by="lin", now=T0)
    talks = {a.key: a for a in first.version.schedule.assignments if a.session in ("xss", "tls", "fuzz")}
    found = entries(render(store, first.version, "track", "Security").body)
    assert (len(found), {e.status for e in found.values()}) == (3, {"CONFIRMED"})

    second = publish(store, with_track("xss", "tls"), repair_solve, by="lin", now=T1)  # 'fuzz' withdrawn
    found = entries(render(store, second.version, "track", "Security").body)
    assert sorted(e.status for e in found.values()) == ["CANCELLED", "CONFIRMED", "CONFIRMED"]
    (gone,) = [e for e in found.values() if e.status == "CANCELLED"]
    assert gone.start == talks["fuzz", 1].start
    assert len(entries(render(store, second.version, "event", "mini").body)) == 5 + 2 + 1  # the rest too


def test_render_track_feed_of_a_track_down_to_one_talk_still_shows_it(store: Store) -> None:
    """One talk is no track (no feed is listed for it now), but the feed's subscribers still see it,
    and the withdrawn one cancelled."""
    publish(store, with_track("xss", "tls"), repair_solve, by="lin", now=T0)
    second = publish(store, with_track("xss"), repair_solve, by="lin", now=T1)

    found = entries(render(store, second.version, "track", "Security").body)

    assert sorted(e.status for e in found.values()) == ["CANCELLED", "CONFIRMED"]
    assert ("track", "Security") not in feed_targets(second.version.problem)


def with_tracks(security: tuple[str, ...], web: tuple[str, ...]) -> Problem:
    """The minimal event with talks of the tracks 'Security' and 'Web' (no group attends them)."""
    data = problem_to_data(minimal())
    data["sessions"] += [
        {"id": talk, "title": talk.title(), "course": track, "speakers": ["ada"], "attendance": 10}
        for track, talks in (("Security", security), ("Web", web))
        for talk in talks
    ]
    return problem_from_data(data)


def test_render_track_feed_cancels_a_talk_moved_to_another_track(store: Store) -> None:
    """The old track's feed shows the moved talk cancelled; the new track's feed shows the same
    occurrence (its UID) live and cancels nothing."""
    first = publish(store, with_tracks(("xss", "tls", "csp"), ("css",)), repair_solve, by="lin", now=T0)
    csp = next(a for a in first.version.schedule.assignments if a.session == "csp")
    second = publish(store, with_tracks(("xss", "tls"), ("css", "csp")), repair_solve, by="lin", now=T1)

    security = entries(render(store, second.version, "track", "Security").body)
    web = entries(render(store, second.version, "track", "Web").body)

    (gone,) = [e for e in security.values() if e.status == "CANCELLED"]
    assert (gone.start, len(security)) == (csp.start, 3)
    assert sorted(e.status for e in web.values()) == ["CONFIRMED", "CONFIRMED"]
    assert web[gone.uid].status == "CONFIRMED"  # the same occurrence, live in its new track
