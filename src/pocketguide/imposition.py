"""Imposition arithmetic: page orders, panels, card grids and scaling, with no PDF code.

Conventions: source pages are 0-based indices; None is a blank. Lengths are in
millimetres unless a name says otherwise; positions are measured from the bottom-left
corner of the sheet, as in PDF.

Every back side is laid out for a sheet turned over about its vertical axis (like a book
page, as seen on screen). `back_rotation` says when the printer's flip needs that back
turned 180 degrees instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

EPS = 1e-6


@dataclass(frozen=True)
class Side:
    """One printed side of a folded booklet sheet: two source pages side by side."""

    sheet: int  # 0 is the outermost sheet
    front: bool
    left: int | None
    right: int | None


@dataclass(frozen=True)
class Panel:
    """One panel of the one-page zine: a source page, its cell and its rotation."""

    page: int
    col: int  # 0..3 from the left
    row: int  # 0 is the top row, 1 the bottom row
    rotation: int  # 0 or 180 degrees


@dataclass(frozen=True)
class Grid:
    """Where cards go on a sheet; positions are the bottom-left corners of the cards."""

    paper_w: float
    paper_h: float
    card_w: float
    card_h: float
    cols: int
    rows: int
    fronts: tuple[tuple[float, float], ...]
    backs: tuple[tuple[float, float], ...]  # backs[i] lies behind fronts[i]

    @property
    def count(self) -> int:
        """Cards per sheet."""
        return self.cols * self.rows

    @property
    def landscape(self) -> bool:
        """Whether the sheet is used in landscape orientation."""
        return self.paper_w > self.paper_h


def saddle_pad(n_pages: int) -> list[int | None]:
    """The page sequence padded with blanks to a multiple of 4, blanks before the back cover.

    The last page is the back cover and stays last. A single page has no separate back
    cover, so its three blanks follow it.
    """
    if n_pages < 1:
        raise ValueError("a booklet needs at least one page")
    blanks = -n_pages % 4
    pages: list[int | None] = list(range(n_pages))
    if n_pages == 1:
        return pages + [None] * blanks
    return pages[:-1] + [None] * blanks + pages[-1:]


def saddle_sides(n_pages: int, right_to_left: bool = False) -> list[Side]:
    """Every sheet side in print order: sheet 1 front (last, 1), back (2, last-1), and so on.

    A right-to-left book (Arabic, Hebrew) is bound on its right: every side is mirrored, so
    sheet 1's front is (1, last).
    """
    order = saddle_pad(n_pages)
    total = len(order)
    sides: list[Side] = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet, total - 1 - 2 * sheet
        pairs = ((True, order[inner], order[outer]), (False, order[outer + 1], order[inner - 1]))
        for front, left, right in pairs:
            sides.append(Side(sheet, front, *((right, left) if right_to_left else (left, right))))
    return sides


def creep_offsets(n_sheets: int, total_mm: float) -> list[float]:
    """How far each sheet's pages move toward the spine: 0 outermost, total_mm innermost."""
    if n_sheets < 1:
        return []
    if n_sheets == 1:
        return [0.0]
    return [total_mm * i / (n_sheets - 1) for i in range(n_sheets)]


def zine_panels(right_to_left: bool = False) -> list[Panel]:
    """The one-page zine: top row upside down 5, 4, 3, 2; bottom row upright 6, 7, 8, 1.

    Right to left, the sheet is mirrored (2, 3, 4, 5 over 1, 8, 7, 6): folded and cut the
    same way, it opens from the other side, as an Arabic or Hebrew booklet does.
    """
    top = [Panel(page, col, 0, 180) for col, page in enumerate((4, 3, 2, 1))]
    bottom = [Panel(page, col, 1, 0) for col, page in enumerate((5, 6, 7, 0))]
    if right_to_left:
        return [Panel(p.page, 3 - p.col, p.row, p.rotation) for p in top + bottom]
    return top + bottom


def zine_panel_mm(paper_mm: tuple[float, float]) -> tuple[float, float]:
    """The size of one zine panel on a landscape sheet of this paper."""
    long_side, short_side = max(paper_mm), min(paper_mm)
    return long_side / 4, short_side / 2


