"""Imposition on real PDFs with pypdf: booklet, one-page zine and card sheets.

PDF bytes in, PDF bytes out, the same bytes for the same input. The page arithmetic is in
imposition.py. Link annotations are dropped: an imposed sheet is for printing.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from io import BytesIO
from typing import Literal, ParamSpec, TypeVar

from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError, PyPdfError
from pypdf.generic import NameObject, TextStringObject

from pocketguide.errors import PocketguideError
from pocketguide.imposition import (
    back_rotation,
    booklet_layout,
    card_grid,
    creep_offsets,
    saddle_sides,
    zine_panel_mm,
    zine_panels,
)
from pocketguide.paper import MM, PAPER_MM
from pocketguide.sheets import (
    TOL,
    Sheet,
    Source,
    check_sizes,
    crop_marks,
    fold_marks,
    line,
    mm,
)

Duplex = Literal["long", "short"]
ISO_A_MM = [(210.0, 297.0), (148.0, 210.0), (105.0, 148.0), (74.0, 105.0)]


P = ParamSpec("P")
R = TypeVar("R")


def _quiet(func: Callable[P, R]) -> Callable[P, R]:
    """Hold back pypdf's repair notices while func runs: bad input gets one clear line."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        log = logging.getLogger("pypdf")
        level = log.level
        log.setLevel(logging.ERROR)
        try:
            return func(*args, **kwargs)
        finally:
            log.setLevel(level)

    return wrapper


def _opens_without_password(reader: PdfReader) -> bool:
    # AES needs the `cryptography` package, which pocketguide does not install: without it
    # pypdf's error named a Python package, not the encrypted file.
    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        return False


@_quiet
def read_pdf(data: bytes, name: str = "input") -> list[Source]:
    """Every page of a PDF with its trim box; a broken or encrypted file is a PocketguideError."""
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise PocketguideError(f"{name}: the PDF is encrypted")
        # A writer's copy: pypdf only transforms the contents of pages that a writer holds.
        pages = PdfWriter(clone_from=reader).pages
        sources = []
        for number, page in enumerate(pages, 1):
            if page.rotation % 360:
                page.transfer_rotation_to_content()
            trim = page.trimbox
            box = (float(trim.left), float(trim.bottom), float(trim.width), float(trim.height))
            if box[2] <= 0 or box[3] <= 0:
                raise PocketguideError(f"{name}: page {number} has an empty page box")
            page.pop(NameObject("/Annots"), None)
            sources.append(Source(page, box, number))
    except (PyPdfError, DependencyError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PocketguideError(f"{name}: not a readable PDF ({exc})") from None
    if not sources:
        raise PocketguideError(f"{name}: the PDF has no pages")
    return sources


def default_paper(sources: list[Source]) -> str:
    """A4 when the first page is an ISO A size (A4 to A7, either way, +-1 mm), else Letter."""
    w, h = sorted(v / MM for v in sources[0].box[2:])
    iso = any(abs(w - a) <= 1 and abs(h - b) <= 1 for a, b in ISO_A_MM)
    return "a4" if iso else "letter"


# What a printed sheet keeps of its source: a file shared by email still says what it is.
_KEPT_INFO = ("/Title", "/Author", "/Subject", "/Keywords", "/CreationDate", "/ModDate")


def _output(writer: PdfWriter, source: bytes) -> bytes:
    kept, lang = {}, None
    try:
        reader = PdfReader(BytesIO(source))
        info = reader.metadata or {}
        kept = {key: str(info[key]) for key in _KEPT_INFO if key in info}
        lang = reader.trailer["/Root"].get("/Lang")
    except (PyPdfError, KeyError, TypeError, ValueError):  # any PDF may be imposed: keep none
        pass
    writer.add_metadata(kept | {"/Producer": "pocketguide"})
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(lang))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _paper_pt(paper: str) -> tuple[float, float]:
    if paper not in PAPER_MM:
        raise PocketguideError(f"unknown paper {paper!r}; use letter or a4")
    w, h = PAPER_MM[paper]
    return w * MM, h * MM


