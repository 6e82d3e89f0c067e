"""Accessibility: tagging and metadata, alt text, the contrast and type-size audit, large print,
fillable crisis pages."""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import IndirectObject

from conftest import MM, run, tiny_config
from pocketguide.a11y import audit_pdf
from pocketguide.contrast import contrast_ratio
from pocketguide.guide import blank_fields
from pocketguide.markup import images_without_alt
from pocketguide.pdf import html_to_pdf
from pocketguide.resources import templates_dir

ORG = "organization:\n  name: Test Org\n  slug: test\n"
TITLE = "Facilitator’s Pocket Guide"


# Tagging and metadata, on the session's default guide


def _elements(reader: PdfReader) -> list[dict]:
    """Every structure element of the tagged PDF, depth first, in document order."""
    found = []

    def walk(node) -> None:
        node = node.get_object()
        found.append(node)
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, IndirectObject) and "/S" in kid.get_object():
                walk(kid)

    root = reader.trailer["/Root"]["/StructTreeRoot"]
    for kid in root["/K"]:
        walk(kid)
    return found


@pytest.fixture(scope="module")
def elements(guide_reader) -> list[dict]:
    return _elements(guide_reader)


def test_default_guide_is_tagged_with_headings_lists_and_links(guide_reader, elements):
    root = guide_reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    tags = Counter(str(e["/S"]) for e in elements)
    assert tags["/Document"] == 1
    assert tags["/H1"] >= 13  # the contents and one per section
    assert tags["/H2"] >= 10  # one per scenario, and sub-headings
    assert tags["/L"] >= 10 and tags["/LI"] >= tags["/L"] and tags["/LBody"] >= tags["/L"]
    assert tags["/Link"] >= 20  # the contents entries and tel: links


def test_link_elements_own_their_link_annotations(elements):
    links = [e for e in elements if e["/S"] == "/Link"]
    owned = [
        kid.get_object()["/Obj"].get_object()
        for e in links
        for kid in e["/K"]
        if isinstance(kid, IndirectObject) and kid.get_object().get("/Type") == "/OBJR"
    ]
    assert len(owned) >= len(links) * 0.9
    assert {a["/Subtype"] for a in owned} == {"/Link"}


def test_links_are_described_by_their_words_not_their_ids(guide_reader):
    # WeasyPrint names an in-document link by its target id, which a screen reader reads out.
    described = {}
    for page in guide_reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            key = annotation.get("/Dest") or annotation["/A"]["/URI"]
            described.setdefault(str(key), set()).add(str(annotation["/Contents"]))
    assert described["sec-how-to-use"] == {"How to use this guide"}
    assert described["scn-disengaged"] == {"A member seems disengaged"}
    assert described["tel:911"] == {"tel:911"}  # a link out keeps its address
    ids = [d for d in described if d.startswith(("sec-", "scn-"))]
    assert len(ids) >= 20 and all(not described[i] & {i} for i in ids)


def test_reading_order_follows_the_pages(guide_reader, elements):
    page_index = {page.indirect_reference.idnum: i for i, page in enumerate(guide_reader.pages)}
    headings = [page_index[e.raw_get("/Pg").idnum] for e in elements if e["/S"] == "/H1"]
    assert headings == sorted(headings) and len(set(headings)) == len(headings)


def test_language_title_and_window_title(guide_reader):
    root = guide_reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert guide_reader.metadata.title == TITLE
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert f'<rdf:li xml:lang="x-default">{TITLE}</rdf:li>' in xmp
    assert 'pdfuaid:part="1"' in xmp


def test_bookmarks_cover_sections_and_scenarios(guide_reader):
    top = [item for item in guide_reader.outline if not isinstance(item, list)]
    nested = [i for item in guide_reader.outline if isinstance(item, list) for i in item]
    assert "Contents" in [b.title for b in top] and len(top) >= 13
    assert len(nested) == 12


