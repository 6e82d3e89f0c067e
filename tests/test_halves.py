"""--jobs 2 lays out a guide's two halves at once, joined into what one layout would give."""

from __future__ import annotations

import io
from pathlib import Path

import pydyf
import pypdfium2
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

import pocketguide.formats
from pocketguide import hints
from pocketguide.build import build
from pocketguide.cache import Manifest
from pocketguide.formats import Renderer
from pocketguide.frames import MARKER, contents_targets, digest, number_contents
from pocketguide.halves import (
    Half,
    Plan,
    fits,
    guessed_right,
    lay_out_half,
    lay_out_halves,
    plan,
)
from pocketguide.options import Options
from pocketguide.pdfjoin import _key, _renumberer, join
from pocketguide.pdfwrite import _reached, dictionary_end
from pocketguide.prepare import prepare
from pocketguide.project import load_project
from pocketguide.resources import content_dir, templates_dir
from pocketguide.splice import page_signature
from test_guide_pdf import _outline
from test_splice import _links, _parents, font_files, unreachable

SHORT = (
    "organization:\n  name: Short Guide Org\n  slug: short\n"
    "sections:\n  exclude: [before-the-meeting, guidelines, keeping-it-moving, things-to-avoid,"
    " scenarios, feedback-and-limits, self-care]\n"
)


class _Spy:
    """Wraps pocketguide.formats.lay_out_halves, keeping whether each call joined halves."""

    def __init__(self) -> None:
        self.results: list[bool] = []

    def __call__(self, *args, **kwargs):
        result = lay_out_halves(*args, **kwargs)
        self.results.append(result is not None)
        return result


def _build(project: Path, out: str, jobs: int, **options) -> tuple[Path, list[bool]]:
    spy = _Spy()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pocketguide.formats, "lay_out_halves", spy)
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        report = build(project, out_dir=project / out, jobs=jobs, force=True, **options)
    return report.written[0].path, spy.results


@pytest.fixture(scope="module")
def halved(tmp_path_factory) -> tuple[Path, Path, list[bool]]:
    """The default guide laid out whole (which keeps its layout), then in two halves."""
    project = tmp_path_factory.mktemp("halved")
    whole, first = _build(project, "whole", jobs=1)
    halves, second = _build(project, "halves", jobs=2)
    return whole, halves, first + second


def test_a_second_build_with_two_jobs_lays_out_two_halves(halved):
    whole, halves, results = halved
    assert results == [True]  # the first build had no layout to go by: one piece, no halves
    assert halves.read_bytes() != whole.read_bytes()


def test_a_guide_from_two_halves_reads_as_one_laid_out_whole(halved):
    mine, theirs = PdfReader(halved[1]), PdfReader(halved[0])
    assert len(mine.pages) == len(theirs.pages) == 44
    assert [p.extract_text() for p in mine.pages] == [p.extract_text() for p in theirs.pages]
    assert [p.mediabox for p in mine.pages] == [p.mediabox for p in theirs.pages]
    assert [p.trimbox for p in mine.pages] == [p.trimbox for p in theirs.pages]
    assert _links(mine) == _links(theirs)
    contents = [link for link in _links(mine) if link[0] == 1]
    assert ("sec-crisis-numbers" in str(contents)) is True  # a link into the other half
    assert mine.named_destinations.keys() == theirs.named_destinations.keys()
    for name, dest in mine.named_destinations.items():
        there = theirs.named_destinations[name]
        assert mine.get_destination_page_number(dest) == theirs.get_destination_page_number(there)
    assert _outline(mine) == _outline(theirs)
    assert mine.metadata == theirs.metadata
    assert mine.trailer["/Root"]["/Lang"] == theirs.trailer["/Root"]["/Lang"]
    strict = PdfReader(halved[1], strict=True)  # every object reads without a repair
    for number in [*strict.xref[0], *strict.xref_objStm]:
        strict.get_object(number)


