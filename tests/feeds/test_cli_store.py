"""The commands versions, diff, feeds and notices over a real SQLite database."""

from __future__ import annotations

import datetime as dt
import shlex
import socket
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planner.io.files import problem_from_data, problem_to_data
from planner.storage.repository import open_store
from planner.usecases.publish import publish
from tests.storage.plans import T0, minimal, repair_solve, unavailable_on
from ui.cli import app, register_commands

runner = CliRunner()
register_commands()


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'huiwu.db'}"
    store = open_store(url)
    publish(store, minimal(), repair_solve, by="lin", now=T0, note="first plan")
    later = T0 + dt.timedelta(days=1)
    publish(store, unavailable_on(minimal(), "ada", dt.date(2026, 3, 24)), repair_solve, by="wang", now=later)
    store.engine.dispose()
    return url


def test_versions_lists_each_version(database: str) -> None:
    result = runner.invoke(app, ["versions", "mini", "--database", database])

    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "1  2026-03-01 08:00 UTC  lin  5 new, 0 moved in time, 0 moved room, 0 new speakers, 0 cancelled"
        "  first plan",
        "2  2026-03-02 08:00 UTC  wang  0 new, 1 moved in time, 0 moved room, 0 new speakers, 0 cancelled",
    ]


def test_versions_unknown_event_exit_1(database: str) -> None:
    result = runner.invoke(app, ["versions", "nope", "--database", database])

    assert (result.exit_code, result.output) == (1, "no published version of 'nope'\n")


def test_diff_shows_old_and_new(database: str) -> None:
    result = runner.invoke(app, ["diff", "mini", "1", "2", "--database", database])

    lines = result.output.splitlines()
    assert (result.exit_code, lines[0]) == (
        0,
        "changes: 0 new, 1 moved in time, 0 moved room, 0 new speakers, 0 cancelled",
    )
    assert lines[1].startswith("  moved logic#2 Logic: 2026-03-24 09:00-10:30 a (ada) -> ")


def test_diff_unknown_version_exit_1(database: str) -> None:
    result = runner.invoke(app, ["diff", "mini", "1", "9", "--database", database])

    assert (result.exit_code, result.output) == (1, "event 'mini' has no published version 9\n")


def test_feeds_lists_urls_and_webcal(database: str) -> None:
    result = runner.invoke(app, ["feeds", "mini", "--database", database])

    first = result.output.splitlines()[0].split()
    assert (result.exit_code, first[:2], len(result.output.splitlines())) == (0, ["event", "mini"], 6)
    assert first[3] == first[2].replace("http://", "webcal://")


def test_feeds_of_a_track_named_with_spaces_split_into_kind_id_and_links(tmp_path: Path) -> None:
    data = problem_to_data(minimal())
    talk = {"course": "Data & AI", "speakers": ["ada"], "attendance": 10}
    data["sessions"] += [{"id": k, "title": k, **talk} for k in ("llm", "rag")]
    url = f"sqlite:///{tmp_path / 'huiwu.db'}"
    publish(open_store(url), problem_from_data(data), repair_solve, by="lin", now=T0)

    lines = runner.invoke(app, ["feeds", "mini", "--database", url]).output.splitlines()

    (track,) = [shlex.split(line) for line in lines if line.startswith("track ")]
    assert (track[:2], len(track)) == (["track", "Data & AI"], 4)
    revoked = runner.invoke(app, ["feeds", "mini", "--revoke", "track:Data & AI", "--database", url])
    assert revoked.output.splitlines()[0] == "revoked the feed of track Data & AI"


def test_feeds_reissue_changes_only_that_url(database: str) -> None:
    before = runner.invoke(app, ["feeds", "mini", "--database", database]).output.splitlines()

    after = runner.invoke(app, ["feeds", "mini", "--reissue", "speaker:ada", "--database", database]).output
    changed = [line.split()[:2] for line in after.splitlines() if line not in before]

    assert changed == [["speaker", "ada"]]


def test_feeds_revoke_of_no_one_fails_and_names_it(database: str) -> None:
    before = runner.invoke(app, ["feeds", "mini", "--database", database]).output
    result = runner.invoke(app, ["feeds", "mini", "--revoke", "speaker:adda", "--database", database])
    assert (result.exit_code, result.stderr.strip()) == (1, "no live feed of speaker 'adda' for 'mini'")
    assert runner.invoke(app, ["feeds", "mini", "--database", database]).output == before
    done = runner.invoke(app, ["feeds", "mini", "--revoke", "speaker:ada", "--database", database])
    assert (done.exit_code, done.output.splitlines()[0]) == (0, "revoked the feed of speaker ada")


