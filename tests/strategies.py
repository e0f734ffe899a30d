"""Hypothesis strategies that build only valid events (``check_problem`` finds nothing).

``problems()`` draws small events (1-3 weeks, 2-4 periods, 1-4 rooms, 0-4
speakers, 0-3 groups, 1-6 sessions) that build in milliseconds;
``large_problems()`` draws the same shapes with more of everything. Texts
avoid list separators (``,`` ``;`` ``，`` ``、``) and surrounding spaces so
every event also survives the Excel workbook unchanged. References only name
items that exist, ``after`` only names earlier sessions (no cycles), pins only
name working days and periods where the session fits, and each group's load
stays within the calendar. Events are valid, not necessarily solvable.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from hypothesis import strategies as st

from planner.domain.calendar import Grid, Slot
from planner.domain.model import (
    WEEKDAYS,
    Candidates,
    Event,
    Group,
    Kind,
    Limits,
    Member,
    Period,
    Pin,
    Problem,
    Room,
    Rule,
    Session,
    Settings,
    Speaker,
    Weights,
)
from planner.domain.schedule import Assignment, Schedule

ZONES = ("UTC", "Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe")
FEATURES = ("projector", "computers", "round-tables", "booth", "投影仪")
PERIOD_IDS = ("am1", "am2", "am3", "pm1", "pm2", "pm3", "ev1")
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789 会务培训班讲座研讨办公室é-'()=#:./"

texts = st.text(alphabet=_LETTERS, min_size=1, max_size=14).map(lambda s: " ".join(s.split())).filter(bool)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
_kinds = st.sampled_from(list(Kind))
_weekday_sets = st.none() | st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True).map(tuple)
_limits = st.builds(Limits, per_day=st.none() | st.integers(1, 4), per_week=st.none() | st.integers(1, 10))
_members = st.builds(Member, name=texts, unit=st.none() | texts, role=st.none() | texts)
_weights = st.just(Weights()) | st.builds(
    Weights, **{name: st.integers(0, 20) for name in Weights.model_fields}
)


@dataclass(frozen=True)
class Size:
    """Upper bounds of what ``problems`` draws."""

    weeks: int = 3
    periods: int = 4
    rooms: int = 4
    speakers: int = 4
    groups: int = 3
    sessions: int = 6
    occurrences: int = 3


SMALL = Size()
LARGE = Size(weeks=8, periods=6, rooms=10, speakers=15, groups=6, sessions=30, occurrences=6)


@st.composite
def periods(draw: st.DrawFn, most: int) -> tuple[Period, ...]:
    """2..most periods in order, without overlap, between 07:00 and 23:59."""
    names = draw(st.lists(st.sampled_from(PERIOD_IDS), min_size=2, max_size=min(most, 7), unique=True))
    minute = draw(st.integers(7 * 60, 9 * 60)) // 5 * 5
    result = []
    for name in names:
        length = draw(st.integers(6, 24)) * 5
        label = draw(st.none() | texts)
        result.append(Period(id=name, start=_time(minute), end=_time(minute + length), name=label))
        minute += length + draw(st.integers(0, 6)) * 5
    return tuple(result)


def _time(minute: int) -> dt.time:
    return dt.time(minute // 60, minute % 60)


@st.composite
def events(draw: st.DrawFn, size: Size = SMALL) -> Event:
    """An event header with at least one working day."""
    start = draw(st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31)))
    weeks = draw(st.integers(1, size.weeks))
    end = start + dt.timedelta(days=7 * weeks - 1 - draw(st.integers(0, 4)))
    weekdays = tuple(sorted(draw(st.sets(st.sampled_from(WEEKDAYS), min_size=1)), key=WEEKDAYS.index))
    dates = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    working = [d for d in dates if WEEKDAYS[d.weekday()] in weekdays]
    other = [d for d in dates if WEEKDAYS[d.weekday()] not in weekdays]
    off = (
        draw(st.lists(st.sampled_from(working), max_size=min(2, len(working) - 1), unique=True))
        if working
        else []
    )
    extra = draw(st.lists(st.sampled_from(other), max_size=1)) if other else []
    if not working and not extra:
        extra = [other[0]]
    return Event(
        id=draw(ids),
        title=draw(texts),
        hosts=tuple(draw(st.lists(texts, max_size=2))),
        language=draw(st.sampled_from(("zh", "en"))),
        timezone=draw(st.sampled_from(ZONES)),
        start=start,
        end=end,
        weekdays=weekdays,
        holidays=tuple(off[:1]),
        blackout=tuple(off[1:]),
        extra_days=tuple(extra),
        periods=draw(periods(size.periods)),
        venue=draw(st.none() | texts),
        kind=draw(st.none() | st.sampled_from(("training", "conference"))),
    )


@st.composite
def rules(draw: st.DrawFn, event: Event, most: int = 2) -> tuple[Rule, ...]:
    """Availability rules over the event's dates, weeks and periods."""
    return tuple(draw(st.lists(_one_rule(event), max_size=most)))


