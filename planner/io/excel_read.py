"""Reading an event workbook (layout in ``excel_layout``) into event-file data.

The reader turns each sheet into the mappings and lists of an event file and
remembers which cell each value came from, so that every problem found by
validation is reported at its cell: ``Speakers!C7: must not be empty``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from planner.domain.messages import Location, format_location, parse_location
from planner.io.excel_cells import as_text, read_cell
from planner.io.excel_layout import (
    EVENT,
    GROUPS,
    ITEM_SHEETS,
    MEMBERS,
    PERIODS,
    PINS,
    ROOMS,
    SESSIONS,
    SETTINGS,
    SPEAKERS,
    WEIGHTS,
    Column,
    Sheet,
)
from planner.io.rule_text import words_for

REQUIRED = ("Event", "Periods", "Rooms")
IGNORED = ("notes", "readme", "说明", "备注")
Row = dict[str, Any]


@dataclass
class Cells:
    """Where each value came from: locations of the event file -> cell references."""

    refs: dict[Location, str] = field(default_factory=dict)
    fields: set[Location] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)

    def put(self, loc: Location, ref: str, *, is_field: bool = False) -> None:
        self.refs[loc] = ref
        if is_field:
            self.fields.add(loc)

    def locate(self, line: str) -> str | None:
        """A validation line with its location replaced by the cell it came from.

        ``None`` for lines about a missing sheet: "no sheet" already says it.
        """
        loc, text = parse_location(line)
        for size in range(len(loc), 0, -1):
            ref = self.refs.get(loc[:size])
            if ref is None:
                continue
            if ref.partition("!")[0] in self.missing:
                return None
            rest = format_location([part for part in loc[size:] if isinstance(part, str)])
            if loc[:size] in self.fields or not rest:
                return f"{ref}: {text}"
            return f"{ref}: {rest}: {text}"
        return line


class WorkbookReader:
    """Reads one openpyxl workbook; ``data()`` gives event-file data, ``cells`` the cell of each value."""

    def __init__(self, book: Any) -> None:
        self.cells = Cells()
        self.sheets = self._find_sheets(book)
        self.periods: dict[str, str] | None = None

    def _find_sheets(self, book: Any) -> dict[str, Any]:
        known = {sheet.name.lower(): sheet.name for sheet in (EVENT, *ITEM_SHEETS)}
        known |= {sheet.label: sheet.name for sheet in (EVENT, *ITEM_SHEETS)}
        known |= {"rules": "Rules", "规则": "Rules", "权重": "Rules"}
        found: dict[str, Any] = {}
        unknown: list[str] = []
        for sheet in book.worksheets:
            name = known.get(sheet.title.strip().lower()) or known.get(sheet.title.strip())
            if name is not None and name not in found:
                found[name] = sheet
            elif sheet.title.strip().lower() not in IGNORED:
                unknown.append(sheet.title)
        names = ", ".join(s.name for s in (EVENT, *ITEM_SHEETS)) + ", Rules"
        if not found:  # not an event's workbook at all: one line, not one per sheet and per missing one
            self.cells.problems.append(
                f"workbook: none of an event's sheets ({names}): a schedule exported by huiwu export "
                "(schedule.xlsx) or another workbook? Give the event's own workbook"
            )
            self.cells.missing = set(REQUIRED)
            return found
        self.cells.problems += [
            f"{title}: unknown sheet (the sheets are {names}, Notes)" for title in unknown
        ]
        missing = [name for name in REQUIRED if name not in found]
        self.cells.problems += [f"workbook: no sheet '{name}'" for name in missing]
        self.cells.missing = set(missing)
        return found

    def data(self) -> dict[str, Any]:
        periods = self._rows(PERIODS)
        if "Periods" in self.sheets:
            named = [
                (as_text(row["id"][1]) or "", as_text(row.get("name", ("", None))[1]))
                for _, row in periods
                if "id" in row
            ]
            self.periods = words_for(named)  # rules may name periods by id or by name
        event = self._event()
        event["periods"] = self._items(PERIODS, ("event", "periods"), periods)
        data: dict[str, Any] = {"event": event}
        for sheet, kind in (
            (ROOMS, "rooms"),
            (SPEAKERS, "speakers"),
            (GROUPS, "groups"),
            (SESSIONS, "sessions"),
        ):
            data[kind] = self._items(sheet, (kind,), self._rows(sheet))
        self._limits(data["speakers"])
        self._by_name(data)
        self._candidates(data["sessions"])
        self._attach(data["groups"], MEMBERS, "group", "members")
        self._attach(data["sessions"], PINS, "session", "pinned")
        self._pins_by_name(data)
        rules = self._rules()
        if rules:
            data["rules"] = rules
        return data

    def _event(self) -> Row:
        """The field/value rows of the Event sheet."""
        self.cells.put(("event",), "Event!A1")
        values: Row = {}
        for number, key, value in self._pairs("Event", {c.key: c for c in EVENT.columns}):
            column = next(c for c in EVENT.columns if c.key == key)
            self._set(values, ("event", key), f"Event!B{number}", value, column)
        return values

    def _pairs(self, name: str, known: dict[str, Any]) -> Iterator[tuple[int, str, Any]]:
        """(row, key, value) of a field/value sheet; unknown field names, and a field's second row
        (whose value would have replaced the first's without a word), are reported."""
        sheet = self.sheets.get(name)
        if sheet is None:
            return
        first: dict[str, int] = {}
        for number, row in enumerate(sheet.iter_rows(min_row=2, max_col=2, values_only=True), start=2):
            label, value = (*row, None, None)[:2]
            text = as_text(label)
            if text is None:
                continue
            key = _match(text, known)
            if key is None:
                self.cells.problems.append(f"{name}!A{number}: unknown field '{text}'")
            elif key in first:
                twice = f"second row for '{text}' (first on row {first[key]})"
                self.cells.problems.append(f"{name}!A{number}: {twice}")
            else:
                first[key] = number
                yield number, key, value

    def _rows(self, sheet: Sheet) -> list[tuple[int, dict[str, tuple[str, Any]]]]:
        """The non-blank rows of an item sheet: row number -> {key: (cell, value)}, blank cells too."""
        found = self.sheets.get(sheet.name)
        if found is None:
            return []
        rows = found.iter_rows(values_only=True)
        header = next(rows, ())
        columns = self._columns(sheet, header)
        result = []
        for number, values in enumerate(rows, start=2):
            cells = (*values, *([None] * (len(columns) - len(values))))
            row = {
                col.key: (f"{sheet.name}!{letter}{number}", value)
                for (letter, col), value in zip(columns, cells, strict=False)
                if col is not None
            }
            if any(as_text(value) is not None for _, value in row.values()):
                result.append((number, row))
        return result

    def _columns(self, sheet: Sheet, header: tuple[Any, ...]) -> list[tuple[str, Column | None]]:
        known = {c.key: c for c in sheet.columns}
        columns: list[tuple[str, Column | None]] = []
        seen: set[str] = set()
        for index, cell in enumerate(header):
            letter, text = column_letter(index), as_text(cell)
            key = _match(text, known) if text is not None else None
            if text is not None and (key is None or key in seen):
                why = "unknown column" if key is None else "second column for"
                self.cells.problems.append(f"{sheet.name}!{letter}1: {why} '{text}'")
                key = None
            seen.add(key or "")
            columns.append((letter, known[key] if key else None))
        return columns

    def _items(self, sheet: Sheet, where: Location, rows: list[tuple[int, Any]]) -> list[Row]:
        self.cells.put(where, f"{sheet.name}!A1")
        items = []
        columns = {c.key: c for c in sheet.columns}
        for index, (number, row) in enumerate(rows):
            item: Row = {}
            self.cells.put((*where, index), f"{sheet.name}!A{number}")
            for key, (ref, value) in row.items():
                self._set(item, (*where, index, key), ref, value, columns[key])
            items.append(item)
        return items

    def _set(self, item: Row, loc: Location, ref: str, value: Any, column: Column) -> None:
        """Read one cell into ``item[column.key]``; an unreadable cell is reported and left out."""
        self.cells.put(loc, ref, is_field=True)
        try:
            converted = read_cell(value, column.kind, self.periods)
        except ValueError as error:
            self.cells.problems.append(f"{ref}: {error}")
            return
        if converted is not None:
            item[column.key] = converted

    def _limits(self, speakers: list[Row]) -> None:
        for index, speaker in enumerate(speakers):
            limits = {key: speaker.pop(key) for key in ("per_day", "per_week") if key in speaker}
            for key in ("per_day", "per_week"):
                ref = self.cells.refs.get(("speakers", index, key))
                if ref is not None:
                    self.cells.put(("speakers", index, "limits", key), ref, is_field=True)
            if limits:
                speaker["limits"] = limits

    def _by_name(self, data: dict[str, Any]) -> None:
        """Sessions may name their speakers, groups and periods by name (张立军, 一班, 上午第一节)
        as well as by id."""
        for kind, fields in (("speakers", ("speakers", "candidates")), ("groups", ("groups",))):
            words = _words(data[kind])
            for session in data["sessions"]:
                for name in fields:
                    if isinstance(session.get(name), list):
                        session[name] = [words.get(item, item) for item in session[name]]
        for session in data["sessions"]:
            if isinstance(session.get("periods"), list):
                session["periods"] = [(self.periods or {}).get(p, p) for p in session["periods"]]

    def _pins_by_name(self, data: dict[str, Any]) -> None:
        """Pins may name their period and room by name (上午第一节, 大礼堂) as well as by id."""
        rooms = _words(data["rooms"])
        for session in data["sessions"]:
            for pin in session.get("pinned", []):
                if isinstance(pin.get("room"), str):
                    pin["room"] = rooms.get(pin["room"], pin["room"])
                if isinstance(pin.get("period"), str):
                    pin["period"] = (self.periods or {}).get(pin["period"], pin["period"])

    def _candidates(self, sessions: list[Row]) -> None:
        for index, session in enumerate(sessions):
            where = ("sessions", index, "candidates")
            pool, pick = session.pop("candidates", None), session.pop("pick", None)
            if pool is not None:
                session["candidates"] = {"from": pool} if pick is None else {"from": pool, "pick": pick}
                self.cells.put((*where, "from"), self.cells.refs[where], is_field=True)
            if ("sessions", index, "pick") in self.cells.refs:
                self.cells.put((*where, "pick"), self.cells.refs[("sessions", index, "pick")], is_field=True)
                if pool is None and pick is not None:
                    self.cells.problems.append(f"{self.cells.refs[(*where, 'pick')]}: pick needs candidates")

    def _attach(self, owners: list[Row], sheet: Sheet, owner_key: str, field_name: str) -> None:
        """Rows of Members / Pins go to their group / session, named in the first column (a group
        by id or by name: ``一班``)."""
        kind = "groups" if sheet is MEMBERS else "sessions"
        index_of: dict[str, int] = {}
        for position, owner in enumerate(owners):
            index_of.setdefault(str(owner.get("id")), position)
        if kind == "groups":
            named = _words(owners)
            index_of |= {word: index_of[group_id] for word, group_id in named.items() if word not in index_of}
        for number, row in self._rows(sheet):
            ref, value = row.pop(owner_key, (f"{sheet.name}!A{number}", None))
            owner_id = as_text(value)
            found = index_of.get(owner_id or "")
            if found is None:
                what = "group" if kind == "groups" else "session"
                self.cells.problems.append(f"{ref}: no {what} '{owner_id or ''}'")
                continue
            children = owners[found].setdefault(field_name, [])
            self.cells.put((kind, found, field_name), f"{sheet.name}!A1")
            where = (kind, found, field_name, len(children))
            self.cells.put(where, f"{sheet.name}!A{number}")
            child: Row = {}
            columns = {c.key: c for c in sheet.columns}
            for key, (cell, cell_value) in row.items():
                self._set(child, (*where, key), cell, cell_value, columns[key])
            children.append(child)

    def _rules(self) -> Row:
        """The Rules sheet: ``capacity``, ``travel_minutes`` and ``weights.<rule>`` rows."""
        keys = [key for key, _ in SETTINGS] + [f"weights.{key}" for key, _ in WEIGHTS]
        known = {key: key for key in keys} | {
            key: f"weights.{key}" for key, _ in WEIGHTS if key != "capacity"
        }
        self.cells.put(("rules",), "Rules!A1")
        rules: Row = {}
        for number, key, value in self._pairs("Rules", known):
            full = known[key]
            is_weight = full.startswith("weights.")
            target = rules.setdefault("weights", {}) if is_weight else rules
            name = full.removeprefix("weights.")
            loc: Location = ("rules", "weights", name) if is_weight else ("rules", name)
            column = Column(name, "", "text" if full == "capacity" else "int")
            self._set(target, loc, f"Rules!B{number}", value, column)
        return rules


def _match(text: str, known: dict[str, Any]) -> str | None:
    """The key a header names: its English key or Chinese label among its words, or the whole text."""
    if text in known:
        return text
    labels = {getattr(value, "label", None): key for key, value in known.items()}
    for word in reversed(text.split()):
        if word.lower() in known:
            return word.lower()
        if word in labels:
            return labels[word]
    return None


def column_letter(index: int) -> str:
    """0 -> ``A``, 26 -> ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _words(things: list[Row]) -> dict[str, str]:
    """``rule_text.words_for`` of item rows as read (ids and names not checked yet)."""
    return words_for([(t["id"], as_text(t.get("name"))) for t in things if isinstance(t.get("id"), str)])
