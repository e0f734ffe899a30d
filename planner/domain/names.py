"""How a course and one of its lectures are named to people, the same on every page and notice.

A course is its session's title with the groups attending when not all do
(``会务管理（一班）`` / ``Meetings (Group 1)``); one lecture of it adds the
number the schedule gives it (``会务管理（一班）第2讲`` / ``Meetings (Group 1) #2``;
``自学（一班）第2次`` for a session that is not a lecture), except for a session held
once. The calendars and conference apps keep their own ``(2/4)``, which their
readers know from other calendars.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.domain.model import Kind, Problem
from planner.domain.schedule import Assignment


def numbered(course: str, number: int, language: str, kind: Kind = Kind.LECTURE) -> str:
    """``会务管理（一班）第2讲`` / ``Meetings (Group 1) #2``; in Chinese a lecture counts 讲 and
    any other kind of session 次 (``自学（一班）第2次``)."""
    if language != "zh":
        return f"{course} #{number}"
    return f"{course}第{number}{'讲' if kind == Kind.LECTURE else '次'}"


class Names:
    """The names of an event's courses and lectures in one language, built once for many lookups."""

    def __init__(self, problem: Problem, language: str | None = None) -> None:
        self.language = language or problem.event.language
        self.groups = {g.id: g.name for g in problem.groups}
        self.sessions = {s.id: s for s in problem.sessions}

    def attended(self, title: str, groups: Iterable[str]) -> str:
        """``title`` with the names of ``groups`` when some but not all of the event's groups attend."""
        attending = [self.groups.get(g, g) for g in groups]
        if not 0 < len(attending) < len(self.groups):
            return title
        if self.language == "zh":
            return f"{title}（{'、'.join(attending)}）"
        return f"{title} ({', '.join(attending)})"

    def course(self, session_id: str) -> str:
        """The course of a session (its id when the event has no such session)."""
        session = self.sessions.get(session_id)
        return session_id if session is None else self.attended(session.title, session.groups)

    def lecture(self, session_id: str, number: int) -> str:
        """Lecture ``number`` of a session; the course alone for a session held once."""
        session = self.sessions.get(session_id)
        if session is not None and session.occurrences == 1 and number == 1:
            return self.course(session_id)
        kind = Kind.LECTURE if session is None else session.kind
        return numbered(self.course(session_id), number, self.language, kind)

    def of(self, assignment: Assignment) -> str:
        """The lecture an assignment places, named from the assignment itself when its session has
        left the event (a cancelled lecture still has a name)."""
        if assignment.session in self.sessions:
            return self.lecture(assignment.session, assignment.occurrence)
        course = self.attended(assignment.title, assignment.groups)
        return numbered(course, assignment.occurrence, self.language)
