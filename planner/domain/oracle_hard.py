"""Hard rules of a schedule, checked without a solver (``assert_<rule>`` each).

Every function takes the ``View`` of a schedule and returns one line per
violation, naming the sessions (``a#2``), people, rooms and slots involved.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict

from planner.domain.calendar import Slot, freeze_moment, freeze_text
from planner.domain.model import WEEKDAYS
from planner.domain.oracle import Placed, View
from planner.domain.oracle_soft import frozen_assignments
from planner.domain.schedule import Schedule


def hard_violations(view: View, reference: Schedule | None, freeze_before: dt.date | None) -> list[str]:
    lines: list[str] = []
    for check in (
        assert_room_fits,
        assert_room_single,
        assert_speakers_assigned,
        assert_speaker_single,
        assert_speaker_limits,
        assert_travel_time,
        assert_group_single,
        assert_allowed_times,
        assert_pins,
        assert_precedence,
        assert_weekly,
        assert_exclusive,
    ):
        lines += check(view)
    if reference is not None and freeze_before is not None:
        lines += assert_frozen(view, reference, freeze_before)
    return lines


def double_bookings(what: str, owner: str, items: list[Placed], view: View) -> list[str]:
    """One line per pair of ``items`` that share a slot (``owner`` booked twice)."""
    by_slot: dict[Slot, list[Placed]] = defaultdict(list)
    for item in items:
        for slot in item.covers():
            by_slot[slot].append(item)
    pairs: dict[tuple[str, str], Slot] = {}
    for slot, here in sorted(by_slot.items()):
        for i, first in enumerate(here):
            for second in here[i + 1 :]:
                pairs.setdefault((first.label, second.label), slot)
    return [
        f"{what} '{owner}' double-booked: sessions {a} and {b} at {view.grid.describe(slot)}"
        for (a, b), slot in pairs.items()
    ]


def assert_room_fits(view: View) -> list[str]:
    """Hard: the room has every feature, enough seats (capacity "hard") and is open."""
    problem, lines = view.problem, []
    for item in view.placed:
        room = problem.room(item.assignment.room)
        missing = [f for f in item.session.features if f not in room.features]
        if missing:
            lines.append(f"{item.label}: room '{room.id}' lacks {', '.join(missing)}")
        seats = view.seats[item.session.id]
        if problem.rules.capacity == "hard" and seats > room.capacity:
            lines.append(f"{item.label}: {seats} people in room '{room.id}' that seats {room.capacity}")
        closed = [s for s in item.covers() if view.grid.matches(room.unavailable, s)]
        if closed:
            lines.append(f"{item.label}: room '{room.id}' is closed at {view.grid.describe(closed[0])}")
    return lines


def assert_room_single(view: View) -> list[str]:
    """Hard: a room holds one session at a time."""
    rooms: dict[str, list[Placed]] = defaultdict(list)
    for item in view.placed:
        rooms[item.assignment.room].append(item)
    return [line for room, items in rooms.items() for line in double_bookings("room", room, items, view)]


def assert_speakers_assigned(view: View) -> list[str]:
    """Hard: the session's own speakers plus exactly ``pick`` distinct candidates; available."""
    lines = []
    for item in view.placed:
        session, given = item.session, item.assignment.speakers
        fixed = set(session.speakers)
        if not fixed <= set(given):
            lines.append(f"{item.label}: speakers {sorted(fixed - set(given))} missing")
        picked = [s for s in given if s not in fixed]
        pool = set(session.candidates.from_) if session.candidates else set()
        pick = session.picks
        if len(set(picked)) != len(picked) or len(picked) != pick or not set(picked) <= pool:
            lines.append(f"{item.label}: needs {pick} speaker(s) from {sorted(pool)}, has {sorted(picked)}")
        for speaker_id in dict.fromkeys(given):
            speaker = view.speakers.get(speaker_id)
            if speaker is None:
                continue
            away = [s for s in item.covers() if view.grid.matches(speaker.unavailable, s)]
            if away:
                lines.append(
                    f"{item.label}: speaker '{speaker_id}' is unavailable at {view.grid.describe(away[0])}"
                )
        if tuple(item.assignment.groups) != tuple(session.groups):
            lines.append(
                f"{item.label}: groups {list(item.assignment.groups)} instead of {list(session.groups)}"
            )
    return lines


