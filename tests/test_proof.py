"""The proof sheet: which numbers the checker calls, and which they must not test-call."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import NOT_CRISIS, run

CONFIG = (
    'organization:\n  name: Test Org\n  slug: test\n  phone: "502-555-0100"\n'
    "paper: a4\n"  # a US project (the default region) printing on A4
    f"sections:\n  exclude: [{NOT_CRISIS}]\n"
)
HOTLINES = """\
hotlines:
  - name: Night Crisis Line
    phone: "502-555-0117"
    category: crisis
    verified: 2026-01-05
  - name: Emergency services
    phone: 911
    category: emergency
  - name: Dispatch
    phone: 112
    category: other
"""
INTRO = (
    "Call or text every number below, except emergency numbers: they are marked, and should"
    " never get a test call. Tick the box when a number reaches the right service, then sign"
    " and date the sheet."
)
DO_NOT_CALL = (
    "Please do not test-call this number: emergency lines need to stay free for people who"
    " need help right now. Instead, confirm it against your local emergency service's"
    " published information, then tick the box."
)
OWN = "Your organization's own number, printed on the back cover of the guide."
ROW_NAMES = ("Night Crisis Line", "Emergency services", "Dispatch", "Test Org", "Checked by")


@pytest.fixture(scope="module")
def proof_pdf(tmp_path_factory) -> Path:
    """The proof sheet of a small project."""
    project: Path = tmp_path_factory.mktemp("proof")
    (project / "pocketguide.yaml").write_text(CONFIG, encoding="utf-8")
    (project / "hotlines.yaml").write_text(HOTLINES, encoding="utf-8")
    result = run("proof", str(project))
    assert result.exit_code == 0, result.output
    return project / "output" / "test-proof.pdf"


@pytest.fixture(scope="module")
def rows(proof_pdf) -> dict[str, str]:
    """The proof sheet's text, split into rows by entry name (whitespace normalized)."""
    reader = PdfReader(proof_pdf)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    # Entries in sheet order; "Test Org" also heads the sheet, so look after the intro.
    found, start = {}, text.index(INTRO) + len(INTRO)
    found["head"] = text[:start]
    for name, following in itertools.pairwise(ROW_NAMES):
        begin = text.index(name, start)
        start = text.index(following, begin + len(name))
        found[name] = text[begin:start]
    return found


def test_the_instruction_leaves_out_emergency_numbers(rows):
    assert rows["head"] == f"Number check: Test Org {INTRO}"


def test_emergency_numbers_say_not_to_test_call_them_and_are_never_labelled_call(rows):
    # By category, and (category "other") because phonenumbers knows 112 as a US emergency number.
    assert rows["Emergency services"] == (
        f"Emergency services PHONE 911 {DO_NOT_CALL} Hours: — · Last verified: never "
    )
    assert rows["Dispatch"] == f"Dispatch PHONE 112 {DO_NOT_CALL} Hours: — · Last verified: never "


def test_other_numbers_are_to_be_called(rows):
    assert rows["Night Crisis Line"] == (
        "Night Crisis Line CALL (502) 555-0117 Hours: — · Last verified: 2026-01-05 "
    )


def test_the_organizations_own_phone_is_a_row_to_check(rows):
    assert rows["Test Org"] == f"Test Org CALL (502) 555-0100 {OWN} "


def test_the_sheet_is_on_the_configured_paper(proof_pdf):
    # A US project with `paper: a4` got a Letter proof sheet: the region decided alone.
    box = PdfReader(proof_pdf).pages[0].mediabox
    assert [round(float(v) * 25.4 / 72) for v in (box.width, box.height)] == [210, 297]
