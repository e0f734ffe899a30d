"""Reading and writing event files: YAML (canonical), JSON and Excel, one model.

Every reader ends in ``problem_from_data``, which validates the structure with
the pydantic models and then the meaning with ``planner.domain.validation``,
and raises ``InvalidEvent`` with every problem at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from planner.domain.errors import HuiwuError, InvalidEvent
from planner.domain.model import Problem
from planner.domain.validation import validate_problem

SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, but a date that does not exist (``2026-06-31``) stays text, so the
    field's own check names it (``event.holidays[0]: ...``) instead of the whole file failing; and
    a key written twice in one mapping is refused (YAML keeps the last without a word: a second
    ``sessions:`` appended to a file dropped every session of the first)."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[str, yaml.Mark] = {}
        for key, _ in node.value:  # the mapping's own keys: a merge (<<) may be overridden
            if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                continue
            if key.value in first:
                line = first[key.value].line + 1
                problem = f"'{key.value}' appears twice in one mapping (first on line {line}): {REPEATED}"
                raise yaml.constructor.ConstructorError(None, None, problem, key.start_mark)
            first[key.value] = key.start_mark
        return super().construct_mapping(node, deep)


REPEATED = "keep one, or merge the two"


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def read_problem(path: Path) -> Problem:
    """Load and validate an event file of any supported kind."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidEvent([f"{path.name}: unknown kind of file (expected {', '.join(SUFFIXES)})"])
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InvalidEvent([f"{path}: cannot read the file ({error.strerror})"]) from None
    if suffix == ".xlsx":
        from planner.io.excel import problem_from_workbook

        return problem_from_workbook(content)
    return problem_from_data(parse_text(content, json_only=suffix == ".json"))


def not_utf8(content: bytes, at: int) -> str:
    """Where a file stops being UTF-8, and how to mend it: an editor on a Chinese Windows may have
    saved it as GBK (decoding it as GBK instead could turn another encoding's letters into Chinese
    characters without a word, so the file is refused)."""
    line = content.count(b"\n", 0, at) + 1
    try:
        content.decode("gbk")
        perhaps = " (perhaps GBK, as older Chinese Windows programs save)"
    except UnicodeDecodeError:
        perhaps = ""
    return f"line {line}: the file is not UTF-8 text{perhaps}: save it again as UTF-8"


TOO_DEEP = "lists or mappings nested too deeply (no event or schedule nests so)"


def parse_text(content: bytes, *, json_only: bool = False) -> Any:
    """Parse YAML (a superset of JSON) or JSON text; malformed text is reported with its line."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidEvent([not_utf8(content, error.start)]) from None
    if json_only:
        return parse_json(text)
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader: no Python objects
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"line {mark.line + 1}" if mark is not None else "file"
        raise InvalidEvent([f"{line}: malformed YAML: {error.problem or error.context}"]) from None
    except yaml.YAMLError as error:
        raise InvalidEvent([f"file: malformed YAML: {error}"]) from None
    except RecursionError:
        raise InvalidEvent([f"file: malformed YAML: {TOO_DEEP}"]) from None
    except (ValueError, OverflowError) as error:
        raise InvalidEvent([f"file: malformed YAML: {error}"]) from None


def parse_json(text: str) -> Any:
    """JSON text (an event or a schedule); malformed text, or a key written twice in one object,
    is ``InvalidEvent`` with one line, ``line N: ...`` or ``file: ...``."""
    try:
        return json.loads(text, object_pairs_hook=_once_each)
    except json.JSONDecodeError as error:
        raise InvalidEvent([f"line {error.lineno}: malformed JSON: {error.msg}"]) from None
    except RecursionError:
        raise InvalidEvent([f"file: malformed JSON: {TOO_DEEP}"]) from None


def _once_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when it names a key twice (``json`` keeps the last without a word)."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise InvalidEvent([f"file: malformed JSON: '{key}' appears twice in one object: {REPEATED}"])
        found[key] = value
    return found


def problem_from_data(data: Any) -> Problem:
    """Validate parsed data (mappings and lists) into a ``Problem``: every reader ends here.

    Each part is validated on its own and the checks of meaning run on what
    validated, so one ``InvalidEvent`` lists every problem of the file.
    """
    if isinstance(data, dict) and "assignments" in data and not isinstance(data.get("event"), dict):
        raise InvalidEvent(["file: a schedule (schedule.json), not an event: give the event's own file here"])
    return validate_problem(data)


def problem_to_data(problem: Problem) -> dict[str, Any]:
    """Plain data for YAML/JSON: aliases (``from``), defaults left out, dates as ISO text."""
    data: dict[str, Any] = problem.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


def dump_yaml(problem: Problem) -> str:
    return yaml.safe_dump(problem_to_data(problem), allow_unicode=True, sort_keys=False, width=100)


def dump_json(problem: Problem) -> str:
    return json.dumps(problem_to_data(problem), ensure_ascii=False, indent=2) + "\n"


def write_problem(problem: Problem, path: Path) -> None:
    """Write an event file; the kind follows the suffix. A folder that is missing or not writable
    raises ``HuiwuError`` naming the file."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        content = dump_yaml(problem).encode("utf-8")
    elif suffix == ".json":
        content = dump_json(problem).encode("utf-8")
    elif suffix == ".xlsx":
        from planner.io.excel import problem_to_workbook

        content = problem_to_workbook(problem)
    else:
        raise InvalidEvent([f"{path.name}: unknown kind of file (expected {', '.join(SUFFIXES)})"])
    save_file(path, content)


def save_file(path: Path, content: bytes, *, make_folder: bool = False) -> None:
    """Write ``content`` to ``path`` (its folder made first when ``make_folder``); a folder that is
    missing or cannot be written raises ``HuiwuError`` naming the file, never an ``OSError``.

    The file is replaced whole or not at all: written beside it under another name, flushed to
    disk, then renamed over it. A full disk or a process stopped halfway leaves the file that was
    there (an event edited in Excel, the last schedule) as it was, never a truncated one."""
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        _replace_whole(path.resolve(), content)
    except OSError as error:
        raise HuiwuError(f"{path}: cannot write the file ({error.strerror})") from None


def writable_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) and check that files can be written in it, before work
    whose result goes there: a long solve must not end in a folder it cannot write. Raises
    ``HuiwuError`` naming the folder."""
    if folder.exists() and not folder.is_dir():
        raise HuiwuError(f"{folder}: is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise HuiwuError(f"{folder}: cannot write in this folder ({error.strerror})") from None


@contextlib.contextmanager
def output_folder(folder: Path) -> Iterator[Path]:
    """``writable_folder`` for the work inside the block; when that work fails, the folders made
    for it that are still empty are removed again, so that a solve with no schedule (an infeasible
    event, a stopped run) leaves no empty folder behind. A folder that was there stays."""
    made = [path for path in (folder, *folder.parents) if not path.exists()]  # the deepest first
    writable_folder(folder)
    try:
        yield folder
    except BaseException:
        for path in made:
            try:
                path.rmdir()  # only when empty
            except OSError:
                break  # not empty: nor are the folders above it
        raise


def _replace_whole(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_UMASK
        os.chmod(temporary, mode)  # mkstemp's file is private (0600); keep the file's own or the usual
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


_UMASK = os.umask(0)
os.umask(_UMASK)  # read once, at import: setting it back and forth later would race other threads
