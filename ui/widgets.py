"""Widgets the pages share: an editable table with messages beside its rows, the event guard.

``edit_table`` shows rows in ``st.data_editor``. When the user changes a cell,
adds or deletes a row, the rows go to the page's use-case (``apply``). An
accepted edit is saved (``state.commit``); a refused one keeps the rows as the
user left them, with each row's messages in the first column, until they are
fixed or discarded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from planner.domain.model import Problem
from planner.usecases.edit import EditResult
from ui import state
from ui.i18n import lang, said, t

MESSAGES = "messages"
Row = dict[str, Any]


def page_header(page: str) -> None:
    """The page's title and the message the last action left (with a reload button after a conflict)."""
    state.settle_language()
    st.title(t(f"page.{page}"))
    state.show_notice()
    if st.session_state.get(state.CONFLICT) and st.button(t("reload"), key="reload"):
        state.reload()
        st.rerun()


def require_problem() -> Problem | None:
    """The open event, or None after telling the user to open one."""
    current = state.problem()
    if current is None:
        st.info(t("no_event"))
    return current


def editor_key(name: str) -> str:
    """The widget key of a table's editor (it changes each time the table is rebuilt)."""
    return f"editor:{name}:{st.session_state.get(f'ver:{name}', 0)}"


def edit_table(
    name: str,
    rows: Sequence[Row],
    columns: dict[str, Any],
    apply: Callable[[list[Row]], EditResult],
    *,
    dynamic: bool = True,
) -> None:
    """An editable table whose edits are validated by ``apply`` and saved when accepted."""
    pending = st.session_state.get(f"rows:{name}")
    shown, messages, general = pending if pending else (list(rows), {}, [])
    frame = _frame(shown, messages, columns)
    key = editor_key(name)
    config = {MESSAGES: st.column_config.TextColumn(t("col.messages"), width="medium"), **columns}
    st.data_editor(
        frame,
        key=key,
        column_config=config,
        column_order=[MESSAGES, *columns] if messages else list(columns),
        disabled=[MESSAGES],
        num_rows="dynamic" if dynamic else "fixed",
        hide_index=True,
        width="stretch",
        placeholder="",
    )
    if pending:
        _pending(name, general)
    if _changed(key):
        _apply(name, frame, st.session_state[key], apply)


def _frame(rows: Sequence[Row], messages: dict[int, list[str]], columns: dict[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    for column, config in columns.items():
        kind = (config.get("type_config") or {}).get("type") if isinstance(config, dict) else None
        if kind == "number":
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Float64")
        elif kind == "checkbox":
            frame[column] = frame[column].fillna(False).astype("boolean")  # new rows may hold None
        else:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "").astype(str)
    notes = pd.Series(["; ".join(map(said, messages.get(i, []))) for i in range(len(frame))], dtype=object)
    frame.insert(0, MESSAGES, notes)
    return frame


def _changed(key: str) -> bool:
    edits = st.session_state.get(key) or {}
    return any(edits.get(part) for part in ("edited_rows", "added_rows", "deleted_rows"))


def _apply(
    name: str, frame: pd.DataFrame, edits: dict[str, Any], apply: Callable[[list[Row]], EditResult]
) -> None:
    rows = edited_rows(frame, edits)
    result = apply(rows)
    st.session_state[f"ver:{name}"] = st.session_state.get(f"ver:{name}", 0) + 1
    if result.problem is not None and state.commit(result.problem):
        st.session_state.pop(f"rows:{name}", None)
    else:  # refused by validation, or by the store (someone else saved meanwhile): keep the rows
        st.session_state[f"rows:{name}"] = (rows, result.rows, result.general)
    st.rerun()


def edited_rows(frame: pd.DataFrame, edits: dict[str, Any]) -> list[Row]:
    """The table's rows after the editor's edits (cells changed, rows added and deleted)."""
    records = [{k: _plain(v) for k, v in row.items() if k != MESSAGES} for row in frame.to_dict("records")]
    for index, changes in (edits.get("edited_rows") or {}).items():
        records[int(index)].update({k: _plain(v) for k, v in changes.items()})
    deleted = {int(i) for i in edits.get("deleted_rows") or []}
    kept = [row for i, row in enumerate(records) if i not in deleted]
    kept += [{k: _plain(v) for k, v in added.items()} for added in edits.get("added_rows") or []]
    return kept


def _plain(value: Any) -> Any:
    """pandas' missing values and numpy scalars as plain Python values."""
    if value is None or (not isinstance(value, str | bool | list) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _pending(name: str, general: list[str]) -> None:
    st.warning(t("table.pending"))
    for line in general:
        st.error(said(line))
    if st.button(t("table.discard"), key=f"discard:{name}"):
        st.session_state.pop(f"rows:{name}", None)
        st.session_state[f"ver:{name}"] = st.session_state.get(f"ver:{name}", 0) + 1
        st.rerun()


def choose(widget: Callable[..., Any], label: str, options: dict[Any, str], key: str, **kwargs: Any) -> Any:
    """A select, radio or multiselect showing translated labels; returns the chosen value(s).

    The labels themselves are the options (and the key names the language), so
    switching the language never leaves a widget holding a label it no longer shows.
    """
    values: dict[str, Any] = {text: value for value, text in options.items()}
    if "default" in kwargs:
        kwargs["default"] = [options[v] for v in kwargs["default"] if v in options]
    if "index" in kwargs and kwargs["index"] is not None:
        kwargs["index"] = list(options).index(kwargs["index"]) if kwargs["index"] in options else 0
    chosen = widget(label, list(values), key=f"{key}_{lang()}", **kwargs)
    if isinstance(chosen, list):
        return [values[c] for c in chosen]
    return None if chosen is None else values[chosen]


def text_col(name: str, **kwargs: Any) -> Any:
    return st.column_config.TextColumn(t(f"col.{name}"), **kwargs)


def number_col(name: str, **kwargs: Any) -> Any:
    return st.column_config.NumberColumn(t(f"col.{name}"), step=1, **kwargs)


def check_col(name: str) -> Any:
    return st.column_config.CheckboxColumn(t(f"col.{name}"), default=False)


def fixed_widths(widths: dict[str, int]) -> dict[str, Any]:
    """A read-only table's ``column_config`` giving each column (by label) its width in pixels."""
    return {label: st.column_config.Column(width=width) for label, width in widths.items()}


def save(result: EditResult, on_saved: Callable[[], None] | None = None) -> None:
    """Save an edit made in a form and rerun (the store's refusal shows then); else show why not."""
    if result.problem is not None:
        if state.commit(result.problem) and on_saved is not None:
            on_saved()
        st.rerun()
    show_result_messages(result)


def show_result_messages(result: EditResult) -> None:
    """Messages of a refused edit that is not a table (a form)."""
    for index, lines in sorted(result.rows.items()):
        for line in lines:
            st.error(f"{index + 1}: {said(line)}")
    for line in result.general:
        st.error(said(line))
