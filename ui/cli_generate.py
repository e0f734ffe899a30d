"""``huiwu generate``: a valid random event of any size, for stress tests and benchmarks.

``huiwu generate --sessions 2000 --rooms 40 --weeks 8 --speakers 400 --groups 60``
is the stress event: 2000 occurrences in all. The same arguments and seed give
the same file. YAML goes to stdout, or to ``--out`` (JSON or Excel when the
suffix says so). Counting checks that fail (more room-periods asked than the
rooms offer, say) are printed as warnings: the event is still valid, but no
schedule may exist.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from planner.domain import HuiwuError, Problem
from planner.generate import generate_problem, load_warnings
from planner.io.files import dump_yaml, save_file, write_problem
from ui.cli import fail


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)


def generate(
    sessions: Annotated[int, typer.Option("--sessions", help="Occurrences in all (sessions x occurrences)")],
    rooms: Annotated[int, typer.Option("--rooms", help="Rooms, a hall among them")],
    weeks: Annotated[int, typer.Option("--weeks", help="Weeks of Monday-to-Friday days")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed gives the same event")] = 0,
    speakers: Annotated[
        int | None, typer.Option("--speakers", help="Speakers (default: sessions / 5)")
    ] = None,
    groups: Annotated[int | None, typer.Option("--groups", help="Groups (default: sessions / 35)")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (.yaml, .json, .xlsx); stdout if omitted")
    ] = None,
) -> None:
    """Write a valid random event: YAML to stdout, or to --out."""
    try:
        problem = generate_problem(sessions, rooms, weeks, seed, speakers=speakers, groups=groups)
        command = f"huiwu generate --sessions {sessions} --rooms {rooms} --weeks {weeks} --seed {seed}"
        command += "".join(
            f" --{name} {value}"
            for name, value in (("speakers", speakers), ("groups", groups))
            if value is not None
        )
        write(problem, out, command)
    except OSError as error:
        raise fail(HuiwuError(f"{out}: cannot write the file ({error.strerror})")) from None
    except HuiwuError as error:
        raise fail(error) from None
    for line in load_warnings(problem):
        typer.echo(f"warning: {line}", err=True)
    if out is not None:
        typer.echo(f"wrote {out} ({summary(problem)})", err=True)


def write(problem: Problem, out: Path | None, command: str) -> None:
    """YAML with a comment naming the command that made it; other kinds by their suffix."""
    if out is not None and out.suffix.lower() not in (".yaml", ".yml"):
        write_problem(problem, out)
        return
    text = f"# {shlex.join(command.split())}\n# {summary(problem)}\n" + dump_yaml(problem)
    if out is None:
        typer.echo(text, nl=False)
    else:
        save_file(out, text.encode("utf-8"))


def summary(problem: Problem) -> str:
    occurrences = sum(s.occurrences for s in problem.sessions)
    return (
        f"{occurrences} occurrences in {len(problem.sessions)} sessions, {len(problem.rooms)} rooms, "
        f"{len(problem.speakers)} speakers, {len(problem.groups)} groups"
    )
