"""3. No attachments: rel=attachment is refused, and no PDF carries an embedded file."""

from __future__ import annotations

import pytest

from pocketguide.errors import PocketguideError
from pocketguide.verify import verify_pdf

from .helpers import PDF_NAME, assert_clean_failure, cover_extra, invoke, make_project

A6 = (105.0, 148.0)


def embedded_files(data: bytes) -> int:
    """How many files a PDF embeds, counted apart from verify_pdf: its tree and attachment notes."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(data)
    count = document.count_attachments()
    for page in document:
        for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            annotation = raw.FPDFPage_GetAnnot(page.raw, index)
            count += raw.FPDFAnnot_GetSubtype(annotation) == raw.FPDF_ANNOT_FILEATTACHMENT
            raw.FPDFPage_CloseAnnot(annotation)
    return count


@pytest.mark.parametrize(
    "html",
    [
        '<link rel="attachment" href="../pocketguide.yaml" title="config">',
        '<a rel="attachment" href="../pocketguide.yaml">config</a>',
        '<a rel="nofollow ATTACHMENT" href="../pocketguide.yaml">config</a>',
    ],
)
def test_rel_attachment_is_refused(tmp_path, html):
    project = make_project(tmp_path, {"templates/guide.html.j2": cover_extra(html)})
    lines = assert_clean_failure(invoke("build", str(project)))
    assert lines == [
        "templates/guide.html.j2:3: attachments (rel=attachment) are not allowed in a guide"
    ]
    assert not (project / "output" / PDF_NAME).exists()


def test_the_default_guide_embeds_no_files(default_guide, guide_reader):
    assert embedded_files(default_guide.read_bytes()) == 0
    assert "/EmbeddedFiles" not in guide_reader.trailer["/Root"].get("/Names", {})


def test_a_built_project_embeds_no_files(tmp_path):
    project = make_project(tmp_path)
    assert invoke("build", str(project), "--quiet").exit_code == 0
    assert embedded_files((project / "output" / PDF_NAME).read_bytes()) == 0


def test_verification_refuses_a_pdf_with_an_embedded_file():
    import weasyprint

    html = weasyprint.HTML(string="<style>@page { size: 105mm 148mm }</style><p>988</p>")
    data = html.write_pdf(attachments=[weasyprint.Attachment(string="secret", name="x.txt")])
    assert embedded_files(data) == 1
    with pytest.raises(PocketguideError) as info:
        verify_pdf(data, "out.pdf", A6, ["988"])
    assert [str(p) for p in info.value.problems] == [
        "out.pdf: the PDF has embedded files; a guide may have none"
    ]
    verify_pdf(html.write_pdf(), "out.pdf", A6, ["988"])  # the same page without it passes


def test_verification_refuses_a_file_attachment_note_on_any_page():
    import weasyprint

    html = weasyprint.HTML(
        string="<style>@page { size: 105mm 148mm }</style><p>988</p>"
        '<p style="break-before: page"><a rel="attachment" href="data:text/plain,secret">'
        "notes</a></p>"
    )
    data = html.write_pdf()
    assert embedded_files(data) == 1
    with pytest.raises(PocketguideError) as info:
        verify_pdf(data, "out.pdf", A6, ["988"])
    assert [str(p) for p in info.value.problems] == [
        "out.pdf: the PDF has embedded files; a guide may have none"
    ]
