"""Event page: open, upload, template, edit the details and periods, download."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import MINIMAL, edit_table, open_sample, problem_of, texts, upload


def test_event_upload_opens_and_saves_revision_1(app: AppTest) -> None:
    upload(app, MINIMAL)
    assert app.exception == []
    assert problem_of(app).event.id == "mini"
    assert app.session_state["revision"] == 1
    assert texts(app.success) == ["Opened: Mini workshop"]


def test_event_page_notes_dates_that_change_nothing_and_idle_lecturers(app: AppTest, tmp_path: Path) -> None:
    """A holiday outside the event's dates and a lecturer given no lecture: the event opens (they
    are no errors) with a note each, in the event's language and with the lecturer's name."""
    data = yaml.safe_load(MINIMAL.read_text())
    upload(app, MINIMAL)
    assert texts(app.info) == []
    data["event"]["holidays"] = ["2026-01-01", "2026-03-27"]
    data["event"]["language"] = "zh"
    data["speakers"].append({"id": "li-si", "name": "李四"})
    noted = tmp_path / "noted.yaml"
    noted.write_text(yaml.safe_dump(data, allow_unicode=True))
    upload(app, noted)
    assert app.exception == []
    assert problem_of(app).event.holidays == (dt.date(2026, 1, 1), dt.date(2026, 3, 27))
    assert texts(app.info) == [
        "event.holidays: 不在活动日期（2026-03-23 至 2026-04-03）之内，不起作用：2026-01-01",
        "speakers[2]: 没有任何课程用到“李四”",
    ]


def test_event_upload_invalid_file_shows_problems(app: AppTest, tmp_path: Path) -> None:
    data = yaml.safe_load(MINIMAL.read_text())
    data["rooms"][1]["capacity"] = 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data))
    upload(app, bad)
    assert app.exception == []
    assert len(app.error) == 1
    # the app opens in Chinese: the planner's message is worded in Chinese, its location kept
    assert app.error[0].value.startswith("bad.yaml:\n\nrooms[1].capacity: 必须大于 0")
    assert "problem" not in app.session_state or app.session_state["problem"] is None


def test_event_upload_invalid_workbook_names_its_cells_in_chinese(app: AppTest, tmp_path: Path) -> None:
    import io

    from openpyxl import load_workbook

    from planner.io.excel import problem_to_workbook
    from planner.io.files import read_problem

    book = load_workbook(io.BytesIO(problem_to_workbook(read_problem(MINIMAL))))
    book["Rooms"]["C3"] = 0
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    upload(app, bad)
    assert app.exception == []
    assert app.error[0].value == "bad.xlsx:\n\nRooms!C3: 必须大于 0（填的是 0）"


def test_event_upload_malformed_yaml_shows_line(app: AppTest, tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("event: [unclosed\n")
    upload(app, bad)
    assert app.exception == []
    assert len(app.error) == 1
    assert app.error[0].value.startswith("broken.yaml:\n\n第 2 行：YAML 格式有误：")


def test_event_upload_of_a_gbk_file_says_how_to_mend_it(app: AppTest, tmp_path: Path) -> None:
    """Older Chinese Windows programs save text as GBK: the office staff are told to save it as UTF-8."""
    gbk = tmp_path / "培训班.yaml"
    gbk.write_bytes(MINIMAL.read_text(encoding="utf-8").replace("Mini", "培训班", 1).encode("gbk"))
    upload(app, gbk)
    assert app.exception == []
    assert app.error[0].value.startswith("培训班.yaml:\n\n第 ")
    assert app.error[0].value.endswith(
        "行：文件不是 UTF-8 编码（可能是较早的中文 Windows 程序保存的 GBK 编码）：请另存为 UTF-8 编码"
    )


def test_event_sample_opens_in_chinese(app: AppTest) -> None:
    open_sample(app, "office-training-2026.yaml")
    assert app.exception == []
    assert problem_of(app).event.language == "zh"
    assert texts(app.title) == ["活动信息"]


def test_event_template_starts_new_event(app: AppTest) -> None:
    app.button(key="new_event").click().run()
    assert app.exception == []
    assert problem_of(app).event.title == "业务培训班"
    assert problem_of(app).event.start >= dt.date.today()


def test_event_details_saved(app: AppTest) -> None:
    upload(app, MINIMAL)
    next(w for w in app.text_input if w.label == "Title").set_value("Mini workshop 2")
    app.button(key="FormSubmitter:event_header-Save the details").click().run()
    assert app.exception == []
    assert problem_of(app).event.title == "Mini workshop 2"
    assert app.session_state["revision"] == 2


def test_event_kind_saved_and_back_to_automatic(app: AppTest) -> None:
    upload(app, MINIMAL)
    kind = next(w for w in app.selectbox if w.label == "Kind of event (words of the printed agendas)")
    assert kind.value == "Automatic: a conference when most sessions meet once"
    kind.set_value("Conference or meeting")
    app.button(key="FormSubmitter:event_header-Save the details").click().run()
    assert not app.exception
    assert problem_of(app).event.kind == "conference"
    kind = next(w for w in app.selectbox if w.label == "Kind of event (words of the printed agendas)")
    kind.set_value("Automatic: a conference when most sessions meet once")
    app.button(key="FormSubmitter:event_header-Save the details").click().run()
    assert not app.exception
    assert problem_of(app).event.kind is None


def test_event_details_bad_date_shows_message(app: AppTest) -> None:
    upload(app, MINIMAL)
    holidays = next(w for w in app.text_input if w.label == "Holidays (dates, separated by commas)")
    holidays.set_value("2026-03-30, soon")
    app.button(key="FormSubmitter:event_header-Save the details").click().run()
    assert app.exception == []
    assert texts(app.error) == ["event.holidays: 'soon' is not a date (write 2026-05-20)"]
    assert problem_of(app).event.holidays == ()


def test_event_period_edit_saved(app: AppTest) -> None:
    upload(app, MINIMAL)
    edit_table(app, "periods", edited_rows={0: {"start": "8:45"}})
    assert app.exception == []
    assert problem_of(app).event.periods[0].start == dt.time(8, 45)


def test_event_period_bad_time_shown_beside_row(app: AppTest) -> None:
    upload(app, MINIMAL)
    edit_table(app, "periods", edited_rows={1: {"end": "25:00"}})
    assert app.exception == []
    frame = app.dataframe[0].value
    assert list(frame["messages"]) == ["", "end: '25:00' is not a time (write 08:30)", ""]
    assert texts(app.warning) == ["Not saved: fix the rows whose problems are shown."]
    assert problem_of(app).event.periods[1].end == dt.time(12, 30)


def test_event_downloads_yaml_that_reads_back(app: AppTest) -> None:
    upload(app, MINIMAL)
    labels = [b.label for b in app.download_button]
    assert labels == ["YAML", "JSON", "XLSX"]


def test_event_upload_excel_workbook(app: AppTest, tmp_path: Path) -> None:
    from planner.io.excel import problem_to_workbook
    from planner.io.files import read_problem

    workbook = tmp_path / "mini.xlsx"
    workbook.write_bytes(problem_to_workbook(read_problem(MINIMAL)))
    upload(app, workbook)
    assert app.exception == []
    assert problem_of(app) == read_problem(MINIMAL)
