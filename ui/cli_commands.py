"""Attach the commands that live in their own modules (``ui/cli_<area>.py``).

Each module defines ``register(app)``. A command that no module provides yet
says "not built yet" and exits non-zero: never a fake success.
"""

from __future__ import annotations

import importlib
import importlib.util

import typer

MODULES = ("ui.cli_generate", "ui.cli_solve", "ui.cli_export", "ui.cli_ctt", "ui.cli_store")
PLANNED = ("generate", "solve", "check", "export", "publish", "versions", "diff", "serve", "ctt")


def register(app: typer.Typer) -> None:
    for name in MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(app)
    present = {command.name for command in app.registered_commands}
    present |= {group.name for group in app.registered_groups}
    for name in PLANNED:
        if name not in present:
            _stub(app, name)


def _stub(app: typer.Typer, name: str) -> None:
    from ui.cli import not_built

    def command(args: list[str] | None = typer.Argument(None)) -> None:
        raise not_built(name)

    command.__doc__ = f"(not built yet) huiwu {name}"
    app.command(name, context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(command)
