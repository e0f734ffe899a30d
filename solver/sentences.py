"""Conflicting rules put into words that name people, rooms, dates and numbers.

``describe(problem, (rule, entity))`` is one sentence per rule of the
explanation model (``solver.hard`` guards and ``solver.data`` reasons);
``solver.explain`` words its counting checks with the same ``Words``. The
sentences are in the event's language (``event.language``: the office staff of
a Chinese event read Chinese, as in its PDFs and calendars); ``SENTENCES``
holds each one in English and Chinese, the Chinese in a training course's words
(授课人, 讲, 节), rewritten for a conference (``planner.domain.wording``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from planner.domain.calendar import Grid, Slot, freeze_text
from planner.domain.messages import in_chinese, with_names
from planner.domain.model import CHINESE_WEEKDAYS, Pin, Problem, Rule, Session
from planner.domain.names import Names
from planner.domain.oracle_soft import frozen_assignments
from planner.domain.schedule import Schedule
from planner.domain.wording import conference_template

SENTENCES: dict[str, tuple[str, str]] = {
    "speaker_free": (
        "{name} teaches {load} but is free on only {free} {span}",
        "{name}要讲 {load}，但{span}只有 {free}有空",
    ),
    "speaker_free_then": (
        "{name} teaches {load} and is free on {free} {span}: too few of them suit the other rules here",
        "{name}要讲 {load}，{span}有 {free}有空，但其中符合这里其他规则的不够",
    ),
    "candidate_free": (  # how many a candidate is to give is the solver's choice: "only" would guess
        "{name} (a candidate for {titles}) is free on {free} {span}: "
        "too few of them suit the other rules here",
        "{name}（{titles}的候选授课人）{span}有 {free}有空，但其中符合这里其他规则的不够",
    ),
    "speaker_clash": (
        "{name} cannot be in two places at once while teaching {titles}",
        "{name}讲授{titles}，不能同时出现在两个地方",
    ),
    "speaker_per_day": (
        "{name} may teach at most {limit} a day and has {count} to teach ({titles})",
        "{name}每天最多 {limit}，却要讲 {count} 讲（{titles}）",
    ),
    "candidate_per_day": (
        "{name} (a candidate for {titles}) may teach at most {limit} a day",
        "{name}（{titles}的候选授课人）每天最多 {limit}",
    ),
    "candidate_per_week": (
        "{name} (a candidate for {titles}) may teach at most {limit} a week",
        "{name}（{titles}的候选授课人）每周最多 {limit}",
    ),
    "pool_short": (
        "{titles} ({need}) must be taught by {names}, who can give at most {can} {span} ({each})",
        "{titles}（{need}）须由{names}讲授，但{span}最多只能讲授 {can}（{each}）",
    ),
    "speaker_per_week": (
        "{name} may teach at most {limit} a week and has {count} to teach ({titles}) in {weeks}",
        "{name}每周最多 {limit}，{weeks}内却要讲 {count} 讲（{titles}）",
    ),
    "travel": (
        "{name} needs {minutes} minutes to change buildings between {titles}",
        "{name}在{titles}之间换楼需要 {minutes} 分钟",
    ),
    "group_free": (
        "{name} must attend {load} but is free on only {free} {span}",
        "{name}要上 {load}课，但{span}只有 {free}有空",
    ),
    "group_free_then": (
        "{name} must attend {load} and is free on {free} {span}: too few of them suit the other rules here",
        "{name}要上 {load}课，{span}有 {free}有空，但其中符合这里其他规则的不够",
    ),
    "group_overload": (
        "{name} must attend {load} but only {free} are free {span}",
        "{name}要上 {load}课，但{span}只有 {free}有空",
    ),
    "group_clash": (
        "{name} cannot attend {titles} ({total}) without overlaps",
        "{name}无法不冲突地参加{titles}（共 {total}）",
    ),
    "room_closed": (
        "room '{name}' is closed for {closed} of the {total} periods {span}",
        "{span}，{name}在 {total} 节中有 {closed} 节不开放",
    ),
    "room_clash": (
        "room '{name}' is needed by {titles} ({total}) and holds one at a time",
        "{titles}（共 {total}）都要用{name}，而它一次只能容纳一场",
    ),
    "session_times": (
        "{title} ({count}) may run only {allowed} {span}",
        "{title}（{count}）{span}只能安排在{allowed}",
    ),
    "pin": ("{title} is pinned to {pins}", "{title}固定在 {pins}"),
    "freeze": (
        "{title} ({count}) may not start before the repair's freeze ({when})",
        "{title}（{count}）不能排在这次调整的冻结时间（{when}）以前",
    ),
    "freeze_kept": (
        "{title} ({count}): {kept} started before the repair's freeze ({when}) and stay where they are; "
        "the others may not start before it",
        "{title}（{count}）：这次调整的冻结时间（{when}）以前已开始的 {kept}保持不动，其余的不能排在这以前",
    ),
    "freeze_too_many": (
        "{title} now has {count}, but {kept} started before the repair's freeze ({when}) and cannot be "
        "undone: give it at least {least}, or freeze earlier",
        "{title}现在是 {count}，但这次调整的冻结时间（{when}）以前已开始了 {kept}，已经开始的不能撤销："
        "请改为至少 {least}，或把冻结时间提前",
    ),
    "unkept": (
        "{line} (it started before the repair's freeze, {when})",
        "{line}（它在这次调整的冻结时间 {when} 以前已经开始）",
    ),
    "unkept_advice": (
        "A repair keeps what has started as it was: restore what changed (mark a room or lecturer away "
        "from now on rather than remove them; cut a course to the lectures given rather than remove it), "
        "or freeze earlier",
        "调整日程时，已经开始的保持原样：请恢复改动的内容（教室或老师以后不能用，可标为那时不可用，"
        "而不要删除；课程不再继续，可把讲次改为已上的次数，而不要删除），或把冻结时间提前",
    ),
    "after": (
        "{title} must come after every occurrence of {titles}",
        "{title}必须排在{titles}的全部讲次之后",
    ),
    "weekly": (
        "{title} must meet at one weekday and period, at most once a week ({count} in {weeks})",
        "{title}须每周同一天同一节、每周至多一次（{weeks}内 {count}）",
    ),
    "exclusive": ("{title} must run with nothing else in parallel", "{title}进行时不能同时安排其他活动"),
    "closed_room": (
        "{title} fits only in {names}, which is closed whenever the session could run",
        "{title}只能用{names}，而在它可以安排的时间都不开放",
    ),
    "pinned_room": (
        "{title} is pinned to room '{room}', which does not offer {needs}",
        "{title}固定在{room}，但那里没有{needs}",
    ),
    "no_room": ("no room can host {title}: it needs {needs}", "没有场地能容纳{title}：它需要{needs}"),
    "no_core": (
        "the hard rules conflict, but no small set of rules could be isolated in time",
        "硬性规则互相冲突，但在限定时间内没能找出是哪几条",
    ),
    "not_explained": (
        "no schedule keeps every hard rule (explanations were not asked for)",
        "没有任何日程能满足全部硬性规则（未要求说明原因）",
    ),
    "pins_collide": (
        "{a} and {b} are both pinned to {day} {period} and share {shared}",
        "{a}和{b}都固定在 {day} {period}，且共用{shared}",
    ),
    "pinned_unavailable": (
        "{title} is pinned to {day} {period}, when {who} is not available",
        "{title}固定在 {day} {period}，但{who}那时不可用",
    ),
}

_UNITS = {"period": "节", "session": "讲", "occurrence": "讲", "week": "周"}


def free_slots(grid: Grid, rules: tuple[Rule, ...]) -> list[Slot]:
    """The calendar's periods not covered by ``rules``."""
    return [s for s in grid.slots() if not grid.matches(rules, s)]