def assert_speaker_single(view: View) -> list[str]:
    """Hard: a speaker is in one place at a time."""
    return [
        line
        for speaker, items in view.of_speaker().items()
        for line in double_bookings("speaker", speaker, items, view)
    ]


def assert_speaker_limits(view: View) -> list[str]:
    """Hard: at most ``limits.per_day`` occurrences a day and ``limits.per_week`` a week."""
    lines = []
    for speaker_id, items in view.of_speaker().items():
        if speaker_id not in view.speakers:
            continue
        limits = view.speakers[speaker_id].limits
        days = Counter(view.grid.days[i.slot.day] for i in items)
        weeks = Counter(view.grid.weeks[i.slot.day] for i in items)
        if limits.per_day is not None:
            lines += [
                f"speaker '{speaker_id}' teaches {n} sessions on {day} (limit {limits.per_day} a day)"
                for day, n in sorted(days.items())
                if n > limits.per_day
            ]
        if limits.per_week is not None:
            lines += [
                f"speaker '{speaker_id}' teaches {n} sessions in week {week} (limit {limits.per_week} a week)"
                for week, n in sorted(weeks.items())
                if n > limits.per_week
            ]
    return lines


def gap_minutes(view: View, first: Placed, second: Placed) -> int:
    """Minutes between the end of ``first`` and the start of ``second`` (same day)."""
    end = view.grid.periods[first.periods[-1]].end
    start = view.grid.periods[second.slot.period].start
    return (start.hour * 60 + start.minute) - (end.hour * 60 + end.minute)


def building(view: View, room_id: str) -> str:
    """The room's building; rooms without one share the unnamed building."""
    return view.problem.room(room_id).building or ""


def assert_travel_time(view: View) -> list[str]:
    """Hard: a speaker moving between buildings has ``travel_minutes`` between sessions."""
    travel, lines = view.problem.rules.travel_minutes, []
    for speaker_id, items in view.of_speaker().items():
        ordered = sorted(items, key=lambda i: i.slot)
        for first, second in itertools.pairwise(ordered):
            if first.slot.day != second.slot.day or first.overlaps(second):
                continue
            if building(view, first.assignment.room) == building(view, second.assignment.room):
                continue
            gap = gap_minutes(view, first, second)
            if gap < travel:
                lines.append(
                    f"speaker '{speaker_id}' has {gap} minutes between {first.label} in room "
                    f"'{first.assignment.room}' and {second.label} in room '{second.assignment.room}' "
                    f"(another building, {travel} needed)"
                )
    return lines


def assert_group_single(view: View) -> list[str]:
    """Hard: a group attends one session at a time, and never when unavailable."""
    lines = []
    for group_id, items in view.of_group().items():
        lines += double_bookings("group", group_id, items, view)
        rules = view.problem.group(group_id).unavailable
        for item in items:
            away = [s for s in item.covers() if view.grid.matches(rules, s)]
            if away:
                lines.append(
                    f"{item.label}: group '{group_id}' is unavailable at {view.grid.describe(away[0])}"
                )
    return lines


def assert_allowed_times(view: View) -> list[str]:
    """Hard: allowed weekdays and start periods, and not when the session is unavailable."""
    lines = []
    for item in view.placed:
        session, day = item.session, view.grid.days[item.slot.day]
        if session.weekdays is not None and WEEKDAYS[day.weekday()] not in session.weekdays:
            lines.append(
                f"{item.label}: on a {WEEKDAYS[day.weekday()]}, allowed {', '.join(session.weekdays)}"
            )
        period = view.grid.period_ids[item.slot.period]
        if session.periods is not None and period not in session.periods:
            lines.append(f"{item.label}: starts at {period}, allowed {', '.join(session.periods)}")
        away = [s for s in item.covers() if view.grid.matches(session.unavailable, s)]
        if away:
            lines.append(f"{item.label}: the session is unavailable at {view.grid.describe(away[0])}")
    return lines


