"""A project's own interface translation: `translate`, its use in builds, and its errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from pocketguide.build import prepare
from pocketguide.catalogs import project_catalog
from pocketguide.cli import cli
from pocketguide.guide import render_html
from pocketguide.project import load_project
from pocketguide.resources import templates_dir

MISSING_FR = (
    'templates/i18n/fr.po: missing translation of the interface ("Contents", "Call", ...: '
    "using en); start it with: pocketguide translate fr"
)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def interface_count() -> int:
    with (templates_dir() / "i18n" / "messages.pot").open("rb") as handle:
        return sum(1 for m in read_po(handle) if m.id)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A French project whose content falls back to English (the interface is what matters)."""
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Groupe Test\nlocales: [fr]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def po(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def html_of(root: Path, locale: str) -> str:
    project = load_project(root)
    prepared = prepare(project, locale)
    return render_html(project, prepared.content, prepared.assets)


def test_translate_starts_the_file_then_keeps_translations_and_adds_new_strings(project):
    total = interface_count()
    result = invoke("translate", "fr")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"created templates/i18n/fr.po: {total} strings, {total} to translate\n"
    path = project / "templates" / "i18n" / "fr.po"
    words = po(path)
    assert len(words) == total and set(words.values()) == {""}
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'msgid "Contents"\nmsgstr ""', 'msgid "Contents"\nmsgstr "Sommaire"'
        ),
        encoding="utf-8",
    )
    assert "#: partials/crisis.html.j2:" in path.read_text(encoding="utf-8")  # where it is used
    overlay = project / "templates" / "extra.html.j2"
    overlay.write_text('{{ _("You are not alone") }}\n')
    again = invoke("translate", "fr", ".")
    assert again.stdout == (
        f"updated templates/i18n/fr.po: {total + 1} strings, {total} to translate\n"
    )
    words = po(path)
    assert words["Contents"] == "Sommaire"
    assert words["You are not alone"] == ""
    # A changed English string keeps its translation, marked for a person to check.
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('"You are not alone"\nmsgstr ""', '"You are not alone"\nmsgstr "Pas seul"')
    )
    overlay.write_text('{{ _("You are never alone") }}\n')
    third = invoke("translate", "fr", ".")
    assert third.stdout == (
        f"updated templates/i18n/fr.po: {total + 1} strings, {total - 1} to translate, "
        "1 to check (marked fuzzy)\n"
    )
    assert po(path)["You are never alone"] == "Pas seul"
    warnings = prepare(load_project(project), "fr").warnings
    line = path.read_text(encoding="utf-8").splitlines().index('msgid "You are never alone"') + 1
    assert (
        f'templates/i18n/fr.po:{line}: "You are never alone" is marked fuzzy, so it prints in '
        'English; check it, then delete its "#, fuzzy" line'
    ) in warnings


def test_a_translation_no_template_uses_is_kept_until_one_does_again(project):
    # Set aside while a template was renamed, its French was deleted, unsaid.
    overlay = project / "templates" / "extra.html.j2"
    overlay.parent.mkdir()
    overlay.write_text('{{ _("For the volunteers of our circle") }}\n')
    assert invoke("translate", "fr").exit_code == 0
    path = project / "templates" / "i18n" / "fr.po"
    old = 'msgid "For the volunteers of our circle"\nmsgstr ""'
    new = 'msgid "For the volunteers of our circle"\nmsgstr "Pour les bénévoles"'
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    overlay.rename(overlay.with_suffix(".bak"))
    assert invoke("translate", "fr").exit_code == 0
    assert "For the volunteers of our circle" not in po(path)
    assert '#~ msgstr "Pour les bénévoles"' in path.read_text(encoding="utf-8")
    overlay.with_suffix(".bak").rename(overlay)
    assert invoke("translate", "fr").exit_code == 0
    assert po(path)["For the volunteers of our circle"] == "Pour les bénévoles"
    assert "#~" not in path.read_text(encoding="utf-8")


