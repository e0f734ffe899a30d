"""Commands of storage and feeds: publish, versions, diff, feeds, notices, serve.

``huiwu publish EVENT_FILE`` stores the event, repairs its schedule from the
last published version (``solver.solve``) or takes the one ``--schedule`` names
(checked by the oracle), stores the next version and prints its number, the
changes and one line per feed: ``<kind> <id> <url>``.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from planner.domain import HuiwuError, NotBuiltYet
from planner.domain.calendar import freeze_text
from planner.feeds.links import feed_url, public_url, webcal_url
from planner.io.files import save_file
from planner.io.schedule_file import read_schedule
from planner.storage.changes import Changes
from planner.storage.outbox import Outbox
from planner.storage.repository import Store, open_store
from planner.storage.tokens import Tokens
from planner.usecases.notices import SmtpSettings, approve, send_approved
from planner.usecases.publish import compare, publish
from ui.cli import FREEZE_FORMATS, EventFile, fail, load, now, under_way_note

Database = Annotated[
    str | None,
    typer.Option("--database", help="Database URL (default: HUIWU_DATABASE_URL or the SQLite file)"),
]
By = Annotated[str | None, typer.Option("--by", help="Who does it (default: HUIWU_USER or the login name)")]


def who(by: str | None) -> str:
    return by or os.environ.get("HUIWU_USER") or getpass.getuser()


def store_or_exit(database: str | None) -> Store:
    try:
        return open_store(database)
    except HuiwuError as error:
        raise fail(error) from None


def feeds_base(environ: Mapping[str, str] | None = None) -> str:
    """``HUIWU_FEEDS_URL`` checked before anything is stored or served: a typo there would be in
    every feed link printed and in every feed's own address."""
    try:
        return public_url(environ)
    except HuiwuError as error:
        raise fail(error) from None


def print_changes(changes: Changes) -> None:
    typer.echo(f"changes: {changes.summary()}")
    for change in changes.items:
        typer.echo(f"  {change.describe()}")


def solver_solve(time_limit: float, workers: int) -> tuple[Any, Any]:
    """``solver.solve`` and its options, imported only here: ``planner`` never imports the solver."""
    try:
        from solver import SolveOptions, solve
    except ImportError:
        raise fail(NotBuiltYet("huiwu publish: the solver is not built yet")) from None
    try:
        return solve, SolveOptions(time_limit=time_limit, workers=workers)
    except HuiwuError as error:  # a time limit or a number of workers no search can run with
        raise fail(error) from None


def publish_command(
    event_file: EventFile,
    note: Annotated[str | None, typer.Option("--note", help="Why this version (shown in versions)")] = None,
    freeze_before: Annotated[
        str | None,
        typer.Option(
            "--freeze-before",
            help=(
                "Keep every session that starts before this day or moment (YYYY-MM-DD or YYYY-MM-DD HH:MM, "
                "the event's clock); while the event runs, now by default"
            ),
        ),
    ] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds the solver may search")] = 30.0,
    workers: Annotated[int, typer.Option("--workers", help="Solver threads")] = 2,
    schedule_file: Annotated[
        Path | None,
        typer.Option(
            "--schedule",
            help=(
                "Publish this schedule.json as it is (one reviewed after huiwu solve): checked, not solved; "
                "what started before the freeze must be as last published"
            ),
        ),
    ] = None,
    database: Database = None,
    by: By = None,
) -> None:
    """Store the event, repair its schedule from the last version (or take --schedule), publish it
    and print the feeds."""
    problem = load(event_file)
    frozen = _moment(freeze_before) if freeze_before else None
    base = feeds_base()
    try:
        given = read_schedule(schedule_file, problem) if schedule_file is not None else None
    except HuiwuError as error:
        raise fail(error) from None
    store = store_or_exit(database)
    try:
        solve, options = solver_solve(time_limit, workers) if given is None else (None, None)
        result = publish(
            store, problem, solve, schedule=given, by=who(by), now=now(), note=note, freeze_before=frozen,
            options=options,
        )  # fmt: skip
    except HuiwuError as error:
        raise fail(error) from None
    if frozen is None and result.frozen is not None:
        typer.echo(under_way_note(problem.event, result.frozen), err=True)
    typer.echo(f"published {problem.event.id} version {result.version.number}")
    for warning in result.warnings():
        typer.echo(f"note: {warning}", err=True)
    print_changes(result.changes)
    if result.reworded:
        typer.echo(
            f"reworded: {result.reworded} (a title, an abstract or a name: calendars show the new words)"
        )
    if result.notices:
        typer.echo(f"notices: {len(result.notices)} waiting for approval (huiwu notices {problem.event.id})")
    for feed in result.feeds:
        typer.echo(f"{feed.kind} {shown_target(feed.target)} {feed_url(base, feed.token)}")


