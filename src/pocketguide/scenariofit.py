"""Each scenario is one page of the guide: one that runs onto the next is named.

A scenario is read in a hard moment, so all of it (what to say, what to do, when to get
help) must be in view at once. The guide's named destinations (WeasyPrint writes one per
element id) say on which page each scenario and each section starts.
"""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING

from pocketguide.errors import display_path
from pocketguide.resources import is_shipped

if TYPE_CHECKING:
    from pathlib import Path

    from pocketguide.content import ScenarioEntry

PREFIX = "scn-"  # templates/partials/scenario.html.j2


def spilled(starts: dict[str, int], page_count: int) -> dict[str, int]:
    """{scenario id: pages it spans} for every scenario longer than one page.

    `starts` maps each destination name to its 0-based page; a scenario ends where the next
    page holding any destination begins (the next scenario, or the section after them).
    """
    pages = sorted(set(starts.values()))
    found = {}
    for name, page in starts.items():
        if not name.startswith(PREFIX):
            continue
        following = [p for p in pages if p > page]
        span = (following[0] if following else page_count) - page
        if span > 1:
            found[name.removeprefix(PREFIX)] = span
    return found


def destination_pages(data: bytes) -> tuple[dict[str, int], int]:
    """The PDF's named destinations and their 0-based pages, and its page count."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(data)
    try:
        found = {}
        for index in range(raw.FPDF_CountNamedDests(document)):
            size = ctypes.c_long(0)
            raw.FPDF_GetNamedDest(document, index, None, ctypes.byref(size))
            buffer = ctypes.create_string_buffer(size.value)
            dest = raw.FPDF_GetNamedDest(document, index, buffer, ctypes.byref(size))
            if dest:
                name = buffer.raw[: size.value].decode("utf-16-le").rstrip("\0")
                found[name] = raw.FPDFDest_GetDestPageIndex(document, dest)
        return found, len(document)
    finally:
        document.close()


def spill_warnings(data: bytes, scenarios: list[ScenarioEntry], root: Path) -> list[str]:
    """A warning for each scenario of the guide that runs onto more than one page."""
    starts, count = destination_pages(data)
    spans = spilled(starts, count)
    return [
        f"{display_path(entry.source, root)}: the scenario runs onto {spans[entry.id]} pages of "
        f"the guide, so not all of it is in view at once; {_advice(entry)}"
        for entry in scenarios
        if entry.id in spans
    ]


def _advice(entry: ScenarioEntry) -> str:
    if not is_shipped(entry.source):
        return "shorten it"
    # The shipped scenarios fit (a test keeps them so): the project's numbers or styles do not.
    return (
        "as shipped it fits one page, so a long number filled in, a larger font or a smaller "
        "page pushed it over: change those, or copy the file into your content/ and shorten it"
    )
