"""Soft rules of a schedule: each cost recomputed without a solver, explained.

Each ``cost_<rule>`` returns ``Cost`` objects (rule, amount, a sentence and
the sessions, speakers, groups and rooms involved). The helpers above them
(``required_days``, ``fit_penalty`` ...) are the definitions the solver
shares, so both sides compute the same numbers. ``docs/model.md`` says each
rule in words.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict

from planner.domain.calendar import Grid, Slot, freeze_moment
from planner.domain.model import WEEKDAYS, Problem, Room, Session, Speaker
from planner.domain.oracle import Placed, View
from planner.domain.schedule import Assignment, Cost, Schedule

# ---- shared definitions (the solver imports these) -------------------------------------------


def required_days(grid: Grid, session: Session) -> int:
    """min_days: given, else the occurrences capped by the working days on allowed weekdays."""
    if session.min_days is not None:
        return session.min_days
    allowed = session.weekdays or WEEKDAYS
    days = sum(1 for d in grid.days if WEEKDAYS[d.weekday()] in allowed)
    return min(session.occurrences, days)


def required_weeks(grid: Grid, session: Session) -> int:
    """spread_weeks: a course of n occurrences in a multi-week event meets in min(n, weeks) weeks."""
    weeks = len(set(grid.weeks))
    if weeks < 2 or session.occurrences < 2:
        return 0
    return min(session.occurrences, weeks)


def keeps_weekly_slot(grid: Grid, session: Session) -> bool:
    """weekly_slot applies to a non-weekly session of 2 or more occurrences that fit one a week."""
    return not session.weekly and 2 <= session.occurrences <= len(set(grid.weeks))


def fits(problem: Problem, session: Session, room: Room) -> bool:
    """Whether ``room`` has every feature the session asks for and a seat for everyone expected."""
    return _fits(set(session.features), problem.attendance(session), room)


def _fits(features: set[str], seats: int, room: Room) -> bool:
    return features <= set(room.features) and room.capacity >= seats


def fit_penalty(problem: Problem, session: Session, room: Room) -> bool:
    """room_fit: the room seats more than twice the audience although a smaller fitting room exists."""
    return _too_large(room.capacity, problem.attendance(session), _smallest_fitting(problem, session))


def oversized_rooms(problem: Problem, session: Session) -> set[str]:
    """The rooms where each occurrence of ``session`` costs ``room_fit`` (``fit_penalty``); none
    when the rule is switched off (weight 0)."""
    if not problem.rules.weights.room_fit:
        return set()
    seats, smallest = problem.attendance(session), _smallest_fitting(problem, session)
    return {room.id for room in problem.rooms if _too_large(room.capacity, seats, smallest)}


def _smallest_fitting(problem: Problem, session: Session) -> int | None:
    features, seats = set(session.features), problem.attendance(session)  # once, not once a room
    return min((r.capacity for r in problem.rooms if _fits(features, seats, r)), default=None)


def _too_large(capacity: int, seats: int, smallest: int | None) -> bool:
    return smallest is not None and capacity > 2 * seats and capacity > smallest


def over_capacity(problem: Problem, session: Session, room: Room) -> int:
    """capacity (soft mode): seats missing in the room for one occurrence."""
    if problem.rules.capacity != "soft":
        return 0
    return max(0, problem.attendance(session) - room.capacity)


def preference_penalty(grid: Grid, speaker: Speaker, slots: list[Slot]) -> int:
    """preferences: 1 if any period is undesired, plus 1 if some period is outside the preferred ones."""
    penalty = int(any(grid.matches(speaker.undesired, s) for s in slots))
    if speaker.preferred and not all(grid.matches(speaker.preferred, s) for s in slots):
        penalty += 1
    return penalty


def ideal_daily_load(grid: Grid, total_periods: int) -> int:
    """group_balance: a group's periods spread evenly, rounded up."""
    return math.ceil(total_periods / max(1, grid.n_days))


def move_costs(problem: Problem, old_day: dt.date, freeze_before: dt.date | None) -> tuple[int, int]:
    """stability: (cost of a new time, cost of a new room only) for an occurrence once on ``old_day``.

    Sooner is dearer: +2 within a week of the freeze date (or the event's
    start), +1 within two weeks; a new time costs 3, a new room 1 and new speakers 1, times the weight.
    """
    origin = freeze_moment(problem.event, freeze_before).date() if freeze_before else problem.event.start
    since = (old_day - origin).days
    urgency = 2 if since < 7 else 1 if since < 14 else 0
    weight = problem.rules.weights.stability
    return weight * (3 + urgency), weight * (1 + urgency)


