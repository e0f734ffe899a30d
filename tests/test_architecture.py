"""The one-way import rule (DESIGN.md), checked on every test run."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(package: str) -> dict[str, set[str]]:
    """Top-level and dotted names each module of a package imports, by file."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path} imports {name}"
        for path, names in imported_modules(package).items()
        for name in sorted(names)
        if name.split(".")[0] in forbidden or name in forbidden
    ]


def test_planner_imports_no_solver_ortools_streamlit_or_ui() -> None:
    assert offenders("planner", ("solver", "ortools", "streamlit", "ui")) == []


def test_domain_imports_only_stdlib_and_pydantic() -> None:
    allowed = set(sys.stdlib_module_names) | {"pydantic", "planner"}
    bad = [
        f"{path} imports {name}"
        for path, names in imported_modules("planner/domain").items()
        for name in sorted(names)
        if name.split(".")[0] not in allowed
        or (name.startswith("planner.") and not name.startswith("planner.domain"))
    ]
    assert bad == []


def test_import_linter_contracts_are_kept() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
