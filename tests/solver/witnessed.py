"""Events with a schedule known to keep every hard rule: a generated event, solved, then given
more rules that its schedule keeps (the *witness*). Whatever the solver says of such an event, it
must not say that no schedule exists."""

from __future__ import annotations

import random
from collections import defaultdict

from planner.domain.calendar import Grid, Slot
from planner.domain.model import WEEKDAYS, Limits, Pin, Problem, Room, Rule, Session, Speaker, Weights
from planner.domain.schedule import Assignment, Schedule


class Witnessed:
    """Adds rules to ``problem`` that ``plan`` (a schedule of it keeping every hard rule) keeps."""

    def __init__(self, problem: Problem, plan: Schedule, rng: random.Random) -> None:
        self.problem, self.rng, self.grid = problem, rng, Grid(problem.event)
        self.slot: dict[tuple[str, int], Slot] = {}
        for a in plan.assignments:
            found = self.grid.slot_at(a.start)
            assert found is not None
            self.slot[a.key] = found
        self.of_session: dict[str, list[Assignment]] = defaultdict(list)
        self.of_speaker: dict[str, list[Assignment]] = defaultdict(list)
        for a in plan.assignments:
            self.of_session[a.session].append(a)
            for k in a.speakers:
                self.of_speaker[k].append(a)

    def problem_with_rules(self) -> Problem:
        rng, weights = self.rng, self.problem.rules.weights
        if rng.random() < 0.5:
            weights = Weights(**{name: rng.choice([0, 1, 2, 5]) for name in Weights.model_fields})
        return self.problem.model_copy(
            update={
                "speakers": tuple(self.speaker(k) for k in self.problem.speakers),
                "sessions": tuple(self.session(s) for s in self.problem.sessions),
                "rooms": tuple(self.room(r) for r in self.problem.rooms),
                "rules": self.problem.rules.model_copy(update={"weights": weights}),
            }
        )

    def days(self, items: list[Assignment]) -> set[int]:
        return {self.slot[a.key].day for a in items}

    def free_days(self, busy: set[int]) -> list[int]:
        return [d for d in range(self.grid.n_days) if d not in busy]

    def speaker(self, speaker: Speaker) -> Speaker:
        """Away on some days the plan leaves free; preferences (soft); limits the plan keeps."""
        rng, grid, mine = self.rng, self.grid, self.of_speaker.get(speaker.id, [])
        update: dict[str, object] = {}
        free = self.free_days(self.days(mine))
        if free and rng.random() < 0.5:
            away = rng.sample(free, min(len(free), rng.randint(1, 4)))
            update["unavailable"] = (*speaker.unavailable, *(Rule(date=grid.days[d]) for d in away))
        if rng.random() < 0.4:
            update["preferred"] = (Rule(periods=(rng.choice(grid.period_ids),)),)
        if rng.random() < 0.3:
            update["undesired"] = (Rule(weekdays=(rng.choice(WEEKDAYS[:5]),)),)
        if mine and rng.random() < 0.5:
            per_day: dict[int, int] = defaultdict(int)
            per_week: dict[int, int] = defaultdict(int)
            for a in mine:
                per_day[self.slot[a.key].day] += 1
                per_week[grid.weeks[self.slot[a.key].day]] += 1
            most = max(per_week.values()) + rng.randint(0, 1)
            update["limits"] = Limits(per_day=max(per_day.values()), per_week=most)
        return speaker.model_copy(update=update)

    def session(self, session: Session) -> Session:
        """Weekdays and periods that include the plan's; a pin where an occurrence is; an ``after``
        link to a session the plan ends before this one begins; the plan's number of days."""
        rng, grid, items = self.rng, self.grid, self.of_session[session.id]
        update: dict[str, object] = {}
        if rng.random() < 0.3:
            weekdays = {WEEKDAYS[grid.days[self.slot[a.key].day].weekday()] for a in items}
            update["weekdays"] = tuple(w for w in WEEKDAYS if w in weekdays | {rng.choice(WEEKDAYS[:5])})
        if rng.random() < 0.3:
            periods = {grid.period_ids[self.slot[a.key].period] for a in items}
            update["periods"] = tuple(p for p in grid.period_ids if p in periods)
        if rng.random() < 0.2:
            a = rng.choice(items)
            at = self.slot[a.key]
            room = rng.choice([None, a.room])
            day, period = grid.days[at.day], grid.period_ids[at.period]
            pin = Pin(occurrence=a.occurrence, date=day, period=period, room=room)
            update["pinned"] = (*session.pinned, pin)
        earlier = [o.id for o in self.problem.sessions if self.end(o) <= self.begin(session)]
        if earlier and rng.random() < 0.3:
            update["after"] = tuple(dict.fromkeys((*session.after, rng.choice(earlier))))
        if rng.random() < 0.2:
            update["min_days"] = len(self.days(items))
        return session.model_copy(update=update)

    def begin(self, session: Session) -> int:
        return min(self.grid.number(self.slot[a.key]) for a in self.of_session[session.id])

    def end(self, session: Session) -> int:
        return max(self.grid.number(self.slot[a.key]) for a in self.of_session[session.id]) + session.length

    def room(self, room: Room) -> Room:
        """Closed on a day the plan does not use it."""
        held = [a for items in self.of_session.values() for a in items if a.room == room.id]
        free = self.free_days(self.days(held))
        if free and self.rng.random() < 0.4:
            closed = Rule(date=self.grid.days[self.rng.choice(free)])
            return room.model_copy(update={"unavailable": (*room.unavailable, closed)})
        return room