def frozen_assignments(problem: Problem, reference: Schedule, freeze_before: dt.date) -> list[Assignment]:
    """A repair's reference occurrences, of the event's sessions, that start before the freeze (a
    date, from its midnight, or a moment): they stay where they are."""
    sessions = {s.id for s in problem.sessions}
    moment = freeze_moment(problem.event, freeze_before)
    return [a for a in reference.assignments if a.session in sessions and a.start < moment]


def candidate_pools(problem: Problem) -> dict[tuple[str, ...], list[Session]]:
    """fair_load: sessions grouped by their pool of candidate speakers."""
    pools: dict[tuple[str, ...], list[Session]] = defaultdict(list)
    for session in problem.sessions:
        if session.candidates is not None:
            pool = tuple(sorted(set(session.candidates.from_) - set(session.speakers)))
            pools[pool].append(session)
    return dict(pools)


def tracks(problem: Problem) -> dict[str, list[Session]]:
    """track_overlap, track_room: a conference's tracks. The sessions no group attends, by their
    ``course``, where two or more share one: their audience follows the track (a group's sessions
    never overlap anyway, and a course given to several classes may meet in several rooms)."""
    found: dict[str, list[Session]] = defaultdict(list)
    for session in problem.sessions:
        if session.course is not None and not session.groups and session.occurrences:
            found[session.course].append(session)
    return {track: sessions for track, sessions in found.items() if len(sessions) > 1}


def track_of(problem: Problem) -> dict[str, str]:
    """Session id -> its track, for the sessions in ``tracks``."""
    return {s.id: track for track, sessions in tracks(problem).items() for s in sessions}


# ---- costs of one schedule ------------------------------------------------------------------------


def soft_costs(view: View, reference: Schedule | None, freeze_before: dt.date | None) -> list[Cost]:
    costs = [
        *cost_min_days(view),
        *cost_spread_weeks(view),
        *cost_weekly_slot(view),
        *cost_fair_load(view),
        *cost_same_speaker(view),
        *cost_isolated(view),
        *cost_room_stability(view),
        *cost_track_overlap(view),
        *cost_track_room(view),
        *cost_preferences(view),
        *cost_speaker_days(view),
        *cost_group_balance(view),
        *cost_rooms(view),
    ]
    if reference is not None:
        costs += cost_stability(view, reference, freeze_before)
    return [c for c in costs if c.cost > 0]


def cost_min_days(view: View) -> list[Cost]:
    """Soft: weight x each day missing from a session's required distinct days (ITC-2007 with 5)."""
    weight, costs = view.problem.rules.weights.min_days, []
    for items in view.by_session.values():
        need, used = required_days(view.grid, items[0].session), len({i.slot.day for i in items})
        costs.append(_missing(view, "min_days", weight, items, need, used, f"on {used} days"))
    return costs


def cost_spread_weeks(view: View) -> list[Cost]:
    """Soft: weight x each week missing from a course's min(occurrences, weeks) weeks."""
    weight, costs = view.problem.rules.weights.spread_weeks, []
    for items in view.by_session.values():
        weeks = {view.grid.weeks[i.slot.day] for i in items}
        need, used = required_weeks(view.grid, items[0].session), len(weeks)
        costs.append(_missing(view, "spread_weeks", weight, items, need, used, f"in {used} weeks"))
    return costs


def _missing(
    view: View, rule: str, weight: int, items: list[Placed], need: int, used: int, meets: str
) -> Cost:
    """``weight`` x the days or weeks a session's occurrences miss of the ``need`` wanted (0 when none)."""
    session = items[0].session
    title = view.titles[session.id]
    return Cost(
        rule=rule,
        cost=weight * max(0, need - used),
        message=f"'{title}' meets {meets}, {need} wanted",
        sessions=(session.id,),
        facts={"title": title, "used": used, "need": need},
    )


def cost_weekly_slot(view: View) -> list[Cost]:
    """Soft: weight x each weekday/period pair beyond the first of a course that can meet weekly."""
    weight, costs = view.problem.rules.weights.weekly_slot, []
    for session_id, items in view.by_session.items():
        if not keeps_weekly_slot(view.grid, items[0].session):
            continue
        pairs = {(view.grid.days[i.slot.day].weekday(), i.slot.period) for i in items}
        if len(pairs) > 1:
            message = f"'{view.titles[session_id]}' meets at {len(pairs)} different weekday/period pairs"
            costs.append(
                Cost(
                    rule="weekly_slot",
                    cost=weight * (len(pairs) - 1),
                    message=message,
                    sessions=(session_id,),
                    facts={"title": view.titles[session_id], "pairs": len(pairs)},
                )
            )
    return costs