def test_images_carry_alt_text_and_qr_codes_name_their_address(elements):
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert figures and all(str(e.get("/Alt", "")).strip() for e in figures)
    assert "QR code: https://988lifeline.org" in [str(e["/Alt"]) for e in figures]


def test_untagged_decoration_is_an_artifact(guide_reader):
    # Backgrounds, borders and rules are drawn inside /Artifact marked content.
    page = guide_reader.pages[0].get_contents().get_data()
    assert re.search(rb"/Artifact\s+BMC", page)


# Alt text in content


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("![](x.png)", [(1, "x.png")]),
        ("![  ](<a b.png> 'title')", [(1, "a b.png")]),
        ("one\n![][ref]\n\n[ref]: r.png", [(2, "ref")]),
        ('<img src="y.png">', [(1, "y.png")]),
        ("text\n<img\n  src='z.png' alt=\"\">", [(2, "z.png")]),
        ('<img data-alt="x" src=w.png>', [(1, "w.png")]),
        ("![A chair](x.png) <img src=y.png alt='A door'>", []),
        ("`![](code.png)`\n```\n![](fenced.png)\n```", []),
    ],
)
def test_images_without_alt(text, expected):
    assert images_without_alt(text) == expected


def test_content_image_without_alt_is_an_error_naming_file_and_line(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(ORG)
    section = tmp_path / "content" / "en" / "sections" / "closing.md"
    section.parent.mkdir(parents=True)
    section.write_text(
        "---\ntitle: Closing\n---\n\nEnd on time.\n\n![](chairs.png)\n\n"
        '<img src="circle.png" alt="Chairs in a circle">\n<img src="door.png">\n'
    )
    result = run("check", str(tmp_path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert 'content/en/sections/closing.md:7: image "chairs.png" has no alt text' in lines
    assert 'content/en/sections/closing.md:10: image "door.png" has no alt text' in lines
    assert "circle.png" not in result.output and "Traceback" not in result.output


# The audit, on a small crafted document

CRAFTED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Audit</title>
<style>
@page { size: 105mm 148mm; margin: 8mm; }
body { font-family: "Guide Sans"; font-size: 9pt; color: #111; }
p { margin: 0 0 3mm; }
.box { padding: 2mm; margin-bottom: 3mm; }
</style><style>{fonts}</style></head><body>
<p style="color: #999999">Grey on white</p>
<div class="box" style="background: #1d4e89; color: #ffffff"><p>White on dark blue</p></div>
<p style="font-size: 20pt; color: #8f8f8f">Large grey</p>
<p style="font-size: 14pt; color: #8f8f8f; font-weight: bold">Bold grey</p>
<p style="font-size: 14pt; color: #8f8f8f">Plain grey</p>
<p style="font-size: 6pt">Call 988 small</p>
<p style="font-size: 9pt">Call 988 normal</p>
<div class="box" style="background: #dddddd"><p style="color: #767676">Grey on light grey</p></div>
<p style="break-before: page; font-size: 12pt; transform: scale(0.5); transform-origin: 0 0">
Scaled down</p>
<p style="opacity: 0.5">Half transparent</p>
<p><img alt="Tiny Logo Co" style="width: 40mm" src="data:image/svg+xml,{logo}"></p>
</body></html>"""

# A logo's own lettering, small and faint: WCAG exempts logotypes, so the audit must not report it.
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" width="200" height="40">'
    '<text x="4" y="20" font-size="14" fill="#cccccc">Tiny Logo Co</text>'
    # Centred text is drawn inside a form XObject of its own, under the picture's tag.
    '<text x="100" y="34" font-size="5" fill="#eeeeee" text-anchor="middle">since 1990</text>'
    "</svg>"
)


@pytest.fixture(scope="module")
def audit() -> list[str]:
    fonts = (templates_dir() / "fonts.css").read_text()
    html = CRAFTED.replace("{fonts}", fonts).replace("{logo}", quote(LOGO))
    pdf = html_to_pdf(html, templates_dir(), [templates_dir()], "audit.pdf")
    assert pdf.pages == 2
    # The logo's lettering is on the page as text, so leaving it out below is a real choice.
    assert "since 1990" in PdfReader(io.BytesIO(pdf.data)).pages[1].extract_text()
    return audit_pdf(pdf.data, "audit.pdf", 8.5)


def _about(messages: list[str], snippet: str) -> list[str]:
    return [m for m in messages if f'"{snippet}"' in m]


def test_low_contrast_is_reported_with_ratio_page_and_text(audit):
    assert _about(audit, "Grey on white") == [
        'audit.pdf: page 1: contrast 2.8:1 (#999999 on #ffffff) for "Grey on white" (needs 4.5:1)'
    ]


def test_contrast_is_measured_against_the_real_background(audit):
    # #767676 passes on white (4.54:1) but not on the light grey box it sits on.
    assert contrast_ratio((0x76,) * 3, (255,) * 3) > 4.5
    (message,) = _about(audit, "Grey on light grey")
    assert "contrast 3.3:1 (#767676 on #dddddd)" in message
    assert _about(audit, "White on dark blue") == []


def test_large_text_needs_three_to_one(audit):
    assert _about(audit, "Large grey") == []  # 20 pt at 3.2:1
    assert _about(audit, "Bold grey") == []  # 14 pt bold at 3.2:1
    (message,) = _about(audit, "Plain grey")  # 14 pt regular is not large
    assert message.endswith("(needs 4.5:1)")


def test_small_text_is_reported_with_its_size(audit):
    assert _about(audit, "Call 988 small") == [
        'audit.pdf: page 1: text "Call 988 small" is 6 pt, below 8.5 pt'
    ]
    assert _about(audit, "Call 988 normal") == []


def test_size_includes_the_text_matrix_and_colour_includes_opacity(audit):
    assert _about(audit, "Scaled down") == [
        'audit.pdf: page 2: text "Scaled down" is 6 pt, below 8.5 pt'
    ]
    (message,) = _about(audit, "Half transparent")
    assert message.startswith("audit.pdf: page 2: contrast ")


def test_lettering_inside_a_logo_is_not_reported(audit):
    assert _about(audit, "Tiny Logo Co") == [] and _about(audit, "since 1990") == []
    assert not [m for m in audit if '"s' in m or '"T' in m]  # nor any single glyph of it


def test_nothing_else_is_reported(audit):
    assert len(audit) == 6, audit


def test_default_guide_passes_the_audit(default_guide):
    assert audit_pdf(default_guide.read_bytes(), "guide.pdf", 8.5) == []


# A project's stylesheet that makes hotline numbers unreadable

HOTLINES = (
    "hotlines:\n"
    "  - name: Test Warmline\n    phone: 502-555-0242\n    hours: 24/7\n    category: crisis\n"
    "  - name: Emergency services\n    phone: '911'\n    hours: 24/7\n    category: emergency\n"
)


@pytest.mark.parametrize(
    ("css", "found"),
    [
        (
            ".kh-number { color: #ffffff; }",
            'page 2: contrast 1.0:1 (#ffffff on #ffffff) for "911" (and 1 more) (needs 4.5:1)',
        ),
        (
            ".kh-number { font-size: 3pt !important; }",
            'page 2: text "911" (and 1 more) is 3 pt, below 7 pt',
        ),
        # A fixed-height box cutting them off, or a white box laid over them.
        (
            ".kh-number { height: 0; overflow: hidden; }",
            'page 2: "911" (and 1 more) does not show in full (clipped or covered)',
        ),
        # Cut at their feet, the digits read 3 for 9 or 6 for 5: 16% of their box was enough.
        (
            ".kh-number { display: block; height: 0.85em; overflow: hidden; }",
            'page 2: "911" (and 1 more) does not show in full (clipped or covered)',
        ),
        # The first digit alone in white: "02-589-1234" as the reader sees it.
        (
            ".kh-number::first-letter { color: #ffffff; }",
            'page 2: contrast 1.0:1 (#ffffff on #ffffff) for "9" (and 1 more) (needs 4.5:1)',
        ),
        (
            ".kh-number { position: relative; } .kh-number::after { content: ''; position: "
            "absolute; left: 0; top: 0; right: 0; bottom: 0; background: white; }",
            'page 2: "911" (and 1 more) does not show in full (clipped or covered)',
        ),
        # -0.3em for -0.03em: every digit in the text, and 911 one blot on paper.
        (
            ".kh-number { letter-spacing: -0.3em; }",
            'page 2: the digits of "911" (and 1 more) print on top of each other (a negative '
            "letter-spacing, or a font squeezed narrow?)",
        ),
    ],
)
def test_project_css_that_hides_the_card_numbers_stops_the_build(tmp_path, monkeypatch, css, found):
    monkeypatch.chdir(tmp_path)
    Path("pocketguide.yaml").write_text(tiny_config())
    Path("hotlines.yaml").write_text(HOTLINES)
    Path("templates").mkdir()
    Path("templates/card.css").write_text(f'{{% include "default:card.css" %}}\n{css}\n')
    result = run("build", ".", "--format", "card")
    assert result.exit_code == 1
    assert not Path("output/tiny-card-en.pdf").exists()
    assert result.stderr.splitlines()[-1] == (
        f"output/tiny-card-en.pdf: {found}: a hotline number must be easy to read; see the "
        "stylesheets in templates/"
    )
    # The same stylesheet's other rules are the project's own business.
    Path("templates/card.css").write_text('{% include "default:card.css" %}\nh1 { color: teal; }\n')
    assert run("build", ".", "--format", "card").exit_code == 0


def test_slightly_tight_letter_spacing_on_numbers_is_the_projects_own_business(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    Path("pocketguide.yaml").write_text(tiny_config())
    Path("hotlines.yaml").write_text(HOTLINES)
    Path("templates").mkdir()
    css = '{% include "default:card.css" %}\n.kh-number { letter-spacing: -0.05em; }\n'
    Path("templates/card.css").write_text(css)
    assert run("build", ".", "--format", "card").exit_code == 0


def test_the_numbers_audit_looks_at_numbers_not_words_with_their_digits():
    # "verified as of 11 November 2026" holds 112's digits: a small date stopped the build.
    fonts = (templates_dir() / "fonts.css").read_text()
    html = (
        f'<html lang="en"><head><title>Small</title><style>{fonts}'
        " body { font-family: 'Guide Sans' }</style></head><body>"
        '<p style="font-size: 6pt">Numbers verified as of 11 November 2026</p>'
        '<p style="font-size: 6pt">Call 112 or <a href="tel:116123">116 123</a></p>'
        '<p style="font-size: 6pt">Ambulance: <a href="tel:15">15</a></p>'
        "</body></html>"
    )
    pdf = html_to_pdf(html, templates_dir(), [templates_dir()], "small.pdf")
    # Morocco's 15 is a whole number however short; the date is no number at all.
    assert audit_pdf(pdf.data, "small.pdf", 7.0, ["112", "116 123", "15"]) == [
        'small.pdf: page 1: text "116 123" (and 1 more) is 6 pt, below 7 pt'
    ]


# Large print


@pytest.fixture(scope="module")
def large_print(tmp_path_factory) -> PdfReader:
    """The default guide built with --large-print."""
    folder = tmp_path_factory.mktemp("large")
    result = run("build", str(folder), "--large-print", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{folder / 'output' / 'pocketguide-guide-large-en.pdf'}  ")
    return PdfReader(folder / "output" / "pocketguide-guide-large-en.pdf")


def test_large_print_is_a5_with_the_same_pages(large_print, guide_reader):
    box = large_print.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (148, 210)
    assert len(large_print.pages) == len(guide_reader.pages)


def test_large_print_body_text_is_1_4_times_larger(large_print):
    import pypdfium2 as pdfium

    from pocketguide.a11y import _text_runs

    document = pdfium.PdfDocument(large_print.stream)
    sizes: Counter = Counter()
    for index in range(1, 4):
        page = document[index]
        sizes.update(round(r.size_pt, 1) for r in _text_runs(page, page.get_textpage(), index))
    assert sizes.most_common(1)[0][0] == 12.6
    assert min(sizes) >= 11.9  # 8.5 pt x 1.4


def test_large_print_keeps_every_scenario_on_one_page(large_print):
    scenarios = next(item for item in large_print.outline if isinstance(item, list))
    pages = [large_print.get_destination_page_number(b) for b in scenarios]
    assert pages == list(range(pages[0], pages[0] + len(pages)))
    after = [
        large_print.get_destination_page_number(b)
        for b in large_print.outline
        if not isinstance(b, list)
    ]
    assert pages[-1] + 1 in after  # the next section starts right after the last scenario


# Fillable crisis pages


@pytest.fixture(scope="module")
def fillable_project(tmp_path_factory) -> Path:
    """A tiny project (the crisis numbers only) with fillable: true, built."""
    folder = tmp_path_factory.mktemp("fillable")
    (folder / "pocketguide.yaml").write_text(tiny_config("Test Org", "test", "fillable: true\n"))
    result = run("build", str(folder), "--quiet")
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def fillable(fillable_project) -> PdfReader:
    """The fillable project's guide."""
    return PdfReader(fillable_project / "output" / "test-guide-en.pdf")


def test_fillable_flag_overrides_the_config(fillable_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(fillable_project, project, ignore=shutil.ignore_patterns("output"))
    off = run("build", str(project), "--no-fillable", "--out", str(tmp_path), "--quiet")
    assert off.exit_code == 0, off.output
    assert PdfReader(tmp_path / "test-guide-en.pdf").get_fields() in (None, {})
    (project / "pocketguide.yaml").write_text(
        (project / "pocketguide.yaml").read_text().replace("fillable: true", "fillable: false")
    )
    on = run("build", str(project), "--fillable", "--out", str(tmp_path), "--quiet")
    assert on.exit_code == 0, on.output
    assert "local-crisis-line" in PdfReader(tmp_path / "test-guide-en.pdf").get_fields()


def test_blank_lines_become_fields_named_after_their_labels(fillable):
    fields = fillable.get_fields()
    labels = ["Local crisis line", "Backup during meetings", "My supervisor", "Poison control"]
    names = ["local-crisis-line", "backup-during-meetings", "my-supervisor", "poison-control"]
    for label, name in zip(labels, names, strict=True):
        assert fields[name]["/FT"] == "/Tx" and fields[name]["/TU"] == label
    # The default hotlines.yaml's thirteen blanks fill their page: no spare lines under them.
    assert len(fields) == 13 and not any(name.startswith("other-") for name in fields)
    assert all(not f.get("/V") for f in fields.values())


def test_spare_lines_under_a_short_list_are_fields_for_a_label_and_a_number(tmp_path):
    config = tiny_config(extra="fillable: true\nhotlines: hotlines.yaml\n")
    (tmp_path / "pocketguide.yaml").write_text(config)
    (tmp_path / "hotlines.yaml").write_text(
        'hotlines:\n  - name: Warmline\n    phone: "502-555-0142"\n    category: warmline\n'
        "blanks: [My supervisor, Other]\n"
    )
    assert run("build", str(tmp_path), "--quiet").exit_code == 0
    reader = PdfReader(tmp_path / "output" / "tiny-guide-en.pdf")
    extra = [f"other-{i}-{part}" for i in (1, 2, 3) for part in ("name", "number")]
    assert sorted(reader.get_fields()) == sorted(["my-supervisor", "other", *extra])
    # All on the page of the labelled lines.
    on_page = [[a.get_object().get("/T") for a in p.get("/Annots", [])] for p in reader.pages]
    assert [page for page in on_page if "other-3-number" in page] == [
        next(page for page in on_page if "my-supervisor" in page)
    ]


def test_field_names_are_unique_slugs():
    fields = blank_fields(["Crisis line", "crisis line", "Línea de crisis", "★"], extra=1)
    assert [f["name"] for f in fields] == [
        "crisis-line",
        "crisis-line-2",
        "linea-de-crisis",
        "number",
        "other-1-number",
    ]
    assert fields[-1]["label_name"] == "other-1-name"


def test_a_field_can_be_filled_and_read_back(fillable):
    writer = PdfWriter(clone_from=fillable)
    writer.update_page_form_field_values(None, {"local-crisis-line": "(502) 555-0100"})
    buffer = io.BytesIO()
    writer.write(buffer)
    fields = PdfReader(io.BytesIO(buffer.getvalue())).get_fields()
    assert fields["local-crisis-line"]["/V"] == "(502) 555-0100"
    assert not fields["backup-during-meetings"].get("/V")


def test_the_default_guide_has_no_form(guide_reader):
    assert "/AcroForm" not in guide_reader.trailer["/Root"]


def test_check_render_reports_contrast_as_printed_and_strict_fails(tmp_path):
    # 3.3:1 passes the build's up-front check (3:1, for the large numbers) but not body text.
    brand = 'brand:\n  primary: "#2a9d8f"\n'
    (tmp_path / "pocketguide.yaml").write_text(tiny_config("Low Contrast", "lowc", brand))
    quick = run("check", str(tmp_path))
    assert quick.exit_code == 0 and quick.stdout.endswith("(1 warning)\n")  # only the config
    rendered = run("check", str(tmp_path), "--render")
    assert rendered.exit_code == 0
    lines = rendered.stderr.splitlines()
    assert (
        "warning: output/lowc-guide-en.pdf: page 3: contrast 3.3:1 (#2a9d8f on #ffffff) for "
        '"Emergency" (and 4 more) (needs 4.5:1)'
    ) in lines
    assert any(
        line.startswith("warning: output/lowc-card-single-en.pdf: page 2: contrast")
        for line in lines
    )
    assert any(
        line.startswith("warning: output/lowc-zine-en.pdf: page 7: contrast") for line in lines
    )
    assert run("check", str(tmp_path), "--render", "--strict").exit_code == 1
    assert not (tmp_path / "output").exists()  # check writes no PDF


def _tree(reader) -> tuple[dict, set[int]]:
    """The structure tree root, and the object numbers of the elements reachable from it."""
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    reached: set[int] = set()
    todo = [root.raw_get("/K")]
    while todo:
        value = todo.pop()
        if isinstance(value, IndirectObject) and value.idnum not in reached:
            element = value.get_object()
            if isinstance(element, dict) and element.get("/Type") == "/StructElem":
                reached.add(value.idnum)
                todo.append(element.raw_get("/K") if "/K" in element else None)
        elif isinstance(value, list):
            todo.extend(value)
    return root, reached


def test_running_heads_and_page_numbers_are_pagination_artifacts(guide_reader):
    # WeasyPrint 70 tagged them with elements no parent lists: content outside the tree,
    # which PDF/UA checkers fail. Every marked-content id now maps into the tree.
    root, reached = _tree(guide_reader)
    nums = root["/ParentTree"]["/Nums"]
    pages = [nums[i + 1] for i in range(0, len(nums), 2) if isinstance(nums[i + 1], list)]
    mapped = [ref for mapping in pages for ref in mapping if isinstance(ref, IndirectObject)]
    assert mapped and all(ref.idnum in reached for ref in mapped)
    page = guide_reader.pages[5]  # "Your role as facilitator", running head and number 6
    content = page.get_contents().get_data()
    assert content.count(b"/Artifact\n<</Type /Pagination>>\nBDC") == 2
    assert "6" in page.extract_text().split()  # still printed, and still text


def test_table_header_ids_can_be_found_by_the_cells_that_name_them(guide_reader):
    root, reached = _tree(guide_reader)
    names = root["/IDTree"]["/Names"]
    ids = {str(names[i]): names[i + 1].idnum for i in range(0, len(names), 2)}
    headers = {
        str(header)
        for number in reached
        for header in guide_reader.get_object(number).get("/A", {}).get("/Headers", [])
    }
    assert headers and headers <= set(ids)
    assert all(ids[h] in reached for h in headers)


# Languages: a section that falls back to English in a Spanish edition

HOUSE_RULES = """\
---
title: "House rules"
---
Please read the house rules aloud before the meeting starts.

- Phones stay silent.
- Coffee is in the kitchen.
"""


@pytest.fixture(scope="session")
def spanish_with_english(tmp_path_factory) -> PdfReader:
    """A Spanish guide of three sections, one of them only written in English."""
    folder = tmp_path_factory.mktemp("fallback")
    (folder / "pocketguide.yaml").write_text("organization:\n  name: Grupo\nlocales: [es]\n")
    content = folder / "content"
    (content / "en" / "sections").mkdir(parents=True)
    (content / "manifest.yaml").write_text(
        "sections: [opening, house-rules, crisis-numbers]\nscenarios: [silence]\n"
    )
    (content / "en" / "sections" / "house-rules.md").write_text(HOUSE_RULES)
    result = run("build", str(folder), "--quiet")
    assert result.exit_code == 0, result.output
    return PdfReader(folder / "output" / "grupo-guide-es.pdf")


def _text_of(reader: PdfReader, element) -> str:
    """The text of a structure element's content, from its page's marked content."""
    number = element.raw_get("/Pg").idnum
    page = next(p for p in reader.pages if p.indirect_reference.idnum == number)
    wanted: set[int] = set()

    def collect(node) -> None:
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, int):
                wanted.add(kid)
            elif isinstance(kid, IndirectObject) and "/S" in kid.get_object():
                collect(kid.get_object())

    collect(element)
    found: list[str] = []
    inside: list[int | None] = []

    def before(operator, operands, *_) -> None:
        if operator in (b"BDC", b"BMC"):
            properties = operands[1] if len(operands) > 1 else {}
            inside.append(properties.get("/MCID") if isinstance(properties, dict) else None)
        elif operator == b"EMC" and inside:
            inside.pop()

    def text(words, *_) -> None:
        if inside and inside[-1] in wanted:
            found.append(words)

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return " ".join("".join(found).split())


def test_a_fallback_section_carries_its_language(spanish_with_english):
    # WeasyPrint 70 wrote only the catalog's /Lang ("es"): English read with Spanish sounds.
    reader = spanish_with_english
    assert reader.trailer["/Root"]["/Lang"] == "es"
    elements = _elements(reader)
    marked = [e for e in elements if "/Lang" in e]
    # Its contents entry, then the section itself.
    assert [(str(e["/S"]), e["/Lang"]) for e in marked] == [("/Link", "en"), ("/Sect", "en")]
    assert _text_of(reader, marked[0]).startswith("House rules")
    assert "House rules" in _text_of(reader, marked[1])
    assert "Phones stay silent." in _text_of(reader, marked[1])
    spanish = [e for e in elements if e["/S"] == "/Sect" and "/Lang" not in e]
    assert any(
        "reunión" in _text_of(reader, e) for e in spanish
    )  # the edition's own: it inherits "es"


# The contents: one link per entry, leader dots out of the text


def _on_page(reader: PdfReader, elements: list[dict], index: int) -> list[dict]:
    number = reader.pages[index].indirect_reference.idnum
    return [e for e in elements if "/Pg" in e and e.raw_get("/Pg").idnum == number]


def _below(element, tag: str) -> list[dict]:
    """The descendants of a structure element with this tag."""
    found = []
    kids = element.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        if isinstance(kid, IndirectObject) and "/S" in kid.get_object():
            kid = kid.get_object()
            found += [kid] * (kid["/S"] == tag) + _below(kid, tag)
    return found


def test_each_contents_entry_is_one_link_with_one_annotation(guide_reader, elements):
    # WeasyPrint 70 made three nested /Link elements per entry, each with an annotation:
    # the <a>, its ::after (the page number) and the leader in it.
    entries = [e for e in _on_page(guide_reader, elements, 1) if e["/S"] == "/LBody"]
    assert len(entries) == 25  # 13 sections and 12 scenarios
    for entry in entries:
        # Only its own link: "Common challenges" holds the scenarios' list too.
        nested = [x.indirect_reference for y in _below(entry, "/L") for x in _below(y, "/Link")]
        (link,) = [x for x in _below(entry, "/Link") if x.indirect_reference not in nested]
        owned = [k for k in link["/K"] if isinstance(k, IndirectObject)]
        assert [k.get_object()["/Type"] for k in owned] == ["/OBJR"]
    annotations = [a.get_object() for a in guide_reader.pages[1]["/Annots"]]
    assert len(annotations) == 25
    assert len({str(a["/Dest"]) for a in annotations}) == 25


def test_contents_leaders_are_artifacts_not_text(guide_reader, elements):
    (contents,) = [
        e for e in _on_page(guide_reader, elements, 1) if _below(e, "/H1") and e["/S"] != "/H1"
    ]
    tagged = _text_of(guide_reader, contents)
    assert "How to use this guide" in tagged and "Suicidal thoughts" in tagged
    assert not re.search(r"\.\s*\.", tagged), tagged
    page = guide_reader.pages[1]
    assert ". . . ." in page.extract_text()  # still printed
    assert b"/Artifact\n<</Type /Layout>>\nBDC" in page.get_contents().get_data()


def test_an_unmatched_structure_tree_is_a_warning_not_a_failure(tmp_path, monkeypatch):
    # The repairs read WeasyPrint's private tree builder again; another WeasyPrint may build
    # a different tree. The PDF must still be written, as WeasyPrint tagged it.
    import pydyf

    import pocketguide.tagfix

    empty = pydyf.Dictionary({"S": "/Document", "K": pydyf.Array()})
    rebuild = pocketguide.tagfix._Rebuild([])
    monkeypatch.setattr(pocketguide.tagfix, "_rebuilt_tree", lambda *args: (empty, rebuild))
    html = '<html lang="es"><p>Hola</p><p lang="en">Hello</p></html>'
    result = html_to_pdf(html, tmp_path, [tmp_path], "out.pdf")
    assert result.warnings == [
        "out.pdf: WeasyPrint: pocketguide could not match WeasyPrint's structure tree, so "
        "languages and contents leaders are tagged as WeasyPrint wrote them"
    ]
    assert "Hello" in PdfReader(io.BytesIO(result.data)).pages[0].extract_text()


def test_a_number_hidden_while_its_name_still_shows_it_stops_the_build(tmp_path, monkeypatch):
    # "988 Suicide & Crisis Lifeline" kept 988 in the card's text after CSS hid the number.
    monkeypatch.chdir(tmp_path)
    Path("pocketguide.yaml").write_text(tiny_config())
    Path("hotlines.yaml").write_text(
        HOTLINES.replace("Test Warmline\n    phone: 502-555-0242", "988 Lifeline\n    phone: '988'")
    )
    Path("templates").mkdir()
    hide = ".kit-hotlines li:nth-child(2) .kh-number { display: none; }"
    Path("templates/card.css").write_text(f'{{% include "default:card.css" %}}\n{hide}\n')
    result = run("build", ".", "--format", "card")
    assert result.exit_code == 1
    assert (
        'output/tiny-card-en.pdf: the number "988" is missing from the PDF (only inside an '
        "entry's name)"
    ) in result.stderr.splitlines()
    Path("templates/card.css").unlink()
    assert run("build", ".", "--format", "card").exit_code == 0
