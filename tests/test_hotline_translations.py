"""A project's hotline entries carry their words in other languages; the numbers stay one."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import never_approved, run, tiny_config
from pocketguide.build import prepare
from pocketguide.project import load_project

HOTLINES = """\
hotlines:
  - name: Emergency services
    phone: "911"
    category: emergency
    notes: When someone is in danger right now.
    verified: {date}
    translations:
      es: {{name: Servicios de emergencia, notes: Cuando alguien corre peligro ahora.}}
  - name: River Warmline
    phone: 502-589-1234
    category: warmline
    hours: Every day, 4pm-11pm
    verified: {date}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A tiny project published in English and Spanish, one entry translated."""
    folder = tmp_path_factory.mktemp("bilingual")
    config = tiny_config("River Org", "river", "locales: [en, es]\n")
    (folder / "pocketguide.yaml").write_text(config)
    (folder / "hotlines.yaml").write_text(HOTLINES.format(date=dt.date.today()))
    return folder


UNTRANSLATED = (
    "warning: hotlines.yaml: 1 of 2 entries have no es translation, so the es edition prints "
    "them as written (River Warmline)"
)
UNAPPROVED = f"warning: {never_approved()}"


def test_each_edition_prints_its_own_words_and_the_same_numbers(project):
    result = run("build", str(project), "--locale", "all", "--format", "card-single")
    assert result.exit_code == 0, result.output
    # The en edition's warning first: nobody approved this module's project.
    assert result.stderr.splitlines() == [UNAPPROVED, UNTRANSLATED]
    spanish = PdfReader(project / "output" / "river-card-single-es.pdf").pages[1].extract_text()
    english = PdfReader(project / "output" / "river-card-single-en.pdf").pages[1].extract_text()
    assert "Servicios de emergencia" in spanish and "Emergency services" not in spanish
    assert "River Warmline" in spanish  # untranslated: printed as written
    assert "Emergency services" in english and "Servicios" not in english
    for text in (spanish, english):
        assert "911" in text and "(502) 589-1234" in text


def test_the_translations_table_counts_untranslated_entries(project):
    result = run("check", str(project), "--translations")
    assert result.exit_code == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("hotlines.yaml"))
    assert row.split(None, 1)[1].split() == ["yes", "no", "(1", "of", "2", "entries)"]


def test_the_lock_and_card_names_use_the_entry_names_as_written(project, tmp_path):
    project = Path(shutil.copytree(project, tmp_path / "copy"))  # the module's stays unapproved
    assert run("approve", str(project)).exit_code == 0
    lock = (project / "hotlines.lock").read_text()
    assert "name: Emergency services" in lock and "Servicios" not in lock
    result = run("build", str(project), "--locale", "es", "--format", "card-single")
    assert result.exit_code == 0, result.output
    assert "changed" not in result.stderr and "new entry" not in result.stderr


def test_an_unknown_language_under_translations_is_an_error(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(tiny_config("River Org", "river"))
    text = HOTLINES.format(date=dt.date.today()).replace("      es: {", "      xx_123: {")
    (tmp_path / "hotlines.yaml").write_text(text)
    result = run("check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        'hotlines.yaml:7: Emergency services: translations: "xx_123" is not a language tag like '
        "en, es or en-GB\n"
    )


def test_the_blank_labels_have_their_translations_too(tmp_path):
    config = tiny_config("River Org", "river", "locales: [en, es]\n")
    (tmp_path / "pocketguide.yaml").write_text(config)
    hotlines = HOTLINES.format(date=dt.date.today()) + (
        "blanks: [My supervisor, Other]\ntranslations:\n  es: {blanks: [Mi supervisora, Otro]}\n"
    )
    (tmp_path / "hotlines.yaml").write_text(hotlines)
    result = run("build", str(tmp_path), "--locale", "all", "--format", "guide")
    assert result.stderr.splitlines() == [UNAPPROVED, UNTRANSLATED]  # the blanks are translated
    spanish = PdfReader(tmp_path / "output" / "river-guide-es.pdf")
    text = " ".join(page.extract_text() for page in spanish.pages)
    assert "Mi supervisora" in text and "My supervisor" not in text
    english = PdfReader(tmp_path / "output" / "river-guide-en.pdf")
    assert "My supervisor" in " ".join(page.extract_text() for page in english.pages)
    (tmp_path / "hotlines.yaml").write_text(hotlines.split("translations:\n  es")[0])
    check = run("check", str(tmp_path), "--translations")
    assert check.stderr.splitlines()[-1] == (
        "warning: hotlines.yaml: the blanks labels have no es translation, so the es edition "
        "prints them as written"
    )
    row = next(line for line in check.stdout.splitlines() if line.startswith("hotlines.yaml"))
    assert row.split(None, 2)[2] == "no (1 of 2 entries, blanks)"


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (
            '{name: ""}',
            "hotlines.yaml:8: Emergency services: translations.es.name: is empty; write it, or "
            "leave the key out",
        ),
        (
            "{name: River Warmline}",
            "hotlines.yaml:9: River Warmline: in es it prints as River Warmline, as Emergency "
            "services does; give each entry its own name",
        ),
    ],
)
def test_a_translated_name_must_be_there_and_its_own(tmp_path, words, message):
    (tmp_path / "pocketguide.yaml").write_text(tiny_config("River Org", "river"))
    text = HOTLINES.format(date=dt.date.today())
    text = text.replace(
        "{name: Servicios de emergencia, notes: Cuando alguien corre peligro ahora.}", words
    )
    (tmp_path / "hotlines.yaml").write_text(text)
    result = run("check", str(tmp_path))
    assert (result.exit_code, result.stderr) == (1, message + "\n")


def test_a_locale_written_with_an_underscore_is_tagged_with_a_hyphen(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(
        tiny_config("River Org", "river", "locales: [es_MX]\n")
    )
    result = run("build", str(tmp_path), "--format", "guide")
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "output" / "river-guide-es_MX.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "es-MX"


def test_an_email_must_be_a_bare_address():
    from pocketguide.config import Organization

    for bad in ("info-at-example", "mailto:info@example.org", "<info@example.org>"):
        with pytest.raises(ValueError, match=r"is not an email address like info@example\.org"):
            Organization.model_validate({"name": "x", "email": bad})
    assert Organization.model_validate({"name": "x", "email": " a.b@example.org "}).email == (
        "a.b@example.org"
    )


def test_translations_no_edition_prints_warn(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(
        tiny_config("River Org", "river", "locales: [en, es]\n")
    )
    text = HOTLINES.format(date=dt.date.today()).replace(
        "      es: {", "      en: {name: Emergency (EN)}\n      fr: {name: Urgences}\n      es: {"
    )
    (tmp_path / "hotlines.yaml").write_text(text + "translations:\n  de: {blanks: [A]}\n")
    result = run("build", str(tmp_path), "--locale", "en", "--format", "card-single")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: hotlines.yaml:2: Emergency services translations: en: never printed; the "
        "primary language prints the words as written",
        "warning: hotlines.yaml:2: Emergency services translations: fr: never printed; fr is "
        "not in locales: (en, es)",
        "warning: hotlines.yaml: the file's translations: de: never printed; de is not in "
        "locales: (en, es)",
        UNAPPROVED,
    ]
    back = PdfReader(tmp_path / "output" / "river-card-single-en.pdf").pages[1].extract_text()
    assert "Emergency services" in back and "(EN)" not in back
    # Nor can --locale fr print them: a language the project does not publish is refused.
    # (This asserted only that the warning was absent, which the refusal made true.)
    result = run("build", str(tmp_path), "--locale", "fr", "--format", "card-single")
    assert result.exit_code == 1
    assert result.stderr.startswith('unknown locale "fr"; available: en, es; to publish in it')
    # A file shared from outside the project serves other projects' languages too.
    shared = tmp_path.parent / f"{tmp_path.name}-shared.yaml"
    (tmp_path / "hotlines.yaml").rename(shared)
    config = tiny_config("River Org", "river", f"locales: [en, es]\nhotlines: {shared}\n")
    (tmp_path / "pocketguide.yaml").write_text(config)
    result = run("build", str(tmp_path), "--locale", "en", "--format", "card-single")
    assert result.exit_code == 0, result.output
    assert "never printed" not in result.stderr


CSV = (
    "name,phone,category,verified,name:es,notes:es\n"
    "Emergency services,911,emergency,{date},Servicios de emergencia,Cuando alguien corre peligro\n"
    "River Warmline,502-589-1234,warmline,{date},,\n"
)


def test_a_csv_file_translates_in_name_es_columns(tmp_path):
    config = tiny_config("River Org", "river", "locales: [en, es]\nhotlines: numbers.csv\n")
    (tmp_path / "pocketguide.yaml").write_text(config)
    (tmp_path / "numbers.csv").write_text(CSV.format(date=dt.date.today()))
    result = run("build", str(tmp_path), "--locale", "es", "--format", "card-single")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        UNTRANSLATED.replace("hotlines.yaml", "numbers.csv"),
        f"warning: {never_approved('numbers.csv')}",
    ]
    spanish = PdfReader(tmp_path / "output" / "river-card-single-es.pdf").pages[1].extract_text()
    assert "Servicios de emergencia" in spanish and "Emergency services" not in spanish
    assert "River Warmline" in spanish  # its name:es cell is empty: printed as written
    emergency = prepare(load_project(tmp_path), "es").content.hotlines.hotlines[0]
    assert emergency.in_language("es").notes == "Cuando alguien corre peligro"
    assert emergency._line == 2 and emergency.name == "Emergency services"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "name,phone,category:es",
            "numbers.csv:1: the header must use the columns name,phone,text,keyword,url,hours,"
            "languages,category,notes,verified (and name:es, hours:es, notes:es)",
        ),
        ("name,phone,name:xx-nope", 'numbers.csv:2: Warmline: translations: "xx-nope"'),
    ],
)
def test_a_csv_translation_column_must_be_a_field_and_a_language(tmp_path, header, message):
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="hotlines: numbers.csv\n"))
    (tmp_path / "numbers.csv").write_text(f"{header}\nWarmline,502-589-1234,x\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr


def test_translated_blanks_with_a_label_left_out_warn(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(
        tiny_config("River Org", "river", "locales: [en, es]\n")
    )
    hotlines = HOTLINES.format(date=dt.date.today()) + (
        "blanks: [My supervisor, Other, Taxi]\ntranslations:\n  es: {blanks: [Mi supervisora]}\n"
    )
    (tmp_path / "hotlines.yaml").write_text(hotlines)
    result = run("check", str(tmp_path))
    assert result.exit_code == 0
    assert (
        "warning: hotlines.yaml: translations: es: blanks has a different number of labels than "
        "blanks (1, not 3); the es edition prints its own"
    ) in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("file", "text", "line"),
    [
        (
            "hotlines.yaml",
            "hotlines:\n  - name: Line\n    phone: 502-589-1234\n    category: crisis\n"
            "    translations:\n      es: {name: Línea}\n      ES: {name: Otra}\n",
            5,
        ),
        ("h.csv", "name,phone,category,name:es,name:ES\nLine,502-589-1234,crisis,Línea,Otra\n", 2),
    ],
)
def test_two_keys_for_one_language_are_an_error(tmp_path, file, text, line):
    # notes:es and notes:ES: one replaced the other, and nothing said which would print.
    extra = "locales: [en, es]\n" + ("hotlines: h.csv\n" if file == "h.csv" else "")
    (tmp_path / "pocketguide.yaml").write_text(tiny_config("River Org", "river", extra))
    (tmp_path / file).write_text(text, encoding="utf-8")
    result = run("check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{file}:{line}: Line: translations: es and ES are the same language; keep one\n"
    )


def test_a_translated_entry_whose_hours_in_words_are_not_warns(tmp_path):
    # `translations: {fr: {}}` (a name that needs none), then hours turned "Mon-Fri 8am-10pm":
    # the French card printed them in English, unsaid.
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="locales: [en, es]\n"))
    entries = (
        "hotlines:\n  - name: River Warmline\n    phone: 502-589-1234\n    category: crisis\n"
        "    hours: {hours}\n    translations:\n      es: {{}}\n"
    )
    (tmp_path / "hotlines.yaml").write_text(entries.format(hours="Mon-Fri 8am-10pm"))
    warnings = prepare(load_project(tmp_path), "es").warnings
    assert (
        'hotlines.yaml:2: River Warmline: hours "Mon-Fri 8am-10pm" have no es translation '
        "(translations: es: hours:), so the es edition prints them as written"
    ) in warnings
    # Nothing in the 24-hour way of writing times is a word to translate ("24h" warned).
    for hours in ("24/7", "24h", "16-23 h", "9h30-17h"):
        (tmp_path / "hotlines.yaml").write_text(entries.format(hours=f'"{hours}"'))
        warned = [w for w in prepare(load_project(tmp_path), "es").warnings if "translation" in w]
        assert not warned, hours
    (tmp_path / "hotlines.yaml").write_text(entries.format(hours="24/7"))
    assert not any("hours" in w for w in prepare(load_project(tmp_path), "en").warnings)