def picked_speakers(item: Placed) -> list[str]:
    return [s for s in item.assignment.speakers if s not in item.session.speakers]


def cost_fair_load(view: View) -> list[Cost]:
    """Soft: weight x (largest - smallest) picked occurrences among a pool of candidate speakers."""
    weight, costs = view.problem.rules.weights.fair_load, []
    for pool, sessions in candidate_pools(view.problem).items():
        load = Counter(dict.fromkeys(pool, 0))
        for session in sessions:
            for item in view.by_session.get(session.id, []):
                load.update(k for k in picked_speakers(item) if k in load)
        spread = max(load.values()) - min(load.values())
        if spread > 0:
            busiest, idlest = max(pool, key=lambda k: load[k]), min(pool, key=lambda k: load[k])
            most, least = view.speaker_name(busiest), view.speaker_name(idlest)
            message = f"'{most}' teaches {load[busiest]} occurrences, '{least}' {load[idlest]}"
            facts: dict[str, str | int] = {
                "busiest": most,
                "most": load[busiest],
                "idlest": least,
                "least": load[idlest],
            }
            ids = tuple(s.id for s in sessions)
            costs.append(
                Cost(
                    rule="fair_load",
                    cost=weight * spread,
                    message=message,
                    sessions=ids,
                    speakers=pool,
                    facts=facts,
                )
            )
    return costs


def cost_same_speaker(view: View) -> list[Cost]:
    """Soft: weight x each picked speaker beyond ``pick`` across a session's occurrences."""
    weight, costs = view.problem.rules.weights.same_speaker, []
    for session_id, items in view.by_session.items():
        candidates = items[0].session.candidates
        if candidates is None:
            continue
        used = sorted({k for i in items for k in picked_speakers(i)})
        if len(used) > candidates.pick:
            message = f"'{view.titles[session_id]}' is taught by {len(used)} different picked speakers"
            extra = weight * (len(used) - candidates.pick)
            costs.append(
                Cost(
                    rule="same_speaker",
                    cost=extra,
                    message=message,
                    sessions=(session_id,),
                    speakers=tuple(used),
                    facts={
                        "title": view.titles[session_id],
                        "count": len(used),
                        "names": ", ".join(view.speaker_name(k) for k in used),
                    },
                )
            )
    return costs


def cost_isolated(view: View) -> list[Cost]:
    """Soft: weight x each occurrence of a group's session with no other session of that group in
    the period just before or just after it on the same day (ITC-2007 compactness with 2)."""
    weight, costs = view.problem.rules.weights.isolated, []
    for group_id, items in view.of_group().items():
        busy = {s for i in items for s in i.covers()}
        name = view.group_name(group_id)
        for item in items:
            before = Slot(item.slot.day, item.slot.period - 1)
            after = Slot(item.slot.day, item.periods[-1] + 1)
            if before not in busy and after not in busy:
                message = f"'{name}' has {item.named} alone at {view.describe(item)}"
                costs.append(
                    Cost(
                        rule="isolated",
                        cost=weight,
                        message=message,
                        sessions=(item.session.id,),
                        groups=(group_id,),
                        facts={"group": name, **view.facts(item), "title": item.session.title},  # class named
                    )
                )
    return costs


def cost_room_stability(view: View) -> list[Cost]:
    """Soft: weight x each room beyond the first used by a session (ITC-2007 room stability)."""
    weight, costs = view.problem.rules.weights.room_stability, []
    for session_id, items in view.by_session.items():
        rooms = tuple(sorted({i.assignment.room for i in items}))
        if len(rooms) > 1:
            message = f"'{view.titles[session_id]}' moves between {len(rooms)} rooms"
            costs.append(
                Cost(
                    rule="room_stability",
                    cost=weight * (len(rooms) - 1),
                    message=message,
                    sessions=(session_id,),
                    rooms=rooms,
                    facts={"title": view.titles[session_id], "rooms": len(rooms)},
                )
            )
    return costs


def _track_items(view: View) -> dict[str, list[Placed]]:
    return {
        track: [item for session in sessions for item in view.by_session.get(session.id, [])]
        for track, sessions in tracks(view.problem).items()
    }


