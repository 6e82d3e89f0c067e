"""`pocketguide preview`: PNG pages and a contact sheet of a built PDF, via pypdfium2 and Pillow."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from pocketguide.errors import PocketguideError
from pocketguide.options import Options
from pocketguide.output import write_atomic
from pocketguide.resources import templates_dir

DEFAULT_PAGES = 8
DPI = 100
COLUMNS = 4
GUTTER = 24
LABEL_HEIGHT = 28
BACKGROUND = (236, 236, 236)
BORDER = (190, 190, 190)
LABEL_COLOUR = (80, 80, 80)
_PART = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")


@dataclass
class Preview:
    """What a preview wrote."""

    pdf: Path
    pages: list[Path]
    sheet: Path
    page_count: int
    warnings: list[str] = field(default_factory=list)


def parse_pages(spec: str) -> list[tuple[int, int]]:
    """Parse `1-8`, `3` or `1,3,5-7` into (first, last) ranges; ValueError says what is wrong."""
    ranges = []
    bad = ValueError(f'"{spec}" is not a page list like 1-8, 3 or 1,3,5-7')
    if not spec.strip():
        raise bad
    for part in spec.split(","):
        match = _PART.fullmatch(part)
        if not match:
            raise bad
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1:
            raise ValueError(f'"{spec}": pages are numbered from 1')
        if last < first:
            raise ValueError(f'"{spec}": the range {first}-{last} runs backwards')
        ranges.append((first, last))
    return ranges


def select_pages(ranges: list[tuple[int, int]] | None, count: int) -> list[int]:
    """The page numbers to show, in the given order without repeats; default the first 8."""
    if ranges is None:
        return list(range(1, min(DEFAULT_PAGES, count) + 1))
    beyond = max(last for _first, last in ranges)
    if beyond > count:
        has = f"{count} page" if count == 1 else f"{count} pages"
        raise PocketguideError(f"--pages: page {beyond} is out of range; the PDF has {has}")
    numbers = dict.fromkeys(n for first, last in ranges for n in range(first, last + 1))
    return list(numbers)


def preview_project(
    project_dir: Path,
    fmt: str = "guide",
    locale: str | None = None,
    pages: list[tuple[int, int]] | None = None,
    out_dir: Path | None = None,
    options: Options | None = None,
) -> Preview:
    """Build one format in one locale (default: the primary), then render its pages to PNG.

    `pages` are (first, last) ranges from parse_pages; None shows the first 8 pages.
    `options` are build's print options (paper, duplex) for the imposed formats.
    """
    from pocketguide.build import build
    from pocketguide.project import load_project

    chosen = locale or load_project(project_dir).locales[0]
    report = build(project_dir, formats=(fmt,), out_dir=out_dir, locales=(chosen,), options=options)
    # One format in one locale: one file, built or up to date (a failure raised).
    result = render_preview(report.written[0].path, pages)
    result.warnings = report.warnings
    return result


def render_preview(
    pdf_path: Path, ranges: list[tuple[int, int]] | None = None, dpi: int = DPI
) -> Preview:
    """Write `<stem>-preview/page-NN.png` and the contact sheet `<stem>-preview.png`."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_path)
    try:
        count = len(document)
        pages = select_pages(ranges, count)
        images = []
        for number in pages:
            page = document[number - 1]
            try:
                images.append(page.render(scale=dpi / 72).to_pil())
            finally:
                page.close()
    finally:
        document.close()
    folder = pdf_path.with_name(f"{pdf_path.stem}-preview")
    keep = {f"page-{number:02d}.png" for number in pages}
    for old in folder.glob("page-*.png") if folder.is_dir() else []:
        if old.name not in keep:  # left over from an earlier preview of other pages
            old.unlink()
    written = []
    for number, image in zip(pages, images, strict=True):
        target = folder / f"page-{number:02d}.png"
        write_atomic(target, _png(image))
        written.append(target)
    sheet = pdf_path.with_name(f"{pdf_path.stem}-preview.png")
    write_atomic(sheet, _png(contact_sheet(images, pages)))
    return Preview(pdf_path, written, sheet, count)


def sheet_size(page_size: tuple[int, int], count: int, columns: int = COLUMNS) -> tuple[int, int]:
    """Pixel size of a contact sheet of `count` pages of `page_size` pixels."""
    cols = min(columns, count)
    rows = math.ceil(count / cols)
    width, height = page_size
    return cols * width + (cols + 1) * GUTTER, rows * (height + LABEL_HEIGHT) + (rows + 1) * GUTTER


def contact_sheet(images: list, numbers: list[int], columns: int = COLUMNS):
    """Pages in a grid on a light background, each with its page number underneath."""
    from PIL import Image, ImageDraw

    width = max(image.width for image in images)
    height = max(image.height for image in images)
    sheet = Image.new("RGB", sheet_size((width, height), len(images), columns), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = _label_font()
    cols = min(columns, len(images))
    for index, (image, number) in enumerate(zip(images, numbers, strict=True)):
        row, col = divmod(index, cols)
        x = GUTTER + col * (width + GUTTER)
        y = GUTTER + row * (height + LABEL_HEIGHT + GUTTER)
        draw.rectangle((x - 1, y - 1, x + image.width, y + image.height), outline=BORDER)
        sheet.paste(image, (x, y))
        label_y = y + height + LABEL_HEIGHT // 2 + 2
        draw.text((x + width // 2, label_y), str(number), fill=LABEL_COLOUR, font=font, anchor="mm")
    return sheet


def _label_font():
    from PIL import ImageFont

    return ImageFont.truetype(str(templates_dir() / "fonts" / "NotoSans-Regular.ttf"), 16)


def _png(image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
