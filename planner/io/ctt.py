"""ITC-2007 curriculum-based course timetabling (``.ctt`` / ``.sol``) as a Huiwu event.

A ``.ctt`` instance is a special case of an event: course = a session with N
occurrences, teacher = its fixed speaker, curriculum = a group, room = room.
``read_ctt`` parses the text into a ``CttInstance`` (the competition's own
terms, used by the UD2 scorer in ``planner.io.ctt_score``); ``to_problem``
turns it into a ``Problem`` whose soft-rule weights are the UD2 ones
(capacity 1, min_days 5, isolated 2, room_stability 1, every other 0).

The calendar is synthetic: ``Days`` consecutive dates from Monday
2007-01-01 (all seven weekdays are working days when ``Days`` > 5) and
``Periods_per_day`` periods ``p0``, ``p1``... Days and periods count from 0,
as in the format. A ``.sol`` has one line per lecture: ``course room day period``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from planner.domain.calendar import Grid, Slot
from planner.domain.errors import InvalidEvent, InvalidSchedule
from planner.domain.messages import describe_pydantic_errors
from planner.domain.model import (
    WEEKDAYS,
    Event,
    Group,
    Period,
    Problem,
    Room,
    Rule,
    Session,
    Settings,
    Speaker,
    Weights,
)
from planner.domain.schedule import Assignment, Schedule

FIRST_DAY = dt.date(2007, 1, 1)  # a Monday
MAX_DAYS = 3660  # ten years of days: the instances have five or six
MAX_PERIODS = 1439  # periods of one minute, the shortest the calendar has
UD2_WEIGHTS = Weights(
    min_days=5,
    isolated=2,
    room_stability=1,
    capacity=1,
    track_overlap=0,
    track_room=0,
    spread_weeks=0,
    weekly_slot=0,
    fair_load=0,
    same_speaker=0,
    preferences=0,
    speaker_days=0,
    group_balance=0,
    room_fit=0,
    stability=0,
)
HEADER = ("Name", "Courses", "Rooms", "Days", "Periods_per_day", "Curricula", "Constraints")


@dataclass(frozen=True)
class Course:
    id: str
    teacher: str
    lectures: int
    min_days: int
    students: int


@dataclass(frozen=True)
class Curriculum:
    id: str
    courses: tuple[str, ...]


@dataclass(frozen=True)
class Lecture:
    """One line of a ``.sol``: a lecture of ``course`` in ``room`` at (``day``, ``period``)."""

    course: str
    room: str
    day: int
    period: int


@dataclass(frozen=True)
class CttInstance:
    """A ``.ctt`` file in the competition's own terms."""

    name: str
    days: int
    periods: int
    courses: tuple[Course, ...]
    rooms: dict[str, int]  # room -> capacity, in file order
    curricula: tuple[Curriculum, ...]
    unavailable: frozenset[tuple[str, int, int]]  # (course, day, period)

    def course(self, course_id: str) -> Course:
        return next(c for c in self.courses if c.id == course_id)


