"""Text keywords ("text HOME to 741741"): checked, locked, printed, linked and verified."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from pocketguide.build import prepare
from pocketguide.cli import cli
from pocketguide.errors import PocketguideError
from pocketguide.formats import Renderer
from pocketguide.options import Options
from pocketguide.project import load_project
from pocketguide.verify import verify_pdf

LINES = """\
hotlines:
  - name: Crisis Text Line
    text: "741741"
    keyword: {keyword}
    category: crisis
    verified: 2026-11-01
  - name: Lifeline
    phone: "988"
    category: crisis
    verified: 2026-11-01
  - name: Emergency services
    phone: "911"
    category: emergency
    verified: 2026-11-01
"""
CONFIG = "organization:\n  name: Keyword Test\nlocales: [{locales}]\n"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / "pocketguide.yaml").write_text(CONFIG.format(locales="en, es"))
    (tmp_path / "hotlines.yaml").write_text(LINES.format(keyword="HOME"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def html(root: Path, kind: str, locale: str = "en") -> str:
    project = load_project(root)
    prepared = prepare(project, locale)
    renderer = Renderer(project, prepared.content, prepared.assets, Options())
    return renderer.html(kind)[0]


def test_the_guide_and_card_print_the_keyword_and_link_it(project):
    guide = html(project, "guide")
    assert (
        'Text <b class="keyword">HOME</b> to</span> <a class="tel" href="sms:741741?body=HOME">'
        in (guide)
    )
    card = html(project, "card")
    label = 'text <b class="keyword">HOME</b> to</span> '
    assert label + '<a class="kh-number" href="sms:741741?body=HOME">' in card
    assert "· text</span>" not in card  # the name no longer says "text" twice
    spanish = html(project, "guide", "es")
    assert 'Envía <b class="keyword">HOME</b> al</span>' in spanish


def test_the_proof_sheet_shows_the_keyword_to_check(project):
    result = invoke("proof", ".")
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(project / "output" / "keyword-test-proof.pdf")
    assert "\nTEXT HOME TO 741741\n" in reader.pages[0].extract_text()


def test_a_two_word_keyword_is_one_link_body(project):
    (project / "hotlines.yaml").write_text(LINES.format(keyword='"start  now"'))
    guide = html(project, "guide")
    assert '<b class="keyword">start now</b>' in guide
    assert 'href="sms:741741?body=start%20now"' in guide


def test_a_number_texted_without_keyword_links_as_before(project):
    (project / "hotlines.yaml").write_text(LINES.replace("    keyword: {keyword}\n", ""))
    guide = html(project, "guide")
    assert 'Text</span> <a class="tel" href="sms:741741">' in guide


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            '    text: "741741"\n    keyword: "HOME!"\n',
            'hotlines.yaml:4: Shout: keyword: "HOME!" is not a text keyword: one or two words '
            "of the letters A-Z and digits, as the service asks (e.g. SHOUT)",
        ),
        (
            '    phone: "988"\n    keyword: HOME\n',
            'hotlines.yaml:2: Shout: keyword: "HOME" needs the number to text it to (text:)',
        ),
        (
            '    text: "741741"\n    keyword: Text HOME\n',
            'hotlines.yaml:4: Shout: keyword: "Text HOME": the guide prints "Text HOME to ..." '
            "itself; write only the word to send (HOME)",
        ),
        (
            '    text: "741-741"\n    keyword: "741741"\n',
            'hotlines.yaml:2: Shout: keyword: "741741" is the text number itself; write the word '
            "the service asks people to send (e.g. HOME), or leave keyword out",
        ),
    ],
)
def test_a_wrong_keyword_is_an_error_at_its_line(project, entry, message):
    (project / "hotlines.yaml").write_text(f"hotlines:\n  - name: Shout\n{entry}")
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr == f"{message}\n"


def test_the_lock_holds_the_keyword_and_a_new_word_warns(project):
    (project / "pocketguide.yaml").write_text(CONFIG.format(locales="en"))
    assert invoke("approve", ".").exit_code == 0
    assert "  keyword: HOME\n" in (project / "hotlines.lock").read_text()
    (project / "hotlines.yaml").write_text(LINES.format(keyword="home"))
    assert invoke("check", ".").stderr == ""  # services read keywords in any case
    (project / "hotlines.yaml").write_text(LINES.format(keyword="START"))
    result = invoke("check", ".")
    assert result.stderr == (
        "warning: hotlines.yaml:2: Crisis Text Line: keyword changed HOME -> START since "
        "hotlines.lock; "
        "check it, then run pocketguide approve\n"
    )
    assert "Crisis Text Line" in prepare(load_project(project), "en").content.unapproved


def test_a_csv_file_has_a_keyword_column(project):
    (project / "hotlines.yaml").unlink()
    (project / "hotlines.csv").write_text(
        "name,text,keyword,category,verified\nCrisis Text Line,741741,HOME,crisis,2026-11-01\n"
    )
    (project / "pocketguide.yaml").write_text(
        CONFIG.format(locales="en") + "hotlines: hotlines.csv\n"
    )
    assert 'href="sms:741741?body=HOME"' in html(project, "guide")


@pytest.fixture(scope="module")
def keyword_pdf() -> bytes:
    import weasyprint

    page = "<html lang='en'><style>@page { size: 105mm 148mm }</style>"
    text = "<p style='text-transform: uppercase'>Text home to 741741</p>"
    # "home" again, far from the number: a template that drops the keyword must still fail.
    prose = "<p>" + "Get home safely after the meeting. " * 3 + "Call (502) 555-0142.</p>"
    # A card whose template dropped the keyword: only the name says "Shout".
    card = "<p>Shout</p><p>text 85258</p><p>Text homeless to 606060</p>"
    return weasyprint.HTML(string=page + text + prose + card).write_pdf()


def check(pdf: bytes, keywords: list[tuple[str, str, str]], **options) -> list[str]:
    numbers = [number for _keyword, number, _name in keywords]
    try:
        verify_pdf(pdf, "out.pdf", (105.0, 148.0), numbers, keywords=keywords, **options)
    except PocketguideError as exc:
        return [str(p) for p in exc.problems]
    return []


def missing(keyword: str, number: str) -> list[str]:
    return [f'out.pdf: the text keyword "{keyword}" is missing beside {number} in the PDF']


def test_verification_wants_the_keyword_beside_its_number_in_any_case(keyword_pdf):
    assert check(keyword_pdf, [("Home", "741741", "Crisis Text Line")]) == []
    assert check(keyword_pdf, [("START", "741741", "Crisis Text Line")]) == missing(
        "START", "741741"
    )
    assert check(keyword_pdf, [("HOME", "(502) 555-0142", "Warmline")]) == missing(
        "HOME", "(502) 555-0142"
    )
    # Read in drawing order, as for an Arabic guide, the same holds.
    assert check(keyword_pdf, [("home", "741741", "Line")], right_to_left=True) == []


def test_the_name_or_a_longer_word_is_not_the_keyword(keyword_pdf):
    assert check(keyword_pdf, [("SHOUT", "85258", "Shout")]) == missing("SHOUT", "85258")
    assert check(keyword_pdf, [("HOME", "606060", "Line")]) == missing("HOME", "606060")
    assert check(keyword_pdf, [("HOMELESS", "606060", "Line")]) == []


def test_a_keyword_must_be_plain_letters_and_digits(project):
    for keyword in ("ＳＨＯＵＴ", "SHОUT"):  # full width; a Cyrillic O
        (project / "hotlines.yaml").write_text(LINES.format(keyword=keyword), encoding="utf-8")
        result = invoke("check", ".")
        assert result.exit_code == 1
        assert result.stderr == (
            f'hotlines.yaml:4: Crisis Text Line: keyword: "{keyword}" is not a text keyword: '
            "one or two words of the letters A-Z and digits, as the service asks (e.g. SHOUT)\n"
        )


def test_a_number_only_for_texts_under_one_to_call_is_set_apart(project):
    # Lifeline's 13 11 14 and its text number 0477 13 11 14 looked alike: someone could ring
    # the text number in a hurry.
    two = LINES.format(keyword="HOME").replace(
        '    phone: "988"\n', '    phone: "988"\n    text: "502-555-0288"\n'
    )
    (project / "hotlines.yaml").write_text(two)
    card = html(project, "card")
    assert (
        '<span class="kh-kind kh-text-label">text</span> '
        '<a class="kh-number kh-text" href="sms:+15025550288">(502) 555-0288</a>'
    ) in card
    assert '<a class="kh-number" href="tel:988">988</a>' in card
