"""Fragment builds: the assembled guide equals a full build; a rebuild lays out only changes."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from pocketguide.build import build
from pocketguide.fragments import FragmentCache, number_contents
from pocketguide.frames import split_guide, start_at
from pocketguide.options import Options
from pocketguide.resources import templates_dir

HEAD = "<html><head><style></style></head><body class=guide>"


def test_split_guide_cuts_at_markers_and_keeps_head_and_tail():
    html = (
        HEAD + "cover<!-- pocketguide:fragment -->one<!-- pocketguide:fragment -->two</body></html>"
    )
    head, chunks, tail = split_guide(html)
    assert head == HEAD and chunks == ["cover", "one", "two"] and tail == "</body></html>"
    assert split_guide(HEAD + "no markers</body></html>") is None


@pytest.mark.parametrize(
    "css",
    [
        "h2 { counter-increment: tip }",
        "ol { counter-reset : step }",
        "@page :first { margin: 0 }",
        "@page chapter:nth(1) { margin: 0 }",
        # However it is written: CSS ignores case, comments and escapes.
        "H2 { COUNTER-INCREMENT: tip }",
        "h2 { counter-increment/* numbered */: tip }",
        "h2 { counter\\-increment: tip }",
        "h2 { \\63 ounter-increment: tip }",
        "@page :FIRST { margin: 0 }",
        # The page total, and running strings other than the section titles.
        '@page { @bottom-center { content: "of " counter(pages) } }',
        ".cover-org { string-set: org content() }",
        '.cover-org { string-set: section "", org content() }',
        # Running elements, and stylesheets pulled in from elsewhere.
        ".foot { position: running(foot) } @page { @bottom-center { content: element(foot) } }",
        '@import url("extra.css");',
    ],
)
def test_stylesheets_that_carry_state_across_sections_lay_out_whole(css):
    body = "cover<!-- pocketguide:fragment -->one</body></html>"
    assert split_guide(HEAD + body) is not None
    assert split_guide(HEAD.replace("<style>", f"<style>{css}") + body) is None
    # The same words in the content are not a stylesheet.
    assert split_guide(HEAD + "counter-increment: @page :first " + body) is not None


def test_blank_page_styles_still_lay_out_in_fragments():
    # A blank page comes from a break inside one fragment (the back cover's), or starts the
    # fragment told its side: laid out alone or whole, the same pages are blank.
    css = "@page :blank { @top-left { content: none } }"
    body = "cover<!-- pocketguide:fragment -->one</body></html>"
    assert split_guide(HEAD.replace("<style>", f"<style>{css}") + body) is not None


@pytest.mark.parametrize(
    ("css", "whole"),
    [
        (".section h1 { letter-spacing: 0.02em; break-after: avoid }", False),
        # The contents numbered or marked some other way: laid out alone, the front matter
        # would show the default's numbers instead.
        ('.toc a::after { content: " p. " target-counter(attr(href), page) }', True),
        (".toc a:AFTER { color: red }", True),
        ("nav a { content: target-text(attr(href)) }", True),
        ("a[data-page] { color: red }", True),
    ],
)
def test_stylesheets_beside_the_default_that_number_the_contents_lay_out_whole(css, whole):
    default = (templates_dir() / "guide.css").read_text(encoding="utf-8").removesuffix("\n")
    body = "cover<!-- pocketguide:fragment -->one</body></html>"
    # The default's own contents rules (target-counter, data-page) are the fragments' own.
    assert split_guide(HEAD.replace("<style>", f"<style>{default}\n") + body) is not None
    head = HEAD.replace("<style>", f"<style>{default}\n{css}")
    assert (split_guide(head + body) is None) is whole
    # Without the default, the same rules number the contents just as well.
    assert (split_guide(HEAD.replace("<style>", f"<style>{css}") + body) is None) is whole


def test_section_titles_as_running_heads_still_lay_out_in_fragments():
    css = ".section h1 { string-set: section attr(data-short) } h2 { counter(page) }"
    body = "cover<!-- pocketguide:fragment -->one</body></html>"
    assert split_guide(HEAD.replace("<style>", f"<style>{css}") + body) is not None


@pytest.mark.parametrize("tag", ["<style>p { color: red }</style>", '<link rel="stylesheet">'])
def test_a_stylesheet_in_the_body_lays_out_whole(tag):
    # It styles the whole document, but a fragment laid out alone would not see it.
    body = f"cover{tag}<!-- pocketguide:fragment -->one</body></html>"
    assert split_guide(HEAD + body) is None


def test_a_linked_stylesheet_lays_out_whole():
    # What it holds is not read here, so it may carry anything across sections.
    head = HEAD.replace("</head>", '<link rel="stylesheet" href="extra.css"></head>')
    assert split_guide(head + "cover<!-- pocketguide:fragment -->one</body></html>") is None


def test_contents_links_get_page_numbers_or_a_placeholder():
    chunk = '<a href="#sec-a">A</a> <a href="#scn-b">B</a> <a href="tel:988">988</a>'
    assert number_contents(chunk, {"sec-a": 3}) == (
        '<a href="#sec-a" data-page="3">A</a> <a href="#scn-b" data-page="88">B</a> '
        '<a href="tel:988">988</a>'
    )


def test_a_fragment_starts_on_its_page_number_and_side():
    odd, even = start_at(HEAD, 7), start_at(HEAD, 8)
    assert "@page :first { counter-reset: page 7 } html { break-before: recto }" in odd
    assert "break-before: verso" in even
    assert odd.index("<style data-fragment>@page") < odd.index("</head>")


@pytest.fixture(scope="module")
def fragment_guide(tmp_path_factory) -> tuple[Path, FragmentCache]:
    """The default guide built from fragments."""
    cache = FragmentCache()
    out = tmp_path_factory.mktemp("fragments")
    build(tmp_path_factory.mktemp("empty"), out_dir=out, fragments=cache)
    return out, cache


def _outline(reader: PdfReader, items=None) -> list:
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found.append(_outline(reader, item))
        else:
            found.append((item.title, reader.get_destination_page_number(item)))
    return found


def _links(reader: PdfReader) -> list[tuple[int, str]]:
    links = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A") or {}
            if "/URI" in action:
                links.append((number, str(action["/URI"])))
            elif "/Dest" in annotation or "/D" in action:
                name = annotation.get("/Dest") or action["/D"]
                target = reader.named_destinations[str(name)]
                links.append((number, f"page {reader.get_destination_page_number(target)}"))
    return links


def test_assembled_guide_equals_a_full_build(fragment_guide, guide_reader):
    assembled = PdfReader(fragment_guide[0] / "pocketguide-guide-en.pdf")
    assert len(assembled.pages) == len(guide_reader.pages)
    for mine, full in zip(assembled.pages, guide_reader.pages, strict=True):
        assert mine.extract_text() == full.extract_text()  # page numbers, heads, contents
    assert _outline(assembled) == _outline(guide_reader)
    assert _links(assembled) == _links(guide_reader)  # contents links land on the same pages
    assert assembled.page_labels == guide_reader.page_labels
    assert assembled.metadata.title == guide_reader.metadata.title
    assert assembled.trailer["/Root"]["/Lang"] == guide_reader.trailer["/Root"]["/Lang"]
    assert "/StructTreeRoot" in assembled.trailer["/Root"]


def test_an_unchanged_rebuild_lays_out_nothing(fragment_guide, tmp_path):
    out, cache = fragment_guide
    before = (out / "pocketguide-guide-en.pdf").read_bytes()
    build(tmp_path, out_dir=out, fragments=cache, force=True)
    assert cache.laid_out == 0
    assert (out / "pocketguide-guide-en.pdf").read_bytes() == before


def test_a_hotline_edit_lays_out_only_the_crisis_pages(tmp_path):
    keep = "crisis-numbers, self-care, notes"
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Tiny Org\n  slug: tiny\nsections:\n"
        f"  order: [{keep}]\n  exclude: [how-to-use, facilitator-role, before-the-meeting,"
        " opening, guidelines, keeping-it-moving, closing, things-to-avoid, scenarios,"
        " feedback-and-limits]\n"
    )
    hotlines = tmp_path / "hotlines.yaml"
    entry = '  - name: Warmline\n    phone: "502-555-0142"\n    category: warmline\n'
    hotlines.write_text(f"hotlines:\n{entry}    verified: 2026-11-01\n")
    cache = FragmentCache()
    build(tmp_path, fragments=cache)
    hotlines.write_text(f"hotlines:\n{entry.replace('0142', '0143')}    verified: 2026-11-01\n")
    report = build(tmp_path, fragments=cache)
    assert [item.fresh for item in report.written] == [False]
    assert cache.laid_out == 1
    text = "".join(p.extract_text() for p in PdfReader(report.written[0].path).pages)
    assert "(502) 555-0143" in text and "(502) 555-0142" not in text


def _tiny(folder: Path, extra: str = "") -> Path:
    keep = "crisis-numbers, self-care, notes"
    (folder / "pocketguide.yaml").write_text(
        "organization:\n  name: Tiny Org\n  slug: tiny\nsections:\n"
        f"  order: [{keep}]\n  exclude: [how-to-use, facilitator-role, before-the-meeting,"
        " opening, guidelines, keeping-it-moving, closing, things-to-avoid, scenarios,"
        f" feedback-and-limits]\n{extra}"
    )
    (folder / "hotlines.yaml").write_text(
        'hotlines:\n  - name: Warmline\n    phone: "502-555-0142"\n    category: warmline\n'
    )
    return folder


def test_pages_written_again_get_their_crop_marks_once(tmp_path):
    project, cache = _tiny(tmp_path), FragmentCache()
    options = Options(print_shop=True)
    hotlines = project / "hotlines.yaml"
    for edit in ("", "    notes: Ask for Sam\n", ""):  # reused pages are written three times
        hotlines.write_text(hotlines.read_text().split("    notes")[0] + edit)
        path = build(project, fragments=cache, options=options).written[0].path
    marks = [
        len(re.findall(rb"/Artifact\s+BMC\s+/x\d+ Do", page.get_contents().get_data()[:2000]))
        for page in PdfReader(path).pages
    ]
    assert marks == [1] * len(marks)  # WeasyPrint draws the marks as one image per page


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    '<rect width="40" height="40" fill="{}"/></svg>'
)


def test_a_logo_replaced_under_its_name_is_printed(tmp_path):
    project, cache = _tiny(tmp_path, "brand:\n  logo: logo.svg\n"), FragmentCache()
    (project / "logo.svg").write_text(SVG.format("#00aa00"))
    build(project, fragments=cache)
    (project / "logo.svg").write_text(SVG.format("#cc0000"))
    path = build(project, fragments=cache).written[0].path
    cover = pypdfium2.PdfDocument(path)[0].render(scale=1).to_pil().convert("RGB")
    colours = {colour for _count, colour in cover.getcolors(1 << 20)}
    assert (204, 0, 0) in colours and (0, 170, 0) not in colours