@_quiet
def impose_booklet(
    data: bytes,
    paper: str,
    duplex: Duplex = "long",
    creep_mm: float = 0.0,
    fit_pages: bool = False,
    name: str = "input",
    right_to_left: bool = False,
) -> bytes:
    """Saddle-stitch imposition: two pages per sheet side, two copies when the paper allows.

    `right_to_left`: the booklet is bound on its right, as a right-to-left language reads.
    """
    sources = read_pdf(data, name)
    paper_w, paper_h = _paper_pt(paper)
    pw, ph = sources[0].box[2:]
    layout = booklet_layout(pw, ph, paper_w, paper_h, TOL)
    if layout is None and fit_pages:
        pw, ph = max(paper_w, paper_h) / 2, min(paper_w, paper_h)
        layout = booklet_layout(pw, ph, paper_w, paper_h, TOL)
    if layout is None:
        raise PocketguideError(
            f"{name}: pages of {mm(pw, ph)} do not fit a booklet on {paper} paper"
            f" (two side by side need {mm(2 * pw, ph)})"
        )
    sheet_w, sheet_h, copies = layout
    check_sizes(sources, pw, ph, fit_pages, name)
    sides = saddle_sides(len(sources), right_to_left)
    shifts = creep_offsets(len(sides) // 2, creep_mm)
    turn = back_rotation(sheet_w, sheet_h, duplex)
    x0 = (sheet_w - 2 * pw) / 2
    y0 = (sheet_h - copies * ph) / 2
    origins = [(x0, y0 + i * ph) for i in range(copies)]
    writer = PdfWriter()
    for side in sides:
        sheet = Sheet(writer, sheet_w, sheet_h)
        shift = shifts[side.sheet] * MM
        for ox, oy in origins:
            for index, panel_x, direction in ((side.left, ox, 1), (side.right, ox + pw, -1)):
                if index is not None:
                    sheet.place(sources[index], (panel_x, oy, pw, ph), 0, direction * shift)
        if copies == 2:
            sheet.over.extend(["0 G 0.5 w [4 3] 0 d", line(0, y0 + ph, sheet_w, y0 + ph)])
        crop_marks(sheet, [(ox, oy, 2 * pw, ph) for ox, oy in origins])
        fold_marks(sheet, [(ox, oy, 2 * pw, ph) for ox, oy in origins], pw)  # the spine
        sheet.finish(writer, fit_pages, name, 0 if side.front else turn)
    return _output(writer, data)


@_quiet
def impose_zine(
    data: bytes,
    paper: str,
    fit_pages: bool = False,
    name: str = "input",
    right_to_left: bool = False,
) -> bytes:
    """The one-page zine: 8 panels on one landscape side, with a cut line and fold guides.

    Fewer than 8 pages are padded with blanks at the end. `right_to_left` mirrors the
    panels, so the folded zine opens as a right-to-left language reads.
    """
    sources = read_pdf(data, name)
    if len(sources) > 8:
        raise PocketguideError(f"zine takes at most 8 pages; {name} has {len(sources)}")
    width, height = (max(_paper_pt(paper)), min(_paper_pt(paper)))
    pw, ph = (v * MM for v in zine_panel_mm(PAPER_MM[paper]))
    check_sizes(sources, pw, ph, fit_pages, name)
    writer = PdfWriter()
    sheet = Sheet(writer, width, height)
    for panel in zine_panels(right_to_left):
        if panel.page < len(sources):
            rect = (panel.col * pw, (1 - panel.row) * ph, pw, ph)
            sheet.place(sources[panel.page], rect, panel.rotation)
    sheet.under.append("0.8 G 0.3 w [] 0 d")
    sheet.under.extend(line(i * pw, 0, i * pw, height) for i in (1, 2, 3))
    sheet.under.append(line(0, ph, width, ph))
    sheet.over.extend(["0 G 0.6 w [4 3] 0 d", line(pw, ph, 3 * pw, ph)])
    sheet.finish(writer, fit_pages, name)
    return _output(writer, data)


@_quiet
def impose_cards(
    data: bytes,
    paper: str,
    card_mm: tuple[float, float] = (85.6, 54.0),
    duplex: Duplex = "long",
    fit_pages: bool = False,
    name: str = "input",
) -> bytes:
    """Sheets of cards: page 1 the front, page 2 (optional) the back, lined up for duplex."""
    sources = read_pdf(data, name)
    if len(sources) > 2:
        raise PocketguideError(
            f"cards take one or two pages (front and back); {name} has {len(sources)}"
        )
    grid = card_grid(PAPER_MM[paper], card_mm)
    if grid.count == 0:
        raise PocketguideError(f"{name}: a {card_mm[0]} x {card_mm[1]} mm card does not fit")
    width, height = grid.paper_w * MM, grid.paper_h * MM
    cw, ch = grid.card_w * MM, grid.card_h * MM
    check_sizes(sources, cw, ch, fit_pages, name)
    writer = PdfWriter()
    for side, (src, spots) in enumerate(zip(sources, (grid.fronts, grid.backs), strict=False)):
        sheet = Sheet(writer, width, height)
        rects = [(x * MM, y * MM, cw, ch) for x, y in spots]
        for rect in rects:
            sheet.place(src, rect)
        crop_marks(sheet, rects)
        turn = back_rotation(width, height, duplex) if side else 0
        sheet.finish(writer, fit_pages, name, turn)
    return _output(writer, data)