def test_a_shipped_language_starts_from_the_shipped_translation(project):
    result = invoke("translate", "es-MX")
    total = interface_count()
    assert result.stdout == f"created templates/i18n/es.po: {total} strings, 0 to translate\n"
    assert po(project / "templates" / "i18n" / "es.po")["Contents"] == "Contenido"


def test_the_projects_translation_prints_and_what_is_left_is_named(project):
    assert MISSING_FR in prepare(load_project(project), "fr").warnings
    invoke("translate", "fr")
    path = project / "templates" / "i18n" / "fr.po"
    text = path.read_text(encoding="utf-8")
    for english, french in (
        ("Contents", "Sommaire"),
        ("Numbers verified as of %(date)s", "Numéros vérifiés le %(date)s"),
    ):
        empty = f'msgid "{english}"\nmsgstr ""'
        text = text.replace(empty, f'msgid "{english}"\nmsgstr "{french}"')
    path.write_text(text, encoding="utf-8")
    html = html_of(project, "fr")
    assert "Sommaire" in html and ">Contents<" not in html
    assert "Numéros vérifiés le 1 " in html  # the build date, in French
    warnings = prepare(load_project(project), "fr").warnings
    total = interface_count()
    assert (
        f"templates/i18n/fr.po: {total - 2} of {total} interface strings not translated "
        '("Avoid", "Call", ...: using en); fill in their msgstr'
    ) in warnings  # the file lists them all: `translate` would add nothing
    assert MISSING_FR not in warnings


def test_an_empty_or_misspelt_translation_still_warns(project, monkeypatch):
    folder = project / "templates" / "i18n"
    folder.mkdir(parents=True)
    (folder / "fr_FR.po").write_text('msgid "Contents"\nmsgstr "Sommaire"\n', encoding="utf-8")
    monkeypatch.chdir(project.parent)  # run from the folder above: the command names the project
    name = project.name
    assert prepare(load_project(project), "fr").warnings[0] == (
        f'{name}/templates/i18n/fr.po: missing translation of the interface ("Contents", "Call",'
        f" ...: using en); start it with: pocketguide translate fr {name}; found fr_FR.po: "
        "name it fr.po"
    )
    (folder / "fr.po").write_text('msgid "Contenu"\nmsgstr "Sommaire"\n', encoding="utf-8")
    warnings = prepare(load_project(project), "fr").warnings
    total = interface_count()
    assert warnings[:2] == [
        f'{name}/templates/i18n/fr.po:1: "Contenu" is not an interface string, so it is never '
        "used (keep each msgid exactly as `translate` wrote it)",
        f"{name}/templates/i18n/fr.po: {total} of {total} interface strings not translated "
        f'("Avoid", "Call", ...: using en); add them with: pocketguide translate fr {name}',
    ]


def test_strings_of_a_template_overlay_count(project):
    (project / "pocketguide.yaml").write_text(
        "organization:\n  name: Grupo\nlocales: [es]\n", encoding="utf-8"
    )
    (project / "templates").mkdir()
    (project / "templates" / "extra.html.j2").write_text('{{ _("You are not alone") }}\n')
    total = interface_count() + 1
    assert prepare(load_project(project), "es").warnings[0] == (
        f'templates/i18n/es.po: 1 of {total} interface strings not translated ("You are not '
        'alone": using en); add them with: pocketguide translate es'
    )


def test_a_bom_and_windows_line_ends_are_read(project):
    folder = project / "templates" / "i18n"
    folder.mkdir(parents=True)
    (folder / "fr.po").write_bytes(b'\xef\xbb\xbfmsgid "Contents"\r\nmsgstr "Sommaire"\r\n')
    assert "Sommaire" in html_of(project, "fr")


