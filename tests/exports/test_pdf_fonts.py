"""The embedded Chinese font: system search, the setting, and the loud fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.errors import ExportError
from planner.exports.labels import labels
from planner.exports.pdf import booklet
from planner.exports.pdf import fonts as fonts_module
from planner.exports.pdf.document import printed_texts
from planner.exports.pdf.fonts import FALLBACK, FontWarning, find_font, missing_glyphs, parse_font_setting
from tests.exports.pdf_tools import CONFERENCE, GENERATED_AT, OFFICE, fonts, load, squeezed, text
from tests.factories import chinese_problem, greedy_schedule

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_parse_font_setting_with_and_without_index() -> None:
    assert parse_font_setting(f"{WQY}#1") == (WQY, 1)
    assert parse_font_setting(WQY) == (WQY, 0)


def test_parse_font_setting_bad_index_raises() -> None:
    with pytest.raises(ExportError) as error:
        parse_font_setting(f"{WQY}#bold")

    assert str(error.value) == f"PDF font '{WQY}#bold': the part after '#' must be a font index (0, 1, ...)"


def test_find_font_on_debian_is_wqy_microhei_embedded() -> None:
    font = find_font(environ={})

    assert (font.path, font.index, font.embedded, font.warning) == (WQY, 0, True, None)


def test_find_font_setting_from_environment() -> None:
    font = find_font(environ={"HUIWU_PDF_FONT": f"{WQY}#1"})

    assert (font.path, font.index) == (WQY, 1)


def test_find_font_argument_beats_environment() -> None:
    font = find_font(f"{WQY}#0", environ={"HUIWU_PDF_FONT": "/nowhere/font.ttf"})

    assert (font.path, font.index) == (WQY, 0)


def test_find_font_missing_file_raises_export_error() -> None:
    with pytest.raises(ExportError) as error:
        find_font("/nowhere/font.ttf", environ={})

    assert str(error.value).startswith("PDF font '/nowhere/font.ttf' cannot be used: ")


def test_find_font_none_on_system_warns_and_uses_stsong(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "SYSTEM_FONTS", ())

    with pytest.warns(FontWarning, match="not embedded"):
        font = find_font(environ={})

    assert (font.name, font.embedded) == (FALLBACK, False)
    assert font.warning is not None


def test_booklet_fallback_font_still_has_the_chinese_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "SYSTEM_FONTS", ())
    monkeypatch.delenv("HUIWU_PDF_FONT", raising=False)
    problem = chinese_problem()

    with pytest.warns(FontWarning):
        pdf = booklet(problem, greedy_schedule(problem), generated_at=GENERATED_AT)

    assert [(f["name"], f["emb"]) for f in fonts(pdf)] == [(FALLBACK, "no")]
    assert squeezed("全市办公室工作业务专题培训班") in squeezed(text(pdf))


def test_booklet_font_without_chinese_glyphs_warns() -> None:
    problem = chinese_problem()

    with pytest.warns(FontWarning, match="has no glyphs for '全市办公室"):
        booklet(problem, greedy_schedule(problem), generated_at=GENERATED_AT, font=DEJAVU)


@pytest.mark.parametrize("path", [OFFICE, CONFERENCE], ids=["office", "conference"])
def test_samples_need_no_glyph_wqy_microhei_lacks(path: Path) -> None:
    problem = load(path)
    font = find_font(environ={})

    assert missing_glyphs(font, printed_texts(problem, labels(problem.event.language))) == ""
