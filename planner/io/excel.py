"""Events as Excel workbooks, the way office staff pass lists around.

``problem_to_workbook`` writes one sheet per kind of thing (layout in
``excel_layout``), ``problem_from_workbook`` reads it back through the same
validation as YAML and JSON and reports each problem at its cell
(``Speakers!C7: must not be empty``). The bytes depend on the event only:
document dates come from the event's first date, zip entries carry a fixed
time stamp.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.writer.excel import ExcelWriter

from planner.domain.errors import ExportError, InvalidEvent
from planner.domain.model import RECORDS, Event, Problem, Session
from planner.io.excel_layout import (
    EVENT,
    EVENT_HEADER,
    GROUPS,
    KINDS,
    MEMBERS,
    PERIODS,
    PINS,
    ROOMS,
    RULES_HEADER,
    SESSIONS,
    SETTINGS,
    SPEAKERS,
    WEIGHTS,
    CellKind,
    Column,
    Sheet,
)
from planner.io.excel_read import WorkbookReader
from planner.io.files import problem_from_data
from planner.io.rule_text import format_rules, reads_as_other_word
from planner.io.wording import Wording

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_SEPARATORS = re.compile(r"[,，、;；\n]")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_LEFT = Alignment(horizontal="left")
Row = dict[str, Any]


def problem_from_workbook(content: bytes) -> Problem:
    """Read and validate an event workbook; ``InvalidEvent`` names each bad cell."""
    with warnings.catch_warnings():  # openpyxl warns of cells it cannot read: the problems name them
        warnings.simplefilter("ignore", UserWarning)
        try:
            book = load_workbook(io.BytesIO(content), data_only=True)
        except Exception as error:  # openpyxl and zipfile raise many kinds for bytes that are no workbook
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise InvalidEvent([f"file: not an Excel workbook (.xlsx): {reason[:120]}"]) from None
        unsaved = _unsaved_formulas(content, book)
    reader = WorkbookReader(book)
    data = reader.data()
    cells = reader.cells
    said = [f"{ref}: holds a formula ({formula}) {UNSAVED}" for ref, formula in unsaved.items()]
    said += cells.problems  # what a cell holds; such a cell is not named again as empty
    try:
        problem = problem_from_data(data)
    except InvalidEvent as error:
        located = [cells.locate(line) for line in error.problems]
        refs = {line.partition(": ")[0] for line in said}
        lines = [
            *said,
            *(line for line in located if line is not None and line.partition(": ")[0] not in refs),
        ]
        raise InvalidEvent(list(dict.fromkeys(lines))) from None
    if said:
        raise InvalidEvent(said)
    return problem


UNSAVED = "whose result was never saved: open and save the workbook in Excel or WPS, or type the value"


def _unsaved_formulas(content: bytes, book: Any) -> dict[str, str]:
    """Cells (``Rooms!C2``) holding a formula whose result the file does not keep, with the formula.
    Excel and WPS save each formula's result with it; a workbook written by a program may not, and
    read for its values such a cell is empty: its value would be lost without a word."""
    formulas = load_workbook(io.BytesIO(content), read_only=True)
    found = {}
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and book[sheet.title][cell.coordinate].value is None:
                    found[f"{sheet.title}!{cell.coordinate}"] = str(cell.value)
    return found


def problem_to_workbook(problem: Problem) -> bytes:
    """The event as a workbook; ``ExportError`` when a value cannot be written to a cell unchanged.

    A Chinese event's workbook names speakers, groups, rooms and periods by name where the name
    reads back as that one thing (张立军, 一班, 大礼堂, 上午第一节), weekdays in Chinese and rules
    in their Chinese text, as office staff write them; ``problem_from_workbook`` reads either.
    """
    check_writable(problem)
    book = Workbook()
    book.remove(book.active)
    event = problem.event
    shown = Wording.of(problem, event.language)
    header = [(c.header, getattr(event, c.key), c.kind, "") for c in EVENT.columns]
    header = [(h, shown.each(v, shown.weekdays) if k == "weekdays" else v, k, a) for h, v, k, a in header]
    _pairs(book, EVENT.name, EVENT_HEADER, header)
    _items(book, PERIODS, [p.model_dump() for p in event.periods])
    _items(book, ROOMS, [_with_rules(dict(r), shown) for r in problem.rooms])
    _items(
        book, SPEAKERS, [_with_rules({**dict(s), **s.limits.model_dump()}, shown) for s in problem.speakers]
    )
    _items(book, GROUPS, [_with_rules(dict(g), shown) for g in problem.groups])
    members = [
        _with_rules({"group": shown.groups.get(g.id, g.id), **dict(m)}, shown)
        for g in problem.groups
        for m in g.members
    ]
    _items(book, MEMBERS, members)
    _items(book, SESSIONS, [_session_row(s, shown) for s in problem.sessions])
    pins = [{"session": s.id, **_pin(p.model_dump(), shown)} for s in problem.sessions for p in s.pinned]
    _items(book, PINS, pins)
    _pairs(book, "Rules", RULES_HEADER, _settings_rows(problem))
    return _save(book, event)


def _with_rules(row: Row, shown: Wording) -> Row:
    """``row`` with its availability (and a member's records) rules as text, in the event's language."""
    for key in ("unavailable", "preferred", "undesired", *RECORDS):
        if row.get(key):
            row[key] = shown.rules(row[key])
    return row


def _pin(pin: Row, shown: Wording) -> Row:
    pin["period"] = shown.periods.get(pin.get("period") or "", pin.get("period"))
    pin["room"] = shown.rooms.get(pin.get("room") or "", pin.get("room"))
    return pin


def _session_row(session: Session, shown: Wording) -> Row:
    row = _with_rules(dict(session), shown)
    row["speakers"] = shown.each(session.speakers, shown.speakers)
    row["groups"] = shown.each(session.groups, shown.groups)
    row["weekdays"] = session.weekdays and shown.each(session.weekdays, shown.weekdays)
    if shown.language == "zh":  # 讲座, 研讨, 仪式 ...: the first Chinese word the reader takes for the kind
        row["kind"] = next(word for word, kind in KINDS.items() if kind == session.kind.value)
    if session.periods is not None:
        row["periods"] = shown.each(session.periods, shown.periods)
    if session.candidates is not None:
        row["candidates"] = shown.each(session.candidates.from_, shown.speakers)
        row["pick"] = session.candidates.pick
    return row


def _settings_rows(problem: Problem) -> list[tuple[str, Any, CellKind, str]]:
    rules = problem.rules
    rows: list[tuple[str, Any, CellKind, str]] = [
        (key, getattr(rules, key), "text" if key == "capacity" else "int", about) for key, about in SETTINGS
    ]
    rows += [(f"weights.{key}", getattr(rules.weights, key), "int", about) for key, about in WEIGHTS]
    return rows


def _pairs(
    book: Any, name: str, header: Iterable[Column], rows: list[tuple[str, Any, CellKind, str]]
) -> None:
    """A field/value sheet (Event, Rules)."""
    sheet = book.create_sheet(name)
    _header(sheet, header)
    for number, (label, value, kind, about) in enumerate(rows, start=2):
        sheet.cell(number, 1, label)
        _put(sheet.cell(number, 2), value, kind, f"{name}!B{number}")
        if about:
            sheet.cell(number, 3, about)
    _fit_widths(sheet)


def _items(book: Any, layout: Sheet, rows: list[Row]) -> None:
    """An item sheet: header, then one row per item."""
    sheet = book.create_sheet(layout.name)
    _header(sheet, layout.columns)
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(layout.columns, start=1):
            _put(sheet.cell(number, index), row.get(column.key), column.kind, f"{layout.name}!{number}")
    _fit_widths(sheet)


def _header(sheet: Any, columns: Iterable[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(1, index, column.header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    sheet.freeze_panes = "A2"


def _put(cell: Any, value: Any, kind: CellKind, where: str) -> None:
    """Write a value in the form ``excel_cells.read_cell`` reads back."""
    if value is None or value == () or (kind == "bool" and value is False):
        return
    if kind == "rules" and not isinstance(value, str):
        value = format_rules(value)
    elif kind in ("list", "dates", "weekdays"):
        value = ", ".join(v.isoformat() if isinstance(v, dt.date) else str(v) for v in value)
    elif kind == "kind":
        value = str(value)  # a Kind (a StrEnum: its value) or the Chinese word a Chinese event writes
    try:
        cell.value = value
    except ValueError as error:  # openpyxl refuses control characters
        raise ExportError(f"{where}: {error}") from None
    if isinstance(value, str):
        cell.data_type = "s"  # text that starts with '=' stays text, not a formula
    elif kind in ("date", "time"):
        cell.number_format = "yyyy-mm-dd" if kind == "date" else "hh:mm"
        cell.alignment = _LEFT


def _fit_widths(sheet: Any) -> None:
    """Column widths from the longest text (CJK characters count double), between 8 and 48."""
    for column in sheet.iter_cols():
        longest = max((_width(cell.value) for cell in column), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(longest + 2, 8), 48)


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def _save(book: Any, event: Event) -> bytes:
    """Workbook bytes that depend on the content only."""
    stamp = dt.datetime.combine(event.start, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = "Huiwu"
    book.properties.title = event.title
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


def check_writable(problem: Problem) -> None:
    """Refuse values a workbook would change: list items holding a separator, periods that read as words."""
    lines = []
    for index, period in enumerate(problem.event.periods):
        if reads_as_other_word(period.id):
            lines.append(
                f"event.periods[{index}].id: '{period.id}' reads as a date, weekday or week in a rule"
            )
    for where, items in _list_cells(problem):
        lines += [
            f"{where}: '{item}' holds a list separator (, ; 、)" for item in items if _SEPARATORS.search(item)
        ]
    if lines:
        raise ExportError("cannot write the workbook:\n" + "\n".join(lines))


def _list_cells(problem: Problem) -> Iterable[tuple[str, tuple[str, ...]]]:
    yield "event.hosts", problem.event.hosts
    for i, room in enumerate(problem.rooms):
        yield f"rooms[{i}].features", room.features
    for i, session in enumerate(problem.sessions):
        for name in ("speakers", "groups", "features", "after"):
            yield f"sessions[{i}].{name}", getattr(session, name)
        yield f"sessions[{i}].periods", session.periods or ()
        if session.candidates is not None:
            yield f"sessions[{i}].candidates.from", session.candidates.from_
