"""Where a PDF's digits sit: neighbours whose ink overlaps print as one blot."""

from __future__ import annotations

import ctypes

OVERLAP = 0.25  # of the narrower glyph's ink: 0.5 at letter-spacing -0.3em, below 0.1 at -0.1em


def overlapping_digits(textpage) -> list[str]:
    """Texts whose neighbouring digits overlap by a quarter of a glyph or more.

    A letter-spacing typo (-0.3em for -0.03em) keeps every digit in the PDF's text, yet
    prints 911 as one blot. Normal type leaves a gap between digits' ink.
    """
    import pypdfium2.raw as raw

    found: dict[int, str] = {}
    previous = None
    for index in range(textpage.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(textpage, index))
        owner = ctypes.cast(raw.FPDFText_GetTextObject(textpage, index), ctypes.c_void_p).value
        box = textpage.get_charbox(index)  # the ink: left, bottom, right, top
        if char.isdigit() and previous and previous[0] == owner and owner not in found:
            width = min(previous[1][2] - previous[1][0], box[2] - box[0])
            if width > 0 and previous[1][2] - box[0] > OVERLAP * width:
                found[owner] = _object_text(textpage, owner)
        previous = (owner, box) if char.isdigit() else None
    return list(found.values())


def _object_text(textpage, owner: int) -> str:
    """The characters of one text object, in order."""
    import pypdfium2.raw as raw

    return "".join(
        chr(raw.FPDFText_GetUnicode(textpage, i))
        for i in range(textpage.count_chars())
        if ctypes.cast(raw.FPDFText_GetTextObject(textpage, i), ctypes.c_void_p).value == owner
    )