def test_a_guide_from_two_halves_has_the_same_tags(halved):
    mine, theirs = PdfReader(halved[1]), PdfReader(halved[0])
    for index in range(len(mine.pages)):
        assert page_signature(mine, index) == page_signature(theirs, index), index
    # Parent-tree keys are only names (the second half's follow the first half's), but each
    # page's and each link's key must lead to the same elements.
    assert _keyed(mine) == _keyed(theirs)
    assert len(set(_parents(mine))) == len(_parents(mine))
    assert _tag_tree(mine) == _tag_tree(theirs)
    assert unreachable(halved[1]) == set()


def _tag_tree(reader: PdfReader) -> list[tuple]:
    """The structure tree in reading order: each element's type, depth and page, each
    marked-content id, and what each parent-tree key leads to."""
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    found: list[tuple] = []

    def walk(value, depth):
        element = value.get_object()
        if not isinstance(element, dict):
            found.append(("mcid", depth, int(element)))
            return
        if element.get("/Type") in ("/OBJR", "/MCR"):
            found.append((str(element["/Type"]), depth))
            return
        page = pages.get(element.raw_get("/Pg").idnum) if "/Pg" in element else None
        # Header ids are made of object numbers: what counts is that each one is found.
        named = "/ID" in element and ids.get(str(element["/ID"])) == element
        headers = [ids[str(h)]["/S"] for h in element.get("/A", {}).get("/Headers", [])]
        found.append((element["/S"], depth, page, element.get("/Lang"), named, headers))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
            walk(kid, depth + 1)

    root = reader.trailer["/Root"]["/StructTreeRoot"]
    names = root.get("/IDTree", {}).get("/Names", [])
    ids = {str(k): v.get_object() for k, v in zip(names[0::2], names[1::2], strict=True)}
    walk(root["/K"][0], 0)
    return found


def _keyed(reader: PdfReader) -> list[tuple[int, list[str]]]:
    """For each page, then each link annotation: the types of the elements its key leads to."""
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    tree = dict(zip([int(k) for k in nums[0::2]], nums[1::2], strict=True))

    def types(key) -> list[str]:
        value = tree[int(key)]
        targets = value if isinstance(value, list) else [value]
        elements = [t.get_object() for t in targets]
        return [str(e.get("/S")) if isinstance(e, dict) else "" for e in elements]

    found = []
    for index, page in enumerate(reader.pages):
        found.append((index, types(page["/StructParents"])))
        for annot in page.get("/Annots") or []:
            found.append((index, types(annot.get_object()["/StructParent"])))
    return found


def test_a_guide_from_two_halves_prints_the_same_pixels(halved):
    mine, theirs = pypdfium2.PdfDocument(halved[1]), pypdfium2.PdfDocument(halved[0])
    for index in range(len(mine)):
        assert bytes(mine[index].render(scale=1).buffer) == bytes(
            theirs[index].render(scale=1).buffer
        ), f"page {index + 1} differs"


def test_the_halves_leave_their_layout_for_the_next_build(halved):
    whole, halves, _results = halved
    kept = hints.load(whole.parent.parent, whole)
    again = hints.load(halves.parent.parent, halves)
    assert kept is not None and again is not None
    assert again["fragments"] == kept["fragments"]
    assert again["contents"] == kept["contents"]
    assert again["frames"] == kept["frames"]
    assert Manifest(halves.parent).splice_base(halves)[1]["fragments"] == kept["fragments"]


@pytest.fixture(scope="module")
def short(tmp_path_factory) -> tuple[Path, str, dict, list[Path]]:
    """A short guide's project, HTML and layout record."""
    project = tmp_path_factory.mktemp("short")
    (project / "pocketguide.yaml").write_text(SHORT)
    path, _results = _build(project, "output", jobs=1)
    loaded = load_project(project)
    prepared = prepare(loaded, "en")
    renderer = Renderer(loaded, prepared.content, prepared.assets, Options(), None, "")
    html, _size = renderer.html("guide")
    roots = [loaded.root, content_dir(), templates_dir()]
    return project, html, hints.load(project, path), roots


def _here(html: str, base_dir: Path, roots: list[Path], source: str):
    half = lay_out_half(html, base_dir, roots, source)
    return lambda: half