def _moment(text: str) -> dt.datetime:
    """A day (from its midnight) or a moment, read on the event's clocks."""
    for form in FREEZE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), form)
        except ValueError:
            continue
    raise fail(
        HuiwuError(f"--freeze-before: '{text}' is neither a day (YYYY-MM-DD) nor a moment (YYYY-MM-DD HH:MM)")
    )


def versions_command(event_id: str, database: Database = None) -> None:
    """List the published versions of an event: number, when, by whom, changes, the freeze its
    repair kept, note."""
    store = store_or_exit(database)
    found = store.versions(event_id)
    if not found:
        raise fail(HuiwuError(f"no published version of '{event_id}'"))
    for v in found:
        frozen = f"  frozen before {freeze_text(v.problem.event, v.frozen)}" if v.frozen else ""
        note = f"  {v.note}" if v.note else ""
        when = f"{v.published_at:%Y-%m-%d %H:%M} UTC"
        typer.echo(f"{v.number}  {when}  {v.published_by}  {v.changes.summary()}{frozen}{note}")


def diff_command(event_id: str, a: int, b: int, database: Database = None) -> None:
    """Show what changed from version A to version B of an event."""
    store = store_or_exit(database)
    try:
        print_changes(compare(store, event_id, a, b))
    except HuiwuError as error:
        raise fail(error) from None


def feeds_command(
    event_id: str,
    revoke: Annotated[
        str | None, typer.Option("--revoke", help="KIND:ID — stop a feed's URL working")
    ] = None,
    reissue: Annotated[str | None, typer.Option("--reissue", help="KIND:ID — give a feed a new URL")] = None,
    database: Database = None,
) -> None:
    """List an event's feeds (kind, id, URL, webcal link); revoke or re-issue one."""
    base = feeds_base()
    tokens = Tokens(store_or_exit(database))
    try:
        if revoke:
            kind, target = _feed_name(revoke)
            if not tokens.revoke(event_id, kind, target, now()):
                raise HuiwuError(f"no live feed of {kind} '{target}' for '{event_id}'")
            typer.echo(f"revoked the feed of {kind} {target}")
        if reissue:
            kind, target = _feed_name(reissue)
            tokens.reissue(event_id, kind, target, now())
    except HuiwuError as error:
        raise fail(error) from None
    live = tokens.active(event_id)
    if not live and not (revoke or reissue):
        made = "publishing makes them: huiwu publish EVENT_FILE"
        raise fail(HuiwuError(f"no live feeds of '{event_id}' ({made})"))
    for feed in live:
        url = feed_url(base, feed.token)
        typer.echo(f"{feed.kind} {shown_target(feed.target)} {url} {webcal_url(url)}")


def shown_target(target: str) -> str:
    """A feed's id as one word of the line: a track named with spaces (``Data & AI``) is quoted as
    the shell quotes it, so the line still splits into kind, id and links."""
    return shlex.quote(target) if any(c.isspace() for c in target) else target


def _feed_name(text: str) -> tuple[str, str]:
    kind, _, target = text.partition(":")
    if not target:
        raise fail(HuiwuError(f"'{text}': name a feed as KIND:ID, e.g. speaker:li-wei or event:{text}"))
    return kind, target


def notices_command(
    event_id: str,
    approve_ids: Annotated[
        str | None, typer.Option("--approve", help="Approve notices: 'all' or ids separated by commas")
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="E-mail the approved notices (HUIWU_SMTP_HOST...)")
    ] = False,
    pdf_dir: Annotated[
        Path | None, typer.Option("--pdf", help="Write each notice's PDF into this folder")
    ] = None,
    show: Annotated[int | None, typer.Option("--show", help="Print the text of one notice")] = None,
    database: Database = None,
    by: By = None,
) -> None:
    """The outbox of change notices: list, read, write the PDFs, approve, send approved ones."""
    store = store_or_exit(database)
    try:
        if approve_ids:
            ids = notice_ids(approve_ids)
            typer.echo(f"approved {len(approve(store, event_id, ids, by=who(by), now=now()))} notice(s)")
        if send:
            sent, problems = send_approved(store, event_id, SmtpSettings.from_env(), now=now())
            typer.echo(f"sent {sent} notice(s)")
            for line in problems:
                typer.echo(line, err=True)
    except HuiwuError as error:
        raise fail(error) from None
    _list_notices(store, event_id, pdf_dir, show)
    if send and any(n.status == "failed" for n in Outbox(store).notices(event_id)):
        raise typer.Exit(1)  # a mail server that refused: a script sending notices must know


