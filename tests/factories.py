"""Test data builders that need no solver.

``greedy_schedule`` places each occurrence, the least free sessions first
(sessions listed in ``after`` before those that follow them), in the first free (slot, room) that keeps
the hard rules a printed agenda depends on: no group, speaker or room booked
twice, exclusive sessions alone in their slots, the smallest room that is big
enough and equipped, availability, pins, allowed weekdays and
periods, precedence, and occurrences of one session on distinct days when
possible. Deterministic: the same event gives the same schedule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.domain.calendar import Grid, Slot
from planner.domain.model import WEEKDAYS, Problem, Room, Session
from planner.domain.schedule import Assignment, Schedule
from planner.io.files import problem_from_data


@dataclass
class _Busy:
    """Who is booked in which slot, and when each session's last occurrence ends."""

    slots: set[tuple[str, str, Slot]] = field(default_factory=set)
    ends: dict[str, dt.datetime] = field(default_factory=dict)
    days: dict[str, set[int]] = field(default_factory=dict)


def greedy_schedule(problem: Problem) -> Schedule:
    """A valid schedule for small events; raises ``RuntimeError`` naming an occurrence that fits nowhere."""
    grid, busy = Grid(problem.event), _Busy()
    assignments = []
    for session in _in_precedence_order(problem):
        for occurrence in range(1, session.occurrences + 1):
            assignments.append(_place(problem, grid, busy, session, occurrence))
    return Schedule(event=problem.event.id, status="feasible", objective=0, assignments=tuple(assignments))


def _in_precedence_order(problem: Problem) -> list[Session]:
    done: dict[str, Session] = {}

    def visit(session: Session) -> None:
        if session.id in done:
            return
        for before in session.after:
            visit(problem.session(before))
        done[session.id] = session

    for session in sorted(problem.sessions, key=lambda s: _freedom(problem, s)):
        visit(session)
    return list(done.values())


def _freedom(problem: Problem, session: Session) -> int:
    """How many (slot, room) pairs the session could take alone: the least free go first."""
    grid = Grid(problem.event)
    people = [problem.speaker(s).unavailable for s in session.speakers]
    people += [problem.group(g).unavailable for g in session.groups]
    slots = sum(1 for slot in grid.slots() if not any(grid.matches(rules, slot) for rules in people))
    if session.pinned or session.exclusive:
        return -1  # fixed or alone in their slots: before anything can take their place
    return slots * len(_fitting_rooms(problem, session, 1))


def _place(problem: Problem, grid: Grid, busy: _Busy, session: Session, occurrence: int) -> Assignment:
    used_days = busy.days.setdefault(session.id, set())
    for distinct in (True, False):
        for slot in grid.slots():
            if distinct and slot.day in used_days:
                continue
            found = _try_slot(problem, grid, busy, session, occurrence, slot)
            if found is not None:
                used_days.add(slot.day)
                return found
    raise RuntimeError(f"greedy_schedule: no free slot for {session.id} #{occurrence}")


def _try_slot(
    problem: Problem, grid: Grid, busy: _Busy, session: Session, occurrence: int, slot: Slot
) -> Assignment | None:
    if not _slot_allowed(problem, grid, busy, session, occurrence, slot):
        return None
    slots = [Slot(slot.day, slot.period + i) for i in range(session.length)]
    speakers = _free_speakers(problem, grid, busy, session, slots)
    if speakers is None or any(("group", g, s) in busy.slots for g in session.groups for s in slots):
        return None
    if any(
        ("exclusive", "", s) in busy.slots or (session.exclusive and ("used", "", s) in busy.slots)
        for s in slots
    ):
        return None
    if any(grid.matches(problem.group(g).unavailable, s) for g in session.groups for s in slots):
        return None
    for room in _fitting_rooms(problem, session, occurrence):
        if all(
            ("room", room.id, s) not in busy.slots and not grid.matches(room.unavailable, s) for s in slots
        ):
            return _book(grid, busy, session, occurrence, slots, room, speakers)
    return None


def _slot_allowed(
    problem: Problem, grid: Grid, busy: _Busy, session: Session, occurrence: int, slot: Slot
) -> bool:
    if not grid.is_contiguous(slot.period, session.length):
        return False
    day, period = grid.days[slot.day], grid.period_ids[slot.period]
    if session.weekdays is not None and WEEKDAYS[day.weekday()] not in session.weekdays:
        return False
    if session.periods is not None and period not in session.periods:
        return False
    if grid.matches(session.unavailable, slot):
        return False
    for pin in session.pinned:
        if pin.occurrence in (None, occurrence) and (
            (pin.date is not None and pin.date != day) or (pin.period is not None and pin.period != period)
        ):
            return False
    start = grid.start(slot)
    return all(busy.ends.get(before, start) <= start for before in session.after)


def _free_speakers(
    problem: Problem, grid: Grid, busy: _Busy, session: Session, slots: list[Slot]
) -> tuple[str, ...] | None:
    def free(speaker_id: str) -> bool:
        unavailable = problem.speaker(speaker_id).unavailable
        return all(
            ("speaker", speaker_id, s) not in busy.slots and not grid.matches(unavailable, s) for s in slots
        )

    if not all(free(s) for s in session.speakers):
        return None
    picked: tuple[str, ...] = ()
    if session.candidates is not None:
        picked = tuple(s for s in session.candidates.from_ if s not in session.speakers and free(s))
        if len(picked) < session.candidates.pick:
            return None
        picked = picked[: session.candidates.pick]
    return session.speakers + picked


