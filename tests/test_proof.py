"""The proof sheet: which numbers the checker calls, and which they must not test-call."""

from __future__ import annotations

import datetime as dt
import itertools
import re
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
  - name: Peer Warmline
    phone: "502-555-0163"
    category: warmline
"""
INTRO = (
    "Call or text every number below, except emergency numbers and crisis lines: they are marked,"
    " and should never get a test call. Tick the box when a number reaches the right service,"
    " then sign and date the sheet."
)
DO_NOT_CALL = (
    "Please do not test-call this number: emergency lines need to stay free for people who"
    " need help right now. Instead, confirm it against your local emergency service's"
    " published information, then tick the box."
)
CRISIS = (
    "Please do not test-call this crisis line: a call ties up someone who could be helping a"
    " person in crisis. Instead, check the number against the service's own website or printed"
    " material (or call its office line, if it has one), then tick the box."
)
OWN = "Your organization's own number, printed on the back cover of the guide."
NAMED = "The guide's text tells readers to call this number, on its scenario pages and back cover."
ROW_NAMES = (
    "Night Crisis Line", "Emergency services", "Dispatch", "Peer Warmline", "Test Org", "Checked by"
)  # fmt: skip


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
        f"Emergency services PHONE 911 {DO_NOT_CALL} {NAMED} Hours: — · Last verified: never "
    )
    assert rows["Dispatch"] == f"Dispatch PHONE 112 {DO_NOT_CALL} Hours: — · Last verified: never "


def test_crisis_lines_are_checked_from_published_information(rows):
    # A test call takes a crisis line's volunteer from someone who needs them.
    assert rows["Night Crisis Line"] == (
        f"Night Crisis Line CALL (502) 555-0117 {CRISIS} {NAMED} Hours: — · "
        "Last verified: 2026-01-05 "
    )


def test_other_numbers_are_to_be_called(rows):
    # (Its row may end with the page number.)
    assert rows["Peer Warmline"].startswith(
        "Peer Warmline CALL (502) 555-0163 Hours: — · Last verified: never "
    )


def test_the_organizations_own_phone_is_a_row_to_check(rows):
    assert rows["Test Org"] == f"Test Org CALL (502) 555-0100 {OWN} "


def test_the_sheet_is_on_the_configured_paper(proof_pdf):
    # A US project with `paper: a4` got a Letter proof sheet: the region decided alone.
    box = PdfReader(proof_pdf).pages[0].mediabox
    assert [round(float(v) * 25.4 / 72) for v in (box.width, box.height)] == [210, 297]


def test_the_sign_off_stays_on_the_page_of_the_last_number(tmp_path):
    # With seven numbers, "Checked by ... Date" sat alone on page 2, easy to miss.
    entries = "".join(
        f'  - name: Line {n}\n    phone: "502-555-02{n}0"\n    hours: Mon-Fri, 6pm-9pm\n'
        f"    category: warmline\n    notes: Talk with a peer before things become a crisis.\n"
        for n in range(1, 7)
    )
    (tmp_path / "pocketguide.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "hotlines.yaml").write_text(HOTLINES + entries, encoding="utf-8")
    assert run("proof", str(tmp_path)).exit_code == 0
    pages = [p.extract_text() for p in PdfReader(tmp_path / "output" / "test-proof.pdf").pages]
    assert len(pages) >= 2
    last = pages[-1]
    assert "Checked by" in last and "Test Org" in last  # the organization's own number is last
    assert all("Checked by" not in page for page in pages[:-1])
    # No entry split between pages: its number and its hours line are on the same one.
    for page in pages:
        ends = page.count("Last verified") + page.count("Your organization's own number")
        assert ends == len(re.findall(r"\b(?:CALL|PHONE)\b", page)), page


def test_numbers_the_text_names_but_no_entry_lists_are_on_the_sheet(tmp_path):
    # The guide says "call 988 together" from the region alone: the checker never saw it.
    (tmp_path / "pocketguide.yaml").write_text(CONFIG, encoding="utf-8")
    warmline = 'hotlines:\n  - name: Warmline\n    phone: "502-555-0242"\n    category: warmline\n'
    (tmp_path / "hotlines.yaml").write_text(warmline, encoding="utf-8")
    assert run("proof", str(tmp_path)).exit_code == 0
    reader = PdfReader(tmp_path / "output" / "test-proof.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    unlisted = (
        "The guide's text tells readers to call this number, but no hotline entry lists it: "
        "check it, then add it to your hotlines file."
    )
    assert f"Named in the guide's text PHONE 911 {DO_NOT_CALL} {unlisted}" in text
    assert f"Named in the guide's text CALL 988 {CRISIS} {unlisted}" in text


def test_a_proof_sheet_left_behind_by_a_hotline_edit_is_named(tmp_path, monkeypatch):
    # The checker could tick last week's number on an old sheet, and approve then record this
    # week's: every other output was named after the edit, the sheet was not.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "hotlines.yaml").write_text(HOTLINES, encoding="utf-8")
    assert run("proof", ".").exit_code == 0
    edited = HOTLINES.replace("502-555-0117", "502-555-0118")
    (tmp_path / "hotlines.yaml").write_text(edited, encoding="utf-8")
    result = run("build", ".")
    assert result.exit_code == 0, result.output
    assert (
        "warning: output/test-proof.pdf was made before the last change to hotlines.yaml or "
        "organization.phone and may print old numbers; rebuild it: pocketguide proof"
    ) in result.stderr.splitlines()


def test_the_entries_the_guides_text_names_are_marked(rows):
    # Which entry {crisis} printed was said nowhere: a metadata edit could swap it unseen.
    assert NAMED in rows["Night Crisis Line"] and NAMED in rows["Emergency services"]
    assert NAMED not in rows["Dispatch"]


def test_approve_names_a_proof_sheet_made_before_the_edit(tmp_path, monkeypatch):
    # The checker signed a sheet with 589-8075; approve took 589-8120 without a word.
    monkeypatch.chdir(tmp_path)
    Path("pocketguide.yaml").write_text(
        f"organization:\n  name: P\n  slug: p\nsections:\n  exclude: [{NOT_CRISIS}]\n"
    )
    entries = (
        "hotlines:\n  - name: Line\n    phone: 502-589-8075\n    hours: 24/7\n"
        "    category: crisis\n    verified: 2026-12-01\n  - name: Emergency services\n"
        "    phone: '911'\n    hours: 24/7\n    category: emergency\n    verified: 2026-12-01\n"
    )
    Path("hotlines.yaml").write_text(entries)
    assert run("proof", ".").exit_code == 0
    assert run("approve", ".").stderr == ""  # the sheet shows what is approved
    today = dt.date.today().isoformat()  # the day the new number was called
    Path("hotlines.yaml").write_text(
        entries.replace("8075", "8120").replace("2026-12-01", today, 1)
    )
    result = run("approve", ".")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: output/p-proof.pdf was made before the last change to hotlines.yaml and may "
        "print old numbers; rebuild it: pocketguide proof\n"
    )
