"""``huiwu export``: every output of a schedule under one folder.

``huiwu export EVENT schedule.json --out DIR [--previous OLD.json]
[--generated-at ISO] [--page-size A4|letter]`` writes PDFs under ``DIR/pdf/``,
calendars under ``DIR/ics/``, ``DIR/schedule.xlsx``, ``DIR/frab/schedule.xml``
and ``DIR/frab/schedule.json``. With ``--generated-at`` the bytes are the same
on every run; without it the clock is used. Exit 2 when the event or schedule
file is invalid (one line per problem, naming the field), 1 when an output
cannot be written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

import typer

from planner.domain import HuiwuError, InvalidSchedule
from planner.usecases.export import export_files
from ui.cli import EXIT_INVALID, EventFile, fail


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    event_file: EventFile,
    schedule_file: Annotated[Path, typer.Argument(help="schedule.json written by huiwu solve")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write every output into")],
    previous: Annotated[
        Path | None, typer.Option("--previous", help="The schedule handed out before: changes are marked")
    ] = None,
    generated_at: Annotated[
        str | None,
        typer.Option(
            "--generated-at", help="Time printed on the outputs, ISO 8601 with offset (default: now)"
        ),
    ] = None,
    page_size: Annotated[Literal["A4", "letter"], typer.Option("--page-size", help="Paper size")] = "A4",
) -> None:
    """Write PDFs, calendars, the spreadsheet and the conference-app files of a schedule."""
    moment = parse_moment(generated_at)
    try:
        done = export_files(
            event_file, schedule_file, out, generated_at=moment, previous_file=previous, page_size=page_size
        )
    except InvalidSchedule as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except HuiwuError as error:
        raise fail(error) from None
    typer.echo(
        f"wrote {len(done.paths)} files to {out}: {done.count('pdf/')} PDFs, {done.count('ics/')} calendars, "
        "schedule.xlsx, frab/schedule.xml, frab/schedule.json"
    )
    if done.broken:
        typer.echo(
            f"warning: the schedule breaks {len(done.broken)} hard rule(s), first: {done.broken[0]} "
            "(huiwu check lists them all)",
            err=True,
        )


def parse_moment(text: str | None) -> dt.datetime:
    """``--generated-at`` as an aware time; the clock (UTC, whole seconds) when not given."""
    if text is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        typer.echo(f"--generated-at: '{text}' is not an ISO 8601 time", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    if moment.utcoffset() is None:
        typer.echo(f"--generated-at: '{text}' needs an offset, e.g. {text}+08:00 or {text}Z", err=True)
        raise typer.Exit(EXIT_INVALID)
    return moment