def free_periods(grid: Grid, rules: tuple[Rule, ...]) -> int:
    """How many periods of the calendar ``rules`` leave free."""
    return len(free_slots(grid, rules))


def plural(count: int, word: str) -> str:
    """``1 period``, ``4 periods``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class Words:
    """The pieces of a sentence in the event's language: counts, titles, the event's span."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.grid = Grid(problem.event)
        self.zh = problem.event.language == "zh"
        self.conference = self.zh and problem.is_conference()
        self.naming = Names(problem)

    def chinese(self, template: str) -> str:
        """A Chinese template in the event's words (a conference's, or a training course's)."""
        return conference_template(template) if self.conference else template

    def say(self, key: str, **values: object) -> str:
        english, chinese = SENTENCES[key]
        return (self.chinese(chinese) if self.zh else english).format(**values)

    def count(self, n: int, unit: str) -> str:
        """``4 periods``, ``4 节`` or, at a conference, ``4 个时段``."""
        return self.chinese(f"{{n}} {_UNITS[unit]}").format(n=n) if self.zh else plural(n, unit)

    def span(self) -> str:
        days = self.grid.days
        if not days:
            return "活动期间" if self.zh else "in the event"
        return f"在 {days[0]} 至 {days[-1]} 期间" if self.zh else f"between {days[0]} and {days[-1]}"

    def unkept(self, lines: Sequence[str], freeze_before: dt.date) -> list[str]:
        """``past.unkept``'s oracle lines as sentences, with names for ids, in the event's language."""
        when = freeze_text(self.problem.event, freeze_before)
        language = "zh" if self.zh else "en"
        worded = [in_chinese(line, self.conference) if self.zh else line for line in lines]
        named = [with_names(self.problem, line, language) for line in worded]
        return [*(self.say("unkept", line=line, when=when) for line in named), self.say("unkept_advice")]

    def title(self, session: Session) -> str:
        """The course as every page names it: with its classes when not all attend (``Names``)."""
        return self.quoted(self.naming.attended(session.title, session.groups))

    def quoted(self, title: str) -> str:
        return f"“{title}”" if self.zh else f"'{title}'"

    def titles(self, sessions: Sequence[Session], limit: int = 4) -> str:
        """The sessions' titles, each once (a course given to three classes is three sessions of
        one title), the first ``limit`` of them written out."""
        titles = list(dict.fromkeys(self.quoted(s.title) for s in sessions))
        names = titles[:limit]
        more = len(titles) - limit
        if self.zh:
            rest = self.chinese("等 {n} 门课").format(n=len(titles))
            return "、".join(names) + (rest if more > 0 else "")
        return ", ".join(names) + (f" and {more} more" if more > 0 else "")

    def names(self, names: Sequence[str]) -> str:
        """``A, B or C`` / ``甲、乙或丙``: any one of them."""
        if len(names) < 2:
            return "".join(names)
        if self.zh:
            return "、".join(names[:-1]) + "或" + names[-1]
        return ", ".join(names[:-1]) + " or " + names[-1]

    def period(self, period_id: str) -> str:
        """A period as the event names it (``上午第一节``) in Chinese; its id in English."""
        if not self.zh:
            return period_id
        return next((p.name or p.id for p in self.problem.event.periods if p.id == period_id), period_id)

    def weekdays(self, names: Sequence[str]) -> str:
        return "、".join(CHINESE_WEEKDAYS.get(n, n) for n in names) if self.zh else ", ".join(names)

    def needs(self, session: Session) -> str:
        """The seats (and features) a session needs."""
        seats, features = self.problem.attendance(session), session.features
        if self.zh:
            return f"{seats} 个座位" + (f"和{'、'.join(features)}" if features else "")
        return f"{seats} seats" + (f" with {', '.join(features)}" if features else "")

    def shared(self, what: str, name: str) -> str:
        """``speaker 王建国`` / ``授课人王建国`` (``what``: speaker, group or room)."""
        if self.zh:
            return self.chinese({"speaker": "授课人", "group": "班级", "room": "场地"}[what]) + name
        return f"{what} {name}"


