"""Line breaking of Chinese text that holds English words: between Han characters, between words.

reportlab's CJK breaking cuts anywhere once a line is full, and looks back for a space only
half a line: in a narrow cell of a Chinese programme ``WebAssembly`` prints as ``WebAss`` over
``embly``, and the next line starts with the space. Here a text is cut into tokens that no line
may split: each wide character (Han, kana, full-width punctuation) alone, each run of other
characters between spaces as one word. Lines are filled token by token:

- a closing mark (``，。、；：！？）》」”`` …) stays with what it follows, an opening mark
  (``（《「“`` …) with what it opens, so neither begins or ends a line wrongly; a closing mark
  may end a line past its width (hanging punctuation, as reportlab's own breaking allows: a
  full-width mark's glyph is half blank);
- a word wider than a whole line breaks after its own hyphens (``retrieval-`` over ``augmented``),
  and only then, on a line of its own, between letters, with a hyphen;
- a space at the start or the end of a line is dropped;
- a text line of more than one broken line does not end in a single character: the character
  before it comes down too (``办公室工作基本方法`` over ``原则``, not ``…原`` over ``则``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import takewhile

NO_START = "，。、；：！？）》」』】〕〉］｝〗”’·%‰℃!),.:;?]}"
"""Marks that may not begin a line: they stay on the line of what they follow (after the
Simplified Chinese list of ECMA-376; a dash ``——`` or an ellipsis ``……`` may begin a line, and
is one token, so it is never split)."""
NO_END = "（《「『【〔〈［｛〖“‘([{$￥"
"""Marks that may not end a line: they go to the line of what they open."""

HANGING = frozenset(NO_START) - frozenset("%‰℃")
"""Closing marks that may end a line past its width: a full-width mark's glyph is half blank, a
Latin one narrow (a per cent sign is neither)."""

FUZZ = 1e-6
HYPHEN_PIECES = re.compile(r"[^-]+-+|[^-]+$|-+")


@dataclass
class Token:
    """A piece of text no line splits, and whether a space stood before it."""

    text: str
    space: bool


def wide(char: str) -> bool:
    """A character of Chinese (or Japanese, Korean) text: a line may break on either side of it."""
    return unicodedata.east_asian_width(char) in "WF"


def tokens(text: str) -> list[Token]:
    """The pieces of ``text`` between which a line may break."""
    out: list[Token] = []
    space = in_word = glue = False  # in_word: the last character is not wide; glue: it opens
    for char in text:
        if char.isspace():
            space = True
            continue
        is_wide = wide(char)
        if out and (glue or char in NO_START):  # a mark stays with what it opens or closes, spaced or not
            out[-1].text += (" " if space else "") + char
        elif out and not space and in_word and not is_wide:
            out[-1].text += char
        else:
            out.append(Token(char, space))
        space, in_word, glue = False, not is_wide, char in NO_END
    return out


def break_text(
    text: str, widths: Sequence[float], measure: Callable[[str], float]
) -> list[tuple[float, str]]:
    """``text`` (one text line, no line feeds) broken into lines: each line's spare width and text.

    ``widths``: the width of the first line, then of every later line (the last one repeats);
    ``measure``: the width of a string in the paragraph's font and size.
    """
    lines: list[list[Token]] = [[]]
    used = 0.0
    pending = tokens(text)[::-1]  # a stack: the next token on top
    space = measure(" ")
    while pending:
        token = pending.pop()
        width = widths[min(len(lines) - 1, len(widths) - 1)]
        line = lines[-1]
        gap = space if line and token.space else 0.0
        size = measure(token.text)
        hang = measure(token.text[-1]) if token.text[-1] in HANGING else 0.0  # may end past the line
        if used + gap + size - hang <= width + FUZZ:
            line.append(token)
            used += gap + size
            continue
        if size - hang > width + FUZZ:  # wider than any line: its hyphens first, then between letters
            pieces = HYPHEN_PIECES.findall(token.text)
            if len(pieces) > 1:
                pending += [Token(piece, False) for piece in reversed(pieces[1:])]
                pending.append(Token(pieces[0], token.space))
                continue
            if not line:
                head, rest = _cut(token.text, width, measure)
                if rest:
                    pending.append(Token(rest, False))
                line.append(Token(head, False))
                used = measure(head)
                continue
        lines.append([])
        used = 0.0
        pending.append(token)  # its space is dropped at the start of a line, kept if it comes down
    _no_lone_character(lines, widths, measure)
    return [
        (widths[min(n, len(widths) - 1)] - measure(_text(line)), _text(line)) for n, line in enumerate(lines)
    ]


def _cut(text: str, width: float, measure: Callable[[str], float]) -> tuple[str, str]:
    """The longest start of ``text`` that fits ``width`` (at least one character) and the rest; a
    cut between two letters of a word gets a hyphen and leaves at least ``MIN_TAIL`` letters to
    the next line where it can (``Internationalisat-`` / ``ion``, not ``…ti-`` / ``on``)."""
    fallback = None
    for end in range(len(text) - 1, 0, -1):
        inside = _letter(text[end - 1]) and _letter(text[end])  # letters on both sides: no space
        head, rest = text[:end].rstrip() + ("-" if inside else ""), text[end:].lstrip()
        if measure(head) > width + FUZZ:
            continue
        short = inside and sum(1 for _ in takewhile(_letter, rest)) < MIN_TAIL
        if not short:
            return head, rest
        fallback = fallback or (head, rest)
    return fallback or (text[:1], text[1:].lstrip())


MIN_TAIL = 3
"""Fewest letters a word cut with a hyphen carries to the next line, where the line allows."""


def _letter(char: str) -> bool:
    return char.isalpha() and not wide(char)


def _text(line: list[Token]) -> str:
    return "".join((" " if token.space and n else "") + token.text for n, token in enumerate(line))


def _no_lone_character(
    lines: list[list[Token]], widths: Sequence[float], measure: Callable[[str], float]
) -> None:
    """Bring the last token of the line before down to a last line of one character, if it fits."""
    if len(lines) < 2 or len(_text(lines[-1])) != 1 or len(lines[-2]) < 2:
        return
    moved = [Token(lines[-2][-1].text, False), *lines[-1]]
    if measure(_text(moved)) <= widths[min(len(lines) - 1, len(widths) - 1)] + FUZZ:
        lines[-2].pop()
        lines[-1] = moved
