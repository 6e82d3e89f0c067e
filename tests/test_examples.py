"""The UK example: local numbers, the default text's US numbers replaced, British dates."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import run
from pocketguide.locales import babel_locale

ROOT = Path(__file__).resolve().parents[1]
# The example's made-up numbers, from the ranges Ofcom keeps for drama.


def harbour_warnings(folder: str = "") -> str:
    """What examples/harbour warns, its files named from `folder` (the working folder's view)."""
    return (
        f"warning: {folder}hotlines.yaml:28: Harbour Peer Warmline: 020 7946 0142 is a "
        "fictional number (Ofcom keeps it for drama); put in the real one; "
        "until then no PDF prints the verified date\n"
        f"warning: {folder}pocketguide.yaml:7: organization.phone: 020 7946 0100 is a "
        "fictional number (Ofcom keeps it for drama); put in the real one; "
        "until then no PDF prints the verified date\n"
    )


HARBOUR_WARNINGS = harbour_warnings()


@pytest.fixture(scope="module")
def harbour(tmp_path_factory) -> Path:
    """examples/harbour built: the guide and the card faces; only its made-up numbers warn."""
    folder = tmp_path_factory.mktemp("examples") / "harbour"
    shutil.copytree(ROOT / "examples" / "harbour", folder, ignore=shutil.ignore_patterns("output"))
    result = run("build", str(folder), "--format", "guide", "--format", "card-single")
    assert result.exit_code == 0, result.output
    assert result.stderr == HARBOUR_WARNINGS
    return folder / "output"


def test_the_uk_guide_prints_uk_numbers_and_no_us_ones(harbour):
    reader = PdfReader(harbour / "harbour-guide-en-GB.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    for number in ("116 123", "85258", "999", "111", "020 7946 0142"):
        assert number in text
    assert not re.search(r"(?<![\d-])(988|911)(?![\d-])", text)
    # The default scenario, not a copy: its {emergency} and {crisis} are 999 and Samaritans.
    flat = " ".join(text.split())
    assert "If someone is in danger right now, call 999 first" in flat
    assert "Offer to call 116 123 together" in flat
    assert "{" not in text
    assert "verified as of" not in text  # its warmline and own number are fictional
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    # Shout's keyword, printed and in the text link (hotlines.yaml `keyword: SHOUT`).
    assert "TEXT SHOUT TO 85258" in text
    uris = [
        a.get_object()["/A"].get("/URI")
        for page in reader.pages
        for a in page.get("/Annots", [])
        if "/A" in a.get_object()
    ]
    assert "sms:85258?body=SHOUT" in uris


def test_the_uk_card_back_lists_the_crisis_lines(harbour):
    back = PdfReader(harbour / "harbour-card-single-en-GB.pdf").pages[1].extract_text()
    for line in ("Samaritans", "116 123", "Shout", "text SHOUT to", "85258", "999"):
        assert line in back
    assert "020 7946 0142" in back


def test_language_tags_are_checked_and_regional_variants_read_their_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert str(babel_locale("en-GB")) == "en_GB"
    (tmp_path / "pocketguide.yaml").write_text(
        'organization:\n  name: Test Org\nlocales: [es-MX, "xx_123"]\n'
    )
    result = run("check", ".")
    assert result.exit_code == 1
    assert result.stderr == (
        'pocketguide.yaml:3: locales: "xx_123" is not a language tag like en, es or en-GB\n'
    )
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Test Org\nlocales: [es-MX]\n"
    )
    assert run("check", ".").stderr == ""  # es files serve es-MX: nothing is missing


def test_a_repeated_locale_is_named_at_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Test Org\n\nlocales: [en, es, en]\n"
    )
    result = run("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        'pocketguide.yaml:4: locales: "en" is listed twice; list each locale once\n',
    )


def test_languages_the_project_does_not_publish_do_not_fail_its_check(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("check", "examples/harbour", "--translations")
    assert result.exit_code == 0, result.stderr
    # Only the made-up numbers warn: no note about the en and es columns.
    assert result.stderr == harbour_warnings("examples/harbour/")
    assert result.stdout.splitlines()[0].split() == ["content/<locale>/", "en-GB", "en", "es"]


def test_the_back_cover_website_is_a_link(harbour):
    from pypdf import PdfReader

    back = PdfReader(harbour / "harbour-guide-en-GB.pdf").pages[-1]
    uris = [str(a.get_object()["/A"]["/URI"]) for a in back.get("/Annots", [])]
    assert "https://example.org" in uris
