"""Localized builds: the Spanish default edition, interface catalogs, locale selection."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from pocketguide.catalogs import shipped_catalog, translated_ids
from pocketguide.cli import cli
from pocketguide.content import load_content
from pocketguide.project import load_project
from test_guide_pdf import assert_scenarios_fit


@pytest.fixture(scope="session")
def spanish_guide(tmp_path_factory):
    folder = tmp_path_factory.mktemp("es")
    result = CliRunner().invoke(cli, ["build", str(folder), "--locale", "es", "--quiet"])
    assert result.exit_code == 0, result.output
    return PdfReader(folder / "output" / "pocketguide-guide-es.pdf")


def test_spanish_guide_has_spanish_text_and_language(spanish_guide):
    texts = [page.extract_text() for page in spanish_guide.pages]
    assert spanish_guide.trailer["/Root"]["/Lang"] == "es"
    assert texts[1].lstrip().startswith("Contenido")
    assert any("PIDE AYUDA CUANDO" in t for t in texts)  # scenario labels are upper-cased
    assert "Números verificados al 1 de noviembre de 2026" in texts[-1]
    titles = [item.title for item in spanish_guide.outline if not isinstance(item, list)]
    assert "Pautas del grupo" in titles
    # The keywords are the edition's own, as the title and subject are (they were English).
    assert spanish_guide.metadata["/Keywords"] == "apoyo entre pares, facilitación, grupo de apoyo"
    assert 28 <= len(spanish_guide.pages) <= 48


def test_spanish_edition_tells_readers_to_text_ayuda_for_help_in_spanish(spanish_guide, tmp_path):
    # 988 answers a text that starts with AYUDA in Spanish; the card showed only "988".
    crisis = next(page for page in spanish_guide.pages if "Líneas de crisis" in page.extract_text())
    assert "LLAMA AL 988 ENVÍA AYUDA AL 988" in " ".join(crisis.extract_text().split())
    links = [a.get_object()["/A"].get("/URI") for a in crisis["/Annots"]]
    assert "sms:988?body=AYUDA" in links
    args = ["build", str(tmp_path), "--locale", "es", "--format", "card-single", "--quiet"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    back = PdfReader(tmp_path / "output" / "pocketguide-card-single-es.pdf").pages[1]
    assert "988\nenvía AYUDA al\n988" in back.extract_text()
    assert "sms:988?body=AYUDA" in [a.get_object()["/A"].get("/URI") for a in back["/Annots"]]


def test_each_spanish_scenario_fits_on_its_page(spanish_guide, tmp_path):
    # Spanish runs longer: "Comportamiento disruptivo" once spilled its "get help" block
    # onto a page of its own.
    texts = [page.extract_text() for page in spanish_guide.pages]
    content = load_content(load_project(tmp_path), "es")
    assert_scenarios_fit(spanish_guide, texts, content)


def test_unknown_locale_lists_the_available_ones(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--locale", "xx"])
    assert result.exit_code == 1
    assert result.stderr == 'unknown locale "xx"; available: en, es\n'
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--locale", "esp"])
    assert result.stderr == 'unknown locale "esp"; did you mean "es"? available: en, es\n'


def test_locale_names_ignore_case(tmp_path):
    # Language tags are case-insensitive: --locale ES is es (it was "unknown locale").
    from pocketguide.i18n import select_locales
    from pocketguide.project import load_project

    project = load_project(tmp_path)
    assert select_locales(project, ("ES", "EN", "es")) == ["es", "en"]


def test_spanish_catalog_translates_every_interface_string():
    from babel.messages.pofile import read_po

    from pocketguide.resources import templates_dir

    with (templates_dir() / "i18n" / "es.po").open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []
    used = set()
    for template in templates_dir().rglob("*.j2"):
        used |= set(re.findall(r"""_\((?:"([^"]+)"|'([^']+)')""", template.read_text()))
    used_ids = {a or b for a, b in used}
    assert len(used_ids) > 25
    assert used_ids <= {m.id for m in catalog if m.id}
    assert shipped_catalog("es").get("Contents").string == "Contenido"
    assert used_ids <= translated_ids(shipped_catalog("es-MX"))
    assert shipped_catalog("en") is None
