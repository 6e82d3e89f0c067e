"""One imposed sheet side: source pages drawn into panels, and the marks drawn with them.

Each source page becomes a Form XObject, placed with a matrix and clipped to its panel, the
way imposition tools do it: its content stream is copied, never parsed or rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from pypdf import PageObject, PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    RectangleObject,
    StreamObject,
)

from pocketguide.errors import PocketguideError
from pocketguide.imposition import fit
from pocketguide.paper import MM

Rect = tuple[float, float, float, float]  # left, bottom, width, height in points
TOL = 0.5  # points: how far a page may differ from its panel and still count as a match
SAFE = 6 * MM  # printer-safe margin: crop marks stay inside it


@dataclass(frozen=True)
class Source:
    """A source page and its trim box (left, bottom, width, height) in points."""

    page: PageObject
    box: Rect
    number: int  # 1-based, for messages


class Sheet:
    """One output page: source pages placed in panels, with marks drawn under and over."""

    def __init__(self, writer: PdfWriter, width: float, height: float):
        self.width, self.height = width, height
        self.page = writer.add_blank_page(width, height)
        self.under: list[str] = []  # drawing operators, beneath the pages
        self.over: list[str] = []  # drawing operators, above the pages
        self.placed: list[tuple[Source, Rect, int, float]] = []

    def place(self, src: Source, panel: Rect, rotation: int = 0, shift: float = 0.0) -> None:
        """Queue a source page for a panel (x, y, w, h), turned by rotation, moved by shift."""
        self.placed.append((src, panel, rotation, shift))

    def finish(self, writer: PdfWriter, fit_pages: bool, name: str, turn: int = 0) -> None:
        """Draw everything; turn=180 turns the finished side upside down."""
        ops, forms = [], DictionaryObject()
        if turn:
            ops.append(f"q -1 0 0 -1 {_num(self.width)} {_num(self.height)} cm")
        if self.under:
            ops.append(_artifact(self.under))
        for index, (src, panel, rotation, shift) in enumerate(self.placed):
            form = NameObject(f"/P{index}")
            forms[form] = _form_of(writer, src.page)
            ops.append(_placement(src, panel, rotation, shift, fit_pages, name, form))
        if self.over:
            ops.append(_artifact(self.over))
        if turn:
            ops.append("Q")
        contents = DecodedStreamObject()
        contents.set_data("\n".join(ops).encode("ascii"))
        self.page[NameObject("/Contents")] = writer._add_object(contents.flate_encode())
        self.page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): forms})


# Each source page becomes one Form XObject per output file, drawn wherever it is placed:
# its content stream is copied as it is, never parsed, and two copies share one object.
# Object numbers, not objects, are kept: an IndirectObject would keep its writer alive.
_FORMS: WeakKeyDictionary[PdfWriter, dict[int, int]] = WeakKeyDictionary()


def _form_of(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """The page as a Form XObject in writer (made once per page)."""
    made = _FORMS.setdefault(writer, {})
    if id(page) not in made:
        form = DecodedStreamObject()
        form.set_data(_contents(page))
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): RectangleObject(page.mediabox),
            }
        )
        # read_pdf's writer copy has already moved inherited entries onto each page.
        for key in ("/Resources", "/Group"):
            if key in page:
                form[NameObject(key)] = page.raw_get(key).clone(writer)
        # pypdf has no public way to add an object to a writer
        made[id(page)] = writer._add_object(form.flate_encode()).idnum
    return IndirectObject(made[id(page)], 0, writer)


def _contents(page: PageObject) -> bytes:
    """A page's content streams, joined; a missing or null entry is an empty page."""
    contents = page.get("/Contents")
    items = contents if isinstance(contents, ArrayObject) else [contents]
    streams = [item.get_object() if item is not None else None for item in items]
    return b"\n".join(s.get_data() for s in streams if isinstance(s, StreamObject))


