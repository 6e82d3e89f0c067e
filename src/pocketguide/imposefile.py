"""`pocketguide impose`: impose any PDF file and write the result (the imposing is impose.py's)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Literal

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from pocketguide.errors import PocketguideError, display_path
from pocketguide.impose import (
    Duplex,
    default_paper,
    impose_booklet,
    impose_cards,
    impose_zine,
    read_pdf,
)
from pocketguide.output import check_output_path, write_atomic


def impose_file(
    input_path: Path,
    layout: Literal["saddle", "zine", "cards"],
    out_path: Path,
    paper: str | None = None,
    duplex: Duplex = "long",
    creep_mm: float = 0.0,
    right_to_left: bool = False,
) -> tuple[str, int]:
    """Impose any PDF (pages scaled to fit), write it atomically; returns paper and sheets."""
    name = display_path(input_path)
    if input_path.resolve() == out_path.resolve():
        raise PocketguideError(f"{display_path(out_path)}: the output would replace the input")
    check_output_path(out_path)  # found before the work, whatever its name ends in
    if creep_mm and layout != "saddle":
        raise PocketguideError("--creep applies only to --layout saddle")
    if right_to_left and layout == "cards":
        raise PocketguideError("--right-to-left applies only to --layout saddle or zine")
    try:
        data = input_path.read_bytes()
    except OSError as exc:
        raise PocketguideError(f"{name}: cannot read the file: {exc.strerror}") from None
    paper = paper or default_paper(read_pdf(data, name))
    try:
        if layout == "saddle":
            result = impose_booklet(
                data,
                paper,
                duplex,
                creep_mm,
                fit_pages=True,
                name=name,
                right_to_left=right_to_left,
            )
        elif layout == "zine":
            result = impose_zine(
                data, paper, fit_pages=True, name=name, right_to_left=right_to_left
            )
        else:
            result = impose_cards(data, paper, duplex=duplex, fit_pages=True, name=name)
    except (PyPdfError, DependencyError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # A page whose contents break only when merged.
        raise PocketguideError(f"{name}: not a readable PDF ({exc})") from None
    pages = len(PdfReader(BytesIO(result)).pages)
    write_atomic(out_path, result)
    return paper, pages if layout == "zine" else (pages + 1) // 2