def test_feeds_of_an_event_never_published(database: str) -> None:
    result = runner.invoke(app, ["feeds", "nope", "--database", database])
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "no live feeds of 'nope' (publishing makes them: huiwu publish EVENT_FILE)",
    )


def test_notices_approve_all(database: str) -> None:
    result = runner.invoke(
        app, ["notices", "mini", "--approve", "all", "--database", database, "--by", "lin"]
    )

    lines = result.output.splitlines()
    assert (result.exit_code, lines[0]) == (0, "approved 3 notice(s)")
    assert [line.split()[1:4] for line in lines[1:]] == [
        ["approved", "v2", "speaker"],
        ["approved", "v2", "group"],
        ["approved", "v2", "room"],
    ]


def test_notices_approve_names_what_is_not_a_number(database: str) -> None:
    wrong = runner.invoke(app, ["notices", "mini", "--approve", "1,x", "--database", database])
    assert (wrong.exit_code, wrong.stderr.strip()) == (
        1,
        "--approve: 'x' is not a notice number (give 'all' or numbers separated by commas, e.g. 1,3)",
    )
    right = runner.invoke(app, ["notices", "mini", "--approve", "1, 3", "--database", database])
    assert (right.exit_code, right.output.splitlines()[0]) == (0, "approved 2 notice(s)")


def test_notices_write_pdfs(database: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["notices", "mini", "--pdf", str(tmp_path / "pdf"), "--database", database])

    files = sorted(p.name for p in (tmp_path / "pdf").iterdir())
    assert (result.exit_code, files) == (
        0,
        ["notice-1-speaker-ada.pdf", "notice-2-group-g1.pdf", "notice-3-room-a.pdf"],
    )