def test_a_wrong_guess_lays_the_guide_out_whole(short):
    _project, html, record, roots = short
    assert lay_out_halves(html, templates_dir(), roots, "g.pdf", record, _here) is not None
    off = record | {"contents": {k: v + 1 for k, v in record["contents"].items()}}
    assert lay_out_halves(html, templates_dir(), roots, "g.pdf", off, _here) is None
    moved = [f | {"start": f["start"] + 2} for f in record["fragments"]]
    later = record | {"fragments": moved}
    assert lay_out_halves(html, templates_dir(), roots, "g.pdf", later, _here) is None


def test_reproducible_builds_lay_the_guide_out_in_one_piece(short, monkeypatch):
    project = short[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    spy = _Spy()
    monkeypatch.setattr(pocketguide.formats, "lay_out_halves", spy)
    one = build(project, out_dir=project / "one", jobs=1, force=True).written[0].path
    two = build(project, out_dir=project / "two", jobs=2, force=True).written[0].path
    assert spy.results == []
    assert one.read_bytes() == two.read_bytes()


def test_a_build_date_in_the_config_lays_the_guide_out_in_one_piece(short, tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(SHORT + "build:\n  date: 2026-11-01\n")
    _build(tmp_path, "first", jobs=1)
    assert hints.exists(tmp_path)
    _path, results = _build(tmp_path, "second", jobs=2)
    assert results == []


HTML = (
    "<html><head><style>p { color: red }</style></head><body>"
    '<div class="cover"><a href="#a">A</a><a href="#b">B</a><a href="#c">C</a></div>'
    f'{MARKER}<section id="a">a</section>{MARKER}<section id="b">b</section>'
    f'{MARKER}<section id="c">c</section></body></html>'
)
RECORD = {
    "fragments": [{"start": 3}, {"start": 5}, {"start": 9}],
    "frames": [None] * 10,
    "contents": {"a": 3, "b": 5, "c": 9},
    "head": digest(HTML[: HTML.index("<body>") + len("<body>")]),
}


def test_the_cut_falls_where_the_pages_split_about_evenly():
    cut = plan(HTML, RECORD | {"contents": RECORD["contents"] | {"removed-entry": 4}})
    assert cut is not None and cut.first == 5
    assert '<a href="#b" data-page="5">' in cut.front and 'id="a"' in cut.front
    assert 'id="b"' not in cut.front
    assert 'id="b"' in cut.back and 'id="c"' in cut.back and 'id="a"' not in cut.back
    assert "counter-reset: page 5" in cut.back and "break-before: recto" in cut.back
    assert cut.contents == {"a": 3, "b": 5, "c": 9}  # only what the contents now list
    assert plan(HTML, RECORD | {"fragments": [{"start": 3}, {"start": 8}, {"start": 9}]}).first == 8


@pytest.mark.parametrize(
    "record",
    [
        {},
        RECORD | {"contents": {"a": 3, "b": 5}},  # a contents entry the layout did not have
        RECORD | {"fragments": [{"start": 3}, {"start": 5}]},  # another number of sections
        RECORD | {"fragments": [{"start": "x"}, {"start": 5}, {"start": 9}]},
        RECORD | {"contents": ["a"]},
        RECORD | {"fragments": "3, 5, 9"},
        RECORD | {"fragments": [{"start": float("inf")}, {"start": 5}, {"start": 9}]},
        # Made with other stylesheets: a section made to start on a left-hand page moved.
        RECORD | {"head": digest(HTML.replace("color: red", "color: blue")[:55])},
        {k: v for k, v in RECORD.items() if k != "head"},
    ],
)
def test_a_record_that_does_not_fit_the_guide_is_not_used(record):
    assert plan(HTML, record) is None


@pytest.mark.parametrize(
    "style",
    [
        "counter-increment: x",
        "float: footnote",  # footnotes number on through the document, as a counter does
        "footnote-display: inline",
    ],
)
def test_a_guide_whose_styles_carry_state_across_pages_is_not_cut(style):
    carried = HTML.replace("color: red", style)
    record = RECORD | {"head": digest(carried[: carried.index("<body>") + len("<body>")])}
    assert plan(HTML, RECORD) is not None and plan(carried, record) is None


@pytest.mark.parametrize("name", ["sec-closing", "a(b)c", "sec-cuidado-niños", "قسم-الأزمات"])
def test_destination_names_are_written_as_weasyprint_writes_the_links_to_them(name):
    # Poppler compares the bytes of a link's /Dest with the name tree's key: "niños" written
    # in PDFDocEncoding beside a UTF-16 link left every link to that section dead.
    assert _key(name) == pydyf.String(name).data


def _half(pages: int, anchors: dict[str, int], stand_ins: tuple[str, ...] = ()) -> Half:
    return Half(b"", pages, anchors, [None] * pages, set(stand_ins))


def test_halves_are_joined_only_as_the_plan_guessed():
    cut = Plan("", "", 5, {"a": 3, "b": 5, "c": 9})
    assert fits(cut, _half(4, {"a": 3}), _half(6, {"b": 1, "c": 5}))
    assert not fits(cut, _half(5, {"a": 3}), _half(6, {"b": 1, "c": 5}))  # front half longer
    assert not fits(cut, _half(4, {"a": 3}), _half(6, {"b": 1, "c": 6}))  # a number is off
    assert not fits(cut, _half(4, {"a": 3}), _half(6, {"b": 1}))  # an entry went missing
    assert not fits(cut, _half(4, {"a": 3, "b": 4}), _half(6, {"b": 1, "c": 5}))  # twice
    # A link into the other half finds its anchor there, or the whole layout says it is lost.
    assert fits(cut, _half(4, {"a": 3}, ("c",)), _half(6, {"b": 1, "c": 5}, ("a",)))
    assert not fits(cut, _half(4, {"a": 3}, ("gone",)), _half(6, {"b": 1, "c": 5}))
    assert not fits(cut, _half(4, {"a": 3}), _half(6, {"b": 1, "c": 5}, ("gone",)))


def test_pdfs_the_join_does_not_know_are_not_joined(halved):
    data = halved[0].read_bytes()
    assert join(b"%PDF-1.7 not really", data, (set(), set())) is None
    writer = PdfWriter(clone_from=io.BytesIO(data))
    form = DictionaryObject({NameObject("/Fields"): ArrayObject()})
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(form)
    with_form = io.BytesIO()
    writer.write(with_form)
    assert join(with_form.getvalue(), data, (set(), set())) is None


def test_layout_hints_live_in_the_user_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project, target = tmp_path / "org", tmp_path / "org" / "output" / "org-guide-en.pdf"
    assert not hints.exists(project) and hints.load(project, target) is None
    hints.save(project, target, {"fragments": []})
    assert hints.exists(project)
    assert hints.load(project, target) == {"fragments": []}
    assert hints.load(project, target.with_name("org-guide-es.pdf")) is None
    assert [p.parent for p in (tmp_path / "cache").rglob("*.json")] == [hints.folder()]
    assert hints.folder() == tmp_path / "cache" / "pocketguide" / "layouts"


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    hints.save(tmp_path, tmp_path / "g.pdf", {"fragments": []})  # no exception
    assert hints.load(tmp_path, tmp_path / "g.pdf") is None


def test_a_hint_file_from_another_version_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    hints.save(tmp_path, tmp_path / "g.pdf", {"fragments": []})
    (path,) = hints.folder().glob("*.json")
    path.write_text(path.read_text().replace('"version": 1', '"version": 0'))
    assert hints.load(tmp_path, tmp_path / "g.pdf") is None


def test_each_font_subset_in_a_joined_pdf_has_its_own_name(halved):
    fonts = font_files(PdfReader(halved[1]))
    assert len(fonts) > 4 and all(len(files) == 1 for files in fonts.values()), fonts


def test_table_header_ids_both_halves_use_are_renamed_in_the_second(halved):
    data = halved[0].read_bytes()
    names = set(PdfReader(halved[0]).named_destinations)
    joined = PdfReader(io.BytesIO(join(data, data, (set(), names))))
    assert len(joined.pages) == 88
    listed = joined.trailer["/Root"]["/StructTreeRoot"]["/IDTree"]["/Names"]
    ids = {str(k): v.get_object() for k, v in zip(listed[0::2], listed[1::2], strict=True)}
    assert len(ids) == 4 and len(set(map(id, ids.values()))) == 4
    tree = PdfReader(halved[0]).trailer["/Root"]["/StructTreeRoot"]
    original = [str(name) for name in tree["/IDTree"]["/Names"][0::2]]
    assert sorted(ids) == sorted(original + [f"{name}.2" for name in original])
    cells = [e for e in _elements(joined) if e["/S"] == "/TD"]
    headers = [str(h) for cell in cells for h in cell["/A"]["/Headers"]]
    assert set(headers) == set(ids)
    assert all(ids[str(h)]["/S"] == "/TH" for h in headers)


def _elements(reader: PdfReader) -> list:
    """Every structure element, in reading order."""
    found, todo = [], [reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0]]
    while todo:
        element = todo.pop().get_object()
        if isinstance(element, dict) and element.get("/Type") == "/StructElem":
            found.append(element)
            kids = element.get("/K")
            todo.extend(reversed(kids) if isinstance(kids, list) else [kids] if kids else [])
    return found


def test_a_rebuild_into_a_folder_it_can_relay_out_from_uses_one_worker(short, tmp_path):
    # A hotline edit's rebuild lays out a section or two: a second worker's start would only
    # slow down the loading it waits for. --force lays the whole guide out, in halves.
    (tmp_path / "pocketguide.yaml").write_text(SHORT)
    _build(tmp_path, "output", jobs=1)
    (tmp_path / "pocketguide.yaml").write_text(SHORT.replace("Short Guide Org", "Short Org"))
    spy = _Spy()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pocketguide.formats, "lay_out_halves", spy)
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        build(tmp_path, jobs=2)
        assert spy.results == []
        build(tmp_path, jobs=2, force=True)
        assert spy.results == [True]