def cost_track_overlap(view: View) -> list[Cost]:
    """Soft: weight x each talk beyond the first of one track in the same period (its audience
    must choose)."""
    weight, costs = view.problem.rules.weights.track_overlap, []
    for track, items in _track_items(view).items():
        at: dict[Slot, list[Placed]] = defaultdict(list)
        for item in items:
            for slot in item.covers():
                at[slot].append(item)
        for slot, running in sorted(at.items()):
            if len(running) > 1:
                period = view.grid.periods[slot.period]
                when = view.grid.describe(slot)
                costs.append(
                    Cost(
                        rule="track_overlap",
                        cost=weight * (len(running) - 1),
                        message=f"track '{track}' has {len(running)} sessions at once at {when}",
                        sessions=tuple(dict.fromkeys(i.session.id for i in running)),
                        rooms=tuple(dict.fromkeys(i.assignment.room for i in running)),
                        facts={
                            "track": track,
                            "count": len(running),
                            "day": view.grid.days[slot.day].isoformat(),
                            "period": period.name or period.id,
                        },
                    )
                )
    return costs


def cost_track_room(view: View) -> list[Cost]:
    """Soft: weight x each room beyond the first that one track's sessions use on one day."""
    weight, costs = view.problem.rules.weights.track_room, []
    for track, items in _track_items(view).items():
        by_day: dict[int, list[Placed]] = defaultdict(list)
        for item in items:
            by_day[item.slot.day].append(item)
        for day, placed in sorted(by_day.items()):
            rooms = tuple(sorted({i.assignment.room for i in placed}))
            if len(rooms) > 1:
                date = view.grid.days[day].isoformat()
                costs.append(
                    Cost(
                        rule="track_room",
                        cost=weight * (len(rooms) - 1),
                        message=f"track '{track}' uses {len(rooms)} rooms on {date}",
                        sessions=tuple(dict.fromkeys(i.session.id for i in placed)),
                        rooms=rooms,
                        facts={"track": track, "rooms": len(rooms), "day": date},
                    )
                )
    return costs


def cost_preferences(view: View) -> list[Cost]:
    """Soft: weight per occurrence a speaker teaches in an undesired period, and per occurrence
    not wholly in their preferred periods (when they have any)."""
    weight, costs = view.problem.rules.weights.preferences, []
    for speaker_id, items in view.of_speaker().items():
        speaker = view.speakers[speaker_id]
        for item in items:
            penalty = preference_penalty(view.grid, speaker, item.covers())
            if penalty:
                message = f"'{speaker.name}' would rather not teach {item.named} at {view.describe(item)}"
                costs.append(
                    Cost(
                        rule="preferences",
                        cost=weight * penalty,
                        message=message,
                        sessions=(item.session.id,),
                        speakers=(speaker_id,),
                        facts={"speaker": speaker.name, **view.facts(item)},
                    )
                )
    return costs


def cost_speaker_days(view: View) -> list[Cost]:
    """Soft: weight x each teaching day of a speaker beyond the first."""
    weight, costs = view.problem.rules.weights.speaker_days, []
    for speaker_id, items in view.of_speaker().items():
        days = len({i.slot.day for i in items})
        if days > 1:
            message = f"'{view.speakers[speaker_id].name}' comes on {days} days"
            costs.append(
                Cost(
                    rule="speaker_days",
                    cost=weight * (days - 1),
                    message=message,
                    speakers=(speaker_id,),
                    facts={"speaker": view.speakers[speaker_id].name, "days": days},
                )
            )
    return costs


def cost_group_balance(view: View) -> list[Cost]:
    """Soft: weight x periods of a group's busiest day above its even share (rounded up)."""
    weight, costs = view.problem.rules.weights.group_balance, []
    for group_id, items in view.of_group().items():
        load = Counter(i.slot.day for i in items for _ in i.periods)
        excess = max(load.values()) - ideal_daily_load(view.grid, sum(load.values()))
        if excess > 0:
            day = view.grid.days[max(load, key=lambda d: load[d])]
            message = (
                f"group '{group_id}' has {max(load.values())} periods on {day}, {excess} above an even share"
            )
            costs.append(
                Cost(
                    rule="group_balance",
                    cost=weight * excess,
                    message=message,
                    groups=(group_id,),
                    facts={
                        "group": view.group_name(group_id),
                        "periods": max(load.values()),
                        "day": day.isoformat(),
                        "excess": excess,
                    },
                )
            )
    return costs


