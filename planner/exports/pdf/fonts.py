"""The font of printed agendas: an embedded, subsetted TrueType font with Chinese glyphs.

Chinese text needs a CJK font inside the PDF, or readers without one show
empty boxes. ``find_font`` takes, in order: the ``font`` argument, the
``HUIWU_PDF_FONT`` environment setting (``path`` or ``path#index`` for a
``.ttc`` collection), then the usual system fonts of Debian, Windows and macOS.
reportlab reads TrueType outlines only, so CFF fonts (Noto CJK ``.otf``) are
skipped. When nothing fits, the built-in ``STSong-Light`` CID font is used
(not embedded) and a ``FontWarning`` says so: never silent boxes.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from planner.domain.errors import ExportError

ENV = "HUIWU_PDF_FONT"
FALLBACK = "STSong-Light"

#: TrueType fonts with Chinese glyphs, most likely first (path, index in a collection).
SYSTEM_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)


class FontWarning(UserWarning):
    """Issued when no embeddable Chinese font is found and the PDF falls back to STSong-Light."""


@dataclass(frozen=True)
class Font:
    """A font registered with reportlab: its name in styles and where it came from."""

    name: str
    path: str | None
    index: int
    embedded: bool
    warning: str | None = None


def find_font(font: str | None = None, environ: Mapping[str, str] | None = None) -> Font:
    """The font to print with; a font asked for by argument or setting must load, or ``ExportError``."""
    asked = font or (os.environ if environ is None else environ).get(ENV)
    if asked:
        path, index = parse_font_setting(asked)
        try:
            return register_truetype(path, index)
        except (OSError, TTFError) as error:
            raise ExportError(f"PDF font '{asked}' cannot be used: {error}") from None
    for path, index in SYSTEM_FONTS:
        if os.path.exists(path):
            try:
                return register_truetype(path, index)
            except (OSError, TTFError):
                continue  # PostScript outlines or a broken file: try the next one
    return fallback_font()


def parse_font_setting(setting: str) -> tuple[str, int]:
    """``/path/font.ttc#1`` -> (``/path/font.ttc``, 1); the index defaults to 0."""
    path, _, index = setting.rpartition("#") if "#" in setting else (setting, "", "0")
    if not index.isdigit():
        raise ExportError(f"PDF font '{setting}': the part after '#' must be a font index (0, 1, ...)")
    return path, int(index)


@cache
def register_truetype(path: str, index: int) -> Font:
    """Register a TrueType font once under a name derived from its path and index."""
    digest = hashlib.sha1(f"{path}#{index}".encode()).hexdigest()[:8]
    name = f"Huiwu-{digest}"
    pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    return Font(name=name, path=path, index=index, embedded=True)


def fallback_font() -> Font:
    """Reportlab's built-in CID font, with a ``FontWarning``: readers may lack its glyphs."""
    message = (
        "no TrueType font with Chinese glyphs was found; the PDF uses the built-in STSong-Light, "
        f"which is not embedded (readers without it show boxes). Install fonts-wqy-microhei or set {ENV}=path"
    )
    if FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    warnings.warn(message, FontWarning, stacklevel=3)
    return Font(name=FALLBACK, path=None, index=0, embedded=False, warning=message)


def missing_glyphs(font: Font, texts: Iterable[str]) -> str:
    """Characters of ``texts`` the font cannot draw (they would print as boxes), in order of first use."""
    if not font.embedded:
        return ""  # the CID fallback maps all of GB 2312 and more; readers supply the glyphs
    face = pdfmetrics.getFont(font.name).face
    known: dict[int, int] = face.charToGlyph
    seen = dict.fromkeys(c for text in texts for c in text if not c.isspace() and ord(c) not in known)
    return "".join(seen)


def warn_missing_glyphs(font: Font, texts: Iterable[str]) -> str | None:
    """Warn (``FontWarning``) when the font lacks characters the document prints; the message or None."""
    missing = missing_glyphs(font, texts)
    if not missing:
        return None
    message = f"PDF font {font.path} has no glyphs for {missing[:40]!r}: they print as boxes; set {ENV}=path"
    warnings.warn(message, FontWarning, stacklevel=3)
    return message