def assert_pins(view: View) -> list[str]:
    """Hard: pinned date, start period and room (for one occurrence or all)."""
    lines = []
    for item in view.placed:
        for pin in item.session.pinned:
            if pin.occurrence not in (None, item.assignment.occurrence):
                continue
            day, period = view.grid.days[item.slot.day], view.grid.period_ids[item.slot.period]
            if pin.date is not None and pin.date != day:
                lines.append(f"{item.label}: pinned to {pin.date}, placed on {day}")
            if pin.period is not None and pin.period != period:
                clock = view.grid.clock
                lines.append(f"{item.label}: pinned to {clock(pin.period)}, starts at {clock(period)}")
            if pin.room is not None and pin.room != item.assignment.room:
                lines.append(f"{item.label}: pinned to room '{pin.room}', placed in '{item.assignment.room}'")
    return lines


def _end(item: Placed) -> tuple[int, int]:
    return (item.slot.day, item.periods[-1])


def assert_precedence(view: View) -> list[str]:
    """Hard: every occurrence of each ``after`` session ends before any of this one starts;
    the occurrences of a session follow their numbers."""
    lines = []
    for session_id, items in view.by_session.items():
        for first, second in itertools.pairwise(items):
            if _end(first) >= (second.slot.day, second.slot.period):
                lines.append(f"{second.label} starts before {first.label} ends")
        for before in items[0].session.after:
            for earlier in view.by_session.get(before, []):
                late = [i for i in items if _end(earlier) >= (i.slot.day, i.slot.period)]
                if late:
                    lines.append(
                        f"{late[0].label} starts before {earlier.label} ends ('{session_id}' comes after)"
                    )
    return lines


def assert_weekly(view: View) -> list[str]:
    """Hard: a weekly session keeps one weekday and period and meets at most once a week."""
    lines = []
    for session_id, items in view.by_session.items():
        if not items[0].session.weekly:
            continue
        patterns = {(view.grid.days[i.slot.day].weekday(), i.slot.period) for i in items}
        if len(patterns) > 1:
            lines.append(
                f"weekly session '{session_id}' meets at {len(patterns)} different weekday/period pairs"
            )
        weeks = Counter(view.grid.weeks[i.slot.day] for i in items)
        lines += [
            f"weekly session '{session_id}' meets {n} times in week {w}"
            for w, n in sorted(weeks.items())
            if n > 1
        ]
    return lines


def assert_exclusive(view: View) -> list[str]:
    """Hard: nothing else runs in parallel with an exclusive session."""
    lines = []
    for item in view.placed:
        if not item.session.exclusive:
            continue
        for other in view.placed:
            if other is not item and other.overlaps(item):
                lines.append(
                    f"{other.label} runs in parallel with exclusive {item.label} at {view.describe(item)}"
                )
    return lines


def assert_frozen(view: View, reference: Schedule, freeze_before: dt.date) -> list[str]:
    """Hard (repair): what started before the freeze (a date, from its midnight, or a moment)
    keeps its time, room and speakers, and nothing new starts before it."""
    event = view.grid.event
    moment, said = freeze_moment(event, freeze_before), freeze_text(event, freeze_before)
    old = {a.key: a for a in frozen_assignments(view.problem, reference, freeze_before)}
    lines = []
    for item in view.placed:
        new, before = item.assignment, old.get(item.assignment.key)
        if before is not None and (new.start, new.room) != (before.start, before.room):
            lines.append(f"{item.label}: frozen before {said} but moved")
        elif before is not None and set(new.speakers) != set(before.speakers):
            lines.append(f"{item.label}: frozen before {said} but given by other speakers")
        elif before is None and new.start < moment:
            lines.append(f"{item.label}: placed at {view.describe(item)}, before the freeze ({said})")
    return lines
