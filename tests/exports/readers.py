"""Independent readers of the calendars: libical (strict) and vobject.

Neither is the code that wrote the calendars. libical runs in Debian's own
Python (``/usr/bin/python3`` with python3-gi and gir1.2-ical-3.0) through
``libical_check.py``; vobject is a PyPI package in the dev extra.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import vobject

SYSTEM_PYTHON = "/usr/bin/python3"
CHECKER = Path(__file__).with_name("libical_check.py")


def libical_reports(folder: Path, calendars: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    """Write each calendar under ``folder`` and check them all in one libical run, by name."""
    paths = {}
    for name, content in calendars.items():
        path = folder / name.replace("/", "__")
        path.write_bytes(content)
        paths[str(path)] = name
    result = subprocess.run(
        [SYSTEM_PYTHON, str(CHECKER), *paths], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, f"libical_check.py failed:\n{result.stderr}"
    return {paths[report["path"]]: report for report in json.loads(result.stdout)}


def vobject_calendar(content: bytes) -> Any:
    """Parse one calendar with vobject (strict about line syntax: no ignoring of bad lines)."""
    return vobject.readOne(content.decode("utf-8"), ignoreUnreadable=False)


def vobject_events(content: bytes) -> list[Any]:
    calendar = vobject_calendar(content)
    return list(getattr(calendar, "vevent_list", []))
