"""10. Verified output: every number as printed, page count and size are checked before writing."""

from __future__ import annotations

import pytest

from pocketguide.errors import PocketguideError
from pocketguide.verify import verify_pdf

from .helpers import PDF_NAME, assert_clean_failure, invoke, make_project

A6 = (105.0, 148.0)
HOTLINES = "hotlines:\n  - name: Warmline\n    phone: 502-555-0142\n    verified: 2026-11-01\n"


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    import weasyprint

    html = "<html lang='en'><style>@page { size: 105mm 148mm }</style><p>Call 988</p>"
    return weasyprint.HTML(string=html + "<p style='break-before: page'>911</p>").write_pdf()


def problems(*args, **kwargs) -> list[str]:
    with pytest.raises(PocketguideError) as info:
        verify_pdf(*args, **kwargs)
    return [str(p) for p in info.value.problems]


def test_a_matching_pdf_passes(small_pdf):
    assert verify_pdf(small_pdf, "out.pdf", A6, ["988", "911"], (1, 4)) == 2


def test_a_missing_number_fails(small_pdf):
    assert problems(small_pdf, "out.pdf", A6, ["988", "(502) 555-0142"]) == [
        'out.pdf: the number "(502) 555-0142" is missing from the PDF'
    ]


def test_a_wrong_page_size_fails(small_pdf):
    assert problems(small_pdf, "out.pdf", (74.0, 105.0), ["988"]) == [
        "out.pdf: page 1 is 297.6 x 419.5 pt, expected 209.8 x 297.6 pt"
    ]


def test_a_wrong_page_count_fails(small_pdf):
    assert problems(small_pdf, "out.pdf", A6, ["988"], (28, 48)) == [
        "out.pdf: 2 pages; expected 28-48"
    ]


def test_a_template_that_drops_a_number_fails_the_build(tmp_path):
    crisis = "{% for h in hotlines %}<p>{{ h.name }}</p>{% endfor %}"
    project = make_project(
        tmp_path, {"hotlines.yaml": HOTLINES, "templates/partials/crisis.html.j2": crisis}
    )
    lines = assert_clean_failure(invoke("build", str(project)))
    assert lines[-1].endswith('the number "(502) 555-0142" is missing from the PDF')
    assert not (project / "output" / PDF_NAME).exists()


def test_a_template_that_prints_a_number_differently_fails_the_build(tmp_path):
    crisis = "{% for h in hotlines %}<p>{{ h.name }} {{ h.phone.raw }}</p>{% endfor %}"
    project = make_project(
        tmp_path, {"hotlines.yaml": HOTLINES, "templates/partials/crisis.html.j2": crisis}
    )
    lines = assert_clean_failure(invoke("build", str(project)))
    assert lines[-1].endswith('the number "(502) 555-0142" is missing from the PDF')


def test_a_page_size_overridden_by_a_template_fails_the_build(tmp_path):
    css = '{% include "default:guide.css" %}\n@page { size: 74mm 105mm; }\n'
    project = make_project(tmp_path, {"templates/guide.css": css})
    lines = assert_clean_failure(invoke("build", str(project)))
    assert any("expected 297.6 x 419.5 pt" in line for line in lines), lines