def test_notices_send_without_smtp_setting_exit_1(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUIWU_SMTP_HOST", raising=False)

    result = runner.invoke(app, ["notices", "mini", "--send", "--database", database])

    assert result.exit_code == 1
    assert result.output.startswith("no SMTP server is set")


def test_notices_show_prints_text(database: str) -> None:
    result = runner.invoke(app, ["notices", "mini", "--show", "1", "--database", database])

    lines = result.output.splitlines()
    assert (result.exit_code, lines[:4]) == (
        0,
        [
            "To: (no address)",
            "Subject: [Mini workshop] Changes for Ada Lovelace (version 2)",
            "",
            "Dear Ada Lovelace,",
        ],
    )


def test_notices_show_unknown_exit_1(database: str) -> None:
    result = runner.invoke(app, ["notices", "mini", "--show", "99", "--database", database])

    assert (result.exit_code, result.output) == (1, "no notice 99 for 'mini'\n")


@pytest.mark.parametrize("command", ["publish", "feeds", "serve"])
def test_feeds_address_set_wrong_is_refused_before_anything(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typo in HUIWU_FEEDS_URL would be in every link printed and every feed served."""
    from ui import cli_store

    def started(*args: object) -> None:
        raise AssertionError("servers started")

    monkeypatch.setattr(cli_store, "_run_all", started)
    monkeypatch.setenv("HUIWU_FEEDS_URL", "htp://plan.example.org")
    url = f"sqlite:///{tmp_path / 'h.db'}"
    args = {
        "publish": ["publish", str(Path(__file__).resolve().parents[1] / "data" / "minimal.yaml")],
        "feeds": ["feeds", "mini"],
        "serve": ["serve", "--feeds-only"],
    }[command]
    result = runner.invoke(app, [*args, "--database", url])
    assert (result.exit_code, result.stderr) == (
        1,
        "HUIWU_FEEDS_URL: 'htp://plan.example.org' is not a web address such as https://plan.example.org"
        " or http://127.0.0.1:8765\n",
    )
    assert not (tmp_path / "h.db").exists()  # nothing stored, not even an empty database


def test_notices_send_that_fails_exit_1_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mail server that refuses: the notice is marked failed and the command exits 1 (it exited
    0, so a script sending notices never knew); a notice without an address only says so."""
    url = f"sqlite:///{tmp_path / 'huiwu.db'}"
    store = open_store(url)
    mailed = minimal()
    mailed = mailed.model_copy(
        update={
            "speakers": tuple(s.model_copy(update={"email": f"{s.id}@example.org"}) for s in mailed.speakers)
        }
    )
    publish(store, mailed, repair_solve, by="lin", now=T0)
    moved = unavailable_on(mailed, "ada", dt.date(2026, 3, 24))
    publish(store, moved, repair_solve, by="wang", now=T0 + dt.timedelta(days=1))
    store.engine.dispose()
    assert runner.invoke(app, ["notices", "mini", "--approve", "all", "--database", url]).exit_code == 0
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    monkeypatch.setenv("HUIWU_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HUIWU_SMTP_PORT", str(closed))
    result = runner.invoke(app, ["notices", "mini", "--send", "--database", url])
    assert result.exit_code == 1
    assert "notice 1 to ada@example.org: " in result.stderr
    assert "1  failed  v2  speaker ada  ada@example.org" in result.stdout


def test_notices_send_with_nothing_to_mail_exit_0(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    runner.invoke(app, ["notices", "mini", "--approve", "all", "--database", database])
    monkeypatch.setenv("HUIWU_SMTP_HOST", "127.0.0.1")
    result = runner.invoke(app, ["notices", "mini", "--send", "--database", database])
    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, "sent 0 notice(s)")
    assert "notice 1 (speaker ada): no e-mail address, print it" in result.stderr


def test_publish_schedule_publishes_that_schedule_without_solving(tmp_path: Path) -> None:
    from planner.io.files import write_problem
    from planner.usecases.solve import write_schedule

    event = tmp_path / "event.yaml"
    write_problem(minimal(), event)
    reviewed = repair_solve(minimal(), reference=None, freeze_before=None)
    path = write_schedule(reviewed, tmp_path / "plan")
    url = f"sqlite:///{tmp_path / 'huiwu.db'}"

    result = runner.invoke(app, ["publish", str(event), "--schedule", str(path), "--database", url])

    assert (result.exit_code, result.output.splitlines()[0]) == (0, "published mini version 1")
    stored = open_store(url).latest("mini")
    assert stored is not None
    placed = {(a.session, a.occurrence, a.start, a.room) for a in stored.schedule.assignments}
    assert placed == {(a.session, a.occurrence, a.start, a.room) for a in reviewed.assignments}


def test_publish_schedule_breaking_a_rule_is_refused_and_nothing_stored(tmp_path: Path) -> None:
    from planner.io.files import write_problem
    from planner.usecases.solve import write_schedule

    event = tmp_path / "event.yaml"
    write_problem(minimal(), event)
    reviewed = repair_solve(minimal(), reference=None, freeze_before=None)
    first, *rest = reviewed.assignments
    clash = first.model_copy(update={"start": rest[0].start, "end": rest[0].end, "room": rest[0].room})
    path = write_schedule(reviewed.model_copy(update={"assignments": (clash, *rest)}), tmp_path / "plan")
    url = f"sqlite:///{tmp_path / 'huiwu.db'}"

    result = runner.invoke(app, ["publish", str(event), "--schedule", str(path), "--database", url])

    assert result.exit_code == 1
    assert result.stderr.startswith("the schedule breaks hard rules:\n")
    assert open_store(url).latest("mini") is None


def test_publish_of_a_renamed_session_says_how_many_entries_were_reworded(tmp_path: Path) -> None:
    from planner.io.files import write_problem
    from planner.usecases.solve import write_schedule
    from tests.storage.plans import edited

    event, url = tmp_path / "event.yaml", f"sqlite:///{tmp_path / 'huiwu.db'}"
    path = write_schedule(repair_solve(minimal(), reference=None, freeze_before=None), tmp_path / "plan")
    write_problem(minimal(), event)
    runner.invoke(app, ["publish", str(event), "--schedule", str(path), "--database", url])
    write_problem(edited(minimal(), "sessions", "logic", title="Logic and proof"), event)

    result = runner.invoke(app, ["publish", str(event), "--schedule", str(path), "--database", url])

    assert result.output.splitlines()[1:3] == [
        "changes: 0 new, 0 moved in time, 0 moved room, 0 new speakers, 0 cancelled",
        "reworded: 3 (a title, an abstract or a name: calendars show the new words)",
    ]


def _repair_seen(monkeypatch: pytest.MonkeyPatch, at: dt.datetime) -> list[dt.date | None]:
    """``huiwu publish``'s solve replaced by the repair stand-in, recording its freeze, at ``at``."""
    from ui import cli_store

    seen: list[dt.date | None] = []

    def solve(problem: Any, options: Any = None, reference: Any = None, freeze_before: Any = None) -> Any:
        seen.append(freeze_before)
        return repair_solve(problem, reference=reference)

    monkeypatch.setattr(cli_store, "solver_solve", lambda *_: (solve, None))
    monkeypatch.setattr(cli_store, "now", lambda: at)
    return seen


def _published_then_ill(tmp_path: Path) -> tuple[str, Path]:
    from planner.io.files import write_problem

    url = f"sqlite:///{tmp_path / 'huiwu.db'}"
    store = open_store(url)
    publish(store, minimal(), repair_solve, by="lin", now=T0)
    store.engine.dispose()
    event = tmp_path / "event.yaml"
    write_problem(unavailable_on(minimal(), "ada", dt.date(2026, 3, 26)), event)
    return url, event


def test_publish_while_the_event_runs_keeps_every_session_that_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mid-course, a repair must neither move what has started nor move anything into the past:
    now (on the event's clock, to the minute) is the freeze unless the user gives one."""
    url, event = _published_then_ill(tmp_path)
    seen = _repair_seen(monkeypatch, dt.datetime(2026, 3, 25, 9, 15, 30, tzinfo=dt.UTC))  # 10:15 in Berlin

    result = runner.invoke(app, ["publish", str(event), "--database", url])

    assert result.exit_code == 0
    assert [f"{when:%Y-%m-%d %H:%M:%S %z}" for when in seen if when is not None] == [
        "2026-03-25 10:15:00 +0100"
    ]
    assert "every session that started before 2026-03-25 10:15 (now) stays where it is" in result.stderr
    listed = runner.invoke(app, ["versions", "mini", "--database", url]).stdout.splitlines()
    assert ["frozen before" in line for line in listed] == [False, True]
    assert listed[1].endswith("  frozen before 2026-03-25 10:15")


@pytest.mark.parametrize(
    ("at", "given", "frozen"),
    [
        (dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC), [], None),  # before the event
        (dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC), [], None),  # after it: a what-if
        (
            dt.datetime(2026, 3, 25, 9, 0, tzinfo=dt.UTC),
            ["--freeze-before", "2026-03-24"],
            dt.datetime(2026, 3, 24),
        ),
        (
            dt.datetime(2026, 3, 25, 9, 0, tzinfo=dt.UTC),
            ["--freeze-before", "2026-03-25 14:00"],
            dt.datetime(2026, 3, 25, 14, 0),
        ),
    ],
)
def test_publish_keeps_no_day_unless_the_event_runs_or_the_user_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: dt.datetime, given: list[str], frozen: dt.date | None
) -> None:
    url, event = _published_then_ill(tmp_path)
    seen = _repair_seen(monkeypatch, at)

    result = runner.invoke(app, ["publish", str(event), "--database", url, *given])

    assert (result.exit_code, seen) == (0, [frozen])
    assert "(now) stays where it is" not in result.stderr


def test_publish_refuses_a_freeze_that_is_no_day_or_moment(tmp_path: Path) -> None:
    url, event = _published_then_ill(tmp_path)
    result = runner.invoke(app, ["publish", str(event), "--database", url, "--freeze-before", "25.3. 10:00"])
    assert result.exit_code == 1
    assert (
        "--freeze-before: '25.3. 10:00' is neither a day (YYYY-MM-DD) nor a moment (YYYY-MM-DD HH:MM)"
        in result.stderr
    )


def test_publish_of_a_first_version_keeps_no_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.io.files import write_problem

    event = tmp_path / "event.yaml"
    write_problem(minimal(), event)
    seen = _repair_seen(monkeypatch, dt.datetime(2026, 3, 25, 9, 0, tzinfo=dt.UTC))

    result = runner.invoke(app, ["publish", str(event), "--database", f"sqlite:///{tmp_path / 'h.db'}"])

    assert (result.exit_code, seen) == (0, [None])
