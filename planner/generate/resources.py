"""Rooms, groups and speakers of a generated event.

Rooms follow a fixed pattern by index so that every feature a session may need
(``projector``, ``tables``, ``computers``) exists in a fair share of the rooms,
and room 0 is a large hall. Groups are classes of 15 to 40 people; speakers get
the kinds of availability that real lecturers give (a weekday off, a week away,
a few dates, afternoons only), never so much that they cannot teach.
"""

from __future__ import annotations

import random

from planner.domain.calendar import Grid
from planner.domain.model import WEEKDAYS, Group, Limits, Room, Rule, Speaker

HALL_CAPACITY = 200
FEATURES = ("projector", "tables", "computers")
FIRST = (
    "Anna Ben Clara David Elif Felix Grace Hiro Ines Jonas Kavya Lena Mateo Nadia Omar Priya Quentin "
    "Rosa Samir Tara Umar Vera Wen Xavier Yuki Zoe Aisha Bruno Chloe Dmitri Li Mei Jun Ravi Sofia "
    "Tomas"
)
LAST = (
    "Schmidt Okafor Novak Lindqvist Tanaka Moreau Rossi Kowalski Haddad Fischer Silva Jensen Nguyen "
    "Costa Weber Ibrahim Martens Duarte Petrov Larsen Yilmaz Becker Sato Andersen Wang Chen Zhang "
    "Kim Singh Garcia"
)
ORGANISATIONS = (
    "City Office",
    "Administrative College",
    "Policy Research Unit",
    "Data Bureau",
    "University",
    "Independent",
)


def make_rooms(rng: random.Random, count: int) -> tuple[Room, ...]:
    """A hall and ``count - 1`` rooms; with fewer than four rooms the hall has every feature."""
    hall_features = FEATURES if count < 4 else ("projector",)
    hall = Room(id="hall", name="Hall", capacity=HALL_CAPACITY, features=hall_features, building="Main")
    return (hall, *(make_room(rng, index) for index in range(1, count)))


def make_room(rng: random.Random, index: int) -> Room:
    """Room ``index``: tables every fourth, computers every eighth, a projector in most."""
    features = [name for name, has in zip(FEATURES, room_pattern(index), strict=True) if has]
    special = "tables" in features or "computers" in features
    capacity = rng.choice((50, 60, 80) if special else (40, 50, 60, 80, 100, 120))
    unavailable = (Rule(weekdays=(rng.choice(WEEKDAYS[:5]),)),) if rng.random() < 0.1 else ()
    return Room(
        id=f"room-{index:02d}",
        name=f"Room {index:02d}",
        capacity=capacity,
        features=tuple(features),
        building=rng.choice(("North", "South", "East")),
        unavailable=unavailable,
    )


def room_pattern(index: int) -> tuple[bool, bool, bool]:
    """Which of FEATURES room ``index`` has."""
    return index % 5 != 4, index % 4 == 1, index % 8 == 2


def make_groups(rng: random.Random, count: int, grid: Grid) -> tuple[Group, ...]:
    """Classes of 15 to 40 people; one in five misses the last two periods of one day."""
    groups = []
    for index in range(1, count + 1):
        unavailable: tuple[Rule, ...] = ()
        if rng.random() < 0.2:
            day = rng.choice(grid.days)
            unavailable = (Rule(date=day, periods=grid.period_ids[-2:]),)
        groups.append(
            Group(
                id=f"group-{index:02d}",
                name=f"Class {index}",
                size=rng.randint(15, 40),
                unavailable=unavailable,
            )
        )
    return tuple(groups)


def make_speakers(rng: random.Random, count: int, grid: Grid) -> tuple[Speaker, ...]:
    """Speakers with unique names, a little unavailability, some preferences and limits."""
    names = [f"{first} {last}" for first in FIRST.split() for last in LAST.split()]
    rng.shuffle(names)
    speakers = []
    for index in range(count):
        name = names[index % len(names)] + (f" {index // len(names) + 1}" if index >= len(names) else "")
        speakers.append(
            Speaker(
                id=f"speaker-{index + 1:03d}",
                name=name,
                organisation=rng.choice(ORGANISATIONS),
                unavailable=speaker_unavailable(rng, grid),
                preferred=(Rule(periods=grid.period_ids[:2]),) if rng.random() < 0.3 else (),
                limits=speaker_limits(rng),
            )
        )
    return tuple(speakers)


def speaker_unavailable(rng: random.Random, grid: Grid) -> tuple[Rule, ...]:
    """No rule, a weekday off, a week away, a few dates, or mornings taken by the day job."""
    roll = rng.random()
    if roll < 0.35:
        return (Rule(weekdays=(rng.choice(WEEKDAYS[:5]),)),)
    if roll < 0.5 and grid.n_weeks >= 3:
        return (Rule(weeks=(rng.randint(1, grid.n_weeks),)),)
    if roll < 0.65:
        return tuple(Rule(date=day) for day in sorted(rng.sample(grid.days, min(3, grid.n_days - 1))))
    if roll < 0.75:
        return (Rule(periods=grid.period_ids[:2]),)
    return ()


def speaker_limits(rng: random.Random) -> Limits:
    """Most speakers teach at most two or three sessions a day; some cap their week."""
    per_day = rng.choice((None, 2, 2, 3))
    per_week = rng.choice((None, None, 6, 8))
    return Limits(per_day=per_day, per_week=per_week)