def test_a_project_corrects_one_shipped_string(project):
    (project / "pocketguide.yaml").write_text(
        "organization:\n  name: Grupo\nlocales: [es]\n", encoding="utf-8"
    )
    folder = project / "templates" / "i18n"
    folder.mkdir(parents=True)
    (folder / "es.po").write_text('msgid "Contents"\nmsgstr "Índice"\n', encoding="utf-8")
    html = html_of(project, "es")
    assert "Índice" in html and "Contenido" not in html
    assert ">Llama al<" in html  # the shipped Spanish fills in the rest


@pytest.mark.parametrize(
    ("po_text", "line", "message"),
    [
        (
            'msgid "Contents"\nmsgstr "Sommaire"\n\n'
            'msgid "Numbers verified as of %(date)s"\nmsgstr "Vérifiés le %(dat)s"\n',
            4,
            '"Numbers verified as of %(date)s": %(dat)s is not in the English text (its '
            "placeholders: %(date)s)",
        ),
        (
            'msgid "Numbers verified as of %(date)s"\nmsgstr "Numéros vérifiés"\n',
            1,
            '"Numbers verified as of %(date)s": the translation must keep %(date)s',
        ),
        (
            'msgid "Other numbers"\nmsgstr "Autres numéros, 100 % gratuits"\n',
            1,
            '"Other numbers": a % sign must be written %% ("100 %%")',
        ),
        (
            'msgid "Contents"\nmsgstr "Sommaire"\n\nmsgid "Contents"\nmsgstr "Table"\n',
            4,
            '"Contents" is translated twice (first at line 1)',
        ),
        (
            'msgid "Contents"\nmsgstr "Sommaire\n',
            2,
            'not a .po line: a text goes in "double quotes", and a quote inside it is \\"',
        ),
        (
            b'msgid "Contents"\nmsgstr "Sommaire"\n\nmsgid "Call"\nmsgstr "Appel\xe9"\n',  # Latin-1
            5,
            "not UTF-8 text; save the file as UTF-8",
        ),
        (
            'msgid "Call"\n\nmsgid "Contents"\nmsgstr "Sommaire"\n',
            1,
            "not a .po file: missing msgstr for msgid 'Call'",
        ),
    ],
)
def test_a_broken_translation_stops_the_build_at_its_line(project, po_text, line, message):
    folder = project / "templates" / "i18n"
    folder.mkdir(parents=True)
    (folder / "fr.po").write_bytes(po_text if isinstance(po_text, bytes) else po_text.encode())
    result = invoke("build", ".")
    assert result.exit_code == 1
    assert result.stderr == f"templates/i18n/fr.po:{line}: {message}\n"
    assert not (project / "output" / "groupe-test-guide-fr.pdf").exists()


def test_an_edited_translation_is_read_again(project):
    folder = project / "templates" / "i18n"
    folder.mkdir(parents=True)
    path = folder / "fr.po"
    path.write_text('msgid "Contents"\nmsgstr "Sommaire"\n', encoding="utf-8")
    loaded = load_project(project)
    assert project_catalog(loaded, "fr").get("Contents").string == "Sommaire"
    path.write_text('msgid "Contents"\nmsgstr "Table des matières"\n', encoding="utf-8")
    os.utime(path, ns=(1, 1))  # another time, as a later edit has
    assert project_catalog(loaded, "fr").get("Contents").string == "Table des matières"


def test_translate_needs_a_project_and_a_language(tmp_path):
    result = invoke("translate", "fr", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path.as_posix()}: not a project (no pocketguide.yaml); "
        "create one with: pocketguide init\n"
    )
    assert not (tmp_path / "templates").exists()
    bad = invoke("translate", "xx-nonsense", str(tmp_path))
    assert bad.exit_code == 2


def test_with_no_interface_translation_dates_and_language_names_stay_english(project):
    # "Numbers verified as of 1 novembre 2026": an English sentence with a French date.
    html = html_of(project, "fr")
    assert "Numbers verified as of November 1, 2026" in html
    assert "English, Spanish" in html  # the 988 line's languages, under English labels