@functools.lru_cache(maxsize=64)
def _one_rule(event: Event) -> st.SearchStrategy[Rule]:
    """One rule of the event; built once per event (building strategies is the slow part)."""
    grid = Grid(event)
    dates = st.dates(event.start, event.end)
    period_ids = st.lists(st.sampled_from(grid.period_ids), min_size=1, max_size=2, unique=True).map(tuple)
    weekdays = st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=2, unique=True).map(tuple)
    weeks = st.lists(st.integers(1, max(grid.n_weeks, 1)), min_size=1, max_size=2, unique=True).map(tuple)
    return st.one_of(
        dates.map(lambda d: Rule(date=d)),
        st.builds(lambda d, p: Rule(date=d, periods=p), dates, period_ids),
        weekdays.map(lambda w: Rule(weekdays=w)),
        weeks.map(lambda w: Rule(weeks=w)),
        st.builds(lambda w, p: Rule(weekdays=w, periods=p), weekdays, period_ids),
        st.builds(lambda a, b: Rule.model_validate({"from": min(a, b), "to": max(a, b)}), dates, dates),
        period_ids.map(lambda p: Rule(periods=p)),
    )


@st.composite
def rooms(draw: st.DrawFn, event: Event, size: Size) -> tuple[Room, ...]:
    names = draw(st.lists(ids, min_size=1, max_size=size.rooms, unique=True))
    return tuple(
        Room(
            id=name,
            name=draw(texts),
            capacity=draw(st.integers(1, 200)),
            features=tuple(draw(st.lists(st.sampled_from(FEATURES), max_size=3, unique=True))),
            building=draw(st.none() | texts),
            unavailable=draw(rules(event, 1)),
        )
        for name in names
    )


@st.composite
def speakers(draw: st.DrawFn, event: Event, size: Size) -> tuple[Speaker, ...]:
    names = draw(st.lists(ids, max_size=size.speakers, unique=True))
    return tuple(
        Speaker(
            id=name,
            name=draw(texts),
            organisation=draw(st.none() | texts),
            email=draw(st.none() | st.just(f"{name}@example.org")),
            unavailable=draw(rules(event)),
            preferred=draw(rules(event, 1)),
            undesired=draw(rules(event, 1)),
            limits=draw(_limits),
        )
        for name in names
    )


@st.composite
def groups(draw: st.DrawFn, event: Event, size: Size, largest: int) -> tuple[Group, ...]:
    names = draw(st.lists(ids, max_size=size.groups, unique=True))
    return tuple(
        Group(
            id=name,
            name=draw(texts),
            size=draw(st.integers(1, largest)),
            members=tuple(
                member.model_copy(update={"leave": draw(rules(event, 1))})
                for member in draw(st.lists(_members, max_size=3))
            ),
            unavailable=draw(rules(event, 1)),
        )
        for name in names
    )


@dataclass
class _Context:
    """What a session may refer to, and each group's booked periods so far."""

    event: Event
    grid: Grid
    rooms: tuple[Room, ...]
    speakers: tuple[str, ...]
    groups: tuple[Group, ...]
    size: Size
    load: dict[str, int]


@st.composite
def _session(draw: st.DrawFn, ctx: _Context, index: int, earlier: list[str]) -> Session:
    grid = ctx.grid
    length = draw(st.integers(1, min(2, grid.n_periods)) | st.integers(1, grid.n_periods))
    occurrences = draw(st.integers(1, max(1, min(ctx.size.occurrences, grid.n_days * grid.n_periods))))
    fixed, candidates = _draw_speakers(draw, ctx.speakers)
    chosen = _draw_groups(draw, ctx, length * occurrences)
    room = draw(st.sampled_from(ctx.rooms))
    features = tuple(draw(st.lists(st.sampled_from(room.features), unique=True))) if room.features else ()
    largest = max(r.capacity for r in ctx.rooms)
    fits = [p for i, p in enumerate(grid.period_ids) if i + length <= grid.n_periods]
    attendance = draw(st.none() | st.integers(1, largest))
    seats = attendance or sum(g.size for g in ctx.groups if g.id in chosen)
    hosts = [r.id for r in ctx.rooms if set(features) <= set(r.features) and r.capacity >= seats]
    return Session(
        id=f"s{index}-{draw(ids)}",
        title=draw(texts),
        kind=draw(_kinds),
        course=draw(st.none() | st.just("track") | texts),  # a shared course: a track when no group attends
        length=length,
        occurrences=occurrences,
        speakers=fixed,
        candidates=candidates,
        groups=chosen,
        attendance=attendance,
        features=features,
        weekdays=draw(_weekday_sets),
        periods=draw(st.none() | st.lists(st.sampled_from(fits), min_size=1, unique=True).map(tuple)),
        unavailable=draw(rules(ctx.event, 1)),
        weekly=draw(st.booleans()),
        min_days=draw(st.none() | st.integers(0, min(occurrences, grid.n_days))),
        after=tuple(draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True))) if earlier else (),
        exclusive=draw(st.booleans()),
        pinned=tuple(draw(st.lists(_pin(ctx, occurrences, fits, hosts), max_size=1))),
    )


