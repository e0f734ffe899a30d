"""``schedule.xlsx``: the schedule as office staff forward and print it.

Four sheets list every occurrence sorted by day, by room, by speaker and by
group (an occurrence with two speakers appears once under each); a fifth, when
members have leave (请假), lists each member and occurrence the leave excuses; a sixth, once an
occurrence of a group with members has ended, each member's attendance to date (出勤统计, from
their leave, absences and late arrivals: ``planner.exports.attendance``). Headers in
the event's language, the header row frozen and repeated on every printed
page, an auto-filter, column widths fitted to the text (Han characters count
double), landscape pages fitted to the paper's width.

Deterministic: the document's created/modified times are ``generated_at`` and
every zip member carries that time too (openpyxl would stamp the clock).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from planner.domain.errors import ExportError
from planner.exports.attendance import completion, conditions, has_conditions, tally
from planner.exports.labels import Labels, for_event
from planner.exports.layout import Entry, Layout

Row = list[object]
_PAPER = {"A4": Worksheet.PAPERSIZE_A4, "letter": Worksheet.PAPERSIZE_LETTER}
_EN_SHEETS = ("By day", "By room", "By speaker", "By group")
_WEEKDAY = {"zh": "星期", "en": "Weekday"}
_DATE_FORMAT = {"zh": "yyyy年m月d日", "en": "yyyy-mm-dd"}
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_HEADER_FONT = Font(bold=True)
_HEADER_ALIGNMENT = Alignment(vertical="center")
_BODY_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
_WIDEST = 48


def workbook(layout: Layout, *, generated_at: dt.datetime, page_size: str = "A4") -> bytes:
    """The workbook as bytes; the same layout and ``generated_at`` give the same bytes."""
    if generated_at.utcoffset() is None:
        raise ExportError("generated_at: needs a time zone (an offset such as +08:00 or Z)")
    if page_size not in _PAPER:
        raise ExportError(f"page_size: '{page_size}' is not A4 or letter")
    language = "zh" if layout.problem.event.language == "zh" else "en"
    words = for_event(layout.problem)
    book = Workbook()
    book.remove(book.active)
    names = (  # a Chinese workbook's sheets name rooms, speakers and groups as its agendas do
        _EN_SHEETS
        if language == "en"
        else ("按日期", *(f"按{w}" for w in (words.rooms, words.speakers, words.groups)))
    )
    tables = _tables(layout, words)
    leave = _leave_table(layout, words)
    if leave[1]:
        names, tables = (*names, words.on_leave), [*tables, leave]
    tallies = _tally_table(layout, words, generated_at)
    if tallies[1]:
        names, tables = (*names, words.tally), [*tables, tallies]
    for name, (header, rows) in zip(names, tables, strict=True):
        sheet = book.create_sheet(name)
        _fill(sheet, header, rows, language)
        _print_setup(sheet, layout, words, page_size)
    if tallies[1]:
        for (cell,) in book[words.tally].iter_rows(min_row=2, min_col=RATE_COLUMN, max_col=RATE_COLUMN):
            cell.number_format = "0.0%"
    moment = generated_at.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    book.properties.created = book.properties.modified = moment
    book.properties.creator = book.properties.lastModifiedBy = "Huiwu"
    book.properties.title = layout.problem.event.title
    buffer = io.BytesIO()
    # ExcelWriter directly: Workbook.save() would overwrite ``modified`` with the clock.
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_times(buffer.getvalue(), moment)


#: The columns of each sheet (by day, by room, by speaker, by group), as keys of ``_values``.
_WHEN = ("date", "weekday", "time", "period", "title", "kind")
_COLUMNS = (
    (*_WHEN, "speakers", "groups", "room", "attendance", "remarks"),
    ("room", *_WHEN, "speakers", "groups", "attendance", "remarks"),
    ("speaker", "organisation", *_WHEN, "room", "groups", "remarks"),
    ("group", *_WHEN, "speakers", "room", "remarks"),
)


def _tables(layout: Layout, words: Labels) -> list[tuple[Row, list[Row]]]:
    """(header, rows) of each sheet: by day, by room, by speaker, by group."""
    rooms = {r.id: i for i, r in enumerate(layout.problem.rooms)}
    by_room = sorted(layout.entries, key=lambda e: rooms[e.room.id])  # stable: by time within a room
    day, room, speaker, group = _COLUMNS
    return [
        _table(layout, words, day, [(e, None) for e in layout.entries]),
        _table(layout, words, room, [(e, None) for e in by_room]),
        _table(layout, words, speaker, _per(layout, "speaker")),
        _table(layout, words, group, _per(layout, "group")),
    ]


def _leave_table(layout: Layout, words: Labels) -> tuple[Row, list[Row]]:
    """(header, rows) of the leave sheet: one row per member and occurrence their leave covers, by
    group and member in event order, then by time (no rows when nobody has leave)."""
    keys = ("group", "name", "unit", "date", "weekday", "time", "period", "title", "room")
    header: Row = [_WEEKDAY[words.language] if key == "weekday" else getattr(words, key) for key in keys]
    order = {g.id: i for i, g in enumerate(layout.problem.groups)}
    excused = sorted(
        (
            ((order.get(group.id, len(order)), index, entry.start), entry, group, member)
            for entry in layout.entries
            for group in entry.groups
            for index, member in enumerate(group.members)
            if member.on_leave(entry.day, entry.week, entry.period_ids)
        ),
        key=lambda item: item[0],  # two entries of one group at once (a schedule moved by hand) stay
    )
    rows = []
    for _, entry, group, member in excused:
        values = _values(layout, words, entry, group.id) | {"name": member.name, "unit": member.unit or ""}
        rows.append([values[key] for key in keys])
    return header, rows


RATE_COLUMN = 9
"""The attendance sheet's column of the rate (a percentage), counted from 1."""


