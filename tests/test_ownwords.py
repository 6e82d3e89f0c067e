"""Numbers in a project's templates, .po files and organization name are checked like prose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import never_approved, run, tiny_config
from pocketguide.ownwords import po_words, template_words
from pocketguide.resources import templates_dir

UNLISTED = (
    "is no hotline entry's number, so approve and proof never check it and no PDF in this "
    'language prints "Numbers verified as of"; give it an entry in the hotlines file'
)
# Each test number is the entry's with two digits swapped, so it is said first.
SWAPPED = "is one keystroke from an entry's (614) 276-2273: check its digits; as written, it " + (
    UNLISTED
)
HOTLINES = (
    "hotlines:\n"
    "  - name: Crisis Line\n    phone: (614) 276-2273\n    hours: 24/7\n    category: crisis\n"
    "    verified: 2026-11-01\n"
    "  - name: Emergency services\n    phone: '911'\n    hours: 24/7\n    category: emergency\n"
    "    verified: 2026-11-01\n"
)
COVER = (
    '{% extends "default:guide.html.j2" %}\n{% block cover_extra %}\n<p>{}</p>\n{% endblock %}\n'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("pocketguide.yaml").write_text(tiny_config())
    Path("hotlines.yaml").write_text(HOTLINES)
    Path("templates").mkdir()
    return tmp_path


def _in_the_uk() -> None:
    """Make the project a UK one, with the Samaritans as its crisis line."""
    config = Path("pocketguide.yaml")
    config.write_text(config.read_text() + "region: GB\n")
    Path("hotlines.yaml").write_text(
        "hotlines:\n  - name: Samaritans\n    phone: 116 123\n    hours: 24/7\n"
        "    category: crisis\n"
    )


def _warnings(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line != f"warning: {never_approved()}"]


def test_a_mistyped_crisis_number_on_an_overlay_cover_warns_at_its_line(project):
    text = "In a crisis call (614) 276-2237 or text 741714"  # two digits swapped; one keystroke
    Path("templates/guide.html.j2").write_text(COVER.replace("{}", text))
    result = run("check", ".")
    assert result.exit_code == 0
    assert _warnings(result) == [
        f'warning: templates/guide.html.j2:3: "(614) 276-2237" {SWAPPED}',
        'warning: templates/guide.html.j2:3: "741714" is one keystroke from 741741 (Crisis Text '
        "Line); check its digits",
    ]


def test_an_overlay_may_name_the_entries_numbers_and_style_with_digits(project):
    Path("templates/guide.html.j2").write_text(
        COVER.replace("{}", 'Call <b style="color:#999">(614) 276-2273</b> or 911')
        + "<style>.x { width: 911px; color: #999; }</style>\n{# call 999 #}\n"
    )
    assert _warnings(run("check", ".")) == []


def test_a_foreign_emergency_number_in_an_overlay_is_an_error(project):
    _in_the_uk()
    Path("templates/guide.html.j2").write_text(COVER.replace("{}", "Call 911 now"))
    result = run("check", ".")
    assert result.exit_code == 1
    assert (
        'templates/guide.html.j2:3: "911" is not a number to call in GB: write {emergency} '
        "(filled in from your hotlines file) or your local number"
    ) in result.stderr.splitlines()


def test_a_number_in_the_organization_name_is_checked_at_its_line(project):
    Path("pocketguide.yaml").write_text(tiny_config(name="Buckeye Center - call 614-276-227"))
    assert _warnings(run("check", ".")) == [
        'warning: pocketguide.yaml:2: "614-276-227" looks like a phone number but is not a valid '
        "one; check its digits"
    ]


def test_a_number_in_an_interface_translation_is_checked(project):
    Path("templates/i18n").mkdir()
    Path("templates/i18n/en.po").write_text(
        '#: templates/guide.html.j2:74\nmsgid "Notes"\nmsgstr "Notes (helpline 614-276-2237)"\n'
    )
    assert _warnings(run("check", ".")) == [
        f'warning: templates/i18n/en.po:3: "614-276-2237" {SWAPPED}'
    ]


def test_template_words_keep_lines_and_drop_code():
    template = '<p class="a">Call 988</p>{{ x + 911 }}\n<style>\np { color: #999 }\n</style>ok'
    words = template_words(template)
    assert words.count("\n") == template.count("\n")
    assert words.split() == ["Call", "988", "ok"]


def test_po_words_are_the_translations_only():
    catalog = '#: a.j2:911\nmsgid "Call"\nmsgstr "Llame 988"\n"y 911"\n'
    # A string wrapped onto the next line, as Babel and msgcat wrap, is one line again.
    assert po_words(catalog).splitlines() == ["", "", 'msgstr "Llame 988" y 911']


@pytest.mark.parametrize(
    "written",
    [
        '<span class="area">(614)</span> 276-2237',  # a tag inside the number
        "1&#8209;614&#8209;276&#8209;2237",  # non-breaking hyphens, as an entity
        '{% set n = "(614) 276-2237" %}{{ n }}',  # a string of the template's own code
        '<style>.x::after { content: "Call (614) 276-2237"; }</style>',
    ],
)
def test_a_number_written_any_way_in_a_template_is_seen(project, written):
    Path("templates/guide.html.j2").write_text(COVER.replace("{}", written))
    [warning] = _warnings(run("check", "."))
    assert warning.startswith("warning: templates/guide.html.j2:3: ")
    assert "276-2237" in warning and "is no hotline entry's number" in warning


def test_a_copied_default_template_with_its_styles_checks_clean(project):
    # proof.html.j2's stylesheet has "#999", read as the UK's emergency number.
    shutil.copy(templates_dir() / "proof.html.j2", "templates/proof.html.j2")
    Path("templates/guide.html.j2").write_text(
        '{% extends "default:guide.html.j2" %}{% block styles %}{{ super() }}\n'
        ".x { color: #999; border: 1px solid #911; }{% endblock %}\n"
    )
    result = run("check", ".")
    assert result.exit_code == 0
    assert _warnings(result) == []


def test_a_number_in_a_project_stylesheets_content_is_seen(project):
    Path("templates/card.css").write_text(
        '{% include "default:card.css" %}\n'
        '.back::after { color: #999; content: "Call 614-276-2237"; }\n'
    )
    assert _warnings(run("check", ".")) == [
        f'warning: templates/card.css:2: "614-276-2237" {SWAPPED}'
    ]


def test_the_shipped_translation_copied_into_a_project_checks_clean(project):
    # Its header's "2026-11-22 00:00" read as a phone number in a UK project.
    _in_the_uk()
    Path("templates/i18n").mkdir()
    shutil.copy(templates_dir() / "i18n" / "es.po", "templates/i18n/es.po")
    assert not [w for w in _warnings(run("check", ".")) if "es.po" in w]


def test_template_comments_and_tests_are_not_printed_words(project):
    # A GB project: "911" in a comment or an if-test stopped the build as a foreign number.
    _in_the_uk()
    Path("templates/guide.html.j2").write_text(
        COVER.replace("{}", '{# old: "call 911" #}{% if guide.title == "911" %}y{% endif %}')
    )
    assert run("check", ".").exit_code == 0


def test_a_link_written_into_a_template_is_checked(project):
    Path("templates/guide.html.j2").write_text(
        COVER.replace("{}", '<a href="tel:9111">Call us</a> <a href="tel:{{ guide.title }}">x</a>')
    )
    # The filled-in one is checked in the built PDF; the one written out, here.
    assert _warnings(run("check", ".")) == [
        "warning: templates/guide.html.j2:3: the link tel:9111: 9111 starts with the emergency "
        "number 911; check for an extra digit"
    ]


def test_numbers_drawn_in_an_svg_logo_are_checked(project):
    # "Crisis? Call 989" printed on the cover, the back cover and all 8 cards, unchecked.
    Path("logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40">\n'
        '<path d="M10 10 L190 10" stroke="#999"/>\n'
        '<text x="4" y="30">Crisis? Call 989 or 614-276-2237</text>\n</svg>\n'
    )
    config = Path("pocketguide.yaml")
    config.write_text(config.read_text() + "brand:\n  logo: logo.svg\n")
    assert _warnings(run("check", ".")) == [
        f'warning: logo.svg:3: "614-276-2237" {SWAPPED}',
        'warning: logo.svg:3: "989" is one keystroke from 988 (the 988 Suicide & Crisis '
        "Lifeline); check its digits",
    ]
