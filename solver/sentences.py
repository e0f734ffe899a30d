"""Conflicting rules put into words that name people, rooms, dates and numbers.

``describe(problem, (rule, entity))`` is one sentence per rule of the
explanation model (``solver.hard`` guards and ``solver.data`` reasons).
"""

from __future__ import annotations

from collections.abc import Callable

from planner.domain.calendar import Grid
from planner.domain.model import Pin, Problem, Rule, Session


def span(grid: Grid) -> str:
    if not grid.days:
        return "in the event"
    return f"between {grid.days[0]} and {grid.days[-1]}"


def free_periods(grid: Grid, rules: tuple[Rule, ...]) -> int:
    """Periods of the calendar not covered by ``rules``."""
    return sum(1 for s in grid.slots() if not grid.matches(rules, s))


def plural(count: int, word: str) -> str:
    """``1 period``, ``4 periods``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _titles(sessions: list[Session], limit: int = 4) -> str:
    names = [f"'{s.title}'" for s in sessions[:limit]]
    more = len(sessions) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _periods(sessions: list[Session]) -> int:
    return sum(s.length * s.occurrences for s in sessions)


def _teaches(problem: Problem, speaker: str) -> list[Session]:
    return [
        s
        for s in problem.sessions
        if speaker in s.speakers or (s.candidates is not None and speaker in s.candidates.from_)
    ]


def _speaker(problem: Problem, rule: str, k: str) -> str:
    grid, speaker = Grid(problem.event), problem.speaker(k)
    sessions = _teaches(problem, k)
    fixed = [s for s in sessions if k in s.speakers]
    if rule == "speaker_unavailable":
        free = free_periods(grid, speaker.unavailable)
        if not fixed:
            who = f"{speaker.name} (a candidate for {_titles(sessions)})"
            return f"{who} is free on only {plural(free, 'period')} {span(grid)}"
        teaches = f"{speaker.name} teaches {plural(_periods(fixed), 'period')}"
        return f"{teaches} but is free on only {plural(free, 'period')} {span(grid)}"
    if rule == "speaker_clash":
        return f"{speaker.name} cannot be in two places at once while teaching {_titles(sessions)}"
    if rule == "speaker_per_day":
        return (
            f"{speaker.name} may teach at most {plural(speaker.limits.per_day or 0, 'session')} a day "
            "and has "
            f"{sum(s.occurrences for s in fixed)} to teach ({_titles(fixed)})"
        )
    if rule == "speaker_per_week":
        return (
            f"{speaker.name} may teach at most {plural(speaker.limits.per_week or 0, 'session')} a week "
            f"and has {sum(s.occurrences for s in fixed)} to teach ({_titles(fixed)}) "
            f"in {plural(grid.n_weeks, 'week')}"
        )
    return (
        f"{speaker.name} needs {problem.rules.travel_minutes} minutes to change buildings between "
        f"{_titles(sessions)}"
    )


def _group(problem: Problem, rule: str, g: str) -> str:
    grid, group = Grid(problem.event), problem.group(g)
    sessions = [s for s in problem.sessions if g in s.groups]
    if rule == "group_unavailable":
        free = free_periods(grid, group.unavailable)
        attends = f"{group.name} must attend {plural(_periods(sessions), 'period')}"
        return f"{attends} but is free on only {plural(free, 'period')} {span(grid)}"
    total = plural(_periods(sessions), "period")
    return f"{group.name} cannot attend {_titles(sessions)} ({total}) without overlaps"


def _room(problem: Problem, rule: str, r: str) -> str:
    room = problem.room(r)
    grid = Grid(problem.event)
    if rule == "room_closed":
        closed = sum(1 for s in grid.slots() if grid.matches(room.unavailable, s))
        return f"room '{room.name}' is closed for {closed} of the {len(grid.slots())} periods {span(grid)}"
    users = [s for s in problem.sessions if _fits(problem, s, r)]
    total = plural(_periods(users), "period")
    return f"room '{room.name}' is needed by {_titles(users)} ({total}) and holds one at a time"


def _fits(problem: Problem, session: Session, r: str) -> bool:
    room = problem.room(r)
    big = problem.rules.capacity == "soft" or room.capacity >= problem.attendance(session)
    return big and set(session.features) <= set(room.features)


def _session(problem: Problem, rule: str, s: str) -> str:
    session = problem.session(s)
    title = f"'{session.title}'"
    if rule == "session_times":
        parts = [f"on {', '.join(session.weekdays)}" if session.weekdays else "", _only_periods(session)]
        if session.unavailable:
            parts.append(f"not at {len(session.unavailable)} excluded time(s)")
        allowed = " ".join(p for p in parts if p)
        count = plural(session.occurrences, "occurrence")
        return f"{title} ({count}) may run only {allowed} {span(Grid(problem.event))}"
    if rule == "pin":
        return f"{title} is pinned to " + "; ".join(_pin(problem, p) for p in session.pinned)
    if rule == "after":
        before = [problem.session(a) for a in session.after]
        return f"{title} must come after every occurrence of {_titles(before)}"
    if rule == "weekly":
        return (
            f"{title} must meet at one weekday and period, at most once a week "
            f"({plural(session.occurrences, 'occurrence')} in {plural(Grid(problem.event).n_weeks, 'week')})"
        )
    return f"{title} must run with nothing else in parallel"


def _only_periods(session: Session) -> str:
    return f"in periods {', '.join(session.periods)}" if session.periods else ""


def _pin(problem: Problem, pin: Pin) -> str:
    parts = [f"occurrence {pin.occurrence}:" if pin.occurrence else None, pin.date, pin.period]
    parts.append(f"in room '{problem.room(pin.room).name}'" if pin.room else None)
    return " ".join(str(p) for p in parts if p is not None)


_BY_ENTITY: dict[str, Callable[[Problem, str, str], str]] = {
    "speaker": _speaker,
    "group": _group,
    "room": _room,
}


def describe(problem: Problem, reason: tuple[str, str]) -> str:
    """One sentence for a (rule, entity) of the explanation model."""
    rule, entity = reason
    kind = rule.split("_")[0]
    if rule == "travel":
        return _speaker(problem, rule, entity)
    return _BY_ENTITY.get(kind, _session)(problem, rule, entity)
