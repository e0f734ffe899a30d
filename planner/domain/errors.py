"""The one error hierarchy of Huiwu.

Interfaces (command line, browser app, feed server) catch ``HuiwuError`` only
and show its message; any other exception is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence


class HuiwuError(ValueError):
    """Base of every error a user can cause and fix."""


class InvalidInput(HuiwuError):
    """Raised when input breaks a rule; ``problems`` holds one line per problem, each naming the
    item and the field, and the command line exits 2 with them."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))

    def __reduce__(self) -> tuple[type[InvalidInput], tuple[tuple[str, ...]]]:
        """Pickled with its lines (the solver's process sends errors to the app)."""
        return type(self), (self.problems,)


class InvalidEvent(InvalidInput):
    """Raised when an event (file, workbook or edit) breaks a rule of the model.

    ``problems`` holds one line per problem, each naming the item and the
    field (``sessions[4].speakers[0]: no speaker 'li-wei'``). Fix every line
    and load the event again.
    """


class InvalidOptions(InvalidInput):
    """Raised when the options of a solve (time limit, workers, seed) are out of range.

    ``problems`` holds one line per option, naming it and the range it must be in
    (``workers: must be a whole number from 1 to 64 (got 0)``).
    """


class InfeasibleProblem(HuiwuError):
    """Raised when no schedule keeps every hard rule.

    ``reasons`` are sentences in the user's words that name the people,
    rooms and dates involved. Relax one of them (more availability, another
    room, fewer occurrences) and solve again.
    """

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons: tuple[str, ...] = tuple(reasons)
        super().__init__("\n".join(self.reasons))

    def __reduce__(self) -> tuple[type[InfeasibleProblem], tuple[tuple[str, ...]]]:
        """Pickled with its sentences (the solver's process sends errors to the app)."""
        return type(self), (self.reasons,)


class InvalidSchedule(HuiwuError):
    """Raised when a schedule file cannot be read or does not fit its event."""


class ExportError(HuiwuError):
    """Raised when an output cannot be produced (a missing font, say)."""


class StorageError(HuiwuError):
    """Raised when the database cannot store or find a plan."""


class ConflictError(StorageError):
    """Raised when a save started from a revision someone else has replaced.

    Reload the plan, apply the edit again and save.
    """


class NotBuiltYet(HuiwuError):
    """Raised by commands whose feature has not been built yet."""
