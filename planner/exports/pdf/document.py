"""What every printed document shares: its context, page sizes and the page footer.

``make_context`` gathers the inputs of a document once (layout, labels,
styles, font, clock and version); ``render`` lays a story of flowables out on
pages that all carry the event title, the version, the printing time and the
page number. PDFs are built with ``invariant=1``, so the same inputs give the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, TypedDict, Unpack

from reportlab.lib.pagesizes import A4, LETTER, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from planner.domain.errors import ExportError
from planner.domain.model import Model, Problem
from planner.domain.schedule import Schedule
from planner.exports.labels import Labels, for_event
from planner.exports.layout import Entry, Layout, build_layout
from planner.exports.pdf.fonts import Font, find_font, warn_missing_glyphs
from planner.exports.pdf.pages import Footer, numbered_canvas
from planner.exports.pdf.styles import MUTED_INK, Styles, make_styles

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}
MARGIN = 15 * mm


@dataclass(frozen=True)
class Context:
    """The inputs of one document, computed once."""

    layout: Layout
    labels: Labels
    styles: Styles
    font: Font
    generated_at: dt.datetime
    page_size: tuple[float, float]
    sizes: dict[float, Styles] = field(default_factory=dict, compare=False, repr=False)
    indexes: dict[str, dict[str, tuple[Entry, ...]]] = field(default_factory=dict, compare=False, repr=False)
    made: dict[str, Flowable] = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: str, make: Callable[[], Flowable]) -> Flowable:
        """What ``make`` returns, made once per context under ``key`` (a table every sheet repeats)."""
        made = self.made.get(key)
        if made is None:
            made = self.made[key] = make()
        return made

    def sized(self, size: float) -> Styles:
        """The styles for body size ``size``, made once per context so their paragraphs are shared."""
        styles = self.sizes.get(size)
        if styles is None:
            styles = self.sizes[size] = make_styles(self.font.name, self.labels.language, size)
        return styles

    def layout_of(self, kind: str, item_id: str) -> Layout:
        """The layout of one item of ``kind``: ``groups``, ``speakers``, ``rooms`` or ``sessions``.

        Same as ``layout.for_group`` and the like, but every item of the kind is
        indexed in one pass over the entries, not one pass per item.
        """
        index = self.indexes.get(kind)
        if index is None:
            index = self.indexes[kind] = _index(self.layout.entries, kind)
        return replace(self.layout, entries=index.get(item_id, ()))

    @property
    def problem(self) -> Problem:
        return self.layout.problem

    @property
    def version(self) -> str:
        return self.labels.version_text(self.layout.schedule.version)

    @property
    def printed_at(self) -> str:
        """The printing time in the event's zone, to the minute."""
        moment = self.generated_at
        if moment.tzinfo is not None:
            moment = moment.astimezone(self.problem.event.zone)
        return moment.strftime("%Y-%m-%d %H:%M")

    def changed_note(self, entry: Entry) -> str | None:
        """``changed since version 3 (time, room)`` for an entry that differs, else None."""
        if not entry.changes:
            return None
        return self.labels.change_note(self.layout.previous_version, entry.changes)


class ContextOptions(TypedDict, total=False):
    """What every printed document may be asked for besides the event, schedule and time."""

    previous: Schedule | None
    """The version before, to mark what changed since."""
    previous_version: int | None
    page_size: str
    """``A4`` (default) or ``Letter``."""
    font: str | None


def make_context(
    problem: Problem, schedule: Schedule, *, generated_at: dt.datetime, **options: Unpack[ContextOptions]
) -> Context:
    """Build the layout, pick labels, font and page size; ``ExportError`` on an unknown size."""
    page_size = options.get("page_size", "A4")
    size = PAGE_SIZES.get(page_size.upper())
    if size is None:
        raise ExportError(f"page_size: unknown paper size '{page_size}' (expected A4 or Letter)")
    layout = build_layout(problem, schedule, options.get("previous"), options.get("previous_version"))
    chosen = find_font(options.get("font"))
    words = for_event(problem)
    warn_missing_glyphs(chosen, printed_texts(problem, words))
    styles = make_styles(chosen.name, problem.event.language)
    return Context(layout, words, styles, chosen, generated_at, size, {9.5: styles})


class OneDocument(Protocol):
    """The PDF of one group, room or speaker, built from the event and the schedule."""

    def __call__(
        self,
        problem: Problem,
        schedule: Schedule,
        item_id: str,
        /,
        *,
        generated_at: dt.datetime,
        **options: Unpack[ContextOptions],
    ) -> bytes: ...


