"""Check a rendered PDF before it is published: page count, page size, every number present."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from pocketguide.errors import PocketguideError, Problem

MM = 72 / 25.4
TOLERANCE_PT = 0.5


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _matches(width: float, height: float, want_w: float, want_h: float) -> bool:
    return abs(width - want_w) <= TOLERANCE_PT and abs(height - want_h) <= TOLERANCE_PT


def verify_pdf(
    data: bytes,
    source: str,
    size_mm: tuple[float, float],
    numbers: list[str],
    pages: tuple[int, int] | None = None,
    either_way: bool = False,
) -> int:
    """Raise if the PDF's pages or text are not what was meant to be printed; return pages.

    With `either_way`, pages may be the size turned sideways (imposed sheets).
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
    text = _squash("".join(texts)).casefold()  # a keyword may print in capitals
    for number in numbers:
        if _squash(number).casefold() not in text:
            what = "number" if any(c.isdigit() for c in number) else "text keyword"
            problems.append(Problem(source, None, f'the {what} "{number}" is missing from the PDF'))
    if problems:
        raise PocketguideError(problems)
    return count


def embedded_files(pdf: bytes | pdfium.PdfDocument) -> int:
    """How many files a PDF embeds: in its EmbeddedFiles tree and as file attachment notes."""
    document = pdf if isinstance(pdf, pdfium.PdfDocument) else pdfium.PdfDocument(pdf)
    return document.count_attachments() + sum(_attachment_notes(page) for page in document)


def _attachment_notes(page: pdfium.PdfPage) -> int:
    """How many file attachment notes a page has."""
    count = 0
    for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annotation = raw.FPDFPage_GetAnnot(page.raw, index)
        if raw.FPDFAnnot_GetSubtype(annotation) == raw.FPDF_ANNOT_FILEATTACHMENT:
            count += 1
        raw.FPDFPage_CloseAnnot(annotation)
    return count