def _num(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _artifact(ops: list[str]) -> str:
    return "/Artifact BMC\nq\n" + "\n".join(ops) + "\nQ\nEMC"


def _in_panel(src: Source, pw: float, ph: float, fit_pages: bool, name: str):
    """Scale and centring offsets of a page in a pw x ph panel; too big is an error unless fit."""
    w, h = src.box[2:]
    if abs(w - pw) <= TOL and abs(h - ph) <= TOL:
        return 1.0, (pw - w) / 2, (ph - h) / 2
    if fit_pages:
        return fit(w, h, pw, ph)
    if w > pw + TOL or h > ph + TOL:
        raise PocketguideError(
            f"{name}: page {src.number} is {mm(w, h)}, larger than its {mm(pw, ph)} panel"
        )
    return 1.0, (pw - w) / 2, (ph - h) / 2


def check_sizes(sources: list[Source], pw: float, ph: float, fit_pages: bool, name: str):
    """Fail on the first page, in reading order, that does not fit its panel."""
    for src in sources:
        _in_panel(src, pw, ph, fit_pages, name)


def _placement(src: Source, panel, rotation, shift, fit_pages, name, form: str) -> str:
    """Operators drawing a source page in a panel: scaled only when fit_pages, centred, clipped."""
    left, bottom, w, h = src.box
    px, py, pw, ph = panel
    scale, dx, dy = _in_panel(src, pw, ph, fit_pages, name)
    ox = dx + shift
    # Clip to the part of the page that lands inside the panel, in the page's own units.
    x1, y1 = left + max(0.0, -ox) / scale, bottom + max(0.0, -dy) / scale
    x2 = left + (min(pw, ox + w * scale) - ox) / scale
    y2 = bottom + (min(ph, dy + h * scale) - dy) / scale
    ctm = Transformation((scale, 0, 0, scale, ox - left * scale, dy - bottom * scale))
    if rotation == 180:
        ctm = ctm.transform(Transformation((-1, 0, 0, -1, pw, ph)))
    matrix = " ".join(_num(v) for v in ctm.translate(px, py).ctm)
    clip = " ".join(_num(v) for v in (x1, y1, x2 - x1, y2 - y1))
    return f"q {matrix} cm {clip} re W n {form} Do Q"


def mm(w: float, h: float) -> str:
    return f"{w / MM:.1f} x {h / MM:.1f} mm"


def line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S"


def crop_marks(sheet: Sheet, rects: list[Rect]) -> None:
    """Crop marks at every corner of every rectangle, outside all of them, inside the margin."""
    offset, length = 1 * MM, 3 * MM
    marks: set[str] = set()
    for x, y, w, h in rects:
        for cx, sx in ((x, -1), (x + w, 1)):
            for cy, sy in ((y, -1), (y + h, 1)):
                for dx, dy in ((sx, 0), (0, sy)):
                    room, hits_rect = _room(sheet, rects, cx, cy, dx, dy)
                    start = min(offset, room / 4) if hits_rect else min(offset, room / 2)
                    end = min(start + length, room - start if hits_rect else room)
                    if end - start >= 0.5:
                        marks.add(
                            line(cx + dx * start, cy + dy * start, cx + dx * end, cy + dy * end)
                        )
    if marks:
        sheet.over.extend(["0 G 0.3 w [] 0 d", *sorted(marks)])


def fold_marks(sheet: Sheet, rects: list[Rect], fold_x: float) -> None:
    """A dashed mark above and below each rectangle where the sheet folds (a booklet's spine,
    `fold_x` from each rectangle's left), placed as the crop marks are."""
    offset, length = 1 * MM, 3 * MM
    marks: set[str] = set()
    for x, y, _w, h in rects:
        for cy, dy in ((y, -1), (y + h, 1)):
            room, hits_rect = _room(sheet, rects, x + fold_x, cy, 0, dy)
            start = min(offset, room / 4) if hits_rect else min(offset, room / 2)
            end = min(start + length, room - start if hits_rect else room)
            if end - start >= 0.5:
                marks.add(line(x + fold_x, cy + dy * start, x + fold_x, cy + dy * end))
    if marks:
        sheet.over.extend(["0 G 0.3 w [1 1] 0 d", *sorted(marks)])


def _room(sheet: Sheet, rects, cx, cy, dx, dy) -> tuple[float, bool]:
    """Free distance from a corner in one axis direction, and whether a rectangle ends it."""
    if dx:
        room = (sheet.width - SAFE - cx) if dx > 0 else (cx - SAFE)
    else:
        room = (sheet.height - SAFE - cy) if dy > 0 else (cy - SAFE)
    hits = False
    for x, y, w, h in rects:
        if dx and y - 1e-6 <= cy <= y + h + 1e-6:
            gap = (x - cx) if dx > 0 else (cx - (x + w))
        elif dy and x - 1e-6 <= cx <= x + w + 1e-6:
            gap = (y - cy) if dy > 0 else (cy - (y + h))
        else:
            continue
        if -1e-6 <= gap <= room:
            room, hits = gap, True
    return max(room, 0.0), hits