def _tally_table(layout: Layout, words: Labels, until: dt.datetime) -> tuple[Row, list[Row]]:
    """(header, rows) of the attendance sheet: each member's tally of the occurrences ended by
    ``until`` (the export's time, named in the rate's header); no rows before any has ended."""
    cut = until.astimezone(layout.problem.event.zone)
    to_date = (
        f"（截至{words.date_text(cut.date())} {cut:%H:%M}）"
        if words.language == "zh"
        else f" (to {cut:%Y-%m-%d %H:%M})"
    )
    header: Row = [
        words.group, words.name, words.unit, words.due, words.on_leave, words.absent, words.late,
        words.attended, words.rate + to_date,
    ]  # fmt: skip
    event, found = layout.problem.event, tally(layout, until)
    rows: list[Row] = [
        [t.group.name, t.member.name, t.member.unit or "", t.due, t.leave, t.absent, t.late, t.attended,
         "" if t.rate is None else t.rate]
        for t in found
    ]  # fmt: skip
    if has_conditions(event):  # one more column: each member's standing, the conditions in its header
        header.append(words.completion + words.bracket(conditions(event, words)))
        for row, t in zip(rows, found, strict=True):
            row.append(completion(t, event, words))
    return header, rows


def _table(
    layout: Layout, words: Labels, keys: Sequence[str], rows: Sequence[tuple[Entry, str | None]]
) -> tuple[Row, list[Row]]:
    header: Row = [_WEEKDAY[words.language] if key == "weekday" else getattr(words, key) for key in keys]
    body = []
    for entry, person in rows:
        values = _values(layout, words, entry, person)
        body.append([values[key] for key in keys])
    return header, body


def _per(layout: Layout, kind: str) -> list[tuple[Entry, str | None]]:
    """(occurrence, speaker or group id) pairs, people or groups in event order, each by time."""
    things = layout.problem.speakers if kind == "speaker" else layout.problem.groups
    buckets: dict[str, list[Entry]] = {thing.id: [] for thing in things}
    for entry in layout.entries:  # one pass: filtering the layout per speaker is quadratic
        for thing in entry.speakers if kind == "speaker" else entry.groups:
            buckets[thing.id].append(entry)
    return [(entry, key) for key, entries in buckets.items() for entry in entries]


