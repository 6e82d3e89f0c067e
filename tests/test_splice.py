"""Splicing changed pages into the last full PDF: exact or not at all."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pypdfium2
import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from pocketguide.build import build
from pocketguide.fragments import FragmentCache
from pocketguide.frames import changed_pages
from pocketguide.resources import content_dir
from pocketguide.splice import Base, page_signature, splice

CONFIG = (
    "organization:\n  name: Tiny Org\n  slug: tiny\nsections:\n"
    "  order: [crisis-numbers, self-care, notes]\n  exclude: [how-to-use, facilitator-role,"
    " before-the-meeting, opening, guidelines, keeping-it-moving, closing, things-to-avoid,"
    " scenarios, feedback-and-limits]\n"
)
HOTLINES = """\
hotlines:
  - name: Warmline
    phone: "502-555-0142"
    text: "502-555-0143"
    hours: Mon-Fri 9am-5pm
    category: warmline
    url: https://warm.example.org
    verified: 2026-11-01
  - name: County crisis team
    phone: "502-555-0117"
    category: local
    verified: 2026-11-01
"""


def _page(**changes) -> SimpleNamespace:
    page = dict(
        width=100,
        height=200,
        bleed={},
        anchors={},
        bookmarks=[],
        forms={None: []},
        links=[],
        _page_box=SimpleNamespace(background=None),
    )
    return SimpleNamespace(**(page | changes))


def test_only_pages_that_are_other_objects_change():
    a, b, c, d = _page(), _page(), _page(), _page()
    assert changed_pages([a, b, c], [a, b, c]) == []
    assert changed_pages([a, b, c], [a, d, c]) == [1]


def test_no_splice_when_pages_are_added_or_most_pages_change():
    a, b, c = _page(), _page(), _page()
    assert changed_pages([a, b], [a, b, c]) is None
    assert changed_pages([a, b, c], [_page(), _page(), c]) is None


@pytest.mark.parametrize(
    "change",
    [
        {"height": 201},
        {"anchors": {"sec-crisis": (0, 10)}},
        {"bookmarks": [(1, "Crisis numbers", (0, 0), "open")]},
        {"links": [("internal", "sec-notes", (0, 0, 1, 1), None)]},
        {"links": [("external", "tel:988", (0, 0, 1, 1), None)]},  # one link more
        {"forms": {None: ["a text field"]}},
    ],
)
def test_no_splice_when_a_page_reaches_outside_itself(change):
    a, b, c = _page(), _page(), _page()
    assert changed_pages([a, b, c], [a, _page(**change), c]) is None


class _Rendering:
    """Stands in for pocketguide.pdf.Rendering: counts writes, logs `said` on each."""

    def __init__(self, said: list[str]):
        self.collector = SimpleNamespace(records=[])
        self.said, self.writes = said, 0

    def write(self, document) -> bytes:
        self.writes += 1
        self.collector.records.extend(self.said)
        return b"%PDF-1.7\nstartxref\n9\n%%EOF\n"


@pytest.mark.parametrize(("said", "writes"), [([], 1), (["a WeasyPrint warning"], 2)])
def test_a_write_that_logged_anything_is_never_reused(said, writes):
    cache, rendering = FragmentCache(), _Rendering(said)
    document = SimpleNamespace(pages=[_page(), _page()])
    for _build in range(2):
        assert cache._write(rendering, "guide.pdf", document).startswith(b"%PDF")
    assert rendering.writes == writes  # without a warning, the same pages are not written again


def test_a_base_without_a_final_startxref_is_not_spliced(tmp_path):
    assert splice(Base([], b"%PDF-1.7\n1 0 obj\nnull\nendobj\n"), [0], b"") is None


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[Path, Path, FragmentCache, bytes]:
    """A project built inside a fragment cache, then rebuilt after a hotline edit.

    Returns the spliced PDF, a full build of the edited project, the cache, and the PDF the
    cache wrote before the edit.
    """
    project = tmp_path_factory.mktemp("splice")
    (project / "pocketguide.yaml").write_text(CONFIG)
    hotlines = project / "hotlines.yaml"
    hotlines.write_text(HOTLINES)
    cache = FragmentCache()
    first = build(project, fragments=cache).written[0].path.read_bytes()
    hotlines.write_text(HOTLINES.replace("0142", "0149").replace("9am-5pm", "10am-6pm"))
    spliced = build(project, fragments=cache).written[0].path
    full = build(project, out_dir=tmp_path_factory.mktemp("full")).written[0].path
    return spliced, full, cache, first


def test_a_hotline_edit_is_spliced_into_one_clean_revision(edited):
    spliced, _full, cache, first = edited
    assert cache.laid_out == 1 and cache.spliced == 2  # crisis: the numbers, the blank lines
    data = spliced.read_bytes()
    assert data.count(b"%%EOF") == 1 and b"/Prev" not in data  # no earlier version kept
    text = PdfReader(spliced).pages[2].extract_text()
    assert "(502) 555-0149" in text and "10am-6pm" in text
    assert "(502) 555-0142" not in text and "9am-5pm" not in text
    # Nowhere in the file, not even in an object nothing points to, is the old number left.
    assert "502-555-0142" in _every_object(first) and "502-555-0142" not in _every_object(data)
    assert PdfReader(io.BytesIO(first)).trailer["/ID"][1] != PdfReader(spliced).trailer["/ID"][1]


def test_a_spliced_pdf_holds_no_object_nothing_points_to(edited):
    assert unreachable(edited[0]) == set()


def unreachable(path: Path) -> set[int]:
    """Objects of a PDF that nothing points to (its cross-reference and object streams aside)."""
    reader = PdfReader(path)
    reached, todo = set(), [reader.trailer.raw_get("/Root"), reader.trailer.raw_get("/Info")]
    while todo:
        value = todo.pop()
        if isinstance(value, IndirectObject):
            if value.idnum in reached:
                continue
            reached.add(value.idnum)
            value = value.get_object()
        if isinstance(value, dict):
            todo.extend(value.raw_get(key) for key in value)
        elif isinstance(value, list):
            todo.extend(value)
    stored = {*reader.xref[0], *reader.xref_objStm}
    # Only the cross-reference and object streams are not pointed to: they are the file's frame.
    # So are the empty `<< >>` left of the running heads' elements (pocketguide.tagfix).
    frame = {
        n
        for n in stored - reached
        if reader.get_object(n).get("/Type") in ("/XRef", "/ObjStm") or reader.get_object(n) == {}
    }
    return stored - reached - frame


def _every_object(data: bytes) -> str:
    """Every object in a PDF file, streams decompressed, as text."""
    reader = PdfReader(io.BytesIO(data))
    numbers = [*reader.xref[0], *reader.xref_objStm]
    found = []
    for number in numbers:
        value = reader.get_object(number)
        found.append(str(value))
        if isinstance(value, StreamObject):
            found.append(value.get_data().decode("latin-1"))
    return "\n".join(found)


def test_each_font_subset_in_a_spliced_pdf_has_its_own_name(edited):
    fonts = font_files(PdfReader(edited[0]))
    assert len(fonts) > 2 and all(len(files) == 1 for files in fonts.values()), fonts


def font_files(reader: PdfReader) -> dict[str, set[int]]:
    """The embedded font files of each font name (a subset's tag and all) in a PDF."""
    fonts: dict[str, set[int]] = {}
    for number in [*reader.xref[0], *reader.xref_objStm]:
        value = reader.get_object(number)
        if isinstance(value, dict) and value.get("/Type") == "/FontDescriptor":
            font_file = value.raw_get("/FontFile2") or value.raw_get("/FontFile3")
            fonts.setdefault(str(value["/FontName"]), set()).add(font_file.idnum)
    return fonts


def _links(reader: PdfReader) -> list[tuple[int, str, list[float]]]:
    """Each link's page, target (a URI or a named destination) and rectangle."""
    return [
        (number, str(annot["/A"]["/URI"] if "/A" in annot else annot["/Dest"]), annot["/Rect"])
        for number, page in enumerate(reader.pages)
        for annot in [a.get_object() for a in page.get("/Annots") or []]
    ]


def test_a_spliced_pdf_equals_a_full_build(edited):
    spliced, full, _cache, _first = edited
    mine, theirs = PdfReader(spliced), PdfReader(full)
    assert len(mine.pages) == len(theirs.pages)
    assert [p.extract_text() for p in mine.pages] == [p.extract_text() for p in theirs.pages]
    assert _links(mine) == _links(theirs)
    assert ("tel:+1-502-555-0149" in str(_links(mine))) is True
    assert [(o.title, mine.get_destination_page_number(o)) for o in mine.outline] == [
        (o.title, theirs.get_destination_page_number(o)) for o in theirs.outline
    ]
    assert mine.page_labels == theirs.page_labels
    assert mine.metadata == theirs.metadata
    for index in range(len(mine.pages)):  # the same tags, marked-content ids and link parents
        assert page_signature(mine, index) == page_signature(theirs, index)
        assert mine.pages[index]["/StructParents"] == theirs.pages[index]["/StructParents"]
    assert _parents(mine) == _parents(theirs)


def _parents(reader: PdfReader) -> list[int]:
    """The structure-parent key of every annotation, in page order."""
    return [
        annot.get_object()["/StructParent"]
        for page in reader.pages
        for annot in page.get("/Annots") or []
    ]


def test_a_spliced_pdf_prints_the_same_pixels_as_a_full_build(edited):
    spliced, full, _cache, _first = edited
    mine, theirs = pypdfium2.PdfDocument(spliced), pypdfium2.PdfDocument(full)
    assert len(mine) == len(theirs)
    for index in range(len(mine)):
        assert bytes(mine[index].render(scale=1).buffer) == bytes(
            theirs[index].render(scale=1).buffer
        ), f"page {index + 1} differs"


def test_an_edit_that_changes_a_page_s_structure_writes_the_whole_pdf(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(CONFIG)
    hotlines = tmp_path / "hotlines.yaml"
    hotlines.write_text(HOTLINES)
    cache = FragmentCache()
    build(tmp_path, fragments=cache)
    # A note is one more paragraph on the crisis page: its tags change, so no splice.
    note = "    category: local\n    notes: Ask for the on-call worker\n"
    hotlines.write_text(HOTLINES.replace("    category: local\n", note))
    path = build(tmp_path, fragments=cache).written[0].path
    assert cache.laid_out == 1 and cache.spliced == 0
    assert "Ask for the on-call worker" in PdfReader(path).pages[2].extract_text()


def test_an_edit_on_a_page_with_a_table_splices_exactly(tmp_path_factory):
    project = tmp_path_factory.mktemp("table")
    (project / "pocketguide.yaml").write_text(
        CONFIG.replace(
            "order: [crisis-numbers,", "order: [facilitator-role, crisis-numbers,"
        ).replace(" facilitator-role,", "")
    )
    (project / "hotlines.yaml").write_text(HOTLINES)
    sections = project / "content" / "en" / "sections"
    sections.mkdir(parents=True)
    role = sections / "facilitator-role.md"
    role.write_text((content_dir() / "en" / "sections" / "facilitator-role.md").read_text())
    cache = FragmentCache()
    build(project, fragments=cache)
    role.write_text(role.read_text().replace("an addict", "an adict", 1))
    mine = build(project, fragments=cache).written[0].path
    assert cache.spliced > 0  # the header cells' ids differ only by the table's object number
    full = build(project, out_dir=tmp_path_factory.mktemp("table-full")).written[0].path
    a, b = PdfReader(mine), PdfReader(full)
    assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages]
    pixels = [pypdfium2.PdfDocument(path) for path in (mine, full)]
    for index in range(len(a.pages)):
        assert bytes(pixels[0][index].render(scale=1).buffer) == bytes(
            pixels[1][index].render(scale=1).buffer
        )
