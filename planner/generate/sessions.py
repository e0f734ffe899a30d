"""Sessions of a generated event, handed out within budgets so the event stays feasible.

A ``Budget`` holds the periods each group, speaker and room feature may still
take (half of what they are free for). Each course draws a kind, a length,
its occurrences, its groups and its speakers, and charges the budget; whatever
has no budget left is not used (a course without a free speaker gets none, a
workshop without a free room with tables loses that need).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from planner.domain.calendar import Grid
from planner.domain.model import Candidates, Kind, Pin, Problem, Session
from planner.generate.load import free_slots, speaker_capacity

SHARE = 0.5  # share of a group's or speaker's free slots the generator may book
ROOM_SHARE = 0.45  # share of the room-slots with a feature that sessions needing it may book
TOPICS = (
    "Office methods",
    "Research and investigation",
    "Meeting management",
    "Information handling",
    "Coordination",
    "Document handling",
    "Official etiquette",
    "Official writing",
    "Public speaking",
    "Budgeting",
    "Project management",
    "Data literacy",
    "Law and regulation",
    "Negotiation",
    "Crisis communication",
    "Team leadership",
    "Archives",
    "Procurement",
    "Statistics",
    "Ethics",
)
# kind, length, features, weight
KINDS: tuple[tuple[Kind, int, tuple[str, ...], int], ...] = (
    (Kind.LECTURE, 1, (), 45),
    (Kind.LECTURE, 1, ("projector",), 20),
    (Kind.WORKSHOP, 2, ("tables",), 10),
    (Kind.LECTURE, 1, ("computers",), 5),
    (Kind.DISCUSSION, 1, (), 12),
    (Kind.SELF_STUDY, 1, (), 8),
)


@dataclass
class Budget:
    """Periods that each group, speaker and room feature may still be booked for."""

    groups: dict[str, float] = field(default_factory=dict)
    speakers: dict[str, float] = field(default_factory=dict)
    features: dict[str, float] = field(default_factory=dict)

    def take(self, pot: dict[str, float], keys: tuple[str, ...], periods: int) -> bool:
        """Charge ``periods`` to every key if all can afford it; tell whether it did."""
        if any(pot.get(key, 0) < periods for key in keys):
            return False
        for key in keys:
            pot[key] -= periods
        return True


def make_budget(problem: Problem, grid: Grid) -> Budget:
    room_slots = {room.id: free_slots(grid, room.unavailable) for room in problem.rooms}
    features = {f for room in problem.rooms for f in room.features}
    return Budget(
        groups={g.id: SHARE * free_slots(grid, g.unavailable) for g in problem.groups},
        speakers={s.id: SHARE * speaker_capacity(grid, s) for s in problem.speakers},
        features={
            f: ROOM_SHARE * sum(room_slots[r.id] for r in problem.rooms if f in r.features) for f in features
        },
    )


def make_sessions(rng: random.Random, problem: Problem, grid: Grid, total: int) -> tuple[Session, ...]:
    """Courses until exactly ``total`` occurrences; an opening ceremony first when there are groups."""
    budget = make_budget(problem, grid)
    sessions: list[Session] = []
    if total >= 20 and problem.groups:
        sessions.append(make_opening(problem, grid, budget))
    while (remaining := total - sum(s.occurrences for s in sessions)) > 0:
        sessions += make_course(rng, problem, grid, budget, len(sessions) + 1, remaining)
    return tuple(sessions)


def make_opening(problem: Problem, grid: Grid, budget: Budget) -> Session:
    """The first slot in the hall, exclusive, for as many groups as the hall seats."""
    hall = max(problem.rooms, key=lambda room: room.capacity)
    groups: list[str] = []
    seats = 0
    for group in problem.groups:
        if seats + group.size <= hall.capacity:
            groups.append(group.id)
            seats += group.size
    budget.take(budget.groups, tuple(groups), 1)
    return Session(
        id="opening",
        title="Opening ceremony",
        kind=Kind.CEREMONY,
        groups=tuple(groups),
        exclusive=True,
        pinned=(Pin(date=grid.days[0], period=grid.period_ids[0], room=hall.id),),
    )


def make_course(
    rng: random.Random, problem: Problem, grid: Grid, budget: Budget, number: int, remaining: int
) -> list[Session]:
    """One course, sometimes with a second part that must come after the first."""
    kind, length, features, _ = rng.choices(KINDS, weights=[k[3] for k in KINDS])[0]
    occurrences = min(rng.choice((1, 2, 3, 4, 5, 6)), remaining)
    periods = length * occurrences
    if features and not budget.take(budget.features, features, periods):
        features = ()
    groups = pick_groups(rng, problem, budget, periods, features)
    topic = TOPICS[number % len(TOPICS)]
    speakers, candidates = pick_speakers(rng, problem, budget, periods, kind)
    first = Session(
        id=f"course-{number:04d}",
        title=title(kind, topic, number),
        kind=kind,
        course=f"{topic} {number}",
        length=length,
        occurrences=occurrences,
        groups=groups,
        attendance=None if groups else rng.randint(10, 40),
        features=features,
        speakers=speakers,
        candidates=candidates,
    )
    first = first.model_copy(update={"weekly": is_weekly(rng, problem, grid, first)})
    left = remaining - occurrences
    if left == 0 or kind != Kind.LECTURE or rng.random() >= 0.15:
        return [first]
    second = second_part(budget, first, min(left, rng.choice((1, 2, 3))))
    return [first] if second is None else [first, second]


def second_part(budget: Budget, first: Session, occurrences: int) -> Session | None:
    """Part 2 of a course: the same groups, after part 1; the same speaker if the budget allows."""
    periods = first.length * occurrences
    if not budget.take(budget.groups, first.groups, periods):
        return None
    speakers = first.speakers if budget.take(budget.speakers, first.speakers, periods) else ()
    return first.model_copy(
        update={
            "id": f"{first.id}-2",
            "title": f"{first.title}, part 2",
            "occurrences": occurrences,
            "speakers": speakers,
            "candidates": None,
            "weekly": False,
            "after": (first.id,),
        }
    )


def title(kind: Kind, topic: str, number: int) -> str:
    prefix = {Kind.WORKSHOP: "Workshop: ", Kind.DISCUSSION: "Discussion: ", Kind.SELF_STUDY: "Self-study: "}
    return f"{prefix.get(kind, '')}{topic} {number}"


def pick_groups(
    rng: random.Random, problem: Problem, budget: Budget, periods: int, features: tuple[str, ...]
) -> tuple[str, ...]:
    """One group (a second one for one plain lecture in ten) with budget left, or none."""
    wanted = 2 if not features and rng.random() < 0.1 else 1
    chosen: list[str] = []
    for group in rng.sample(problem.groups, min(12, len(problem.groups))):
        if len(chosen) < wanted and budget.take(budget.groups, (group.id,), periods):
            chosen.append(group.id)
    return tuple(chosen)


def pick_speakers(
    rng: random.Random, problem: Problem, budget: Budget, periods: int, kind: Kind
) -> tuple[tuple[str, ...], Candidates | None]:
    """A fixed speaker (three courses in four) or a pool of two or three candidates; none for self-study."""
    if kind == Kind.SELF_STUDY or not problem.speakers:
        return (), None
    sample = rng.sample(problem.speakers, min(12, len(problem.speakers)))
    free = [s.id for s in sample if budget.speakers[s.id] >= periods]
    if not free:
        return (), None
    if rng.random() < 0.75 or len(free) < 2:
        budget.take(budget.speakers, (free[0],), periods)
        return (free[0],), None
    pool = tuple(free[: rng.choice((2, 3))])
    budget.take(budget.speakers, pool, periods)
    return (), Candidates(from_=pool, pick=1)


def is_weekly(rng: random.Random, problem: Problem, grid: Grid, session: Session) -> bool:
    """One steady course in ten meets weekly: at most one occurrence a week, speakers free every week."""
    if session.candidates is not None or not 2 <= session.occurrences < grid.n_weeks:
        return False
    steady = all(
        rule.date is None and rule.weeks is None and rule.from_ is None and rule.to is None
        for speaker in session.speakers
        for rule in problem.speaker(speaker).unavailable
    )
    return steady and rng.random() < 0.1
