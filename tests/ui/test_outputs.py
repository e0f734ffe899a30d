"""Outputs page: every file to download, and subscribe links with a QR code once published."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from planner.domain.schedule import Schedule
from tests.ui.conftest import MINIMAL, minimal, solved, texts, upload
from tests.ui.test_publish import publish


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    return solved(minimal())


def outputs_page(app: AppTest, schedule: Schedule, *, published: bool) -> AppTest:
    upload(app, MINIMAL)
    app.session_state["schedule"] = schedule
    if published:
        app.switch_page("pages/publish.py").run()
        publish(app, "for outputs")
    return app.switch_page("pages/outputs.py").run()


def test_outputs_build_every_file_of_the_draft(app: AppTest, schedule: Schedule) -> None:
    outputs_page(app, schedule, published=False)
    assert texts(app.caption)[0] == "Not published yet: the outputs show the current schedule."
    app.button(key="build").click().run()
    assert app.exception == []
    files = app.selectbox(key="out_file").options
    assert files[:3] == ["frab/schedule.json", "frab/schedule.xml", "ics/event.ics"]
    assert "pdf/booklet.pdf" in files
    assert [b.label for b in app.download_button] == [f"ZIP ({len(files)})", "frab/schedule.json"]
    assert texts(app.info) == ["Subscribe links exist once the plan is published."]


def test_outputs_feeds_with_webcal_links_and_qr(app: AppTest, schedule: Schedule) -> None:
    outputs_page(app, schedule, published=True)
    assert app.exception == []
    assert app.selectbox(key="out_version").options == ["v1", "—"]
    feeds = app.dataframe[0].value
    assert feeds["kind"].tolist() == ["Whole event", "Speaker", "Speaker", "Room", "Room", "Group"]
    assert all(link.startswith("webcal://127.0.0.1:8765/feeds/") for link in feeds["webcal"])
    # the long addresses show as words, so the names fit; the chosen feed's addresses are shown whole
    columns = json.loads(app.dataframe[0].proto.columns)
    assert {name: column.get("width") for name, column in columns.items() if name != "_index"} == {
        "kind": 90, "name": 260, "webcal": 140, "url": 140,
    }  # fmt: skip
    shown = [columns[name]["type_config"]["display_text"] for name in ("webcal", "url")]
    assert shown == ["Subscribe in calendar", "Download .ics file"]
    assert [getattr(image, "captions", None) for image in app.get("image")] == [["Scan to subscribe"]]
    assert [code.value for code in app.code] == [feeds["webcal"][0], feeds["url"][0]]


def test_outputs_without_schedule_says_so(app: AppTest) -> None:
    upload(app, MINIMAL)
    app.switch_page("pages/outputs.py").run()
    assert app.exception == []
    assert texts(app.info) == [
        "No schedule yet: solve first.",
        "Subscribe links exist once the plan is published.",
    ]


def test_outputs_feed_address_typed_wrong_is_said_not_linked(app: AppTest, schedule: Schedule) -> None:
    outputs_page(app, schedule, published=True)
    app.text_input(key="feed_base").input("plan.example.org").run()
    assert app.exception == []
    assert texts(app.error) == [
        "'plan.example.org' is not a web address such as https://plan.example.org or http://127.0.0.1:8765"
    ]
    assert (len(app.dataframe), len(app.code)) == (0, 0)  # no link, no QR code from it
    app.text_input(key="feed_base").input("https://plan.example.org/").run()
    assert texts(app.error) == []
    assert app.dataframe[0].value["url"][0].startswith("https://plan.example.org/feeds/")


def test_outputs_feed_setting_wrong_is_said_and_the_default_offered(
    app: AppTest, schedule: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUIWU_FEEDS_URL", "127.0.0.1:8765")
    outputs_page(app, schedule, published=True)
    assert app.exception == []
    assert texts(app.warning) == [
        "HUIWU_FEEDS_URL: '127.0.0.1:8765' is not a web address such as https://plan.example.org or "
        "http://127.0.0.1:8765"
    ]
    assert app.text_input(key="feed_base").value == "http://127.0.0.1:8765"
    assert app.dataframe[0].value["url"][0].startswith("http://127.0.0.1:8765/feeds/")
