"""Accessibility audit of a rendered PDF: type size, and contrast against the real background."""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pocketguide.contrast import RGB, contrast_ratio
from pocketguide.glyphs import overlapping_digits

MIN_PT_GUIDE = 8.5
MIN_PT_SMALL = 7.0  # cards and the zine
NORMAL_RATIO, LARGE_RATIO = 4.5, 3.0
SCALE = 2.0  # backgrounds are sampled at 144 dpi
PAD_PT = 0.6  # look slightly beyond the glyph box so thin or bold text still shows its ground
_BOLD = re.compile(r"(?<!semi)(?<!demi)bold|black|heavy", re.IGNORECASE)
_DIGITS = re.compile(r"\D")
_NOT_NUMBER = re.compile(r"[\d\s()+./\-\u2010-\u2015]")


@dataclass(frozen=True)
class TextRun:
    """One PDF text object: what it says, how big, how bold, its colour and its box."""

    page: int
    text: str
    size_pt: float
    bold: bool
    colour: RGB
    alpha: float
    box: tuple[float, float, float, float]  # left, bottom, right, top in page space
    clipped: bool = False  # its clip path leaves (almost) nothing of it to see

    @property
    def large(self) -> bool:
        """WCAG large text: at least 18 pt, or 14 pt bold."""
        return self.size_pt >= 18 - 0.05 or (self.bold and self.size_pt >= 14 - 0.05)


def audit_pdf(
    data: bytes, source: str, min_pt: float, numbers: Sequence[str] | None = None
) -> list[str]:
    """Report text below `min_pt` and text whose contrast with its real background is too low.

    With `numbers` (as printed), only the text that shows one of them, on the pages that do.
    """
    import pypdfium2 as pdfium  # lazy: keeps `pocketguide --help` fast

    wanted = None if numbers is None else frozenset(_DIGITS.sub("", n) for n in numbers)
    messages: list[str] = []
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    shown = wanted is None or _shows_number(textpage.get_text_bounded(), wanted)
                finally:
                    textpage.close()
                if shown:
                    messages += _audit_page(page, index + 1, source, min_pt, wanted)
            finally:
                page.close()
    finally:
        document.close()
    return messages


def _shows_number(text: str, wanted: frozenset[str]) -> bool:
    """Whether text shows a number, or a part of one cut by a line break or a style change."""
    digits = _DIGITS.sub("", text)
    if digits in wanted:
        return True  # Morocco's 15, France's 18: short, yet whole numbers
    return len(digits) >= 3 and any(digits in n or n in digits for n in wanted)


def _is_number(text: str, wanted: frozenset[str]) -> bool:
    """Whether a text run is one of the numbers (or part of one), not words with digits."""
    # "Numbers verified as of 11 November 2026" holds 112's digits; it is no number.
    return len(_NOT_NUMBER.sub("", text)) <= 2 and _shows_number(text, wanted)


def _number_parts(runs: list[TextRun], wanted: frozenset[str]) -> set[int]:
    """The runs that print a piece of a number styled apart: "5" of "502-589-1234" in white.

    A run of one or two digits is too short to be told from a page number, unless the runs
    printed next to it, digits only, make up a number with it.
    """
    parts: set[int] = set()
    group: list[int] = []
    for index, run in enumerate([*runs, None]):
        digits_only = run is not None and not _NOT_NUMBER.sub("", run.text)
        if digits_only and any(ch.isdigit() for ch in run.text):
            group.append(index)
            continue
        if len(group) > 1 and _is_number("".join(runs[i].text for i in group), wanted):
            parts.update(group)
        group = []
    return parts


