"""Random valid events of any size, for stress tests and benchmarks.

``generate_problem(sessions, rooms, weeks, seed)`` builds an event with exactly
``sessions`` occurrences in total: courses of several lectures, two-period
workshops that need tables, labs that need computers, discussions, self-study,
precedence between the parts of a course, weekly courses and a pinned,
exclusive opening ceremony. It is deterministic for a seed and realistically
feasible: the calendar gets enough periods a day that the sessions fill under
half of the room-slots, and no group or speaker is booked for more than half of
the slots they are free. ``planner.generate.load`` checks those counts on any event.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from planner.domain.calendar import Grid
from planner.domain.errors import InvalidEvent
from planner.domain.model import MAX_PEOPLE, Event, Period, Problem
from planner.domain.validation import MAX_DAYS
from planner.generate.resources import make_groups, make_rooms, make_speakers
from planner.generate.sessions import make_sessions

START = dt.date(2026, 9, 7)  # a Monday
TARGET_LOAD = 0.45  # share of the room-slots the sessions should fill
MEAN_LENGTH = 1.15  # periods per occurrence, workshops included
MIN_PERIODS, MAX_PERIODS = 4, 8


def generate_problem(
    sessions: int,
    rooms: int,
    weeks: int,
    seed: int,
    speakers: int | None = None,
    groups: int | None = None,
) -> Problem:
    """A valid random event with ``sessions`` occurrences in all (see the module docstring)."""
    check_sizes(sessions=sessions, rooms=rooms, weeks=weeks, speakers=speakers, groups=groups)
    rng = random.Random(seed)
    event = make_event(sessions, rooms, weeks, seed)
    grid = Grid(event)
    room_list = make_rooms(rng, rooms)
    group_list = make_groups(rng, groups if groups is not None else max(1, sessions // 35), grid)
    speaker_list = make_speakers(rng, speakers if speakers is not None else max(1, sessions // 5), grid)
    problem = Problem(event=event, rooms=room_list, speakers=speaker_list, groups=group_list)
    return problem.model_copy(update={"sessions": make_sessions(rng, problem, grid, sessions)})


MOST = {
    "sessions": 100_000,
    "rooms": 2_000,
    "weeks": (MAX_DAYS - 5) // 7 + 1,
    "speakers": MAX_PEOPLE,
    "groups": MAX_PEOPLE,
}
"""The largest sizes: weeks as long as an event may last; the rest far beyond any real event (the
generated 5,000-occurrence event takes seconds; ten million once ran out of memory, unrefused)."""


def check_sizes(**sizes: int | None) -> None:
    """Refuse sizes that cannot make an event: sessions, rooms, weeks >= 1; speakers, groups >= 0;
    none above its ``MOST``."""
    lines = []
    for name, value in sizes.items():
        least = 0 if name in ("speakers", "groups") else 1
        if value is not None and value < least:
            lines.append(f"{name}: must be at least {least} (got {value})")
        elif value is not None and value > MOST[name]:
            lines.append(f"{name}: must be at most {MOST[name]} (got {value})")
    if lines:
        raise InvalidEvent(lines)


def make_event(sessions: int, rooms: int, weeks: int, seed: int) -> Event:
    """Weeks of Monday-to-Friday days; a holiday in week 2; 4 to 8 periods a day, as the load needs."""
    end = START + dt.timedelta(days=7 * (weeks - 1) + 4)
    holiday = START + dt.timedelta(days=9)
    holidays = (holiday,) if weeks >= 3 else ()
    days = weeks * 5 - len(holidays)
    needed = math.ceil(sessions * MEAN_LENGTH / (days * rooms * TARGET_LOAD))
    return Event(
        id=f"generated-{seed}",
        title=f"Generated event (seed {seed}, {sessions} sessions)",
        hosts=("Huiwu generator",),
        language="en",
        timezone="Europe/Berlin",
        start=START,
        end=end,
        holidays=holidays,
        periods=make_periods(min(MAX_PERIODS, max(MIN_PERIODS, needed))),
    )


def make_periods(count: int) -> tuple[Period, ...]:
    """Four 90-minute periods (am1 am2 pm1 pm2), or ``count`` one-hour periods from 08:00."""
    if count == MIN_PERIODS:
        times = (
            ("am1", "08:30", "10:00"),
            ("am2", "10:20", "11:50"),
            ("pm1", "14:00", "15:30"),
            ("pm2", "15:50", "17:20"),
        )
        return tuple(
            Period(id=i, start=dt.time.fromisoformat(a), end=dt.time.fromisoformat(b)) for i, a, b in times
        )
    periods = []
    for index in range(count):
        start = dt.datetime(2000, 1, 1, 8) + dt.timedelta(minutes=75 * index)
        periods.append(
            Period(id=f"p{index + 1}", start=start.time(), end=(start + dt.timedelta(hours=1)).time())
        )
    return tuple(periods)