def test_a_hotline_edit_after_a_two_half_build_relays_out_into_it(tmp_path):
    from test_relayout import EDIT, _edit, _project
    from test_relayout import _build as relaid

    project = _project(tmp_path)
    _build(project, "output", jobs=1)
    halves, results = _build(project, "output", jobs=2)  # forced, so laid out in halves
    assert results == [True]
    _edit(project, *EDIT)
    spliced, tried = relaid(project)
    assert tried == [True] and spliced == halves
    full, _results = _build(project, "full", jobs=1)
    mine, theirs = PdfReader(spliced), PdfReader(full)
    assert [p.extract_text() for p in mine.pages] == [p.extract_text() for p in theirs.pages]
    assert "(502) 555-0149" in mine.pages[2].extract_text()
    assert _links(mine) == _links(theirs) and _outline(mine) == _outline(theirs)
    assert _keyed(mine) == _keyed(theirs) and _tag_tree(mine) == _tag_tree(theirs)
    assert unreachable(spliced) == set()


@pytest.mark.parametrize(
    "text",
    [
        '{"version": 1, "layouts": {"g.pdf": {"fragments": [{"start": Infinity}]}}}',
        '{"version": 1, "layouts": ' + "[" * 100000 + "]" * 100000 + "}",
    ],
)
def test_a_damaged_hint_file_is_no_hint(tmp_path, monkeypatch, text):
    # Python's json reads Infinity, and nests as deep as it is told: both crashed the build.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    hints.save(tmp_path, tmp_path / "g.pdf", {"fragments": []})
    (path,) = hints.folder().glob("*.json")
    path.write_text(text)
    assert hints.load(tmp_path, tmp_path / "g.pdf") is None


