"""Numbers in right-to-left hotline text keep their digit groups in reading order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium

from conftest import run
from pocketguide.bidi import isolate_numbers, isolate_numbers_in_html

FIXTURE = Path(__file__).parent / "fixtures" / "rtl-project"


def test_runs_of_three_or_more_digits_are_wrapped_and_the_rest_escaped():
    assert str(isolate_numbers("call <b>502-589-1234</b> or 12")) == (
        'call &lt;b&gt;<span class="ltr-number">502-589-1234</span>&lt;/b&gt; or 12'
    )
    assert str(isolate_numbers(None)) == ""


def _left_edge(page, text: str) -> float:
    textpage = page.get_textpage()
    searcher = textpage.search(text)
    index, _count = searcher.get_next()
    return textpage.get_charbox(index)[0]


def test_a_number_in_arabic_notes_reads_left_to_right(tmp_path):
    # "502-589-1234" in an Arabic note printed as 1234-589-502; the check read the PDF in
    # drawing order and never saw it.
    project = tmp_path / "rtl"
    shutil.copytree(FIXTURE, project)
    hotlines = project / "content" / "ar" / "hotlines.yaml"
    text = hotlines.read_text(encoding="utf-8")
    note = 'notes: "أو اتصل على 502-589-1234"'
    hotlines.write_text(text.replace('notes: "حين يكون أحد في خطر مباشر."', note), "utf-8")
    # The same in the guide's own prose: a section (Markdown) and the back cover (YAML).
    section = project / "content" / "ar" / "sections" / "opening.md"
    prose = "\n\nخط الدعم: (502) 589-7777\n"
    section.write_text(section.read_text(encoding="utf-8") + prose, encoding="utf-8")
    guide = project / "content" / "ar" / "guide.yaml"
    cover = guide.read_text(encoding="utf-8").replace('back_cover: "', 'back_cover: "502-589-8888 ')
    guide.write_text(cover, encoding="utf-8")
    result = run("build", str(project))
    assert result.exit_code == 0, result.output
    document = pdfium.PdfDocument(next((project / "output").glob("*-guide-ar.pdf")))
    for first, last in (("502", "1234"), ("(502)", "7777"), ("502", "8888")):
        page = next(p for p in document if last in p.get_textpage().get_text_range())
        assert _left_edge(page, first) < _left_edge(page, last), last
    # Each link once: a number span inside a tel: link made a second, identical annotation.
    from pypdf import PdfReader

    reader = PdfReader(next((project / "output").glob("*-guide-ar.pdf")))
    for page in reader.pages:
        links = [a.get_object() for a in page.get("/Annots", [])]
        links = [a for a in links if "/A" in a and "/URI" in a["/A"]]
        seen = [(str(a["/A"]["/URI"]), tuple(round(float(v)) for v in a["/Rect"])) for a in links]
        assert len(seen) == len(set(seen)), seen


def test_numbers_in_a_whole_document_are_wrapped_once_and_only_in_its_text():
    html = (
        "<html><head><style>a{width:1234px}</style><title>2026</title></head><body>"
        '<p>call (502) 589-1234 &#8212; &#x2014; or <span class="ltr-number">116 123</span> 12'
        '</p><a href="tel:988">988</a></body></html>'
    )
    assert isolate_numbers_in_html(html) == (
        "<html><head><style>a{width:1234px}</style><title>2026</title></head><body>"
        '<p>call <span class="ltr-number">(502) 589-1234</span> &#8212; &#x2014; or '
        '<span class="ltr-number">116 123</span> 12</p>'
        '<a href="tel:988">988</a></body></html>'
    )


def test_a_number_partly_in_bold_is_set_apart_whole():
    # Each piece was set apart alone, and an Arabic line printed 589-1234 (502).
    html = "<html><body><p>اتصل على <strong>(502)</strong> 589-1234 في <b>12</b></p></body></html>"
    assert isolate_numbers_in_html(html) == (
        '<html><body><p>اتصل على <span class="ltr-number"><strong>(502)</strong> 589-1234</span> '
        "في <b>12</b></p></body></html>"
    )
    split = "<html><body><p>x 502-<em>589</em>-1234</p></body></html>"
    assert isolate_numbers_in_html(split) == (
        '<html><body><p>x <span class="ltr-number">502-<em>589</em>-1234</span></p></body></html>'
    )
