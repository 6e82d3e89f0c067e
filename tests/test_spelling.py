"""British spelling of the shipped English text for en-GB, en-AU and the like."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pocketguide.content import load_content
from pocketguide.project import load_project
from pocketguide.resources import content_dir
from pocketguide.spelling import british, respell, respell_html

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(
    ("us", "uk"),
    [("organization’s", "organisation’s"), ("Organizations", "Organisations"),
     ("MONOPOLIZING", "MONOPOLISING"), ("a quick math check", "a quick maths check"),
     ("the restrooms", "the toilets"), ("to practice saying no", "to practise saying no"),
     ("daily practice", "daily practice"), ("afterwards", "afterwards"),
     ("Afterward, check in", "Afterwards, check in"), ("size and prize", "size and prize")],
)  # fmt: skip
def test_respell(us, uk):
    assert respell(us) == uk


def test_html_keeps_its_tags_and_links():
    html = '<p class="behavior">An <a href="https://organization.example">organization</a></p>'
    assert respell_html(html) == (
        '<p class="behavior">An <a href="https://organization.example">organisation</a></p>'
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en-GB", True), ("en_AU", True), ("en-IE", True), ("en", False), ("en-US", False),
     ("es-GB", False), ("en-CA", False)],
)  # fmt: skip
def test_british(locale, expected):
    assert british(locale) is expected


# Endings that mark a US spelling; the words that merely end so are not.
_US = re.compile(
    r"\b\w+(?:iz(?:e|ed|es|ing|ation|ations|er|ers)|yz(?:e|ed|ing)|avors?|onors?|eighbors?|"
    r"umors?|abors?|olors?|ehaviors?|enters?|eled|eling|elors?)\b",
    re.IGNORECASE,
)
_NOT_US = {"size", "sizes", "seize", "prize", "citizen", "citizens", "enter", "feeling"}


def test_the_list_covers_every_us_spelling_of_the_shipped_text():
    # A new sentence with "prioritize" must not print in en-GB as written: add it to the list.
    shipped = content_dir() / "en"
    left = set()
    for path in shipped.rglob("*"):
        if path.suffix in (".md", ".yaml"):
            text = respell(path.read_text(encoding="utf-8"))
            left |= {w.lower() for w in _US.findall(text)} - _NOT_US
    assert left == set()


def test_a_british_edition_respells_the_shipped_text_only(tmp_path):
    shutil.copytree(EXAMPLES / "harbour", tmp_path / "harbour")
    own = tmp_path / "harbour" / "content" / "en" / "sections" / "how-to-use.md"
    own.parent.mkdir(parents=True)
    own.write_text("---\ntitle: How to use this guide\n---\nAsk your organization.\n")
    content = load_content(load_project(tmp_path / "harbour"), "en-GB")
    sections = {s.id: s for s in content.sections}
    assert "behaviour" in sections["feedback-and-limits"].html
    assert "behavior" not in sections["feedback-and-limits"].html
    assert "Ask your organization." in sections["how-to-use"].html  # the project's own words
    going_on = {s.id: s.script.going_on for s in content.scenarios}
    assert "Recognising their own story in someone else’s" in going_on["advice-giving"]
    assert "monopolizing" in content.guide.kit.scenarios  # an id, not a word


def test_an_untranslated_edition_uses_the_projects_own_english(tmp_path):
    # A New Zealand project's Māori edition, before its translation: US spelling and dates.
    from pocketguide.catalogs import interface_locale

    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Kōtuku\nregion: NZ\nlocales: [en-NZ, mi, es]\n"
    )
    (tmp_path / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Need to talk?\n    phone: '1737'\n    category: crisis\n"
        "  - name: Emergency\n    phone: '111'\n    category: emergency\n"
    )
    project = load_project(tmp_path)
    sections = {s.id: s for s in load_content(project, "mi").sections}
    assert "behaviour" in sections["feedback-and-limits"].html
    assert "behavior" not in sections["feedback-and-limits"].html
    assert interface_locale(project, "mi") == "en-NZ"
    # Publishing no English at all, it prints the region's.
    config = tmp_path / "pocketguide.yaml"
    config.write_text(config.read_text().replace("[en-NZ, mi, es]", "[mi, es]"))
    project = load_project(tmp_path)
    assert interface_locale(project, "mi") == "en-NZ"
    sections = {s.id: s for s in load_content(project, "mi").sections}
    assert "behaviour" in sections["feedback-and-limits"].html
    # Shipped Spanish is no English to respell ("color" is a Spanish word).
    spanish = {s.id: s for s in load_content(project, "es").sections}
    assert "colour" not in " ".join(s.html for s in spanish.values())


def test_a_us_edition_is_printed_as_written(tmp_path):
    content = load_content(load_project(tmp_path), "en")
    going_on = {s.id: s.script.going_on for s in content.scenarios}
    assert "Recognizing their own story in someone else’s" in going_on["advice-giving"]


def test_kenyan_english_is_spelt_the_british_way():
    from pocketguide.spelling import british

    assert british("en-KE") and british("en-NG") and not british("en-US")


@pytest.mark.parametrize(
    ("us", "canadian"),
    [("behavior at the center", "behaviour at the centre"), ("counselors", "counsellors"),
     ("to practice saying no", "to practise saying no"), ("the restrooms", "the washrooms"),
     ("organize a math judgment toward it", "organize a math judgment toward it")],
)  # fmt: skip
def test_canadian_spelling_is_british_in_some_words_only(us, canadian):
    assert respell(us, "canadian") == canadian


def test_a_canadian_edition_respells_the_shipped_text(tmp_path):
    # en-CA printed "behavior" five times: US spelling, with no word said.
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: T\nregion: CA\nlocales: [en-CA]\nhotlines: hotlines.yaml\n",
        encoding="utf-8",
    )
    (tmp_path / "hotlines.yaml").write_text(
        "hotlines:\n  - name: 9-8-8\n    phone: '988'\n    category: crisis\n", encoding="utf-8"
    )
    content = load_content(load_project(tmp_path), "en-CA")
    html = " ".join(s.html for s in content.sections)
    assert "behaviour" in html and "behavior" not in html
    going_on = {s.id: s.script.going_on for s in content.scenarios}
    assert "Recognizing their own story in someone else’s" in going_on["advice-giving"]


@pytest.mark.parametrize(
    ("config", "warning"),
    [
        ("region: GB\nlocales: [en]\n", "pocketguide.yaml:4: locales: en prints US spelling and "
         "dates; for a guide in GB, write en-GB (its spelling and dates)"),
        ("region: CA\n", "pocketguide.yaml:3: with no locales:, the guide is in en, with US "
         "spelling and dates; for a guide in CA, add locales: [en-CA]"),
        ("region: GB\nlocales: [en-GB]\n", None),
        ("region: US\nlocales: [en]\n", None),
    ],
)  # fmt: skip
def test_a_us_english_edition_where_english_is_spelt_otherwise_warns(tmp_path, config, warning):
    from pocketguide.build import prepare

    (tmp_path / "pocketguide.yaml").write_text(
        f"organization:\n  name: T\n{config}hotlines: hotlines.yaml\n", encoding="utf-8"
    )
    number = {"GB": "116 123", "CA": "988", "US": "988"}[config.split()[1]]
    (tmp_path / "hotlines.yaml").write_text(
        f"hotlines:\n  - name: Line\n    phone: '{number}'\n    category: crisis\n",
        encoding="utf-8",
    )
    project = load_project(tmp_path)
    said = [w for w in prepare(project, project.locales[0]).warnings if "spelling" in w]
    assert said == ([warning] if warning else [])


def test_the_interface_is_respelt_for_a_british_edition(tmp_path):
    # The proof sheet of an Australian project said "Your organization's own number".
    from pocketguide.catalogs import translations

    (tmp_path / "pocketguide.yaml").write_text("organization:\n  name: X\nlocales: [en-AU]\n")
    project = load_project(tmp_path)
    said = "Your organization's own number, printed on the back cover of the guide."
    assert translations(project, "en-AU").gettext(said) == said.replace(
        "organization", "organisation"
    )
    assert translations(project, "en").gettext(said) == said
    assert translations(project, "es").gettext("Call") == "Llama al"
