"""Chinese cells with English words in them: broken between characters and between words."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from planner.exports.pdf.fonts import find_font
from planner.exports.pdf.linebreak import NO_END, NO_START, break_text, tokens
from planner.exports.pdf.styles import make_styles

FONT = find_font().name
SIZE = 10.0


def measure(text: str) -> float:
    return float(stringWidth(text, FONT, SIZE))


def lines(text: str, width: float) -> list[str]:
    return [line for _, line in break_text(text, [width], measure)]


def chars(n: int) -> float:
    """The width of ``n`` Han characters."""
    return measure("中" * n)


def test_english_words_stay_whole_in_a_chinese_cell() -> None:
    width = measure("Kubernetes") + 1

    assert lines("Scaling Kubernetes operators", width) == ["Scaling", "Kubernetes", "operators"]


def test_a_line_may_break_between_han_characters_and_before_or_after_a_word() -> None:
    assert lines("基于Kubernetes的容器编排实践", measure("基于Kubernetes的") + 1) == [
        "基于Kubernetes的",
        "容器编排实践",
    ]
    assert lines("基于Kubernetes的容器编排实践", measure("基于Kubernet")) == [
        "基于",
        "Kubernetes的",
        "容器编排实践",
    ]


def test_no_line_begins_with_a_closing_mark_or_ends_with_an_opening_one() -> None:
    assert lines("公文处理规范（第二教室）", chars(7)) == ["公文处理规范", "（第二教室）"]
    assert lines("一班、二班、三班", chars(3)) == ["一班、", "二班、", "三班"]  # 、 stays up, hanging


def test_a_closing_mark_may_hang_past_the_line_but_nothing_else() -> None:
    width = chars(5)

    assert lines("三班：公文处理", width) == ["三班：公文", "处理"]
    assert lines("三班公文处理，规范", chars(6)) == ["三班公文处理，", "规范"]  # the comma hangs
    assert lines("三班公文处理规范", chars(6)) == ["三班公文处理", "规范"]
    assert lines("五十%", chars(2)) == ["五", "十%"]  # a per cent sign is no narrow mark: it does not hang


def test_a_space_starts_or_ends_no_line() -> None:
    broken = break_text("Opening keynote: software that lasts", [measure("software that") + 1], measure)

    assert [line for _, line in broken] == ["Opening", "keynote:", "software that", "lasts"]
    assert all(spare >= 0 for spare, _ in broken)


def test_a_word_wider_than_the_line_breaks_after_its_hyphen_then_between_letters_with_one() -> None:
    width = measure("Internationalis") + 0.5

    assert lines("Inside retrieval-augmented generation", width) == [
        "Inside",
        "retrieval-",
        "augmented",
        "generation",
    ]
    assert lines("开场 Internationalisation", width) == ["开场", "Internationali-", "sation"]
    last = measure("Internationalisati-") + 0.1  # "on" would be left alone: three letters go on
    assert lines("Internationalisation", last) == ["Internationalisat-", "ion"]


def test_the_last_line_keeps_no_character_alone() -> None:
    """Eleven characters where ten fit: nine over two; a word comes down with its space."""
    assert lines("办公室工作基本方法原则", chars(10) + 1) == ["办公室工作基本方法", "原则"]
    assert lines("Workshop Room E", measure("Workshop Room") + 1) == ["Workshop", "Room E"]
    assert lines("公文写作规范公文写作规范", chars(10) + 1) == ["公文写作规范公文写作", "规范"]


def test_spare_width_is_measured_against_the_line() -> None:
    assert break_text("调查研究", [chars(6)], measure) == [(chars(6) - chars(4), "调查研究")]
    first, later = chars(8), chars(4)
    assert [line for _, line in break_text("调查研究调查研究调查研究", [first, later], measure)] == [
        "调查研究调查研究",
        "调查研究",
    ]


def test_a_chinese_paragraph_breaks_with_it_and_keeps_its_line_breaks() -> None:
    style = make_styles(FONT, "zh", size=SIZE).cell
    paragraph = make_styles(FONT, "zh", size=SIZE).cell_text(
        "Inside WebAssembly components\n张立军\n\n第三教室", style
    )

    paragraph.wrap(measure("WebAssembly") + 2, 1000)

    assert ["".join(words) for _, words in paragraph.blPara.lines] == [
        "Inside",
        "WebAssembly",
        "components",
        "张立军",
        "",
        "第三教室",
    ]


PIECES = [*"办公室工作方法原则", *"abcdefghij", " ", "  ", "-", *"，。、）》：", *"（《“", "Kubernetes"]


def hanging(text: str) -> float:
    """The width of ``text`` less a closing mark that ends it (it may hang past the line)."""
    return measure(text[:-1] if text[-1:] in NO_START else text)


TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map(lambda pieces: "".join(pieces).strip())


@settings(max_examples=300, deadline=None)
@given(text=TEXT, width=st.floats(min_value=chars(1), max_value=chars(12)))
def test_breaking_keeps_every_character_in_order_and_the_rules_of_line_ends(text: str, width: float) -> None:
    broken = break_text(text, [width], measure)
    texts = [line for _, line in broken]

    assert "".join(texts).replace(" ", "").replace("-", "") == text.replace(" ", "").replace("-", "")
    for line in texts:
        assert line == line.strip()
        assert hanging(line) <= width + 1e-6 or len(tokens(line)) == 1  # only what cannot break overflows
    if all(hanging(token.text) <= width for token in tokens(text)):  # no token cut
        assert not any(line[:1] in NO_START for line in texts[1:])
        assert not any(line[-1:] in NO_END for line in texts[:-1])


@pytest.mark.parametrize("text", ["", "   "])
def test_nothing_to_break(text: str) -> None:
    assert break_text(text, [chars(4)], measure) == [(chars(4), "")]


def test_a_chinese_paragraph_split_over_two_pages_keeps_its_words_and_spaces() -> None:
    """reportlab goes on with the words of the broken lines, joined without their spaces: the
    part after the page break is made again from its lines' text."""
    style = make_styles(FONT, "zh", size=SIZE).body
    text = "前言：English words and 中文 mixed together，第二句。" * 12
    paragraph = make_styles(FONT, "zh", size=SIZE).text(text, style)
    width = chars(14)
    paragraph.wrap(width, 10_000)
    every = [words[0] for _, words in paragraph.blPara.lines]

    head, rest = paragraph.split(width, style.leading * 3.5)
    rest.wrap(width, 10_000)

    assert [words[0] for _, words in head.blPara.lines] == every[:3]
    assert [words[0] for _, words in rest.blPara.lines] == every[3:]