def standalone(build: Callable[[Context, str], bytes], doc: str) -> OneDocument:
    """``build`` (one item's PDF from a context shared by many) as a function of the event and
    schedule alone (``make_context``'s options), documented by ``doc``."""

    def document(
        problem: Problem,
        schedule: Schedule,
        item_id: str,
        /,
        *,
        generated_at: dt.datetime,
        **options: Unpack[ContextOptions],
    ) -> bytes:
        return build(make_context(problem, schedule, generated_at=generated_at, **options), item_id)

    document.__doc__ = doc
    return document


def _index(entries: tuple[Entry, ...], kind: str) -> dict[str, tuple[Entry, ...]]:
    """Item id -> its entries in layout order, for ``groups``, ``speakers``, ``rooms`` or ``sessions``."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        for item_id in dict.fromkeys(_ids(entry, kind)):
            found.setdefault(item_id, []).append(entry)
    return {item_id: tuple(items) for item_id, items in found.items()}


def _ids(entry: Entry, kind: str) -> list[str]:
    if kind == "rooms":
        return [entry.room.id]
    if kind == "sessions":
        return [entry.session.id]
    return [item.id for item in (entry.groups if kind == "groups" else entry.speakers)]


def printed_texts(problem: Problem, words: Labels) -> list[str]:
    """Every text of the event and the labels a document may print (for the font's glyph check)."""
    event = problem.event
    texts = [event.title, event.venue or "", *event.hosts, *(p.name or "" for p in event.periods)]
    texts += [t for r in problem.rooms for t in (r.name, r.building or "", *r.features)]
    texts += [t for s in problem.speakers for t in (s.name, s.organisation or "")]
    texts += [
        t
        for g in problem.groups
        for t in (g.name, *(f"{m.name}{m.unit or ''}{m.role or ''}" for m in g.members))
    ]
    texts += [t for s in problem.sessions for t in (s.title, s.course or "")]
    texts += [str(v) for v in vars(words).values() if isinstance(v, str)]
    return texts


def check_id(context: Context, kind: str, item_id: str) -> None:
    """Raise ``ExportError`` when the event has no ``kind`` (groups, rooms, ...) with this id."""
    items: tuple[Model, ...] = getattr(context.problem, kind)
    if all(getattr(item, "id", None) != item_id for item in items):
        event = context.problem.event.id
        raise ExportError(f"{kind}: event '{event}' has no {kind.removesuffix('s')} '{item_id}'")


#: The document's language (the catalog's /Lang, BCP 47): screen readers speak it, and readers
#: choose a font for text they must substitute by it.
PDF_LANGUAGE = {"zh": "zh-CN", "en": "en"}


def render(context: Context, story: Sequence[Flowable], *, title: str, wide: bool = False) -> bytes:
    """Lay the story out on portrait (or, ``wide``, landscape) pages with the footer; PDF bytes."""
    size = landscape(context.page_size) if wide else portrait(context.page_size)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 5 * mm, title=title, author=" / ".join(context.problem.event.hosts),
        creator="Huiwu", subject=context.problem.event.title, invariant=1,
        initialFontName=context.font.name, lang=PDF_LANGUAGE[context.problem.event.language],
    )  # fmt: skip
    document.build(list(story), canvasmaker=numbered_canvas(_footer(context)))
    return buffer.getvalue()


def frame_size(context: Context, *, wide: bool = False) -> tuple[float, float]:
    """Width and height available to the story on one page."""
    width, height = landscape(context.page_size) if wide else portrait(context.page_size)
    return width - 2 * MARGIN, height - 2 * MARGIN - 5 * mm - 1


def _footer(context: Context) -> Footer:
    """Event title on the left; version, printing time and ``page n of N`` on the right."""
    words = context.labels
    left = context.problem.event.title
    right = f"{context.version} · {words.printed_at} {context.printed_at} · "

    def draw(canvas: Canvas, number: int, total: int) -> None:
        width = canvas._pagesize[0]
        y = MARGIN - 2 * mm
        canvas.saveState()
        canvas.setFont(context.font.name, 8)
        canvas.setFillColor(MUTED_INK)
        canvas.drawString(MARGIN, y, left)
        canvas.drawRightString(width - MARGIN, y, right + words.page(number, total))
        canvas.restoreState()

    return draw
