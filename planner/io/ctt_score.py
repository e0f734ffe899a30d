"""The ITC-2007 track 3 score (UD2), computed from the published definition alone.

This is the cross-check of the solver and of the oracle on course
timetabling: it reads only the ``CttInstance`` and the lectures of a ``.sol``,
never the Huiwu model. The rules, as in the competition's validator:

Hard (each violation counts 1):
- ``lectures``: every course has exactly its number of lectures, never two
  of one course in the same period.
- ``conflicts``: two courses sharing a curriculum or a teacher never meet in
  the same period (1 per pair of courses per period).
- ``room_occupancy``: at most one lecture per room and period (1 per extra lecture).
- ``availability``: no lecture in a period the course is unavailable (1 per lecture).

Soft (named like the Huiwu rules that express them):
- ``capacity`` (RoomCapacity): 1 per student over the room's capacity, per lecture.
- ``min_days`` (MinWorkingDays): 5 per day below the course's minimum of working days.
- ``isolated`` (CurriculumCompactness): 2 per lecture of a curriculum with no
  lecture of the same curriculum in an adjacent period of the same day; a
  lecture in two curricula can be isolated in both.
- ``room_stability`` (RoomStability): 1 per distinct room beyond the first of a course.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from planner.domain.schedule import Cost
from planner.io.ctt import CttInstance, Lecture

HARD = ("lectures", "conflicts", "room_occupancy", "availability")
SOFT = ("capacity", "min_days", "isolated", "room_stability")
UD2_NAMES = {
    "lectures": "Lectures",
    "conflicts": "Conflicts",
    "room_occupancy": "RoomOccupancy",
    "availability": "Availability",
    "capacity": "RoomCapacity",
    "min_days": "MinWorkingDays",
    "isolated": "CurriculumCompactness",
    "room_stability": "RoomStability",
}


@dataclass(frozen=True)
class Ud2Score:
    """Hard violations and soft costs by rule, with one explained ``Cost`` per item."""

    hard: dict[str, int]
    soft: dict[str, int]
    items: list[Cost] = field(default_factory=list)

    @property
    def violations(self) -> int:
        return sum(self.hard.values())

    @property
    def cost(self) -> int:
        return sum(self.soft.values())


def score(instance: CttInstance, lectures: list[Lecture]) -> Ud2Score:
    """The UD2 score of a set of lectures."""
    items = [
        *lecture_counts(instance, lectures),
        *conflicts(instance, lectures),
        *room_occupancy(lectures),
        *availability(instance, lectures),
        *room_capacity(instance, lectures),
        *min_working_days(instance, lectures),
        *curriculum_compactness(instance, lectures),
        *room_stability(instance, lectures),
    ]
    totals: Counter[str] = Counter()
    for item in items:
        totals[item.rule] += item.cost
    return Ud2Score({r: totals[r] for r in HARD}, {r: totals[r] for r in SOFT}, items)


def lecture_counts(instance: CttInstance, lectures: list[Lecture]) -> list[Cost]:
    """Hard: each course has exactly its lectures, at most one per period."""
    per_course = Counter(x.course for x in lectures)
    per_period = Counter((x.course, x.day, x.period) for x in lectures)
    items = [
        Cost(
            rule="lectures",
            cost=abs(c.lectures - per_course[c.id]),
            sessions=(c.id,),
            message=f"{c.id}: {per_course[c.id]} lectures scheduled, {c.lectures} required",
        )
        for c in instance.courses
        if per_course[c.id] != c.lectures
    ]
    items += [
        Cost(
            rule="lectures",
            cost=n - 1,
            sessions=(course,),
            message=f"{course}: {n} lectures in the same period (day {day}, period {period})",
        )
        for (course, day, period), n in per_period.items()
        if n > 1
    ]
    return items


def conflicts(instance: CttInstance, lectures: list[Lecture]) -> list[Cost]:
    """Hard: courses of one curriculum or one teacher never in the same period."""
    teacher = {c.id: c.teacher for c in instance.courses}
    curricula: dict[str, set[str]] = defaultdict(set)
    for curriculum in instance.curricula:
        for course in curriculum.courses:
            curricula[course].add(curriculum.id)
    at: dict[tuple[int, int], set[str]] = defaultdict(set)
    for x in lectures:
        at[(x.day, x.period)].add(x.course)
    items = []
    for (day, period), courses in sorted(at.items()):
        for a, b in combinations(sorted(courses), 2):
            if teacher[a] == teacher[b] or curricula[a] & curricula[b]:
                why = (
                    f"teacher {teacher[a]}"
                    if teacher[a] == teacher[b]
                    else "curriculum " + min(curricula[a] & curricula[b])
                )
                items.append(
                    Cost(
                        rule="conflicts",
                        cost=1,
                        sessions=(a, b),
                        message=f"{a} and {b} share {why} at day {day}, period {period}",
                    )
                )
    return items


def room_occupancy(lectures: list[Lecture]) -> list[Cost]:
    """Hard: one lecture per room and period."""
    per_room = Counter((x.room, x.day, x.period) for x in lectures)
    return [
        Cost(
            rule="room_occupancy",
            cost=n - 1,
            rooms=(room,),
            message=f"room {room} holds {n} lectures at day {day}, period {period}",
        )
        for (room, day, period), n in per_room.items()
        if n > 1
    ]


def availability(instance: CttInstance, lectures: list[Lecture]) -> list[Cost]:
    """Hard: no lecture in a period its course is unavailable."""
    return [
        Cost(
            rule="availability",
            cost=1,
            sessions=(x.course,),
            message=f"{x.course} is unavailable at day {x.day}, period {x.period}",
        )
        for x in lectures
        if (x.course, x.day, x.period) in instance.unavailable
    ]


def room_capacity(instance: CttInstance, lectures: list[Lecture]) -> list[Cost]:
    """Soft: 1 per student over the room's capacity, per lecture."""
    students = {c.id: c.students for c in instance.courses}
    items = []
    for x in lectures:
        over = students[x.course] - instance.rooms[x.room]
        if over > 0:
            items.append(
                Cost(
                    rule="capacity",
                    cost=over,
                    sessions=(x.course,),
                    rooms=(x.room,),
                    message=f"{x.course}: {students[x.course]} students in room {x.room} "
                    f"of {instance.rooms[x.room]} at day {x.day}, period {x.period}",
                )
            )
    return items