def read_ctt(path: Path) -> CttInstance:
    """Read a ``.ctt`` file; malformed text raises ``InvalidEvent`` naming the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidEvent([f"{path}: cannot read the file ({error})"]) from None
    return parse_ctt(text)


def parse_ctt(text: str) -> CttInstance:
    """Parse the text of a ``.ctt`` instance."""
    lines = [(n, line.split()) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    header: dict[str, str] = {}
    sections: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    section, ended = "", False
    for number, words in lines:
        if words[0].endswith(":") and len(words) == 1:
            section = words[0][:-1]
        elif words[0] == "END.":
            ended = True
            break
        elif not section and words[0].endswith(":"):
            header[words[0][:-1]] = " ".join(words[1:])
        elif section:
            sections[section].append((number, words))
        else:
            raise InvalidEvent([f"line {number}: unexpected text {' '.join(words)!r}"])
    return _build(header, sections, ended)


def _build(
    header: dict[str, str], sections: dict[str, list[tuple[int, list[str]]]], ended: bool
) -> CttInstance:
    missing = [key for key in HEADER if key not in header]
    problems = [f"header: missing {', '.join(missing)}"] if missing else []
    if not ended:  # every instance ends so: a file without it was most likely cut short
        problems.append("the file ends without its closing END. line: is it complete?")
    if problems:
        raise InvalidEvent(problems)
    courses = tuple(
        Course(w[0], w[1], lectures, min_days, students)
        for n, w in _rows(sections, "COURSES", 5)
        for lectures, min_days, students in [_ints(n, w[2:], 3)]
    )
    rooms = {w[0]: _ints(n, w[1:], 1)[0] for n, w in _rows(sections, "ROOMS", 2)}
    curricula = tuple(Curriculum(w[0], tuple(w[2:])) for n, w in sections.get("CURRICULA", []))
    for number, words in sections.get("CURRICULA", []):
        declared = _ints(number, words[1:2], 1)[0]
        if declared != len(words) - 2:
            listed = f"curriculum {words[0]} says {declared} courses but lists {len(words) - 2}"
            raise InvalidEvent([f"line {number}: {listed}"])
    unavailable = frozenset(
        (w[0], day, period)
        for n, w in _rows(sections, "UNAVAILABILITY_CONSTRAINTS", 3)
        for day, period in [_ints(n, w[1:], 2)]
    )
    instance = CttInstance(
        name=header["Name"],
        days=_header_int(header, "Days"),
        periods=_header_int(header, "Periods_per_day"),
        courses=courses,
        rooms=rooms,
        curricula=curricula,
        unavailable=unavailable,
    )
    _check_instance(instance, header, len(sections.get("UNAVAILABILITY_CONSTRAINTS", [])))
    return instance


def _rows(
    sections: dict[str, list[tuple[int, list[str]]]], name: str, width: int
) -> list[tuple[int, list[str]]]:
    rows = sections.get(name, [])
    for number, words in rows:
        if len(words) != width:
            raise InvalidEvent([f"line {number}: {name} expects {width} fields, got {len(words)}"])
    return rows


def _whole(word: str) -> bool:
    """A whole number of 0 or more in ASCII digits (every number of the format is)."""
    return word.isascii() and word.isdigit()


def _header_int(header: dict[str, str], key: str) -> int:
    value = header[key].strip()
    if not _whole(value):
        raise InvalidEvent([f"header: {key} should be a whole number, got {value!r}"])
    return int(value)


def _ints(number: int, words: list[str], count: int) -> list[int]:
    """The first ``count`` words as whole numbers (``_whole``)."""
    if not all(_whole(word) for word in words[:count]):
        raise InvalidEvent([f"line {number}: expected whole numbers, got {' '.join(words)!r}"])
    values = [int(word) for word in words[:count]]
    if len(values) != count:
        raise InvalidEvent([f"line {number}: expected {count} numbers"])
    return values


def _check_instance(instance: CttInstance, header: dict[str, str], constraints: int) -> None:
    courses = {c.id for c in instance.courses}
    problems = []
    for curriculum in instance.curricula:
        problems += [
            f"curriculum {curriculum.id}: no course {c!r}" for c in curriculum.courses if c not in courses
        ]
    slots = instance.days * instance.periods
    problems += [
        f"course {c.id}: {c.lectures} lectures but the calendar holds only {slots} periods"
        for c in instance.courses
        if c.lectures > slots
    ]
    for course, day, period in sorted(instance.unavailable):
        if course not in courses:
            problems.append(f"unavailability: no course {course!r}")
        if not (0 <= day < instance.days and 0 <= period < instance.periods):
            problems.append(f"unavailability of {course}: no period ({day}, {period})")
    counts = {
        "Courses": len(instance.courses),
        "Rooms": len(instance.rooms),
        "Curricula": len(instance.curricula),
        "Constraints": constraints,
    }
    for key, count in counts.items():
        if header[key].strip() != str(count):
            problems.append(f"header: {key} says {header[key]} but the file lists {count}")
    if problems:
        raise InvalidEvent(problems)


def to_problem(instance: CttInstance) -> Problem:
    """The instance as a Huiwu event, scored by the general rules with UD2 weights."""
    groups_of: dict[str, list[str]] = defaultdict(list)
    for curriculum in instance.curricula:
        for course_id in dict.fromkeys(curriculum.courses):
            groups_of[course_id].append(curriculum.id)
    grid = Grid(calendar(instance))
    rooms: list[Room] = []
    sessions: list[Session] = []
    for room, capacity in instance.rooms.items():
        with _naming(f"room {room}"):
            rooms.append(Room(id=room, name=room, capacity=max(capacity, 1)))
    for course in instance.courses:
        with _naming(f"course {course.id}"):
            sessions.append(_session(instance, grid, course, groups_of[course.id]))
    return Problem(
        event=grid.event,
        rooms=tuple(rooms),
        speakers=tuple(Speaker(id=t, name=t) for t in dict.fromkeys(c.teacher for c in instance.courses)),
        groups=tuple(Group(id=g.id, name=g.id, size=1) for g in instance.curricula),
        sessions=tuple(sessions),
        rules=Settings(weights=UD2_WEIGHTS, capacity="soft", travel_minutes=0),
    )


@contextmanager
def _naming(what: str) -> Iterator[None]:
    """A value out of the event model's range, named by ``what`` and its field
    (``room rB: capacity: must be at most 100000 (got 999999)``)."""
    try:
        yield
    except ValidationError as error:
        raise InvalidEvent([f"{what}: {line}" for line in describe_pydantic_errors(error, root="")]) from None


def calendar(instance: CttInstance) -> Event:
    """``Days`` consecutive working dates from a Monday and ``Periods_per_day`` periods."""
    if instance.days < 1 or instance.periods < 1:
        raise InvalidEvent(["header: Days and Periods_per_day must be at least 1"])
    if instance.days > MAX_DAYS or instance.periods > MAX_PERIODS:
        limits = f"Days must be at most {MAX_DAYS} and Periods_per_day at most {MAX_PERIODS}"
        raise InvalidEvent([f"header: {limits} (periods of a minute)"])
    minutes = 60 if instance.periods <= 14 else 1439 // instance.periods
    first = 8 * 60 if instance.periods <= 14 else 0
    periods = tuple(
        Period(id=f"p{i}", start=_time(first + i * minutes), end=_time(first + (i + 1) * minutes))
        for i in range(instance.periods)
    )
    weekdays = WEEKDAYS if instance.days > 5 else WEEKDAYS[:5]
    event_id = re.sub(r"\s+", "-", instance.name.strip()) or "ctt"
    end = FIRST_DAY + dt.timedelta(days=instance.days - 1)
    return Event(
        id=event_id, title=instance.name, start=FIRST_DAY, end=end, weekdays=weekdays, periods=periods
    )


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _session(instance: CttInstance, grid: Grid, course: Course, groups: list[str]) -> Session:
    by_day: dict[int, list[str]] = defaultdict(list)
    for course_id, day, period in sorted(instance.unavailable):
        if course_id == course.id:
            by_day[day].append(grid.period_ids[period])
    unavailable = tuple(Rule(date=grid.days[d], periods=tuple(p)) for d, p in sorted(by_day.items()))
    return Session(
        id=course.id,
        title=course.id,
        occurrences=max(course.lectures, 1),
        speakers=(course.teacher,),
        groups=tuple(groups),
        attendance=max(course.students, 1),
        min_days=course.min_days,
        unavailable=unavailable,
    )


def read_solution(path: Path, instance: CttInstance) -> list[Lecture]:
    """Read a ``.sol``; a line naming an unknown course, room or period raises ``InvalidSchedule``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidSchedule(f"{path}: cannot read the file ({error})") from None
    return parse_solution(text, instance)


