"""The command line ``huiwu``: thin commands over the planner's use-cases.

Every command catches ``HuiwuError`` and prints its message; exit codes:
0 done, 1 not built yet or refused, 2 invalid input, 3 no schedule exists.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from planner.domain import HuiwuError, InfeasibleProblem, InvalidInput, NotBuiltYet, Problem
from planner.domain.calendar import freeze_text
from planner.domain.model import Event
from planner.domain.validation import event_notes
from planner.io.files import read_problem, write_problem

app = typer.Typer(
    name="huiwu",
    help="Huiwu (会务): plan meetings, conferences and multi-week training courses.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_INVALID = 2
EXIT_INFEASIBLE = 3

EventFile = Annotated[Path, typer.Argument(help="Event file: .yaml, .yml, .json or .xlsx")]
FREEZE_FORMATS = ["%Y-%m-%d", "%Y-%m-%d %H:%M"]
"""``--freeze-before``: a day (from its midnight) or a moment, on the event's clocks."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def under_way_note(event: Event, moment: dt.date) -> str:
    """What a repair without ``--freeze-before`` keeps while the event runs (``calendar.under_way``)."""
    return (
        f"the event is under way: every session that started before {freeze_text(event, moment)} (now) "
        "stays where it is (--freeze-before names another day or moment)"
    )


def fail(error: HuiwuError) -> typer.Exit:
    """Print a user error on stderr and return the exit to raise."""
    if isinstance(error, InvalidInput):
        for line in error.problems:
            typer.echo(line, err=True)
        return typer.Exit(EXIT_INVALID)
    if isinstance(error, InfeasibleProblem):
        typer.echo("No schedule keeps every hard rule:", err=True)
        for reason in error.reasons:
            typer.echo(f"- {reason}", err=True)
        return typer.Exit(EXIT_INFEASIBLE)
    typer.echo(str(error), err=True)
    return typer.Exit(1)


def load(path: Path) -> Problem:
    try:
        return read_problem(path)
    except HuiwuError as error:
        raise fail(error) from None


@app.command()
def validate(event_file: EventFile) -> None:
    """Validate an event file: exit 0 when valid (with a note for what is worth a word: calendar
    dates that change nothing, speakers or groups no session names), 2 with one line per problem."""
    problem = load(event_file)
    typer.echo(
        f"{event_file}: valid ({len(problem.sessions)} sessions, {len(problem.rooms)} rooms, "
        f"{len(problem.speakers)} speakers, {len(problem.groups)} groups)"
    )
    for line in event_notes(problem):
        typer.echo(f"note: {line}", err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of event files."""
    typer.echo(json.dumps(Problem.model_json_schema(by_alias=True), indent=2, ensure_ascii=False))


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="Event file to read (.yaml, .json, .xlsx)")],
    target: Annotated[Path, typer.Argument(help="Event file to write; the kind follows the suffix")],
) -> None:
    """Convert an event between YAML, JSON and Excel."""
    problem = load(source)
    try:
        write_problem(problem, target)
    except HuiwuError as error:
        raise fail(error) from None
    typer.echo(f"wrote {target}")


def not_built(what: str) -> typer.Exit:
    return fail(NotBuiltYet(f"huiwu {what}: not built yet"))


def register_commands() -> None:
    """Attach the commands that live in their own modules."""
    from ui import cli_commands

    cli_commands.register(app)


def main() -> None:
    register_commands()
    try:
        app()
    except HuiwuError as error:  # a use-case error that a command did not catch itself
        typer.echo(str(error), err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