def _audit_page(
    page, number: int, source: str, min_pt: float, wanted: frozenset[str] | None = None
) -> list[str]:
    textpage = page.get_textpage()
    bitmap = page.render(scale=SCALE, rev_byteorder=True, may_draw_forms=True)
    try:
        pixels = _Pixels(bitmap, page.get_cropbox())
        found: dict[tuple, list[str]] = {}
        runs = list(_text_runs(page, textpage, number))
        parts = set() if wanted is None else _number_parts(runs, wanted)
        for index, run in enumerate(runs):
            if wanted is not None and index not in parts and not _is_number(run.text, wanted):
                continue
            if run.size_pt < min_pt - 0.05:
                key = ("size", round(run.size_pt, 1))
                found.setdefault(key, []).append(run.text)
            ground = pixels.background(run.box, run.colour)
            ink = _blend(run.colour, ground, run.alpha)
            if wanted is not None and (run.clipped or pixels.inked(run.box, ink, ground) < 0.01):
                # Clipped (overflow: hidden) or covered: in the text, yet not on the page.
                found.setdefault(("hidden",), []).append(run.text)
                continue
            ratio = contrast_ratio(ink, ground)
            needed = LARGE_RATIO if run.large else NORMAL_RATIO
            if ratio < needed:
                key = ("contrast", math.floor(ratio * 10) / 10, _hex(ink), _hex(ground), needed)
                found.setdefault(key, []).append(run.text)
        if wanted is not None:
            squeezed = [t for t in overlapping_digits(textpage) if _is_number(t, wanted)]
            if squeezed:
                found[("squeezed",)] = squeezed
    finally:
        bitmap.close()
        textpage.close()
    return [_message(source, number, key, texts, min_pt) for key, texts in found.items()]


def _message(source: str, page: int, key: tuple, texts: list[str], min_pt: float) -> str:
    snippet = _snippet(texts[0])
    more = f" (and {len(texts) - 1} more)" if len(texts) > 1 else ""
    if key[0] == "squeezed":
        return (
            f'{source}: page {page}: the digits of "{snippet}"{more} print on top of each other '
            "(a negative letter-spacing, or a font squeezed narrow?)"
        )
    if key[0] == "hidden":
        shows = "does not show in full (clipped or covered)"
        return f'{source}: page {page}: "{snippet}"{more} {shows}'
    if key[0] == "size":
        return (
            f'{source}: page {page}: text "{snippet}"{more} is {key[1]:g} pt, below {min_pt:g} pt'
        )
    _, ratio, ink, ground, needed = key
    return (
        f'{source}: page {page}: contrast {ratio:.1f}:1 ({ink} on {ground}) for "{snippet}"{more}'
        f" (needs {needed:g}:1)"
    )


def _snippet(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _blend(ink: RGB, ground: RGB, alpha: float) -> RGB:
    return tuple(round(alpha * i + (1 - alpha) * g) for i, g in zip(ink, ground, strict=True))


def _text_runs(page, textpage, number: int) -> Iterator[TextRun]:
    """Every visible text object on the page, form XObjects included, in page space."""
    import pypdfium2.raw as raw

    # (matrix, fill alpha, in a picture) of the enclosing form XObjects, outermost first
    forms: list = []
    for obj in page.get_objects(textpage=textpage):
        del forms[obj.level :]
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            matrix, alpha = obj.get_matrix(), _fill(obj)[3] / 255
            pictured = _in_figure(obj) or bool(forms and forms[-1][2])
            if forms:  # a group's opacity (e.g. CSS opacity) multiplies into what it holds
                matrix, alpha = matrix.multiply(forms[-1][0]), alpha * forms[-1][1]
            forms.append((matrix, alpha, pictured))
            continue
        if obj.type != raw.FPDF_PAGEOBJ_TEXT or raw.FPDFTextObj_GetTextRenderMode(obj) == 3:
            continue  # mode 3 is invisible text
        if _in_figure(obj) or (forms and forms[-1][2]):
            continue  # lettering in a picture (a logo), in a form or not: WCAG exempts logotypes
        text = obj.extract()
        if not text.strip():
            continue
        matrix, box = obj.get_matrix(), obj.get_bounds()
        r, g, b_, alpha = _fill(obj)
        alpha /= 255
        if forms:
            matrix, box = matrix.multiply(forms[-1][0]), forms[-1][0].on_rect(*box)
            alpha *= forms[-1][1]
        a, b, c, d = matrix.get()[:4]
        size = obj.get_font_size() * math.sqrt(abs(a * d - b * c))
        font = obj.get_font()
        bold = raw.FPDFFont_GetWeight(font) >= 700 or bool(_BOLD.search(font.get_base_name()))
        clipped = not forms and _clipped_away(obj, box)
        yield TextRun(number, text, size, bold, (r, g, b_), alpha, box, clipped)


def _clipped_away(obj, box: tuple[float, float, float, float]) -> bool:
    """Whether the object's clip paths (overflow: hidden, say) cut a tenth of its box or more.

    The box is the glyphs' own: a number cut at its feet reads 3 for 9, or 6 for 5.
    """
    import pypdfium2.raw as raw

    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return False
    left, bottom, right, top = box
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        for index in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, path, index)
            x, y = ctypes.c_float(), ctypes.c_float()
            if raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if xs:  # each path clips what the one before left
            left, right = max(left, min(xs)), min(right, max(xs))
            bottom, top = max(bottom, min(ys)), min(top, max(ys))
    area = (box[2] - box[0]) * (box[3] - box[1])
    kept = max(0.0, right - left) * max(0.0, top - bottom)
    return area > 0 and kept < 0.9 * area