def min_working_days(instance: CttInstance, lectures: list[Lecture]) -> list[Cost]:
    """Soft: 5 per day below the course's minimum of working days."""
    days: dict[str, set[int]] = defaultdict(set)
    for x in lectures:
        days[x.course].add(x.day)
    return [
        Cost(
            rule="min_days",
            cost=5 * (c.min_days - len(days[c.id])),
            sessions=(c.id,),
            message=f"{c.id}: lectures on {len(days[c.id])} days, minimum {c.min_days}",
        )
        for c in instance.courses
        if len(days[c.id]) < c.min_days
    ]


def curriculum_compactness(instance: CttInstance, lectures: list[Lecture]) -> list[Cost]:
    """Soft: 2 per curriculum lecture with no lecture of that curriculum next to it on the day."""
    by_course: dict[str, list[Lecture]] = defaultdict(list)
    for x in lectures:
        by_course[x.course].append(x)
    items = []
    for curriculum in instance.curricula:
        periods = Counter((x.day, x.period) for c in dict.fromkeys(curriculum.courses) for x in by_course[c])
        for (day, period), n in sorted(periods.items()):
            if periods[(day, period - 1)] == 0 and periods[(day, period + 1)] == 0:
                items.append(
                    Cost(
                        rule="isolated",
                        cost=2 * n,
                        groups=(curriculum.id,),
                        message=f"curriculum {curriculum.id}: isolated lecture at day {day}, period {period}",
                    )
                )
    return items


def room_stability(instance: CttInstance, lectures: list[Lecture]) -> list[Cost]:
    """Soft: 1 per distinct room beyond the first used by a course."""
    rooms: dict[str, set[str]] = defaultdict(set)
    for x in lectures:
        rooms[x.course].add(x.room)
    return [
        Cost(
            rule="room_stability",
            cost=len(rooms[c.id]) - 1,
            sessions=(c.id,),
            message=f"{c.id}: {len(rooms[c.id])} rooms ({', '.join(sorted(rooms[c.id]))})",
        )
        for c in instance.courses
        if len(rooms[c.id]) > 1
    ]
