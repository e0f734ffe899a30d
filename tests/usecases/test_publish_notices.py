"""Change notices: text and one-page PDF per affected person, sent by SMTP only after approval.

The SMTP server is a real one (aiosmtpd) on a free loopback port.
"""

from __future__ import annotations

import datetime as dt
import email
import socket
import subprocess
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from planner.domain.errors import StorageError
from planner.exports.notice import NoticeRow, notice_pdf
from planner.storage.outbox import Outbox
from planner.storage.repository import Store
from planner.usecases.notices import SmtpSettings, approve, send_approved
from planner.usecases.publish import Published, publish
from tests.storage.databases import database_url, postgres_url, store
from tests.storage.plans import T0, edited, minimal, repair_solve, unavailable_on

__all__ = ["database_url", "postgres_url", "store"]
T1 = T0 + dt.timedelta(days=1)


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, SmtpSettings]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, SmtpSettings(host="127.0.0.1", port=port, sender="office@example.org")
    finally:
        controller.stop()


def with_emails() -> Any:
    problem = edited(minimal(), "speakers", "ada", email="ada@example.org")
    return edited(problem, "speakers", "alan", email="alan@example.org")


@pytest.fixture
def second(store: Store) -> Published:
    publish(store, with_emails(), repair_solve, by="lin", now=T0)
    return publish(
        store, unavailable_on(with_emails(), "ada", dt.date(2026, 3, 24)), repair_solve, by="lin", now=T1
    )


def test_notice_text_names_the_change(second: Published) -> None:
    ada = next(n for n in second.notices if (n.kind, n.target) == ("speaker", "ada"))
    assert ada.subject == "[Mini workshop] Changes for Ada Lovelace (version 2)"
    assert ada.body.splitlines()[:3] == [
        "Dear Ada Lovelace,",
        "",
        'Version 2 of "Mini workshop" changes these sessions:',
    ]
    assert ada.body.splitlines()[4].startswith("- Moved: Logic #2: 2026-03-24 Tuesday 09:00-10:30 Room A -> ")


def test_notice_text_in_chinese_for_a_chinese_event(store: Store) -> None:
    chinese = with_emails().model_copy(
        update={"event": with_emails().event.model_copy(update={"language": "zh"})}
    )
    publish(store, chinese, repair_solve, by="lin", now=T0)
    ill = unavailable_on(chinese, "ada", dt.date(2026, 3, 24))
    second = publish(store, ill, repair_solve, by="lin", now=T1, note="Ada 请假")
    ada = next(n for n in second.notices if (n.kind, n.target) == ("speaker", "ada"))
    assert ada.subject == "【Mini workshop】Ada Lovelace的日程调整（第2版）"
    assert ada.body.splitlines()[:3] == [
        "Ada Lovelace：",
        "",
        "《Mini workshop》第2版（Ada 请假）调整了以下安排：",
    ]
    assert ada.body.splitlines()[4].startswith(
        "- 调整时间：Logic第2讲：2026-03-24 星期二 09:00-10:30 Room A → "
    )


def test_notice_pdf_is_one_page(second: Published, tmp_path: Any) -> None:
    path = tmp_path / "notice.pdf"
    path.write_bytes(second.notices[0].pdf)

    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    assert [line.split() for line in info.splitlines() if line.startswith("Pages:")] == [["Pages:", "1"]]
    assert text.splitlines()[0] == second.notices[0].subject


def test_notice_pdf_puts_the_room_on_a_line_of_its_own(store: Store) -> None:
    """A Chinese notice's cell used to cut a room's name where the line was full (第 / 一教室); the
    day now has its weekday, and the text keeps the whole on one line."""
    chinese = edited(minimal(), "rooms", "a", name="第一教室")
    chinese = chinese.model_copy(update={"event": chinese.event.model_copy(update={"language": "zh"})})
    publish(store, chinese, repair_solve, by="lin", now=T0)
    second = publish(
        store, unavailable_on(chinese, "ada", dt.date(2026, 3, 24)), repair_solve, by="lin", now=T1
    )
    ada = next(n for n in second.notices if (n.kind, n.target) == ("speaker", "ada"))

    lines = subprocess.run(["pdftotext", "-", "-"], input=ada.pdf, capture_output=True, check=True).stdout
    shown = lines.decode().splitlines()

    assert shown[shown.index("2026-03-24 星期二 09:00-10:30") + 1] == "第一教室"
    assert "：2026-03-24 星期二 09:00-10:30 第一教室 → " in ada.body


def test_nothing_sent_before_approval(
    store: Store, second: Published, smtp: tuple[Inbox, SmtpSettings]
) -> None:
    inbox, settings = smtp

    sent, problems = send_approved(store, "mini", settings, now=T1)

    assert (sent, problems, inbox.messages) == (0, [], [])
    assert {n.status for n in Outbox(store).notices("mini")} == {"pending"}