def _draw_speakers(draw: st.DrawFn, pool: tuple[str, ...]) -> tuple[tuple[str, ...], Candidates | None]:
    if not pool:
        return (), None
    fixed = tuple(draw(st.lists(st.sampled_from(pool), max_size=2, unique=True)))
    if draw(st.booleans()):
        return fixed, None
    others = [name for name in pool if name not in fixed]
    if not others:
        return fixed, None
    names = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
    return fixed, Candidates.model_validate({"from": names, "pick": draw(st.integers(1, len(names)))})


def _draw_groups(draw: st.DrawFn, ctx: _Context, periods: int) -> tuple[str, ...]:
    """Groups whose seats fit the largest room and whose load stays within the calendar."""
    if not ctx.groups:
        return ()
    largest = max(r.capacity for r in ctx.rooms)
    calendar = ctx.grid.n_days * ctx.grid.n_periods
    chosen: list[str] = []
    seats = 0
    for group in draw(st.lists(st.sampled_from(ctx.groups), max_size=3, unique_by=lambda g: g.id)):
        if seats + group.size <= largest and ctx.load[group.id] + periods <= calendar:
            chosen.append(group.id)
            seats += group.size
            ctx.load[group.id] += periods
    return tuple(chosen)


def _pin(ctx: _Context, occurrences: int, fits: list[str], hosts: list[str]) -> st.SearchStrategy[Pin]:
    """A pin to a working day, a period where the session fits and a room that can host it."""
    return st.builds(
        Pin,
        occurrence=st.none() | st.integers(1, occurrences),
        date=st.none() | st.sampled_from(ctx.grid.days),
        period=st.none() | st.sampled_from(fits),
        room=(st.none() | st.sampled_from(hosts)) if hosts else st.none(),
    )


@st.composite
def settings(draw: st.DrawFn) -> Settings:
    """Soft-rule weights (defaults or drawn), hard or soft capacity, travel minutes."""
    return Settings(
        weights=draw(_weights),
        capacity=draw(st.sampled_from(("hard", "soft"))),
        travel_minutes=draw(st.integers(0, 60)),
    )


@st.composite
def problems(draw: st.DrawFn, size: Size = SMALL) -> Problem:
    """A valid event; ``size`` bounds how much of everything (``SMALL`` or ``LARGE``)."""
    event = draw(events(size))
    grid = Grid(event)
    the_rooms = draw(rooms(event, size))
    the_speakers = draw(speakers(event, size))
    largest = max(r.capacity for r in the_rooms)
    the_groups = draw(groups(event, size, largest))
    speaker_ids = tuple(s.id for s in the_speakers)
    ctx = _Context(event, grid, the_rooms, speaker_ids, the_groups, size, {g.id: 0 for g in the_groups})
    sessions: list[Session] = []
    for index in range(1, draw(st.integers(1, size.sessions)) + 1):
        sessions.append(draw(_session(ctx, index, [s.id for s in sessions])))
    rules_ = draw(st.none() | settings())
    return Problem(
        event=event,
        rooms=the_rooms,
        speakers=the_speakers,
        groups=the_groups,
        sessions=tuple(sessions),
        rules=rules_ if rules_ is not None else Settings(),
    )


def large_problems() -> st.SearchStrategy[Problem]:
    """Bigger valid events: up to 8 weeks, 10 rooms, 15 speakers, 6 groups, 30 sessions."""
    return problems(LARGE)


def moved(schedule: Schedule, key: tuple[str, int], **changes: object) -> Schedule:
    assignments = tuple(a.model_copy(update=changes) if a.key == key else a for a in schedule.assignments)
    return schedule.model_copy(update={"assignments": assignments})


@st.composite
def broken_schedules(draw: st.DrawFn) -> tuple[Problem, Schedule, tuple[str, int], Schedule]:
    """An event, a random schedule of it (rules broken at will), one occurrence and a random move of it."""
    problem = draw(problems())
    grid = Grid(problem.event)
    rooms = [r.id for r in problem.rooms]

    def placed(session_id: str, occurrence: int) -> Assignment:
        session = problem.session(session_id)
        day = draw(st.integers(0, grid.n_days - 1))
        period = draw(st.integers(0, max(0, grid.n_periods - session.length)))
        pool = session.candidates.from_ if session.candidates else ()
        picked = tuple(draw(st.permutations(pool))[: session.candidates.pick]) if session.candidates else ()
        return Assignment(
            session=session.id,
            occurrence=occurrence,
            title=session.title,
            start=grid.start(Slot(day, period)),
            end=grid.end(Slot(day, period), session.length),
            room=draw(st.sampled_from(rooms)),
            speakers=(*session.speakers, *picked),
            groups=session.groups,
        )

    keys = [(s.id, o) for s in problem.sessions for o in range(1, s.occurrences + 1)]
    schedule = Schedule(
        event=problem.event.id, status="manual", objective=0, assignments=tuple(placed(*k) for k in keys)
    )
    key = draw(st.sampled_from(keys))
    return problem, schedule, key, moved(schedule, key, **dict(placed(*key)))