def _values(layout: Layout, words: Labels, entry: Entry, person: str | None) -> dict[str, object]:
    """Every cell an occurrence can show, by column key."""
    comma = "、" if words.language == "zh" else ", "
    speaker = next((s for s in entry.speakers if s.id == person), None)
    group = next((g for g in entry.groups if g.id == person), None)
    return {
        "date": entry.day,
        "weekday": words.weekday(entry.day),
        "time": f"{entry.start:%H:%M}–{entry.end:%H:%M}",
        "period": _periods(layout, entry),
        "title": _title(words, entry),
        "kind": words.kind_name(entry.session.kind),
        "speakers": comma.join(s.name for s in entry.speakers),
        "groups": comma.join(g.name for g in entry.groups),
        "room": _room(words, entry),
        "attendance": layout.problem.attendance(entry.session) or "",
        "remarks": words.change_note(layout.previous_version, entry.changes) if entry.changes else "",
        "speaker": speaker.name if speaker else "",
        "organisation": (speaker.organisation or "") if speaker else "",
        "group": group.name if group else "",
    }


def _periods(layout: Layout, entry: Entry) -> str:
    """The periods covered by name (``上午第一节``), first and last when several; empty off the grid."""
    if not entry.period_ids:
        return ""
    names = {p.id: p.name or p.id for p in layout.problem.event.periods}
    ends = dict.fromkeys([entry.period_ids[0], entry.period_ids[-1]])
    return "–".join(names[p] for p in ends)


def _room(words: Labels, entry: Entry) -> str:
    """``Room A, East`` / ``东楼 301教室``: the room and its building."""
    room = entry.room
    if not room.building:
        return room.name
    return f"{room.building} {room.name}" if words.language == "zh" else f"{room.name}, {room.building}"


def _title(words: Labels, entry: Entry) -> str:
    total = entry.session.occurrences
    if total <= 1:
        return entry.title
    count = f"{entry.key[1]}/{total}"
    return f"{entry.title}（{count}）" if words.language == "zh" else f"{entry.title} ({count})"


def _fill(sheet: Worksheet, header: Row, rows: list[Row], language: str) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGNMENT
    for row in rows:
        sheet.append(row)
        for index, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("="):  # a title or name, never a formula
                sheet.cell(row=sheet.max_row, column=index).data_type = "s"
    for index in range(1, len(header) + 1):
        column = get_column_letter(index)
        sheet.column_dimensions[column].width = _width([header[index - 1], *(row[index - 1] for row in rows)])
        if rows:
            _style_column(sheet, index, len(rows), language)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def _style_column(sheet: Worksheet, index: int, count: int, language: str) -> None:
    """Top-aligned, wrapped cells (dates in the language's format) from row 2 down.

    The first cell is styled through openpyxl's API and the others share its
    style record, as openpyxl's own ``copy_worksheet`` does: setting styles
    cell by cell costs about 90 µs each, seconds for a large event.
    """
    first = sheet.cell(row=2, column=index)
    first.alignment = _BODY_ALIGNMENT
    if isinstance(first.value, dt.date):
        first.number_format = _DATE_FORMAT[language]
    for row in range(3, count + 2):
        sheet.cell(row=row, column=index)._style = copy.copy(first._style)


def _width(values: Sequence[object]) -> float:
    """Column width in characters: the widest text (Han characters count two), capped."""
    widest = max(_display_width(_shown(v)) for v in values)
    return float(min(_WIDEST, max(6, widest + 2)))


def _shown(value: object) -> str:
    return "2026年12月31日" if isinstance(value, dt.date) else str(value)


def _display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _print_setup(sheet: Worksheet, layout: Layout, words: Labels, page_size: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = _PAPER[page_size]
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    title = layout.problem.event.title.replace("&", "&&")
    version = words.version_text(layout.schedule.version)
    version = f"（{version}）" if words.language == "zh" else f" ({version})"
    sheet.oddHeader.center.text = f"{title} — {sheet.title}{version}"
    sheet.oddFooter.center.text = "&P / &N"


def _fixed_times(content: bytes, moment: dt.datetime) -> bytes:
    """The same zip with every member's time set to ``moment`` (zip members keep no zone)."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    source = zipfile.ZipFile(io.BytesIO(content))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return target_buffer.getvalue()