def _periods(sessions: list[Session]) -> int:
    return sum(s.length * s.occurrences for s in sessions)


def _teaches(problem: Problem, speaker: str) -> list[Session]:
    return [s for s in problem.sessions if speaker in s.named_speakers]


def _speaker(problem: Problem, rule: str, k: str) -> str:
    words, speaker = Words(problem), problem.speaker(k)
    sessions = _teaches(problem, k)
    fixed = [s for s in sessions if k in s.speakers]
    name, titles = speaker.name, words.titles(sessions)
    if rule == "speaker_unavailable":
        if not fixed:
            free = words.count(free_periods(words.grid, speaker.unavailable), "period")
            return words.say("candidate_free", name=name, titles=titles, free=free, span=words.span())
        return _free(words, "speaker_free", name, _periods(fixed), speaker.unavailable)
    if rule == "speaker_clash":
        return words.say("speaker_clash", name=name, titles=titles)
    count, fixed_titles = sum(s.occurrences for s in fixed), words.titles(fixed)
    if rule in ("speaker_per_day", "speaker_per_week"):
        per = "day" if rule == "speaker_per_day" else "week"
        limit = words.count(getattr(speaker.limits, f"per_{per}") or 0, "session")
        if not fixed:  # only picked: the limit is the whole story
            return words.say(f"candidate_per_{per}", name=name, titles=titles, limit=limit)
        weeks = words.count(words.grid.n_weeks, "week")
        return words.say(rule, name=name, limit=limit, count=count, titles=fixed_titles, weeks=weeks)
    return words.say("travel", name=name, minutes=problem.rules.travel_minutes, titles=titles)


def _group(problem: Problem, rule: str, g: str) -> str:
    words, group = Words(problem), problem.group(g)
    sessions = [s for s in problem.sessions if g in s.groups]
    if rule == "group_unavailable":
        return _free(words, "group_free", group.name, _periods(sessions), group.unavailable)
    total = words.count(_periods(sessions), "period")
    return words.say("group_clash", name=group.name, titles=words.titles(sessions), total=total)


def _free(words: Words, sentence: str, name: str, load: int, unavailable: tuple[Rule, ...]) -> str:
    """A speaker's or group's free periods in a conflicting set: fewer than they must teach or
    attend (``sentence``), or enough in number but too few at times the other rules allow
    (``sentence``_then: "free on only 132" for one lecture would read as no conflict at all)."""
    free = free_periods(words.grid, unavailable)
    key = sentence if load > free else f"{sentence}_then"
    counted = {"load": words.count(load, "period"), "free": words.count(free, "period")}
    return words.say(key, name=name, span=words.span(), **counted)


