"""How an event's tables and workbooks write its things: by id, or in Chinese in the office's words.

A Chinese event (or the app's Chinese pages) names periods, speakers, groups and
rooms by name where the name reads back as that one thing (上午第一节, 张立军,
一班, 大礼堂: ``rule_text.shown_names``), weekdays as 周一 and availability rules
in their Chinese text; English uses ids, since names there hold spaces. The
readers (``rule_text.words_for``) take either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from planner.domain.model import CHINESE_WEEKDAYS, Problem, Rule
from planner.io.rule_text import format_rules, period_names, shown_names


@dataclass(frozen=True)
class Wording:
    """Id -> the word written, for each kind of thing (ids where a mapping leaves them out)."""

    language: str = "en"
    periods: Mapping[str, str] = field(default_factory=dict)
    speakers: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)
    rooms: Mapping[str, str] = field(default_factory=dict)
    weekdays: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, problem: Problem, language: str = "en") -> Wording:
        """The wording of ``problem``'s things in ``language``."""
        if language != "zh":
            return cls(language)
        return cls(
            language,
            period_names(problem.event.periods),
            shown_names([(k.id, k.name) for k in problem.speakers]),
            shown_names([(g.id, g.name) for g in problem.groups]),
            shown_names([(r.id, r.name) for r in problem.rooms]),
            CHINESE_WEEKDAYS,
        )

    def rules(self, rules: Sequence[Rule]) -> str:
        return format_rules(rules, self.language, self.periods)

    def each(self, items: Sequence[str], kind: Mapping[str, str]) -> tuple[str, ...]:
        """``kind``'s word for each item."""
        return tuple(kind.get(item, item) for item in items)

    def listed(self, items: Sequence[str] | None, kind: Mapping[str, str] | None = None) -> str:
        """A list cell: ``kind``'s word for each item, joined by ``、`` in Chinese, ``, `` else."""
        return ("、" if self.language == "zh" else ", ").join(self.each(items or (), kind or {}))