def back_rotation(sheet_w: float, sheet_h: float, duplex: Literal["long", "short"]) -> int:
    """Degrees to turn a back side so it lines up for the printer's flip.

    Backs are laid out for a flip about the sheet's vertical axis. On a portrait sheet that
    is the long edge; on a landscape sheet it is the short edge. The other flip turns
    the back upside down, so it needs 180 degrees: portrait with short-edge duplex, and
    landscape with long-edge duplex.
    """
    if duplex not in ("long", "short"):
        raise ValueError(f"duplex must be long or short, not {duplex!r}")
    landscape = sheet_w > sheet_h
    return 180 if landscape == (duplex == "long") else 0


def _fit_count(space: float, size: float, gutter: float, room: float) -> int:
    """How many items of size fit in space with gutters between and room at both ends."""
    return max(0, math.floor((space - 2 * room + gutter + EPS) / (size + gutter)))


def _spread(space: float, size: float, count: int, gutter: float, room: float) -> list[float]:
    """Start positions: the spare space shared equally by the count + 1 gaps."""
    spare = space - count * size - (count - 1) * gutter - 2 * room
    extra = spare / (count + 1)
    first = room + extra
    return [first + i * (size + gutter + extra) for i in range(count)]


def card_grid(
    paper_mm: tuple[float, float],
    card_mm: tuple[float, float],
    margin_mm: float = 6.0,
    gutter_mm: float = 1.5,
    mark_mm: float = 4.0,
) -> Grid:
    """The most cards that fit on the paper, either orientation, with room for crop marks.

    Nothing is placed in the printer's margin (margin_mm from each edge); between the
    margin and the outer cards there are at least mark_mm for crop marks, and at least
    gutter_mm between neighbouring cards. A tie goes to portrait.
    """
    if margin_mm < 6.0:
        raise ValueError("printer-safe margins are at least 6 mm")
    card_w, card_h = card_mm
    short_side, long_side = sorted(paper_mm)
    best: Grid | None = None
    for paper_w, paper_h in ((short_side, long_side), (long_side, short_side)):
        space_w, space_h = paper_w - 2 * margin_mm, paper_h - 2 * margin_mm
        cols = _fit_count(space_w, card_w, gutter_mm, mark_mm)
        rows = _fit_count(space_h, card_h, gutter_mm, mark_mm)
        if best is not None and cols * rows <= best.count:
            continue
        xs = [margin_mm + x for x in _spread(space_w, card_w, cols, gutter_mm, mark_mm)]
        # Rows from the top down, so card 1 sits at the top left.
        ys = [margin_mm + y for y in _spread(space_h, card_h, rows, gutter_mm, mark_mm)][::-1]
        fronts = tuple((x, y) for y in ys for x in xs)
        backs = tuple((paper_w - x - card_w, y) for x, y in fronts)
        best = Grid(paper_w, paper_h, card_w, card_h, cols, rows, fronts, backs)
    assert best is not None
    return best


def fit(src_w: float, src_h: float, box_w: float, box_h: float) -> tuple[float, float, float]:
    """Scale and offsets that fit a src_w x src_h page into a box, aspect kept, centred."""
    if min(src_w, src_h, box_w, box_h) <= 0:
        raise ValueError("sizes must be positive")
    scale = min(box_w / src_w, box_h / src_h)
    return scale, (box_w - src_w * scale) / 2, (box_h - src_h * scale) / 2


def booklet_layout(
    page_w: float, page_h: float, paper_w: float, paper_h: float, tolerance: float
) -> tuple[float, float, int] | None:
    """Sheet width, height and copies for a booklet of these pages (any one unit), or None.

    Two copies on portrait paper when two pages fit across and two down, else one landscape.
    """
    short, long_ = min(paper_w, paper_h), max(paper_w, paper_h)
    if 2 * page_w <= short + tolerance and 2 * page_h <= long_ + tolerance:
        return short, long_, 2
    for w, h in ((long_, short), (short, long_)):
        if 2 * page_w <= w + tolerance and page_h <= h + tolerance:
            return w, h, 1
    return None


def booklet_scale(page_mm: tuple[float, float], paper_mm: tuple[float, float]) -> float:
    """1.0 when pages fit a booklet on the paper as they are, else the scale that fits them."""
    (pw, ph), (paper_w, paper_h) = page_mm, paper_mm
    if booklet_layout(pw, ph, paper_w, paper_h, TOLERANCE_MM) is not None:
        return 1.0
    return min(max(paper_w, paper_h) / 2 / pw, min(paper_w, paper_h) / ph)


TOLERANCE_MM = 0.5 * 25.4 / 72  # as sheets.TOL (0.5 pt): a page this much larger still fits
