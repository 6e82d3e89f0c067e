"""988 and 911 in the guide's text must work where the organization is; init fits the region."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run, tiny_config
from pocketguide.init import emergency_number
from pocketguide.phones import is_emergency, parse_number
from pocketguide.prose import link_findings, phone_links
from pocketguide.resources import content_dir
from pocketguide.shortcodes import foreign_codes


def test_short_codes_that_do_not_work_in_the_region_are_found():
    text = "Call or text 988.\nIn danger, call 911 or 988.\nLine 1-988-555-0100, room 9880.\n"
    assert foreign_codes(text, "US") == []
    assert foreign_codes(text, "CA") == []
    assert foreign_codes(text, "GB") == [(1, ["988"]), (2, ["911", "988"])]
    assert foreign_codes(text, "MX") == [(1, ["988"]), (2, ["988"])]  # 911 works in Mexico
    # phonenumbers takes 911 and 988 as valid in New Zealand; 999 is the UK's, not Australia's.
    assert foreign_codes(text, "NZ") == [(1, ["988"]), (2, ["911", "988"])]
    assert foreign_codes("Call 999 now. Call 000.\nOver 1,000 people.", "AU") == [(1, ["999"])]
    assert foreign_codes("Call 999 now. Call 000.", "GB") == [(1, ["000"])]


@pytest.mark.parametrize(("region", "number"), [("GB", "999"), ("AU", "000"), ("DE", "112")])
def test_init_outside_north_america_starts_from_the_local_emergency_number(
    tmp_path, region, number
):
    assert emergency_number(region) == number
    result = run("init", str(tmp_path / "org"), "--region", region)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "The guide's text tells readers to call your crisis line: give it an entry with "
        "category: crisis."
    )
    hotlines = (tmp_path / "org" / "hotlines.yaml").read_text()
    assert f'phone: "{number}"' in hotlines and "988" not in hotlines and "555" not in hotlines


def test_an_override_with_local_numbers_clears_its_error(tmp_path):
    project = tmp_path / "org"
    run("init", str(project), "--region", "GB")
    hotlines = project / "hotlines.yaml"
    crisis = '  - name: Samaritans\n    phone: "116 123"\n    category: crisis\n'
    hotlines.write_text(hotlines.read_text().replace("hotlines:\n", "hotlines:\n" + crisis))
    own = project / "content" / "en" / "guide.yaml"
    own.parent.mkdir(parents=True, exist_ok=True)
    text = (content_dir() / "en" / "guide.yaml").read_text(encoding="utf-8")
    own.write_text(text.replace("{crisis}", "116 123"), encoding="utf-8")
    lines = run("check", str(project)).stderr.splitlines()
    assert not any("guide.yaml" in line for line in lines)
    # Written from memory of a US guide: 911 and 988 reach no one in the UK.
    own.write_text(text.replace("{emergency}", "911").replace("{crisis}", "988"), "utf-8")
    lines = run("check", str(project)).stderr.splitlines()
    assert (
        'content/en/guide.yaml:7: "911" and "988" are not numbers to call in GB: write '
        "{emergency} or {crisis} (filled in from your hotlines file) or your local number"
    ) in lines


def test_default_guide_and_us_projects_are_unaffected(tmp_path):
    assert run("check", str(tmp_path)).exit_code == 0
    project = Path(tmp_path / "us")
    run("init", str(project), "--region", "US")
    assert run("check", str(project)).exit_code == 0


def test_phone_links_in_prose_are_checked_like_hotlines():
    text = (
        "Call [the team](tel:+1-502-589-1234) or [988](tel:988).\n"
        "[Warmline](tel:911-WRONG) and <a href='sms:abc'>text</a>, [x](TEL:502%20589%201234)\n"
        "[ext](tel:+1-502-589-1234;ext=12) [body](sms:741741?body=HOME) [short](tel:12345)\n"
    )
    assert link_findings(text, "US")[0] == [
        (
            2,
            'the link tel:911-WRONG: "911-WRONG" contains "W"; '
            "use only digits, spaces and + - . ( )",
        ),
        (2, 'the link sms:abc: "abc" contains "a"; use only digits, spaces and + - . ( )'),
        (3, 'the link tel:12345: "12345" is not a valid US phone number'),
    ]


def test_a_phone_autolink_prints_its_number():
    # <tel:988> was read as an HTML tag and dropped: "call or text ." with no warning.
    from pocketguide.markup import to_html

    assert to_html(
        "Call <tel:988> or text <SMS:741741?body=HOME>, <tel:+1-502-589-1234;ext=2>"
    ) == (
        '<p>Call <a href="tel:988">988</a> or text <a href="SMS:741741?body=HOME">741741</a>, '
        '<a href="tel:+1-502-589-1234;ext=2">+1-502-589-1234</a></p>'
    )


def test_a_bad_phone_link_in_a_section_stops_the_build(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text("organization:\n  name: Link Org\n  slug: link\n")
    section = tmp_path / "content/en/sections/closing.md"
    section.parent.mkdir(parents=True)
    section.write_text("---\ntitle: Closing\n---\n\nCall [us](tel:502-589-123).\n")
    result = run("build", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        'content/en/sections/closing.md:5: the link tel:502-589-123: "502-589-123" '
        "is not a valid US phone number\n"
    )
    assert not (tmp_path / "output" / "link-guide-en.pdf").exists()


def test_init_writes_a_real_emergency_number_for_every_region():
    import phonenumbers

    from pocketguide.ambulance import AMBULANCE, EUROPEAN_UNION, MEDICAL_EMERGENCY
    from pocketguide.phones import knows_emergency

    # Two sources for every number printed without an entry: phonenumbers and a second one
    # (the checked table, the EU's 112, or the list's ambulance column), never a guess.
    second = {r: {n} for r, n in MEDICAL_EMERGENCY.items()} | {r: {"112"} for r in EUROPEAN_UNION}
    wrong = [
        (region, number)
        for region in sorted(phonenumbers.SUPPORTED_REGIONS)
        if (number := emergency_number(region))
        and not (
            knows_emergency(region)
            and phonenumbers.is_emergency_number(number, region)
            and number in second.get(region, set(AMBULANCE.get(region, ())))
        )
    ]
    assert wrong == []
    assert emergency_number("MA") == "15"  # not 112, which reaches no one in Morocco
    # Senegal's 17 is the police: the list's ambulance number, 18, which phonenumbers confirms.
    assert emergency_number("SN") == "18"
    # The list says 100 reaches an ambulance in the Maldives; phonenumbers lists 102 and 119:
    # two sources that disagree give no number, so the project must write its own.
    assert emergency_number("MV") is None
    assert emergency_number("AT") == "112"  # the European Union's number, by law
    assert emergency_number("SA") == "997"  # the Red Crescent's ambulances, not 911


def test_init_where_no_emergency_number_is_known_starts_with_an_empty_list(tmp_path):
    assert emergency_number("GN") is None
    result = run("init", str(tmp_path / "gn"), "--region", "GN")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "The guide's text tells readers to call your emergency number and your crisis line: "
        "give them entries with category: emergency and category: crisis."
    )
    path = tmp_path / "gn" / "hotlines.yaml"
    hotlines = path.read_text()
    assert "hotlines:\n  # pocketguide knows no emergency number for GN that two sources" in (
        hotlines
    )
    # Taking away the # as the comment says gives a list with the entry (it was invalid YAML).
    example = (
        '  # - name: "Emergency services"\n  #   phone: "..."\n  #   hours: 24/7\n'
        "  #   category: emergency\n"
    )
    assert example in hotlines
    path.write_text(hotlines.replace(example, example.replace("# ", "").replace('"..."', "18")))
    said = run("check", str(tmp_path / "gn")).stderr
    assert "invalid YAML" not in said and "no emergency number" not in said
    assert "no crisis line with a phone number" in said  # still to add, as init said
    path.write_text(hotlines)
    check = run("check", str(tmp_path / "gn"))
    # The list itself is valid: only the numbers the guide's text names are missing.
    said = [line for line in check.stderr.splitlines() if line.startswith("hotlines.yaml")]
    assert [line.split(" to print")[0] for line in said] == [
        "hotlines.yaml: no emergency number",
        "hotlines.yaml: no crisis line with a phone number",
    ]


def test_phone_links_keep_spaces_inside_markdown_brackets_and_stop_at_yaml_escapes():
    text = (
        "[b](tel:+44 20 7946 1000) [c](<tel:+44 20 7946 1001>)\n"
        'quick: "Call <a href=\\"tel:988\\">988</a> now" [x](tel:1&#50;3)\n'
    )
    assert [(line, raw) for line, _link, _scheme, raw in phone_links(text)] == [
        (1, "+44 20 7946 1000"),
        (1, "+44 20 7946 1001"),
        (2, "988"),
        (2, "123"),
    ]
    assert link_findings(text, "US")[0] == [
        (2, 'the link tel:1&#50;3: "123" is not a valid US phone number')
    ]


def test_valid_but_doubtful_phone_links_warn():
    text = (
        "[y](tel:9111) [z](tel:+1-502-555-0142) [ok](tel:+1-502-589-1234)\n"
        "[t](tel:741741) [ok](sms:741741)\n"
    )
    assert link_findings(text, "US")[1] == [
        (
            1,
            "the link tel:9111: 9111 starts with the emergency number 911; "
            "check for an extra digit",
        ),
        (
            1,
            "the link tel:+1-502-555-0142: (502) 555-0142 is a fictional number (555-0100 to "
            "555-0199 are kept for examples); put in the real one; "
            "until then no PDF prints the verified date",
        ),
        (
            2,
            "the link tel:741741: 741741 is a text-message short code, not a number to call; "
            "check for missing digits, or give it as a number to text",
        ),
    ]


@pytest.mark.parametrize(
    ("args", "locale"),
    [
        (("--region", "AU"), "en-AU"),  # was `en`: US spelling and dates in Brisbane
        (("--region", "KE"), "en-KE"),  # and in Nairobi and Lagos
        (("--region", "NG"), "en-NG"),
        (("--region", "US"), "en"),
        (("--region", "CA"), "en-CA"),  # colour and centre, organize and math
        (("--region", "AU", "--locale", "en_au"), "en-AU"),  # `en-au` would not build
        (("--region", "MX", "--locale", "ES-mx"), "es-MX"),
    ],
)
def test_init_starts_the_edition_a_reader_in_the_region_expects(tmp_path, args, locale):
    result = run("init", str(tmp_path / "org"), *args)
    assert result.exit_code == 0, result.output
    config = (tmp_path / "org" / "pocketguide.yaml").read_text(encoding="utf-8")
    assert re.search(r"^locales: \[(.*)\]", config, re.MULTILINE)[1] == locale


@pytest.mark.parametrize(
    ("region", "number"),
    # init wrote 911 in the Netherlands and Brazil, Japan's police (110) for an overdose.
    [("NL", "112"), ("BR", "192"), ("JP", "119"), ("KR", "119"), ("US", "911"), ("GB", "999")],
)
def test_the_emergency_number_is_the_one_for_a_medical_emergency(tmp_path, region, number):
    from pocketguide.ambulance import MEDICAL_EMERGENCY

    assert all(is_emergency(parse_number(n, r), r) for r, n in MEDICAL_EMERGENCY.items())
    assert emergency_number(region) == number
    assert run("init", str(tmp_path / "org"), "--region", region).exit_code == 0
    hotlines = (tmp_path / "org" / "hotlines.yaml").read_text()
    assert re.search(rf'phone: "?{number}"?\n    hours: 24/7\n    category: emergency', hotlines)


@pytest.mark.parametrize(
    "line",
    # Only English and Spanish verbs were read: the French and Arabic editions' typos passed.
    ["call 991", "llama al 991", "appelez le 991", "Ruf 991 an", "اتصل على ٩٩١"],
)
def test_a_mistyped_code_after_a_verb_to_call_warns_in_any_edition(line):
    from pocketguide.prose import stray_numbers

    assert stray_numbers(line, "US", set()) == (
        [],
        [(1, '"991" is one keystroke from 911 (emergency services); check its digits')],
    )


def test_a_longer_number_that_starts_with_911_is_no_foreign_code():
    # Madrid's numbers begin 91: "911 385 385" stopped the build, suggesting {emergency}.
    assert foreign_codes("puedes llamar al 911 385 385", "ES") == []
    assert foreign_codes("llama al 911 ahora", "ES") == [(1, ["911"])]


@pytest.mark.parametrize(
    ("region", "printed"),
    [
        ("TZ", None),  # 114 is the fire and rescue force's
        ("LK", None),  # 110 is Colombo's fire unit; the ambulance, 1990, phonenumbers lacks
        ("GH", None),  # 193 merged into 112 in 2020, which phonenumbers lacks
        ("BO", None),  # the health ministry's 168, which phonenumbers lacks
        ("YE", None),  # no national number found
        ("AO", None),  # INEMA's 116, which phonenumbers lacks
        ("GT", None),  # the volunteer firefighters' 122, which phonenumbers lacks
        ("EC", "911"),  # 131 was switched off
        ("GI", "112"),  # 190 gave way to 999, which phonenumbers lacks
        ("AZ", "103"),  # the ambulance's own number comes before 112
        ("AL", "127"),  # the national medical emergency centre's
        ("ID", "119"),  # the health ministry's national number, not Jakarta's 118
        ("UG", "999"),  # the health ministry sends ambulance calls through it
    ],
)
def test_ambulance_numbers_follow_the_official_sources(region, printed):
    assert emergency_number(region) == printed


@pytest.mark.parametrize(("region", "number"), [("LK", "1990"), ("GH", "112"), ("BO", "168")])
def test_an_ambulance_number_phonenumbers_lacks_is_accepted_as_an_entry(region, number):
    assert is_emergency(parse_number(number, region), region)


@pytest.mark.parametrize(
    ("line", "code"), [("call 9-1-1 straight away.", "9-1-1"), ("Or call 9 1 1.", "9 1 1")]
)
def test_a_foreign_code_spelled_out_is_still_foreign(line, code):
    # "call 911" was an error in a British guide; "call 9-1-1" passed.
    assert foreign_codes(line, "GB") == [(1, [code])]
    assert foreign_codes(line, "US") == []


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Call or text 9-8-9, or chat online.", "989"),
        ("Call 9.8.9", "989"),
        ("try calling 9-1-2", "912"),
        ("Dialing 989", "989"),
        ("texting HOME to 741714", "741714"),
        ("puedes llamar al 998", "998"),
        ("Marque el 989", "989"),
        ("Llamen al 989", "989"),
        ("Comunícate con el 989", "989"),
        ("Escribe HOLA al 741714", "741714"),
        ("Manda un mensaje al 741714", "741714"),
    ],
)
def test_near_misses_after_more_dial_words_and_spelled_out_warn(line, code):
    from pocketguide.dialwords import mistyped_codes

    [warning] = mistyped_codes(line, "US")
    assert warning.startswith(f'"{code}" is one keystroke from ')


@pytest.mark.parametrize(
    ("line", "region"),
    [
        ("Llama lun-vie 9-17 h al 502-555-0142", "US"),
        ("Call us Mon-Fri 9.30-17.00", "US"),
        ("Text 741741", "US"),
        # An area code in brackets, a year, an address, a date, an extension, a menu option,
        # a friend count, and Britain's police line: none is a mistyped code.
        ("call the warmline at (212) 639-9675", "US"),
        ("Call us, here since 2011", "US"),
        ("Call us at 912 Main Street", "US"),
        ("call before 1.1.27", "US"),
        ("Call extension 989", "US"),
        ("Call 502-589-1234 and press option 2", "US"),
        ("call 2-3 friends", "US"),
        ("call 101 for the police", "GB"),
    ],
)
def test_ordinary_words_after_dial_words_are_no_near_misses(line, region):
    from pocketguide.dialwords import mistyped_codes

    assert mistyped_codes(line, region) == []


@pytest.mark.parametrize(
    ("line", "region", "code"),
    [
        ("Samaritans are on 116 132, day or night.", "GB", "116132"),
        ("Samaritans are on ١١٦ ١٣٢", "GB", "116132"),  # Arabic-Indic digits
        ("Lifeline: 13 11 41", "AU", "131141"),
        ("HOME to 741-714", "US", "741714"),
    ],
)
def test_a_mistyped_code_written_in_groups_warns_without_a_dial_word(line, region, code):
    from pocketguide.dialwords import mistyped_codes

    [warning] = mistyped_codes(line, region)
    assert warning.startswith(f'"{code}" is one keystroke from ')


@pytest.mark.parametrize(
    ("line", "region"),
    [
        # Each is one keystroke from a well-known code, but no code: the right one, a room,
        # a range, a sort code, a count after a thousands comma, a sum of money, a date.
        ("Samaritans are on 116 123", "GB"),
        ("Room 116 132", "GB"),
        ("Pages 131-141 cover this", "AU"),
        ("Sort code 11-61-32", "GB"),
        ("about 1,311 14-year-olds", "AU"),
        ("We raised £85 250 last year", "GB"),
        ("Open 9:30-17:00, 13/11/14", "AU"),
    ],
)
def test_groups_of_digits_that_are_no_mistyped_code_pass(line, region):
    from pocketguide.dialwords import mistyped_codes

    assert mistyped_codes(line, region) == []


def test_a_number_in_the_text_one_keystroke_from_an_entrys_says_so_first():
    from pocketguide.prose import stray_numbers

    [(_line, said)] = stray_numbers("Our front desk: 416-408-4375.", "CA", {"+14164084357"})[0]
    assert said.startswith(
        '"416-408-4375" is one keystroke from an entry\'s (416) 408-4357: check its digits; as '
        "written, it is no hotline entry's number"
    )
    [(_line, said)] = stray_numbers("Our front desk: 416-555-1234.", "CA", {"+14164084357"})[0]
    assert said.startswith('"416-555-1234" is no hotline entry\'s number')


@pytest.mark.parametrize(
    "text",
    [
        '  - "No danger now? Mobile crisis team, (502)\n    589-8601"',  # a folded YAML string
        "at (502)\n> 589-8601.",  # a wrapped blockquote
        "call **502**-589-8601 now",
        "call 502&nbsp;589&nbsp;8601 now",
        "call 502\\-589\\-8601 now",
    ],
)
def test_a_number_split_in_the_source_is_read_as_it_prints(text):
    # Each printed whole (and was linked), but no line held all of it: nothing was checked.
    from pocketguide.prose import stray_numbers

    [(line, said)] = stray_numbers(text, "US", {"+15025898600"})[0]
    assert line == 1 and "is one keystroke from an entry's (502) 589-8600" in said


@pytest.mark.parametrize("written", ["07700 900461", "01632 960961"])
def test_a_drama_number_in_the_text_takes_the_date_away(written):
    # phonenumbers calls Ofcom's drama ranges invalid, so the text check passed them over.
    from pocketguide.prose import stray_numbers

    assert stray_numbers(f"ring our coordinator, Sam, on {written}.", "GB", set()) == (
        [
            (
                1,
                f'"{written}" is a fictional number (Ofcom keeps it for drama); put in the real '
                'one: until then no PDF in this language prints "Numbers verified as of"',
            )
        ],
        [],
    )


@pytest.mark.parametrize("line", ["Tel: 502-589-4313", "Shout: text SMS: 85258", "Tel:030 1234"])
def test_tel_written_as_a_label_is_no_link(line):
    # "Tel: 502-589-4313" was an error: "the link Tel:: is empty".
    from pocketguide.prose import phone_links

    assert phone_links(line) == []
    assert phone_links(f'{line} [call](tel:+15025894313) <a href="tel:988">') == [
        (1, "tel:+15025894313", "tel", "+15025894313"),
        (1, "tel:988", "tel", "988"),
    ]


@pytest.mark.parametrize(
    ("text", "region", "entry", "shown"),
    [
        ("Call the centre on 9686 1243 any weekday.", "AU", "+61396861234", "(03) 9686 1234"),
        ("Our front desk: 589-1253.", "US", "+15025891235", "(502) 589-1235"),
        ("Ring 7946-0124 for a lift.", "GB", "+442079460142", "020 7946 0142"),
    ],
)
def test_a_local_number_one_keystroke_from_an_entrys_takes_the_date_away(
    text, region, entry, shown
):
    # A Melbourne centre wrote its own number without the area code, two digits swapped: no
    # check could read it, and it printed beside "Numbers verified as of".
    from pocketguide.prose import stray_numbers

    [(line, said)] = stray_numbers(text, region, {entry})[0]
    written = re.search(r"\d[\d -]+\d", text).group(0)
    assert line == 1
    assert said.startswith(
        f'"{written}" is one keystroke from an entry\'s {shown} (written without its area code): '
        "check its digits; as written, it is no hotline entry's number"
    )


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Call the centre on 9686 1234 any weekday.", "AU"),  # its own, without the area code
        ("Call the centre on (03) 9686 1234.", "AU"),  # its own, whole
        ("Meeting ID 9686 1243", "AU"),
        ("Room 1234 5678 on level 2", "AU"),  # far from any entry: may be anything
        ("In 2025 1234 people came", "AU"),
    ],
)
def test_local_numbers_that_are_no_near_miss_say_nothing(text, region):
    from pocketguide.prose import stray_numbers

    assert stray_numbers(text, region, {"+61396861234", "+61412345678"}) == ([], [])


def test_a_local_near_miss_in_an_entrys_notes_takes_the_date_away(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(tiny_config("Centre", "centre", "region: AU\n"))
    (tmp_path / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Centre line\n    phone: (03) 9686 1234\n    category: warmline\n"
        '    notes: "Front desk: 9686 1243."\n'
        "  - name: Lifeline\n    phone: 13 11 14\n    category: crisis\n"
    )
    warnings = run("check", str(tmp_path)).stderr.splitlines()
    assert (
        'warning: hotlines.yaml:2: Centre line: notes: "9686 1243" is one keystroke from '
        "(03) 9686 1234 written without its area code: check its digits; as written, it is not "
        "the number of any entry, so nothing checks it and no PDF in this language prints "
        '"Numbers verified as of"; if a number changed, change it here too, or give it an entry '
        "of its own"
    ) in warnings