def test_a_layout_kept_before_the_stylesheets_changed_is_no_guide(tmp_path):
    # guide.css made the scenarios start on a left-hand page after the layout was kept: the
    # back half started on the old page, a right-hand one (the first page of a document takes
    # its side from the root alone), and later builds kept that layout going.
    (tmp_path / "pocketguide.yaml").write_text("organization:\n  name: Left Org\n  slug: left\n")
    _build(tmp_path, "output", jobs=1)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.css").write_text(
        '{% include "default:guide.css" %}\n.layout-scenarios { break-before: left; }\n'
    )
    path, _results = _build(tmp_path, "output", jobs=2)
    reader = PdfReader(path)
    assert reader.pages[20].extract_text() == ""  # the blank page before a left-hand start
    assert "Common challenges" in reader.pages[21].extract_text()


def test_a_guide_with_form_fields_is_not_cut():
    # pocketguide.pdfjoin never joins a form (--fillable): both halves were laid out for
    # nothing on every build.
    fillable = HTML.replace('<section id="c">c', '<section id="c"><input type="text" name="x">c')
    assert plan(HTML, RECORD) is not None and plan(fillable, RECORD) is None


def test_contents_links_are_found_whatever_their_attributes():
    # A project's contents template wrote `<a class="entry" href="#...">`: no entry was
    # numbered, so the front half could not find the back half's pages, every build.
    chunk = '<a class="entry" href="#a">A</a> <a\nhref="#b">B</a> <abbr href="#c">'
    assert contents_targets(chunk) == ["a", "b"]
    assert number_contents(chunk, {"a": 3}).startswith('<a class="entry" href="#a" data-page="3">')