def cost_rooms(view: View) -> list[Cost]:
    """Soft: room_fit (weight per occurrence in a needlessly big room) and, with capacity "soft",
    capacity (weight per seat missing per occurrence, ITC-2007 room capacity)."""
    weights, costs = view.problem.rules.weights, []
    by_id = {r.id: r for r in view.problem.rooms}
    too_big: dict[tuple[str, str], bool] = {}
    for item in view.placed:
        room = by_id[item.assignment.room]
        rooms = (room.id,)
        key = (item.session.id, room.id)
        if key not in too_big:
            too_big[key] = fit_penalty(view.problem, item.session, room)
        if too_big[key]:
            seats = view.seats[item.session.id]
            message = f"{item.named} takes '{room.name}' ({room.capacity} seats) for {seats}"
            costs.append(
                Cost(
                    rule="room_fit",
                    cost=weights.room_fit,
                    message=message,
                    sessions=(item.session.id,),
                    rooms=rooms,
                    facts={"room": room.name, "capacity": room.capacity, "seats": seats, **view.facts(item)},
                )
            )
        missing = over_capacity(view.problem, item.session, room)
        if missing:
            message = f"{item.named} lacks {missing} seats in '{room.name}'"
            costs.append(
                Cost(
                    rule="capacity",
                    cost=weights.capacity * missing,
                    message=message,
                    sessions=(item.session.id,),
                    rooms=rooms,
                    facts={"room": room.name, "missing": missing, **view.facts(item)},
                )
            )
    return costs


def cost_stability(view: View, reference: Schedule, freeze_before: dt.date | None) -> list[Cost]:
    """Soft (repair): each occurrence of the reference schedule that lost its time (dearer), or
    kept it but changed room or speakers (each sends a change notice), dearer the sooner it was due."""
    new = {(i.session.id, i.assignment.start): i.assignment for i in view.placed}
    sessions = {s.id for s in view.problem.sessions}
    costs = []
    for old in reference.assignments:
        if old.session not in sessions:
            continue
        time_cost, room_cost = move_costs(
            view.problem, old.start.astimezone(view.grid.event.zone).date(), freeze_before
        )
        kept = new.get((old.session, old.start))
        if kept is None:
            costs.append(
                Cost(
                    rule="stability",
                    cost=time_cost,
                    message=f"{old.session}#{old.occurrence} moved from {old.start:%Y-%m-%d %H:%M}",
                    sessions=(old.session,),
                    facts={**_was(view, old), "change": "time"},
                )
            )
            continue
        if kept.room != old.room:
            costs.append(
                Cost(
                    rule="stability",
                    cost=room_cost,
                    message=f"{old.session}#{old.occurrence} changed room from '{old.room}' to '{kept.room}'",
                    sessions=(old.session,),
                    rooms=(old.room, kept.room),
                    facts={
                        **_was(view, old),
                        "change": "room",
                        "old": _room_name(view, old.room),
                        "new": _room_name(view, kept.room),
                    },
                )
            )
        if set(kept.speakers) != set(old.speakers):
            costs.append(speaker_change(old, kept, room_cost, view))
    return costs


def _was(view: View, old: Assignment) -> dict[str, str | int]:
    """A reference occurrence for a message in any language: title, number, local start."""
    start = old.start.astimezone(view.grid.event.zone)
    title = view.titles.get(old.session) or old.title or old.session
    return {"title": title, "number": old.occurrence, "start": f"{start:%Y-%m-%d %H:%M}"}


def _room_name(view: View, room_id: str) -> str:
    return next((r.name for r in view.problem.rooms if r.id == room_id), room_id)


def speaker_change(old: Assignment, new: Assignment, cost: int, view: View) -> Cost:
    """stability: an occurrence kept its time but is taught by a different set of speakers."""
    gone, come = sorted(set(old.speakers) - set(new.speakers)), sorted(set(new.speakers) - set(old.speakers))
    names = {
        "old": ", ".join(map(view.speaker_name, gone)) or "-",
        "new": ", ".join(map(view.speaker_name, come)) or "-",
    }
    return Cost(
        rule="stability",
        cost=cost,
        message=f"{old.session}#{old.occurrence} changed speakers: {', '.join(gone) or '-'} -> "
        f"{', '.join(come) or '-'}",
        sessions=(old.session,),
        speakers=(*gone, *come),
        facts={**_was(view, old), "change": "speakers", **names},
    )