def _fitting_rooms(problem: Problem, session: Session, occurrence: int) -> list[Room]:
    pinned = {p.room for p in session.pinned if p.room is not None and p.occurrence in (None, occurrence)}
    need = problem.attendance(session)
    fitting = [
        room
        for room in problem.rooms
        if (not pinned or room.id in pinned)
        and room.capacity >= need
        and set(session.features) <= set(room.features)
    ]
    return sorted(fitting, key=lambda room: (room.capacity, len(room.features)))  # best fit first


def _book(
    grid: Grid,
    busy: _Busy,
    session: Session,
    occurrence: int,
    slots: list[Slot],
    room: Room,
    speakers: tuple[str, ...],
) -> Assignment:
    for slot in slots:
        busy.slots.add(("room", room.id, slot))
        busy.slots.update(("group", g, slot) for g in session.groups)
        busy.slots.update(("speaker", s, slot) for s in speakers)
        busy.slots.add(("exclusive" if session.exclusive else "used", "", slot))
    end = grid.end(slots[0], session.length)
    busy.ends[session.id] = max(busy.ends.get(session.id, end), end)
    return Assignment(
        session=session.id,
        occurrence=occurrence,
        title=session.title,
        start=grid.start(slots[0]),
        end=end,
        room=room.id,
        speakers=speakers,
        groups=session.groups,
    )


def chinese_problem() -> Problem:
    """A small Chinese training week: two classes with members, three lecturers, three rooms."""
    members = [{"name": n, "unit": u, "role": r} for n, u, r in _MEMBERS]
    return problem_from_data({
        "event": {
            "id": "peixun", "title": "全市办公室工作业务专题培训班", "language": "zh",
            "hosts": ["市委办公室", "市政府办公室", "市行政学院"], "venue": "市行政学院",
            "timezone": "Asia/Shanghai", "start": "2026-05-11", "end": "2026-05-15",
            "periods": [
                {"id": "am1", "start": "08:30", "end": "10:00", "name": "上午第一节"},
                {"id": "am2", "start": "10:20", "end": "11:50", "name": "上午第二节"},
                {"id": "pm1", "start": "14:30", "end": "16:00", "name": "下午第一节"},
            ],
        },
        "rooms": [
            {"id": "hall", "name": "大礼堂", "capacity": 200, "building": "综合楼"},
            {"id": "r101", "name": "第一教室", "capacity": 40, "building": "教学楼"},
            {"id": "r102", "name": "第二教室", "capacity": 40, "building": "教学楼"},
        ],
        "speakers": [
            {"id": "gao", "name": "高建国", "organisation": "市委办公室"},
            {"id": "zhang", "name": "张立军", "organisation": "市委办公室秘书科"},
            {"id": "liu", "name": "刘建华", "organisation": "市政府办公室综合科"},
        ],
        "groups": [
            {"id": "c1", "name": "一班", "size": 6, "members": members[:6]},
            {"id": "c2", "name": "二班", "size": 30},
        ],
        "sessions": [
            {"id": "opening", "title": "开班仪式", "kind": "ceremony", "speakers": ["gao"],
             "groups": ["c1", "c2"], "pinned": {"date": "2026-05-11", "period": "am1", "room": "hall"}},
            {"id": "methods-c1", "title": "办公室工作基本方法原则", "occurrences": 2, "speakers": ["zhang"],
             "groups": ["c1"], "after": ["opening"]},
            {"id": "methods-c2", "title": "办公室工作基本方法原则", "occurrences": 2, "speakers": ["zhang"],
             "groups": ["c2"], "after": ["opening"]},
            {"id": "docs-c1", "title": "公文处理规范与常见问题——以近年来全市机关公文质量检查为例",
             "length": 2, "kind": "workshop", "speakers": ["liu"], "groups": ["c1"]},
            {"id": "study", "title": "自学", "kind": "self-study", "groups": ["c2"]},
        ],
    })  # fmt: skip


_MEMBERS = (
    ("曹杰", "市纪委监委机关", "班长"),
    ("黎伟东", "市委组织部", "副班长"),
    ("苏志强", "市委宣传部", None),
    ("罗文静", "市委统战部", None),
    ("孙永华", "市委政法委", "学习委员"),
    ("谭红英", "市委政策研究室", None),
)


def dense_week_problem() -> Problem:
    """One week of 60 sessions: 3 classes x 20 lectures over 5 days x 4 periods in 3 rooms."""
    periods = [("am1", "08:30", "10:00"), ("am2", "10:20", "11:50"), ("pm1", "14:30", "16:00"),
               ("pm2", "16:20", "17:50")]  # fmt: skip
    classes = [("c1", "一班"), ("c2", "二班"), ("c3", "三班")]
    sessions = [
        {"id": f"s{c}-{n:02d}", "title": f"{TOPICS[n % len(TOPICS)]}（第{n // len(TOPICS) + 1}讲）",
         "speakers": [f"t{(n + i) % 6}"], "groups": [c]}
        for i, (c, _) in enumerate(classes) for n in range(20)
    ]  # fmt: skip
    return problem_from_data({
        "event": {"id": "dense", "title": "全市办公室工作业务专题培训班", "language": "zh",
                  "timezone": "Asia/Shanghai", "start": "2026-05-11", "end": "2026-05-15",
                  "periods": [{"id": i, "start": s, "end": e} for i, s, e in periods]},
        "rooms": [{"id": f"r{k}", "name": f"第{k}教室", "capacity": 60} for k in (1, 2, 3)],
        "speakers": [{"id": f"t{k}", "name": f"教师{k}"} for k in range(6)],
        "groups": [{"id": c, "name": name, "size": 50} for c, name in classes],
        "sessions": sessions,
    })  # fmt: skip


TOPICS = (
    "办公室工作基本方法原则",
    "调查研究的方法与调研报告的写作",
    "会务管理",
    "信息处理与信息报送",
    "综合协调",
    "公文处理规范",
    "公务礼仪",
    "公文写作规范",
)
