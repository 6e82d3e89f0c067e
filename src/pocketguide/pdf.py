"""The WeasyPrint step: HTML in, PDF bytes out, its log collected as build warnings."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from pocketguide.errors import PocketguideError, Problem

# Harmless WeasyPrint notices that never count as warnings, even with --strict.
ALLOWED_NOTICES = (
    "Using fontTools instead of HarfBuzz-Subset",  # subsetting fallback; output is correct.
)


PX_MM = 25.4 / 96  # WeasyPrint lays out in CSS pixels


@dataclass(frozen=True)
class Fit:
    """How tall a box's content is, and how much room the box has, in millimetres."""

    label: str
    content_mm: float
    room_mm: float


@dataclass
class PdfResult:
    """The PDF bytes and what WeasyPrint said while making them."""

    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    fits: list[Fit] = field(default_factory=list)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def html_to_pdf(
    html: str, base_dir: Path, roots: list[Path], source: str, measure: bool = False
) -> PdfResult:
    """Render HTML to PDF with file access confined to roots; errors name `source`.

    With `measure`, report how tall the content of each `data-fit` element is against its room.
    """
    import weasyprint  # lazy: keeps `pocketguide --help` fast

    from pocketguide.fetcher import ConfinedFetcher
    from pocketguide.limits import document_problems, html_problems, image_bombs_are_errors

    # roots[0] is the project: refusals are reported at the project file that asked for them.
    if problems := html_problems(html, source, roots[0]):
        raise PocketguideError(problems)
    fetcher = ConfinedFetcher(roots)
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        with image_bombs_are_errors():
            document = weasyprint.HTML(
                string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher
            ).render()
        if problems := document_problems(document, source, roots[0]):
            raise PocketguideError(fetcher.problems(source, roots[0]) + problems)
        fits = _measure_fits(document) if measure else []
        # Tagging is a write option (render's is ignored). PDF/UA-1 gives the same structure
        # tree as pdf_tags=True plus the XMP dc:title and PDF/UA identifier validators expect.
        data = document.write_pdf(
            pdf_identifier=b"pocketguide", custom_metadata=True, pdf_variant="pdf/ua-1"
        )
    except PocketguideError:
        raise
    except Exception as exc:  # WeasyPrint raises many types on hostile input
        raise PocketguideError(Problem(source, None, f"PDF rendering failed: {exc}")) from None
    finally:
        logger.removeHandler(collector)
    problems = fetcher.problems(source, roots[0])
    warnings = []
    for record in collector.records:
        message = record.getMessage()
        if any(message.startswith(allowed) for allowed in ALLOWED_NOTICES):
            continue
        if fetcher.refused and "PermissionError: refused" in message:
            continue  # already reported, more clearly, by the fetcher
        if len(message) > 300:
            message = message[:297] + "..."
        if record.levelno >= logging.ERROR:
            problems.append(Problem(source, None, f"WeasyPrint: {message}"))
        else:
            warnings.append(f"{source}: WeasyPrint: {message}")
    if problems:
        raise PocketguideError(sorted(set(problems), key=problems.index))
    return PdfResult(data, len(document.pages), warnings, fits)


def _measure_fits(document) -> list[Fit]:
    """Content height vs room of every `data-fit` box (whose content is one unbreakable block)."""
    fits = []
    for page in document.pages:
        for box in page._page_box.descendants():  # WeasyPrint has no public layout-tree API
            element = getattr(box, "element", None)
            label = element.get("data-fit") if element is not None else None
            if not label or type(box).__name__ != "BlockBox" or not box.children:
                continue
            top = box.content_box_y()
            bottom = max(child.position_y + child.margin_height() for child in box.children)
            fits.append(Fit(label, (bottom - top) * PX_MM, box.height * PX_MM))
    return fits