def test_approved_notices_sent_by_smtp(
    store: Store, second: Published, smtp: tuple[Inbox, SmtpSettings]
) -> None:
    inbox, settings = smtp
    approve(store, "mini", None, by="lin", now=T1)

    sent, problems = send_approved(store, "mini", settings, now=T1)

    ada = next(m for m in inbox.messages if m["To"] == "ada@example.org")
    attachment = next(part for part in ada.walk() if part.get_content_type() == "application/pdf")
    assert sent == len(inbox.messages) == 1  # only the speaker has an address; the room and group do not
    assert (ada["From"], ada["Subject"]) == (
        "office@example.org",
        "[Mini workshop] Changes for Ada Lovelace (version 2)",
    )
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert payload[:5] == b"%PDF-"
    assert len(problems) == len(second.notices) - 1
    statuses = {(n.kind, n.target): n.status for n in Outbox(store).notices("mini")}
    assert statuses[("speaker", "ada")] == "sent"


def test_unreachable_smtp_marks_failed_and_keeps_notice(store: Store, second: Published) -> None:
    approve(store, "mini", None, by="lin", now=T1)

    sent, problems = send_approved(store, "mini", SmtpSettings(host="127.0.0.1", port=free_port()), now=T1)

    failed = [n for n in Outbox(store).notices("mini") if n.status == "failed"]
    assert (sent, [n.target for n in failed]) == (0, ["ada"])
    assert problems[-1].startswith("notice ")


def test_smtp_settings_need_a_host() -> None:
    with pytest.raises(Exception, match="no SMTP server is set"):
        SmtpSettings.from_env({})


def test_smtp_settings_from_environment() -> None:
    env = {"HUIWU_SMTP_HOST": "127.0.0.1", "HUIWU_SMTP_PORT": "2525", "HUIWU_SMTP_FROM": "o@x.org"}

    assert SmtpSettings.from_env(env) == SmtpSettings(host="127.0.0.1", port=2525, sender="o@x.org")


@pytest.mark.parametrize("port", ["abc", "0", "70000", "-1", "2.5", "²"])
def test_smtp_settings_refuse_a_port_by_name(port: str) -> None:
    """``int()`` of the variable was a traceback for anything but digits."""
    env = {"HUIWU_SMTP_HOST": "127.0.0.1", "HUIWU_SMTP_PORT": port}
    with pytest.raises(StorageError) as caught:
        SmtpSettings.from_env(env)
    assert str(caught.value) == f"HUIWU_SMTP_PORT: '{port}' is not a port (a whole number from 1 to 65535)"


def test_smtp_settings_starttls_read_in_any_case() -> None:
    env = {"HUIWU_SMTP_HOST": "h", "HUIWU_SMTP_PORT": " 587 ", "HUIWU_SMTP_STARTTLS": "True"}
    assert SmtpSettings.from_env(env) == SmtpSettings(host="h", port=587, starttls=True)
    assert not SmtpSettings.from_env({**env, "HUIWU_SMTP_STARTTLS": "no"}).starttls
    assert SmtpSettings.from_env({**env, "HUIWU_SMTP_PORT": "２５"}).port == 25  # typed with a Chinese IME
    assert SmtpSettings.from_env({**env, "HUIWU_SMTP_PORT": ""}).port == 25  # set but empty: the default


def test_notice_pdf_many_changes_stays_one_page(tmp_path: Any) -> None:
    row = NoticeRow("Moved / New room / New speakers", "Logic #2", "2026-03-24 09:00-10:30 Room A", "-")
    path = tmp_path / "long.pdf"
    path.write_bytes(
        notice_pdf(minimal(), title="Changes", intro="Version 2 changes these sessions:", rows=[row] * 60)
    )

    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout

    assert [line.split() for line in info.splitlines() if line.startswith("Pages:")] == [["Pages:", "1"]]
    shown = text.count("Logic #2")
    assert 0 < shown < 60
    assert f"... and {60 - shown} more changes: see the calendar." in text


def test_notice_pdf_keeps_english_words_whole_and_names_its_language() -> None:
    """Notices break lines the Chinese way, between characters: English words now stay whole."""
    row = NoticeRow("Moved", "Keynote: internationalisation-ready APIs", "2026-03-24 09:00-10:30", "-")
    pdf = notice_pdf(minimal(), title="Changes", intro="Version 2 changes these sessions:", rows=[row])

    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()

    assert {"Keynote:", "internationalisation-ready", "2026-03-24", "09:00-10:30"} <= set(text.split())
    assert b"/Lang (en)" in pdf
