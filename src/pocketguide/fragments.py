"""Fragment builds of the guide: lay out only the sections whose HTML changed.

The guide's HTML is cut at `<!-- pocketguide:fragment -->` markers: the cover and contents,
each section (the last with the back cover). Each fragment is laid out on its own, told its
first page number and side, and kept in memory keyed by its exact HTML. The contents get the
page numbers of the anchors the other fragments hold. WeasyPrint then writes all pages as
one document, so links, bookmarks, tags and metadata are those of a full build; when only a
few pages changed since that full write and their structure is the same, only those pages
are written and spliced into it (pocketguide.splice).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.frames import (
    changed_pages,
    link_targets,
    number_contents,
    split_guide,
    start_at,
)
from pocketguide.pdf import PdfResult, Rendering, html_to_pdf

if TYPE_CHECKING:
    from pocketguide.splice import Base


class FragmentCache:
    """Laid-out fragments kept between builds of a long-running process (watch)."""

    def __init__(self, limit: int = 400):
        self.limit = limit
        self._layouts: OrderedDict[str, tuple[object, list]] = OrderedDict()
        self._contents: dict[str, dict[str, int]] = {}
        self._bases: dict[str, Base] = {}  # the last full PDF of each source
        self.laid_out = 0  # fragments laid out (not reused) by the last render
        self.spliced = 0  # pages the last render spliced into the last full PDF
        self._assets = ""

    def has_base(self, source: str) -> bool:
        """Whether a full PDF of `source` was written here, to splice changed pages into."""
        return source in self._bases

    def render(
        self, html: str, base_dir: Path, roots: list[Path], source: str, assets: str = ""
    ) -> PdfResult:
        """The guide's PDF, laying out only fragments not seen before.

        `assets` is a digest of the files the HTML may reference (fonts, images): a logo
        replaced under the same name changes it, so no fragment is reused with the old one.
        """
        self.laid_out = self.spliced = 0
        self._assets = assets
        parts = split_guide(html)
        if parts is None:
            return html_to_pdf(html, base_dir, roots, source)
        head, chunks, tail = parts
        with Rendering(base_dir, roots, source) as rendering:
            pages = self._contents.get(source, {})
            targets = link_targets(chunks)
            for _attempt in range(3):
                front = self._layout(rendering, head + number_contents(chunks[0], pages) + tail)
                documents, anchors = [front], _anchors(front, 1)
                start = len(front.pages) + 1
                for chunk in chunks[1:]:
                    numbered = number_contents(chunk, pages)  # its cross-references
                    document = self._layout(rendering, start_at(head, start) + numbered + tail)
                    anchors = _anchors(document, start) | anchors
                    documents.append(document)
                    start += len(document.pages)
                wanted = {name: anchors.get(name) for name in targets}
                if all(pages.get(name) == page for name, page in wanted.items()):
                    break
                pages = anchors  # the contents changed length or numbers: lay it out again
            else:  # numbers that never settled: only a whole layout has them right
                return html_to_pdf(html, base_dir, roots, source)
            self._contents[source] = pages
            combined = front.copy([page for document in documents for page in document.pages])
            data = self._write(rendering, source, combined)
        return PdfResult(data, len(combined.pages), rendering.warnings)

    def _write(self, rendering: Rendering, source: str, combined) -> bytes:
        """Splice the changed pages into the last full PDF if that is exact, else write all."""
        from pocketguide.splice import Base, splice  # pypdf: only when a guide is written

        base = self._bases.get(source)
        positions = changed_pages(base.pages, combined.pages) if base else None
        if positions == []:
            return base.data
        if positions:
            part = _write_again(rendering, combined.copy([combined.pages[i] for i in positions]))
            if (data := splice(base, positions, part)) is not None:
                self.spliced = len(positions)
                return data
        seen = len(rendering.collector.records)
        data = _write_again(rendering, combined)
        # A write that logged anything is no base: splicing into it would hide what it said.
        if len(rendering.collector.records) == seen:
            self._bases[source] = Base(list(combined.pages), data)
        else:
            self._bases.pop(source, None)
        return data

    def _layout(self, rendering: Rendering, html: str):
        key = hashlib.sha256(f"{self._assets}\0{html}".encode()).hexdigest()
        if key in self._layouts:
            self._layouts.move_to_end(key)
            document, records = self._layouts[key]
            rendering.collector.records.extend(records)  # its warnings still count
            return document
        seen, refused = len(rendering.collector.records), len(rendering.fetcher.refused)
        document = rendering.document(html)
        self.laid_out += 1
        records = rendering.collector.records[seen:]
        # A fragment that was refused a file or logged an error is laid out again next time,
        # so the build keeps failing until the input is fixed.
        if len(rendering.fetcher.refused) == refused and all(r.levelno < 40 for r in records):
            self._layouts[key] = (document, records)
            while len(self._layouts) > self.limit:
                self._layouts.popitem(last=False)
        return document


def _write_again(rendering: Rendering, document) -> bytes:
    """Write a document whose laid-out pages are kept, and may be written again."""
    # WeasyPrint paints crop and cross marks (--print-shop) by adding a layer to the page's
    # background: put the layers back, or a page written twice gets its marks twice.
    saved = [
        (box.background.layers, list(box.background.layers))
        for box in (page._page_box for page in document.pages)
        if box.background is not None
    ]
    try:
        return rendering.write(document)
    finally:
        for layers, before in saved:
            layers[:] = before


def _anchors(document, first_page: int) -> dict[str, int]:
    """Page number of every anchor in a fragment, the first occurrence winning."""
    found: dict[str, int] = {}
    for offset, page in enumerate(document.pages):
        for name in page.anchors:
            found.setdefault(name, first_page + offset)
    return found
