"""A translation prints the entry's numbers: digits it adds or changes are a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import never_approved, run, tiny_config

# Two entries, eight lines each: the first at line 2, the second at line 10; then 911.
HOTLINES = """\
hotlines:
  - name: "988 Suicide & Crisis Lifeline"
    phone: "988"
    category: crisis
    hours: "24/7"
    notes: "Call or text 988, or chat online."
    verified: 2026-11-01
    translations:
      es: {{name: "{name}", notes: "{notes}"}}
  - name: "River Warmline"
    phone: "502-589-1234"
    category: warmline
    hours: "Mon-Fri 9am-5pm"
    notes: "Open since 2019; closed 1200-1300 for lunch."
    verified: 2026-11-01
    translations:
      es: {{name: "Línea River", hours: "{hours}", notes: "{warmline}"}}
  - name: "Emergency services"
    phone: "911"
    category: emergency
    verified: 2026-11-01
    translations:
      es: {{name: "Servicios de emergencia"}}
"""
EMERGENCY = (  # last, so the lines above keep their numbers; a card needs one
    '  - name: Emergency services\n    phone: "911"\n    category: emergency\n'
    "    verified: 2026-11-01\n    translations: {es: {name: Servicios de emergencia}}\n"
)
FAITHFUL = {
    "name": "Línea 988 de Prevención del Suicidio",
    "notes": "Llame o envíe un mensaje al 988.",
    "hours": "lun-vie 9-17 h",
    "warmline": "Abierta desde 2019; cerrada 1200-1300 para almorzar.",
}
STRICT_LINE = "a translation must print the same numbers"
UNAPPROVED = f"warning: {never_approved()}"  # every project here: dated numbers, no lock


def project(folder: Path, extra: str = "locales: [en, es]\n", **words: str) -> Path:
    """A tiny project in English and Spanish; `words` replace the faithful translations."""
    (folder / "pocketguide.yaml").write_text(tiny_config("River Org", "river", extra))
    text = HOTLINES.format(**{**FAITHFUL, **words})
    (folder / "hotlines.yaml").write_text(text, encoding="utf-8")
    return folder


def test_numbers_changed_in_translating_warn_at_the_entry(tmp_path):
    # QA's case: the Spanish guide printed 998, 898 and 589-1243 with no warning at all.
    project(
        tmp_path,
        name="Línea 998 de Prevención del Suicidio",
        notes="Llame o envíe un mensaje al 898.",
        warmline="Llame al (502) 589-1243",
    )
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        'warning: hotlines.yaml:2: 988 Suicide & Crisis Lifeline: translations: es: name: "998" '
        "is not a number of this entry (988); a translation must print the same numbers",
        'warning: hotlines.yaml:2: 988 Suicide & Crisis Lifeline: translations: es: notes: "898" '
        "is not a number of this entry (988); a translation must print the same numbers",
        'warning: hotlines.yaml:10: River Warmline: translations: es: notes: "(502) 589-1243" '
        "is not a number of this entry ((502) 589-1234); a translation must print the same numbers",
        UNAPPROVED,
    ]


def test_strict_makes_a_changed_number_an_error(tmp_path):
    project(tmp_path, notes="Llame o envíe un mensaje al 898.")
    result = run("check", str(tmp_path), "--strict")
    assert result.exit_code == 1
    message = (
        'hotlines.yaml:2: 988 Suicide & Crisis Lifeline: translations: es: notes: "898" is not a '
        "number of this entry (988); a translation must print the same numbers"
    )
    assert result.stderr.splitlines() == [
        f"{message} (--strict)",
        f"{never_approved()} (--strict)",
    ]


def test_the_primary_edition_alone_is_warned_too(tmp_path):
    # The numbers are one for every edition: checking only English still names the Spanish one.
    project(tmp_path, notes="Llame o envíe un mensaje al 898.")
    result = run("check", str(tmp_path), "--locale", "en")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if STRICT_LINE in line] == [
        'warning: hotlines.yaml:2: 988 Suicide & Crisis Lifeline: translations: es: notes: "898" '
        "is not a number of this entry (988); a translation must print the same numbers"
    ]


@pytest.mark.parametrize(
    "words",
    [
        {},  # the same numbers in other words: 988, 2019, 1200-1300
        {"notes": "Llame o envíe un mensaje al 988, o chatee en línea."},
        {"warmline": "Llame al (502) 589-1234 o al 502.589.1234."},  # the number, any grouping
        {"warmline": "Llame al +1 502 589 1234."},  # as dialled from abroad
        {"warmline": "Desde 2019."},  # the year as written in the notes
        {"hours": "lunes a viernes, 0900-1700"},  # hours are times, written each language's way
        {"name": "Línea de Prevención del Suicidio"},  # a number left out is not a wrong one
        {"notes": "Llame al 98."},  # two digits: no number to dial
        {"notes": "Llame al ٩٨٨."},  # 988 in Arabic-Indic digits
    ],
)
def test_a_faithful_translation_gives_no_warning(tmp_path, words):
    project(tmp_path, **words)
    result = run("check", str(tmp_path))
    assert (result.exit_code, result.stderr) == (0, f"{UNAPPROVED}\n"), result.output


@pytest.mark.parametrize(
    ("words", "run_", "field"),
    [
        ({"warmline": "Abierta desde 2091."}, "2091", "notes"),  # a year mistyped
        ({"warmline": "Llame al (502) 598-1234."}, "(502) 598-1234", "notes"),
        ({"warmline": "Llame al 911 si hay peligro."}, "911", "notes"),  # not in the original
        ({"notes": "Llame al ٩٨٩."}, "٩٨٩", "notes"),  # 989 in Arabic-Indic digits
        ({"name": "Línea 9888"}, "9888", "name"),
        # Each group is part of 502-589-1234; the whole number is another.
        ({"warmline": "Llame al 502-258-9123."}, "502-258-9123", "notes"),
    ],
)
def test_any_digit_run_the_entry_does_not_print_warns(tmp_path, words, run_, field):
    project(tmp_path, **words)
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.output
    line, unapproved = result.stderr.splitlines()
    assert unapproved == UNAPPROVED
    assert f': translations: es: {field}: "{run_}" is not a number of this entry (' in line
    assert line.endswith(STRICT_LINE)


def test_every_number_of_the_entry_is_listed_and_a_url_only_entry_has_none(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(
        tiny_config("River Org", "river", "locales: [en, es]\n")
    )
    (tmp_path / "hotlines.yaml").write_text(
        "hotlines:\n"
        "  - name: Lifeline\n"
        '    phone: "800-273-8255"\n'
        '    text: "741741"\n'
        "    category: crisis\n"
        "    verified: 2026-11-01\n"
        '    translations: {es: {notes: "Envíe HOME al 741714."}}\n'
        "  - name: Chat\n"
        "    url: https://example.org\n"
        "    category: crisis\n"
        "    verified: 2026-11-01\n"
        '    translations: {es: {notes: "Chat las 24 horas, o llame al 988."}}\n' + EMERGENCY,
        encoding="utf-8",
    )
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if "translation" in line] == [
        'warning: hotlines.yaml:2: Lifeline: translations: es: notes: "741714" is not a number '
        "of this entry (1-800-273-8255, 741741); a translation must print the same numbers",
        'warning: hotlines.yaml:8: Chat: translations: es: notes: "988" is not a number of this '
        "entry (it has none); a translation must print the same numbers",
    ]


def test_a_csv_translation_column_is_checked_at_its_row(tmp_path):
    config = tiny_config("River Org", "river", "locales: [en, es]\nhotlines: numbers.csv\n")
    (tmp_path / "pocketguide.yaml").write_text(config)
    (tmp_path / "numbers.csv").write_text(
        "name,phone,category,verified,name:es,notes:es\n"
        "Emergency services,911,emergency,2026-11-01,Servicios de emergencia,Llame al 911\n"
        "River Warmline,502-589-1234,warmline,2026-11-01,Línea River,Llame al 502-589-1243\n",
        encoding="utf-8",
    )
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        'warning: numbers.csv:3: River Warmline: translations: es: notes: "502-589-1243" is not '
        "a number of this entry ((502) 589-1234); a translation must print the same numbers",
        f"warning: {never_approved('numbers.csv')}",
    ]


def test_the_build_warns_too(tmp_path):
    project(tmp_path, warmline="Llame al (502) 589-1243")
    result = run("build", str(tmp_path), "--locale", "es", "--format", "card-single")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        'warning: hotlines.yaml:10: River Warmline: translations: es: notes: "(502) 589-1243" '
        "is not a number of this entry ((502) 589-1234); a translation must print the same numbers",
        UNAPPROVED,
    ]


def test_a_number_in_notes_that_no_entry_has_warns(tmp_path):
    # A coordinator changed the warmline's number; "after hours, call 502-589-1234" stayed in
    # another entry's notes and printed, and nothing, not even check --strict, said so.
    text = HOTLINES.format(**FAITHFUL).replace(
        '"Call or text 988, or chat online."',
        '"Call or text 988. After hours, call 502-589-1234; or (502) 589-4321."',
    )
    (tmp_path / "pocketguide.yaml").write_text(tiny_config("River Org", "river"))
    (tmp_path / "hotlines.yaml").write_text(text, encoding="utf-8")
    result = run("check", str(tmp_path), "--strict")
    assert result.exit_code == 1
    # 502-589-1234 is the warmline's own number: a number another entry has is checked there.
    assert "589-1234" not in result.stderr
    assert [line for line in result.stderr.splitlines() if "589" in line][-1:] == [
        'hotlines.yaml:2: 988 Suicide & Crisis Lifeline: notes: "(502) 589-4321" '
        "is not the number of any entry, so nothing checks it and no PDF in this language prints "
        '"Numbers verified as of"; if a number changed, change it here too, or give it an entry '
        "of its own (--strict)"
    ]


def test_translated_hours_left_behind_by_an_edit_warn_at_the_entry(tmp_path):
    # The warmline's hours became 10am-6pm in English; the Spanish edition still said 9 to 5.
    project(tmp_path, hours="lun-vie 9-17 h")
    text = (tmp_path / "hotlines.yaml").read_text(encoding="utf-8")
    (tmp_path / "hotlines.yaml").write_text(text.replace("9am-5pm", "10am-6pm"), encoding="utf-8")
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        'warning: hotlines.yaml:10: River Warmline: translations: es: hours: "lun-vie 9-17 h" '
        'says 09:00, 17:00, which hours ("Mon-Fri 10am-6pm") does not; if the hours changed, '
        "change them here too",
        UNAPPROVED,
    ]


@pytest.mark.parametrize(
    ("english", "spanish", "which"),
    [("24/7", "lun-vie 9-17 h", "is not"), ("Mon-Fri 9am-5pm", "24 horas", "is")],
)
def test_translated_hours_open_all_day_against_limited_hours_warn(
    tmp_path, english, spanish, which
):
    # A weekday office line told Spanish readers it was open around the clock.
    project(tmp_path, hours=spanish)
    text = (tmp_path / "hotlines.yaml").read_text(encoding="utf-8")
    (tmp_path / "hotlines.yaml").write_text(
        text.replace('hours: "Mon-Fri 9am-5pm"', f'hours: "{english}"'), encoding="utf-8"
    )
    result = run("check", str(tmp_path))
    assert result.stderr.splitlines() == [
        f'warning: hotlines.yaml:10: River Warmline: translations: es: hours: "{spanish}" {which} '
        f'open all day, but hours ("{english}") says otherwise; if the hours changed, change them '
        "here too",
        UNAPPROVED,
    ]


def test_a_near_miss_in_an_entrys_notes_warns(tmp_path):
    # "Call or text 9-8-9" in notes printed on the crisis page with no warning.
    (tmp_path / "pocketguide.yaml").write_text(tiny_config("River Org", "river"))
    (tmp_path / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Warmline\n    phone: 502-589-1234\n    category: warmline\n"
        '    notes: "At night, call or text 9-8-9."\n'
    )
    warnings = run("check", str(tmp_path)).stderr.splitlines()
    assert (
        'warning: hotlines.yaml:2: Warmline: notes: "989" is one keystroke from 988 (the 988 '
        "Suicide & Crisis Lifeline); check its digits"
    ) in warnings
