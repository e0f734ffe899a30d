"""Attendance to date (出勤统计): each member's occurrences due, excused, missed and attended.

The sign-in sheets are printed before each occurrence and signed during it; afterwards office
staff copy what they show into the member's records (``leave``, ``absent``, ``late``), and the
closing summary (结业总结) needs each member's tally. An occurrence counts once it has ended by
``until``; a member's status of it is read as ``Member.status`` reads it (leave excuses, absence
counts against, late or early counts as attended).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from planner.domain.model import Group, Member
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
    ended = [entry for entry in layout.entries if entry.end <= until]
    found = []
    for group in layout.problem.groups:
        mine = [entry for entry in ended if any(g.id == group.id for g in entry.groups)]
        for member in group.members:
            counts = Counter(member.status(e.day, e.week, e.period_ids) for e in mine)
            found.append(Tally(group, member, len(mine), counts["leave"], counts["absent"], counts["late"]))
    return found if any(t.due for t in found) else []
