"""Exporting a schedule: read the event and schedule files, build every output,
write them under one folder.

The outputs themselves are pure (``planner.exports.bundle.outputs``); this
use-case is the only place that touches files. ``generated_at`` comes from the
caller (the command line passes ``--generated-at`` or the clock), so the same
inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from planner.domain.errors import ExportError
from planner.domain.oracle import check_schedule
from planner.exports.bundle import outputs
from planner.io.files import read_problem
from planner.io.schedule_file import read_schedule


@dataclass(frozen=True)
class Exported:
    """What an export wrote: the folder and every file in it, by relative path."""

    folder: Path
    paths: tuple[str, ...]
    broken: tuple[str, ...] = ()
    """The hard rules the schedule breaks (the oracle's words): a hand-edited or partial plan is
    still written out, but whoever hands it out should know."""

    def count(self, prefix: str) -> int:
        """How many files lie under ``prefix`` (``pdf/``, ``ics/``)."""
        return sum(1 for path in self.paths if path.startswith(prefix))


def export_files(
    event_file: Path,
    schedule_file: Path,
    folder: Path,
    *,
    generated_at: dt.datetime,
    previous_file: Path | None = None,
    page_size: str = "A4",
) -> Exported:
    """Read, build every output, write it under ``folder``; raises ``HuiwuError`` subclasses.

    ``previous_file`` is the schedule last handed out: changes since it are
    marked in the printed agendas and spreadsheet, and calendars bump the
    SEQUENCE of moved occurrences and cancel removed ones.
    """
    problem = read_problem(event_file)
    schedule = read_schedule(schedule_file, problem)
    previous = read_schedule(previous_file, problem) if previous_file is not None else None
    files = outputs(
        problem, schedule, generated_at=generated_at, previous=previous,
        previous_version=previous.version if previous is not None else None, page_size=page_size,
    )  # fmt: skip
    write_files(folder, files)
    return Exported(folder, tuple(files), tuple(check_schedule(problem, schedule).violations))


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write each file under ``folder``, creating sub-folders; a path leaving it is refused."""
    for relative in files:
        parts = PurePosixPath(relative).parts
        if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
            raise ExportError(f"{relative}: an output path must stay inside the output folder")
    try:
        for relative, content in files.items():
            target = folder.joinpath(*PurePosixPath(relative).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    except OSError as error:
        raise ExportError(f"{error.filename}: cannot write ({error.strerror})") from None
