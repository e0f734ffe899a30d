"""The browser app's words in Chinese and English.

``t(key, **values)`` gives the text of ``key`` in the language of the
session (``st.session_state["lang"]``, ``zh`` or ``en``). Soft costs are worded
here from their facts (``explain``); the planner's messages (validation, refused
edits) through ``said``. The reasons why no schedule exists come from the solver in
the event's language.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from planner.domain.messages import in_chinese, with_names
from planner.domain.model import Problem
from planner.domain.schedule import Cost

LANGUAGES = {"zh": "中文", "en": "English"}

_TEXT: dict[str, tuple[str, str]] = {
    # navigation and shell
    "app.title": ("会务 · 排课与会议日程", "Huiwu · meetings and training courses"),
    "nav.plan": ("活动", "Describe the event"),
    "nav.run": ("排程与发布", "Plan and publish"),
    "page.event": ("活动信息", "Event"),
    "page.rooms": ("场地", "Rooms"),
    "page.speakers": ("授课人", "Speakers"),
    "page.groups": ("班级与学员", "Groups and participants"),
    "page.sessions": ("课程", "Sessions"),
    "page.rules": ("规则权重", "Rules"),
    "page.solve": ("排课", "Solve"),
    "page.schedule": ("日程表", "Schedule"),
    "page.publish": ("发布", "Publish"),
    "page.outputs": ("导出与订阅", "Outputs"),
    "user": ("您的姓名（记录在保存和发布中）", "Your name (recorded with saves and publishing)"),
    "language": ("语言 / Language", "Language / 语言"),
    "no_event": (
        "请先在“活动信息”页面打开或新建一个活动。",
        "Open or create an event on the Event page first.",
    ),
    "saved": ("已保存（第 {revision} 版草稿）。", "Saved (draft revision {revision})."),
    "not_saved_db": ("尚未保存到数据库：{error}", "Not saved to the database: {error}"),
    "draft_of": ("草稿第 {revision} 版 · {event}", "Draft revision {revision} · {event}"),
    "reload": ("从数据库重新载入", "Reload from the database"),
    "working_dropped": (
        "草稿中保存的工作日程与当前活动不再相符，已舍弃：",
        "The working schedule saved with the draft no longer fits the event and was dropped:",
    ),
    "reloaded": ("已载入第 {revision} 版草稿。", "Loaded draft revision {revision}."),
    "conflict_help": (
        "其他人（或另一个浏览器标签页）已修改了这个活动。请点击“从数据库重新载入”，再重新修改。",
        "Someone else (or another browser tab) changed this event. Reload from the database and edit again.",
    ),
    "replaced": (
        "数据库中未发布的草稿第 {revision} 版（{by}，{at}）已被此文件取代；它仍保存在历史记录中。",
        "The unpublished draft revision {revision} ({by}, {at}) was replaced by this file; "
        "it stays in the history.",
    ),
    "not_available": ("此功能尚未提供：{what}。", "Not available yet: {what}."),
    # tables
    "col.messages": ("问题", "Problems"),
    "table.pending": (
        "修改未保存：请改正标出问题的行。",
        "Not saved: fix the rows whose problems are shown.",
    ),
    "table.discard": ("放弃修改", "Discard changes"),
    "table.help": (
        "直接在表格中修改，可添加或删除行；多个值用逗号或顿号分隔，授课人、班级写姓名或编号均可。"
        "时间规则写法：2026-05-20；2026-05-01至2026-05-05；"
        "周五（每周五）；第3周；节次名称或编号（上午第一节、am1）；多条规则用分号分隔。",
        "Edit cells directly; add or delete rows. Separate several values with commas; name speakers and "
        "groups by id (or by a one-word name). Availability rules: "
        "2026-05-20; 2026-05-01..2026-05-05; fri (every Friday); w3 (week 3); a period id or name (am1); "
        "separate rules with semicolons.",
    ),
    # event page
    "event.open": ("打开活动", "Open an event"),
    "event.upload": ("上传活动文件（YAML、JSON 或 Excel）", "Upload an event file (YAML, JSON or Excel)"),
    "event.sample": ("示例活动", "Sample event"),
    "event.open_sample": ("打开示例", "Open the sample"),
    "event.template": ("模板", "Template"),
    "event.new": ("从模板新建", "Start from the template"),
    "event.stored": ("数据库中的活动", "Events in the database"),
    "event.open_stored": ("打开", "Open"),
    "event.opened": ("已打开：{title}", "Opened: {title}"),
    "event.header": ("基本信息", "Details"),
    "event.id": ("编号", "Id"),
    "event.title": ("名称", "Title"),
    "event.hosts": ("主办单位（每行一个）", "Hosts (one per line)"),
    "event.venue": ("地点", "Venue"),
    "event.event_language": ("活动语言", "Language of the event"),
    "event.timezone": ("时区", "Time zone"),
    "event.start": ("开始日期", "First date"),
    "event.end": ("结束日期", "Last date"),
    "event.weekdays": ("上课日", "Working weekdays"),
    "event.holidays": ("节假日（日期，逗号分隔）", "Holidays (dates, separated by commas)"),
    "event.blackout": ("不可用日期", "Blackout dates"),
    "event.extra_days": ("调休上班日", "Extra working days"),
    "event.min_attendance": (
        "结业条件：出勤率不低于（%，空 = 不设）",
        "Completion: attended at least (%, empty = no condition)",
    ),
    "event.max_absences": (
        "结业条件：缺勤不超过（次，空 = 不设）",
        "Completion: absent without leave at most (times, empty = no condition)",
    ),
    "event.periods": ("每天的节次", "Daily periods"),
    "event.save": ("保存基本信息", "Save the details"),
    "event.download": ("下载活动文件", "Download the event"),
    "event.summary": (
        "{days} 个上课日 × {periods} 节 · {rooms} 个场地 · {speakers} 位授课人 · "
        "{groups} 个班级 · {sessions} 门课程",
        "{days} working days × {periods} periods · {rooms} rooms · {speakers} speakers · {groups} groups · "
        "{sessions} sessions",
    ),
    "template.training": ("培训班", "Training course"),
    "template.conference": ("学术会议", "Conference"),
    "template.meeting": ("工作会议", "Meeting"),
    "weekday.mon": ("周一", "Mon"),
    "weekday.tue": ("周二", "Tue"),
    "weekday.wed": ("周三", "Wed"),
    "weekday.thu": ("周四", "Thu"),
    "weekday.fri": ("周五", "Fri"),
    "weekday.sat": ("周六", "Sat"),
    "weekday.sun": ("周日", "Sun"),
    # rooms, speakers, groups, sessions
    "col.id": ("编号", "Id"),
    "col.name": ("名称", "Name"),
    "col.capacity": ("座位数", "Seats"),
    "col.features": ("设施", "Features"),
    "col.building": ("楼宇", "Building"),
    "col.unavailable": ("不可用时间", "Unavailable"),
    "col.organisation": ("单位", "Organisation"),
    "col.email": ("电子邮件", "Email"),
    "col.per_day": ("每天最多", "Max per day"),
    "col.per_week": ("每周最多", "Max per week"),
    "col.preferred": ("希望时间", "Preferred"),
    "col.undesired": ("尽量避开", "Undesired"),
    "col.size": ("人数", "Size"),
    "col.members": ("学员数", "Members"),
    "col.person": ("姓名", "Name"),
    "col.unit": ("单位", "Unit"),
    "col.role": ("职务", "Role"),
    "col.leave": ("请假（日期或时段）", "On leave (dates or periods)"),
    "col.absent": ("缺勤（日期或时段）", "Absent without leave (dates or periods)"),
    "col.late": ("迟到早退（日期或时段）", "Late or left early (dates or periods)"),
    "tally.name": ("姓名", "Name"),
    "tally.due": ("应出勤", "Due"),
    "tally.leave": ("请假", "On leave"),
    "tally.absent": ("缺勤", "Absent"),
    "tally.late": ("迟到早退", "Late or left early"),
    "tally.attended": ("实出勤", "Attended"),
    "tally.rate": ("出勤率", "Rate"),
    "tally.completion": ("结业", "Completion"),
    "col.title": ("名称", "Title"),
    "col.kind": ("类型", "Kind"),
    "col.course": ("课程/分会场", "Course or track"),
    "col.length": ("节数", "Periods"),
    "col.occurrences": ("讲次", "Occurrences"),
    "col.speakers": ("授课人", "Speakers"),
    "col.candidates": ("可选授课人", "Candidate speakers"),
    "col.pick": ("每次选几位", "Pick"),
    "col.groups": ("班级", "Groups"),
    "col.attendance": ("预计人数", "Attendance"),
    "col.weekdays": ("限定星期", "Weekdays"),
    "col.periods": ("限定节次", "Periods"),
    "col.weekly": ("每周同一时间", "Weekly"),
    "col.min_days": ("至少分几天", "Min days"),
    "col.after": ("排在其后", "After"),
    "col.exclusive": ("独占时段", "Exclusive"),
    "col.abstract": ("简介", "Abstract"),
    "sessions.abstract": ("课程简介", "Abstracts"),
    "sessions.abstract_of": ("课程", "Session"),
    "sessions.abstract_save": ("保存简介", "Save the abstract"),
    "sessions.abstract_help": (
        "印在日程册的简介页，也写入日历和会议应用文件；空一行分段，留空则不印。",
        "Printed on the booklet's abstracts page and written into calendars and conference-app files; "
        "a blank line starts a paragraph; leave it empty for none.",
    ),
    "col.weekday": ("星期", "Weekday"),
    "col.start": ("开始", "Start"),
    "col.end": ("结束", "End"),
    "speakers.availability": ("每周可授课时间", "Weekly availability"),
    "speakers.which": ("授课人", "Speaker"),
    "speakers.grid_help": (
        "勾选 = 有空；不勾选 = 每周这一时段没空。",
        "Ticked = available; unticked = unavailable every week.",
    ),
    "speakers.other_rules": (
        "其他不可用时间（日期、日期范围、周次）",
        "Other unavailable times (dates, ranges, weeks)",
    ),
    "speakers.save_availability": ("保存可授课时间", "Save the availability"),
    "groups.members": ("学员名单", "Participants"),
    "groups.which": ("班级", "Group"),
    "groups.attendance": ("出勤统计", "Attendance"),
    "groups.attendance.help": (
        "按上面登记的请假、缺勤、迟到早退，统计日程中到现在已结束的各次课；出勤率 = 实出勤 ÷ 应出勤。",
        "From the leave, absences and late arrivals above, over the sessions of the schedule that have "
        "ended by now; rate = attended ÷ due.",
    ),
    "groups.attendance.conditions": (
        "结业条件（在“活动信息”中设置）：{conditions}。请假和缺勤都算缺课，"
        "按日程中本班的全部 {total} 次课计算。",
        "Completion (set on the Event page): {conditions}. Leave and absence both count as missed, "
        "out of all {total} sessions of this group in the schedule.",
    ),
    "groups.attendance.none": (
        "本班的课还没有结束的，暂无出勤统计。",
        "None of this group's sessions has ended yet.",
    ),
    # rules
    "rules.intro": (
        "硬性规则不会被违反；以下软性规则的权重越大，排课时越优先满足（0 = 不考虑）。",
        "Hard rules are never broken; the larger a soft rule's weight, "
        "the more the plan respects it (0 = ignore).",
    ),
    "rules.capacity": ("座位数", "Room capacity"),
    "rules.capacity.hard": ("必须满足（硬性）", "must fit (hard)"),
    "rules.capacity.soft": ("超员按人计罚（软性）", "each extra person costs (soft)"),
    "rules.travel": ("换楼步行时间（分钟）", "Walking time between buildings (minutes)"),
    "rules.save": ("保存规则", "Save the rules"),
    "rule.min_days": (
        "同一门课的各讲分散在不同的日子。",
        "A course's lectures are spread over different days.",
    ),
    "rule.spread_weeks": (
        "长期课程的各讲均匀分布在各周。",
        "A long course's lectures are spread evenly over the weeks.",
    ),
    "rule.weekly_slot": (
        "每周课程尽量固定在同一星期、同一节次。",
        "Weekly sessions keep the same weekday and period.",
    ),
    "rule.fair_load": ("授课人之间的课时大致均衡。", "Teaching is shared fairly between speakers."),
    "rule.same_speaker": (
        "同一门课尽量由同一位授课人讲完。",
        "One course keeps the same speaker throughout.",
    ),
    "rule.isolated": ("避免班级一天中只有零散的一节课。", "Groups avoid days with a single isolated period."),
    "rule.room_stability": ("同一门课尽量在同一间教室。", "One course stays in the same room."),
    "rule.track_overlap": (
        "不指定班级、人人可听的同一门课，各讲不同时进行，听课人不必取舍。",
        "A track's sessions (open to all, no group) do not run at the same time.",
    ),
    "rule.track_room": (
        "不指定班级的同一门课，同一天尽量在同一间教室。",
        "A track keeps one room through each day.",
    ),
    "rule.preferences": (
        "尊重授课人希望和尽量避开的时间。",
        "Speakers' preferred and undesired times are respected.",
    ),
    "rule.speaker_days": (
        "授课人的课集中在较少的日子，减少往返。",
        "Speakers come in on as few days as possible.",
    ),
    "rule.group_balance": ("各班每天的课量大致均衡。", "Each group's daily load is balanced."),
    "rule.room_fit": (
        "教室大小与人数相称，不浪费大教室。",
        "Rooms fit the audience; large rooms are not wasted.",
    ),
    "rule.capacity": (
        "（软性座位数时）每超员一人的代价。",
        "(With soft capacity) the cost of each person over capacity.",
    ),
    "rule.stability": (
        "修改已发布的日程时，尽量少移动已排课程。",
        "When repairing a published plan, move as little as possible.",
    ),
    # solve
    "solve.time_limit": ("最长计算时间（秒）", "Time limit (seconds)"),
    "solve.start": ("开始排课", "Solve"),
    "solve.continue": (
        "在当前日程的基础上继续优化（不勾选则从头排）",
        "Go on from the current schedule (untick to start afresh)",
    ),
    "solve.stop": ("停止", "Stop"),
    "solve.running": ("正在排课……", "Solving…"),
    "solve.progress": (
        "当前最低代价 {objective} · 下界 {bound} · 已用 {seconds:.0f} 秒",
        "Best cost {objective} · bound {bound} · {seconds:.0f} s",
    ),
    "solve.progress_unbounded": (
        "当前最低代价 {objective} · 已用 {seconds:.0f} 秒",
        "Best cost {objective} · {seconds:.0f} s",
    ),
    "status.optimal": ("最优（已证明）", "optimal"),
    "status.feasible": ("可行（未证明是最优）", "feasible"),
    "status.manual": ("手工调整", "manual"),
    "status.infeasible": ("无解", "infeasible"),
    "status.unknown": ("未知", "unknown"),
    "solve.done": (
        "排课完成：状态 {status}，总代价 {objective}。",
        "Done: status {status}, cost {objective}.",
    ),
    "solve.tidied": (
        "已整理教室（代价不变）：{n} 讲换到了更合适的教室——专用教室留给需要的课，各班尽量在本班教室上课。",
        "Rooms tidied at no cost: {n} occurrences moved to a plainer room or their group's own room.",
    ),
    "solve.repaired": (
        "已在上次发布的日程基础上调整：{kept} 讲未动，{moved} 讲有变动。",
        "Repaired from the last published version: {kept} occurrences kept, {moved} changed.",
    ),
    "solve.repaired_frozen": (
        "未动的当中有 {n} 讲在冻结时间以前已经开始，不能调整。",
        " Of those kept, {n} started before the freeze and could not move.",
    ),
    "solve.held": (
        "{lecture}（{when}）在冻结时间以前已经开始，保持原样：{who}现在登记为那时不可用，对它不起作用。",
        "{lecture} ({when}) started before the freeze and stays as it was: {who}, now marked unavailable "
        "then, changes nothing there.",
    ),
    "solve.freeze_choose": (
        "另选冻结时间（这以前开始的课程保持不动）",
        "Choose the freeze (sessions that start before it stay where they are)",
    ),
    "solve.freeze_day": ("冻结日期", "Freeze day"),
    "solve.freeze_time": ("冻结时刻", "Freeze time"),
    "solve.frozen_chosen": (
        "在已发布的日程上调整时，{date} 以前开始的课程保持不动，也不会把课程调到这以前。",
        "A repair keeps every session that starts before {date} where it is and moves none before it.",
    ),
    "solve.frozen": (
        "培训班正在进行：在已发布的日程上调整时，{date}（现在）以前开始的课程保持不动，"
        "也不会把课程调到这以前。",
        "The event is under way: a repair keeps every session that started before {date} (now) where "
        "it is and moves none into the past.",
    ),
    "solve.infeasible": (
        "无法排出满足全部硬性规则的日程，原因如下：",
        "No plan keeps every hard rule, because:",
    ),
    "solve.bound": (
        "已证明任何日程的代价都不低于 {bound}（与此下界相差 {gap:.0f}%）",
        " No schedule can cost less than {bound} (a gap of {gap:.0f} %)",
    ),
    "solve.bound_end": ("。", "."),
    "solve.go_on": (
        "；勾选“在当前日程的基础上继续优化”后再点“开始排课”，可接着优化。",
        "; tick “Go on from the current schedule” and press Solve to go on improving it.",
    ),
    "solve.go_on_longer": (
        "。计算时间不到 {seconds} 秒时只做整体搜索：勾选“在当前日程的基础上继续优化”，"
        "把最长计算时间设为 60 秒再点“开始排课”，还会逐天、逐班、逐位授课人反复调整，"
        "通常比多次短时间续排更省。",
        ". Below {seconds} s the solver searches the plan as a whole only: tick “Go on from the current "
        "schedule”, set the time limit to 60 s and press Solve, and it also rearranges the plan day by "
        "day, group by group and speaker by speaker, which usually gains more than several short "
        "solves.",
    ),
    "solve.no_bound": (
        "计算时间设为 {seconds} 秒以上时，还会证明代价的下界，由此可知日程离最优还差多少。",
        " With a time limit of {seconds} s or more the solver also proves a lower bound on the cost, "
        "which shows how far from the best this plan may be.",
    ),
    "solve.score": ("各规则代价", "Cost by rule"),
    "solve.costs": ("代价最大的几项", "Largest costs"),
    "solve.parts": ("还可能降低代价的部分", "Where the cost could still fall"),
    "solve.parts_hint": (
        "活动可分成互不影响代价的几部分（由同一批授课人连在一起的课程；每个班级）。下列部分的代价"
        "（共 {cost}）高于已证明的最低可能代价（共 {least}），再排久一些或调整安排还可能降低；"
        "其余部分已达最低，再怎么排也不会更少。",
        "The event falls into parts that share no cost (sessions linked by their speakers; each "
        "group). The parts below cost {cost} in all, above the least proven for them ({least}): a "
        "longer solve or a change to the event may still lower them. Every other part is at its "
        "least: no schedule costs less there.",
    ),
    "solve.error": ("排课出错：{error}", "Solving failed: {error}"),
    "col.rule": ("规则", "Rule"),
    "col.cost": ("代价", "Cost"),
    "col.message": ("说明", "Explanation"),
    "col.part": ("部分", "Part"),
    "col.least": ("至少", "At least"),
    # soft rules by short name, and their costs in words (``explain``; facts from planner's ``Cost``)
    "rulename.min_days": ("分散到不同日子", "Spread over days"),
    "rulename.spread_weeks": ("分散到各周", "Spread over weeks"),
    "rulename.weekly_slot": ("每周固定时段", "Same weekly slot"),
    "rulename.fair_load": ("课时均衡", "Fair teaching load"),
    "rulename.same_speaker": ("同一授课人", "Same speaker"),
    "rulename.isolated": ("避免零散课", "No isolated periods"),
    "rulename.room_stability": ("固定教室", "Same room"),
    "rulename.track_overlap": ("同一门课不撞时", "No clashes in a track"),
    "rulename.track_room": ("同一门课每天固定教室", "A track's room each day"),
    "rulename.preferences": ("授课人意愿", "Speakers' wishes"),
    "rulename.speaker_days": ("授课人少跑几天", "Speakers' days"),
    "rulename.group_balance": ("每天课量均衡", "Balanced days"),
    "rulename.room_fit": ("教室大小相称", "Room fit"),
    "rulename.capacity": ("超员", "Over capacity"),
    "rulename.stability": ("少改已发布日程", "Stay close to the published plan"),
    "cost.min_days": (
        "“{title}”只排在 {used} 天，应分散到 {need} 天",
        "'{title}' meets on {used} days, {need} wanted",
    ),
    "cost.spread_weeks": (
        "“{title}”只分布在 {used} 周，应分布到 {need} 周",
        "'{title}' meets in {used} weeks, {need} wanted",
    ),
    "cost.weekly_slot": (
        "“{title}”用了 {pairs} 个不同的星期与节次",
        "'{title}' meets at {pairs} different weekday/period pairs",
    ),
    "cost.fair_load": (
        "{busiest}讲 {most} 次，{idlest}讲 {least} 次",
        "{busiest} teaches {most} occurrences, {idlest} {least}",
    ),
    "cost.same_speaker": (
        "“{title}”由 {count} 位授课人分讲（{names}）",
        "'{title}' is taught by {count} speakers ({names})",
    ),
    "cost.isolated": (
        "{group} {day} {period}的“{title}”第 {number} 讲前后都没有课",
        "{group}: '{title}' #{number} at {day} {period} has nothing next to it",
    ),
    "cost.room_stability": ("“{title}”先后用了 {rooms} 间教室", "'{title}' moves between {rooms} rooms"),
    "cost.track_overlap": (
        "“{track}”在 {day} {period}有 {count} 讲同时进行",
        "Track '{track}' has {count} sessions at once at {day} {period}",
    ),
    "cost.track_room": (
        "“{track}”在 {day} 用了 {rooms} 间教室",
        "Track '{track}' uses {rooms} rooms on {day}",
    ),
    "cost.preferences": (
        "{speaker}希望不在 {day} {period}讲“{title}”第 {number} 讲",
        "{speaker} would rather not teach '{title}' #{number} at {day} {period}",
    ),
    "cost.speaker_days": ("{speaker}要来 {days} 天", "{speaker} comes on {days} days"),
    "cost.group_balance": (
        "{group} {day} 有 {periods} 节课，比平均多 {excess} 节",
        "{group} has {periods} periods on {day}, {excess} above an even share",
    ),
    "cost.room_fit": (
        "“{title}”第 {number} 讲只有 {seats} 人，却用了{room}（{capacity} 座）",
        "'{title}' #{number} takes {room} ({capacity} seats) for {seats}",
    ),
    "cost.capacity": (
        "“{title}”第 {number} 讲在{room}缺 {missing} 个座位",
        "'{title}' #{number} lacks {missing} seats in {room}",
    ),
    "cost.stability.time": (
        "“{title}”第 {number} 讲从原定的 {start} 改了时间",
        "'{title}' #{number} moved from {start}",
    ),
    "cost.stability.room": (
        "“{title}”第 {number} 讲（{start}）从{old}换到{new}",
        "'{title}' #{number} ({start}) changed room from {old} to {new}",
    ),
    "cost.stability.speakers": (
        "“{title}”第 {number} 讲（{start}）换了授课人：{old} → {new}",
        "'{title}' #{number} ({start}) changed speakers: {old} -> {new}",
    ),
    # schedule
    "schedule.none": ("还没有日程：请先排课。", "No schedule yet: solve first."),
    "schedule.view": ("按……查看", "View by"),
    "schedule.view.group": ("班级", "Group"),
    "schedule.view.room": ("场地", "Room"),
    "schedule.view.speaker": ("授课人", "Speaker"),
    "schedule.view.track": ("专题", "Track"),
    "schedule.view.day": ("日期（各场地）", "Day (all rooms)"),
    "schedule.which": ("选择", "Which"),
    "schedule.week": ("周次", "Week"),
    "schedule.filter": ("按名称筛选", "Filter by title"),
    "schedule.list": ("列表（可分页）", "List (paged)"),
    "schedule.page": ("页", "Page"),
    "schedule.move": ("手动调整", "Move a session"),
    "schedule.occurrence": ("课程（讲次）", "Session (occurrence)"),
    "schedule.date": ("日期", "Date"),
    "schedule.period": ("节次", "Period"),
    "schedule.room": ("场地", "Room"),
    "schedule.frozen": (
        "培训班正在进行：{date}（现在）以前开始的课程不能再调整，也不能调到这以前。",
        "The event is under way: sessions that started before {date} (now) stay, and none moves before it.",
    ),
    "schedule.choose": (
        "选择新的日期、节次或场地，即可看到调整会违反哪些规则。",
        "Choose another date, period or room to see which rules the move breaks.",
    ),
    "schedule.check": ("检查", "Check"),
    "schedule.apply": ("保存调整（并固定）", "Save the move (and pin it)"),
    "schedule.breaks": ("这样调整会违反：", "This move breaks:"),
    "schedule.ok": ("这样调整不违反任何硬性规则。", "This move breaks no hard rule."),
    "schedule.moved": ("已调整并固定。", "Moved and pinned."),
    "schedule.pin": ("固定", "Pin"),
    "schedule.unpin": ("取消固定", "Unpin"),
    "schedule.pinned": ("已固定的课程", "Pinned sessions"),
    "schedule.other_weeks": (
        "本周没有符合条件的课程；在第 {weeks} 周。",
        "Nothing here this week; see week {weeks}.",
    ),
    "schedule.col.session": ("讲次", "Occurrence"),
    "schedule.col.title": ("课程", "Title"),
    "schedule.col.date": ("日期", "Date"),
    "schedule.col.time": ("时间", "Time"),
    "schedule.col.room": ("场地", "Room"),
    "schedule.col.speakers": ("授课人", "Speakers"),
    "schedule.col.groups": ("班级", "Groups"),
    "schedule.col.pinned": ("已固定", "Pinned"),
    "schedule.score_now": (
        "当前日程总代价 {objective}；违反硬性规则 {hard} 处。",
        "Current cost {objective}; {hard} hard rule(s) broken.",
    ),
    # publish
    "publish.changes": ("与上次发布相比的变化", "Changes since the last version"),
    "publish.first": ("尚未发布过；发布后将成为第 1 版。", "Never published; this will be version 1."),
    "publish.no_changes": ("没有变化。", "No changes."),
    "publish.reworded": (
        "另有 {n} 次课只改了文字（名称、简介、场地或授课人的名字），日历订阅将显示新的文字。",
        "{n} more occurrences changed only in words (a title, an abstract, a room's or speaker's "
        "name): subscribed calendars will show the new words.",
    ),
    "publish.note": ("发布说明", "Note"),
    "publish.by": ("发布人", "Published by"),
    "publish.frozen": ("冻结时间（以前的保持不动）", "Frozen before"),
    "publish.go": ("发布", "Publish"),
    "publish.done": ("已发布第 {number} 版。", "Published version {number}."),
    "publish.notices": ("变更通知", "Change notices"),
    "publish.no_notices": (
        "这一版没有变更通知（首次发布或无人受影响）。",
        "No change notices for this version (first version, or nobody affected).",
    ),
    "col.status": ("状态", "Status"),
    "col.published_at": ("发布时间（{zone}）", "Published ({zone})"),
    "event.kind": ("活动类型（印制日程的用语）", "Kind of event (words of the printed agendas)"),
    "event.kind.auto": (
        "自动：多数议程只举行一次即为会议",
        "Automatic: a conference when most sessions meet once",
    ),
    "event.kind.training": ("培训（课程表、授课人、教室）", "Training course"),
    "event.kind.conference": ("会议（会议日程、报告人、会场）", "Conference or meeting"),
    "change.what": ("变动", "Change"),
    "change.session": ("课程", "Session"),
    "change.before": ("原安排", "Before"),
    "change.after": ("新安排", "After"),
    "publish.summary": (
        "新增 {new} 项，调整时间 {moved} 项，更换教室 {room} 项，更换授课人 {speakers} 项，"
        "取消 {cancelled} 项",
        "{new} new, {moved} moved in time, {room} moved room, {speakers} new speakers, {cancelled} cancelled",
    ),
    "notice.pending": ("待审核", "Pending"),
    "notice.approved": ("已批准", "Approved"),
    "notice.sent": ("已发送", "Sent"),
    "notice.failed": ("发送失败", "Failed"),
    "publish.versions": ("已发布的版本", "Published versions"),
    "publish.need_schedule": ("请先排课并检查日程。", "Solve and check the schedule first."),
    # outputs
    "outputs.version": ("版本", "Version"),
    "outputs.none": (
        "尚未发布：导出的是当前日程。",
        "Not published yet: the outputs show the current schedule.",
    ),
    "outputs.files": ("下载", "Downloads"),
    "outputs.build": ("生成全部文件", "Build every file"),
    "outputs.building": (
        "正在生成全部文件（大型活动可能需要一两分钟）……",
        "Building every file (a large event can take a minute or two)…",
    ),
    "outputs.file": ("单个文件", "One file"),
    "outputs.feeds": ("日历订阅", "Calendar subscriptions"),
    "outputs.feed_base": ("订阅服务地址", "Feed server address"),
    "outputs.subscribe": ("订阅（webcal://）", "Subscribe (webcal://)"),
    "outputs.subscribe_link": ("在日历中订阅", "Subscribe in calendar"),
    "outputs.download": ("下载（http(s)://）", "Download (http(s)://)"),
    "outputs.download_link": ("下载 .ics 文件", "Download .ics file"),
    "outputs.scan": ("用手机扫码订阅", "Scan to subscribe"),
    "outputs.publish_first": ("发布后才有订阅链接。", "Subscribe links exist once the plan is published."),
    "kind.event": ("整个活动", "Whole event"),
    "kind.speaker": ("授课人", "Speaker"),
    "kind.room": ("场地", "Room"),
    "kind.group": ("班级", "Group"),
    "kind.track": ("专题", "Track"),
}


_ZH_CONFERENCE: dict[str, str] = {
    # A conference's words (报告人, 议程, 会场, 分组, 场次) where the Chinese above speaks of a
    # training course (授课人, 课程, 教室, 班级, 讲); the same words as its printed agendas
    # (``planner.exports.labels.ZH_CONFERENCE``). English needs no second set.
    "page.speakers": "报告人",
    "page.groups": "分组与参会人员",
    "page.sessions": "议程",
    "sessions.abstract_of": "议程",
    "sessions.abstract": "报告简介",
    "page.solve": "排程",
    "solve.parts_hint": (
        "活动可分成互不影响代价的几部分（由同一批报告人连在一起的报告；每个分组）。下列部分的代价"
        "（共 {cost}）高于已证明的最低可能代价（共 {least}），再排久一些或调整安排还可能降低；"
        "其余部分已达最低，再怎么排也不会更少。"
    ),
    "table.help": (
        "直接在表格中修改，可添加或删除行；多个值用逗号或顿号分隔，报告人、分组写姓名或编号均可。"
        "时间规则写法：2026-05-20；2026-05-01至2026-05-05；周五（每周五）；第3周；"
        "时段名称或编号（如 s1）；多条规则用分号分隔。"
    ),
    "event.weekdays": "会议日",
    "event.periods": "每天的时段",
    "col.length": "时段数",
    "col.periods": "限定时段",
    "cost.weekly_slot": "“{title}”用了 {pairs} 个不同的星期与时段",
    "schedule.period": "时段",
    "schedule.frozen": "会议正在进行：{date}（现在）以前开始的议程不能再调整，也不能调到这以前。",
    "schedule.choose": "选择新的日期、时段或会场，即可看到调整会违反哪些规则。",
    "event.summary": (
        "{days} 个会议日 × {periods} 个时段 · {rooms} 个会场 · {speakers} 位报告人 · "
        "{groups} 个分组 · {sessions} 项议程"
    ),
    "col.members": "人数",
    "col.course": "分会场/专题",
    "col.occurrences": "场次",
    "col.speakers": "报告人",
    "col.candidates": "可选报告人",
    "col.groups": "分组",
    "speakers.availability": "每周有空的时间",
    "speakers.which": "报告人",
    "speakers.save_availability": "保存有空的时间",
    "groups.members": "参会人员名单",
    "groups.which": "分组",
    "groups.attendance.help": (
        "按上面登记的请假、缺勤、迟到早退，统计日程中到现在已结束的各场；出勤率 = 实出勤 ÷ 应出勤。"
    ),
    "groups.attendance.conditions": (
        "结业条件（在“活动信息”中设置）：{conditions}。请假和缺勤都算缺席，"
        "按日程中本组的全部 {total} 场计算。"
    ),
    "groups.attendance.none": "本组的议程还没有结束的，暂无出勤统计。",
    "rules.intro": "硬性规则不会被违反；以下软性规则的权重越大，排程时越优先满足（0 = 不考虑）。",
    "rule.min_days": "同一专题的各场分散在不同的日子。",
    "rule.spread_weeks": "跨多周的专题各场均匀分布在各周。",
    "rule.weekly_slot": "每周举行的专题尽量固定在同一星期、同一时段。",
    "rule.fair_load": "报告人之间的场次大致均衡。",
    "rule.same_speaker": "同一专题尽量由同一位报告人讲完。",
    "rule.isolated": "避免分组一天中只有零散的一场。",
    "rule.room_stability": "同一专题尽量在同一会场。",
    "rule.track_overlap": "同一专题的报告不同时进行，听众不必取舍。",
    "rule.track_room": "同一专题每天尽量在同一会场。",
    "rule.preferences": "尊重报告人希望和尽量避开的时间。",
    "rule.speaker_days": "报告人的报告集中在较少的日子，减少往返。",
    "rule.group_balance": "各分组每天的安排大致均衡。",
    "rule.room_fit": "会场大小与人数相称，不浪费大会场。",
    "rule.stability": "修改已发布的日程时，尽量少移动已排议程。",
    "solve.start": "开始排程",
    "solve.running": "正在排程……",
    "solve.done": "排程完成：状态 {status}，总代价 {objective}。",
    "solve.tidied": (
        "已整理会场（代价不变）：{n} 场换到了更合适的会场——专用会场留给需要的报告，各分组尽量在同一会场。"
    ),
    "solve.repaired": "已在上次发布的日程基础上调整：{kept} 场未动，{moved} 场有变动。",
    "solve.repaired_frozen": "未动的当中有 {n} 场在冻结时间以前已经开始，不能调整。",
    "solve.freeze_choose": "另选冻结时间（这以前开始的议程保持不动）",
    "solve.frozen_chosen": "在已发布的日程上调整时，{date} 以前开始的议程保持不动，也不会把议程调到这以前。",
    "solve.frozen": (
        "会议正在进行：在已发布的日程上调整时，{date}（现在）以前开始的议程保持不动，也不会把议程调到这以前。"
    ),
    "solve.go_on": "；勾选“在当前日程的基础上继续优化”后再点“开始排程”，可接着优化。",
    "solve.go_on_longer": (
        "。计算时间不到 {seconds} 秒时只做整体搜索：勾选“在当前日程的基础上继续优化”，"
        "把最长计算时间设为 60 秒再点“开始排程”，还会逐天、逐组、逐位报告人反复调整，"
        "通常比多次短时间续排更省。"
    ),
    "solve.error": "排程出错：{error}",
    "rulename.fair_load": "场次均衡",
    "rulename.same_speaker": "同一报告人",
    "rulename.isolated": "避免零散场次",
    "rulename.room_stability": "固定会场",
    "rulename.track_overlap": "同一专题不撞时",
    "rulename.track_room": "同一专题每天固定会场",
    "rulename.preferences": "报告人意愿",
    "rulename.speaker_days": "报告人少跑几天",
    "rulename.group_balance": "每天安排均衡",
    "rulename.room_fit": "会场大小相称",
    "cost.fair_load": "{busiest}报告 {most} 场，{idlest}报告 {least} 场",
    "cost.same_speaker": "“{title}”由 {count} 位报告人分讲（{names}）",
    "cost.isolated": "{group} {day} {period}的“{title}”第 {number} 场前后都没有安排",
    "cost.room_stability": "“{title}”先后用了 {rooms} 个会场",
    "cost.track_overlap": "“{track}”专题在 {day} {period}有 {count} 场报告同时进行",
    "cost.track_room": "“{track}”专题在 {day} 用了 {rooms} 个会场",
    "cost.preferences": "{speaker}希望不在 {day} {period}讲“{title}”第 {number} 场",
    "cost.group_balance": "{group} {day} 有 {periods} 个时段的安排，比平均多 {excess} 个",
    "cost.room_fit": "“{title}”第 {number} 场只有 {seats} 人，却用了{room}（{capacity} 座）",
    "cost.capacity": "“{title}”第 {number} 场在{room}缺 {missing} 个座位",
    "cost.stability.time": "“{title}”第 {number} 场从原定的 {start} 改了时间",
    "cost.stability.room": "“{title}”第 {number} 场（{start}）从{old}换到{new}",
    "cost.stability.speakers": "“{title}”第 {number} 场（{start}）换了报告人：{old} → {new}",
    "schedule.none": "还没有日程：请先排程。",
    "schedule.view.group": "分组",
    "schedule.view.speaker": "报告人",
    "schedule.view.day": "日期（各会场）",
    "schedule.occurrence": "议程（场次）",
    "schedule.pinned": "已固定的议程",
    "schedule.other_weeks": "本周没有符合条件的议程；在第 {weeks} 周。",
    "schedule.col.session": "场次",
    "schedule.col.title": "议程",
    "schedule.col.speakers": "报告人",
    "schedule.col.groups": "分组",
    "change.session": "议程",
    "publish.summary": (
        "新增 {new} 项，调整时间 {moved} 项，更换会场 {room} 项，更换报告人 {speakers} 项，"
        "取消 {cancelled} 项"
    ),
    "publish.need_schedule": "请先排程并检查日程。",
    "publish.reworded": (
        "另有 {n} 场议程只改了文字（名称、简介、会场或报告人的名字），日历订阅将显示新的文字。"
    ),
    "kind.speaker": "报告人",
    "kind.group": "分组",
}


def lang() -> str:
    value = st.session_state.get("lang", "zh")
    return value if value in LANGUAGES else "zh"


def conference_words() -> bool:
    """Whether the open event is worded as a conference or meeting, as its printed agendas are
    (``Problem.is_conference``): the Chinese screens then say 报告人, 议程, 会场."""
    problem = st.session_state.get("problem")
    if not isinstance(problem, Problem):
        return False
    known = st.session_state.get("conference_words")  # (problem, answer): asked for every text shown
    if known is None or known[0] is not problem:
        known = st.session_state["conference_words"] = (problem, problem.is_conference())
    return bool(known[1])


def t(key: str, **values: object) -> str:
    """The text of ``key`` in the session's language and the open event's words (the key itself
    when unknown)."""
    language, conference = _words(None)
    return text_in(language, key, conference, **values)


def text_in(language: str, key: str, conference: bool = False, **values: object) -> str:
    """The text of ``key`` in ``language`` (``zh`` or ``en``), in a conference's words when
    ``conference`` (Chinese only: English says speakers, rooms and groups either way)."""
    pair = _TEXT.get(key)
    if pair is None:
        return key
    text = pair[1] if language != "zh" else _ZH_CONFERENCE.get(key, pair[0]) if conference else pair[0]
    return text.format(**values) if values else text


def _words(language: str | None) -> tuple[str, bool]:
    """(language, conference words): ``language`` as given, or the session's with its event's words."""
    return (language, False) if language else (lang(), conference_words())


def said(message: str, language: str | None = None, problem: Problem | None = None) -> str:
    """A message of the planner (one or more ``location: text`` lines) in ``language`` (the
    session's by default): Chinese wording from ``planner.domain.messages.in_chinese`` in an
    event's words (报告人 at a conference): ``problem``'s when given, else the open event's when
    ``language`` is the session's; with ``problem``, its rooms, people, groups, lectures and periods
    by name (``with_names``)."""
    language, conference = _words(language)
    if problem is not None:
        conference = problem.is_conference()
    if language == "zh":
        message = "\n".join(in_chinese(line, conference) for line in message.split("\n"))
    return with_names(problem, message, language) if problem is not None else message


def rule_name(rule: str, language: str | None = None) -> str:
    """A soft rule's short name in ``language`` (the session's by default; its id when it has none)."""
    key = f"rulename.{rule}"
    if key not in _TEXT:
        return rule
    language, conference = _words(language)
    return text_in(language, key, conference)


def explain(cost: Cost, language: str | None = None) -> str:
    """One soft cost in words of ``language`` (the session's by default), from its facts; the
    planner's English message when its facts are missing (a schedule read from an older file)."""
    key = f"cost.{cost.rule}" + (f".{cost.facts['change']}" if "change" in cost.facts else "")
    if key not in _TEXT or not cost.facts:
        return cost.message
    try:
        language, conference = _words(language)
        return text_in(language, key, conference, **cost.facts)
    except (KeyError, IndexError, ValueError):
        return cost.message


def keys() -> list[str]:
    return list(_TEXT)


def solve_progress(info: dict[str, Any] | None, seconds: float) -> str:
    """The progress bar's words: the best cost so far, and the bound once one is proven (a bound of
    0 proves nothing, so it is not shown)."""
    if not info:
        return t("solve.running")
    key = "solve.progress" if info["bound"] else "solve.progress_unbounded"
    return t(key, objective=info["objective"], bound=info["bound"], seconds=seconds)