PARAGRAPH = st.lists(st.sampled_from([*PIECES, "\n", "WebAssembly", "retrieval-augmented"]), max_size=80).map(
    lambda pieces: "".join(pieces).strip()
)


@settings(max_examples=150, deadline=None)
@given(
    text=PARAGRAPH,
    language=st.sampled_from(["zh", "en"]),
    width=st.floats(min_value=chars(1), max_value=chars(30)),
    lines=st.integers(min_value=1, max_value=6),
)
def test_any_paragraph_wraps_splits_and_draws(text: str, language: str, width: float, lines: int) -> None:
    """Whatever the text: broken, split after ``lines`` lines, and drawn, with every character kept."""
    styles = make_styles(FONT, language, size=SIZE)
    paragraph = styles.text(text, styles.body)
    paragraph.wrap(width, 10_000)
    parts = paragraph.split(width, styles.body.leading * (lines + 0.5)) or [paragraph]
    drawn = ""
    canvas = Canvas(io.BytesIO())
    for part in parts:
        part.wrap(width, 10_000)
        part.drawOn(canvas, 0, 0)
        for _, words in part.blPara.lines if part.blPara.kind == 0 else []:
            drawn += "".join(words)
    if all(part.blPara.kind == 0 for part in parts):
        assert drawn.replace(" ", "").replace("-", "") == "".join(text.split()).replace("-", "")
