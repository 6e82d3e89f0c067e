"""Where the default guide's pages break, read from its structure tree as a reader meets it."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from pocketguide.formats import Renderer
from pocketguide.options import Options
from pocketguide.prepare import prepare
from pocketguide.project import load_project


def _page_numbers(reader: PdfReader) -> dict[int, int]:
    """1-based page number by page object number."""
    return {page.indirect_reference.idnum: i + 1 for i, page in enumerate(reader.pages)}


def _pages_of(element, numbers: dict[int, int], page=None) -> set[int]:
    """The pages an element's marked content is on (its own /Pg, else its parent's)."""
    element = element.get_object()
    page = element.get("/Pg", page)
    found: set[int] = set()
    kids = element.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        if isinstance(kid, int):
            found.add(numbers[page.idnum])
        elif isinstance(kid, IndirectObject):
            target = kid.get_object()
            if target.get("/Type") == "/MCR":
                found.add(numbers[target.get("/Pg", page).idnum])
            elif "/S" in target:
                found |= _pages_of(kid, numbers, page)
        elif hasattr(kid, "get") and kid.get("/Type") == "/MCR":
            found.add(numbers[kid.get("/Pg", page).idnum])
    return found


def _lists(reader: PdfReader) -> list[list[set[int]]]:
    """Each outermost list element (/L) as the pages of each of its items (/LI), in order.

    WeasyPrint tags the part of a list on each page as a list of its own.
    """
    numbers, lists = _page_numbers(reader), []

    def walk(node) -> None:
        node = node.get_object()
        kids = node.get("/K", [])
        kids = [k for k in (kids if isinstance(kids, list) else [kids]) if hasattr(k, "idnum")]
        elements = [k for k in kids if "/S" in k.get_object()]
        if node.get("/S") == "/L":
            items = [k for k in elements if k.get_object()["/S"] == "/LI"]
            lists.append([_pages_of(item, numbers) for item in items])
            return  # a list inside an item goes with its item
        for kid in elements:
            walk(kid)

    for kid in reader.trailer["/Root"]["/StructTreeRoot"]["/K"]:
        walk(kid)
    return lists


class _ListSizes(HTMLParser):
    """The number of items of each outermost <ul> and <ol>, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.sizes = 0, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("ul", "ol"):
            self.depth += 1
            if self.depth == 1:
                self.sizes.append(0)
        elif tag == "li" and self.depth == 1:
            self.sizes[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.depth -= 1


@pytest.fixture(scope="module")
def list_parts(default_guide, guide_reader) -> list[tuple[int, list[list[set[int]]]]]:
    """Each list of the guide's HTML: its size and its parts, one per page it is on."""
    project = load_project(default_guide.parent.parent)
    prepared = prepare(project, "en")
    html = Renderer(project, prepared.content, prepared.assets, Options()).html("guide")[0]
    parser = _ListSizes()
    parser.feed(html)
    parts, found = _lists(guide_reader), []
    for size in parser.sizes:
        taken: list[list[set[int]]] = []
        while sum(map(len, taken)) < size:
            taken.append(parts.pop(0))
        assert sum(map(len, taken)) == size, (size, taken)  # the tags follow the HTML's lists
        found.append((size, taken))
    assert parts == []
    return found


def test_the_guide_has_lists_that_cross_a_page(list_parts):
    assert any(len(taken) > 1 for _size, taken in list_parts)  # else the next test is idle


def test_no_list_item_is_left_alone_at_the_foot_or_top_of_a_page(list_parts):
    # "Let a short silence sit before you fill it." stood alone on top of page 15, away from
    # the three points of "Listen actively" it ends: a lone bullet reads as the whole list.
    lone = [
        sorted(set().union(*part))
        for _size, taken in list_parts
        if len(taken) > 1
        for part in taken
        if len(part) == 1
    ]
    assert lone == []
