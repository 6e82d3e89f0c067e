"""Check a rendered PDF before it is published: page count, page size, every number present."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from pocketguide.errors import PocketguideError, Problem

MM = 72 / 25.4
TOLERANCE_PT = 0.5


def _printed(number: str) -> re.Pattern[str]:
    """A number as extracted text may show it: any spacing inside, no digit either side."""
    inside = r"\s*".join(re.escape(ch) for ch in number if not ch.isspace())
    return re.compile(rf"(?<!\d){inside}(?!\d)")


# A right-to-left font subset maps one glyph to "(" or ")", whichever came first.
_PARENS = str.maketrans(")", "(")


def _beside(text: str, keyword: str, number: str, name: str, right_to_left: bool) -> bool:
    """Whether keyword prints as a whole word within a few characters of number."""
    if name and name != keyword:
        text = text.replace(name, " ")  # the name as printed; the keyword is set apart
    text = text.casefold()
    if right_to_left:
        text, number = text.translate(_PARENS), number.translate(_PARENS)
    word = (
        r"(?<![0-9a-z])" + r"\s*".join(map(re.escape, keyword.casefold().split())) + r"(?![0-9a-z])"
    )
    digits = r"\s*".join(map(re.escape, re.sub(r"\s+", "", number)))
    # Up to 20 characters apart, either way round: "home to 741741", "741741 ... home".
    return re.search(rf"{word}.{{0,20}}{digits}|{digits}.{{0,20}}{word}", text) is not None


def _matches(width: float, height: float, want_w: float, want_h: float) -> bool:
    return abs(width - want_w) <= TOLERANCE_PT and abs(height - want_h) <= TOLERANCE_PT


def verify_pdf(
    data: bytes,
    source: str,
    size_mm: tuple[float, float],
    numbers: list[str],
    pages: tuple[int, int] | None = None,
    either_way: bool = False,
    right_to_left: bool = False,
    keywords: Sequence[tuple[str, str, str]] = (),
    names: Sequence[str] = (),
) -> int:
    """Raise if the PDF's pages or text are not what was meant to be printed; return pages.

    With `either_way`, pages may be the size turned sideways (imposed sheets). A
    `right_to_left` document's text is read in drawing order (pypdf): pdfium reorders it for
    the reader, which turns "(502) 555-0142" in an Arabic line into "555-0142 (502)".
    Each (keyword, number, name) of `keywords` must print as a word next to its number ("text
    HOME to 741741"), not counting the entry's name (Shout, keyword SHOUT). A number in one of
    the printed entries' `names` ("988 Suicide & Crisis Lifeline") must print besides it.
    """
    document = pdfium.PdfDocument(data)  # pdfium reads text ~20x faster than pypdf
    problems = []
    count = len(document)
    if pages and not pages[0] <= count <= pages[1]:
        problems.append(Problem(source, None, f"{count} pages; expected {pages[0]}-{pages[1]}"))
    want_w, want_h = size_mm[0] * MM, size_mm[1] * MM
    texts = []
    wrong_size = False
    attached = document.count_attachments()
    for index, page in enumerate(document, start=1):  # one pass: loading a page is the cost
        attached += _attachment_notes(page)
        left, bottom, right, top = page.get_trimbox()
        width, height = right - left, top - bottom
        if not right_to_left:  # read below, in drawing order
            texts.append(page.get_textpage().get_text_bounded())
        fits = _matches(width, height, want_w, want_h) or (
            either_way and _matches(width, height, want_h, want_w)
        )
        if not fits and not wrong_size:  # one size problem is enough to say
            wrong_size = True
            problems.append(
                Problem(
                    source,
                    None,
                    f"page {index} is {width:.1f} x {height:.1f} pt, "
                    f"expected {want_w:.1f} x {want_h:.1f} pt",
                )
            )
    if attached:
        problems.append(Problem(source, None, "the PDF has embedded files; a guide may have none"))
    if right_to_left:
        from pypdf import PdfReader

        texts = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]

    def normal(words: str) -> str:
        words = re.sub(r"\s+", " ", words)
        return words.translate(_PARENS) if right_to_left else words

    text = normal(" ".join(texts))
    for number in numbers:
        # Spaces inside a number may come and go in extracted text, but not digits around it:
        # "CALL 911 24/7" squashed to "91124/7" held 112.
        found = _printed(normal(number))
        named = sum(len(found.findall(normal(name))) for name in names)
        if len(found.findall(text)) <= named:  # hidden by a stylesheet, with the name shown
            where = " (only inside an entry's name)" if named and found.search(text) else ""
            message = f'the number "{number}" is missing from the PDF{where}'
            problems.append(Problem(source, None, message))
    spaced = re.sub(r"\s+", " ", "".join(texts))
    for keyword, number, name in keywords:
        if not _beside(spaced, keyword, number, name, right_to_left):
            message = f'the text keyword "{keyword}" is missing beside {number} in the PDF'
            problems.append(Problem(source, None, message))
    if problems:
        raise PocketguideError(problems)
    return count


def _attachment_notes(page: pdfium.PdfPage) -> int:
    """How many file attachment notes a page has."""
    count = 0
    for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annotation = raw.FPDFPage_GetAnnot(page.raw, index)
        if raw.FPDFAnnot_GetSubtype(annotation) == raw.FPDF_ANNOT_FILEATTACHMENT:
            count += 1
        raw.FPDFPage_CloseAnnot(annotation)
    return count
