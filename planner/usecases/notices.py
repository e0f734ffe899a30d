"""Change notices: one short text and a one-page PDF for each speaker, group and room affected.

Only those whose sessions changed get one. Notices are written to the outbox
in the publish transaction and leave it by e-mail only after someone approves
them (``approve``, then ``send_approved`` through the SMTP server named by the
settings ``HUIWU_SMTP_HOST``, ``HUIWU_SMTP_PORT``, ``HUIWU_SMTP_FROM``,
``HUIWU_SMTP_USER``, ``HUIWU_SMTP_PASSWORD``, ``HUIWU_SMTP_STARTTLS``).
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from email.message import EmailMessage

from planner.domain.errors import StorageError
from planner.domain.model import Problem
from planner.domain.names import Names
from planner.domain.schedule import Assignment
from planner.exports.labels import labels
from planner.exports.notice import NoticeRow, notice_pdf
from planner.storage.changes import Change
from planner.storage.outbox import Notice, Outbox
from planner.storage.repository import Store, Version

LABELS = {
    "en": {
        "new": "New",
        "cancelled": "Cancelled",
        "moved": "Moved",
        "room": "New room",
        "speakers": "New speakers",
    },
    "zh": {
        "new": "新增",
        "cancelled": "取消",
        "moved": "调整时间",
    },
}
"""Words of the changes; Chinese names a new room or speaker as the event's agendas name rooms
and speakers (``Problem.is_conference``: 更换教室 / 更换授课人 in a training course, 更换会场 /
更换报告人 at a conference)."""


def affected(change: Change) -> Iterator[tuple[str, str]]:
    """(kind, id) of every speaker, group and room whose calendar this change touches."""
    sides = [a for a in (change.old, change.new) if a is not None]
    for side in sides:
        yield from (("speaker", s) for s in side.speakers)
        yield from (("group", g) for g in side.groups)
        yield ("room", side.room)


def build_notices(previous: Version | None, version: Version) -> list[Notice]:
    """A notice for each affected speaker, group and room (none for a first publication)."""
    if previous is None:
        return []
    touched: dict[tuple[str, str], list[Change]] = {}
    for change in version.changes.items:
        for target in dict.fromkeys(affected(change)):
            touched.setdefault(target, []).append(change)
    order = {"speaker": 0, "group": 1, "room": 2}
    chosen = sorted(touched.items(), key=lambda item: (order[item[0][0]], item[0][1]))
    return [_notice(previous.problem, version, kind, target, changes) for (kind, target), changes in chosen]


def _name_and_address(problems: tuple[Problem, Problem], kind: str, target: str) -> tuple[str, str | None]:
    for problem in problems:
        if kind == "speaker" and any(s.id == target for s in problem.speakers):
            speaker = problem.speaker(target)
            return speaker.name, speaker.email
        if kind == "group" and any(g.id == target for g in problem.groups):
            return problem.group(target).name, None
        if kind == "room" and any(r.id == target for r in problem.rooms):
            return problem.room(target).name, None
    return target, None


def _notice(old: Problem, version: Version, kind: str, target: str, changes: list[Change]) -> Notice:
    problem = version.problem
    name, address = _name_and_address((problem, old), kind, target)
    subject, body = notice_text(version, name, changes)
    rows = change_rows(problem, changes, room="\n")  # the room on a line of its own in the table
    pdf = notice_pdf(problem, title=subject, intro=body.split("\n\n")[1], rows=rows)
    return Notice(version.event_id, version.number, kind, target, name, address, subject, body, pdf)


def when(
    problem: Problem, assignment: Assignment | None, language: str | None = None, room: str = " "
) -> str:
    """``2026-05-20 星期三 08:30-10:00 第一教室`` / ``2026-05-20 Wednesday 08:30-10:00 Room A`` in
    the event's time zone, the weekday in the event's language unless told, the room after ``room``
    (a line break in a printed cell: a room's name is never split); ``-`` for none."""
    if assignment is None:
        return "-"
    zone = problem.event.zone
    start, end = assignment.start.astimezone(zone), assignment.end.astimezone(zone)
    weekday = labels(language or problem.event.language).weekday(start.date())
    name = next((r.name for r in problem.rooms if r.id == assignment.room), assignment.room)
    return f"{start:%Y-%m-%d} {weekday} {start:%H:%M}-{end:%H:%M}{room}{name}"


def label(problem: Problem, change: Change, language: str | None = None) -> str:
    """``Moved / New room`` / ``调整时间 / 更换教室`` (the event's language unless told)."""
    chosen = language or problem.event.language
    names = LABELS[chosen]
    if chosen == "zh":
        words = labels("zh", problem.is_conference())  # the app may be Chinese, the event not
        names = {**names, "room": f"更换{words.rooms}", "speakers": f"更换{words.speakers}"}
    return " / ".join(names[kind] for kind in change.kinds())


def change_rows(
    problem: Problem, changes: Iterable[Change], language: str | None = None, room: str = " "
) -> list[NoticeRow]:
    """One row per change, as notices show them: what changed, which lecture (``综合协调（一班）第2讲``,
    named as on every page: ``planner.domain.names``), before, after (``room`` before the room's
    name: ``when``)."""
    names = Names(problem, language)
    rows = []
    for change in changes:
        either = change.new or change.old
        assert either is not None
        rows.append(
            NoticeRow(
                label(problem, change, language),
                names.of(either),
                when(problem, change.old, language, room),
                when(problem, change.new, language, room),
            )
        )
    return rows


def notice_text(version: Version, name: str, changes: list[Change]) -> tuple[str, str]:
    """Subject and body of a notice, in the event's language."""
    problem = version.problem
    title, number = problem.event.title, version.number
    rows = change_rows(problem, changes)
    if problem.event.language == "zh":
        lines = "\n".join(f"- {row.what}：{row.session}：{row.before} → {row.after}" for row in rows)
        note = f"（{version.note}）" if version.note else ""
        subject = f"【{title}】{name}的日程调整（第{number}版）"
        intro = f"《{title}》第{number}版{note}调整了以下安排："
        return subject, f"{name}：\n\n{intro}\n\n{lines}\n\n已订阅的日历会自动更新。\n"
    lines = "\n".join(f"- {row.what}: {row.session}: {row.before} -> {row.after}" for row in rows)
    note = f" ({version.note})" if version.note else ""
    subject = f"[{title}] Changes for {name} (version {number})"
    intro = f'Version {number} of "{title}"{note} changes these sessions:'
    return subject, f"Dear {name},\n\n{intro}\n\n{lines}\n\nSubscribed calendars update by themselves.\n"


@dataclass(frozen=True)
class SmtpSettings:
    """Where approved notices are sent from."""

    host: str
    port: int = 25
    sender: str = "huiwu@localhost"
    user: str | None = None
    password: str | None = None
    starttls: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SmtpSettings:
        env = os.environ if environ is None else environ
        host = env.get("HUIWU_SMTP_HOST")
        if not host:
            raise StorageError(
                "no SMTP server is set: set HUIWU_SMTP_HOST (and HUIWU_SMTP_PORT, HUIWU_SMTP_FROM)"
            )
        given = env.get("HUIWU_SMTP_PORT") or "25"
        port = int(given) if given.strip().isdecimal() else 0  # full-width digits read as Python reads them
        if not 1 <= port <= 65535:
            raise StorageError(f"HUIWU_SMTP_PORT: '{given}' is not a port (a whole number from 1 to 65535)")
        return cls(
            host=host,
            port=port,
            sender=env.get("HUIWU_SMTP_FROM", "huiwu@localhost"),
            user=env.get("HUIWU_SMTP_USER"),
            password=env.get("HUIWU_SMTP_PASSWORD"),
            starttls=env.get("HUIWU_SMTP_STARTTLS", "").strip().lower() in ("1", "true", "yes"),
        )


def message(notice: Notice, sender: str) -> EmailMessage:
    """The e-mail of one notice: the text, with the PDF attached."""
    mail = EmailMessage()
    mail["Subject"], mail["From"], mail["To"] = notice.subject, sender, notice.recipient or ""
    mail.set_content(notice.body)
    filename = f"{notice.event_id}-v{notice.version}-{notice.kind}-{notice.target}.pdf"
    mail.add_attachment(notice.pdf, maintype="application", subtype="pdf", filename=filename)
    return mail


def approve(store: Store, event_id: str, ids: list[int] | None, *, by: str, now: dt.datetime) -> list[int]:
    """Approve pending notices (None: all of them) so that ``send_approved`` may send them."""
    return Outbox(store).approve(event_id, ids, by, now)


def send_approved(
    store: Store, event_id: str, smtp: SmtpSettings, *, now: dt.datetime
) -> tuple[int, list[str]]:
    """Send every approved (or earlier failed) notice that has an address; (sent, problems)."""
    outbox, sent, problems = Outbox(store), 0, []
    ready = [n for n in outbox.notices(event_id) if n.status in ("approved", "failed")]
    for notice in ready:
        assert notice.id is not None
        if not notice.recipient:
            problems.append(
                f"notice {notice.id} ({notice.kind} {notice.target}): no e-mail address, print it"
            )
            continue
        try:
            _deliver(smtp, message(notice, smtp.sender))
        except (OSError, smtplib.SMTPException) as error:
            outbox.mark(notice.id, sent_at=None, error=str(error))
            problems.append(f"notice {notice.id} to {notice.recipient}: {error}")
            continue
        outbox.mark(notice.id, sent_at=now, error=None)
        sent += 1
    return sent, problems


def _deliver(smtp: SmtpSettings, mail: EmailMessage) -> None:
    with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as client:
        if smtp.starttls:
            client.starttls()
        if smtp.user:
            client.login(smtp.user, smtp.password or "")
        client.send_message(mail)
