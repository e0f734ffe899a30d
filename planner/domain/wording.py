"""A Chinese conference's words for messages written for a training course.

The Chinese templates of the planner's messages (``planner.domain.messages``) and of the
solver's sentences (``solver.sentences``) speak of a training course: 授课人, 班级, 课程, 第 2 讲,
3 节. A conference says 报告人, 分组, 议程, 第 2 场, 3 个时段, as its printed agendas do
(``planner.exports.labels.ZH_CONFERENCE``, chosen by ``Problem.is_conference``). The templates
are rewritten, never a formatted message: a title or a name may hold any of these characters.
"""

from __future__ import annotations

import re
from functools import cache

_CONFERENCE: tuple[tuple[str, str], ...] = (  # regular expression -> replacement, in this order
    (r"授课人", "报告人"),
    (r"讲授", "报告"),
    (r"班级", "分组"),
    (r"这门课在 (\{\w+\}) 不能上", r"这项议程在 \1 不能安排"),
    (r"这门课", "这项议程"),
    (r"门课", "项议程"),
    (r"课程", "议程"),
    (r"上课日", "会议日"),
    (r"上课时段", "时段"),
    (r"节次", "时段"),
    (r"讲次", "场次"),
    (r"要上 (\{\w+\})课", r"要参加 \1"),
    (r"要上 (\{\w+\}) 次", r"要安排 \1 次"),
    (r"要上 (\{\w+\}) 节", r"要占用 \1 个时段"),
    (r"却要讲 (\{\w+\}) 讲", r"却要做 \1 场报告"),
    (r"要讲 ", "要报告 "),
    (r"讲 (\{\w+\}) 次", r"报告 \1 次"),
    (r"上了 (\{\w+\}) 次", r"安排了 \1 次"),
    (r"(\{\w+\}) 讲", r"\1 场"),
    (r"这一讲", "这一场"),
    (r"(\{\w+\}) 节课", r"\1 个时段"),
    (r"(\{\w+\}) 节", r"\1 个时段"),
    (r"最后一节", "最后一个时段"),
    (r"各节", "各时段"),
    (r"同一节", "同一时段"),
)
_RULES = tuple((re.compile(pattern), replacement) for pattern, replacement in _CONFERENCE)


@cache
def conference_template(chinese: str) -> str:
    """A Chinese template of a training course's message in a conference's words."""
    for pattern, replacement in _RULES:
        chinese = pattern.sub(replacement, chinese)
    return chinese
