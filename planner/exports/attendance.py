"""Attendance to date (出勤统计): each member's occurrences due, excused, missed and attended.

The sign-in sheets are printed before each occurrence and signed during it; afterwards office
staff copy what they show into the member's records (``leave``, ``absent``, ``late``), and the
closing summary (结业总结) needs each member's tally. An occurrence counts once it has ended by
``until``; a member's status of it is read as ``Member.status`` reads it (leave excuses, absence
counts against, late or early counts as attended).

An event may set completion conditions (结业条件: ``Event.min_attendance``, ``max_absences``),
counted over all of the group's occurrences in the schedule: each tally then says whether the
member completes, can no longer, or how many more occurrences they may miss.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

from planner.domain.model import Event, Group, Member
from planner.exports.labels import Labels
from planner.exports.layout import Layout


@dataclass(frozen=True)
class Tally:
    """One member's attendance over the occurrences of their group that have ended."""

    group: Group
    member: Member
    due: int
    leave: int
    absent: int
    late: int
    total: int
    """All of the group's occurrences in the schedule, ended or not."""
    leave_ahead: int = 0
    """Occurrences still to come that the member's approved leave covers (leave is asked before)."""

    @property
    def attended(self) -> int:
        return self.due - self.leave - self.absent

    @property
    def rate(self) -> float | None:
        """Attended over due (leave counts as not attended: a certificate asks how much was heard);
        None before any occurrence has ended."""
        return self.attended / self.due if self.due else None


def tally(layout: Layout, until: dt.datetime) -> list[Tally]:
    """Every listed member's tally, by group and member in event order; empty when no group with
    members has had an occurrence end by ``until``."""
    found = []
    for group in layout.problem.groups:
        every = [entry for entry in layout.entries if any(g.id == group.id for g in entry.groups)]
        mine = [entry for entry in every if entry.end <= until]
        ahead = [entry for entry in every if entry.end > until]
        for member in group.members:
            counts = Counter(member.status(e.day, e.week, e.period_ids) for e in mine)
            away = sum(1 for e in ahead if member.on_leave(e.day, e.week, e.period_ids))
            leave, absent, late = counts["leave"], counts["absent"], counts["late"]
            found.append(Tally(group, member, len(mine), leave, absent, late, len(every), away))
    return found if any(t.due for t in found) else []


def has_conditions(event: Event) -> bool:
    """Does the event set any completion condition?"""
    return event.min_attendance is not None or event.max_absences is not None


def may_miss(event: Event, total: int) -> int | None:
    """How many of ``total`` occurrences a member may miss (on leave or absent) and still attend
    ``min_attendance`` percent of them; None without that condition."""
    if event.min_attendance is None:
        return None
    return total - math.ceil(event.min_attendance * total / 100)


def completion(t: Tally, event: Event, words: Labels) -> str:
    """The member's standing against the event's completion conditions, in words: completes
    (every occurrence ended), does not complete (which condition is broken already), will not
    once the leave granted ahead is taken, or how many more occurrences they may miss besides
    that leave; "" when the event sets no condition."""
    if not has_conditions(event):
        return ""
    zh = words.language == "zh"
    missed, allowed, most = t.leave + t.absent, may_miss(event, t.total), event.max_absences
    broken = []
    if allowed is not None and missed > allowed:
        broken.append(
            f"已缺 {missed} 次，至多可缺 {allowed} 次" if zh else f"missed {missed}, at most {allowed}"
        )
    if most is not None and t.absent > most:
        broken.append(
            f"缺勤 {t.absent} 次，至多 {most} 次"
            if zh
            else f"absent without leave {t.absent} times, at most {most}"
        )
    if broken:
        return ("不予结业：" + "；".join(broken)) if zh else "does not complete: " + "; ".join(broken)
    if t.due == t.total:
        return "结业" if zh else "completes"
    if allowed is not None and missed + t.leave_ahead > allowed:  # foreseeable: say it before the leave
        return (
            f"请假后将不能结业：已缺 {missed} 次，另已准假 {t.leave_ahead} 次，至多可缺 {allowed} 次"
            if zh
            else f"will not complete after the leave granted: missed {missed}, {t.leave_ahead} more "
            f"on leave, at most {allowed}"
        )
    spare, ahead = [], t.total - t.due - t.leave_ahead  # no more can be missed than are still to come
    more = None if allowed is None else min(allowed - missed - t.leave_ahead, ahead)
    if more is not None:
        spare.append(f"尚可缺 {more} 次" if zh else f"may miss {more} more")
    left = None if most is None else min(most - t.absent, ahead)
    if left is not None and more is None:
        spare.append(f"尚可缺勤 {left} 次" if zh else f"may be absent without leave {left} more times")
    elif left is not None and more is not None and left < more:  # the absences bind first
        spare.append(f"其中缺勤至多 {left} 次" if zh else f"at most {left} of them without leave")
    return "，".join(spare) if zh else ", ".join(spare)


def conditions(event: Event, words: Labels) -> str:
    """The completion conditions in words: ``出勤率不低于 80%，缺勤不超过 2 次``."""
    zh = words.language == "zh"
    parts = []
    if event.min_attendance is not None:
        parts.append(
            f"出勤率不低于 {event.min_attendance}%" if zh else f"attended at least {event.min_attendance}%"
        )
    if event.max_absences is not None:
        parts.append(
            f"缺勤不超过 {event.max_absences} 次" if zh else f"at most {event.max_absences} absences"
        )
    return ("，" if zh else ", ").join(parts)