def test_a_right_guess_dropped_all_the_same_is_told_from_a_wrong_one():
    cut = plan(HTML, RECORD)
    assert guessed_right(HTML, cut, None)  # laid out whole with a warning: no new layout
    assert guessed_right(HTML, cut, RECORD)
    moved = RECORD | {"fragments": [{"start": 3}, {"start": 6}, {"start": 9}]}
    assert not guessed_right(HTML, cut, moved | {"contents": {"a": 3, "b": 6, "c": 9}})


def test_halves_a_warning_drops_are_not_tried_again(tmp_path):
    # An emoji no font has makes WeasyPrint warn: each half said so, the halves were dropped,
    # and the guide, laid out whole with the warning, kept no new layout; the old one stayed,
    # so every build laid out the guide three times (two halves, then whole).
    (tmp_path / "pocketguide.yaml").write_text(SHORT)
    _path, first = _build(tmp_path, "first", jobs=1)
    assert first == [] and hints.exists(tmp_path)
    closing = tmp_path / "content" / "en" / "sections" / "closing.md"
    closing.parent.mkdir(parents=True)
    shipped = (content_dir() / "en" / "sections" / "closing.md").read_text(encoding="utf-8")
    closing.write_text(shipped + "\nA melting face: \U0001fae0\n", encoding="utf-8")
    _path, second = _build(tmp_path, "second", jobs=2)
    _path, third = _build(tmp_path, "third", jobs=2)
    assert (second, third) == ([False], [])
    closing.write_text(shipped, encoding="utf-8")  # the warning gone, a layout is kept again
    _path, fourth = _build(tmp_path, "fourth", jobs=2)
    _path, fifth = _build(tmp_path, "fifth", jobs=2)
    assert (fourth, fifth) == ([], [True])


@pytest.mark.parametrize(
    "body",
    [
        b"<</Alt (a >>\nstream\nb) /P 5 0 R /StructParent 3>>",
        b"<</Alt <3e3e0a73747265616d0a> /P 5 0 R /StructParent 3>>",
        b"<</Length 4 /P 5 0 R /StructParent 3 /Alt (x >>\nstream\n)>>\nstream\n5 0 R\nendstream",
    ],
)
def test_renumbering_reads_a_stream_dictionary_past_strings_that_look_like_its_end(body):
    # From a review: an /Alt text holding ">>", a newline and "stream" ended the dictionary
    # early, so the references and structure parent key after it kept the first half's
    # numbers (a broken tag tree), and the object they reach was not copied at all.
    renumber = _renumberer(lambda n: n + 1000, 50, {}, b"salt")
    done = renumber(body)
    assert b"/P 1005 0 R" in done and b"/StructParent 53" in done
    assert done.endswith(b"\nstream\n5 0 R\nendstream") == body.endswith(b"endstream")
    trailer = DictionaryObject({NameObject("/Root"): IndirectObject(1, 0, None)})
    assert _reached({1: body, 5: b"<<>>"}, trailer) == {1, 5}


def test_a_stream_dictionary_ends_at_its_own_end():
    assert dictionary_end(b"<</Length 3>>\nstream\nabc\nendstream") == 13
    assert dictionary_end(b"<</A<<>>/Length 3>>stream\r\nabc") == 19
    assert dictionary_end(b"<</A (>>\nstream\n)>>") == 19  # no stream at all