def parse_solution(text: str, instance: CttInstance) -> list[Lecture]:
    courses = {c.id for c in instance.courses}
    lectures = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split()
        if not words:
            continue
        if len(words) != 4 or not (words[2].isdigit() and words[3].isdigit()):
            raise InvalidSchedule(f"line {number}: expected 'course room day period', got {line.strip()!r}")
        lecture = Lecture(words[0], words[1], int(words[2]), int(words[3]))
        if lecture.course not in courses:
            raise InvalidSchedule(f"line {number}: no course {lecture.course!r}")
        if lecture.room not in instance.rooms:
            raise InvalidSchedule(f"line {number}: no room {lecture.room!r}")
        if lecture.day >= instance.days or lecture.period >= instance.periods:
            raise InvalidSchedule(f"line {number}: no period (day {lecture.day}, period {lecture.period})")
        lectures.append(lecture)
    return lectures


def format_solution(lectures: list[Lecture]) -> str:
    """The ``.sol`` text: one ``course room day period`` line per lecture."""
    return "".join(f"{x.course} {x.room} {x.day} {x.period}\n" for x in lectures)


def lectures_from_schedule(problem: Problem, schedule: Schedule) -> list[Lecture]:
    """The schedule's assignments as lectures, in the order of the courses and occurrences."""
    grid = Grid(problem.event)
    order = {s.id: i for i, s in enumerate(problem.sessions)}
    lectures = []
    for a in sorted(schedule.assignments, key=lambda a: (order.get(a.session, len(order)), a.occurrence)):
        slot = grid.slot_at(a.start)
        if slot is None:
            raise InvalidSchedule(f"{a.session} #{a.occurrence}: {a.start} is not a period of the calendar")
        lectures.append(Lecture(a.session, a.room, slot.day, slot.period))
    return lectures


def schedule_from_lectures(problem: Problem, lectures: list[Lecture]) -> Schedule:
    """Lectures as a Huiwu schedule, for the oracle.

    Occurrences of a course are numbered in time order, as Huiwu numbers them.
    """
    grid = Grid(problem.event)
    seen: dict[str, int] = defaultdict(int)
    assignments = []
    for x in sorted(lectures, key=lambda x: (x.day, x.period)):
        seen[x.course] += 1
        session = problem.session(x.course)
        slot = Slot(x.day, x.period)
        assignments.append(
            Assignment(
                session=x.course,
                occurrence=seen[x.course],
                title=session.title,
                start=grid.start(slot),
                end=grid.end(slot),
                room=x.room,
                speakers=session.speakers,
                groups=session.groups,
            )
        )
    return Schedule(event=problem.event.id, status="manual", objective=0, assignments=tuple(assignments))