def _in_figure(obj) -> bool:
    """Whether the object is drawn inside a tagged picture (an <img>, such as an SVG logo)."""
    import pypdfium2.raw as raw

    for index in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, index)
        name = (raw.FPDF_WCHAR * 16)()
        length = ctypes.c_ulong()
        got = raw.FPDFPageObjMark_GetName(mark, name, ctypes.sizeof(name), ctypes.byref(length))
        if got and bytes(name)[: length.value].decode("utf-16-le").rstrip("\0") == "Figure":
            return True
    return False


def _fill(obj) -> tuple[int, int, int, int]:
    import pypdfium2.raw as raw

    channels = [ctypes.c_uint() for _ in range(4)]
    if not raw.FPDFPageObj_GetFillColor(obj, *channels):
        return (0, 0, 0, 255)
    return tuple(c.value for c in channels)


class _Pixels:
    """The rendered page, sampled inside text boxes."""

    def __init__(self, bitmap, cropbox: tuple[float, float, float, float]):
        self.view = memoryview(bitmap.buffer).cast("B")
        self.stride, self.channels = bitmap.stride, bitmap.n_channels
        self.width, self.height = bitmap.width, bitmap.height
        self.left, self.top = cropbox[0], cropbox[3]

    def background(self, box: tuple[float, float, float, float], ink: RGB) -> RGB:
        """The most common colour under the box that is not the text's own ink."""
        counts: Counter = Counter(self._pixels(box, PAD_PT))
        for colour, _ in counts.most_common():
            if max(abs(c - i) for c, i in zip(colour, ink, strict=True)) > 24:
                return colour
        return ink  # nothing but ink under the text: it cannot be seen

    def inked(self, box: tuple[float, float, float, float], ink: RGB, ground: RGB) -> float:
        """The share of the box's pixels of (nearly) the ink's colour: 0 if nothing shows."""
        # Close to the ink itself: other text the number lies under is not its ink.
        reach = _distance(ink, ground) // 5
        pixels = list(self._pixels(box, 0.0))
        near = sum(_distance(pixel, ink) <= reach for pixel in pixels)
        return near / len(pixels) if pixels else 0.0

    def _pixels(self, box: tuple[float, float, float, float], pad: float) -> Iterator[RGB]:
        """The colours of the pixels under a box (in page space), `pad` points wider."""
        left, bottom, right, top = box
        x0 = max(0, int((left - pad - self.left) * SCALE))
        x1 = min(self.width, math.ceil((right + pad - self.left) * SCALE))
        y0 = max(0, int((self.top - top - pad) * SCALE))
        y1 = min(self.height, math.ceil((self.top - bottom + pad) * SCALE))
        n = self.channels
        for row in range(y0, y1):
            start = row * self.stride
            line = self.view[start + x0 * n : start + x1 * n]
            yield from zip(line[0::n], line[1::n], line[2::n], strict=True)


def _distance(a: RGB, b: RGB) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))