def _room(problem: Problem, rule: str, r: str) -> str:
    words, room = Words(problem), problem.room(r)
    if rule == "room_closed":
        slots = words.grid.slots()
        closed = sum(1 for s in slots if words.grid.matches(room.unavailable, s))
        return words.say("room_closed", name=room.name, closed=closed, total=len(slots), span=words.span())
    users = [s for s in problem.sessions if _fits(problem, s, r)]
    total = words.count(_periods(users), "period")
    return words.say("room_clash", name=room.name, titles=words.titles(users), total=total)


def _fits(problem: Problem, session: Session, r: str) -> bool:
    room = problem.room(r)
    big = problem.rules.capacity == "soft" or room.capacity >= problem.attendance(session)
    return big and set(session.features) <= set(room.features)


def _session(problem: Problem, rule: str, s: str) -> str:
    words, session = Words(problem), problem.session(s)
    title, count = words.title(session), words.count(session.occurrences, "occurrence")
    if rule == "session_times":
        allowed = _allowed(words, session)
        return words.say("session_times", title=title, count=count, allowed=allowed, span=words.span())
    if rule == "pin":
        pins = ("；" if words.zh else "; ").join(_pin(words, p) for p in session.pinned)
        return words.say("pin", title=title, pins=pins)
    if rule == "after":
        before = [problem.session(a) for a in session.after]
        return words.say("after", title=title, titles=words.titles(before))
    if rule == "weekly":
        return words.say("weekly", title=title, count=count, weeks=words.count(words.grid.n_weeks, "week"))
    return words.say("exclusive", title=title)


def _freeze(problem: Problem, session: Session, freeze_before: dt.date, reference: Schedule) -> str:
    """A session in a repair: what of it started before the freeze stays, and nothing else may."""
    words = Words(problem)
    kept = sum(1 for a in frozen_assignments(problem, reference, freeze_before) if a.session == session.id)
    title, count = words.title(session), words.count(session.occurrences, "occurrence")
    when = freeze_text(problem.event, freeze_before)
    if not kept:
        return words.say("freeze", title=title, count=count, when=when)
    started = words.count(kept, "occurrence")
    if kept > session.occurrences:  # lectures given, then taken out of the event
        return words.say("freeze_too_many", title=title, count=count, when=when, kept=started, least=started)
    return words.say("freeze_kept", title=title, count=count, when=when, kept=started)


def _allowed(words: Words, session: Session) -> str:
    """When a session may run: its weekdays, periods and excluded times."""
    if words.zh:
        parts = [words.weekdays(session.weekdays) if session.weekdays else ""]
        parts.append("、".join(map(words.period, session.periods)) if session.periods else "")
        if session.unavailable:
            parts.append(f"（除去 {len(session.unavailable)} 个排除时段）")
        return "".join(p for p in parts if p)
    parts = [f"on {', '.join(session.weekdays)}" if session.weekdays else ""]
    parts.append(f"in periods {', '.join(session.periods)}" if session.periods else "")
    if session.unavailable:
        parts.append(f"not at {len(session.unavailable)} excluded time(s)")
    return " ".join(p for p in parts if p)


def _pin(words: Words, pin: Pin) -> str:
    room = words.problem.room(pin.room).name if pin.room else None
    if words.zh:
        period = words.period(pin.period) if pin.period else None
        number = words.chinese("第 {n} 讲：").format(n=pin.occurrence) if pin.occurrence else None
        parts = [number, pin.date, period, room]
        return " ".join(str(p) for p in parts if p is not None)
    english = [f"occurrence {pin.occurrence}:" if pin.occurrence else None, pin.date, pin.period]
    english.append(f"in room '{room}'" if room else None)
    return " ".join(str(p) for p in english if p is not None)


_BY_ENTITY: dict[str, Callable[[Problem, str, str], str]] = {
    "speaker": _speaker,
    "group": _group,
    "room": _room,
}


def describe(
    problem: Problem, reason: tuple[str, str], freeze: tuple[dt.date, Schedule] | None = None
) -> str:
    """One sentence for a (rule, entity) of the explanation model (``freeze``: a repair's freeze and
    the schedule it repairs, which the ``freeze`` rule's sentence names)."""
    rule, entity = reason
    if rule == "freeze" and freeze is not None:
        return _freeze(problem, problem.session(entity), *freeze)
    kind = rule.split("_")[0]
    if rule == "travel":
        return _speaker(problem, rule, entity)
    return _BY_ENTITY.get(kind, _session)(problem, rule, entity)