def notice_ids(text: str) -> list[int] | None:
    """``--approve``: None for ``all``, else the numbers separated by commas."""
    if text.strip() == "all":
        return None
    parts = [part.strip() for part in text.split(",")]
    wrong = [part for part in parts if not part.isdigit()]
    if wrong:
        raise HuiwuError(
            f"--approve: '{wrong[0]}' is not a notice number "
            "(give 'all' or numbers separated by commas, e.g. 1,3)"
        )
    return [int(part) for part in parts]


def _list_notices(store: Store, event_id: str, pdf_dir: Path | None, show: int | None) -> None:
    notices = Outbox(store).notices(event_id)
    if show is not None:
        chosen = [n for n in notices if n.id == show]
        if not chosen:
            raise fail(HuiwuError(f"no notice {show} for '{event_id}'"))
        typer.echo(
            f"To: {chosen[0].recipient or '(no address)'}\nSubject: {chosen[0].subject}\n\n{chosen[0].body}"
        )
        return
    for notice in notices:
        typer.echo(
            f"{notice.id}  {notice.status}  v{notice.version}  {notice.kind} {notice.target}  "
            f"{notice.recipient or '(no address)'}  {notice.subject}"
        )
        if pdf_dir is not None:
            path = pdf_dir / f"notice-{notice.id}-{notice.kind}-{notice.target}.pdf"
            try:
                save_file(path, notice.pdf, make_folder=True)
            except HuiwuError as error:
                raise fail(error) from None


def serve_command(
    feeds_only: Annotated[bool, typer.Option("--feeds-only", help="Serve the calendar feeds alone")] = False,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port of the calendar feeds")] = 8765,
    host: Annotated[str, typer.Option("--host", help="Address to listen on")] = "127.0.0.1",
    app_port: Annotated[
        int, typer.Option("--app-port", min=1, max=65535, help="Port of the browser app")
    ] = 8501,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Feed server processes")] = 1,
    database: Database = None,
) -> None:
    """Start the calendar feeds (uvicorn) and, unless --feeds-only, the browser app (Streamlit)."""
    env = dict(os.environ)
    if database:
        env["HUIWU_DATABASE_URL"] = database
    env.setdefault("HUIWU_FEEDS_URL", f"http://{host}:{port}")
    feeds_base(env)  # the feed server writes it into every feed: refused before anything starts
    store_or_exit(database).engine.dispose()  # create or upgrade the schema once, before the workers
    feeds = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "planner.feeds.app:app_from_env",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
    ]
    commands = [feeds]
    app_file = Path(__file__).resolve().parent / "app.py"
    if not feeds_only and app_file.exists():
        commands.append(app_command(app_file, host, app_port))
    typer.echo(f"calendar feeds on http://{host}:{port}/feeds/<token>.ics", err=True)
    if len(commands) > 1:
        typer.echo(f"browser app on http://{host}:{app_port}", err=True)
    _run_all(commands, env)


def app_command(app_file: Path, host: str, port: int) -> list[str]:
    """The browser app's server as office staff get it: headless, no usage statistics, and no
    Deploy button nor developer menu (``client.toolbarMode viewer``)."""
    command = [sys.executable, "-m", "streamlit", "run", str(app_file), "--server.address", host]
    command += [
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    return [*command, "--client.toolbarMode", "viewer"]


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM ends ``huiwu serve`` like Ctrl-C: its servers are stopped too


def _run_all(commands: list[list[str]], env: dict[str, str]) -> None:
    """Run the servers side by side until one stops, Ctrl-C or SIGTERM; then stop the others."""
    previous = signal.signal(signal.SIGTERM, _stop)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        processes += [subprocess.Popen(command, env=env) for command in commands]
        while all(p.poll() is None for p in processes):
            time.sleep(0.3)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            process.wait(timeout=30)
    if any(p.returncode not in (0, -signal.SIGTERM) for p in processes):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Attach the storage and feed commands to ``huiwu``."""
    app.command("publish")(publish_command)
    app.command("versions")(versions_command)
    app.command("diff")(diff_command)
    app.command("feeds")(feeds_command)
    app.command("notices")(notices_command)
    app.command("serve")(serve_command)
